"""Posters made once per deployment and then kept: on disk under <cache_dir>/<version>/, or in
memory when the disk cannot be written (a read-only volume)."""

from __future__ import annotations

import logging
import os
import tempfile
import threading
from pathlib import Path

from app.content.loader import Content
from app.posters import pdf
from app.posters.files import PosterFile, poster_files, version

log = logging.getLogger("app")


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename it: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_all(out_dir: Path, content: Content, base_url: str) -> list[Path]:
    """Every poster of poster_files() into out_dir (made when missing); the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for poster in poster_files(content):
        path = out_dir / poster.name
        write_atomically(path, pdf.render(poster, content, base_url))
        written.append(path)
    return written


class PosterStore:
    """Made once per deployment, never per request: on first use a poster is rendered (in the
    calling thread; the web layer calls it via a worker thread) under a lock per file, written
    atomically to cache_dir/<version>/<name>, and later calls return the file's bytes from disk
    (or from memory). If cache_dir cannot be created or written (a read-only volume) it logs one
    line and keeps the bytes in memory instead; it never raises for that."""

    def __init__(self, content: Content, base_url: str, cache_dir: Path) -> None:
        self._content = content
        self._base_url = base_url
        self.version = version(content, base_url)
        self._dir = cache_dir / self.version
        self._files = poster_files(content)
        self._by_name = {poster.name: poster for poster in self._files}
        self._locks = {poster.name: threading.Lock() for poster in self._files}
        self._memory: dict[str, bytes] = {}  # only when the disk cannot be written
        self._disk_ok = True
        self._disk_lock = threading.Lock()

    def files(self) -> list[PosterFile]:
        return list(self._files)

    def find(self, name: str) -> PosterFile | None:
        """The poster with this file name; None for any other name."""
        return self._by_name.get(name)

    def get(self, poster: PosterFile) -> bytes:
        """The poster's PDF, rendered on first use. Blocking; thread-safe."""
        name = poster.name
        if self._by_name.get(name) != poster:
            raise KeyError(f"not a poster of this deployment: {name}")
        with self._locks[name]:
            if name in self._memory:
                return self._memory[name]
            path = self._dir / name
            try:  # made before: by this store, another worker, or `python -m app posters`
                return path.read_bytes()
            except OSError:
                pass
            data = pdf.render(poster, self._content, self._base_url)
            if self._disk_ok:
                try:
                    self._dir.mkdir(parents=True, exist_ok=True)
                    write_atomically(path, data)
                    return data
                except OSError as exc:
                    self._disk_failed(exc)
            self._memory[name] = data
            return data

    def _disk_failed(self, exc: OSError) -> None:
        with self._disk_lock:
            if self._disk_ok:
                self._disk_ok = False
                log.warning(
                    "posters: cannot write %s (%s); keeping them in memory instead",
                    self._dir,
                    exc.strerror or type(exc).__name__,
                )
