// kader's WebAssembly package in Node: every shipped sample, a broken
// framework's diagnostics, formatting, and the conveniences against `call`.
//
//   node bindings/wasm/tests/samples.mjs PKG_DIR OUT_FILE
//
// PKG_DIR is `wasm-bindgen --target nodejs` output. Every request sent to
// `call` and the exact response text go to OUT_FILE as JSON Lines
// ({"name", "request", "response"}), for tests/it/wasm.rs to compare with
// kader::api::call in Rust. Checks of its own fail the script (exit 1).

import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [pkgDir, outFile] = process.argv.slice(2);
if (!pkgDir || !outFile) {
  console.error("usage: node samples.mjs PKG_DIR OUT_FILE");
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const kader = createRequire(import.meta.url)(resolve(pkgDir, "kader_wasm.js"));
const read = (path) => readFileSync(join(root, path), "utf8");

const records = [];
let checks = 0;
const failures = [];

/** Sends a request to `call`, records it, and returns the parsed response. */
function send(name, request) {
  const text = JSON.stringify(request);
  const response = kader.call(text);
  records.push({ name, request: text, response });
  return JSON.parse(response);
}

/** Runs one named check; a failure is reported and the script goes on. */
function test(name, body) {
  try {
    body();
    checks += 1;
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }
}

/** Only the keys the TypeScript declarations promise (types.d.ts). */
function keysWithin(object, allowed, what) {
  for (const key of Object.keys(object)) {
    assert.ok(allowed.includes(key), `${what} has the undeclared field \`${key}\``);
  }
}

const RESULT_KEYS = [
  "framework", "location", "as_of", "stage", "verdict", "parts", "valid_until", "certificate",
  "themes", "criteria", "partners", "to_supply", "what_it_takes",
];
const THEME_KEYS = [
  "id", "title", "status", "score", "score_max", "threshold", "failed_mandatory", "floors",
  "maturity",
];
const CRITERION_KEYS = [
  "id", "theme", "title", "status", "mandatory", "weight", "level", "max_level", "owner",
  "legal", "layer", "tightened_by", "waiver", "gaps", "provenance",
];
const GAP_KEYS = ["evidence", "expected", "actual", "message", "kind"];
const DIAGNOSTIC_KEYS = [
  "code", "severity", "file", "line", "column", "end_line", "end_column", "span", "message",
  "help", "notes",
];

function shapeOfResult(result) {
  keysWithin(result, RESULT_KEYS, "the result");
  for (const theme of result.themes) keysWithin(theme, THEME_KEYS, `theme ${theme.id}`);
  for (const criterion of result.criteria) {
    keysWithin(criterion, CRITERION_KEYS, `criterion ${criterion.id}`);
    for (const gap of criterion.gaps) keysWithin(gap, GAP_KEYS, `a gap of ${criterion.id}`);
  }
}

const basiskader = read("frameworks/basiskader.kader");
const fileName = "basiskader.kader";

// ------------------------------------------------------------ version, check

test("version", () => {
  const response = send("version", { op: "version" });
  assert.equal(response.ok, true);
  assert.equal(response.result.api, 1);
  assert.deepEqual(kader.version(), response);
});

test("check basiskader", () => {
  const response = send("check basiskader", { op: "check", framework: basiskader, file_name: fileName });
  assert.equal(response.ok, true, JSON.stringify(response.error));
  assert.equal(response.result.framework.id, "basiskader");
  assert.ok(response.result.counts.criteria > 0);
  assert.deepEqual(kader.check(basiskader, { file_name: fileName }), response);
});

// ------------------------------------------------------------ every sample

const samples = readdirSync(join(root, "samples"))
  .filter((f) => f.endsWith(".json") || f.endsWith(".toml"))
  .filter((f) => !f.endsWith(".expect.toml"))
  .sort();
assert.ok(samples.length > 0, "no samples found in samples/");

for (const sample of samples) {
  const text = read(`samples/${sample}`);
  const toml = sample.endsWith(".toml");
  for (const stage of ["intake", "audit"]) {
    const name = `evaluate ${sample} ${stage}`;
    test(name, () => {
      const options = { file_name: fileName, evidence_format: toml ? "toml" : "json", stage };
      const response = send(name, { op: "evaluate", framework: basiskader, evidence: text, ...options });
      assert.equal(response.ok, true, JSON.stringify(response.error));
      assert.equal(response.result.stage, stage);
      shapeOfResult(response.result);
      // The convenience with the same text gives the same response.
      assert.deepEqual(kader.evaluate(basiskader, text, options), response);
      // Evidence as an object gives the same result as evidence as text.
      if (!toml) {
        const { evidence_format: _, ...rest } = options;
        const asObject = kader.evaluate(basiskader, JSON.parse(text), rest);
        assert.deepEqual(asObject, response);
      }
    });
  }
  test(`plan ${sample}`, () => {
    const name = `plan ${sample}`;
    const options = { file_name: fileName, evidence_format: toml ? "toml" : "json", by: "owner" };
    const response = send(name, { op: "plan", framework: basiskader, evidence: text, ...options });
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.ok(Array.isArray(response.result.owners));
    assert.deepEqual(kader.plan(basiskader, text, options), response);
  });
}

test("an audit's certificate and its hash, as in Rust", () => {
  // Recorded: the Rust test checks every field, the hash among them, is
  // the one kader::api::call gives natively.
  const text = read("samples/process/3-audit.json");
  const name = "evaluate process/3-audit.json audit";
  const response = send(name, { op: "evaluate", framework: basiskader, evidence: text, stage: "audit" });
  assert.equal(response.ok, true, JSON.stringify(response.error));
  shapeOfResult(response.result);
  const certificate = response.result.certificate;
  assert.equal(certificate.number, "VS-2026-0117");
  assert.match(certificate.hash, /^[0-9a-f]{64}$/);
});

test("the verdicts of two samples", () => {
  const verdict = (sample, stage) =>
    kader.evaluate(basiskader, read(`samples/${sample}`), { stage }).result.verdict;
  assert.equal(verdict("po-de-regenboog-certified.json", "audit"), "certified");
  assert.equal(verdict("vo-het-baken-score-below-threshold.json", "audit"), "not_certified");
  assert.equal(verdict("vo-de-linde-insufficient-evidence.json", "intake"), "insufficient_evidence");
});

test("English words on request", () => {
  const sample = read("samples/vo-het-baken-score-below-threshold.json");
  const response = send("evaluate in English", {
    op: "evaluate", framework: basiskader, evidence: sample, lang: "en", stage: "audit",
  });
  assert.equal(response.ok, true);
});

// ------------------------------------------------------------ a layer

test("layer voorbeeldstad", () => {
  const layer = read("frameworks/lokaal/voorbeeldstad.kader");
  const bases = { basiskader };
  const checked = send("check voorbeeldstad", {
    op: "check", framework: layer, file_name: "voorbeeldstad.kader", bases,
  });
  assert.equal(checked.ok, true, JSON.stringify(checked.error));
  assert.deepEqual(checked.result.framework.extends, [{ id: "basiskader", version: "2026.1" }]);
  const locations = readdirSync(join(root, "samples/voorbeeldstad")).filter((f) => f.endsWith(".json"));
  assert.ok(locations.length > 0);
  for (const sample of locations.sort()) {
    const text = read(`samples/voorbeeldstad/${sample}`);
    const options = { file_name: "voorbeeldstad.kader", bases, stage: "audit" };
    const response = send(`evaluate voorbeeldstad/${sample}`, {
      op: "evaluate", framework: layer, evidence: text, ...options,
    });
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.deepEqual(kader.evaluate(layer, JSON.parse(text), options), response);
  }
  const withoutBase = kader.check(layer, { file_name: "voorbeeldstad.kader" });
  assert.equal(withoutBase.ok, false);
  assert.equal(withoutBase.error.diagnostics[0].code, "E0271");
});

// ------------------------------------------------------------ diagnostics

/** 1-based line and column (in characters) and byte offset of a string index. */
function place(text, index) {
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  const column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return { line, column, byte: Buffer.byteLength(before, "utf8") };
}

test("a misspelled evidence path", () => {
  const wrong = "require monitor.last_run within 12 months";
  const index = basiskader.indexOf(wrong);
  assert.ok(index > 0, "the basiskader no longer has the line this test breaks");
  const broken = basiskader.replace(wrong, "require monitr.last_run within 12 months");
  const response = send("check misspelled path", { op: "check", framework: broken, file_name: fileName });
  assert.equal(response.ok, false);
  assert.equal(response.error.kind, "framework");
  const [diagnostic] = response.error.diagnostics;
  keysWithin(diagnostic, DIAGNOSTIC_KEYS, "a diagnostic");
  const start = place(broken, index + "require ".length);
  const end = place(broken, index + "require monitr.last_run".length);
  assert.equal(diagnostic.code, "E0201");
  assert.equal(diagnostic.severity, "error");
  assert.equal(diagnostic.file, fileName);
  assert.deepEqual(
    [diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column],
    [start.line, start.column, end.line, end.column],
  );
  assert.deepEqual(diagnostic.span, [start.byte, end.byte]);
  assert.match(diagnostic.help, /monitor\.last_run/);
  // A non-ASCII character before it: columns count characters, spans bytes.
  assert.notEqual(start.byte, index + "require ".length);
  assert.deepEqual(kader.check(broken, { file_name: fileName }), response);
  // evaluate stops at the framework as well.
  const sample = read("samples/po-de-regenboog-certified.json");
  const evaluated = kader.evaluate(broken, sample, { file_name: fileName });
  assert.equal(evaluated.ok, false);
  assert.deepEqual(evaluated.error.diagnostics, response.error.diagnostics);
});

test("a syntax error", () => {
  const broken = basiskader.replace("validity 36 months", "validity 36 moths");
  const response = send("check syntax error", { op: "check", framework: broken, file_name: fileName });
  assert.equal(response.ok, false);
  assert.equal(response.error.kind, "framework");
  assert.ok(response.error.diagnostics.length >= 1);
  const line = broken.slice(0, broken.indexOf("validity 36 moths")).split("\n").length;
  assert.equal(response.error.diagnostics[0].line, line);
});

test("evidence errors", () => {
  for (const sample of readdirSync(join(root, "samples/invalid")).sort()) {
    const text = read(`samples/invalid/${sample}`);
    const response = send(`evaluate invalid/${sample}`, {
      op: "evaluate", framework: basiskader, evidence: text,
      evidence_format: sample.endsWith(".toml") ? "toml" : "json",
    });
    // Warnings (a misspelled key) still evaluate; errors name a path.
    if (!response.ok) {
      assert.equal(response.error.kind, "evidence", `${sample}: ${JSON.stringify(response.error)}`);
      assert.ok(response.error.problems.length >= 1);
    } else {
      assert.ok(response.warnings.some((w) => w.kind === "evidence"), `${sample} has no warning`);
    }
  }
});

// Brackets at the ceiling (64: a define stands inside no brace) on
// WebAssembly's stack (1 MiB, and pest has no stack guard there): they
// check, evaluate and format; with every operator level between them, the
// tree is too deep (E0110) and says so instead of trapping.
test("brackets at the ceiling", () => {
  const depth = 64;
  const sum = "(".repeat(depth) + "a" + " + 1)".repeat(depth);
  const logic = "(".repeat(depth) + "a >= 1" + " and not a >= 100)".repeat(depth);
  const framework = 'framework f "F" version "1"\nevidence { a : int "A" }\n' +
    `define sum = ${sum}\ndefine logic = ${logic}\n` +
    'theme t "T" {\n  criterion C "C" { owner school require sum >= 70 and logic }\n}\n';
  const checked = send("check brackets at the ceiling", { op: "check", framework });
  assert.equal(checked.ok, true, JSON.stringify(checked.error));
  for (const [a, status] of [[6, "pass"], [5, "fail"]]) {
    const evidence = JSON.stringify({ location: { id: "x" }, as_of: "2026-11-30", evidence: { a } });
    const response = send(`evaluate brackets at the ceiling, a = ${a}`, { op: "evaluate", framework, evidence });
    assert.equal(response.ok, true, JSON.stringify(response.error));
    assert.equal(response.result.criteria[0].status, status);
  }
  const formatted = send("format brackets at the ceiling", { op: "format", framework });
  assert.equal(formatted.ok, true, JSON.stringify(formatted.error));

  let worst = "a >= 1";
  for (let i = 0; i < depth; i += 1) {
    worst = `a >= 1 or a >= 2 and not a + 1 * -(${worst}) >= 3`;
  }
  const refused = send("check every operator around 64 brackets", {
    op: "check", framework: `framework f "F" version "1"\nevidence { a : int "A" }\ndefine x = ${worst}\n`,
  });
  assert.equal(refused.ok, false);
  assert.deepEqual(refused.error.diagnostics.map((d) => d.code), ["E0110"]);
});

// ------------------------------------------------------------ format

test("format", () => {
  const response = send("format basiskader", { op: "format", framework: basiskader, file_name: fileName });
  assert.equal(response.ok, true, JSON.stringify(response.error));
  assert.deepEqual(kader.format(basiskader, { file_name: fileName }), response);
  const messy = 'framework demo "Demo" version "1"\nevidence {   plan.adopted : date "Datum plan" }\n' +
    'theme t "Thema" { criterion C1 "Plan" { owner school require plan.adopted within 12 months } }\n';
  const formatted = send("format messy", { op: "format", framework: messy });
  assert.equal(formatted.result.changed, true);
  const again = kader.format(formatted.result.source);
  assert.equal(again.result.changed, false);
  assert.equal(again.result.source, formatted.result.source);
});

test("schema", () => {
  const response = send("schema basiskader", { op: "schema", framework: basiskader });
  assert.equal(response.ok, true);
  assert.deepEqual(kader.schema(basiskader), response);
});

// ------------------------------------------------------------ compare

test("compare basiskader", () => {
  const threshold = "require monitor.response_rate >= 70%";
  assert.ok(basiskader.includes(threshold));
  const stricter = basiskader.replace(threshold, "require monitor.response_rate >= 80%");
  const options = { as_of: "2026-11-30", lang: "en" };
  const response = send("compare basiskader", { op: "compare", old: basiskader, new: stricter, ...options });
  assert.equal(response.ok, true, JSON.stringify(response.error));
  assert.equal(response.result.comparison.verdict.relation, "stricter");
  assert.equal(response.result.comparison.verdict.witnesses[0].before, "certified");
  assert.match(response.result.text, /Respons op de monitor/);
  assert.match(response.result.html, /<article/);
  assert.deepEqual(kader.compare(basiskader, stricter, options), response);
  const same = send("compare basiskader itself", { op: "compare", old: basiskader, new: basiskader, ...options });
  assert.equal(same.result.comparison.verdict.relation, "equivalent");
  assert.equal(kader.compare(basiskader, stricter, {}).error.field, "as_of");
});

// ------------------------------------------------------------ requests

test("requests that are wrong", () => {
  const notJson = kader.call("this is not JSON");
  records.push({ name: "not JSON", request: "this is not JSON", response: notJson });
  assert.equal(JSON.parse(notJson).ok, false);
  const typo = kader.evaluate(basiskader, {}, { stag: "audit" });
  assert.equal(typo.error.kind, "request");
  assert.equal(typo.error.help, "did you mean `stage`?");
  const twice = kader.evaluate(basiskader, {}, { evidence: {} });
  assert.equal(twice.error.field, "evidence");
  const notObject = kader.evaluate(basiskader, {}, "audit");
  assert.equal(notObject.error.field, "options");
  const bigint = kader.evaluate(basiskader, { n: 1n });
  assert.equal(bigint.error.field, "evidence");
  assert.equal(kader.evaluate(basiskader).error.field, "evidence");
});

writeFileSync(outFile, records.map((r) => JSON.stringify(r)).join("\n") + "\n");
for (const failure of failures) console.error(`FAILED ${failure}`);
console.error(`samples.mjs: ${checks} passed, ${failures.length} failed; ${records.length} requests recorded`);
process.exit(failures.length === 0 ? 0 : 1);
