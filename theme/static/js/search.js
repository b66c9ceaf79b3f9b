// Search this site's articles and pages with Pagefind's index, kept here in /pagefind/.
// A large site's index comes in parts (plugins/search_index.py): the first part's script
// searches them all.
// The page works without this script: it then says so and links to the archives and tags.
const form = document.querySelector(".ps-search-form--page");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const results = document.querySelector("[data-search-results]");
document.querySelector("[data-search-no-script]").hidden = true;

let indexLoading; // one load per page, tried again after a failure

// The page says each message in its own language (search.html); the script fills in the words.
function say(name, words = {}) {
  const text = name ? status.dataset[name] : "";
  status.textContent = text.replace(/\{(query|count)\}/g, (_, key) => words[key]);
}

async function loadIndex() {
  const site = new URL("../../", import.meta.url); // this script lives in theme/js/
  const home = new URL("pagefind/", site);
  const response = await fetch(new URL("parts.json", home));
  if (!response.ok) throw new Error(`${response.status} for the list of index parts`);
  const [first, ...others] = (await response.json()).map((part) => new URL(part, home).href);
  if (!first) return null; // a site with no articles or pages yet
  const index = await import(first + "pagefind.js");
  // Pagefind knows each page by its path from the site's root; the site may live in a
  // folder of its host (https://name.github.io/clinic/), and every part must say so.
  const options = { baseUrl: site.pathname };
  await index.options(options);
  await Promise.all(others.map((part) => index.mergeIndex(part, options)));
  return index;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "ps-list__item";
  const heading = document.createElement("h2");
  heading.className = "ps-list__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  heading.append(link);
  const excerpt = document.createElement("p");
  excerpt.className = "ps-list__summary";
  excerpt.append(...markedText(data.excerpt));
  item.append(heading, excerpt);
  return item;
}

// Pagefind's excerpt is a page's text with the matches in <mark>. Only text and marks are
// kept, so whatever a page's text says, nothing in it becomes markup here. DOMParser's
// document is inert: it runs nothing and loads nothing.
function markedText(excerpt) {
  const parsed = new DOMParser().parseFromString(excerpt, "text/html").body;
  return [...parsed.childNodes].map((node) => {
    if (node.nodeName !== "MARK") return node.textContent;
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

async function search(query) {
  results.replaceChildren();
  if (!query) {
    say();
    return;
  }
  say("searching");
  indexLoading ??= loadIndex().catch((error) => {
    indexLoading = undefined;
    throw error;
  });
  const index = await indexLoading;
  const found = index ? await index.search(query) : { results: [] };
  const pages = await Promise.all(found.results.slice(0, 20).map((result) => result.data()));
  results.append(...pages.map(resultItem));
  // The index holds the pages (About, Contact…) as well as the articles.
  const count = found.results.length;
  say(count === 0 ? "none" : count === 1 ? "one" : "many", { query, count });
}

function run(query) {
  search(query).catch(() => {
    say("failed");
  });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value.trim();
  const address = new URL(window.location.href);
  address.searchParams.set("q", query);
  window.history.replaceState(null, "", address);
  run(query);
});

const initial = new URLSearchParams(window.location.search).get("q") || "";
input.value = initial;
run(initial.trim());
