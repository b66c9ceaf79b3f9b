"""The short report at the end of an import: what came over, what is left for her, and why."""

LISTED = 12  # a long list shows this many, then how many more


def _listed(entries):
    lines = [f"    {entry}" for entry in entries[:LISTED]]
    if len(entries) > LISTED:
        lines.append(f"    … and {len(entries) - LISTED} more")
    return lines


def _count(number, one, many=None):
    return f"{number} {one if number == 1 else (many or one + 's')}"


def report(outcome, dry_run):
    export, media = outcome.export, outcome.media
    would = "would be " if dry_run else ""
    site = f" of {export.site}" if export.site else ""
    lines = [
        f"{'Dry run: nothing was written. ' if dry_run else ''}"
        f"From {outcome.source.name} ({export.kind}{site}):"
    ]
    if export.mended:
        lines.append(f"  {export.mended}")
    made = outcome.written + outcome.updated
    articles = sum(1 for _, kind in made if kind == "article")
    pages = len(made) - articles
    lines.append(
        f"  Posts: {_count(articles, 'article')} and {_count(pages, 'page')} {would or ''}"
        f"{'written' if not outcome.updated else 'written or updated'}."
    )
    if outcome.unchanged:
        lines.append(
            f"  {_count(len(outcome.unchanged), 'file')} already imported as they are: "
            "nothing to write."
        )
    if outcome.already:
        lines.append(
            f"  Already imported from another export of the same blog, so not imported again "
            f"({len(outcome.already)}):"
        )
        lines += _listed(outcome.already)
    if outcome.skipped:
        lines.append(f"  Skipped, so your changes stay ({len(outcome.skipped)}):")
        lines += _listed([f"{path}: {why}" for path, why in outcome.skipped])
    if outcome.drafts:
        lines.append(
            f"  Drafts ({len(outcome.drafts)}), because readers could not see them on the old "
            "blog; they stay out of the public site until you publish them:"
        )
        lines += _listed([f"{path}: {why}" for path, why in outcome.drafts])
    # Placed now, and already in content/images (from an earlier import, or her own).
    there = len({name for name in media.placed.values() if name} - set(media.pending))
    lines.append(
        f"  Pictures: {_count(len(media.pending), 'picture')} {would or ''}placed in "
        "content/images"
        + (f" ({len(set(media.downloaded))} downloaded)" if media.downloaded else "")
        + (
            f" ({len(set(media.to_download))} would be downloaded from the old site, if it "
            "still has them; a dry run contacts nothing)"
            if media.to_download
            else ""
        )
        + (f"; {_count(there, 'picture')} already there" if there else "")
        + "."
    )
    if media.missing:
        lines.append(
            f"  {_count(len(media.missing), 'picture')} could not be found; each post is imported "
            "without it, and `invoke check` says where each one was:"
        )
        lines += _listed(
            [
                f"{address} (not taken: {media.why_missing[address]})"
                if address in media.why_missing
                else address
                for address in media.missing
            ]
        )
    lines.append(
        f"  Old addresses: {outcome.redirects} {would or ''}recorded in content/redirects.txt; "
        "they lead to the new pages once the old address points at this site."
    )
    if outcome.embeds:
        lines.append(
            f"  Embedded videos and posts: {outcome.embeds}, now "
            f"{'a plain link' if outcome.embeds == 1 else 'plain links'}."
        )
    if outcome.upgraded:
        lines.append(
            f"  Links: {outcome.upgraded} to other sites changed from http:// to https://."
        )
    if outcome.unlinked:
        lines.append(
            f"  {_count(outcome.unlinked, 'link')} from published posts to drafts "
            f"{'would be ' if dry_run else ''}left as plain words, as readers could not open "
            "them; a note in each post says which draft to link again once it is published."
        )
    if outcome.not_imported:
        lines.append(
            f"  {_count(outcome.not_imported, 'link')} to the old blog's addresses that were "
            "not in the export: they break once the old address points at this site; a note "
            "marks each one."
        )
    lines.append(
        f"  Comments: {export.comments} not imported. They are other people's words and "
        "personal details, and this site has no comments."
    )
    for (one, several), number in sorted(export.left_out.items()):
        lines.append(f"  Not imported: {_count(number, one, several)}.")
    if outcome.notes:
        lines.append(
            f"  Left for you: {_count(outcome.notes, 'note')} in the imported files; "
            "`invoke check` lists them as suggestions (import)."
        )
    lines.append(
        "Next: run `invoke check`, then `invoke livereload` to read the imported posts."
        if not dry_run
        else "Run the same command without --dry-run to import."
    )
    return "\n".join(lines)
