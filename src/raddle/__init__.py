"""Raddle Teams: a live, team-based word-ladder party game."""

__version__ = "0.1.0"
