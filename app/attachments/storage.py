"""Where attachment bytes live. Local disk by default; the interface is what an S3-compatible backend implements."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol


class Storage(Protocol):
    def put(self, key: str, source: BinaryIO) -> None: ...
    def path(self, key: str) -> Path: ...
    def delete(self, key: str) -> None: ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root.resolve()

    def _target(self, key: str) -> Path:
        target = (self.root / key).resolve()
        if not target.is_relative_to(self.root):
            raise ValueError("storage key escapes the storage root")
        return target

    def put(self, key: str, source: BinaryIO) -> None:
        target = self._target(key)
        target.parent.mkdir(parents=True, exist_ok=True)
        # Write beside the target and rename, so a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                shutil.copyfileobj(source, out, length=1024 * 1024)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def path(self, key: str) -> Path:
        return self._target(key)

    def delete(self, key: str) -> None:
        self._target(key).unlink(missing_ok=True)


_storage: Storage | None = None


def get_storage() -> Storage:
    global _storage
    if _storage is None:
        from app.core.config import get_settings

        _storage = LocalStorage(get_settings().data_dir / "attachments")
    return _storage


def use_storage(storage: Storage | None) -> None:
    global _storage
    _storage = storage
