"""Settings for the public site: everything in pelicanconf.py, plus what production changes.

`invoke publish --siteurl …` (or PUBLISH_SITEURL below) and `invoke preview` give the build
its public address as a setting. Pelican run by hand reads it from the environment:
`SITEURL=https://www.example.org pelican -s publishconf.py`.
"""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from pelicanconf import *  # noqa: E402, F403

# Where `invoke publish` publishes when it is given no --target, --siteurl or other option
# (nor DEPLOY_TARGET, SITEURL, …): `invoke publish … --save` writes them. This file is in
# the repository for anyone to read, so never put a password or token here.
PUBLISH_TARGET = ""  # github-pages, rsync or check
PUBLISH_SITEURL = ""  # the site's public address: https://www.example.org
PUBLISH_OPTIONS = {}  # the target's own settings by name, such as {"branch": "gh-pages"}

# Paths and URLs: absolute, so feeds, sitemaps and canonical links point at the real site.
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
PLUGINS = [*PLUGINS, "plugins.public_address"]  # noqa: F405  (stops a build without a good one)
RELATIVE_URLS = False
# Drafts stay private: only the preview (invoke livereload) shows them, as WRITING.md promises.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""  # a draft translation is a draft too
DRAFT_PAGE_LANG_SAVE_AS = ""
DELETE_OUTPUT_DIRECTORY = True  # publish exactly what the sources say, nothing left over

# Each article links to its printable handout, which `invoke publish` prints.
HANDOUT_URL = "handouts/{slug}.pdf"
# A translation's handout, beside the original's under its language: handouts/es/….pdf.
HANDOUT_LANG_URL = "handouts/{lang}/{slug}.pdf"

# Every page names a share image: an article's own picture or a card with its title.
SHARE_IMAGES = True

# Feeds and discovery: an Atom feed, sitemap.xml and robots.txt.
# A feed per language: the site's own (FEED_ATOM lists articles, not their translations),
# and each other language's once an article is in it.
FEED_ATOM = "feeds/all.atom.xml"
LANG_FEED_ATOM = "feeds/all-{lang}.atom.xml"
FEED_MAX_ITEMS = 20
TEMPLATE_PAGES = {"robots.txt": "robots.txt"}
PLUGINS = [*PLUGINS, "pelican.plugins.sitemap", "plugins.sitemap_dates"]
SITEMAP = {"format": "xml", "exclude": ["404.html", "drafts/"]}
