// Evaluate a school location with the npm package, in a project that ran
// `npm install kader-wasm` (or the tarball, see bindings/wasm/README.md);
// run from a folder with frameworks/ and samples/, such as kader's own.
import { readFileSync } from "node:fs";
import { evaluate } from "kader-wasm";

const framework = readFileSync("frameworks/basiskader.kader", "utf8");
const evidence = JSON.parse(
  readFileSync("samples/vo-het-baken-score-below-threshold.json", "utf8"),
);

const response = evaluate(framework, evidence, { stage: "intake", lang: "en" });
if (!response.ok) throw new Error(response.error.message);
const result = response.result;
console.log(`${result.location.name}: ${result.verdict}`);
for (const c of result.criteria.filter((c) => c.status === "fail")) {
  console.log(`  ${c.id} ${c.title}: ${c.gaps.map((g) => g.message).join(" ")}`);
}
