// The search page: runs the query against the Pagefind index published with the section.
// Everything is loaded relative to this page, so the section works under any path prefix.

const PAGE_SIZE = 10;

const form = document.querySelector("[data-ak-search]");
if (form) {
  start(form);
}

async function start(form) {
  const text = JSON.parse(document.getElementById("ak-search-text").textContent);
  const root = new URL(form.dataset.akRoot, window.location.href);
  const language = form.dataset.akLang;
  const status = document.getElementById("ak-search-summary");
  const list = document.querySelector("[data-ak-results]");
  const more = document.querySelector("[data-ak-more]");
  const reset = form.querySelector("[data-ak-reset]");
  const input = form.elements.namedItem("q");
  const selects = Array.from(form.querySelectorAll("[data-ak-filter]"));

  const params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";

  let pagefind;
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", root).href);
    await pagefind.options({
      baseUrl: root.pathname,
      bundlePath: new URL("pagefind/", root).pathname,
    });
  } catch (error) {
    console.error("antikor search: the index could not be loaded", error);
    status.textContent = text.failed;
    return;
  }
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && Array.from(select.options).some((o) => o.value === wanted)) {
      select.value = wanted;
    }
  }
  // Filters are open where there is room for them, or when one is chosen; on a phone they
  // fold away under their heading so that the results come first.
  const filtersBox = form.querySelector("[data-ak-more-filters]");
  filtersBox.addEventListener("focusin", loadCounts);
  filtersBox.addEventListener("pointerdown", loadCounts);
  if (window.matchMedia("(min-width: 45em)").matches || selects.some((s) => s.value)) {
    filtersBox.open = true;
  }

  let generation = 0;
  let results = [];
  let shown = 0;
  let timer = 0;
  let counting = null;
  let allCounts = null;

  // The filters' values are in the page; how many results each would leave is known once
  // Pagefind has loaded its filter data, which is fetched only when filters are used.
  // Loading the counts only rewrites the filters' options: the results stay as they are, so
  // someone moving through the filters with Tab does not lose their place in the list.
  function loadCounts() {
    if (!counting) {
      counting = pagefind.filters().then(refreshCounts, () => {});
    }
    return counting;
  }

  async function refreshCounts(everything) {
    allCounts = everything;
    const current = generation;
    const term = prepare(input.value);
    const filters = chosenFilters();
    if (term === null && Object.keys(filters).length === 0) {
      updateCounts(allCounts);
      return;
    }
    const search = await pagefind.search(term, { filters });
    if (current === generation) {
      updateCounts(search.filters);
    }
  }

  function chosenFilters() {
    const chosen = {};
    for (const select of selects) {
      if (select.value) {
        chosen[select.dataset.akFilter] = select.value;
      }
    }
    return chosen;
  }

  function prepare(query) {
    let term = query.trim().replace(/\s+/g, " ").toLowerCase();
    if (!term) {
      return null;
    }
    if (language === "ru") {
      term = term.replace(/ё/g, "е").split(" ").map(withoutFleetingVowel).join(" ");
    }
    return term;
  }

  function updateCounts(counts) {
    for (const select of selects) {
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
    reset.hidden = Object.keys(chosenFilters()).length === 0;
  }

  function remember() {
    const state = new URLSearchParams();
    if (input.value.trim()) {
      state.set("q", input.value.trim());
    }
    for (const [key, value] of Object.entries(chosenFilters())) {
      state.set(key, value);
    }
    const query = state.toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }

  async function run() {
    const current = ++generation;
    const term = prepare(input.value);
    const filters = chosenFilters();
    remember();
    if (term === null && Object.keys(filters).length === 0) {
      results = [];
      shown = 0;
      list.replaceChildren();
      more.hidden = true;
      updateCounts(allCounts);
      status.textContent = text.prompt;
      return;
    }
    list.setAttribute("aria-busy", "true");
    const search = await pagefind.search(term, { filters });
    if (current !== generation) {
      return;
    }
    results = search.results;
    if (term !== null && results.length && !matchesEveryWord(term, await results[0].data())) {
      results = [];
    }
    if (current !== generation) {
      return;
    }
    shown = 0;
    list.replaceChildren();
    await showMore(current, false);
    list.removeAttribute("aria-busy");
    updateCounts(search.filters);
    if (results.length) {
      let message = format(text.found, { count: results.length });
      if (results.length > shown) {
        message += " " + format(text.shown, { shown });
      }
      status.textContent = message;
    } else if (term !== null) {
      const message = Object.keys(filters).length ? text.none_filtered : text.none;
      status.textContent = format(message, { query: input.value.trim() });
    } else {
      status.textContent = text.none_filters;
    }
  }

  async function showMore(current, focus) {
    const batch = results.slice(shown, shown + PAGE_SIZE);
    const data = await Promise.all(batch.map((result) => result.data()));
    if (current !== generation) {
      return;
    }
    const items = data.map((item) => render(item, root));
    list.append(...items);
    shown += batch.length;
    more.hidden = shown >= results.length;
    if (focus && items.length) {
      items[0].querySelector("a").focus();
    }
  }

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    window.clearTimeout(timer);
    run();
  });
  for (const select of selects) {
    select.addEventListener("change", run);
  }
  reset.addEventListener("click", () => {
    for (const select of selects) {
      select.value = "";
    }
    input.focus();
    run();
  });
  more.addEventListener("click", () => showMore(generation, true));

  if (params.has("q") && !input.value) {
    input.focus();
  }
  if (selects.some((select) => select.value)) {
    // a filter chosen in the address needs the filter data before the first search
    counting = pagefind
      .filters()
      .catch(() => null)
      .then((everything) => {
        allCounts = everything;
        return run();
      });
  } else {
    run();
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

function render(item, root) {
  const meta = item.meta || {};
  // A row, a result or an act: its record names the row's address under the section root.
  let href = meta.url ? new URL(meta.url, root).href : item.url;
  let title = meta.title || item.url;
  let excerpt = item.excerpt;
  // A page of a subsection: lead to the part of it (a heading with an id) that matched most.
  const sections = meta.url ? [] : (item.sub_results || []).filter((sub) => sub.anchor);
  if (sections.length) {
    const best = sections.reduce((a, b) =>
      (b.locations || []).length > (a.locations || []).length ? b : a,
    );
    href = best.url;
    title = best.title === title ? title : `${best.title} · ${title}`;
    excerpt = best.excerpt;
  }
  const entry = document.createElement("li");
  entry.className = "ak-result";
  const heading = document.createElement("h3");
  heading.className = "ak-result__title";
  const link = document.createElement("a");
  link.href = href;
  link.textContent = title;
  heading.append(link);
  entry.append(heading);
  const facts = document.createElement("p");
  facts.className = "ak-result__facts";
  if (meta.kind) {
    const kind = document.createElement("span");
    kind.className = "ak-result__kind";
    kind.textContent = meta.kind;
    facts.append(kind);
  }
  if (meta.status) {
    // The badge is the status_badge component, rendered by the page into a <template>.
    const badge = document.getElementById("ak-status-template").content.firstElementChild.cloneNode(true);
    badge.classList.replace("ak-status--unknown", `ak-status--${meta.status_key || "unknown"}`);
    badge.textContent = meta.status;
    facts.append(" ", badge);
  }
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
