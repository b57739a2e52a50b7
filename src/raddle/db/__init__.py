"""Persistence: tables, engines and sessions, repositories (every query lives there)."""
