"""Length-prefixed pickle frames: how a classifier worker process and its parent talk.

A module apart from ``worker`` so the parent never imports the worker's program.
"""

from __future__ import annotations

import pickle
import struct
from typing import IO, Any

_LENGTH = struct.Struct("!Q")


def write_frame(stream: IO[bytes], message: Any) -> None:
    """Send one message: its pickle's length, then the pickle."""
    payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LENGTH.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def read_frame(stream: IO[bytes]) -> Any:
    """Receive one message; ``EOFError`` when the other side closed the stream."""
    header = _read_exactly(stream, _LENGTH.size)
    payload = _read_exactly(stream, _LENGTH.unpack(header)[0])
    return pickle.loads(payload)  # noqa: S301 (frames of our own parent or child process)


def _read_exactly(stream: IO[bytes], size: int) -> bytes:
    data = stream.read(size)
    if len(data) != size:
        raise EOFError("the stream ended inside a frame" if data else "the stream ended")
    return data


def sendable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a ``RuntimeError`` with its text."""
    try:
        pickle.loads(pickle.dumps(error))  # noqa: S301 (our own bytes)
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}")
    return error
