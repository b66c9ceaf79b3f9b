"""Tasks for writing, checking, previewing and publishing the site: run `invoke --list`."""

import functools
import http.server
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
HOST_SETTINGS = ROOT / "hostconf.py"  # publishconf.py for hosts that build the site themselves
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
NGINX_CONFIG = ROOT / "deploy" / "nginx-site.conf"
NGINX_REDIRECTS = "nginx-redirects.conf"  # beside it: the old addresses, for nginx's http block
HOST = "localhost"
PORT = 8000

sys.path.insert(0, str(ROOT))
from plugins import runner  # noqa: E402  (it loads Pelican only when a build starts)
from publishing import pipeline  # noqa: E402  (each deploy target's options, for `publish`)


def _overrides(content=None, output=None, drafts=False, preview=False, siteurl=None):
    """Settings that differ from pelicanconf.py for this run."""
    overrides = {"SHOW_DRAFTS": drafts}
    if siteurl:
        overrides["SITEURL"] = siteurl
    if preview:
        # This process builds again at every save: the search index is built in the
        # background and helper processes stay ready for the next build.
        overrides["PREVIEW"] = True
    if content:
        overrides["PATH"] = str(Path(content).resolve())
    if output and Path(output).resolve() != OUTPUT:
        output = Path(output).resolve()
        overrides["OUTPUT_PATH"] = str(output)
        overrides["CACHE_PATH"] = str(output.parent / f"{output.name}.cache")
    return overrides


def _build(settings=SETTINGS, check_only=False, everything=False, **overrides):
    """Build (or check) and print the outcome; stop with the plain-language report on errors.

    Returns the report of the warnings, "" when there are none.
    """
    overrides = _overrides(**overrides)
    try:
        if check_only:
            warnings = runner.build(settings, overrides, check_only=True, everything=everything)
        else:
            warnings = runner.build_then_index(settings, overrides)
    except runner.BuildFailed as failure:
        raise Exit(f"\n{failure}\n", code=1) from None
    warnings_report = runner.report(warnings, overrides, everything)
    if warnings_report:
        print(f"\n{warnings_report}\n")
    return warnings_report


@task(
    default=True,
    help={
        "content": "Build from another content folder (used by tests and the benchmark).",
        "output": "Write the site to another folder instead of output/.",
    },
)
def build(c, content=None, output=None):
    """Check the content and build the site into output/, stopping on any mistake."""
    _build(content=content, output=output)


@task(
    help={
        "content": "Check another content folder instead of content/.",
        "all": "Show every suggestion again, also those about files you have not changed.",
    }
)
def check(c, content=None, all=False):
    """Check every article and page and list every problem, without building."""
    # Nothing is written; the output folder only decides where the build cache lives.
    output = Path(content).resolve().parent / "output" if content else None
    advice = _build(check_only=True, everything=all, content=content, output=output)
    if not advice:
        print("No problems found.")
    else:
        print("Nothing must be fixed: the site can be built. Suggestions are advice.")


@task(
    help={
        "output": "The folder to write title.txt and body.md into (default reviews-due/).",
        "edit_url": "Where GitHub edits the files, e.g. https://github.com/you/site/edit/main/",
        "content": "Look at another content folder instead of content/.",
    }
)
def reviews_due(c, output="reviews-due", edit_url="", content=None):
    """Write the issue that lists every article due for review, or nothing when none is."""
    from plugins.review_dates import review_issue

    content = Path(content).resolve() if content else ROOT / "content"
    try:
        problems = runner.build(
            SETTINGS, _overrides(content=content, output=content.parent / "output"), True
        )
    except runner.BuildFailed as failure:
        raise Exit(f"\n{failure}\n", code=1) from None
    issue = review_issue(problems, content.parent, edit_url)
    output = Path(output)
    output.mkdir(parents=True, exist_ok=True)
    for name, text in zip(("title.txt", "body.md"), issue or ("", ""), strict=True):
        (output / name).unlink(missing_ok=True)
        if text:
            (output / name).write_text(text, encoding="utf-8")
    print(f"{issue[0]}:\n\n{issue[1]}" if issue else "No article is due for review.")


NEW_POST_HELP = {
    "title": "The title, in quotes. Accents, apostrophes and emoji are fine "
    "(asked for when left out).",
    "category": "The one topic it belongs to (optional).",
    "tags": 'Other topics, separated by commas, in quotes: "anxiety, sleep" (optional).',
    "summary": "One or two sentences for lists and search results (optional; add it later).",
    "content": "Create it in another content folder (used by tests).",
}
TRANSLATION_HELP = {
    "lang": "The language of a translation, as a code from LANGUAGES in pelicanconf.py: es.",
    "from_": "The post to translate, for example content/articles/ketamine-for-anxiety.md: "
    "the draft starts as a copy of it, with the same Slug.",
}


