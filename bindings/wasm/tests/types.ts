// Type-checked, never run (tests/it/wasm.rs runs `tsc -p bindings/wasm/tests`):
// the package's declarations describe what a TypeScript user writes.
import {
  call,
  check,
  compare,
  evaluate,
  format,
  plan,
  schema,
  version,
  type CriterionResult,
  type Relation,
  type Diagnostic,
  type EvaluateResponse,
  type EvidenceDocument,
  type Request,
  type Response,
  type EvaluateResult,
  type Verdict,
} from "../pkg-node/kader_wasm.js";

const framework: string = "framework demo \"Demo\" version \"1\"";
const evidence: EvidenceDocument = {
  location: { id: "brin-12AB-01", name: "Voorbeeldcollege" },
  as_of: "2026-11-30",
  evidence: { monitor: { response_rate: "71%" } },
};

// The interface itself: text in, text out.
const request: Request = { op: "evaluate", framework, evidence, stage: "audit" };
const raw: string = call(JSON.stringify(request));
const parsed = JSON.parse(raw) as Response<"evaluate", EvaluateResult>;
if (parsed.ok) {
  const verdict: Verdict = parsed.result.verdict;
  void verdict;
}

// Conveniences: a response is a success or a failure, told apart by `ok`.
const evaluated: EvaluateResponse = evaluate(framework, evidence, { stage: "audit", lang: "en" });
if (evaluated.ok) {
  const failing: CriterionResult[] = evaluated.result.criteria.filter((c) => c.status === "fail");
  for (const criterion of failing) {
    for (const gap of criterion.gaps) {
      const line: string = `${gap.evidence.join(", ")}: ${gap.expected} / ${gap.actual} (${gap.kind})`;
      void line;
    }
  }
  for (const theme of evaluated.result.themes) {
    const score: number | null = theme.score;
    void score;
  }
  const certificateUntil: string | null = evaluated.result.certificate?.valid_until ?? null;
  void certificateUntil;
} else if (evaluated.error.kind === "framework") {
  const where: string[] = evaluated.error.diagnostics.map(
    (d: Diagnostic) => `${d.line}:${d.column}-${d.end_line}:${d.end_column} [${d.span[0]}, ${d.span[1]}) ${d.code}`,
  );
  void where;
} else if (evaluated.error.kind === "evidence") {
  const paths: string[] = evaluated.error.problems.map((p) => p.path);
  void paths;
}

const fromToml = evaluate(framework, "as_of = \"2026-11-30\"", { evidence_format: "toml" });
const checked = check(framework, { file_name: "demo.kader" });
if (checked.ok) {
  const themes: number = checked.result.counts.themes;
  void themes;
}
const planned = plan(framework, evidence, { by: "owner" });
if (planned.ok) {
  const owners = planned.result.owners ?? [];
  void owners.map((o) => o.items.length);
}
const formatted = format(framework);
if (formatted.ok) {
  const source: string = formatted.result.source;
  void source;
}
const described = schema(framework);
const about = version();
if (about.ok) {
  const api: number = about.result.api;
  void api;
}
const compared = compare(framework, framework, { as_of: "2026-11-30", lang: "en" });
if (compared.ok) {
  const relation: Relation = compared.result.comparison.verdict.relation;
  const changed: string[] = compared.result.comparison.criteria
    .filter((c) => c.relation !== "equivalent")
    .map((c) => `${c.id}: ${c.witnesses.length}`);
  const text: string = compared.result.text;
  void [relation, changed, text];
}
void [fromToml, described];

// Mistakes the declarations catch.
// @ts-expect-error `stage` is intake or audit
evaluate(framework, evidence, { stage: "final" });
// @ts-expect-error evidence is required for evaluate
evaluate(framework);
// @ts-expect-error compare needs `as_of`
compare(framework, framework, { lang: "en" });
// @ts-expect-error `result` exists only on a success
void evaluated.result;
