"""Writing export files: atomically (a temporary file and a rename), never replacing an existing
file unless told to, and several files (a Markdown export and its bibliography) all or none.
"""

from __future__ import annotations

import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from relexplorer.errors import ExportError


@dataclass(slots=True)
class _Pending:
    """One file being written: its target, its temporary file, and what committing it did."""

    path: Path
    tmp: str = ""
    backup: str = ""  # a hard link to the file it replaces, to put back if a later file fails
    committed: bool = False
    created: bool = False  # there was no file at the target before


def write_atomic(path: Path | str, content: str, *, overwrite: bool = False) -> Path:
    """Write ``content`` to ``path`` via a temporary file and a rename.

    Refuses to replace an existing file unless ``overwrite``; raises :class:`ExportError`
    with a clear message when the target cannot be written.
    """
    return write_all_atomic([(path, content)], overwrite=overwrite)[0]


def write_all_atomic(files: list[tuple[Path | str, str]], *, overwrite: bool = False) -> list[Path]:
    """Write several files so that either all are written or none is changed.

    Every target is checked before anything is written (so an existing bibliography stops the
    export before its Markdown is written); a failure while renaming puts back what the earlier
    renames replaced.
    """
    targets = [_checked_target(Path(p).expanduser(), overwrite) for p, _ in files]
    if len({os.path.abspath(t) for t in targets}) < len(targets):
        raise ExportError(f"{targets[-1]}: given twice; give each file its own name")
    pending = [_Pending(t) for t in targets]
    try:
        for item, (_, content) in zip(pending, files, strict=True):
            _write_temporary(item, content)
        for item in pending:
            _commit(item, overwrite)
    except BaseException:
        _roll_back(pending)
        raise
    finally:
        for item in pending:
            for leftover in (item.tmp, item.backup):
                if leftover and os.path.lexists(leftover):
                    os.unlink(leftover)
    return targets


def _checked_target(path: Path, overwrite: bool) -> Path:
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        # The rename would replace a device or a pipe (as root, /dev/null itself) with a file.
        raise ExportError(f"{path}: not a regular file (a device, pipe or socket); give a file name")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: already exists (use --force to overwrite)")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(f"{folder}: no such folder")
    return path


def _write_temporary(item: _Pending, content: str) -> None:
    path = item.path
    folder = path.parent if str(path.parent) else Path(".")
    # mkstemp makes the file private (0600); an export is an ordinary file, so it gets the mode
    # the user's umask gives new files, or keeps the mode of the file it replaces.
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o666 & ~_umask()
    try:
        fd, item.tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None


def _commit(item: _Pending, overwrite: bool) -> None:
    path = item.path
    item.created = not path.exists()
    try:
        if overwrite:
            if path.exists():
                item.backup = item.tmp + ".old"
                try:
                    os.link(path, item.backup)
                except OSError:
                    item.backup = ""  # no hard links here: this file cannot be put back
            os.replace(item.tmp, path)
        else:
            # link() fails if the name appeared meanwhile, so a racing writer is never clobbered.
            try:
                os.link(item.tmp, path)
            except FileExistsError:
                raise ExportError(f"{path}: already exists (use --force to overwrite)") from None
            except OSError:
                if path.exists():
                    raise ExportError(f"{path}: already exists (use --force to overwrite)") from None
                os.replace(item.tmp, path)
        item.committed = True
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror})") from None


def _roll_back(pending: list[_Pending]) -> None:
    """Undo the renames already made: remove the new files, put back the replaced ones."""
    for item in pending:
        if not item.committed:
            continue
        try:
            if item.backup:
                os.replace(item.backup, item.path)
            elif item.created:
                os.unlink(item.path)
        except OSError:
            pass  # best effort: the error that stopped the export is the one to report


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it straight back
    os.umask(mask)
    return mask
