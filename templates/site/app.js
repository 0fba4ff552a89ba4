"use strict";
// The directory: search as you type, filters, sortable columns, and the state in the URL.
//
// index.html comes with the first rows, the counts and the filters' values; everything else is
// in data files under directory/ (dirfiles.py), each a script calling clientbookDirectory(name,
// data), so that they load from a static host and from file:// alike (a page opened from disk
// cannot fetch its own files). Each is loaded once: a search term's entry (search-N.js, found
// by a hash of its first two letters), a column to filter or sort by (col-KEY.js: every row's
// value), the tags' and flags' rows (facet-KEY.js), and the rows drawn (rows-K.js, a block of
// rows each): those a keystroke is likely to need once the page is shown (meta.preload, at the
// end), the others when first needed. So a directory of 100,000 clients paints as fast as one
// of a hundred, and a keystroke reads one file of a few tens of kB at most.
//
// What is typed is looked up as the start of words (of the name, contacts' names and emails,
// tags, industry), folded and cut into words as the build does it (searchtext.py: the two
// must agree to the character). A keystroke is drawn within one frame: a term's rows are
// marked once, a narrowed search filters the previous matches rather than every row, a row
// keeps its element while it stays in the result (only rows leaving or entering are touched),
// the keystroke's frame draws the rows a screen holds and the rest of the LIMIT follow, the
// rows are grids of set widths that the browser lays out only when on screen (style.css), and
// the address is updated after the frame. Nothing is drawn when the filters have not changed:
// a `change` event fired when a click takes the focus from the search box must not replace the
// link under the pointer before the click lands.
(function () {
  const found = document.getElementById("directory-meta");
  if (!found) return; // an index.html copied from an older version, which has no data files
  const meta = JSON.parse(found.textContent);
  const N = meta.count, BLOCK = meta.block, FILES = meta.search;
  const ID = 0, NAME = 1, STATUS = 2, ERRORS = 9; // a row of rows-K.js: id, name, the 7 columns, errors
  const COLUMNS = ["status", "owner", "team", "industry", "jurisdiction", "last", "due"];
  const FACETS = ["status", "owner", "team", "jurisdiction"];
  const FIELDS = ["status", "owner", "team", "jurisdiction", "tag", "flag"];
  const LIMIT = 200;
  // the filter for clients without a value (`#team=` in the URL, "no team" in the list):
  // no record's value holds a NUL, the loader refuses control characters
  const NONE = "\u0000";
  const DEFAULTS = { q: "", status: "", owner: "", team: "", jurisdiction: "", tag: "", flag: "", sort: "name", dir: "asc" };
  const form = document.getElementById("filters");
  const table = document.getElementById("directory");
  const body = table.querySelector("tbody");
  const count = document.getElementById("count");
  const more = document.getElementById("more");
  const state = Object.assign({}, DEFAULTS);

  // The data files: a <script> each, which hands its data to clientbookDirectory.
  const files = new Map(); // name -> the promise of its data
  const data = new Map(); // name -> its data, once loaded
  const waiting = new Map(); // name -> the resolve of its promise
  window.clientbookDirectory = function (name, value) {
    const resolve = waiting.get(name);
    if (!resolve) return;
    waiting.delete(name);
    if (name.startsWith("col-")) value.codes = Int32Array.from(value.codes);
    data.set(name, value);
    resolve(value);
  };
  function load(name) {
    let file = files.get(name);
    if (file) return file;
    file = new Promise((resolve, reject) => {
      waiting.set(name, resolve);
      const script = document.createElement("script");
      const fail = () => { files.delete(name); waiting.delete(name); reject(new Error("directory/" + name + ".js")); };
      script.onerror = () => { script.remove(); fail(); };
      script.onload = () => { if (waiting.has(name)) fail(); };
      script.src = "directory/" + name + ".js?v=" + encodeURIComponent(meta.versions[name] || "");
      document.head.appendChild(script);
    });
    files.set(name, file);
    return file;
  }
  function loadAll(names) { return Promise.all(names.filter((n) => !data.has(n)).map(load)); }
  function busy(on) {
    if (on) table.setAttribute("aria-busy", "true");
    else if (table.hasAttribute("aria-busy")) table.removeAttribute("aria-busy");
  }
  function failed(error) {
    busy(false);
    count.textContent = "Part of the directory could not be loaded (" + error.message + "): build the site again.";
  }

  // Search text: lower-cased, and accents taken off Latin, Greek and Cyrillic letters, so
  // "sao" finds "São" and "lodz" "Łódź"; other scripts are matched as written. Words are
  // runs of anything but spaces, punctuation and symbols; a Chinese or Japanese character
  // is a word of its own.
  const ACCENTED = /[\u00c0-\u024f\u0370-\u04ff\u1e00-\u1fff]/g;
  const MARKS = /[\u0300-\u036f]/g;
  const LETTERS = { "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th", "ς": "σ" };
  const SEPARATORS = "\\x00-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f\\u00a0-\\u00bf\\u00d7\\u00f7\\u2000-\\u206f"
    + "\\u2e00-\\u2e7f\\u3000-\\u303f\\ufe30-\\ufe4f\\uff00-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65";
  const SINGLES = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  const WORDS = new RegExp("[" + SINGLES + "]|[^" + SEPARATORS + SINGLES + "]+", "gu");
  const foldedLetters = new Map();
  function foldLetter(c) {
    let f = foldedLetters.get(c);
    if (f === undefined) { f = LETTERS[c] ?? c.normalize("NFD").replace(MARKS, ""); foldedLetters.set(c, f); }
    return f;
  }
  function fold(s) {
    const lower = s.toLowerCase();
    return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.replace(ACCENTED, foldLetter).replace(MARKS, "");
  }
  function termsOf(query) { return Array.from(new Set(fold(query).match(WORDS) || [])); }
  // The search file of a term: FNV-1a of its first two characters' code points (searchtext.file_of).
  function fileOf(term) {
    let h = 2166136261, n = 0;
    for (const c of term) {
      if (n++ === 2) break;
      h = Math.imul(h ^ c.codePointAt(0), 16777619) >>> 0;
    }
    return "search-" + (h % FILES);
  }

  // The rows a term is found in, marked: the entries starting with it (a term of one letter has
  // its own entry, of every word starting with that letter). The terms of a file are in
  // JavaScript's order, so those starting with the term are found by bisection.
  const marked = new Map(); // "term" or "tag value" -> Uint8Array, 1 for each row found
  function remember(key, marks) {
    if (marked.size >= 64) marked.delete(marked.keys().next().value);
    marked.set(key, marks);
    return marks;
  }
  // a list of rows: the steps from one to the next, or (a string) a bitmap in base64 (datafile.py)
  function mark(marks, list) {
    if (typeof list === "string") {
      const bits = atob(list);
      for (let n = 0; n < bits.length; n++) {
        const byte = bits.charCodeAt(n);
        if (byte) for (let bit = 0; bit < 8; bit++) if (byte & (1 << bit)) marks[n * 8 + bit] = 1;
      }
      return;
    }
    let row = 0;
    for (let k = 0; k < list.length; k++) { row += list[k]; marks[row] = 1; }
  }
  function firstFrom(terms, term) {
    let low = 0, high = terms.length;
    while (low < high) { const mid = (low + high) >> 1; if (terms[mid] < term) low = mid + 1; else high = mid; }
    return low;
  }
  function termMarks(term) {
    const known = marked.get("q " + term);
    if (known) return known;
    const file = data.get(fileOf(term));
    const terms = file.terms, marks = new Uint8Array(N);
    const low = firstFrom(terms, term);
    if (term.length === 1 || (term.length === 2 && term.codePointAt(0) > 0xffff)) {
      if (terms[low] === term) mark(marks, file.rows[low]);
    } else {
      for (let k = low; k < terms.length && terms[k].startsWith(term); k++) mark(marks, file.rows[k]);
    }
    return remember("q " + term, marks);
  }
  function facetMarks(key, value) {
    const known = marked.get(key + " " + value);
    if (known) return known;
    const facet = data.get("facet-" + key), marks = new Uint8Array(N);
    const at = facet.values.indexOf(value);
    if (at >= 0) mark(marks, facet.rows[at]);
    return remember(key + " " + value, marks);
  }

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    Object.assign(state, DEFAULTS);
    for (const key of Object.keys(state)) {
      if (!params.has(key)) continue;
      const value = params.get(key);
      state[key] = value === "" && FACETS.includes(key) ? NONE : value;
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

  function sortColumn() { return COLUMNS.includes(state.sort) ? state.sort : "name"; }
  // What the state needs loaded: its terms' search files, the columns it filters or sorts by.
  function needed(terms) {
    const names = terms.map(fileOf);
    for (const key of FACETS) if (state[key]) names.push("col-" + key);
    if (state.tag) names.push("facet-tag");
    if (state.flag) names.push("facet-flag");
    if (sortColumn() !== "name") names.push("col-" + sortColumn());
    return names;
  }

  const orders = new Map(); // "column sign" -> every row's index in that order, made once
  function ordered() {
    const column = sortColumn(), sign = state.dir === "desc" ? -1 : 1;
    const key = column + " " + sign;
    if (!orders.has(key)) orders.set(key, sortedBy(column, sign));
    return orders.get(key);
  }
  function sortedBy(column, sign) {
    // the rows come in name order (the build sorts them so), and a column's values are
    // numbered in its order (dirfiles.column_file): a counting sort, ties in name order
    const order = new Int32Array(N);
    if (column === "name") {
      for (let i = 0; i < N; i++) order[i] = sign > 0 ? i : N - 1 - i;
      return order;
    }
    const { values, codes } = data.get("col-" + column);
    const starts = new Int32Array(values.length);
    for (let i = 0; i < N; i++) starts[codes[i]]++;
    let at = 0;
    for (let k = 0; k < values.length; k++) {
      const c = sign > 0 ? k : values.length - 1 - k;
      const n = starts[c];
      starts[c] = at;
      at += n;
    }
    for (let i = 0; i < N; i++) order[starts[codes[i]]++] = i;
    return order;
  }

  // The last result, so that a search narrowed by a keystroke filters only its matches.
  let last = null;
  function filterKey() {
    return JSON.stringify([state.sort, state.dir, ...FIELDS.map((key) => state[key])]);
  }
  function search(terms) {
    const key = filterKey(), said = terms.join(" ");
    if (last && last.key === key && last.said === said) return last;
    // a row found by "aur" has a word starting with "au": "aur" narrows "au"
    const narrowed = last && last.key === key && last.terms.every((a) => terms.some((b) => b.startsWith(a)));
    const from = narrowed ? last.matches : ordered();
    const marks = terms.map(termMarks);
    if (state.tag) marks.push(facetMarks("tag", state.tag));
    if (state.flag) marks.push(facetMarks("flag", state.flag));
    const columns = [];
    for (const facet of FACETS) {
      if (!state[facet]) continue;
      const { values, codes } = data.get("col-" + facet);
      columns.push([codes, values.indexOf(state[facet] === NONE ? "" : state[facet])]);
    }
    let matches = from;
    if (marks.length || columns.length) {
      matches = [];
      rows: for (let k = 0; k < from.length; k++) {
        const i = from[k];
        for (const m of marks) if (!m[i]) continue rows;
        for (const [codes, wanted] of columns) if (codes[i] !== wanted) continue rows;
        matches.push(i);
      }
    }
    return (last = { key, said, terms, matches });
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
    for (let i = STATUS + 1; i < ERRORS; i++) tr.appendChild(cell(r[i]));
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
    if (tr.dataset.row !== undefined && Number.isInteger(n) && n >= 0 && n < N) { elements.set(n, tr); shown.push(n); }
  }
  if (shown.length !== body.children.length) { elements.clear(); shown = []; body.replaceChildren(); }
  // the row blocks the rows from..to of target need, that are not loaded
  function blocks(target, from, to) {
    const names = new Set();
    for (let k = from; k < to; k++) if (!elements.has(target[k])) names.add("rows-" + Math.floor(target[k] / BLOCK));
    return Array.from(names).filter((n) => !data.has(n));
  }
  function put(target, from, to) {
    for (let k = from; k < to; k++) {
      const i = target[k];
      let tr = elements.get(i);
      if (!tr) elements.set(i, (tr = row(data.get("rows-" + Math.floor(i / BLOCK))[i % BLOCK])));
      const there = body.children[k] || null;
      if (tr !== there) body.insertBefore(tr, there);
    }
  }
  let pending = 0;
  function later(target, from) {
    if (from >= target.length) return;
    const to = Math.min(from + CHUNK, target.length);
    const missing = blocks(target, from, to);
    const next = () => { pending = requestAnimationFrame(() => { if (shown === target) { put(target, from, to); later(target, to); } }); };
    if (!missing.length) next();
    else loadAll(missing).then(next, failed);
  }
  function draw(target) {
    cancelAnimationFrame(pending);
    const keep = new Set(target);
    for (const i of shown) {
      const tr = elements.get(i);
      if (!keep.has(i) && tr && tr.parentNode === body) tr.remove();
    }
    shown = target;
    const first = Math.min(FIRST, target.length);
    put(target, 0, first);
    later(target, first);
  }

  let drawn = null; // the result on the page
  let sorted = null;
  let asked = 0; // refreshes begun: one that had to wait for files draws only if no other began since
  async function refresh() {
    const mine = ++asked;
    const terms = termsOf(state.q);
    let missing = needed(terms).filter((n) => !data.has(n));
    try {
      if (missing.length) {
        busy(true);
        await loadAll(missing);
        if (mine !== asked) return;
      }
      const result = search(terms);
      if (result !== drawn) {
        const target = Array.from(result.matches.slice(0, LIMIT));
        missing = blocks(target, 0, Math.min(FIRST, target.length));
        if (missing.length) {
          busy(true);
          await loadAll(missing);
          if (mine !== asked) return;
        }
        drawn = result;
        draw(target);
        requestAnimationFrame(() => setTimeout(() => { if (drawn === result) warm(terms); }, 0));
        const matches = result.matches;
        const text = matches.length === N ? N + " clients" : matches.length + " of " + N + " clients";
        if (count.textContent !== text) count.textContent = text;
        if (more.hidden !== matches.length <= LIMIT) more.hidden = matches.length <= LIMIT;
      }
    } catch (error) {
      if (mine === asked) failed(error);
      return;
    }
    busy(false);
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

  // The rows the next keystroke is likely to show first, loaded once this one is drawn: a word
  // typed on narrows the result to rows of the words it starts, and those rows may lie past the
  // 200 drawn (a name far down the alphabet). For the last term, the blocks of the first rows
  // of each word it starts: two a word, WARM in all.
  const WARM = 12;
  function firstRows(list, n) {
    const out = [];
    if (typeof list === "string") {
      const bits = atob(list);
      for (let k = 0; k < bits.length && out.length < n; k++) {
        const byte = bits.charCodeAt(k);
        if (byte) for (let bit = 0; bit < 8 && out.length < n; bit++) if (byte & (1 << bit)) out.push(k * 8 + bit);
      }
    } else {
      let row = 0;
      for (let k = 0; k < list.length && k < n; k++) { row += list[k]; out.push(row); }
    }
    return out;
  }
  function warm(terms) {
    const term = terms[terms.length - 1];
    const file = term && term.length > 1 && sortColumn() === "name" && state.dir !== "desc" && data.get(fileOf(term));
    if (!file) return;
    const names = new Set();
    for (let k = firstFrom(file.terms, term); k < file.terms.length && file.terms[k].startsWith(term) && names.size < WARM; k++) {
      const own = new Set();
      for (const row of firstRows(file.rows[k], FIRST)) {
        const name = "rows-" + Math.floor(row / BLOCK);
        if (!data.has(name)) own.add(name);
        if (own.size >= 2) break;
      }
      for (const name of own) names.add(name);
    }
    for (const name of Array.from(names).slice(0, WARM)) load(name).catch(() => {});
  }

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

  // Once the page is shown, the files a keystroke is likely to need are loaded, two at a time,
  // so that typing seldom waits for one: the search files and the first rows, and for a small
  // directory every file (the build chooses: meta.preload, in order). A file takes a few ms to
  // run, which a keystroke's frame would wait for: while keys are being typed, none is begun.
  const queue = Array.isArray(meta.preload) ? meta.preload.filter((n) => n in meta.versions) : [];
  const PAUSE = 400; // ms after a key before the next file is begun
  let typed = -PAUSE;
  form.addEventListener("input", () => { typed = performance.now(); });
  function preload() {
    while (queue.length && data.has(queue[0])) queue.shift();
    if (!queue.length) return;
    const wait = typed + PAUSE - performance.now();
    if (wait > 0) setTimeout(preload, wait);
    else load(queue.shift()).then(preload, preload);
  }
  requestAnimationFrame(() => setTimeout(() => { preload(); preload(); }, 0));
})();
