"""Settings for writing and previewing the site on this computer.

publishconf.py imports these and changes only what the public site needs.
An empty value ("") means "not known yet": the site leaves it out until it is filled in.
"""

# Identity: who writes the site and how to reach her.
AUTHOR = "Stephanie Post"
AUTHOR_CREDENTIALS = "PsyD"
AUTHOR_ROLE = "Clinical psychologist"
LICENSE_NUMBER = ""
LICENSE_LOOKUP_URL = ""
SITENAME = "Stephanie Post, PsyD"
SITE_DESCRIPTION = "Psychoeducation articles by Stephanie Post, PsyD, clinical psychologist."
CONTACT_EMAIL = ""
CONTACT_PHONE = ""
BOOKING_URL = ""

# Crisis resources: shown in the same place on every page. Change them for another country.
CRISIS_HEADING = "In crisis or thinking about suicide?"
CRISIS_LINKS = (
    ("Call 988", "tel:988"),
    ("Text 988", "sms:988"),
    ("Chat at 988lifeline.org", "https://988lifeline.org/chat/"),
)
EMERGENCY_TEXT = "In immediate danger, call 911."
EMERGENCY_LINK = ("Call 911", "tel:911")
CRISIS_NOTE = "This site’s contact channels are not monitored for emergencies."

# Language and time.
DEFAULT_LANG = "en"
TIMEZONE = "America/Los_Angeles"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_DATE = None  # a post without a date is a mistake, not "now"

# Paths and URLs: tidy addresses such as /articles/some-title/.
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images", "extra"]
EXTRA_PATH_METADATA = {"extra/favicon.ico": {"path": "favicon.ico"}}
THEME_STATIC_PATHS = []  # the theme_assets plugin publishes the theme's files fingerprinted
SITEURL = ""
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = False  # a failed build leaves the last good one in place
ARTICLE_URL = "articles/{slug}/"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"
CATEGORY_URL = "categories/{slug}/"
CATEGORY_SAVE_AS = "categories/{slug}/index.html"
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
AUTHOR_URL = "authors/{slug}/"
AUTHOR_SAVE_AS = "authors/{slug}/index.html"
CATEGORIES_URL = "categories/"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_URL = "tags/"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_URL = "authors/"
AUTHORS_SAVE_AS = "authors/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404"]
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""

# Content: lists and pagination.
DEFAULT_CATEGORY = "Articles"
DEFAULT_PAGINATION = 10
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
SUMMARY_MAX_LENGTH = None  # every post has a written Summary
# A table of contents appears on articles at least this long, with this many headings.
TOC_MIN_WORDS = 400
TOC_MIN_HEADINGS = 4
ABOUT_URL = "about/"
MAIN_MENU = (("About", "/about/"), ("Contact", "/contact/"))

# Feeds: none while writing; publishconf.py adds an Atom feed.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Plugins: the site's own, then maintained ones from PyPI.
PLUGIN_PATHS = ["."]
PLUGINS = [
    "plugins.markdown_reader",
    "plugins.content_checks",
    "plugins.theme_assets",
    "plugins.unchanged_pages",
    "plugins.check_cache",
    "pelican.plugins.neighbors",
]
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
CHECK_MODIFIED_METHOD = "md5"  # content, not timestamps, decides what is rebuilt
# Build speed: read on every core, skip pages and checks an edit cannot change.
# False gives the plain serial build that tests compare against, byte for byte.
BUILD_SHORTCUTS = True
GZIP_CACHE = False  # compressing the cache took longer than the rest of a one-article rebuild

# Markdown and typography. Typogrify runs inside the site's reader, so it is cached.
TYPOGRIFY = False
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "script", "style", "title"]
TYPOGRIFY_OMIT_FILTERS = ["caps", "initial_quotes"]
MARKDOWN = {
    "extensions": [
        "markdown.extensions.extra",
        "markdown.extensions.sane_lists",
    ],
    "extension_configs": {
        "markdown.extensions.toc": {"toc_depth": "2-3"},
        "markdown.extensions.footnotes": {
            "BACKLINK_TITLE": "Back to where reference %d is cited",
            "SUPERSCRIPT_TEXT": "{}",
        },
    },
    "output_format": "html5",
}
