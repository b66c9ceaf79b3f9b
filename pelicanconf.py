"""Settings for writing and previewing the site on this computer.

publishconf.py imports these and changes only what the public site needs.
An empty value ("") means "not known yet": the site leaves it out until it is filled in.
"""

# Identity: who writes the site and how to reach her.
AUTHOR = "Stephanie Post"
AUTHOR_CREDENTIALS = "PsyD"
AUTHOR_ROLE = "Clinical psychologist"
# Her license number, and a page where readers can check it: for example the California
# Board of Psychology's license search, https://search.dca.ca.gov/. Shown beside her name;
# while it is empty, `invoke check` suggests filling it in.
LICENSE_NUMBER = ""
LICENSE_LOOKUP_URL = ""
SITENAME = "Stephanie Post, PsyD"
SITE_DESCRIPTION = "Psychoeducation articles by Stephanie Post, PsyD, clinical psychologist."
CONTACT_EMAIL = ""
CONTACT_PHONE = ""
# The address where people book a consultation. Once set, Contact lists it first and every
# article ends with a short invitation and a plain link to it (no embedded booking widget).
BOOKING_URL = ""
# Her portrait: a picture in content/images/ (say "images/portrait.jpg") and what it shows.
# Empty, the pages read as well without it.
AUTHOR_PHOTO = ""
AUTHOR_PHOTO_ALT = ""

# Crisis help. Every crisis service's name, number and link on the site is written here, once:
# the crisis line at the top of every page, the box in posts that mention suicide or
# self-harm, the Get help now page and the Contact page are all made from this group
# (theme/templates/components/crisis_help.html). For another country, change this group only,
# and its words for pages in other languages, in SETTINGS_BY_LANG (under "Languages").
# Each way to reach a service is ("what the button says", "where it leads"): "tel:" calls,
# "sms:" starts a text message, "https://" opens a website.
CRISIS_HEADING = "In crisis or thinking about suicide?"  # starts the crisis line on every page
# The main crisis line. Its call and text buttons (tel: and sms:) are at the top of every page;
# every way to reach it is in posts that mention suicide, on Get help now and on Contact.
CRISIS_LINE = {
    "name": "988 Suicide & Crisis Lifeline",
    "text": "Free and confidential, 24 hours a day, every day, for anyone in emotional "
    "distress or thinking about suicide, and for anyone worried about someone else.",
    "ways": (
        ("Call 988", "tel:988"),
        ("Text 988", "sms:988"),
        ("Chat at 988lifeline.org", "https://988lifeline.org/chat/"),
    ),
}
# Immediate danger: next to the crisis line wherever it appears, and last on Get help now.
CRISIS_EMERGENCY = {
    "name": "Immediate danger",
    "text": "If you or someone else is in immediate danger, call 911 now.",
    "ways": (("Call 911", "tel:911"),),
}
# More services, listed on Get help now between the two above. "lang" marks a service
# written in another language, so that screen readers pronounce it right.
CRISIS_MORE_SERVICES = (
    {
        "name": "Veterans Crisis Line",
        "text": "For veterans, service members and the people who care about them: "
        "call 988, then press 1.",
        "ways": (("Call 988, then press 1", "tel:988"),),
    },
    {
        "name": "En español",
        "lang": "es",
        "text": "Llame al 988 y oprima 2, o envíe un mensaje de texto con la palabra AYUDA al 988.",
        "ways": (
            ("Llame al 988 y oprima 2", "tel:988"),
            ("Envíe AYUDA al 988", "sms:988?body=AYUDA"),
        ),
    },
    {
        "name": "Deaf, hard of hearing, or using TTY",
        "text": "With a TTY, dial 711, then 988. "
        "People who use American Sign Language can reach the Lifeline by videophone.",
        "ways": (
            (
                "ASL videophone: how to connect, at 988lifeline.org",
                "https://988lifeline.org/help-yourself/for-deaf-hard-of-hearing/",
            ),
        ),
    },
)
CRISIS_NOTE = "This site’s contact channels are not monitored for emergencies."
CRISIS_MORE_TEXT = "More ways to get help now"  # the crisis line's link to Get help now

