// The search page: runs the query against the Pagefind index published with the section.
// Everything is loaded relative to this page, so the section works under any path prefix.

const PAGE_SIZE = 10;

const form = document.querySelector("[data-ak-search]");
if (form) {
  start(form);
}

async function start(form) {
  const page = readPage(form);
  const params = new URLSearchParams(window.location.search);
  page.input.value = params.get("q") || "";
  page.pagefind = await loadIndex(page.root);
  if (!page.pagefind) {
    page.status.textContent = page.text.failed;
    return;
  }
  restoreFilters(page, params);
  openFilters(page);
  listen(page);
  if (params.has("q") && !page.input.value) {
    page.input.focus();
  }
  firstSearch(page);
}

// The page's elements and texts, and the state of the current search: one object that the
// functions below share instead of one closure holding everything.
function readPage(form) {
  return {
    form,
    text: JSON.parse(document.getElementById("ak-search-text").textContent),
    root: new URL(form.dataset.akRoot, window.location.href),
    language: form.dataset.akLang,
    status: document.getElementById("ak-search-summary"),
    list: document.querySelector("[data-ak-results]"),
    more: document.querySelector("[data-ak-more]"),
    reset: form.querySelector("[data-ak-reset]"),
    input: form.elements.namedItem("q"),
    selects: Array.from(form.querySelectorAll("[data-ak-filter]")),
    filtersBox: form.querySelector("[data-ak-more-filters]"),
    pagefind: null,
    // each search gets a number; an answer that arrives after a newer search started is dropped
    generation: 0,
    results: [],
    shown: 0,
    timer: 0,
    counting: null,
    allCounts: null,
  };
}

async function loadIndex(root) {
  try {
    const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({
      baseUrl: root.pathname,
      bundlePath: new URL("pagefind/", root).pathname,
    });
    return pagefind;
  } catch (error) {
    console.error("antikor search: the index could not be loaded", error);
    return null;
  }
}

// --- the filters and the address ---------------------------------------------------------------

// A deep link names the query and the filters in the address; a value the page does not offer
// is ignored.
function restoreFilters(page, params) {
  for (const select of page.selects) {
    const wanted = params.get(select.name);
    if (wanted && Array.from(select.options).some((o) => o.value === wanted)) {
      select.value = wanted;
    }
  }
}

// Filters are open where there is room for them, or when one is chosen; on a phone they
// fold away under their heading so that the results come first.
function openFilters(page) {
  page.filtersBox.addEventListener("focusin", () => loadCounts(page));
  page.filtersBox.addEventListener("pointerdown", () => loadCounts(page));
  if (window.matchMedia("(min-width: 45em)").matches || page.selects.some((s) => s.value)) {
    page.filtersBox.open = true;
  }
}

function chosenFilters(page) {
  const chosen = {};
  for (const select of page.selects) {
    if (select.value) {
      chosen[select.dataset.akFilter] = select.value;
    }
  }
  return chosen;
}

// The filters' values are in the page; how many results each would leave is known once
// Pagefind has loaded its filter data, which is fetched only when filters are used.
// Loading the counts only rewrites the filters' options: the results stay as they are, so
// someone moving through the filters with Tab does not lose their place in the list.
function loadCounts(page) {
  if (!page.counting) {
    page.counting = page.pagefind.filters().then(
      (everything) => refreshCounts(page, everything),
      () => {},
    );
  }
  return page.counting;
}

async function refreshCounts(page, everything) {
  page.allCounts = everything;
  const current = page.generation;
  const term = prepare(page.input.value, page.language);
  const filters = chosenFilters(page);
  if (term === null && Object.keys(filters).length === 0) {
    updateCounts(page, page.allCounts);
    return;
  }
  const search = await page.pagefind.search(term, { filters });
  if (current === page.generation) {
    updateCounts(page, search.filters);
  }
}

function updateCounts(page, counts) {
  for (const select of page.selects) {
    // a filter whose data Pagefind has not loaded yet has no counts
    const known = counts && counts[select.dataset.akFilter];
    for (const option of select.options) {
      if (!option.value) {
        continue;
      }
      const count = known ? known[option.value] || 0 : null;
      option.textContent = count === null ? option.value : `${option.value} (${count})`;
      option.disabled = count === 0 && option.value !== select.value;
    }
  }
  page.reset.hidden = Object.keys(chosenFilters(page)).length === 0;
}

// The address always names the current query and filters, so that it can be shared.
function remember(page) {
  const state = new URLSearchParams();
  if (page.input.value.trim()) {
    state.set("q", page.input.value.trim());
  }
  for (const [key, value] of Object.entries(chosenFilters(page))) {
    state.set(key, value);
  }
  const query = state.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

// --- searching ---------------------------------------------------------------------------------

function listen(page) {
  page.input.addEventListener("input", () => {
    window.clearTimeout(page.timer);
    page.timer = window.setTimeout(() => run(page), 300);
  });
  page.form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(page.timer);
    run(page);
  });
  for (const select of page.selects) {
    select.addEventListener("change", () => run(page));
  }
  page.reset.addEventListener("click", () => {
    for (const select of page.selects) {
      select.value = "";
    }
    page.input.focus();
    run(page);
  });
  page.more.addEventListener("click", () => showMore(page, page.generation, true));
}

function firstSearch(page) {
  if (page.selects.some((select) => select.value)) {
    // a filter chosen in the address needs the filter data before the first search
    page.counting = page.pagefind
      .filters()
      .catch(() => null)
      .then((everything) => {
        page.allCounts = everything;
        return run(page);
      });
  } else {
    run(page);
  }
}

