"""Old addresses keep working: each one in content/redirects.txt leads to its post on every host."""

import http.client
import shutil
import subprocess

import pytest

from plugins import redirects
from plugins.security_headers import security_headers
from tests.conftest import build, invoke, read_page
from tests.servers import NGINX, nginx
from tests.test_links import test_every_old_address_leads_to_a_page_that_exists as leads_somewhere

REDIRECTS = """\
# The old blog's addresses.
/2019/05/first-steps/                articles/first-steps.md
/old/second.html                     articles/second-steps.md
/?p=7                                articles/first-steps.md
https://old.example.org/about-me/    pages/about.md
/caf%C3%A9/                          articles/second-steps.md
"""
LONG_ADDRESS = "/2019/05/a-very-long-old-address-that-a-blog-made-from-a-long-title-of-a-post/"
REDIRECTS += f"{LONG_ADDRESS} articles/first-steps.md\n"


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp("moved")
    content = folder / "content"
    shutil.copytree(request.config.rootpath / "tests" / "fixtures" / "minimal", content)
    shutil.copytree(request.config.rootpath / "content" / "extra", content / "extra")
    (content / "redirects.txt").write_text(REDIRECTS, encoding="utf-8")
    built = build(content, folder / "output")
    assert built.returncode == 0, built.stdout + built.stderr
    return content, folder / "output"


def test_an_old_path_has_a_page_that_sends_readers_on_to_the_new_one(moved_site):
    output = moved_site[1]
    for old, new in [
        ("2019/05/first-steps/index.html", "/articles/first-steps/"),
        ("old/second.html", "/articles/second-steps/"),
        ("about-me/index.html", "/about/"),
        ("café/index.html", "/articles/second-steps/"),
    ]:
        page = read_page(output, old)
        assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={new}"
        assert page.find("link", rel="canonical")["href"] == new
        assert page.find("main").find("a")["href"] == new
        # A page of the site like any other: the crisis resources are in their place.
        assert page.find(class_="ps-crisis") is not None


def test_netlify_and_cloudflare_get_the_list_of_old_addresses(moved_site):
    listed = (moved_site[1] / "_redirects").read_text(encoding="utf-8").splitlines()
    assert listed[1:] == [
        "/2019/05/first-steps/ /articles/first-steps/ 301",
        "/old/second.html /articles/second-steps/ 301",
        "/ p=7 /articles/first-steps/ 301!",
        "/about-me/ /about/ 301",
        "/caf%C3%A9/ /articles/second-steps/ 301",
        f"{LONG_ADDRESS} /articles/first-steps/ 301",
    ]


def test_every_recorded_old_address_leads_to_a_page_that_exists(moved_site):
    leads_somewhere(moved_site[1])


def test_a_line_that_cannot_be_used_is_explained_with_its_line(moved_site, tmp_path):
    content = tmp_path / "content"
    shutil.copytree(moved_site[0], content)
    draft = content / "articles" / "a-draft.md"
    draft.write_text(
        "Title: A draft\nDate: 2026-01-02\nSummary: Not yet.\nStatus: draft\n\nText.\n",
        encoding="utf-8",
    )
    (content / "redirects.txt").write_text(
        REDIRECTS
        + "/only-one-part\n"
        + "/gone/   articles/frist-steps.md\n"
        + "/search/   articles/first-steps.md\n"
        + "/not-yet/   articles/a-draft.md\n"
        + "/about/   articles/first-steps.md\n"
        + "/x/?utm=1   articles/first-steps.md\n",
        encoding="utf-8",
    )
    checked = invoke("check", "--content", str(content))
    said = checked.stdout + checked.stderr
    assert "content/redirects.txt, line 8 (old address)" in said
    assert "needs two" in said
    assert "line 9 (old address)" in said and "Did you mean articles/first-steps.md" in said
    assert "line 10 (old address)" in said and "its own pages" in said
    assert "line 11 (old address)" in said and "not published yet" in said
    assert "line 12 (old address)" in said and "now the address of content/pages/about.md" in said
    assert "line 13 (old address)" in said and "?p=123" in said
    assert checked.returncode == 1
    # Whatever else would mend it, taking the line out always does, and each fix says so.
    fixes = [
        problem.partition("How to fix:")[2]
        for problem in said.split("\n\n")
        if "redirects.txt, line" in problem
    ]
    assert len(fixes) == 6
    for fix in fixes:
        assert "delete the line" in fix.lower() or "delete this line" in fix.lower(), fix


