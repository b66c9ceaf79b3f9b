"""What the allow-list lets into a post runs nothing and loads nothing, with or without headers."""

import shutil

import pytest

from tests.conftest import FIXTURES, ROOT, build
from tests.test_nginx_hosting import RECORD_VIOLATIONS
from tests.test_rule_allowed_html import ALLOWED
from tools.browser import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def allowed_site(tmp_path_factory):
    """The fixture site with one article holding everything the allow-list accepts."""
    work = tmp_path_factory.mktemp("allowed")
    content = work / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    body = "\n\n".join(ALLOWED.values()).replace("{filename}x.md", "{filename}first-steps.md")
    (content / "articles" / "allowed.md").write_text(
        "Title: Everything allowed\nDate: 2026-02-01\nSummary: Every allowed thing.\n"
        f"Category: Testing\n\n## Top\n\n{body}\n",
        encoding="utf-8",
    )
    result = build(content, work / "output")
    assert result.returncode == 0, result.stderr
    return work / "output"


@pytest.mark.parametrize("headers", [True, False], ids=["production headers", "no headers"])
def test_allowed_markup_runs_nothing_and_asks_only_this_site(browser, allowed_site, headers):
    with serve(allowed_site, site_headers=headers) as address:
        context = browser.new_context()
        context.add_init_script(RECORD_VIOLATIONS)
        tab = context.new_page()
        requests, errors, dialogs = [], [], []
        tab.on("request", lambda request: requests.append(request.url))
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("dialog", lambda dialog: dialogs.append(dialog.message))
        tab.goto(f"{address}/articles/everything-allowed/", wait_until="load")
        assert tab.locator(".ps-prose details summary").inner_text() == "More"
        assert tab.evaluate("window.__cspViolations") == []
        context.close()
    assert errors == [] and dialogs == []
    assert [url for url in requests if not url.startswith(address)] == []
