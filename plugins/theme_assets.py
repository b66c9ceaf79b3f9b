"""Publishes the theme's CSS and other assets under names that carry a hash of their content.

A fingerprinted name changes whenever the file does, so hosts can tell
browsers to cache it for a year without anyone ever seeing a stale stylesheet.
Templates link to `{{ ASSETS['site.css'] }}`.
"""

import hashlib
import shutil
from pathlib import Path

from pelican import signals


def fingerprint(pelican):
    # `initialized` runs before the templates get their context, so they see the names.
    static = Path(pelican.settings["THEME"]) / "static"
    assets = {}
    for path in sorted(static.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
            relative = path.relative_to(static)
            assets[relative.as_posix()] = f"theme/{relative.with_suffix('')}.{digest}{path.suffix}"
    pelican.settings["ASSETS"] = assets
    pelican.settings["ASSETS_SOURCE"] = str(static)


def publish(pelican):
    # `finalized` runs after Pelican may have emptied the output folder.
    static = Path(pelican.settings["ASSETS_SOURCE"])
    for relative, published in pelican.settings["ASSETS"].items():
        target = Path(pelican.output_path) / published
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(static / relative, target)


def register():
    signals.initialized.connect(fingerprint)
    signals.finalized.connect(publish)
