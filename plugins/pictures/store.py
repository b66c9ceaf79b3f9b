"""Processed pictures kept outside output/, so an unchanged picture costs nothing again.

A file's name is the digest of everything that made it: the source's bytes, the settings
that shape it and Pillow's version. A change to any of them names a new file; the same
inputs always find the same one, on any machine.
"""

import hashlib
import os
import tempfile
from pathlib import Path

from PIL import __version__ as PILLOW_VERSION


def key(source_bytes, *settings):
    """The digest naming what `settings` make of a source."""
    digest = hashlib.sha256(source_bytes)
    digest.update(repr((PILLOW_VERSION, settings)).encode())
    return digest.hexdigest()[:24]


def cached(folder, name, make):
    """The path of `name` in folder, calling make(path) first when it is not there yet.

    make writes to a temporary file that is renamed into place, so a build stopped
    half-way never leaves a half-written picture to be served next time.
    """
    path = Path(folder) / name
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".partial-", suffix=path.suffix)
    os.close(handle)
    try:
        make(Path(partial))
        os.replace(partial, path)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    return path