@task(help={**NEW_POST_HELP, **TRANSLATION_HELP})
def new_post(c, title="", category="", tags="", summary="", content=None, lang="", from_=""):
    """Start a new article (or a translation, with --from) as a draft and print where to see it."""
    if from_ or lang:
        from tools.new_post import NotStarted, translate

        try:
            translate(from_, lang, title, content, SETTINGS, f"http://{HOST}:{PORT}/")
        except NotStarted as refusal:
            raise Exit(str(refusal)) from None
        return
    _new("article", title, category, tags, summary, content)


def _new(kind, title, category="", tags="", summary="", content=None):
    from tools.new_post import NotStarted, start

    try:
        start(kind, title, category, tags, summary, content, SETTINGS, f"http://{HOST}:{PORT}/")
    except NotStarted as refusal:
        raise Exit(str(refusal)) from None


@task(help={k: NEW_POST_HELP[k] for k in ("title", "summary", "content")})
def new_page(c, title="", summary="", content=None):
    """Start a new page (like About) as a draft in content/pages/ and print where to preview it."""
    _new("page", title, summary=summary, content=content)


@task(
    help={
        "source": "The export of the old blog: a WordPress, Squarespace or Blogger export file, "
        "or an RSS or Atom feed file.",
        "media": "The folder of the old site's pictures: a copy of WordPress's uploads/, "
        "or WordPress.com's media export (a .tar file), unpacked.",
        "dry_run": "Show what would be written, changed and skipped; write nothing and "
        "download nothing.",
        "download": "Download pictures that are not in --media from the old site, only from "
        "the public internet (default: yes; --no-download to stay offline).",
        "content": "Import into another content folder (used by tests).",
    }
)
def import_posts(c, source, media=None, dry_run=False, download=True, content=None):
    """Bring the posts of an old blog over from its export or feed, keeping its old addresses."""
    if source in ("-h", "--help"):
        # The export's place is taken first, so invoke would read --help as a file's name.
        import subprocess

        help_command = [sys.executable, "-m", "invoke", "--help", "import-posts"]
        raise Exit(code=subprocess.run(help_command, cwd=ROOT).returncode)
    from pelican.settings import read_settings

    from importer import ImportStopped, import_posts, main_log

    settings = read_settings(str(SETTINGS))
    folder = Path(content).resolve() if content else Path(settings["PATH"])
    try:
        print(import_posts(source, settings, folder, media, dry_run, download, log=main_log))
    except ImportStopped as stopped:
        raise Exit(f"\n{stopped}\n", code=1) from None


@task
def clean(c):
    """Delete the built site and the build cache."""
    for folder in (OUTPUT, CACHE):
        shutil.rmtree(folder, ignore_errors=True)


@task(pre=[clean])
def rebuild(c):
    """Build the site from scratch, without the cache."""
    _build()


@task(
    help={
        "port": f"The port to serve on (default {PORT}).",
        "output": "Serve another built folder instead of output/.",
    }
)
def serve(c, port=PORT, output=OUTPUT):
    """Serve the built site at http://localhost:8000 until you press Ctrl+C."""
    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    from tools.serving import PortTaken, SiteRequestHandler, is_port_taken

    handler = functools.partial(SiteRequestHandler, directory=str(output))
    try:
        server = http.server.ThreadingHTTPServer((HOST, int(port)), handler)
    except OSError as error:
        if is_port_taken(error):
            raise Exit(str(PortTaken(HOST, int(port), "serve"))) from None
        raise
    with server:
        print(f"Serving the site at http://{HOST}:{port}/ (press Ctrl+C to stop)")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


@task(
    help={
        "port": f"The port to serve on (default {PORT}).",
        "content": "Preview another content folder (used by tests and the benchmark).",
        "output": "Write the preview to another folder instead of output/.",
    }
)
def livereload(c, port=PORT, content=None, output=None):
    """Preview the site, drafts included, and refresh the browser whenever you save a change."""
    from tools.preview import preview
    from tools.serving import PortTaken

    content = Path(content).resolve() if content else ROOT / "content"
    output = Path(output).resolve() if output else OUTPUT
    overrides = _overrides(content=content, output=output, drafts=True, preview=True)
    try:
        preview(SETTINGS, overrides, content, output, HOST, int(port))
    except PortTaken as taken:
        raise Exit(str(taken)) from None


@task(help={"siteurl": "The public address to build for (default http://localhost:8000)."})
def preview(c, siteurl=f"http://{HOST}:{PORT}"):
    """Build with the publishing settings and serve the result at http://localhost:8000."""
    from plugins.public_address import problem

    if problem(siteurl):
        raise Exit(
            f"--siteurl must be the site's https:// address, or http://{HOST}:{PORT} to try "
            f"it here, not {siteurl}"
        )
    _build(settings=PUBLISH_SETTINGS, siteurl=siteurl.rstrip("/"))
    handouts(c)  # the public build links every article to its handout
    serve(c)


