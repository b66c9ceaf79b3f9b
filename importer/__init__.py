"""Brings an old blog over: `invoke import-posts SOURCE [--media DIR] [--dry-run]`.

Each post or page of a WordPress export (WXR, Squarespace's too) or of an RSS/Atom
feed becomes a Markdown file whose front matter passes the site's checks; pictures are
placed in content/images; each old address is recorded in content/redirects.txt
(plugins/redirects.py). Nothing is widened: whatever readers could not see on the old
blog (drafts, pending, private, scheduled and password-protected posts) is a draft
here. Comments are never imported. A second import of the same file writes nothing
new, and never overwrites a file she has changed since: content/import-manifest.json
remembers what was written, with a hash of each file, and what makes each post itself
(its old addresses, its title and day), so the same blog exported in another form (its
Atom feed after its RSS feed) comes over once. Another blog's post takes a free slug
beside those already there. Everything is decided before anything is written, so a dry
run says exactly what the import does (and contacts nothing), and an import that cannot
finish puts back every file it wrote.

An export is untrusted at every step: its HTML keeps only what the site's allow-list
allows (convert.py), its words stay words in the Markdown, and its pictures come only
from inside --media or the public internet, and only when they are pictures (media.py,
fetching.py).
"""

import datetime
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from importer import convert, posts, sources, wordpress
from importer.media import Media
from importer.sources import ImportStopped
from importer.writing import display, write_all
from plugins import redirects
from plugins.front_matter import site_today
from plugins.new_post import make_slug, taken_slugs

MANIFEST = "import-manifest.json"
PROGRESS_EVERY = 25  # items between two progress lines


@dataclass
class Outcome:
    """What one import did, or would do in a dry run, for the report."""

    export: sources.Export
    source: Path
    written: list = field(default_factory=list)  # (path, kind)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (path, why)
    already: list = field(default_factory=list)  # brought by another export of the same blog
    drafts: list = field(default_factory=list)  # (path, why)
    notes: int = 0
    redirects: int = 0
    upgraded: int = 0
    unlinked: int = 0  # links from published posts to drafts, now their words only
    not_imported: int = 0  # links to old addresses the export did not have
    embeds: int = 0
    media: Media = None


