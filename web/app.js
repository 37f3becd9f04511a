// The kader playground: a framework and a location's evidence side by
// side, checked and evaluated by kader (WebAssembly) as the author types,
// and the framework compared with the shipped one over every school.

import init, { check, compare, evaluate, format } from "./pkg/kader_wasm.js";
import { defaultSample, framework as shippedFramework, samples } from "./pkg/data.js";
import { Editor, offsetOf } from "./editor.js";
import { decodeState, encodeState } from "./share.js";
import { words } from "./words.js";

const $ = (id) => document.getElementById(id);
const escapes = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
const esc = (text) => String(text ?? "").replace(/[&<>"]/g, (c) => escapes[c]);
const DEBOUNCE_MS = 250;

const state = {
  fileName: shippedFramework.name,
  sample: defaultSample,
  evidenceFormat: "json",
  stage: "intake",
  /** The language chosen; null: the framework's. */
  lang: null,
  /** The framework's language, as the last check found it. */
  frameworkLang: "nl",
};

let ready = false;
let timer = 0;
const frameworkEditor = new Editor($("framework-editor"), () => schedule({ sample: false }));
const evidenceEditor = new Editor($("evidence-editor"), () => schedule({ sample: true }));

const lang = () => state.lang ?? state.frameworkLang;
const t = (key) => words[lang()][key] ?? words.en[key] ?? key;

/** Runs kader after the author stops typing for a moment. */
function schedule({ sample }) {
  if (sample && state.sample) {
    state.sample = "";
    $("sample").value = "";
  }
  clearTimeout(timer);
  timer = setTimeout(update, DEBOUNCE_MS);
}

// ------------------------------------------------------------ running kader

/** Calls a convenience; a trap in WebAssembly (a bug) becomes a response. */
function safely(op, run) {
  try {
    return run();
  } catch (error) {
    return { ok: false, op, error: { kind: "internal", message: String(error) }, warnings: [] };
  }
}

function update() {
  if (!ready) return;
  const framework = frameworkEditor.value;
  const options = { file_name: state.fileName };
  // With today's date, the check runs the analysis lints too (W0269–W0274).
  const checked = safely("check", () => check(framework, { ...options, as_of: today() }));
  if (checked.ok) state.frameworkLang = checked.result.framework.language;
  let evaluated = null;
  if (checked.ok) {
    evaluated = safely("evaluate", () =>
      evaluate(framework, evidenceEditor.value, {
        ...options,
        evidence_format: state.evidenceFormat,
        stage: state.stage,
        lang: lang(),
      }),
    );
  }
  showWords();
  showProblems(checked, evaluated);
  showResult(checked, evaluated);
  updateComparison(checked.ok, framework);
  saveState();
}

// ------------------------------------------------------------ problems

/** A problem to list and mark: where it is, how bad, what it says. */
function frameworkProblem(d) {
  const text = frameworkEditor.value;
  const from = offsetOf(text, d.line, d.column);
  const to = offsetOf(text, d.end_line, d.end_column);
  return {
    editor: frameworkEditor,
    where: "framework",
    severity: d.severity,
    line: d.line,
    column: d.column,
    from,
    to,
    code: d.code,
    message: d.message,
    help: d.help,
    notes: d.notes ?? [],
  };
}

/**
 * Where an evidence path (`evidence.monitor.last_run`, `as_of`) is in the
 * evidence text: each key in turn after the one before, in JSON
 * (`"key":`) or TOML (`key =`, `[a.key]`, `a.key.b`). Best effort: the
 * start of the text when a key cannot be found.
 */
function locatePath(text, path) {
  const keys = path.split(/\.|\[\d+\]/).filter(Boolean);
  let at = 0;
  let found = null;
  for (const key of keys) {
    const name = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const pattern = new RegExp(`(["']?)${name}\\1\\s*[:=.\\]]`, "g");
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) break;
    found = { from: match.index, to: match.index + match[1].length * 2 + key.length };
    at = found.to;
  }
  return found ?? { from: 0, to: 0 };
}

function evidenceProblem(p, severity) {
  const text = evidenceEditor.value;
  let range;
  if (p.line) {
    const from = offsetOf(text, p.line, p.column ?? 1);
    const token = /^[^\s,:{}[\]]*/.exec(text.slice(from))[0];
    range = { from, to: from + Math.max(token.length, 1) };
  } else {
    range = locatePath(text, p.path ?? "");
  }
  const before = text.slice(0, range.from);
  const line = before.split("\n").length;
  const column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return {
    editor: evidenceEditor,
    where: "evidence",
    severity,
    line,
    column,
    ...range,
    code: p.path || null,
    message: p.message,
    help: p.help ?? null,
    notes: [],
  };
}

function requestProblem(e) {
  return {
    editor: null,
    where: "request",
    severity: "error",
    line: null,
    column: null,
    code: e.field ?? e.kind,
    message: e.message,
    help: e.help ?? null,
    notes: [],
  };
}

function collectProblems(checked, evaluated) {
  const problems = [];
  for (const response of [checked, evaluated]) {
    if (!response) continue;
    for (const w of response.warnings) {
      if (w.kind === "framework" && response === checked) problems.push(frameworkProblem(w));
      if (w.kind === "evidence") problems.push(evidenceProblem(w, "warning"));
    }
    if (response.ok) continue;
    const { error } = response;
    if (error.kind === "framework") problems.push(...error.diagnostics.map(frameworkProblem));
    else if (error.kind === "evidence") {
      problems.push(...error.problems.map((p) => evidenceProblem(p, "error")));
    } else problems.push(requestProblem(error));
  }
  return problems;
}

function showProblems(checked, evaluated) {
  const problems = collectProblems(checked, evaluated);
  for (const editor of [frameworkEditor, evidenceEditor]) {
    editor.setMarkers(
      problems
        .filter((p) => p.editor === editor)
        .map((p) => ({ from: p.from, to: p.to, severity: p.severity, message: p.message })),
    );
  }
  const list = $("diagnostics");
  list.replaceChildren();
  if (problems.length === 0) {
    list.innerHTML = `<li class="none">${esc(t("noProblems"))}</li>`;
    return;
  }
  for (const p of problems) {
    const item = document.createElement("li");
    item.className = p.severity;
    item.dataset.where = p.where;
    if (p.line) item.dataset.line = p.line;
    const place = p.line ? `${p.line}:${p.column}` : "";
    const notes = p.notes.map((n) => `<pre class="note">${esc(n)}</pre>`).join("");
    const body =
      `<span class="place">${esc(place)}</span>` +
      `<span class="severity">${esc(t(p.severity))}</span>` +
      (p.code ? ` <code>${esc(p.code)}</code>` : "") +
      ` <span class="where">${esc(t(`${p.where}Problems`))}</span>` +
      `<span class="message">${esc(p.message)}</span>` +
      (p.help ? `<span class="help">${esc(t("help"))}: ${esc(p.help)}</span>` : "") +
      notes;
    if (p.editor) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "goto";
      button.innerHTML = body;
      button.addEventListener("click", () => p.editor.reveal(p.from, Math.max(p.to, p.from)));
      item.append(button);
    } else {
      item.innerHTML = body;
    }
    list.append(item);
  }
}

