"""Every kind of page a reader can reach is built and shows what it should."""

from tests.conftest import KAP_ARTICLE, build, read_page


def test_the_home_page_lists_the_latest_articles_with_their_summaries(site):
    soup = read_page(site, "index.html")
    item = soup.select_one(".ps-list__item")
    assert "Ketamine-Assisted Psychotherapy" in item.find("h2").get_text()
    assert "a promising approach" in item.select_one(".ps-list__summary").get_text()


def test_an_article_shows_byline_dates_reading_time_contents_and_tags(site):
    soup = read_page(site, KAP_ARTICLE)
    byline = soup.select_one(".ps-byline")
    assert "Stephanie Post, PsyD" in byline.get_text()
    assert byline.find("a")["href"].endswith("/about/")
    assert soup.select_one(".ps-meta time")["datetime"].startswith("2026-11-26")
    assert "min read" in soup.select_one(".ps-meta").get_text()
    contents = [a["href"] for a in soup.select(".ps-toc a")]
    assert "#what-is-kap" in contents and "#final-thoughts" in contents
    assert soup.select(".ps-tags a")


def test_the_author_box_under_an_article_carries_her_bio(site):
    box = read_page(site, KAP_ARTICLE).select_one(".ps-author")
    assert "online clinical psychologist" in box.get_text()


def test_category_tag_author_and_archive_pages_list_the_article(site):
    for page in (
        "categories/anxiety/index.html",
        "tags/anxiety/index.html",
        "authors/stephanie-post/index.html",
        "archives/index.html",
    ):
        links = [a["href"] for a in read_page(site, page).find("main").find_all("a")]
        assert any("ketamine-assisted-psychotherapy-for-anxiety" in href for href in links), page


def test_a_friendly_not_found_page_exists_with_links_that_work_from_any_address(site):
    soup = read_page(site, "404.html")
    assert "not found" in soup.find("h1").get_text().lower()
    for element in soup.find_all(href=True):
        assert element["href"].startswith(("/", "#", "https:", "tel:", "sms:")), element


def test_a_long_list_of_articles_is_split_into_pages_that_link_to_each_other(
    minimal_content, tmp_path
):
    for number in range(1, 24):
        (minimal_content / "articles" / f"extra-{number:02}.md").write_text(
            f"Title: Extra Article {number}\nDate: 2025-01-{number:02}\n"
            f"Summary: Extra article number {number}.\nCategory: Testing\n\nText {number}.\n"
        )
    output = tmp_path / "output"
    assert build(minimal_content, output).returncode == 0
    first = read_page(output, "index.html")
    assert "Page 1 of 3" in first.select_one(".ps-pagination").get_text()
    next_link = first.select_one('.ps-pagination a[rel="next"]')["href"]
    second = read_page(output, next_link.strip("/") + "/index.html")
    assert "Page 2 of 3" in second.select_one(".ps-pagination").get_text()
    assert (output / "categories/testing/page/3/index.html").is_file()
    titles = [h.get_text() for page in (first, second) for h in page.select(".ps-list__title")]
    assert len(titles) == len(set(titles)) == 20