# Her practice: where sessions are offered, what they cost, and the notices the law asks for.
# Where she is licensed: sessions are only for people who are in one of these states at the
# time of the session (a license covers where the client is, not where she is). Contact,
# About, the booking invitation and the structured data say so; `invoke check` suggests
# rewording any post that offers sessions elsewhere ("anywhere in the US").
LICENSED_STATES = ("California",)
SESSIONS_ONLINE = True  # sessions are held online; False says only where clients must be
# Fees, shown on a Fees page linked from every page's footer; all empty, there is no Fees
# page. Each fee is ("what it is for", "what it costs"), say ("50-minute session", "$250").
FEES = ()
# A sentence about a sliding scale, in her words, or "" for none.
FEES_SLIDING_SCALE = ""
# True: the Fees page says she gives superbills, receipts that clients with out-of-network
# benefits can send to their insurance company to ask for part of the fee back.
FEES_SUPERBILLS = False

# Good Faith Estimate (No Surprises Act, 45 CFR 149.610): a provider who schedules care for
# clients who are uninsured or do not use insurance must show this notice prominently on her
# website. The Good Faith Estimate page (content/pages/good-faith-estimate.md) shows it, and
# every page's footer links to it; theme/templates/components/good_faith_estimate.html draws
# it from this group. Set GOOD_FAITH_ESTIMATE = False only if every client's sessions are
# billed to their health insurance, so that nobody is uninsured or pays for themselves
# ("self-pay"): the rule does not apply then. The page, its link and its sitemap entry go.
GOOD_FAITH_ESTIMATE = True
# The words of CMS's model notice ("Right to Receive a Good Faith Estimate of Expected
# Charges", form CMS-10791, OMB 0938-1433), which counts as good-faith compliance. Change
# them only if CMS publishes new ones.
GOOD_FAITH_ESTIMATE_NOTICE = {
    "heading": "You have the right to receive a “Good Faith Estimate” explaining how much "
    "your medical care will cost",
    "text": "Under the law, health care providers need to give patients who don’t have "
    "insurance or who are not using insurance an estimate of the bill for medical items "
    "and services.",
    "rights": (
        "You have the right to receive a Good Faith Estimate for the total expected cost of "
        "any non-emergency items or services. This includes related costs like medical "
        "tests, prescription drugs, equipment, and hospital fees.",
        "Make sure your health care provider gives you a Good Faith Estimate in writing at "
        "least 1 business day before your medical service or item. You can also ask your "
        "health care provider, and any other provider you choose, for a Good Faith Estimate "
        "before you schedule an item or service.",
        "If you receive a bill that is at least $400 more than your Good Faith Estimate, "
        "you can dispute the bill.",
        "Make sure to save a copy or picture of your Good Faith Estimate.",
    ),
    # Text, and ("what the link says", "where it leads") pairs, in the order they are read.
    "questions": (
        "For questions or more information about your right to a Good Faith Estimate, visit ",
        ("www.cms.gov/nosurprises", "https://www.cms.gov/nosurprises"),
        " or call ",
        ("800-985-3059", "tel:+18009853059"),
        ".",
    ),
}

# Trust: how often articles are reviewed, and the note that ends every article.
REVIEW_INTERVAL_MONTHS = 36  # "Next review due" is this long after "Page last reviewed"
REVIEW_WARNING_DAYS = 60  # `invoke check` warns this long before a review is due
ARTICLE_DISCLAIMER = (
    "The articles on this site are for education. They do not replace care from a clinician "
    "who knows you, and they are not advice about your own treatment. Before starting any "
    "treatment, you need an assessment with a qualified provider."
)
# Said on the About this site page; change it if anything about the money changes.
FUNDING_STATEMENT = (
    "This site shows no advertising and has no sponsors. Nobody pays for an article or "
    "for a mention in one, and no article links to a product for a commission."
)
CONFLICT_OF_INTEREST = (
    "Stephanie Post offers some of the treatments she writes about, including "
    "ketamine-assisted psychotherapy, in her own practice."
)

