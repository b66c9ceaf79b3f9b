"""Tasks for writing, checking, previewing and publishing the site: run `invoke --list`."""

import functools
import http.server
import os
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
SETTINGS = ROOT / "pelicanconf.py"
PUBLISH_SETTINGS = ROOT / "publishconf.py"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
STAGING = ROOT / "staging"  # what `invoke publish` builds and checks before deploying
NGINX_CONFIG = ROOT / "deploy" / "nginx-site.conf"
NGINX_REDIRECTS = "nginx-redirects.conf"  # beside it: the old addresses, for nginx's http block
# The tests that apply to a built site (see tests/conftest.py); browser tests need the site
# served at its own address, and slow ones are for CI.
SITE_TESTS = "site and not browser and not slow"
HOST = "localhost"
PORT = 8000

sys.path.insert(0, str(ROOT))
from plugins import runner  # noqa: E402  (it loads Pelican only when a build starts)


def _overrides(content=None, output=None, drafts=False, preview=False):
    """Settings that differ from pelicanconf.py for this run."""
    overrides = {"SHOW_DRAFTS": drafts}
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


def _build(settings=SETTINGS, check_only=False, **overrides):
    """Build (or check) and print the outcome; stop with the plain-language report on errors.

    Returns the report of the warnings, "" when there are none.
    """
    try:
        if check_only:
            from plugins.checks.problem import report

            warnings = runner.build(settings, _overrides(**overrides), check_only=check_only)
            warnings_report = report(warnings) if warnings else ""
        else:
            warnings_report = runner.build_then_index(settings, _overrides(**overrides))
    except runner.BuildFailed as failure:
        raise Exit(f"\n{failure}\n", code=1) from None
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


@task(help={"content": "Check another content folder instead of content/."})
def check(c, content=None):
    """Check every article and page and list every problem, without building."""
    # Nothing is written; the output folder only decides where the build cache lives.
    output = Path(content).resolve().parent / "output" if content else None
    advice = _build(check_only=True, content=content, output=output)
    if not advice:
        print("No problems found.")
    else:
        print("Nothing must be fixed: the site can be built. The suggestions above are advice.")


def _new(kind, title, category="", tags="", summary="", content=None):
    """Create a draft article or page and say where it is and how to see it."""
    from pelican.settings import read_settings

    from plugins.new_post import create

    settings = read_settings(str(SETTINGS))
    folder = Path(content).resolve() if content else Path(settings["PATH"])
    try:
        path, slug = create(kind, title, settings, folder, category, tags, summary)
    except ValueError as mistake:
        raise Exit(str(mistake)) from None
    address = settings["DRAFT_URL" if kind == "article" else "DRAFT_PAGE_URL"].format(slug=slug)
    print(f"Created {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    print(f"Preview it at http://{HOST}:{PORT}/{address} while `invoke livereload` runs.")
    print("It is a draft until you change its Status line to: Status: published")


NEW_POST_HELP = {
    "title": "The title, in quotes. Accents, apostrophes and emoji are fine.",
    "category": "The one topic it belongs to (optional).",
    "tags": 'Other topics, separated by commas, in quotes: "anxiety, sleep" (optional).',
    "summary": "One or two sentences for lists and search results (optional; add it later).",
    "content": "Create it in another content folder (used by tests).",
}


@task(help=NEW_POST_HELP)
def new_post(c, title, category="", tags="", summary="", content=None):
    """Start a new article as a draft in content/articles/ and print where to preview it."""
    _new("article", title, category, tags, summary, content)


@task(help={k: NEW_POST_HELP[k] for k in ("title", "summary", "content")})
def new_page(c, title, summary="", content=None):
    """Start a new page (like About) as a draft in content/pages/ and print where to preview it."""
    _new("page", title, summary=summary, content=content)


@task(
    help={
        "source": "The export of the old blog: a WordPress (or Squarespace) export file, "
        "or an RSS or Atom feed file.",
        "media": "The folder of the old site's files (a copy of WordPress's uploads/), "
        "where the pictures are.",
        "dry_run": "Show what would be written, changed and skipped, and write nothing.",
        "download": "Download pictures that are not in --media from the old site "
        "(default: yes; --no-download to stay offline).",
        "content": "Import into another content folder (used by tests).",
    }
)
def import_posts(c, source, media=None, dry_run=False, download=True, content=None):
    """Bring the posts of an old blog over from its export or feed, keeping its old addresses."""
    from pelican.settings import read_settings

    from tools.importer import ImportStopped, import_posts, main_log

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
    from tools.serving import SiteRequestHandler

    handler = functools.partial(SiteRequestHandler, directory=str(output))
    with http.server.ThreadingHTTPServer((HOST, int(port)), handler) as server:
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

    content = Path(content).resolve() if content else ROOT / "content"
    output = Path(output).resolve() if output else OUTPUT
    overrides = _overrides(content=content, output=output, drafts=True, preview=True)
    preview(SETTINGS, overrides, content, output, HOST, int(port))


@task(help={"siteurl": "The public address to build for (default http://localhost:8000)."})
def preview(c, siteurl=f"http://{HOST}:{PORT}"):
    """Build with the publishing settings and serve the result at http://localhost:8000."""
    os.environ["SITEURL"] = siteurl
    _build(settings=PUBLISH_SETTINGS)
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


def _setting(value, variable, default=None):
    """A deploy setting: the task argument, else the environment variable, else the default."""
    return value or os.environ.get(variable) or default


def _origin_url():
    found = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip() or None


def _run_site_tests(site):
    """Run every test that applies to a built site over `site`; stop publishing if one fails."""
    print(f"Checking the built site: pytest -m '{SITE_TESTS}'")
    try:
        import pytest  # noqa: F401
    except ImportError:
        raise Exit(
            "Publishing runs the site's tests. Set them up with `scripts/setup --test`."
        ) from None
    checked = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", SITE_TESTS],
        cwd=ROOT,
        env={**os.environ, "SITE_OUTPUT": str(site)},
    )
    if checked.returncode != 0:
        raise Exit("\nThe built site failed the checks above, so nothing was deployed.", code=1)


