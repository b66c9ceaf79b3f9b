"""The drawings the checks refuse really run or load when opened on a host without headers.

tests/test_drawings.py proves each file in tests/fixtures/drawings/refused is refused;
this proves the refusals matter: opened on its own address, as GitHub Pages serves it
(no Content-Security-Policy header), each of these runs code or fetches another file.
"""

import pytest

from plugins.pictures import svg
from tests.conftest import FIXTURES
from tools.browser import serve

pytestmark = pytest.mark.browser

DRAWINGS = FIXTURES / "drawings"
# What Chromium does with each when it is opened: runs a script, loads a file, or leaves.
DOES = {
    "css-import-after-a-comment": "loads https://tracker.example/look.css",
    "css-import-written-with-an-escape": "loads https://tracker.example/look.css",
    "css-url-between-quoted-comment-marks": "loads /images/other.svg",
    "css-url-split-by-an-xml-comment": "loads /images/other.svg",
    "css-url-written-with-an-escape": "loads https://tracker.example/pixel.svg",
    "entity-in-utf-16": "runs",
    "feimage-of-another-file": "loads /refused/tracker.png",
    "fill-from-another-file": "loads /images/other.svg",
    "image-of-another-file": "loads /images/photo.jpg",
    "use-of-another-file": "loads /images/other.svg",
    "xhtml-iframe-under-another-prefix": "runs",
    "xhtml-meta-refresh": "loads https://phish.example/login",
}


@pytest.fixture(scope="module")
def headerless():
    with serve(DRAWINGS, site_headers=False) as address:
        yield address


def what_it_does(browser, address, name):
    context = browser.new_context()
    tab = context.new_page()
    loaded, dialogs = [], []
    tab.on("request", lambda request: loaded.append(request.url.removeprefix(address)))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    response = tab.goto(f"{address}/refused/{name}.svg", wait_until="load")
    assert "content-security-policy" not in response.headers, "the server must send none"
    tab.wait_for_timeout(300)
    context.close()
    return ["runs"] * bool(dialogs) + [f"loads {url}" for url in loaded[1:]]


@pytest.mark.parametrize("name", sorted(DOES))
def test_a_refused_drawing_would_run_or_load_on_a_host_without_headers(browser, headerless, name):
    assert svg.dangers(DRAWINGS / "refused" / f"{name}.svg"), "the checks refuse it"
    assert DOES[name] in what_it_does(browser, headerless, name)


def test_a_sound_drawing_does_nothing_when_opened(browser, headerless):
    context = browser.new_context()
    tab = context.new_page()
    loaded = []
    tab.on("request", lambda request: loaded.append(request.url))
    tab.goto(f"{headerless}/sound/inkscape.svg", wait_until="load")
    tab.wait_for_timeout(300)
    context.close()
    assert loaded == [f"{headerless}/sound/inkscape.svg"]
