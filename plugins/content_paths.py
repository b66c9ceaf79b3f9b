"""Where an address in a post leads in the content folder, and how a path is shown to her.

Shared by the checks (plugins/checks/) and the picture step (plugins/pictures/), which
the checks call: neither needs the other to find a file.
"""

import os
import re
from pathlib import Path
from urllib.parse import unquote

# {filename} links to a post, {static} (or Pelican's older {attach}) to a file.
PLACEHOLDER = re.compile(r"^\{(filename|static|attach)\}(.*)$")


def key(path):
    """An absolute, normalised path, worked out without asking the disk (it runs a lot)."""
    return os.path.normpath(os.path.abspath(path))


def display(path, content_root):
    """A path as the clinician sees it in her project: content/articles/…."""
    path = key(path)
    # Strings, not pathlib: two calls a file took 0.07 s a build at 1,000 articles, now 0.03 s.
    project = os.path.join(os.path.dirname(key(content_root)), "")
    return path.removeprefix(project) if path.startswith(project) else path


def resolve(path, source_path, content_root):
    """The file a link's path names: from the content folder if it starts with /, else beside."""
    path = unquote(path)
    if path.startswith("/"):
        return Path(key(Path(content_root) / path.lstrip("/")))
    return Path(key(Path(source_path).parent / path))
