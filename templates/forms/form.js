"use strict";
// The onboarding form: repeatable groups, validation in plain words, a draft kept in
// this browser, and the record written as YAML in the schema's key order.
(function () {
  const form = document.getElementById("record-form");
  const DRAFT_KEY = "clientbook-draft:" + location.pathname;
  const isReview = form.hasAttribute("data-review");
  let counter = 0;

  // --- structure: which fields belong to which scope ------------------------------------
  function ownScope(el) { return el.parentElement.closest("[data-scope]"); }
  function fieldsOf(scope) {
    return Array.from(scope.querySelectorAll("[data-key]")).filter((el) => ownScope(el) === scope && !el.closest("template"));
  }
  function controlOf(el) { return el.querySelector(":scope > input, :scope > select, :scope > textarea"); }
  function itemsOf(list) { return Array.from(list.querySelector(":scope > .items").children); }

  // --- repeatable groups --------------------------------------------------------------
  function addItem(list) {
    const template = list.querySelector(":scope > template");
    const n = ++counter;
    const html = template.innerHTML.replaceAll("__n__", String(n));
    const holder = document.createElement("div");
    holder.innerHTML = html;
    const item = holder.firstElementChild;
    list.querySelector(":scope > .items").appendChild(item);
    wire(item);
    renumber(list);
    return item;
  }
  function renumber(list) {
    itemsOf(list).forEach((item, i) => {
      const number = item.querySelector(":scope > legend > .number");
      if (number) number.textContent = String(i + 1);
    });
    const max = Number(list.dataset.maxItems || Infinity);
    list.querySelector(":scope > .add").disabled = itemsOf(list).length >= max;
  }
  function wire(root) {
    root.querySelectorAll("fieldset.list").forEach((list) => {
      if (list.closest("template") || list.dataset.wired) return;
      list.dataset.wired = "1";
      list.querySelector(":scope > .add").addEventListener("click", () => { addItem(list).querySelector("input, select, textarea")?.focus(); saveDraft(); });
      const min = Number(list.dataset.minItems || 0);
      while (itemsOf(list).length < min) addItem(list);
    });
    root.querySelectorAll(".remove").forEach((button) => {
      if (button.dataset.wired) return;
      button.dataset.wired = "1";
      button.addEventListener("click", () => {
        const list = button.closest("fieldset.list");
        button.closest(".item").remove();
        renumber(list);
        saveDraft();
      });
    });
    root.querySelectorAll("input, select, textarea").forEach((control) => {
      if (control.dataset.wired || control.closest("template")) return;
      control.dataset.wired = "1";
      control.addEventListener("input", () => { control.setCustomValidity(""); saveDraft(); });
      control.addEventListener("change", saveDraft);
      control.addEventListener("invalid", () => explain(control));
    });
  }

  // --- validation in plain words ----------------------------------------------------------
  function labelOf(control) {
    const label = control.id && form.querySelector('label[for="' + CSS.escape(control.id) + '"]');
    return label ? label.firstChild.textContent.trim() : "this field";
  }
  function explain(control) {
    const v = control.validity;
    let message = "";
    if (v.valueMissing) message = "Please fill in " + labelOf(control) + ".";
    else if (v.typeMismatch && control.type === "email") message = "Enter an email address, like name@company.example.";
    else if (v.typeMismatch && control.type === "url") message = "Enter a full web address, starting with https://";
    else if (v.patternMismatch) message = control.dataset.message || "This does not have the expected form.";
    else if (v.tooLong) message = "This is longer than " + control.maxLength + " characters.";
    else if (v.rangeUnderflow) message = "The smallest allowed value is " + control.min + ".";
    else if (v.rangeOverflow) message = "The largest allowed value is " + control.max + ".";
    else if (v.customError) return;
    if (message) control.setCustomValidity(message);
  }
  function hasValue(scope) {
    return Array.from(scope.querySelectorAll("input, select, textarea")).some((c) =>
      !c.closest("template") && (c.type === "checkbox" ? false : c.value.trim() !== ""));
  }
  // A required field inside an optional group is required only once the group is used.
  function applyRequired() {
    form.querySelectorAll("[data-required]").forEach((control) => {
      if (control.closest("template")) return;
      let needed = true;
      for (let scope = ownScope(control.closest("[data-key]") || control); scope && scope !== form; scope = ownScope(scope)) {
        if (scope.matches("fieldset.group") && !hasValue(scope)) { needed = false; break; }
      }
      control.required = needed;
    });
  }

  // --- the record as data -------------------------------------------------------------------
  function typed(control) {
    const raw = control.value.trim();
    switch (control.dataset.type) {
      case "boolean": return control.checked ? true : undefined;
      case "integer": return raw === "" ? undefined : parseInt(raw, 10);
      case "number": return raw === "" ? undefined : Number(raw);
      case "yaml": return raw === "" ? undefined : { __yaml__: control.value.replace(/\s+$/, "") };
      default: return raw === "" ? undefined : raw;
    }
  }
  function collect(scope) {
    const out = {};
    for (const el of fieldsOf(scope)) {
      let value;
      if (el.matches("fieldset.group")) value = collect(el);
      else if (el.matches("fieldset.scalar-list")) value = itemsOf(el).map((item) => typed(controlOf(item.querySelector("[data-item]")))).filter((x) => x !== undefined);
      else if (el.matches("fieldset.list")) value = itemsOf(el).map(collect).filter((x) => Object.keys(x).length > 0);
      else value = typed(controlOf(el));
      const empty = value === undefined || (Array.isArray(value) && value.length === 0) ||
        (value && typeof value === "object" && !Array.isArray(value) && !value.__yaml__ && Object.keys(value).length === 0);
      if (!empty) out[el.dataset.key] = value;
    }
    if (scope === form) {
      const steps = Array.from(form.querySelectorAll("[data-step]")).map((step) => {
        const done = step.querySelector("input").value;
        return done ? { step: step.dataset.step, done: done } : { step: step.dataset.step };
      });
      if (steps.length) out.onboarding = steps;
    }
    return out;
  }
  function fill(scope, data) {
    if (!data || typeof data !== "object") return;
    for (const el of fieldsOf(scope)) {
      const value = data[el.dataset.key];
      if (value === undefined) continue;
      if (el.matches("fieldset.group")) fill(el, value);
      else if (el.matches("fieldset.list") && Array.isArray(value)) {
        itemsOf(el).forEach((item) => item.remove());
        for (const v of value) {
          const item = addItem(el);
          if (el.matches(".scalar-list")) setControl(controlOf(item.querySelector("[data-item]")), v);
          else fill(item, v);
        }
      } else setControl(controlOf(el), value);
    }
    if (scope === form && Array.isArray(data.onboarding)) {
      for (const entry of data.onboarding) {
        const step = entry && form.querySelector('[data-step="' + CSS.escape(String(entry.step)) + '"] input');
        if (step && entry.done) step.value = entry.done;
      }
    }
  }
  function setControl(control, value) {
    if (!control) return;
    if (control.dataset.type === "boolean") control.checked = value === true;
    else if (control.dataset.type === "yaml") control.value = typeof value === "object" && value && value.__yaml__ ? value.__yaml__ : toYaml(value, 0).join("\n");
    else control.value = value === null ? "" : String(value);
  }

  // --- YAML: block style, every text double-quoted (so no value can be misread) ----------------
  function scalar(v) {
    if (typeof v === "string") return JSON.stringify(v);
    if (typeof v === "boolean") return v ? "true" : "false";
    if (v === null) return "null";
    return String(v);
  }
  function isMap(v) { return v && typeof v === "object" && !Array.isArray(v) && !v.__yaml__; }
  function toYaml(value, indent) {
    const pad = " ".repeat(indent);
    const lines = [];
    if (Array.isArray(value)) {
      for (const item of value) {
        if (isMap(item)) {
          const inner = toYaml(item, indent + 2);
          lines.push(pad + "- " + inner[0].slice(indent + 2), ...inner.slice(1));
        } else lines.push(pad + "- " + scalar(item));
      }
      return lines;
    }
    for (const [key, v] of Object.entries(value)) {
      if (v && v.__yaml__) {
        lines.push(pad + key + ":");
        for (const line of v.__yaml__.split("\n")) lines.push(pad + "  " + line);
      } else if (isMap(v) || Array.isArray(v)) {
        lines.push(pad + key + ":", ...toYaml(v, indent + 2));
      } else lines.push(pad + key + ": " + scalar(v));
    }
    return lines;
  }
  // Where clientbook.yaml's layout puts the file (core.repo.layout_file), and the modeline
  // that reaches schemas/ from that depth (core.repo.modeline).
  const LAYOUT = JSON.parse(document.getElementById("layout").textContent || '"flat"');
  function recordPath(data) {
    const id = data.id || "record";
    const team = /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(data.team || "") ? data.team : "no-team";
    const folder = LAYOUT === "prefix2" ? id.slice(0, 2) + "/" : LAYOUT === "by-team" ? team + "/" : "";
    return "clients/" + folder + id + ".yaml";
  }
  function recordYaml(data, path) {
    const up = "../".repeat(path.split("/").length - 1);
    return ["# yaml-language-server: $schema=" + up + "schemas/client.schema.json", ...toYaml(data, 0)].join("\n") + "\n";
  }

  // --- draft in this browser -------------------------------------------------------------------
  function saveDraft() {
    if (isReview) return;
    try { localStorage.setItem(DRAFT_KEY, JSON.stringify(collect(form))); } catch (e) { return; }
    document.getElementById("draft-state").textContent = "Draft saved in this browser.";
  }
  function loadDraft() {
    try { return JSON.parse(localStorage.getItem(DRAFT_KEY) || "null"); } catch (e) { return null; }
  }

  // --- ids from names ----------------------------------------------------------------------------
  const idInput = document.getElementById("f-id");
  const nameInput = document.getElementById("f-name");
  if (idInput && nameInput) {
    nameInput.addEventListener("input", () => {
      if (idInput.dataset.touched) return;
      idInput.value = nameInput.value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
        .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 80);
    });
    idInput.addEventListener("input", () => { idInput.dataset.touched = "1"; });
  }

  // --- start ----------------------------------------------------------------------------------------
  wire(form);
  const initial = JSON.parse(document.getElementById("initial-data").textContent);
  fill(form, initial || loadDraft());
  if (initial) {
    const changed = JSON.parse(document.getElementById("changed-paths").textContent);
    highlight(changed);
  }
  function pathOf(el) {
    const parts = [];
    for (let node = el; node && node !== form; node = node.parentElement) {
      if (node.matches(".item")) parts.unshift(String(itemsOf(node.closest("fieldset.list")).indexOf(node)));
      else if (node.dataset.key) parts.unshift(node.dataset.key);
    }
    return parts.join("/");
  }
  function highlight(paths) {
    const elements = Array.from(form.querySelectorAll("[data-key]")).filter((el) => !el.closest("template") && el.dataset.key);
    const byPath = new Map(elements.map((el) => [pathOf(el), el]));
    for (const path of paths) {
      let probe = path;
      while (probe && !byPath.has(probe)) probe = probe.includes("/") ? probe.slice(0, probe.lastIndexOf("/")) : "";
      if (probe) byPath.get(probe).classList.add("changed");
    }
  }

  form.addEventListener("click", (event) => {
    if (event.target.id === "create") applyRequired();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    applyRequired();
    if (!form.reportValidity()) return;
    const data = collect(form);
    const path = recordPath(data);
    const text = recordYaml(data, path);
    const name = (data.id || "record") + ".yaml";
    document.getElementById("output").value = text;
    document.getElementById("result-name").textContent = path;
    const link = document.getElementById("download");
    link.download = name;
    link.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    const result = document.getElementById("result");
    result.hidden = false;
    result.scrollIntoView();
  });
  document.getElementById("copy").addEventListener("click", async () => {
    const output = document.getElementById("output");
    try { await navigator.clipboard.writeText(output.value); } catch (e) { output.select(); document.execCommand("copy"); }
  });
  document.getElementById("clear-draft").addEventListener("click", () => {
    localStorage.removeItem(DRAFT_KEY);
    location.reload();
  });
})();
