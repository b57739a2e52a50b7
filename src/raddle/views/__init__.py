"""What each audience sees, built from rows: the lobby, a round, summaries, snapshots, results.

Views read and shape; they never change anything, so they import no use case
(`raddle.services`), only the rows, the game's rules, the wire shapes and
`raddle.services.kit`.
"""
