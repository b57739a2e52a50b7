"""Live updates: the /ws endpoint, connections, fan-out and the hub between processes."""