// ------------------------------------------------------------ the result

const percent = (share) => (share === null || share === undefined ? "–" : `${Math.round(share * 1000) / 10}%`);

function showResult(checked, evaluated) {
  const verdict = $("verdict");
  const body = $("result-body");
  if (!checked.ok || !evaluated || !evaluated.ok) {
    const response = checked.ok ? evaluated : checked;
    const kind = response?.error?.kind;
    const message =
      kind === "framework" ? t("frameworkErrors") : kind === "evidence" ? t("evidenceErrors") : t("requestError");
    verdict.className = "verdict none";
    verdict.dataset.verdict = "";
    verdict.innerHTML = `<strong>${esc(message)}</strong>` +
      (kind === "framework" || kind === "evidence" ? "" : ` <span>${esc(response?.error?.message)}</span>`);
    body.classList.add("stale");
    return;
  }
  const r = evaluated.result;
  verdict.className = `verdict ${r.verdict}`;
  verdict.dataset.verdict = r.verdict;
  const where = [r.location.name ?? r.location.id, t(r.stage), `${t("asOf")} ${r.as_of}`];
  if (r.valid_until) where.push(`${t("validUntil")} ${r.valid_until}`);
  verdict.innerHTML = `<strong>${esc(t(r.verdict))}</strong> <span>${esc(where.join(" · "))}</span>`;

  const themes = r.themes
    .map(
      (th) => `<tr data-theme="${esc(th.id)}" class="${esc(th.status)}">
        <th scope="row">${esc(th.title)}</th>
        <td><span class="status ${esc(th.status)}">${esc(t(th.status))}</span></td>
        <td class="num">${esc(percent(th.score))}${th.score_max != null && th.score_max !== th.score ? ` – ${esc(percent(th.score_max))}` : ""}</td>
        <td class="num">${esc(percent(th.threshold))}</td>
        <td>${esc(t(th.maturity))}</td>
      </tr>`,
    )
    .join("");
  const failing = r.criteria.filter((c) => c.status === "fail" || c.status === "unknown");
  const criteria = failing
    .map(
      (c) => `<li data-criterion="${esc(c.id)}" class="${esc(c.status)}">
        <div class="criterion-head">
          <span class="status ${esc(c.status)}">${esc(t(c.status))}</span>
          <strong>${esc(c.id)}</strong> ${esc(c.title)}
          ${c.mandatory ? `<span class="tag">${esc(t("mandatory"))}</span>` : ""}
          <span class="tag">${esc(t("owner"))}: ${esc(c.owner)}</span>
        </div>
        ${c.legal ? `<div class="legal">${esc(c.legal)}</div>` : ""}
        <ul class="gaps">${c.gaps
          .map(
            (g) => `<li class="gap ${esc(g.kind)}"><p>${esc(g.message)}</p>
              <dl><dt>${esc(t("paths"))}</dt><dd><code>${g.evidence.map(esc).join("</code>, <code>")}</code></dd>
              <dt>${esc(t("expected"))}</dt><dd><code>${esc(g.expected)}</code></dd>
              <dt>${esc(t("actual"))}</dt><dd><code>${esc(g.actual)}</code></dd></dl></li>`,
          )
          .join("")}</ul>
      </li>`,
    )
    .join("");
  const toSupply = r.to_supply.length
    ? `<h3>${esc(t("toSupply"))}</h3><ul class="supply">${r.to_supply
        .map((s) => `<li><code>${esc(s.path)}</code> ${esc(s.label ?? "")} <span class="tag">${esc(s.criteria.join(", "))}</span></li>`)
        .join("")}</ul>`
    : "";
  const whatItTakes = r.what_it_takes.length
    ? `<p class="what-it-takes"><strong>${esc(t("whatItTakes"))}:</strong> ${r.what_it_takes.map(esc).join(", ")}</p>`
    : "";
  body.classList.remove("stale");
  body.innerHTML = `
    <div class="themes">
      <h3>${esc(t("themes"))}</h3>
      <table id="themes">
        <thead><tr><th scope="col">${esc(t("theme"))}</th><th scope="col">${esc(t("status"))}</th>
        <th scope="col" class="num">${esc(t("score"))}</th><th scope="col" class="num">${esc(t("threshold"))}</th>
        <th scope="col">${esc(t("maturity"))}</th></tr></thead>
        <tbody>${themes}</tbody>
      </table>
      ${whatItTakes}
    </div>
    <div class="criteria">
      <h3>${esc(t("failing"))}</h3>
      ${failing.length ? `<ul id="failing">${criteria}</ul>` : `<p>${esc(t("noneFailing"))}</p>`}
      ${toSupply}
    </div>`;
}