@task(
    help={
        "target": "Where to: github-pages, rsync, or check (build and check only). "
        "Default $DEPLOY_TARGET.",
        "siteurl": "The public address, e.g. https://www.example.org. Default $SITEURL.",
        "dry_run": "Build and check, then show what would change, changing nothing.",
        "remote": "github-pages: the git remote to push to. Default $DEPLOY_GIT_REMOTE, "
        "else this checkout's origin.",
        "branch": "github-pages: the branch to publish to. Default $DEPLOY_GIT_BRANCH or gh-pages.",
        "cname": "github-pages: the site's own domain, written to CNAME. Default $DEPLOY_CNAME.",
        "rsync_target": "rsync: [user@]host:/folder or a folder. Default $DEPLOY_RSYNC_TARGET.",
        "ssh": "rsync: the ssh command to reach the server. Default $DEPLOY_SSH or ssh.",
        "rsync_options": "rsync: extra rsync options. Default $DEPLOY_RSYNC_OPTIONS.",
        "content": "Publish another content folder (used by tests).",
        "output": "Build into another folder instead of staging/.",
    }
)
def publish(
    c,
    target=None,
    siteurl=None,
    dry_run=False,
    remote=None,
    branch=None,
    cname=None,
    rsync_target=None,
    ssh=None,
    rsync_options=None,
    content=None,
    output=STAGING,
):
    """Build the public site, run every check on it, and deploy it only if all of them pass."""
    import shlex

    from pelican.settings import read_settings

    from publishing import DeployRefused, github_pages, rsync

    # Every setting is resolved first, so a missing one stops before the slow part.
    target = _setting(target, "DEPLOY_TARGET")
    if target not in ("github-pages", "rsync", "check"):
        raise Exit(
            "Say where to publish: --target github-pages, --target rsync, or --target check "
            "(build and check only), or set DEPLOY_TARGET. See the README's Deploying section."
        )
    siteurl = _setting(siteurl, "SITEURL")
    if not siteurl:
        raise Exit(
            "The public address of the site is missing. Give it as --siteurl "
            "https://www.example.org or set SITEURL."
        )
    os.environ["SITEURL"] = siteurl
    if target == "github-pages":
        remote = _setting(remote, "DEPLOY_GIT_REMOTE") or _origin_url()
        if not remote:
            raise Exit("Say which git remote to publish to: --remote URL or DEPLOY_GIT_REMOTE.")
        branch = _setting(branch, "DEPLOY_GIT_BRANCH", "gh-pages")
        cname = _setting(cname, "DEPLOY_CNAME", "")
    if target == "rsync":
        rsync_target = _setting(rsync_target, "DEPLOY_RSYNC_TARGET")
        if not rsync_target:
            raise Exit(
                "Say which folder to publish to: --rsync-target user@host:/srv/site "
                "or DEPLOY_RSYNC_TARGET."
            )
        destination = rsync.Target(rsync_target, ssh=_setting(ssh, "DEPLOY_SSH", "ssh"))
        options = shlex.split(_setting(rsync_options, "DEPLOY_RSYNC_OPTIONS", ""))
    sitename = read_settings(str(PUBLISH_SETTINGS))["SITENAME"]
    try:
        if target == "rsync":
            # Refuse a folder that is not ours before spending time on the build.
            rsync.check_ownership(destination, sitename)
    except DeployRefused as refused:
        raise Exit(f"\n{refused}\n", code=1) from None

    # 1. Build with the publishing settings.
    site = Path(output).resolve()
    print(f"Building {siteurl} into {site}")
    _build(settings=PUBLISH_SETTINGS, content=content, output=site)
    handouts(c, output=site)
    # 2. Check what was built.
    _run_site_tests(site)
    # 3. Deploy.
    try:
        if target == "check":
            print(f"The site in {site} passed every check; nothing was deployed.")
        elif target == "github-pages" and dry_run:
            print(f"Dry run: would publish {site} to the {branch} branch of {remote}.")
        elif target == "github-pages":
            github_pages.deploy(site, remote, branch=branch, cname=cname)
        elif dry_run:
            rsync.dry_run(site, destination, sitename, options=options)
        else:
            rsync.deploy(site, destination, sitename, options=options)
    except DeployRefused as refused:
        raise Exit(f"\n{refused}\n", code=1) from None


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
    """Weigh every type of page, run Lighthouse, and write reports/page-weight.md."""
    from tools.report import write_report

    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    print(write_report(output, ROOT / "reports" / "page-weight.md"))


@task(help={"output": "Photograph the site built in this folder (default output/)."})
def screenshots(c, output=str(OUTPUT)):
    """Save pictures of each page type, phone and desktop, light and dark, in screenshots/."""
    from tools.screenshots import take_screenshots

    if not (Path(output) / "index.html").is_file():
        raise Exit("There is no built site yet. Run `invoke build` first.")
    written = take_screenshots(output, ROOT / "screenshots")
    print(f"Wrote {len(written)} pictures to screenshots/")


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
