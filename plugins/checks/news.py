"""Which files changed since suggestions were last shown, so old advice does not bury new.

A suggestion (a warning) about a file she has not changed since it was last shown is
counted in one line instead of repeated in full; errors are always shown in full. What
each file was like when it was last reported is kept beside the build cache.
"""

import hashlib
import json
from pathlib import Path

RECORD = "reported-files.json"


def _digest(path):
    try:
        return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    except OSError:
        return None


def unchanged_files(problems, project, cache_root, everything=False):
    """The files whose warnings were shown before and that have not changed since.

    `project` is the folder that problems' file names are relative to (the content
    folder's parent). The record is brought up to date either way.
    """
    record_path = Path(cache_root) / RECORD
    try:
        record = json.loads(record_path.read_text("utf-8"))
    except (OSError, ValueError):
        record = {}
    now = {p.file: _digest(Path(project) / p.file) for p in problems if p.severity == "warning"}
    unchanged = {name for name, digest in now.items() if digest and record.get(name) == digest}
    record.update({name: digest for name, digest in now.items() if digest})
    try:
        record_path.parent.mkdir(parents=True, exist_ok=True)
        record_path.write_text(json.dumps(record, sort_keys=True), "utf-8")
    except OSError:
        pass  # only a convenience: every suggestion is shown again next time
    return set() if everything else unchanged
