"""The record inside ``project.lock`` that names who holds a project (host, pid, since).

The record is advisory: the operating-system lock decides who holds the project; the record
only lets the refusal message name the holder. A record read from disk is untrusted (a
project folder may come from anywhere), so parsing never raises and never believes more
than three small, typed fields.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import UTC, datetime

# Our own record is under 200 bytes; anything much larger is not ours and is not read whole.
MAX_RECORD_BYTES = 4096


@dataclass(frozen=True)
class LockHolder:
    host: str
    pid: int
    since: str

    @classmethod
    def this_process(cls) -> LockHolder:
        return cls(
            host=socket.gethostname(),
            pid=os.getpid(),
            since=datetime.now(UTC).isoformat(timespec="seconds"),
        )

    def to_bytes(self) -> bytes:
        return json.dumps({"host": self.host, "pid": self.pid, "since": self.since}).encode()

    def describe(self) -> str:
        return f"process {self.pid} on {self.host} since {self.since}"


@dataclass(frozen=True)
class LockRecord:
    """What a lock file held: nothing, a holder, or damage (with the reason, for the log)."""

    holder: LockHolder | None = None
    damage: str | None = None

    @property
    def empty(self) -> bool:
        return self.holder is None and self.damage is None


def parse_record(data: bytes, size: int) -> LockRecord:
    """Read a record of ``size`` bytes whose first bytes are ``data`` (at most the limit)."""
    if size > MAX_RECORD_BYTES:
        return LockRecord(damage=f"it is {size:,} bytes long, not a lock record")
    if not data.strip():
        return LockRecord()
    try:
        value = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        return LockRecord(damage="it is not UTF-8 text")
    except ValueError:
        return LockRecord(damage="it is not JSON")
    if not isinstance(value, dict):
        return LockRecord(damage="it is not a JSON object")
    host, pid, since = value.get("host"), value.get("pid"), value.get("since")
    # bool is an int in Python; a pid of `true` is as damaged as a pid of "x".
    if not (isinstance(host, str) and isinstance(since, str)
            and isinstance(pid, int) and not isinstance(pid, bool) and pid > 0):
        return LockRecord(damage="it lacks the host, pid or start time")
    # Shorten what goes into a message: a hostile record may carry a 4 KB host name.
    return LockRecord(holder=LockHolder(host=host[:255], pid=pid, since=since[:64]))


def holder_alive(holder: LockHolder) -> bool:
    """A guess where the operating system cannot lock files: is the holder still running?"""
    if holder.host != socket.gethostname() or os.name == "nt":
        # Cannot tell for another machine: assume it is still working. On Windows,
        # os.kill(pid, 0) would terminate the process instead of probing it.
        return True
    try:
        os.kill(holder.pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
