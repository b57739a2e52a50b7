"""One function per use case: load, decide with game/, commit, then publish."""
