"""Pictures: every image a post uses, made small, upright and free of private data.

Each raster picture a post or page shows is published as a few widths in AVIF, WebP and
JPEG (PNG when it has see-through parts), made in plugins/pictures/process.py, and its
`<img>` becomes a `<picture>` that lets the browser choose. The original file is never
published: Pelican is told to ignore raster files, and this plugin copies only what it
made. A picture no post uses is neither made nor published. SVG drawings are published
as they are once the checks have found them safe (plugins/checks/rules/images.py).
"""

from pelican import signals


def register():
    from plugins.pictures import publish

    # initialized: before Pelican lists the static files, so no original is ever copied.
    signals.initialized.connect(publish.ignore_originals)
    # all_generators_finalized, after the checks (listed before this plugin): every post is
    # read and checked, nothing is written, and Pelican has not yet resolved {static}.
    signals.all_generators_finalized.connect(publish.make_pictures)
    # finalized: after Pelican may have emptied the output folder.
    signals.finalized.connect(publish.copy_to_output)