function prepare(query, language) {
  let term = query.trim().replace(/\s+/g, " ").toLowerCase();
  if (!term) {
    return null;
  }
  if (language === "ru") {
    term = term.replace(/ё/g, "е").split(" ").map(withoutFleetingVowel).join(" ");
  }
  return term;
}

async function run(page) {
  const current = ++page.generation;
  const term = prepare(page.input.value, page.language);
  const filters = chosenFilters(page);
  remember(page);
  if (term === null && Object.keys(filters).length === 0) {
    clearResults(page);
    return;
  }
  page.list.setAttribute("aria-busy", "true");
  const search = await page.pagefind.search(term, { filters });
  if (current !== page.generation) {
    return;
  }
  page.results = search.results;
  const first = page.results[0];
  if (term !== null && first && !matchesEveryWord(term, await first.data())) {
    page.results = [];
  }
  if (current !== page.generation) {
    return;
  }
  page.shown = 0;
  page.list.replaceChildren();
  await showMore(page, current, false);
  page.list.removeAttribute("aria-busy");
  updateCounts(page, search.filters);
  announce(page, term, filters);
}

function clearResults(page) {
  page.results = [];
  page.shown = 0;
  page.list.replaceChildren();
  page.more.hidden = true;
  updateCounts(page, page.allCounts);
  page.status.textContent = page.text.prompt;
}

async function showMore(page, current, focus) {
  const batch = page.results.slice(page.shown, page.shown + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (current !== page.generation) {
    return;
  }
  const items = data.map((item) => render(item, page.root));
  page.list.append(...items);
  page.shown += batch.length;
  page.more.hidden = page.shown >= page.results.length;
  if (focus && items.length) {
    items[0].querySelector("a").focus();
  }
}

// The summary is a live region: it tells how many results there are, or why there are none.
function announce(page, term, filters) {
  const { results, shown, text } = page;
  if (results.length) {
    let message = format(text.found, { count: results.length });
    if (results.length > shown) {
      message += " " + format(text.shown, { shown });
    }
    page.status.textContent = message;
  } else if (term !== null) {
    const message = Object.keys(filters).length ? text.none_filtered : text.none;
    page.status.textContent = format(message, { query: page.input.value.trim() });
  } else {
    page.status.textContent = text.none_filters;
  }
}

// Russian words lose a vowel when they change (подарок → подарка, подарков): search by the
// part before it, which Pagefind matches as the beginning of every form of the word.
function withoutFleetingVowel(word) {
  return word.length >= 6 && /[бвгджзклмнпрстфхцчшщ][оеё][кц]$/.test(word)
    ? word.slice(0, -2)
    : word;
}

// When a word is not in the index at all, Pagefind falls back to a shorter beginning of it
// ("абракадабра" finds every "а"). A result counts only if, for every word of the query, one of
// the words it matched shares most of its beginning (a stem, or the whole word typed so far).
function matchesEveryWord(term, first) {
  const content = (first.content || "").split(/\s+/);
  const matched = (first.locations || []).flatMap((index) =>
    normalise(content[index] || "").split(" "),
  );
  if (!matched.length) {
    return true; // matched through its title or metadata only
  }
  return normalise(term)
    .split(" ")
    .filter(Boolean)
    .every((word) => {
      const needed = Math.min(word.length, Math.max(3, word.length - 4));
      return matched.some((candidate) => commonPrefix(word, candidate) >= needed);
    });
}

function normalise(text) {
  return text
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function commonPrefix(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) {
    length += 1;
  }
  return length;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => String(values[key]));
}

// --- one result --------------------------------------------------------------------------------

function render(item, root) {
  const { href, title, excerpt } = target(item, root);
  const meta = item.meta || {};
  const entry = document.createElement("li");
  entry.className = "ak-result";
  const heading = document.createElement("h3");
  heading.className = "ak-result__title";
  const link = document.createElement("a");
  link.href = href;
  link.textContent = title;
  heading.append(link);
  entry.append(heading);
  const facts = resultFacts(meta);
  if (facts.childNodes.length) {
    entry.append(facts);
  }
  const snippet = document.createElement("p");
  snippet.className = "ak-result__excerpt";
  // Pagefind escapes the indexed text and adds only <mark> around the matched words.
  snippet.innerHTML = excerpt;
  entry.append(snippet);
  return entry;
}

// Where a result leads, and what it is called and quoted as.
function target(item, root) {
  const meta = item.meta || {};
  // A row, a result or an act: its record names the row's address under the section root.
  const found = {
    href: meta.url ? new URL(meta.url, root).href : item.url,
    title: meta.title || item.url,
    excerpt: item.excerpt,
  };
  // A page of a subsection: lead to the part of it (a heading with an id) that matched most.
  const sections = meta.url ? [] : (item.sub_results || []).filter((sub) => sub.anchor);
  if (!sections.length) {
    return found;
  }
  const best = sections.reduce((a, b) =>
    (b.locations || []).length > (a.locations || []).length ? b : a,
  );
  return {
    href: best.url,
    title: best.title === found.title ? found.title : `${best.title} · ${found.title}`,
    excerpt: best.excerpt,
  };
}

function resultFacts(meta) {
  const facts = document.createElement("p");
  facts.className = "ak-result__facts";
  if (meta.kind) {
    const kind = document.createElement("span");
    kind.className = "ak-result__kind";
    kind.textContent = meta.kind;
    facts.append(kind);
  }
  if (meta.status) {
    facts.append(" ", statusBadge(meta));
  }
  return facts;
}

// The badge is the status_badge component, rendered by the page into a <template>.
function statusBadge(meta) {
  const template = document.getElementById("ak-status-template");
  const badge = template.content.firstElementChild.cloneNode(true);
  badge.classList.replace("ak-status--unknown", `ak-status--${meta.status_key || "unknown"}`);
  badge.textContent = meta.status;
  return badge;
}