def test_an_old_address_that_hosts_read_as_a_pattern_is_refused_by_name(moved_site, tmp_path):
    # On Netlify and Cloudflare Pages "/*" would send every address of the site to one post.
    content = tmp_path / "content"
    shutil.copytree(moved_site[0], content)
    (content / "redirects.txt").write_text(
        "/*   articles/first-steps.md\n"
        "/:page/   articles/first-steps.md\n"
        "/news!/   articles/first-steps.md\n"
        "/old%2A/   articles/first-steps.md\n",
        encoding="utf-8",
    )
    checked = invoke("check", "--content", str(content))
    said = checked.stdout + checked.stderr
    assert checked.returncode == 1
    for line, sign in [(1, "*"), (2, ":"), (3, "!"), (4, "*")]:
        problem = said.partition(f"redirects.txt, line {line} (old address)")[2]
        problem = problem.partition("\n\n")[0]
        assert f'contains "{sign}", which Netlify and Cloudflare Pages read as a pattern' in problem
        assert "How to fix: Delete the line" in problem
    # The list the build gives those hosts, and the folders it names in `_headers`, keep
    # none of them.
    usable, _ = redirects.read(content)
    assert usable == []


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    return response.status, response.headers


def test_nginx_moves_each_old_address_for_good_with_the_security_headers(moved_site, tmp_path):
    content, output = moved_site
    with nginx(output, tmp_path / "nginx", content=content) as port:
        for old, new in [
            ("/2019/05/first-steps/", "/articles/first-steps/"),
            ("/2019/05/first-steps", "/articles/first-steps/"),
            ("/old/second.html", "/articles/second-steps/"),
            ("/?p=7", "/articles/first-steps/"),
            ("/index.php?p=7", "/articles/first-steps/"),
            ("/about-me/?utm_source=x", "/about/"),
            ("/caf%C3%A9/", "/articles/second-steps/"),
            (LONG_ADDRESS, "/articles/first-steps/"),
        ]:
            status, headers = fetch(port, old)
            assert (status, headers["Location"]) == (301, new), old
            for name, value in security_headers():
                assert headers[name] == value, (old, name)
        assert fetch(port, "/")[0] == 200
        assert fetch(port, "/?p=8")[0] == 200  # a number no post had: the home page
        assert fetch(port, "/articles/first-steps/")[0] == 200
        assert fetch(port, "/_redirects")[0] == 404


def test_nginx_config_without_old_addresses_has_no_redirects(tmp_path, request):
    written = invoke("nginx-config", "--output", str(tmp_path / "site.conf"))
    assert written.returncode == 0
    assert "psych_site_moved" not in (tmp_path / "site.conf").read_text(encoding="utf-8")
    assert not (tmp_path / "nginx-redirects.conf").exists()


def test_nginx_starts_without_a_warning_with_a_whole_blogs_old_addresses(tmp_path, request):
    # An imported blog of 300 posts has about 600 old addresses, each as long as a title.
    content = tmp_path / "content"
    shutil.copytree(request.config.rootpath / "tests" / "fixtures" / "minimal", content)
    (content / "redirects.txt").write_text(
        "".join(
            f"/{2014 + n // 24}/{n % 12 + 1:02}/five-ideas-about-self-compassion-{n}/ "
            "articles/first-steps.md\n"
            for n in range(600)
        ),
        encoding="utf-8",
    )
    written = invoke("nginx-config", "--output", str(tmp_path / "site.conf"), "--content", content)
    assert written.returncode == 0, written.stderr
    # The smallest nginx.conf that includes the map where the task says: the http block.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
        f"http {{ include {tmp_path}/nginx-redirects.conf; }}\n",
        encoding="utf-8",
    )
    tested = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert tested.returncode == 0, tested.stderr
    assert "[warn]" not in tested.stderr, tested.stderr


@pytest.mark.browser
def test_a_reader_following_an_old_address_reaches_the_new_page(moved_site, tmp_path, browser):
    import functools
    import threading

    from tools.serving import SiteRequestHandler

    content, output = moved_site
    context = browser.new_context()
    tab = context.new_page()
    try:
        with nginx(output, tmp_path / "nginx", content=content) as port:
            tab.goto(f"http://127.0.0.1:{port}/2019/05/first-steps/")
            assert tab.url.endswith("/articles/first-steps/")
        # A host without redirects (GitHub Pages): the page at the old path sends readers on.
        handler = functools.partial(SiteRequestHandler, directory=str(output))
        import http.server

        with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
            threading.Thread(target=server.serve_forever, daemon=True).start()
            tab.goto(f"http://127.0.0.1:{server.server_address[1]}/old/second.html")
            tab.wait_for_url("**/articles/second-steps/")
            assert tab.locator("h1").first.inner_text().startswith("Second")
            server.shutdown()
    finally:
        context.close()


def test_the_writing_guides_example_is_a_file_the_build_can_use():
    import re

    from plugins.redirects import parse
    from tests.conftest import ROOT

    guide = (ROOT / "WRITING.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"^```txt\n(.*?)^```$", guide, re.M | re.S)
    found, unusable = parse(example)
    assert unusable == [] and [r.old for r in found] == ["/2019/05/coping-with-worry/", "/?p=123"]
