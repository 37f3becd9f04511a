// The npm package as a project installs it: copied into a project that
// ran `npm install kader-wasm-VERSION.tgz`, and run there.
//
//   node npm.mjs ROOT OUT_FILE
//
// Loads the package three ways (ES import, require, the web build
// initialised by hand), evaluates every sample of ROOT/samples at intake
// and audit with each, and writes one JSON line a sample and stage to
// OUT_FILE ({"sample", "stage", "result"}) for tests/it/wasm.rs to compare
// with `kader eval --format json`. The three ways must agree (exit 1).

import assert from "node:assert/strict";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

import * as imported from "kader-wasm";
import init, * as web from "kader-wasm/web";

const [root, outFile] = process.argv.slice(2);
const required = createRequire(import.meta.url)("kader-wasm");
const wasm = readFileSync(createRequire(import.meta.url).resolve("kader-wasm/kader_wasm_bg.wasm"));
await init({ module_or_path: wasm });

const framework = readFileSync(join(root, "frameworks/basiskader.kader"), "utf8");
const samples = readdirSync(join(root, "samples"))
  .filter((name) => /\.(json|toml)$/.test(name) && !name.endsWith(".expect.toml"))
  .sort();
assert.ok(samples.length >= 10, "the samples are there");

const lines = [];
for (const sample of samples) {
  const text = readFileSync(join(root, "samples", sample), "utf8");
  const evidence_format = sample.endsWith(".toml") ? "toml" : "json";
  for (const stage of ["intake", "audit"]) {
    const options = { stage, evidence_format, file_name: "basiskader.kader" };
    const [first, ...others] = [imported, required, web].map((kader) =>
      kader.evaluate(framework, text, options),
    );
    assert.equal(first.ok, true, `${sample} ${stage}: ${JSON.stringify(first.error)}`);
    for (const other of others) assert.deepEqual(other, first, `${sample} ${stage}`);
    lines.push(JSON.stringify({ sample, stage, result: first.result }));
  }
}
assert.equal(imported.version().result.version, JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve("kader-wasm/package.json"), "utf8"),
).version);
writeFileSync(outFile, `${lines.join("\n")}\n`);
console.log(`${lines.length} evaluations, three ways each`);
