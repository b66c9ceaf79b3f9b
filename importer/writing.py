"""Writes an import's files all at once, or none of them."""

from pathlib import Path

from importer.sources import ImportStopped


def display(path, content):
    """A path as the report shows it: from the content folder's name."""
    return (Path(content.name) / Path(path).relative_to(content)).as_posix()


def write_all(writes, content):
    """Write every file, or none: on any failure each file is put back as it was."""
    before, made = {}, []
    try:
        for path, data in writes.items():
            path = Path(path)
            before[path] = path.read_bytes() if path.exists() else None
            made += [f for f in reversed(path.parents) if not f.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, str):
                path.write_text(data, encoding="utf-8")
            else:
                path.write_bytes(data)
    except BaseException as error:  # a full disk, or Ctrl-C half-way: put everything back
        for path, old in reversed(before.items()):
            try:
                if old is None:
                    path.unlink(missing_ok=True)
                else:
                    path.write_bytes(old)
            except OSError:
                pass
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        if not isinstance(error, OSError):
            raise
        try:
            where = display(error.filename, content)
        except (TypeError, ValueError):
            where = "the content folder"
        raise ImportStopped(
            f"Could not write {where} ({error.strerror or error}), so nothing was imported: "
            "the content folder is as it was. Run the import again once that is mended."
        ) from None
