"""Small files beside the database (key slots, lockout state): atomic writes, translated errors.

Every write goes to a temporary file in the same folder, is fsynced, then replaces the target,
and the folder is fsynced, so a power cut leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from kiosk.errors import DiskFull, VaultError, VaultReadOnly

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}


def translate_os_error(error: OSError, what: str) -> VaultError:
    if error.errno in _NO_SPACE:
        return DiskFull(f"The disk is full: could not save {what}. Free some space and try again.")
    if error.errno in {errno.EROFS, errno.EACCES, errno.EPERM}:
        return VaultReadOnly(f"Cannot write {what}: the data folder is read-only or not permitted.")
    return VaultError(f"Could not save {what}: {error.strerror or error}.")


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a directory for fsync; NTFS replace is durable.
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(path: Path, data: bytes, *, what: str, mode: int = 0o600) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new content."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        fsync_dir(path.parent)
    except OSError as error:
        raise translate_os_error(error, what) from error
