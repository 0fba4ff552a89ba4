"use strict";
// The directory: search as you type, filters, sortable columns, and the state in the URL.
// At most LIMIT rows are drawn, so typing stays fast with tens of thousands of clients.
(function () {
  const data = JSON.parse(document.getElementById("clients-data").textContent);
  const ID = 0, NAME = 1, STATUS = 2, OWNER = 3, TEAM = 4, INDUSTRY = 5, JUR = 6, LAST = 7, DUE = 8, TAGS = 9, TEXT = 10, ERRORS = 11, FLAGS = 12;
  const COLUMNS = { name: NAME, status: STATUS, owner: OWNER, team: TEAM, industry: INDUSTRY, jurisdiction: JUR, last: LAST, due: DUE };
  const FACETS = { status: STATUS, owner: OWNER, team: TEAM, jurisdiction: JUR };
  const LIMIT = 200;
  const form = document.getElementById("filters");
  const body = document.querySelector("#directory tbody");
  const count = document.getElementById("count");
  const more = document.getElementById("more");
  const state = { q: "", status: "", owner: "", team: "", jurisdiction: "", tag: "", flag: "", sort: "name", dir: "asc" };

  function readHash() {
    const params = new URLSearchParams(location.hash.slice(1));
    for (const key of Object.keys(state)) if (params.has(key)) state[key] = params.get(key);
  }
  function writeHash() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state)) if (value && !(key === "sort" && value === "name") && !(key === "dir" && value === "asc")) params.set(key, value);
    const hash = params.toString();
    history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }
  function cell(text, tag) {
    const td = document.createElement(tag || "td");
    td.textContent = text;
    return td;
  }
  function row(r) {
    const tr = document.createElement("tr");
    const name = document.createElement("td");
    const link = document.createElement("a");
    link.href = "clients/" + encodeURIComponent(r[ID]) + ".html";
    link.textContent = r[NAME];
    name.appendChild(link);
    if (r[ERRORS]) { const b = document.createElement("span"); b.className = "badge expired"; b.textContent = " " + r[ERRORS] + (r[ERRORS] === 1 ? " error" : " errors"); name.append(" ", b); }
    tr.appendChild(name);
    const status = document.createElement("td"); const chip = document.createElement("span");
    chip.className = "status " + r[STATUS]; chip.textContent = r[STATUS]; status.appendChild(chip); tr.appendChild(status);
    for (const i of [OWNER, TEAM, INDUSTRY, JUR, LAST, DUE]) tr.appendChild(cell(r[i]));
    return tr;
  }
  const collator = new Intl.Collator(); // what localeCompare uses, without making one per call
  const orders = new Map(); // "column sign" -> every row in that order: sorted once, filtered per keystroke
  function ordered() {
    const column = COLUMNS[state.sort] ?? NAME;
    const sign = state.dir === "desc" ? -1 : 1;
    const key = column + " " + sign;
    if (!orders.has(key)) {
      orders.set(key, data.slice().sort((a, b) => sign * collator.compare(String(a[column]), String(b[column])) || collator.compare(a[NAME], b[NAME])));
    }
    return orders.get(key);
  }
  function render() {
    const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = ordered().filter((r) => {
      for (const [key, index] of Object.entries(FACETS)) if (state[key] && r[index] !== state[key]) return false;
      if (state.tag && !r[TAGS].includes(state.tag)) return false;
      if (state.flag && !r[FLAGS].includes(state.flag)) return false;
      for (const term of terms) if (!r[TEXT].includes(term)) return false;
      return true;
    });
    const fragment = document.createDocumentFragment();
    for (const r of matches.slice(0, LIMIT)) fragment.appendChild(row(r));
    body.replaceChildren(fragment);
    count.textContent = matches.length === data.length ? data.length + " clients" : matches.length + " of " + data.length + " clients";
    more.hidden = matches.length <= LIMIT;
    document.querySelectorAll("th[aria-sort]").forEach((th) => {
      const key = th.querySelector("button").dataset.sort;
      th.setAttribute("aria-sort", key === state.sort ? (state.dir === "desc" ? "descending" : "ascending") : "none");
    });
    writeHash();
  }
  readHash();
  form.q.value = state.q;
  for (const key of ["status", "owner", "team", "jurisdiction", "tag", "flag"]) form[key].value = state[key];
  function update() {
    state.q = form.q.value;
    for (const key of ["status", "owner", "team", "jurisdiction", "tag", "flag"]) state[key] = form[key].value;
    render();
  }
  form.addEventListener("input", update);
  form.addEventListener("change", update); // selects fire change, not always input
  form.addEventListener("submit", (e) => e.preventDefault());
  document.querySelectorAll("th button[data-sort]").forEach((button) => button.addEventListener("click", () => {
    const key = button.dataset.sort;
    state.dir = state.sort === key && state.dir === "asc" ? "desc" : "asc";
    state.sort = key;
    render();
  }));
  window.addEventListener("hashchange", () => { readHash(); render(); });
  render();
})();