def _hash(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Importer:
    """Plans a file for every item first, so links between old posts can follow them."""

    def __init__(self, export, settings, content, media, log):
        self.export, self.settings, self.content, self.media, self.log = (
            export,
            settings,
            Path(content),
            media,
            log,
        )
        self.manifest_path = self.content / MANIFEST
        try:
            self.manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.manifest = {}
        self.manifest.setdefault("imported", {})
        self.today = site_today(settings)
        self.files = {}  # item key -> path relative to the content folder
        self.slugs = {}  # post id -> slug, for pages under a parent
        self.drafted = set()  # keys of the items that are drafts here: no old address to keep
        self.same_as = {}  # key of an item another export already brought -> its file

    def folder(self, kind):
        setting = "ARTICLE_PATHS" if kind == "article" else "PAGE_PATHS"
        return self.content / self.settings[setting][0]

    def plan(self):
        taken = {kind: taken_slugs(self.folder(kind)) for kind in ("article", "page")}
        # A file an earlier import wrote, from this source or another, keeps its slug even
        # once she has deleted it: only the item it was written for comes back to it.
        for entry in self.manifest["imported"].values():
            taken["page" if entry["file"].startswith("pages/") else "article"].add(
                Path(entry["file"]).stem.lower()
            )
        # The same blog exported again in another form (its Atom feed after its RSS feed, or
        # its WordPress export) names its posts differently: the same post is known by its
        # old address, or by its title on the same day.
        seen = {}
        for key, entry in self.manifest["imported"].items():
            for identity in entry.get("same_post", ()):
                seen.setdefault(identity, (key, entry["file"]))
        by_id = {item.post_id: item for item in self.export.items if item.post_id}
        for item in sorted(self.export.items, key=lambda i: (i.kind, _depth(i, by_id))):
            known = self.manifest["imported"].get(item.key)
            same = [seen[i] for i in self.identities(item) if i in seen]
            earlier = [(key, file) for key, file in same if key != item.key]
            if not known and earlier:
                self.same_as[item.key] = earlier[0][1]
                known = {"file": earlier[0][1]}
            if known:
                self.files[item.key] = known["file"]
                self.slugs[item.post_id] = Path(known["file"]).stem
                taken[item.kind].add(Path(known["file"]).stem)
                continue
            parent = self.slugs.get(item.parent_id, "") if item.kind == "page" else ""
            slug = posts.slug_for(item, self.settings, taken[item.kind], parent)
            taken[item.kind].add(slug)
            self.slugs[item.post_id] = slug
            self.files[item.key] = (
                self.folder(item.kind).relative_to(self.content) / f"{slug}.md"
            ).as_posix()
        # Known before any post is written, so that a published post's link to a draft
        # can become its words (the public build refuses a link to a draft).
        self.drafted = {item.key for item in self.export.items if self.why_draft(item)}

    def identities(self, item):
        """What makes two items of two exports the same post: its addresses, its title and day."""
        found = ["address " + " ".join(posts.address_key(a)) for a in self._addresses(item)]
        title, date = make_slug(posts.one_line(item.title), self.settings), self.date_of(item)
        if title and date:
            found.append(f"title {title} {date:%Y-%m-%d}")
        return found

    def old_addresses(self):
        """address_key -> {filename} link, for every old address of every planned post."""
        found = {}
        for item in self.export.items:
            link = f"{{filename}}/{self.files[item.key]}"
            for address in self._addresses(item):
                found[posts.address_key(address)] = link
        return found

    def drafts(self):
        """{filename} link -> what her note calls it, for every post that is a draft here."""
        return {
            f"{{filename}}/{self.files[item.key]}": (
                f'"{posts.one_line(item.title)}" ({self.files[item.key]})'
                if posts.one_line(item.title)
                else self.files[item.key]
            )
            for item in self.export.items
            if item.key in self.drafted
        }

    def date_of(self, item):
        return sources.in_zone(item.date, self.settings.get("TIMEZONE")) if item.date else None

    def why_draft(self, item):
        """Why an item is a draft here ("" when it is published): readers could not see it."""
        date = self.date_of(item)
        if item.not_public:
            return item.not_public
        if date is None:
            return "without a date in the export"
        return "dated in the future" if date.date() > self.today else ""

    def _addresses(self, item):
        addresses = [item.link] if item.link else []
        if item.post_id and self.export.site:
            query = "page_id" if item.kind == "page" else "p"
            addresses.append(f"{self.export.site.rstrip('/')}/?{query}={item.post_id}")
            addresses.append(f"{self.export.site.rstrip('/')}/?p={item.post_id}")
        return list(dict.fromkeys(addresses))

    def text_of(self, item, outcome, resolver):
        """The Markdown file for one item, and why it is a draft ("" when it is published)."""
        prepared = wordpress.prepare(item, self.export)
        outcome.embeds += prepared.embeds
        marked, footnotes = convert.mark_footnotes(prepared.html, item.footnotes)
        converted = convert.to_markdown(marked, resolver, footnotes)
        notes = [*prepared.notes]
        title = posts.one_line(item.title)
        date, why = self.date_of(item), self.why_draft(item)
        if not title:
            title = f"Untitled {'post' if item.kind == 'article' else 'page'}" + (
                f" of {date:%-d %B %Y}" if date else ""
            )
            notes.append("This post had no title on the old blog; the title is a placeholder.")
        summary = posts.summary_of(convert.plain_text(item.excerpt)) if item.excerpt else ""
        summary = summary or posts.summary_of(convert.plain_text(prepared.teaser))
        summary = summary or posts.summary_of(convert.plain_text(prepared.html))
        if not summary:
            summary = posts.summary_of(f"{title}, from the old blog.")
            notes.append("The old post had no text to make a summary of; write the Summary.")
        if why:
            notes.append(f"This was {why} on the old blog, so it is a draft here.")
        category, tags = posts.category_and_tags(item)
        body = "\n\n".join([*map(convert.note_line, notes), converted.markdown.strip()]).strip()
        values = {
            "Title": title,
            "Date": f"{date:%Y-%m-%d %H:%M}" if date else "",
            "Summary": summary,
            "Category": category,
            "Tags": ", ".join(tags),
            "Slug": Path(self.files[item.key]).stem,
            "Status": "draft" if why else "published",
            "body": body + "\n",
        }
        outcome.notes += len(notes) + len(converted.notes)
        return posts.render(values, item.kind), why

    def run(self, outcome, dry_run):
        self.plan()
        known = self.old_addresses()
        hosts = {urlsplit(a).hostname for a in (self.export.site, *known_links(self.export))}
        hosts = {(h or "").removeprefix("www.").lower() for h in hosts if h}
        drafts = self.drafts()
        total = len(self.export.items)
        writes = {}  # path -> text: everything the import will write, decided before any of it
        for number, item in enumerate(self.export.items, start=1):
            if number % PROGRESS_EVERY == 0 or number == total:
                self.log(f"  {number} of {total} read…")
            if item.key in self.same_as:
                shown = display(self.content / self.same_as[item.key], self.content)
                outcome.already.append(f'{shown}: "{posts.one_line(item.title)}"')
                continue
            resolver = posts.Resolver(known, hosts, self.media, item.link or self.export.site)
            # A draft may keep its links to other drafts: none of them is public.
            resolver.drafts = {} if item.key in self.drafted else drafts
            text, why = self.text_of(item, outcome, resolver)
            outcome.upgraded += resolver.upgraded
            outcome.unlinked += resolver.unlinked
            outcome.not_imported += resolver.not_imported
            self._plan_write(item, text, why, outcome, writes)
        redirects_text = self._record_redirects(outcome, writes)
        if dry_run:
            return
        if redirects_text is not None:
            writes[self.content / redirects.REDIRECTS_FILE] = redirects_text
        for name, data in self.media.pending.items():
            writes[self.media.images_folder / name] = data
        writes[self.manifest_path] = json.dumps(self.manifest, indent=1, sort_keys=True) + "\n"
        write_all(writes, self.content)

    def _plan_write(self, item, text, why, outcome, writes):
        relative = self.files[item.key]
        path = self.content / relative
        shown = display(path, self.content)
        known = self.manifest["imported"].get(item.key)
        if known and not path.is_file():
            outcome.skipped.append((shown, "you deleted it after the last import"))
            return
        if known and _hash(path.read_text(encoding="utf-8")) != known["sha256"]:
            outcome.skipped.append((shown, "you have changed it since it was imported"))
            return
        if why:
            outcome.drafts.append((shown, why))
        if known and path.read_text(encoding="utf-8") == text:
            outcome.unchanged.append(shown)
            known["same_post"] = self.identities(item)  # for a manifest an older import wrote
            return
        if not known and (path.exists() or path in writes):
            # plan() gives each new post a free slug: a file there would be hers, overwritten.
            raise ImportStopped(
                f"{shown} is already there, and the import would have written over it. "
                "Nothing was imported; please report this with the export file."
            )
        (outcome.updated if known else outcome.written).append((shown, item.kind))
        writes[path] = text
        self.manifest["imported"][item.key] = {
            "file": relative,
            "sha256": _hash(text),
            "same_post": self.identities(item),
        }

    def _record_redirects(self, outcome, writes):
        """Count each published post's new old addresses; return the redirects file to write.

        None when there is nothing new to record.
        """
        path = self.content / redirects.REDIRECTS_FILE
        existing = path.read_text(encoding="utf-8") if path.is_file() else ""
        recorded, _ = redirects.parse(existing)
        have = {(r.path, r.query) for r in recorded}
        # An address a post of the site already answers (her own About page at /about/,
        # or the imported post itself) is not redirected.
        have |= {(address, ()) for address in self._addresses_in_use(writes)}
        new = []
        for item in self.export.items:
            path = self.content / self.files[item.key]
            if item.key in self.drafted or not (path in writes or path.is_file()):
                continue
            for address in self._addresses(item):
                try:
                    where = redirects.parse_address(address)
                except redirects.Unusable:
                    continue
                entry = redirects.Redirect(0, *where, self.files[item.key])
                save_as = entry.save_as()
                if where in have or (save_as is not None and redirects.is_sites_own(save_as)):
                    continue  # the site's own page there (its home, archives, search…) stays
                have.add(where)
                new.append((entry.old, entry.target))
        outcome.redirects = len(new)
        if not new:
            return None
        text = existing or redirects.HEADER
        lines = redirects.render(new).removeprefix(redirects.HEADER)
        return text.rstrip("\n") + "\n" + lines

    def _addresses_in_use(self, writes):
        """The address of every published post once the import is written, on disk or not."""
        for kind in ("article", "page"):
            folder = self.folder(kind)
            planned = {p: t for p, t in writes.items() if folder in p.parents}
            for path in sorted({*folder.rglob("*.md"), *planned}):
                text = planned.get(path)
                address = (
                    redirects.address_of_text(text, kind, self.settings)
                    if text is not None
                    else redirects.address_of_file(path, kind, self.settings)
                )
                if address:
                    yield address


def known_links(export):
    return [item.link for item in export.items if item.link]


def _depth(item, by_id):
    depth, seen = 0, set()
    while item.parent_id in by_id and item.parent_id not in seen:
        seen.add(item.parent_id)
        item, depth = by_id[item.parent_id], depth + 1
    return depth


def import_posts(
    source,
    settings,
    content,
    media=None,
    dry_run=False,
    download=True,
    log=print,
    first_hop_allowed=None,
):
    """Import `source` into the content folder; return the report, in plain words.

    This is what `invoke import-posts` runs. ImportStopped says, in plain words, why
    nothing was imported. `first_hop_allowed` is for tests only (fetching.download).
    """
    source = Path(source)
    if not source.is_file():
        raise ImportStopped(
            f"There is no file {source}. Give the path of the export, for example: "
            "invoke import-posts ~/Downloads/myblog.WordPress.2024-01-01.xml"
        )
    if media and not Path(media).is_dir():
        raise ImportStopped(f"There is no folder {media}. Give the folder of the old site's files.")
    zone = sources.in_zone(datetime.datetime.now(datetime.UTC), settings.get("TIMEZONE")).tzinfo
    log(f"Reading {source.name}…")
    export = sources.read_export(source, zone)
    content = Path(content)
    images = content / "images"
    outcome = Outcome(
        export, source, media=Media(images, media, download, dry_run, first_hop_allowed)
    )
    try:
        Importer(export, settings, content, outcome.media, log).run(outcome, dry_run)
    except OSError as error:
        raise ImportStopped(f"The import stopped: {error}. Nothing was imported.") from None
    from importer.report import report

    return report(outcome, dry_run)


def main_log(message):
    print(message, file=sys.stderr, flush=True)