# Language and time.
DEFAULT_LANG = "en"
TIMEZONE = "America/Los_Angeles"
DEFAULT_DATE_FORMAT = "%-d %B %Y"
DEFAULT_DATE = None  # a post without a date is a mistake, not "now"

# Languages. A post in another language has `Lang: es` and the same Slug as the article it
# translates; it is published at es/articles/<slug>/, with a switch between the two on both
# pages. Each language here is named as its own readers write it. The theme's words for a
# language are in theme/translations/<code>/LC_MESSAGES/messages.po (README "Languages").
# A language gets its own home page (es/), search page and feed once an article is in it.
LANGUAGES = {"en": "English", "es": "Español"}
ARTICLE_LANG_URL = "{lang}/articles/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"
DRAFT_PAGE_LANG_URL = "drafts/pages/{lang}/{slug}/"
DRAFT_PAGE_LANG_SAVE_AS = "drafts/pages/{lang}/{slug}/index.html"
LANG_INDEX_URL = "{lang}/"
# Under search/, as the policy that lets Pagefind run there expects (plugins/security_headers.py).
LANG_SEARCH_URL = "search/{lang}/"
LANG_FEED_ATOM = None  # publishconf.py gives each language its feed

# Pages in another language use that language's words for the
# settings named here; anything left out is as above. The crisis group: 988 answers in Spanish
# by phone (press 2), by text (AYUDA) and by chat (988lifeline.org/es), as 988's and SAMHSA's
# own pages say. Get help now, in English, has a Spanish section, which these pages link to.
SETTINGS_BY_LANG = {
    "es": {
        "SITE_DESCRIPTION": "Artículos de psicoeducación de Stephanie Post, PsyD, "
        "psicóloga clínica.",
        "AUTHOR_ROLE": "Psicóloga clínica",
        "ARTICLE_DISCLAIMER": (
            "Los artículos de este sitio son educativos. No reemplazan la atención de un "
            "profesional clínico que lo conozca, ni son consejos sobre su propio tratamiento. "
            "Antes de empezar cualquier tratamiento, necesita una evaluación con un "
            "profesional calificado."
        ),
        "CRISIS_HEADING": "¿Está en crisis o pensando en el suicidio?",
        "CRISIS_LINE": {
            "name": "988 Lifeline en español",
            "text": "Gratis y confidencial, las 24 horas del día, todos los días, para cualquier "
            "persona con angustia emocional o pensamientos de suicidio, y para quien se "
            "preocupa por otra persona.",
            "ways": (
                ("Llame al 988 y oprima 2", "tel:988"),
                ("Envíe AYUDA al 988", "sms:988?body=AYUDA"),
                ("Chatee en español en 988lifeline.org", "https://988lifeline.org/es/"),
            ),
        },
        "CRISIS_EMERGENCY": {
            "name": "Peligro inmediato",
            "text": "Si usted u otra persona está en peligro inmediato, llame al 911 ahora.",
            "ways": (("Llame al 911", "tel:911"),),
        },
        "CRISIS_NOTE": "Los medios de contacto de este sitio no se atienden en emergencias.",
        "CRISIS_MORE_TEXT": "Más formas de obtener ayuda (en inglés)",
    },
}

