"""Child of the no-network test: run `annotator` commands with every way out to the network cut.

    python offline_run.py COMMANDS_JSON

COMMANDS_JSON is a list of argument lists for `annotator.cli.main`. Opening any socket other
than a local pair raises, and is recorded. Prints one JSON line: each command's exit status and
every attempt to reach the network.
"""

from __future__ import annotations

import json
import socket
import sys

attempts: list[str] = []
_real_socket = socket.socket


class NoNetworkSocket(_real_socket):
    def __init__(self, family: int = -1, *args: object, **kwargs: object) -> None:
        if family in (socket.AF_INET, socket.AF_INET6, -1):
            attempts.append(f"socket({family})")
            raise OSError("network access attempted in an offline test")
        super().__init__(family, *args, **kwargs)  # type: ignore[arg-type]


def refuse(name: str):
    def refused(*args: object, **kwargs: object) -> None:
        attempts.append(f"{name}{args!r}")
        raise OSError(f"{name} attempted in an offline test")

    return refused


socket.socket = NoNetworkSocket  # type: ignore[misc]
for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
    setattr(socket, name, refuse(name))

from annotator.cli import main  # noqa: E402

statuses = []
for argv in json.loads(sys.argv[1]):
    try:
        statuses.append(main(argv))
    except SystemExit as stop:
        statuses.append(stop.code)
print(json.dumps({"statuses": statuses, "attempts": attempts}))
