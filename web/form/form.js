// The evidence form `kader form` writes (docs/form.md). Plain JavaScript,
// no framework, no network: everything it needs is in the page. The model
// (`#kader-model`) says which fields to ask and in which words; the
// framework's source texts (`#kader-sources`) are compiled by the engine,
// kader's JSON interface as WebAssembly (`#kader-engine`, gzipped, in
// base64; `wasm_bindgen` is its glue). The form never judges a value
// itself: it writes what was typed into the evidence document (a date as
// YYYY-MM-DD, a share as "71%"), and the engine says what is wrong, where.
"use strict";

(function () {
  const model = JSON.parse(document.getElementById("kader-model").textContent);
  const sources = JSON.parse(document.getElementById("kader-sources").textContent);
  const W = model.words;
  const lang = model.language;
  const draftKey = `kader-form:${model.framework.id}:${model.framework.version}`;
  const sections = [model.location, ...model.sections];
  const fields = sections.flatMap((s) => s.fields);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const criteria = new Map(model.criteria.map((c) => [c.id, c]));
  const $ = (id) => document.getElementById(id);

  /** What was typed, by field key: a string, or a list of strings for lists and choices. */
  const state = new Map();
  /** Fields whose problems are shown: changed (left) at least once, or filled from a file or draft. */
  const touched = new Set();
  /** The DOM of each field, by key. */
  const dom = new Map();
  let evaluations = 0;
  let timer = null;
  /** Whether saving without a location id asked for one (until one is typed). */
  let requiredShown = false;

  // ------------------------------------------------------------ words

  const fill = (template, args) =>
    template.replace(/\{([a-z_]+)\}/g, (whole, name) => (name in args ? String(args[name]) : whole));

  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "text") node.textContent = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  };

  // ------------------------------------------------------------ values

  const pad = (n) => String(n).padStart(2, "0");

  /** A date as YYYY-MM-DD: written so, or as D-M-YYYY (also with / or .); anything else as typed. */
  function dateOf(raw) {
    const text = raw.trim();
    if (text === "") return undefined;
    let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (m) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
    if (m) return `${m[3]}-${pad(m[2])}-${pad(m[1])}`;
    return text;
  }

  /** A share as "71%": from "71%", "71", "0,71" or "0.71" (a fraction only with a decimal separator). */
  function percentOf(raw) {
    let text = raw.replace(/\s+/g, "");
    if (text === "") return undefined;
    const percent = text.endsWith("%");
    if (percent) text = text.slice(0, -1);
    if ((text.match(/,/g) || []).length === 1 && !text.includes(".")) text = text.replace(",", ".");
    const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
    if (!m) return raw.trim();
    let [whole, fraction = ""] = [m[1], m[2]];
    if (!percent && m[2] !== undefined && Number(text) <= 1) {
      // A fraction: move the decimal point two places, exactly.
      fraction = fraction.padEnd(2, "0");
      whole += fraction.slice(0, 2);
      fraction = fraction.slice(2);
    }
    whole = whole.replace(/^0+(?=\d)/, "");
    fraction = fraction.replace(/0+$/, "");
    return fraction ? `${whole}.${fraction}%` : `${whole}%`;
  }

  /** A number from what was typed: a decimal comma is a point; anything else as typed. */
  function numberOf(raw, whole) {
    let text = raw.replace(/\s+/g, "");
    if (text === "") return undefined;
    if (!whole && (text.match(/,/g) || []).length === 1 && !text.includes(".")) text = text.replace(",", ".");
    const pattern = whole ? /^[+-]?\d+$/ : /^[+-]?\d+(\.\d+)?$/;
    if (!pattern.test(text)) return raw.trim();
    const n = Number(text);
    return Number.isFinite(n) && (!whole || Number.isSafeInteger(n)) ? n : raw.trim();
  }

  /**
   * The value of one input of a kind, as the evidence document holds it;
   * undefined when empty. An evidence text that was filled in and emptied
   * (or opened empty from a file) is kept as the empty text: kader reads it
   * as blank ("there is none"), which is not the same as not supplied.
   */
  function scalarOf(input, raw, blankText = false) {
    if (raw === undefined || raw === null) return undefined;
    switch (input.kind) {
      case "date":
        return dateOf(raw);
      case "percent":
        return percentOf(raw);
      case "int":
        return numberOf(raw, true);
      case "number":
        return numberOf(raw, false);
      case "bool":
        return raw === "true" ? true : raw === "false" ? false : undefined;
      case "enum":
        return raw === "" ? undefined : raw;
      default:
        // A text as typed; the engine judges blank ones.
        return raw === "" && !blankText ? undefined : raw;
    }
  }

  /** A field's value, or undefined; for lists, also where each sent item was typed. */
  function valueOf(field) {
    const raw = state.get(field.key);
    const input = field.input;
    // A list that was filled in and emptied again (or opened empty) is the
    // empty list: "none", which is not the same as not supplied.
    if (input.kind === "choices") {
      const chosen = input.members.map((m) => m.value).filter((v) => (raw || []).includes(v));
      return { value: raw === undefined ? undefined : chosen };
    }
    if (input.kind === "list") {
      const items = [];
      const at = [];
      (raw || []).forEach((item, i) => {
        const v = scalarOf(input.item, item);
        if (v !== undefined) {
          items.push(v);
          at.push(i);
        }
      });
      return { value: raw === undefined ? undefined : items, at };
    }
    return { value: scalarOf(input, raw, field.key.startsWith("evidence.")) };
  }

  /**
   * What an opened file holds that the form does not ask, kept as it was
   * and saved again: the meeting of the location, the certificate's
   * particulars, and each value's source and verification (while the value
   * is the one the file gave).
   */
  let kept = { meeting: undefined, certificate: undefined, provenance: {} };

  /** The evidence document of the form: only what is filled in, minus the fields in `omit`. */
  function documentOf(omit = new Set()) {
    const doc = { location: {}, as_of: undefined, evidence: {} };
    for (const field of fields) {
      if (omit.has(field.key)) continue;
      let { value } = valueOf(field);
      if (value === undefined) continue;
      const provenance = kept.provenance[field.key];
      if (provenance && JSON.stringify(provenance.value) === JSON.stringify(value)) value = provenance;
      const path = field.key.split(".");
      let object = doc;
      path.slice(0, -1).forEach((segment) => {
        if (typeof object[segment] !== "object" || object[segment] === null) object[segment] = {};
        object = object[segment];
      });
      object[path[path.length - 1]] = value;
    }
    if (kept.meeting !== undefined) doc.location.meeting = kept.meeting;
    if (doc.as_of === undefined) delete doc.as_of;
    if (kept.certificate !== undefined) doc.certificate = kept.certificate;
    return doc;
  }

  // ------------------------------------------------------------ engine

  function call(request) {
    return JSON.parse(wasm_bindgen.call(JSON.stringify(request)));
  }

  function request(op, evidence, extra = {}) {
    return {
      op,
      framework: sources.framework,
      file_name: sources.file_name,
      bases: Object.keys(sources.bases).length ? sources.bases : undefined,
      evidence,
      ...extra,
    };
  }

  async function startEngine() {
    const text = $("kader-engine").textContent.trim();
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    const wasm = await new Response(stream).arrayBuffer();
    await wasm_bindgen({ module_or_path: wasm });
  }

  // ------------------------------------------------------------ rendering

  let counter = 0;
  const nextId = () => `f${(counter += 1)}`;

  function about(field) {
    if (!field.criteria.length) return null;
    const list = el("ul");
    for (const id of field.criteria) {
      const c = criteria.get(id);
      if (!c) continue;
      const item = el("li", {}, el("strong", { text: `${c.id} ${c.title}` }), ` · ${W.owner}: ${c.owner}`);
      if (c.guidance) item.append(el("p", { class: "guidance", text: c.guidance }));
      list.append(item);
    }
    return el(
      "details",
      { class: "about" },
      el("summary", { text: `${W.read_by}: ${field.criteria.join(", ")}` }),
      list,
    );
  }

  function hintOf(input) {
    if (input.kind === "date" || (input.kind === "list" && input.item.kind === "date")) return W.hint_date;
    if (input.kind === "percent") return W.hint_percent;
    return null;
  }

  /** A select of "not filled in" and the options. */
  function select(id, options) {
    const node = el("select", { id });
    node.append(el("option", { value: "", text: `— ${W.not_filled} —` }));
    for (const [value, label] of options) node.append(el("option", { value, text: label }));
    return node;
  }

  function scalarControl(input, id) {
    switch (input.kind) {
      case "bool":
        return select(id, [
          ["true", W.yes],
          ["false", W.no],
        ]);
      case "enum":
        return select(
          id,
          input.members.map((m) => [m.value, m.label === m.value ? m.value : `${m.label} (${m.value})`]),
        );
      default: {
        const mode = { int: "numeric", number: "decimal", percent: "decimal" }[input.kind];
        return el("input", { id, type: "text", inputmode: mode, autocomplete: "off", spellcheck: "false" });
      }
    }
  }

  function renderField(field) {
    const id = nextId();
    const wrap = el("div", { class: "field", "data-key": field.key, id: `${id}-field` });
    const hint = hintOf(field.input);
    const parts = { wrap, id, error: el("p", { class: "error", id: `${id}-error`, hidden: true, "aria-live": "polite" }) };
    const decisive = el("p", { class: "decisive-note", id: `${id}-decisive`, hidden: true, text: W.decisive });
    parts.decisive = decisive;
    const hintNode = hint ? el("p", { class: "hint", id: `${id}-hint`, text: hint }) : null;
    parts.describedBy = [hintNode && `${id}-hint`].filter(Boolean);

    if (field.input.kind === "choices" || field.input.kind === "list") {
      const group = el("fieldset", { class: "group", id, "aria-describedby": parts.describedBy.join(" ") || undefined });
      group.append(el("legend", { text: field.label }));
      if (hintNode) group.append(hintNode);
      parts.group = group;
      if (field.input.kind === "choices") {
        parts.boxes = field.input.members.map((m, i) => {
          const boxId = `${id}-${i}`;
          const box = el("input", { type: "checkbox", id: boxId, value: m.value });
          box.addEventListener("change", () => {
            state.set(field.key, parts.boxes.filter((b) => b.checked).map((b) => b.value));
            touched.add(field.key);
            changed();
          });
          group.append(el("div", { class: "choice" }, box, el("label", { for: boxId, text: m.label })));
          return box;
        });
      } else {
        parts.items = el("ol", { class: "items" });
        const add = el("button", {
          type: "button",
          class: "add",
          text: field.input.item.kind === "date" ? W.add_date : W.add,
        });
        add.addEventListener("click", () => {
          const list = [...(state.get(field.key) || []), ""];
          state.set(field.key, list);
          renderItems(field);
          parts.items.querySelectorAll("input")[list.length - 1]?.focus();
        });
        group.append(parts.items, add);
      }
      group.append(parts.error, decisive);
      wrap.append(group);
    } else {
      // The mark of a required field stays out of the label: the label is the field's name.
      const label = el("div", { class: "label" }, el("label", { for: id, text: field.label }));
      if (field.required) label.append(el("span", { class: "required", "aria-hidden": "true", text: " *" }));
      const control = scalarControl(field.input, id);
      if (field.required) {
        control.setAttribute("required", "");
        control.setAttribute("aria-required", "true");
      }
      const record = () => {
        state.set(field.key, control.value);
        changed();
      };
      control.addEventListener("input", record);
      control.addEventListener("change", () => {
        touched.add(field.key);
        record();
      });
      parts.control = control;
      wrap.append(label);
      if (hintNode) wrap.append(hintNode);
      wrap.append(control, parts.error, decisive);
    }
    const details = about(field);
    if (details) wrap.append(details);
    dom.set(field.key, parts);
    describe(field);
    return wrap;
  }

  /** The items of a list: an input and a remove button each. */
  function renderItems(field) {
    const parts = dom.get(field.key);
    const list = state.get(field.key) || [];
    parts.items.replaceChildren();
    parts.itemInputs = list.map((raw, i) => {
      const number = i + 1;
      const input = el("input", {
        type: "text",
        id: `${parts.id}-item-${i}`,
        "aria-label": fill(W.item, { label: field.label, number }),
        autocomplete: "off",
        spellcheck: "false",
      });
      input.value = raw;
      const record = () => {
        const now = [...(state.get(field.key) || [])];
        now[i] = input.value;
        state.set(field.key, now);
        changed();
      };
      input.addEventListener("input", record);
      input.addEventListener("change", () => {
        touched.add(field.key);
        record();
      });
      const remove = el("button", {
        type: "button",
        class: "remove",
        "aria-label": fill(W.remove, { label: field.label, number }),
        title: fill(W.remove, { label: field.label, number }),
        text: "×",
      });
      remove.addEventListener("click", () => {
        const now = [...(state.get(field.key) || [])];
        now.splice(i, 1);
        state.set(field.key, now);
        touched.add(field.key);
        renderItems(field);
        const inputs = parts.items.querySelectorAll("input");
        (inputs[Math.min(i, inputs.length - 1)] || parts.group.querySelector("button.add")).focus();
        changed();
      });
      parts.items.append(el("li", {}, input, remove));
      return input;
    });
  }

  /** Writes the state of a field into its inputs. */
  function show(field) {
    const parts = dom.get(field.key);
    const raw = state.get(field.key);
    if (parts.boxes) for (const box of parts.boxes) box.checked = (raw || []).includes(box.value);
    else if (parts.items) renderItems(field);
    else parts.control.value = raw ?? "";
  }

  /** Sets aria-describedby: the hint, and the error when one is shown. */
  function describe(field) {
    const parts = dom.get(field.key);
    const ids = [...parts.describedBy];
    if (!parts.error.hidden) ids.push(parts.error.id);
    if (!parts.decisive.hidden) ids.push(parts.decisive.id);
    const target = parts.group || parts.control;
    if (ids.length) target.setAttribute("aria-describedby", ids.join(" "));
    else target.removeAttribute("aria-describedby");
  }

  function render() {
    const form = $("form");
    for (const section of sections) {
      const set = el("fieldset", { class: "section", id: `section-${section.id}`, "data-section": section.id });
      set.append(el("legend", {}, el("h2", { text: section.title })));
      for (const field of section.fields) set.append(renderField(field));
      form.append(set);
    }
    form.append(el("p", { id: "hidden-note", class: "hint", hidden: true, text: W.hidden }));
  }

  // ------------------------------------------------------------ problems

  /** The field a problem's path is about (`evidence.x.drills[1]` is `evidence.x.drills`). */
  const keyOf = (path) => {
    const key = String(path || "").replace(/\[\d+\]$/, "");
    return byKey.has(key) ? key : null;
  };

  function leadFor(field) {
    const { value } = valueOf(field);
    if (field.required && value === undefined) return W.required;
    const kind = field.input.kind === "list" ? field.input.item.kind : field.input.kind;
    return { date: W.bad_date, int: W.bad_int, number: W.bad_number, percent: W.bad_percent }[kind] || W.bad_value;
  }

  /**
   * Shows each field's problems (`wanted`: key → {lead, problems}) and clears
   * the others. A field whose message did not change is left alone, so that
   * nothing is announced again while the school types elsewhere.
   */
  function applyProblems(wanted) {
    for (const field of fields) {
      const parts = dom.get(field.key);
      const want = wanted.get(field.key);
      const text = want ? JSON.stringify([want.lead, want.problems.map((p) => [p.path, p.message])]) : "";
      if ((parts.errorText || "") === text) continue;
      parts.errorText = text;
      parts.error.replaceChildren();
      for (const node of [parts.control, parts.group, ...(parts.itemInputs || [])]) node?.removeAttribute("aria-invalid");
      parts.error.hidden = !want;
      if (want) {
        parts.error.append(el("span", { class: "lead", text: want.lead }));
        for (const problem of want.problems) {
          const detail = [problem.message, problem.help].filter(Boolean).join(" — ");
          parts.error.append(" ", el("span", { class: "detail", lang: lang === "en" ? undefined : "en", text: detail }));
          const item = /\[(\d+)\]$/.exec(problem.path || "");
          if (item && parts.itemInputs) {
            const { at } = valueOf(field);
            parts.itemInputs[at[Number(item[1])]]?.setAttribute("aria-invalid", "true");
          } else (parts.control || parts.group).setAttribute("aria-invalid", "true");
        }
        if (!want.problems.length) (parts.control || parts.group).setAttribute("aria-invalid", "true");
      }
      describe(field);
    }
  }

  // ------------------------------------------------------------ evaluation

  function evaluate() {
    timer = null;
    const doc = documentOf();
    // The live result needs an id; the saved file has the one typed.
    if (!doc.location.id) doc.location.id = "-";
    let response = call(request("evaluate", doc, { stage: "intake", lang }));
    let problems = [];
    let partial = false;
    if (!response.ok && response.error.kind === "evidence") {
      problems = response.error.problems;
      const omit = new Set(problems.map((p) => keyOf(p.path)).filter(Boolean));
      const retry = documentOf(omit);
      if (!retry.location.id) retry.location.id = "-";
      response = call(request("evaluate", retry, { stage: "intake", lang }));
      partial = true;
    }
    const wanted = new Map();
    const loose = [];
    for (const problem of problems) {
      const key = keyOf(problem.path);
      if (!key) loose.push(problem);
      else if (touched.has(key)) {
        const field = byKey.get(key);
        if (!wanted.has(key)) wanted.set(key, { lead: leadFor(field), problems: [] });
        wanted.get(key).problems.push(problem);
      }
    }
    if (requiredShown) wanted.set("location.id", { lead: W.required, problems: [] });
    applyProblems(wanted);
    showResult(response, partial, loose, problems);
    evaluations += 1;
    document.body.dataset.evaluations = String(evaluations);
  }

  /** Evaluates again once the typing pauses. */
  function schedule() {
    if (timer) clearTimeout(timer);
    timer = setTimeout(evaluate, 150);
  }

  /** Something was typed: keep the draft, and evaluate again. */
  function changed() {
    if (state.get("location.id")) requiredShown = false;
    saveDraft();
    schedule();
  }

  const percentText = (share) =>
    new Intl.NumberFormat(lang === "nl" ? "nl-NL" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(share);

  /**
   * The verdict in the live region, changed only when it changes: a screen
   * reader announces it then, and not at every keystroke.
   */
  function summarise(verdict, text, note) {
    const summary = $("summary");
    const key = JSON.stringify([verdict, text, note]);
    if (summary.dataset.key === key) return;
    summary.dataset.key = key;
    summary.replaceChildren(el("p", { id: "verdict", class: `verdict ${verdict}`, "data-verdict": verdict, text }));
    if (note) summary.append(el("p", { class: "note", text: note }));
  }

  function showResult(response, partial, loose, problems) {
    const box = $("result");
    box.replaceChildren();
    const errorCount = problems.filter((p) => {
      const key = keyOf(p.path);
      return !key || touched.has(key);
    }).length;
    if (!response.ok) {
      summarise("", W.errors, null);
      const list = el("ul", { class: "problems" });
      const all = response.error.problems || [response.error];
      for (const p of all) list.append(el("li", { lang: lang === "en" ? undefined : "en", text: [p.path, p.message].filter(Boolean).join(": ") }));
      box.append(list);
      return;
    }
    const result = response.result;
    summarise(
      result.verdict,
      W.verdicts[result.verdict] || result.verdict,
      partial && errorCount ? `${W.errors}: ${errorCount}. ${W.without_errors}` : null,
    );
    for (const p of loose) box.append(el("p", { class: "problem", lang: lang === "en" ? undefined : "en", text: p.message }));

    // The themes.
    const table = el("table", { class: "themes" });
    table.append(
      el("thead", {}, el("tr", {}, el("th", { scope: "col", text: W.themes }), el("th", { scope: "col", text: W.status }), el("th", { scope: "col", class: "number", text: W.score }))),
    );
    const body = el("tbody");
    for (const theme of result.themes) {
      body.append(
        el(
          "tr",
          { "data-theme": theme.id, class: theme.status },
          el("th", { scope: "row", text: theme.title }),
          el("td", { text: W.statuses[theme.status] || theme.status }),
          el("td", { class: "number", text: typeof theme.score === "number" && theme.status !== "unknown" ? percentText(theme.score) : "" }),
        ),
      );
    }
    table.append(body);
    box.append(table);

    // What is needed: the decisive first.
    box.append(el("h3", { text: W.needed }));
    const needed = [...result.to_supply].sort((a, b) => Number(b.decisive) - Number(a.decisive));
    if (!needed.length) box.append(el("p", { id: "needed", text: W.nothing_needed }));
    else {
      const list = el("ul", { id: "needed" });
      for (const entry of needed) {
        const field = byKey.get(`evidence.${entry.path}`);
        const target = field && dom.get(field.key);
        const label = target
          ? el("a", { href: `#${target.id}`, text: entry.label || entry.path })
          : el("span", { text: entry.label || entry.path });
        if (target) {
          label.addEventListener("click", (event) => {
            event.preventDefault();
            const focus = target.control || target.group.querySelector("input, button");
            focus?.focus();
            target.wrap.scrollIntoView({ block: "center" });
          });
        }
        const item = el("li", { "data-path": entry.path, class: entry.decisive ? "decisive" : undefined }, label);
        if (entry.decisive) item.append(el("span", { class: "badge", text: ` — ${W.decisive}` }));
        item.append(el("span", { class: "criteria", text: ` (${entry.criteria.join(", ")})` }));
        list.append(item);
      }
      box.append(list);
    }

    // Fields: hide those that do not apply; mark those that can still turn the verdict.
    const status = new Map(result.criteria.map((c) => [c.id, c.status]));
    const decisive = new Set(needed.filter((e) => e.decisive).map((e) => `evidence.${e.path}`));
    let hidden = 0;
    for (const field of fields) {
      const parts = dom.get(field.key);
      const off = field.criteria.length > 0 && field.criteria.every((id) => status.get(id) === "not_applicable");
      parts.wrap.hidden = off;
      if (off) hidden += 1;
      const mark = decisive.has(field.key);
      parts.wrap.classList.toggle("decisive", mark);
      if (parts.decisive.hidden === mark) {
        parts.decisive.hidden = !mark;
        describe(field);
      }
    }
    for (const section of model.sections) {
      $(`section-${section.id}`).hidden = section.fields.every((f) => dom.get(f.key).wrap.hidden);
    }
    $("hidden-note").hidden = hidden === 0;
  }

  // ------------------------------------------------------------ draft, save, open

  function saveDraft() {
    try {
      localStorage.setItem(draftKey, JSON.stringify({ values: Object.fromEntries(state), kept }));
    } catch {
      // Storage may be off (private windows, file:// in some browsers): the form works without it.
    }
  }

  function loadDraft() {
    try {
      const draft = JSON.parse(localStorage.getItem(draftKey) || "null");
      if (!draft || typeof draft.values !== "object") return false;
      for (const [key, raw] of Object.entries(draft.values)) if (byKey.has(key)) state.set(key, raw);
      if (draft.kept && typeof draft.kept === "object") kept = { provenance: {}, ...draft.kept };
      return true;
    } catch {
      return false;
    }
  }

  const today = () => {
    const d = new Date();
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  };

  function clearForm() {
    if (!window.confirm(W.clear_confirm)) return;
    state.clear();
    touched.clear();
    kept = { meeting: undefined, certificate: undefined, provenance: {} };
    try {
      localStorage.removeItem(draftKey);
    } catch {
      // nothing kept
    }
    state.set("as_of", today());
    fields.forEach(show);
    schedule();
  }

  function status(text) {
    $("status").textContent = text;
  }

  function save() {
    const id = dom.get("location.id");
    const doc = documentOf();
    if (!doc.location.id) {
      requiredShown = true;
      applyProblems(new Map([["location.id", { lead: W.required, problems: [] }]]));
      id.control.focus();
      return;
    }
    const name = `${String(doc.location.id).replace(/[^\p{L}\p{N}._-]+/gu, "-") || W.file_name}.json`;
    const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    status(fill(W.saved, { file: name }));
  }

  /** A value at a dotted key of a document, nested or written with dots. */
  function lookup(doc, key) {
    const segments = key.split(".");
    const walk = (object, rest) => {
      if (!rest.length) return object;
      if (typeof object !== "object" || object === null) return undefined;
      for (let n = rest.length; n >= 1; n -= 1) {
        const head = rest.slice(0, n).join(".");
        if (head in object) {
          const found = walk(object[head], rest.slice(n));
          if (found !== undefined) return found;
        }
      }
      return undefined;
    };
    return walk(doc, segments);
  }

  /**
   * The raw text of a value from a file, as the input shows it: a date as
   * DD-MM-YYYY, and in Dutch a decimal comma (both read back as typed).
   */
  function rawOf(input, value) {
    if (value === undefined || value === null) return undefined;
    const comma = (text) => (lang === "nl" ? text.replace(".", ",") : text);
    if (input.kind === "percent") {
      const text = typeof value === "number" ? percentOf(String(value).includes(".") ? String(value) : `${value}.0`) : String(value);
      return comma(text);
    }
    if (input.kind === "number" && typeof value === "number") return comma(String(value));
    if (input.kind === "date") {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(value));
      if (m) return `${m[3]}-${m[2]}-${m[1]}`;
    }
    return String(value);
  }

  function fillFrom(doc) {
    state.clear();
    touched.clear();
    kept = {
      meeting: lookup(doc, "location.meeting") ?? undefined,
      certificate: doc.certificate ?? undefined,
      provenance: {},
    };
    for (const field of fields) {
      let value = lookup(doc, field.key);
      if (value && typeof value === "object" && !Array.isArray(value) && "value" in value) {
        kept.provenance[field.key] = value;
        value = value.value;
      }
      if (value === undefined || value === null) continue;
      const input = field.input;
      if (input.kind === "list" || input.kind === "choices") {
        const items = Array.isArray(value) ? value : [value];
        state.set(field.key, items.map((v) => rawOf(input.kind === "list" ? input.item : input, v) ?? ""));
      } else state.set(field.key, rawOf(input, value));
      touched.add(field.key);
    }
    fields.forEach(show);
    changed();
  }

  async function open(file) {
    const text = await file.text();
    const toml = /\.toml$/i.test(file.name);
    const response = call(request("load", text, { evidence_format: toml ? "toml" : "json" }));
    if (response.ok) {
      fillFrom(response.result.evidence);
      status(fill(W.opened, { file: file.name }));
      return;
    }
    // JSON with errors: fill in what is there, and let the fields say what is wrong.
    if (!toml) {
      try {
        fillFrom(JSON.parse(text));
        status(fill(W.opened, { file: file.name }));
        return;
      } catch {
        // not JSON at all: say so below
      }
    }
    const problems = response.error.problems || [response.error];
    status(`${fill(W.open_failed, { file: file.name })} ${problems.map((p) => p.message).join("; ")}`);
  }

  // ------------------------------------------------------------ start

  async function start() {
    $("intro").textContent = W.intro;
    $("save").textContent = W.save;
    $("open").textContent = W.open;
    $("clear").textContent = W.clear;
    $("result-heading").textContent = W.result;
    render();
    const restored = loadDraft();
    if (restored) for (const key of state.keys()) touched.add(key);
    else state.set("as_of", today());
    fields.forEach(show);
    $("save").addEventListener("click", save);
    $("open").addEventListener("click", () => $("open-file").click());
    $("open-file").addEventListener("change", async (event) => {
      const [file] = event.target.files;
      event.target.value = "";
      if (file) await open(file);
    });
    $("clear").addEventListener("click", clearForm);
    try {
      await startEngine();
    } catch (error) {
      $("loading").textContent = W.engine_failed;
      $("loading").classList.add("problem");
      throw error;
    }
    $("loading").hidden = true;
    evaluate();
    if (restored) status(W.draft_restored);
    document.body.dataset.ready = "true";
  }

  start();
})();
