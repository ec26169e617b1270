"""Large regular expressions compiled once per installation instead of once per process.

The figure grammar's five patterns (25-43 KB each) take 0.3-0.8 s to compile, more than the
rest of a one-file ingest. Python cannot pickle a compiled pattern, but CPython compiles in two
steps: parsing to a list of integers (slow, in Python) and building the matcher from that list
(fast, in C). The list is kept in the user's cache folder, keyed by the pattern text, the flags,
the Python version and the regex engine's version, so an edited pattern or another Python
compiles afresh. Anything unexpected (another Python implementation, an unreadable or damaged
cache, a read-only home) falls back to ``re.compile``: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from pathlib import Path

_FORMAT = 1


def cache_dir() -> Path:
    """``$RELEXPLORER_CACHE_DIR``, else ``$XDG_CACHE_HOME/relexplorer``, else ``~/.cache/relexplorer``."""
    explicit = os.environ.get("RELEXPLORER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "relexplorer"


def compile_many(name: str, patterns: dict[str, str], flags: int = 0) -> dict[str, re.Pattern[str]]:
    """``{key: re.compile(pattern, flags)}``, read from the cache file ``name`` when it is valid."""
    engine = _engine()
    if engine is None or os.environ.get("RELEXPLORER_NO_CACHE"):
        return {k: re.compile(p, flags) for k, p in patterns.items()}
    key = _key(patterns, flags)
    path = cache_dir() / f"regex-{name}-{key[:24]}.marshal"
    stored = _load(path, key)
    if stored is not None:
        try:
            return {k: engine.compile(patterns[k], *stored[k]) for k in patterns}
        except (KeyError, TypeError, ValueError, RuntimeError):  # a damaged entry: compile afresh
            pass
    parts = {k: _parts(p, flags) for k, p in patterns.items()}
    _save(path, key, parts)
    return {k: engine.compile(patterns[k], *parts[k]) for k in patterns}


def _engine():
    """CPython's ``_sre`` when its compile step is the one this module knows, else None."""
    if sys.implementation.name != "cpython" or not hasattr(re, "_compiler"):
        return None
    try:
        import _sre
    except ImportError:
        return None
    return _sre if hasattr(_sre, "compile") and hasattr(_sre, "MAGIC") else None


def _key(patterns: dict[str, str], flags: int) -> str:
    import _sre

    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version}\0{_sre.MAGIC}\0{flags}".encode())
    for k in sorted(patterns):
        digest.update(f"\0{k}\0{patterns[k]}".encode())
    return digest.hexdigest()


def _parts(pattern: str, flags: int) -> tuple:
    """What ``re._compiler.compile`` hands to ``_sre.compile`` after the pattern text."""
    compiler = re._compiler
    parsed = compiler._parser.parse(pattern, flags)
    code = [int(op) for op in compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _load(path: Path, key: str) -> dict | None:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("parts"), dict):
        return None
    return data["parts"]


def _save(path: Path, key: str, parts: dict) -> None:
    """Write the cache atomically; a folder that cannot be written is left alone."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(marshal.dumps({"key": key, "parts": parts}))
            os.replace(tmp, path)
        except BaseException:  # not a handler: the half-written file goes, the error goes on
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return
    for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.marshal"):  # earlier patterns'
        if old != path:
            old.unlink(missing_ok=True)
