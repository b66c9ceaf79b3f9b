"""Describes pages to search engines as schema.org JSON-LD, built from what the page shows.

Templates write `{{ medical_web_page(article)|tojson }}` (and `person()`,
`website()`) inside `<script type="application/ld+json">`. Every value comes
from the same settings and article fields that the page shows to readers, so
the two cannot disagree. Jinja's `tojson` sorts keys, so the output is stable.
"""

from markupsafe import Markup
from pelican import signals

CONTEXT = "https://schema.org"  # a name, not a request: nothing is loaded from it


def _url(settings, path):
    return f"{settings['SITEURL']}/{path}"


def person(settings):
    """The site's author as a schema.org Person, with her credentials when they are set."""
    credentials = []
    if settings["AUTHOR_CREDENTIALS"]:
        credentials.append(
            {
                "@type": "EducationalOccupationalCredential",
                "credentialCategory": "degree",
                "name": settings["AUTHOR_CREDENTIALS"],
            }
        )
    if settings["LICENSE_NUMBER"]:
        licence = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "identifier": settings["LICENSE_NUMBER"],
        }
        if settings["LICENSE_LOOKUP_URL"]:
            licence["url"] = settings["LICENSE_LOOKUP_URL"]
        credentials.append(licence)
    data = {
        "@type": "Person",
        "@id": _url(settings, settings["ABOUT_URL"]) + "#person",
        "name": settings["AUTHOR"],
        "url": _url(settings, settings["ABOUT_URL"]),
    }
    if settings["AUTHOR_ROLE"]:
        data["jobTitle"] = settings["AUTHOR_ROLE"]
    if settings.get("AUTHOR_PICTURE"):  # her portrait, made by plugins/pictures
        data["image"] = settings["AUTHOR_PICTURE"]["url"]
    if credentials:
        data["hasCredential"] = credentials
    return data


def _someone(name, settings):
    return person(settings) if name == settings["AUTHOR"] else {"@type": "Person", "name": name}


def medical_web_page(article, settings):
    """An article as a MedicalWebPage for patients: who wrote it, who reviewed it, and when."""
    modified = article.modified if getattr(article, "modified", None) else article.date
    data = {
        "@context": CONTEXT,
        "@type": "MedicalWebPage",
        "headline": article.title,
        "description": article.summary,
        "url": _url(settings, article.url),
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "lastReviewed": article.reviewed.isoformat(),
        "inLanguage": article.lang,
        "author": _someone(article.author.name, settings),
        "reviewedBy": _someone(article.reviewed_by, settings),
        "medicalAudience": {"@type": "Patient"},
        "publisher": person(settings),
    }
    share_image = article.metadata.get("share_image")
    if share_image:  # the public build's (plugins/share_cards.py), already absolute
        data["image"] = share_image["url"]
    return {key: _plain(value) for key, value in data.items()}


def about_person(page, settings):
    """The About page's subject: the author, described by the page's summary.

    Her sessions are described here, where the page says where they are offered.
    """
    data = {"@context": CONTEXT, **person(settings), "description": _plain(page.summary)}
    sessions = _sessions(settings)
    if sessions:
        data["makesOffer"] = sessions
    return data


def _sessions(settings):
    """Her sessions as an Offer, served only in the states where she is licensed."""
    states = settings.get("LICENSED_STATES") or ()
    if not states:
        return None
    online = settings.get("SESSIONS_ONLINE")
    offer = {
        "@type": "Offer",
        "itemOffered": {
            "@type": "Service",
            "name": "Online therapy sessions" if online else "Therapy sessions",
            "areaServed": [{"@type": "State", "name": state} for state in states],
        },
    }
    if settings.get("BOOKING_URL"):
        offer["url"] = settings["BOOKING_URL"]
    return offer


def website(settings, lang=None):
    """The site as a whole, for the home page: in `lang`, the home of that language."""
    lang = lang or settings["DEFAULT_LANG"]
    words = settings.get("SETTINGS_BY_LANG", {}).get(lang, {}) if lang else {}
    home = "" if lang == settings["DEFAULT_LANG"] else settings["LANG_INDEX_URL"].format(lang=lang)
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings["SITENAME"],
        "description": words.get("SITE_DESCRIPTION", settings["SITE_DESCRIPTION"]),
        "url": _url(settings, home),
        "inLanguage": lang,
        "publisher": person(settings),
    }


def _plain(value):
    """Text without tags or entities, as readers see it (titles and summaries are typeset HTML)."""
    if isinstance(value, str):
        return " ".join(Markup(value).striptags().split())
    return value


def add_globals(generator):
    # generator_init: each generator has its Jinja environment but has rendered nothing yet.
    settings = generator.settings
    generator.env.globals.update(
        person=lambda: person(settings),
        medical_web_page=lambda article: medical_web_page(article, settings),
        about_person=lambda page: about_person(page, settings),
        website=lambda lang=None: website(settings, lang),
    )


def register():
    signals.generator_init.connect(add_globals)
