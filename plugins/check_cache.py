"""Remembers the content checks' findings for files that have not changed.

The checks in content_checks.py read and examine every file at every build,
which after a one-article edit costs more than the rest of the rebuild. Their
findings about a file depend only on its text, its HTML, which files exist in
the content folder and today's date, so this plugin keys them on exactly that,
keeps them in the cache folder and asks the checks again only when a key changes.

A file that links to a section of another file (`{filename}other.md#part`) is
always checked afresh, because the other file's headings decide the finding.
Adding an input to check_content, validate or check_wording means adding it to the keys here.
"""

import datetime
import functools
import hashlib
import pickle
import re
from pathlib import Path

from pelican import signals

from plugins import content_checks

CACHE_FILE = "content_checks.pickle"
SECTION_ELSEWHERE = re.compile(r"\{filename\}[^)\s\"'>]*#")
_check_content = content_checks.check_content
_validate = content_checks.validate
_check_wording = content_checks.check_wording
_memory = {}  # cache file -> findings by key, kept between builds in one process (livereload)
_build = None  # this build's: cache file, the previous findings, the findings used now
_builds = 0  # counts builds in this process, so each build lists the content folder afresh


def _digest(*parts):
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(str(part).encode("utf-8") + b"\0")
    return digest.hexdigest()


def _remembered(key, find):
    if _build is None:
        return find()
    _, previous, current = _build
    if key not in previous:
        previous[key] = find()
    current[key] = previous[key]
    return list(current[key])


@functools.wraps(_validate)
def validate(display_path, text, kind, today=None):
    day = today or datetime.date.today()
    key = _digest("front matter", display_path, kind, day, text)
    return _remembered(key, lambda: _validate(display_path, text, kind, today))


@functools.wraps(_check_wording)
def check_wording(source):
    key = _digest("wording", source.shown, source.text)
    return _remembered(key, lambda: _check_wording(source))


@functools.lru_cache(maxsize=4)
def _files_digest(content_root, build_number):
    root = Path(content_root)
    return _digest(root.resolve(), *sorted(str(path.relative_to(root)) for path in root.rglob("*")))


@functools.wraps(_check_content)
def check_content(source, sources, content_root, *args, **kwargs):
    def find():
        return _check_content(source, sources, content_root, *args, **kwargs)

    if _build is None or args or kwargs or SECTION_ELSEWHERE.search(source.text):
        return find()
    key = _digest(
        "content",
        source.shown,  # the path from the content folder's parent, which the root names
        datetime.date.today(),
        _files_digest(str(content_root), _builds),
        source.text,
        source.html or "",
    )
    return _remembered(key, find)


def start(pelican):
    # initialized: before anything is read, load what the last build found.
    global _build, _builds
    _builds += 1
    settings = pelican.settings
    if not (settings.get("BUILD_SHORTCUTS") and settings.get("CACHE_CONTENT")):
        _build = None
        return
    path = Path(settings["CACHE_PATH"]) / CACHE_FILE
    if path not in _memory or not settings.get("LOAD_CONTENT_CACHE"):
        try:
            loaded = pickle.loads(path.read_bytes()) if settings.get("LOAD_CONTENT_CACHE") else {}
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            loaded = {}
        _memory[path] = loaded if isinstance(loaded, dict) else {}
    _build = (path, _memory[path], {})


def save(pelican):
    # finalized: keep only what this build used, so the file does not grow forever.
    global _build
    if _build is None:
        return
    path, _, current = _build
    _memory[path] = current
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(current, protocol=pickle.HIGHEST_PROTOCOL))
    _build = None


def register():
    content_checks.check_content = check_content
    content_checks.validate = validate
    content_checks.check_wording = check_wording
    signals.initialized.connect(start)
    signals.finalized.connect(save)
