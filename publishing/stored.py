"""Where `invoke publish` publishes when nobody says: settings stored once, in publishconf.py.

Three settings of publishconf.py, trusted site configuration like the rest of it:

    PUBLISH_TARGET = "github-pages"          # what --target takes
    PUBLISH_SITEURL = "https://www.example.org"
    PUBLISH_OPTIONS = {"branch": "gh-pages"}  # the target's own settings, by name

Each value is used only when neither the argument nor its environment variable gives one.
`invoke publish … --save` writes them, so that afterwards `invoke publish` alone publishes.
The file is in the repository for anyone to read, so a value holding a password or token
is refused: signing in is git's or ssh's business (README, "Publishing from GitHub").
"""

import ast
import json
from pathlib import Path
from urllib.parse import urlsplit

from publishing import DeployRefused

NAMES = ("PUBLISH_TARGET", "PUBLISH_SITEURL", "PUBLISH_OPTIONS")
BLOCK = """
# Where `invoke publish` publishes when it is given no --target, --siteurl or other option
# (nor DEPLOY_TARGET, SITEURL, …): `invoke publish … --save` writes them. This file is in
# the repository for anyone to read, so never put a password or token here.
"""


def read(settings_file):
    """{"target", "siteurl", "options"} as publishconf.py stores them; empty when it does not."""
    from pelican.settings import get_settings_from_file

    settings = get_settings_from_file(str(settings_file))
    options = settings.get("PUBLISH_OPTIONS") or {}
    return {
        "target": settings.get("PUBLISH_TARGET") or None,
        "siteurl": settings.get("PUBLISH_SITEURL") or None,
        "options": {name: str(value) for name, value in options.items() if value},
    }


def _holds_a_secret(value):
    """Whether an address carries a password or token, as https://name:token@host/ does."""
    parts = urlsplit(str(value))
    return bool(parts.scheme and parts.netloc and parts.password)


def save(settings_file, target, siteurl, options):
    """Store the target, the address and the target's options given, in `settings_file`."""
    for name, value in {"siteurl": siteurl, **options}.items():
        if _holds_a_secret(value):
            raise DeployRefused(
                f"The {name} given holds a password or token, and --save would write it into "
                f"{Path(settings_file).name}, which anyone who can read the repository can "
                "read. Nothing was saved or published. Give the address without it, and sign "
                'in with GitHub Desktop or Git Credential Manager (README, "Publishing from '
                'GitHub").'
            )
    path = Path(settings_file)
    lines = path.read_text(encoding="utf-8").splitlines()
    missing = [name for name in NAMES if name not in _assignments(lines)]
    if missing:
        lines += BLOCK.splitlines() + [f"{name} = None" for name in missing]
    # Each value replaces its whole assignment, however many lines it took; JSON's strings
    # and objects are Python's too, with double quotes as ruff writes them.
    values = dict(zip(NAMES, (target, siteurl, options), strict=True))
    for name, (first, last) in sorted(_assignments(lines).items(), key=lambda kv: -kv[1][0]):
        lines[first:last] = [f"{name} = {json.dumps(values[name], ensure_ascii=False)}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _assignments(lines):
    """{name: (first line, line after the last)} of the last assignment of each of NAMES."""
    found = {}
    for statement in ast.parse("\n".join(lines)).body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            name = getattr(statement.targets[0], "id", None)
            if name in NAMES:
                found[name] = (statement.lineno - 1, statement.end_lineno)
    return found