@task(
    help={
        "output": f"Where to write it (default {NGINX_CONFIG.relative_to(ROOT)}).",
        "content": "Read the old addresses from another content folder (used by tests).",
    }
)
def nginx_config(c, output=NGINX_CONFIG, content=None):
    """Write the nginx include that serves the site with its security and caching headers."""
    from pelican.settings import read_settings

    from plugins.redirects import moved_without_build
    from plugins.security_headers import nginx_config as render
    from plugins.security_headers import nginx_redirects

    settings = read_settings(str(SETTINGS))
    folder = Path(content).resolve() if content else Path(settings["PATH"])
    maps, server = nginx_redirects(moved_without_build(folder, settings))
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render() + server, encoding="utf-8")
    print(f"Wrote {output}. Include it in the server block whose root is the site.")
    moved = output.with_name(NGINX_REDIRECTS)
    if maps:
        moved.write_text(maps, encoding="utf-8")
        print(
            f"Wrote {moved}, the old addresses of imported posts. Include it in nginx's http "
            "block: on Debian, copy it to /etc/nginx/conf.d/."
        )
    else:
        moved.unlink(missing_ok=True)


@task(help=pipeline.task_help())
@pipeline.with_target_settings(before="content")
def publish(
    c, target=None, siteurl=None, dry_run=False, save=False, content=None, output=None, **settings
):
    """Build the public site, run every check on it, and deploy it only if all of them pass."""
    from publishing import DeployRefused

    try:
        pipeline.publish(target, siteurl, dry_run, settings, content, output, save)
    except (DeployRefused, runner.BuildFailed) as stopped:
        raise Exit(f"\n{stopped}\n", code=1) from None


@task(
    help={
        "siteurl": "The public address, e.g. https://www.example.org. Default $SITEURL.",
        "output": "Build into another folder instead of output/.",
    }
)
def host_build(c, siteurl=None, output=OUTPUT):
    """Build the public site without handouts, as Netlify and Cloudflare Pages do themselves."""
    import os

    from plugins.public_address import problem

    siteurl = (siteurl or os.environ.get("SITEURL", "")).rstrip("/")
    if not siteurl or problem(siteurl):
        raise Exit(
            "The public address of the site is missing or not https://. Set SITEURL in the "
            "host's settings to https://www.example.org, or give it as --siteurl."
        )
    print(f"Building {siteurl} into {Path(output).resolve()} (no handouts on this host)")
    _build(settings=HOST_SETTINGS, output=output, siteurl=siteurl)


@task(help={"output": "Make handouts for the site built in this folder (default output/)."})
def handouts(c, output=str(OUTPUT)):
    """Write a printable PDF handout of every article into output/handouts/."""
    from tools.handouts import make_handouts

    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    written = make_handouts(output)
    if not written:
        raise Exit(
            "No page links to a handout. Handouts belong to the public build: "
            "`invoke publish --target check --siteurl …` builds it and prints them."
        )
    for path in written:
        print(f"Wrote {path.relative_to(Path(output).resolve())}")


@task(name="report", help={"output": "Measure the site built in this folder (default output/)."})
def page_report(c, output=str(OUTPUT)):
    """Weigh every type of page and pictures, run Lighthouse, and write reports/."""
    from tools.picture_report import write_picture_report
    from tools.report import write_report

    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    print(write_report(output, ROOT / "reports" / "page-weight.md"))
    # A sample article with three phone photos: the real site may have none yet.
    print(write_picture_report(ROOT / "reports" / "pictures.md"))


@task(
    help={
        "output": "Photograph the site built in this folder (default output/).",
        "folder": "Save the pictures in this folder (default screenshots/).",
        "pages": 'Only these built pages, comma-separated: "index.html,get-help/index.html".',
    }
)
def screenshots(c, output=str(OUTPUT), folder=str(ROOT / "screenshots"), pages=""):
    """Save pictures of each page type at 375, 390 and 1280 px, light and dark, in screenshots/."""
    from tools.screenshots import take_screenshots

    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    chosen = [page.strip() for page in pages.split(",") if page.strip()]
    missing = [page for page in chosen if not (Path(output) / page).is_file()]
    if missing:
        raise Exit(f"No such built page: {', '.join(missing)}. Name files in {output}.")
    written = take_screenshots(output, folder, chosen or None)
    print(f"Wrote {len(written)} pictures to {folder}")


@task(
    help={
        "articles": "Corpus sizes, comma-separated (default 100,1000,4000).",
        "repeats": "How many times each build runs (default 3).",
        "saves": "How many saves to time under livereload per size (default 3; 0 skips).",
    }
)
def bench(c, articles="100,1000,4000", repeats=3, saves=3):
    """Time the build against plain Pelican and write benchmarks/README.md."""
    from benchmarks.run import bench as run_bench

    print(run_bench([int(n) for n in articles.split(",")], int(repeats), int(saves)))
