// Evaluate a school location in Node with kader's WebAssembly package.
// Run from the repository root after building bindings/wasm/pkg-node (see
// bindings/wasm/README.md): node bindings/wasm/examples/evaluate.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const kader = createRequire(import.meta.url)("../pkg-node/kader_wasm.js");
const framework = readFileSync("frameworks/basiskader.kader", "utf8");
const evidence = JSON.parse(
  readFileSync("samples/vo-het-baken-score-below-threshold.json", "utf8"),
);

const response = kader.evaluate(framework, evidence, { stage: "intake", lang: "en" });
if (!response.ok) throw new Error(JSON.stringify(response.error));
const result = response.result;
console.log(`${result.location.name}: ${result.verdict}`);
for (const c of result.criteria.filter((c) => c.status === "fail")) {
  console.log(`  ${c.id} ${c.title}: ${c.gaps.map((g) => g.message).join(" ")}`);
}
