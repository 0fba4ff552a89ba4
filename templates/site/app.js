"use strict";
// The directory: search as you type, filters, sortable columns, and the state in the URL.
// A keystroke is drawn within one frame at 10,000 clients: each row's search text is folded
// once, a narrowed search filters the previous matches rather than every row, a row keeps
// its element while it stays in the result (only rows leaving or entering are touched), the
// keystroke's frame draws the rows a screen holds and the rest of the LIMIT follow, the rows
// are grids of set widths that the browser lays out only when on screen (style.css), and the
// address is updated after the frame. Nothing is drawn when the filters have not changed: a
// `change` event fired when a click takes the focus from the search box must not replace
// the link under the pointer before the click lands.
(function () {
  const data = JSON.parse(document.getElementById("clients-data").textContent);
  const ID = 0, NAME = 1, STATUS = 2, OWNER = 3, TEAM = 4, INDUSTRY = 5, JUR = 6, LAST = 7, DUE = 8, TAGS = 9, TEXT = 10, ERRORS = 11, FLAGS = 12;
  const COLUMNS = { name: NAME, status: STATUS, owner: OWNER, team: TEAM, industry: INDUSTRY, jurisdiction: JUR, last: LAST, due: DUE };
  const FACETS = { status: STATUS, owner: OWNER, team: TEAM, jurisdiction: JUR };
  const FIELDS = ["status", "owner", "team", "jurisdiction", "tag", "flag"];
  const LIMIT = 200;
  // the filter for clients without a value (`#team=` in the URL, "no team" in the list):
  // no record's value holds a NUL, the loader refuses control characters
  const NONE = "\u0000";
  const DEFAULTS = { q: "", status: "", owner: "", team: "", jurisdiction: "", tag: "", flag: "", sort: "name", dir: "asc" };
  const form = document.getElementById("filters");
  const body = document.querySelector("#directory tbody");
  const count = document.getElementById("count");
  const more = document.getElementById("more");
  const state = Object.assign({}, DEFAULTS);

  // Search text: lower-cased, and accents taken off Latin, Greek and Cyrillic letters, so
  // "sao" finds "São" and "lodz" "Łódź"; other scripts are matched as written.
  const ACCENTED = /[\u00c0-\u024f\u0370-\u04ff\u1e00-\u1fff]/g;
  const MARKS = /[\u0300-\u036f]/g;
  const LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ" };
  const foldedLetters = new Map();
  function foldLetter(c) {
    let f = foldedLetters.get(c);
    if (f === undefined) { f = LETTERS[c] ?? c.normalize("NFD").replace(MARKS, ""); foldedLetters.set(c, f); }
    return f;
  }
  function fold(s) { return s.toLowerCase().replace(ACCENTED, foldLetter).replace(MARKS, ""); }

  // Each row's values as the filters compare them, made when first needed (not before the
  // first paint): the search text folded, the facets' values, tags and flags as text.
  let texts = null, columns = null, tags = null, flags = null;
  function prepare() {
    if (texts) return;
    const plain = /^[\x00-\x7f]*$/; // the build lower-cased it already; only the rest is folded
    texts = data.map((r) => { const t = String(r[TEXT] ?? ""); return plain.test(t) ? t : fold(t); });
    columns = {};
    for (const [key, i] of Object.entries(FACETS)) columns[key] = data.map((r) => String(r[i] ?? ""));
    tags = data.map((r) => (Array.isArray(r[TAGS]) ? r[TAGS].map(String) : []));
    flags = data.map((r) => (Array.isArray(r[FLAGS]) ? r[FLAGS] : []));
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    Object.assign(state, DEFAULTS);
    for (const key of Object.keys(state)) {
      if (!params.has(key)) continue;
      const value = params.get(key);
      state[key] = value === "" && key in FACETS ? NONE : value;
    }
  }
  let hash = location.hash;
  function writeHash() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state)) {
      if (value === NONE) params.set(key, "");
      else if (value && value !== DEFAULTS[key]) params.set(key, value);
    }
    const text = params.toString();
    if ("#" + text === hash || (!text && !hash)) return;
    hash = text ? "#" + text : "";
    history.replaceState(null, "", hash || location.pathname + location.search);
  }
  // The address follows once the keystroke's frame is painted: the browser's own work for a
  // changed address (its history entry, the address bar) is kept out of that frame.
  let hashing = false;
  function followInAddress() {
    if (hashing) return;
    hashing = true;
    requestAnimationFrame(() => setTimeout(() => { hashing = false; writeHash(); }, 0));
  }
  addEventListener("pagehide", () => writeHash());

  // The form shows the state; the state is read from the form. A list's "none" entry has
  // the empty value "all" has, so it is told apart by its data-none attribute.
  function showState() {
    form.q.value = state.q;
    for (const key of FIELDS) {
      const select = form[key];
      const none = select.querySelector("option[data-none]");
      if (state[key] !== NONE) select.value = state[key]; // a value not offered shows none selected
      else if (none) none.selected = true;
      else select.selectedIndex = -1;
    }
  }
  function readForm() {
    state.q = form.q.value;
    for (const key of FIELDS) {
      const option = form[key].selectedOptions[0];
      state[key] = option && option.hasAttribute("data-none") ? NONE : form[key].value;
    }
  }

  const collator = new Intl.Collator(); // what localeCompare uses, without making one per call
  const orders = new Map(); // "column sign" -> every row's index in that order, sorted once
  function ordered() {
    const column = COLUMNS[state.sort] ?? NAME;
    const sign = state.dir === "desc" ? -1 : 1;
    const key = column + " " + sign;
    if (!orders.has(key)) orders.set(key, sortedBy(column, sign));
    return orders.get(key);
  }
  function sortedBy(column, sign) {
    // the rows come in name order (the build sorts them so): ties keep it
    const order = Int32Array.from(data.keys());
    if (column === NAME) return sign > 0 ? order : order.reverse();
    // the collator compares each distinct value once, not each pair of rows
    const values = data.map((r) => String(r[column] ?? ""));
    const distinct = Array.from(new Set(values)).sort(collator.compare);
    const rank = new Map(distinct.map((v, n) => [v, n]));
    const ranks = Int32Array.from(values, (v) => rank.get(v));
    return order.sort((a, b) => sign * (ranks[a] - ranks[b]) || a - b);
  }

  // The last result, so that a search narrowed by a keystroke filters only its matches.
  let last = null;
  function filterKey() {
    return JSON.stringify([state.sort, state.dir, ...FIELDS.map((key) => state[key])]);
  }
  function search() {
    const query = fold(state.q);
    const key = filterKey();
    const terms = query.split(/\s+/).filter(Boolean);
    if (last && last.key === key && last.terms.join(" ") === terms.join(" ")) return last;
    const narrowed = last && last.key === key && query.startsWith(last.query);
    const from = narrowed ? last.matches : ordered();
    const tests = [];
    if (terms.length || FIELDS.some((f) => state[f])) prepare();
    for (const facet of Object.keys(FACETS)) {
      if (state[facet]) tests.push([columns[facet], state[facet] === NONE ? "" : state[facet]]);
    }
    const matches = terms.length || tests.length || state.tag || state.flag ? [] : from;
    if (matches !== from) {
      rows: for (let k = 0; k < from.length; k++) {
        const i = from[k];
        for (const [values, wanted] of tests) if (values[i] !== wanted) continue rows;
        if (state.tag && !tags[i].includes(state.tag)) continue;
        if (state.flag && !flags[i].includes(state.flag)) continue;
        const text = texts[i];
        for (const term of terms) if (!text.includes(term)) continue rows;
        matches.push(i);
      }
    }
    return (last = { key, query, terms, matches });
  }

  function cell(text) {
    const td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.textContent = text;
    return td;
  }
  // The same markup as the rows the page comes with (index.html), which are kept as they are.
  function row(r) {
    const tr = document.createElement("tr");
    tr.setAttribute("role", "row");
    const name = cell("");
    const link = document.createElement("a");
    link.href = "clients/" + encodeURIComponent(r[ID]) + ".html";
    link.textContent = r[NAME];
    name.appendChild(link);
    if (r[ERRORS]) {
      const badge = document.createElement("span");
      badge.className = "badge expired";
      badge.title = "lint errors";
      badge.textContent = r[ERRORS] + (r[ERRORS] === 1 ? " error" : " errors");
      name.append(" ", badge);
    }
    tr.appendChild(name);
    const status = cell("");
    const chip = document.createElement("span");
    chip.className = "status " + r[STATUS];
    chip.textContent = r[STATUS];
    status.appendChild(chip);
    tr.appendChild(status);
    for (const i of [OWNER, TEAM, INDUSTRY, JUR, LAST, DUE]) tr.appendChild(cell(r[i]));
    return tr;
  }
  // A keystroke's frame draws the rows a screen can show; the rest of the LIMIT follow,
  // CHUNK a frame, unless the next keystroke comes first. A row's element is made once and
  // kept while it stays in the result, so only the rows entering or leaving are touched.
  const FIRST = Math.max(30, Math.ceil(window.innerHeight / 30)); // a row is 34px or more high
  const CHUNK = 50;
  const elements = new Map(); // row index -> its <tr>
  let shown = []; // the row indices the table is drawing, in order
  for (const tr of body.children) {
    const n = Number(tr.dataset.row);
    if (tr.dataset.row !== undefined && Number.isInteger(n) && data[n]) { elements.set(n, tr); shown.push(n); }
  }
  if (shown.length !== body.children.length) { elements.clear(); shown = []; body.replaceChildren(); }
  let pending = 0;
  function place(target, from, to) {
    for (let k = from; k < to; k++) {
      let tr = elements.get(target[k]);
      if (!tr) elements.set(target[k], (tr = row(data[target[k]])));
      const there = body.children[k] || null;
      if (tr !== there) body.insertBefore(tr, there);
    }
    if (to < target.length) pending = requestAnimationFrame(() => place(target, to, Math.min(to + CHUNK, target.length)));
  }
  function draw(target) {
    cancelAnimationFrame(pending);
    const keep = new Set(target);
    for (const i of shown) {
      const tr = elements.get(i);
      if (!keep.has(i) && tr && tr.parentNode === body) tr.remove();
    }
    shown = target;
    place(target, 0, Math.min(FIRST, target.length));
  }

  let drawn = null; // the result on the page
  let sorted = null;
  function refresh() {
    const result = search();
    if (result !== drawn) {
      drawn = result;
      const matches = result.matches;
      draw(Array.from(matches.slice(0, LIMIT)));
      const text = matches.length === data.length ? data.length + " clients" : matches.length + " of " + data.length + " clients";
      if (count.textContent !== text) count.textContent = text;
      if (more.hidden !== matches.length <= LIMIT) more.hidden = matches.length <= LIMIT;
    }
    if (sorted !== state.sort + " " + state.dir) {
      sorted = state.sort + " " + state.dir;
      document.querySelectorAll("th[aria-sort]").forEach((th) => {
        const key = th.querySelector("button").dataset.sort;
        th.setAttribute("aria-sort", key === state.sort ? (state.dir === "desc" ? "descending" : "ascending") : "none");
      });
    }
    followInAddress();
  }
  function update() { readForm(); refresh(); }

  readHash();
  showState();
  form.addEventListener("input", update);
  form.addEventListener("change", update); // selects fire change, not always input
  form.addEventListener("submit", (e) => e.preventDefault());
  document.querySelectorAll("th button[data-sort]").forEach((button) => button.addEventListener("click", () => {
    const key = button.dataset.sort;
    state.dir = state.sort === key && state.dir === "asc" ? "desc" : "asc";
    state.sort = key;
    refresh();
  }));
  window.addEventListener("hashchange", () => { hash = location.hash; readHash(); showState(); refresh(); });
  refresh();
  // the rows' search data is made once the page is shown, before a key is likely pressed
  requestAnimationFrame(() => setTimeout(prepare, 0));
})();
