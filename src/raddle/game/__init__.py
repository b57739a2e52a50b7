"""The rules of the game: pure functions and data, no I/O and no framework imports.

- `words`: how a guess is compared with an answer, and a hidden rung's length pattern.
- `ladder`: frontiers, open rungs, progress, and the verdict on a guess.
- `clues`: the shuffled clue list, with only revealed words written in.
- `hints`: what a hint is about and what it costs.
- `scoring`: round points, places, the winner and the lobby leaderboard.
- `awards`: playful per-round awards from players' stats.
- `phase`: the lobby's phase machine and why a round ends.
- `dealing`: players onto teams, puzzles onto teams.
"""
