"""The theme's interface words in each language: gettext catalogs, read from their .po files.

A catalog is theme/translations/<lang>/LC_MESSAGES/messages.po, the layout Babel and every
translation tool use, so another language is a translator's file, not code. The build reads
the .po itself and hands Python's own gettext the compiled form (the .mo format, made in
memory): nothing compiled is kept in the repository, and nothing beyond the standard library
is needed. With Babel installed, `pybabel extract -F babel.cfg` lists the words to translate.
"""

import ast
import gettext
import io
import struct
from pathlib import Path

CATALOG = Path("translations") / "{lang}" / "LC_MESSAGES" / "messages.po"


class CatalogError(Exception):
    """A .po file the build cannot read; the message names the file and the line."""


def read_po(text, name="messages.po"):
    """The catalog's entries as {msgid: msgstr}; a plural's msgid is "one", NUL, "other".

    Fuzzy and untranslated entries are left out, as msgfmt leaves them: the page then
    shows the English words rather than a guess.
    """
    entries = {}
    entry, field, fuzzy = {}, None, False

    def finish():
        nonlocal entry, field, fuzzy
        if "msgid" in entry and not fuzzy:
            key = entry["msgid"]
            if "msgid_plural" in entry:
                key += "\0" + entry["msgid_plural"]
                plurals = sorted(
                    (k for k in entry if k.startswith("msgstr[")), key=lambda k: int(k[7:-1])
                )
                value = "\0".join(entry[name] for name in plurals)
            else:
                value = entry.get("msgstr", "")
            if "msgctxt" in entry:
                key = entry["msgctxt"] + "\x04" + key
            if value.strip("\0") or key == "":
                entries[key] = value
        entry, field, fuzzy = {}, None, False

    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            finish()
        elif line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field is None:
                raise CatalogError(f"{name}, line {number}: text without a msgid or msgstr")
            entry[field] += _string(line, name, number)
        else:
            keyword, _, rest = line.partition(" ")
            # An entry without a blank line before the next still ends at its msgctxt or msgid.
            if keyword in ("msgctxt", "msgid") and any(k.startswith("msgstr") for k in entry):
                finish()
            plural_form = keyword.startswith("msgstr[") and keyword.endswith("]")
            if keyword not in ("msgctxt", "msgid", "msgid_plural", "msgstr") and not plural_form:
                raise CatalogError(f"{name}, line {number}: unknown keyword {keyword!r}")
            field = keyword
            entry[field] = _string(rest.strip(), name, number)
    finish()
    return entries


def _string(quoted, name, number):
    if not (len(quoted) >= 2 and quoted[0] == quoted[-1] == '"'):
        raise CatalogError(f"{name}, line {number}: a text must be in double quotes")
    try:
        return ast.literal_eval(quoted)
    except (SyntaxError, ValueError):
        raise CatalogError(f"{name}, line {number}: this text's quotes or \\ are broken") from None


def compile_mo(entries):
    """The GNU .mo bytes for the entries, sorted by msgid as msgfmt writes them."""
    keys = sorted(entries)
    ids = [key.encode("utf-8") for key in keys]
    strs = [entries[key].encode("utf-8") for key in keys]
    header_size = 7 * 4
    ids_table = header_size
    strs_table = ids_table + len(keys) * 8
    data_start = strs_table + len(keys) * 8
    offsets, data = [], b""
    for text in ids + strs:
        offsets.append((len(text), data_start + len(data)))
        data += text + b"\0"
    table = b"".join(struct.pack("<II", *pair) for pair in offsets)
    header = struct.pack("<7I", 0x950412DE, 0, len(keys), ids_table, strs_table, 0, 0)
    return header + table + data


def load(theme, lang):
    """The language's translations, or None when the theme has no catalog for it."""
    path = Path(theme) / str(CATALOG).format(lang=lang)
    if not path.is_file():
        return None
    entries = read_po(path.read_text("utf-8"), name=str(path))
    return gettext.GNUTranslations(io.BytesIO(compile_mo(entries)))


class Catalogs:
    """Every language's translations, loaded once; English (the source) needs none."""

    def __init__(self, theme, default_lang):
        self.theme = theme
        self.default_lang = default_lang
        self._loaded = {}

    def get(self, lang):
        if lang not in self._loaded:
            found = None if lang == self.default_lang else load(self.theme, lang)
            self._loaded[lang] = found or gettext.NullTranslations()
        return self._loaded[lang]

    def gettext(self, lang, message):
        return self.get(lang).gettext(message)

    def ngettext(self, lang, singular, plural, number):
        return self.get(lang).ngettext(singular, plural, number)