# Paths and URLs: tidy addresses such as /articles/some-title/.
PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
# Every value a template writes is escaped unless it is marked as HTML the build made
# (`|safe` on the text of a post, Markup from the reader): a word from the front matter
# is text on every page, never a tag. trim_blocks and lstrip_blocks are Pelican's own.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
# Raster pictures in images/ are never copied as they are: plugins/pictures publishes
# smaller versions, without location or camera data, of those a post uses. Of the rest,
# only drawings, PDF handouts and the icon are published, once checked (plugins/static_files.py).
STATIC_PATHS = ["images", "extra"]
# The widths, in pixels, each picture is published at: enough for the 640-pixel column on
# phones and on high-density screens (see plugins/pictures/publish.py).
PICTURE_WIDTHS = (320, 480, 720, 960, 1280)
# Posts are Markdown files ending in .md, and nothing else is read as a post: Pelican would
# publish HTML and reStructuredText files unchecked (plugins/checks/rules/content_files.py
# explains any other file in the post folders).
READERS = {"markdown": None, "mkd": None, "mdown": None, "html": None, "htm": None, "rst": None}
# Hidden files (.env, .DS_Store, .git) are never published. Pelican's own default, "**/.*",
# is compared with bare file names and so never matches one.
IGNORE_FILES = [".*"]
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
DIRECT_TEMPLATES = ["index", "categories", "tags", "authors", "archives", "404", "search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
# The search index comes in parts of at most this many pages, so an edit re-indexes one
# part, not the whole site; each search fetches a little from every part.
SEARCH_PAGES_PER_PART = 250
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
# Pages the theme links to from every page; each is a Markdown file in content/pages/.
ABOUT_URL = "about/"
ABOUT_SITE_URL = "about-this-site/"
PRIVACY_URL = "privacy/"
GET_HELP_URL = "get-help/"
MAIN_MENU = (("About", "/about/"), ("Contact", "/contact/"))

# Content: lists and pagination.
DEFAULT_CATEGORY = "Articles"
USE_FOLDER_AS_CATEGORY = False  # an article without a Category is in DEFAULT_CATEGORY
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
# `invoke check` warns when an article reads above this school grade (Flesch–Kincaid or SMOG).
READABILITY_TARGET_GRADE = 8
# Spanish posts are graded on the INFLESZ scale (Szigriszt-Pazos's ease, 0 to 100, higher is
# easier); 55 is where "normal" starts, the level Barrio-Cantalejo et al. (2008, Anales del
# Sistema Sanitario de Navarra 31(2):135-52) recommend for health information.
READABILITY_TARGET_EASE_ES = 55
# Printable PDF handouts: publishconf.py turns them on, and `invoke publish` prints them
# (`invoke handouts`), so a local build never links to a PDF that does not exist.
HANDOUT_URL = ""
HANDOUT_LANG_URL = ""  # a translation's handout (publishconf.py: handouts/{lang}/{slug}.pdf)
# Share images, the picture beside a shared link (plugins/share_cards.py): publishconf.py
# turns them on, since they need the public address and a preview is never shared.
SHARE_IMAGES = False

# Feeds: none while writing; publishconf.py adds an Atom feed for each language.
FEED_ATOM = None
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Plugins: the site's own, then maintained ones from PyPI.
PLUGIN_PATHS = ["."]
PLUGINS = [
    "plugins.markdown_reader",
    "plugins.checks",
    "plugins.pictures",  # after the checks: it makes only pictures they found sound
    "plugins.static_files",  # before stale_pages: only checked files are copied as they are
    "plugins.practice",  # leaves out the Good Faith Estimate and Fees pages when turned off
    "plugins.safe_messaging",
    "plugins.theme_assets",
    "plugins.review_dates",
    "plugins.languages",  # after review_dates: it words their dates in the page's language
    "plugins.share_cards",
    "plugins.structured_data",
    "plugins.plain_text",
    "plugins.security_headers",
    "plugins.redirects",  # the old addresses of imported posts lead to their new pages
    # After the checks: at the end of a build plugins act in this order, and the checks
    # let the readability worker go before Pagefind needs the memory.
    "plugins.search_index",
    "plugins.unchanged_pages",
    "plugins.stale_pages",
    "plugins.template_cache",
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
        "plugins.external_links",  # links to other sites tell them nothing about the reader
        "plugins.bare_links",  # https://… and name@example.org typed as they are become links
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
