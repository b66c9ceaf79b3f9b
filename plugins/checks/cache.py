"""Remembers what each file rule found, for files whose inputs have not changed.

After a one-article edit, checking every file again cost more than the rest of the
rebuild. A file rule's findings depend on the file's path and text plus the inputs the
rule declares (plugins/checks/rule.py), so they are kept in the cache folder under a
digest of exactly those and asked for again only when one of them changes. The cache
folder is named after the code and settings of the build (plugins/runner.py), so a
change to a rule starts afresh.
"""

import hashlib
import pickle
from pathlib import Path

CACHE_FILE = "content_checks.pickle"
_memory = {}  # cache file -> findings by key, kept between builds in one process (preview)


def _digest(*parts):
    digest = hashlib.blake2b(digest_size=20)
    for part in parts:
        digest.update(str(part).encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()


class Findings:
    """The findings of file rules: remembered ones reused, new ones kept for the next build."""

    def __init__(self, settings):
        self.enabled = bool(settings.get("BUILD_SHORTCUTS") and settings.get("CACHE_CONTENT"))
        self.path = Path(settings["CACHE_PATH"]) / CACHE_FILE
        self.previous = {}
        self.current = {}
        if not self.enabled:
            return
        if self.path not in _memory or not settings.get("LOAD_CONTENT_CACHE"):
            loaded = {}
            if settings.get("LOAD_CONTENT_CACHE"):
                try:
                    loaded = pickle.loads(self.path.read_bytes())
                except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
                    loaded = {}
            _memory[self.path] = loaded if isinstance(loaded, dict) else {}
        self.previous = _memory[self.path]
        self._inputs = {}

    def of(self, rule, source, site):
        """What `rule` finds in `source`, from memory when nothing it depends on has changed."""
        if not (self.enabled and rule.may_remember(source)):
            return rule(source, site)
        key = _digest(rule.name, *self._inputs_of(rule, source, site))
        if key not in self.previous:
            self.previous[key] = rule(source, site)
        self.current[key] = self.previous[key]
        return list(self.current[key])

    def _inputs_of(self, rule, source, site):
        # The file's own path and text, then what the rule declares. Long texts are digested
        # once per file, not once per rule.
        values = {
            "file": lambda: self._of_file(source, "file", source.shown, source.kind, source.text),
            "html": lambda: self._of_file(source, "html", source.html or ""),
            "today": lambda: site.today,
            "files": lambda: self._site_input("files", site.files),
            "theme": lambda: self._site_input("theme", site.layouts),
        }
        return [values[name]() for name in ("file", *rule.depends_on)]

    def _of_file(self, source, name, *value):
        key = (source.path, name)
        if key not in self._inputs:
            self._inputs[key] = _digest(name, *value)
        return self._inputs[key]

    def _site_input(self, name, value):
        # One digest per build for what all files share, not one per file.
        if name not in self._inputs:
            self._inputs[name] = _digest(name, *value)
        return self._inputs[name]

    def save(self):
        # Only what this build used is kept, so the file does not grow forever.
        if not self.enabled:
            return
        _memory[self.path] = self.current
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps(self.current, protocol=pickle.HIGHEST_PROTOCOL))
