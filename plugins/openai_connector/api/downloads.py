"""Downloaded bodies kept in spooled temp files, so memory stays bounded for big files."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Literal, Self

from openai_connector.api.models import LogFile

FileKind = Literal["user", "gpt", "project"]
FetchStatus = Literal["fetched", "expired", "not_found", "too_large"]


class SpooledBody:
    """A verified body: in memory up to a limit, on disk beyond; close it when done."""

    def __init__(
        self, file: IO[bytes], *, size: int, sha256: str, content_type: str | None = None
    ) -> None:
        self._file = file
        self.size = size
        self.sha256 = sha256
        self.content_type = content_type

    def open(self) -> IO[bytes]:
        """The body as a binary file, rewound to its start."""
        self._file.seek(0)
        return self._file

    def read(self) -> bytes:
        """The whole body; prefer `open()` or `iter_lines()` for large files."""
        return self.open().read()

    def iter_lines(self) -> Iterator[bytes]:
        """Lines of the body (with their line endings), read from the spool."""
        yield from self.open()

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class DownloadedLog(SpooledBody):
    """A log file whose body matched its advertised sha256 (and size)."""

    def __init__(self, log_file: LogFile, body: SpooledBody) -> None:
        super().__init__(body.open(), size=body.size, sha256=body.sha256)
        self.log_file = log_file


@dataclass
class FileFetch:
    """Outcome of fetching a file's content: expired and missing files are outcomes too."""

    kind: FileKind
    file_id: str
    status: FetchStatus
    body: SpooledBody | None = field(default=None, repr=False)
    declared_size: int | None = None

    @property
    def size(self) -> int | None:
        return self.body.size if self.body is not None else self.declared_size

    @property
    def sha256(self) -> str | None:
        return self.body.sha256 if self.body is not None else None

    @property
    def content_type(self) -> str | None:
        return self.body.content_type if self.body is not None else None

    def _fetched_body(self) -> SpooledBody:
        if self.body is None:
            raise ValueError(f"{self.kind} file {self.file_id} was not fetched ({self.status})")
        return self.body

    def open(self) -> IO[bytes]:
        """The content as a binary file, rewound; only for status "fetched"."""
        return self._fetched_body().open()

    def read(self) -> bytes:
        """The whole content; only for status "fetched"."""
        return self._fetched_body().read()

    def close(self) -> None:
        if self.body is not None:
            self.body.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