// ------------------------------------------------------------ the comparison

/** Today in the browser's time zone, `YYYY-MM-DD`: the date every school is judged on. */
function today() {
  const now = new Date();
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

/** The last comparison, kept while the framework, the language and the date stay the same. */
let lastComparison = { key: null, response: null, asOf: null };

/**
 * The exact analysis of the framework as edited against the shipped one
 * (`kader diff --exhaustive`). It does not depend on the evidence, so
 * typing evidence does not run it again.
 */
function compareWithShipped(framework) {
  const asOf = today();
  const key = JSON.stringify([framework, lang(), asOf]);
  if (lastComparison.key !== key) {
    const options = { as_of: asOf, lang: lang() };
    const response = safely("compare", () => compare(shippedFramework.source, framework, options));
    lastComparison = { key, response, asOf };
  }
  return lastComparison;
}

/**
 * kader's own account of the comparison (the HTML `kader diff
 * --exhaustive` writes): the verdict's details (its witnesses, or why it
 * is undecided) and the labels of the themes and criteria that change, in
 * the order of the comparison's document.
 */
function readAccount(html) {
  const doc = new DOMParser().parseFromString(html, "text/html");
  const texts = (selector) => [...doc.querySelectorAll(selector)].map((e) => e.textContent.trim());
  return {
    verdict: texts("article > ul > li"),
    themes: texts("article > section:nth-of-type(1) > ul > li > strong"),
    criteria: texts("article > section:nth-of-type(2) > ul > li > strong"),
  };
}

/**
 * A witness of the verdict as the command line words it, up to what it
 * says of the two versions by name (both are called the same here); then
 * that in the playground's words: shipped, as edited.
 */
function witnessLine(detail, witness) {
  const cut = detail.lastIndexOf(" — ");
  if (!witness || cut < 0) return esc(detail);
  const standing = (s) => t(`standing_${typeof s === "string" ? s : s.status}`);
  return (
    `${esc(detail.slice(0, cut))} — ${esc(t("shipped"))}: ${esc(standing(witness.before))}; ` +
    `${esc(t("edited"))}: ${esc(standing(witness.after))}.`
  );
}

let comparing = 0;

/**
 * Shows the comparison after the verdict: the analysis (about a tenth of
 * a second on the basiskader) runs once the page has shown the rest, and
 * only for the latest text.
 */
function updateComparison(checks, framework) {
  const generation = (comparing += 1);
  if (!checks) {
    showComparison(null);
    return;
  }
  $("comparison").classList.add("stale");
  setTimeout(() => {
    if (generation === comparing) showComparison(compareWithShipped(framework));
  }, 0);
}

const sentenceOf = {
  equivalent: "verdictEquivalent",
  stricter: "verdictStricter",
  looser: "verdictLooser",
  incomparable: "verdictIncomparable",
  undecided: "verdictUndecided",
};

function showComparison(compared) {
  const section = $("comparison");
  section.classList.remove("stale");
  const response = compared?.response;
  if (!response || !response.ok) {
    // A framework that does not check: the diagnostics say why.
    section.hidden = true;
    section.dataset.relation = "";
    return;
  }
  const { comparison, html } = response.result;
  const account = readAccount(html);
  const relation = comparison.verdict.relation;
  section.hidden = false;
  section.dataset.relation = relation;
  $("comparison-meta").textContent = t("comparisonMeta").replace("{date}", compared.asOf);
  const lines = [
    `<p class="relation"><strong>${esc(t("comparisonVerdict"))}: ${esc(t(relation))}</strong>` +
      ` <span>— ${esc(t(sentenceOf[relation]))}</span></p>`,
  ];
  const [first] = account.verdict;
  if (relation !== "equivalent" && first !== undefined) {
    lines.push(`<p class="witness">${witnessLine(first, comparison.verdict.witnesses[0])}</p>`);
  }
  for (const [kind, heading, labels] of [
    ["theme", "changedThemes", account.themes],
    ["criterion", "changedCriteria", account.criteria],
  ]) {
    const changed = comparison[kind === "theme" ? "themes" : "criteria"].filter(
      (item) => item.relation !== "equivalent",
    );
    if (changed.length === 0) continue;
    const items = changed
      .map(
        (item, i) =>
          `<li data-${kind}="${esc(item.id)}" data-relation="${esc(item.relation)}">` +
          `${esc(labels.length === changed.length ? labels[i] : item.id)}: ` +
          `<span class="relation-word">${esc(t(item.relation))}</span></li>`,
      )
      .join("");
    lines.push(`<h3>${esc(t(heading))}</h3><ul class="changed ${kind}">${items}</ul>`);
  }
  $("comparison-body").innerHTML = lines.join("");
}

// ------------------------------------------------------------ words, state

function showWords() {
  const language = lang();
  document.documentElement.lang = language;
  document.title = t("title");
  for (const element of document.querySelectorAll("[data-word]")) {
    element.textContent = t(element.dataset.word);
  }
  for (const radio of document.querySelectorAll('input[name="lang"]')) {
    radio.checked = radio.value === language;
  }
  const own = $("sample").querySelector('option[value=""]');
  if (own) own.textContent = `(${t("own")})`;
}

let saving = Promise.resolve();
function saveState() {
  const snapshot = {
    v: 1,
    framework: frameworkEditor.value,
    file_name: state.fileName,
    evidence: evidenceEditor.value,
    evidence_format: state.evidenceFormat,
    sample: state.sample || null,
    stage: state.stage,
    lang: state.lang,
  };
  saving = saving
    .then(() => encodeState(snapshot))
    .then((hash) => {
      if (location.hash !== hash) history.replaceState(null, "", hash);
      document.body.dataset.saved = "true";
    });
}

function applyState(saved) {
  frameworkEditor.value = typeof saved.framework === "string" ? saved.framework : shippedFramework.source;
  state.fileName = typeof saved.file_name === "string" ? saved.file_name : shippedFramework.name;
  evidenceEditor.value = typeof saved.evidence === "string" ? saved.evidence : "";
  state.evidenceFormat = saved.evidence_format === "toml" ? "toml" : "json";
  state.sample = samples.some((s) => s.name === saved.sample) ? saved.sample : "";
  state.stage = saved.stage === "audit" ? "audit" : "intake";
  state.lang = saved.lang === "nl" || saved.lang === "en" ? saved.lang : null;
}

function loadSample(name) {
  const sample = samples.find((s) => s.name === name) ?? samples[0];
  state.sample = sample.name;
  state.evidenceFormat = sample.format;
  evidenceEditor.value = sample.text;
}

function showControls() {
  $("framework-name").textContent = state.fileName;
  $("sample").value = state.sample;
  $("evidence-format").value = state.evidenceFormat;
  for (const radio of document.querySelectorAll('input[name="stage"]')) {
    radio.checked = radio.value === state.stage;
  }
}

// ------------------------------------------------------------ start

async function start() {
  const select = $("sample");
  select.innerHTML =
    `<option value="">(${esc(t("own"))})</option>` +
    samples.map((s) => `<option value="${esc(s.name)}">${esc(s.name)}</option>`).join("");

  const saved = await decodeState(location.hash);
  if (saved) applyState(saved);
  else {
    frameworkEditor.value = shippedFramework.source;
    loadSample(defaultSample);
  }
  showControls();

  select.addEventListener("change", () => {
    if (!select.value) return;
    loadSample(select.value);
    showControls();
    update();
  });
  $("evidence-format").addEventListener("change", (e) => {
    state.evidenceFormat = e.target.value;
    update();
  });
  for (const radio of document.querySelectorAll('input[name="stage"]')) {
    radio.addEventListener("change", () => {
      state.stage = radio.value;
      update();
    });
  }
  for (const radio of document.querySelectorAll('input[name="lang"]')) {
    radio.addEventListener("change", () => {
      state.lang = radio.value;
      update();
    });
  }
  $("format").addEventListener("click", () => {
    const formatted = safely("format", () => format(frameworkEditor.value, { file_name: state.fileName }));
    if (formatted.ok && formatted.result.changed) {
      frameworkEditor.value = formatted.result.source;
    }
    update();
  });
  $("share").addEventListener("click", async () => {
    saveState();
    await saving;
    const status = $("share-status");
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = t("copied");
    } catch {
      status.textContent = t("copyFailed");
    }
  });

  try {
    await init();
  } catch (error) {
    const verdict = $("verdict");
    verdict.className = "verdict none";
    verdict.innerHTML = `<strong>${esc(t("loadFailed"))}</strong> <span>${esc(error)}</span>`;
    return;
  }
  ready = true;
  update();
  document.body.dataset.ready = "true";
}

start();
