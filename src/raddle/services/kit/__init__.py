"""What every use case is built with, and nothing the game decides.

The context a use case runs in (`context`: the database transaction, retries,
the changes it records), the events it publishes and their audiences (`events`),
the cache of the hottest answers (`readmodel`), the name checks use cases share
(`guard`) and the test-only switches (`testing`). Named `kit` because it is the
services' own toolkit: it lives beside the use cases it serves, imports neither
them nor `raddle.views`, and a name like `runtime` would read as a sibling of
`raddle.realtime`, the socket server.
"""
