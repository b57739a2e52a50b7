"""Every query the server makes, grouped by the table it serves."""
