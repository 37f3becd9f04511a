// kader's JSON interface in TypeScript (docs/json-api.md). wasm-bindgen
// copies this file into the package's declarations. Within one `api`
// version fields are only added: treat an unknown `error.kind` or warning
// `kind` like "internal", and ignore fields you do not know.

/** An operation of the interface. */
export type Op = "check" | "evaluate" | "plan" | "format" | "schema" | "compare" | "load" | "version";

/** Intake (lenient: missing evidence is to be supplied) or audit (strict). */
export type Stage = "intake" | "audit";

/** The language of the words kader writes itself. */
export type Lang = "nl" | "en";

/** A date, `YYYY-MM-DD`. */
export type DateText = string;

// ------------------------------------------------------------ requests

/** The evidence document of one location (docs/evidence.md). */
export interface EvidenceDocument {
  location: { id: string; name?: string; [field: string]: unknown };
  as_of: DateText;
  evidence: { [group: string]: unknown };
  [field: string]: unknown;
}

/** One decision in the certifying body's register of exceptions. */
export interface ExceptionEntry {
  location: string;
  criterion: string;
  reason: string;
  granted_by: string;
  decided_on: DateText;
  valid_until: DateText;
}

/** The certifying body's register: an object, or its JSON or TOML text. */
export type ExceptionsInput = { exceptions: ExceptionEntry[] } | string;

/** Evidence as an object, or the text of a JSON or TOML document. */
export type EvidenceInput = EvidenceDocument | string;

/** What `check` and `schema` read besides the framework. */
export interface FrameworkOptions {
  /** The name diagnostics use for the framework; default `framework.kader`. */
  file_name?: string | null;
  /** The frameworks a layer extends: framework id to source text. */
  bases?: { [id: string]: string } | null;
}

/** What `check` reads besides the framework. */
export interface CheckOptions extends FrameworkOptions {
  /** Judge the analysis lints (W0269–W0274) on this date; without it, the checker's warnings only. */
  as_of?: DateText | null;
}

/** What `format` reads besides the framework. */
export interface FormatOptions {
  file_name?: string | null;
}

/** What `evaluate` reads besides the framework and the evidence. */
export interface EvaluateOptions extends FrameworkOptions {
  /** `json` (default) or `toml`, when the evidence is text. */
  evidence_format?: "json" | "toml" | null;
  /** The certifying body's register of exceptions (never the evidence's). */
  exceptions?: ExceptionsInput | null;
  /** `intake` (default) or `audit`. */
  stage?: Stage | null;
  /** Default: the framework's language. */
  lang?: Lang | null;
  /** Judge the evidence on this date instead of the document's `as_of`. */
  as_of?: DateText | null;
}

/** What `plan` reads: `evaluate`'s options and `by`. */
export interface PlanOptions extends EvaluateOptions {
  /** `owner`: the actions grouped per partner (`owners` instead of `items`). */
  by?: "owner" | null;
}

/** What `compare` reads besides the two versions. */
export interface CompareOptions {
  /** The date every school is judged on (required: the interface looks at no clock). */
  as_of: DateText;
  /** The frameworks a layer extends: framework id to source text. */
  bases?: { [id: string]: string } | null;
  /** The language of `text` and `html`; default the new version's. */
  lang?: Lang | null;
}

/** A request for `call`, as JSON text (`JSON.stringify(request)`). */
export interface Request extends PlanOptions {
  op: Op;
  framework?: string | null;
  evidence?: EvidenceInput | null;
  /** `compare`: the version as it is. */
  old?: string | null;
  /** `compare`: the version as proposed, or a layer on `old`. */
  new?: string | null;
}

// ------------------------------------------------------------ responses

/** A problem in a framework, as `kader check --format json` writes it. */
export interface Diagnostic {
  /** Stable code, such as `E0201` (docs/diagnostics.md). */
  code: string;
  severity: "error" | "warning";
  file: string;
  /** 1-based line of the start. */
  line: number;
  /** 1-based column of the start, in characters. */
  column: number;
  /** 1-based line of the end. */
  end_line: number;
  /** 1-based column of the end, in characters (exclusive). */
  end_column: number;
  /** Byte offsets `[start, end)` in the framework's UTF-8 text. */
  span: [number, number];
  message: string;
  /** How to fix it. */
  help: string | null;
  /** For a layer: the problems in its base. */
  notes?: string[];
}

/** A problem with the evidence: its path in the evidence document. */
export interface EvidenceProblem {
  /** `evidence.monitor.response_rate`, `as_of`, or empty for the whole document. */
  path: string;
  message: string;
  help?: string;
  /** For evidence text that does not parse: 1-based line and column. */
  line?: number;
  column?: number;
}

/** A warning of the checker, of the evidence loader or about the request. */
export type Warning =
  | ({ kind: "framework" } & Diagnostic)
  | ({ kind: "evidence" } & EvidenceProblem)
  | { kind: "request"; field: string; message: string };

/** Why a request failed: `kind` says whose move it is. */
export type ApiError =
  | {
      kind: "request";
      message: string;
      field?: string;
      help?: string;
      line?: number;
      column?: number;
    }
  | { kind: "framework"; message: string; diagnostics: Diagnostic[] }
  | { kind: "evidence"; message: string; problems: EvidenceProblem[] }
  | { kind: "internal"; message: string };

/** A successful response. */
export interface Success<O extends Op, R> {
  ok: true;
  op: O;
  result: R;
  warnings: Warning[];
}

/** A failed response. */
export interface Failure<O extends Op> {
  ok: false;
  /** `null` when the request did not name a valid operation. */
  op: O | null;
  error: ApiError;
  warnings: Warning[];
}

/** What `call` answers with (parsed), or a convenience returns. */
export type Response<O extends Op, R> = Success<O, R> | Failure<O>;

// ------------------------------------------------------------ results

/** `version`'s result. */
export interface VersionResult {
  version: string;
  api: number;
  ops: Op[];
}

/** `check`'s result. */
export interface CheckResult {
  framework: {
    id: string;
    title: string;
    version: string;
    language: Lang;
    /** The frameworks a layer builds on, nearest first. */
    extends: { id: string; version: string }[];
  };
  counts: {
    themes: number;
    criteria: number;
    evidence: number;
    errors: number;
    warnings: number;
  };
  /** The checker's warnings. */
  diagnostics: Diagnostic[];
}

/** `format`'s result. */
export interface FormatResult {
  /** Whether the text was not in canonical layout yet. */
  changed: boolean;
  source: string;
}

/** `schema`'s result: a JSON Schema (draft 2020-12). */
export interface SchemaResult {
  $schema: string;
  $id: string;
  title: string;
  [keyword: string]: unknown;
}

/** How the new version relates to the old, over every possible school (docs/analysis.md). */
export type Relation = "equivalent" | "stricter" | "looser" | "incomparable" | "undecided";

/** Why a relation is undecided. */
export type Because =
  | { reason: "condition"; criterion: string; condition: string }
  | { reason: "type_changed"; path: string }
  | { reason: "unrepresentable"; path: string }
  | { reason: "too_many"; limit: number }
  | { reason: "unconfirmed" };

/** A result a witness shows: a verdict, a status, or a graded criterion's status and level. */
export type Standing = Verdict | Status | { status: Status; level: number };

/** An evidence document the two versions judge differently. */
export interface Witness {
  evidence: EvidenceDocument;
  /** Under the old version. */
  before: Standing;
  /** Under the new version. */
  after: Standing;
}

/** The relation of the verdict, a theme or a criterion, and what shows it. */
export interface Finding {
  relation: Relation;
  /** Present when `relation` is `undecided`. */
  because?: Because[];
  witnesses: Witness[];
}

/** A theme's or criterion's finding. */
export interface ItemFinding extends Finding {
  id: string;
}

/** `compare`'s result. */
export interface CompareResult {
  /** The document of `kader diff --exhaustive --format json`. */
  comparison: {
    verdict: Finding;
    themes: ItemFinding[];
    criteria: ItemFinding[];
  };
  /** The comparison for people, as `kader diff --exhaustive` writes it (no colours). */
  text: string;
  /** The same, as `--format html` writes it: a whole HTML document. */
  html: string;
}

export type Verdict = "certified" | "not_certified" | "insufficient_evidence";
export type Status = "pass" | "fail" | "unknown" | "not_applicable" | "waived";
export type ThemeStatus = "pass" | "fail" | "unknown";
export type Maturity = "starting" | "developing" | "in_order" | "strong";
/** A partner's id: the six the language knows, or one the framework declares in `owners`. */
export type Owner = "school" | "gemeente" | "politie" | "halt" | "ggd" | "joint" | (string & {});

/** A partner criteria name as owner, with the contact person the evidence gives. */
export interface Partner {
  id: Owner;
  /** The name people read. */
  name: string;
  contact?: string;
  /** For work done together: the id of the partner who leads. */
  lead?: Owner;
}
export type GapKind = "failed" | "missing" | "applicability" | "unverified";

export interface FrameworkRef {
  id: string;
  title: string;
  version: string;
}

export interface Location {
  id: string;
  name?: string;
  /** The school board (bevoegd gezag). */
  board?: string;
  district?: string;
  /** The kind of school: po, so, vo, mbo, ... */
  type?: string;
  /** The meeting the report is discussed in. */
  meeting?: Meeting;
}

/** The meeting in which a location's report is discussed. */
export interface Meeting {
  /** YYYY-MM-DD, or null when not given. */
  date: string | null;
  attendees: string[];
  agreements: string[];
}

/** One explained shortfall of a criterion. */
export interface Gap {
  /** The evidence paths involved. */
  evidence: string[];
  /** What is required, in the framework's notation (`>= 70%`). */
  expected: string;
  /** What was found, or `"missing"`. */
  actual: string;
  message: string;
  kind: GapKind;
}

export interface ThemeResult {
  id: string;
  title: string;
  status: ThemeStatus;
  /** Shares from 0 to 1; `null` when no applicable criterion carries weight. */
  score: number | null;
  /** The score if every unknown criterion passed. */
  score_max: number | null;
  threshold: number | null;
  /** Applicable mandatory criteria that fail. */
  failed_mandatory: string[];
  /** Layered frameworks: the rules of the frameworks below, bottom first. */
  floors?: FloorResult[];
  maturity: Maturity;
}

/** A base theme under the rule of a framework below a layer. */
export interface FloorResult {
  framework: string;
  status: ThemeStatus;
  score: number | null;
  score_max: number | null;
  threshold: number | null;
  failed_mandatory: string[];
}

/** What the verdict stands for, part by part. */
export interface Parts {
  legal: Verdict;
  base: Verdict;
  /** `null` for a framework without layers. */
  local: Verdict | null;
}

export interface CriterionResult {
  id: string;
  theme: string;
  title: string;
  status: Status;
  mandatory: boolean;
  weight: number;
  /** Graded criteria: the level reached (absent when unknown). */
  level?: number;
  max_level?: number;
  owner: Owner;
  legal: string | null;
  /** Layered frameworks: the framework that introduced the criterion. */
  layer?: string;
  tightened_by?: string[];
  waiver?: { reason: string; granted_by: string; decided_on: DateText; valid_until: DateText };
  gaps: Gap[];
  /** The evidence it reads that the evidence file gives a source or a verification for. */
  provenance?: SourcedEvidence[];
}

/** Someone checked a value against its source. */
export interface Verification {
  by: string;
  on: DateText;
  how: string;
}

/** A piece of evidence with where it came from and who verified it. */
export interface SourcedEvidence {
  path: string;
  source?: string;
  verified: Verification | null;
}

export interface Certificate {
  location: Location;
  framework: FrameworkRef;
  audit_date: DateText;
  valid_until: DateText | null;
  /** The exceptions the certificate relies on. */
  relies_on: ExceptionEntry[];
  /** From the audit's evidence file (`certificate`). */
  number: string | null;
  issued_by: string | null;
  auditor: string | null;
  decided_on: DateText | null;
  conditions: string[];
  /** The audit date plus the framework's `midterm`. */
  midterm_check: DateText | null;
  /** The three-part verdict the certificate rests on. */
  parts: Parts;
  /** SHA-256 (hex) of the framework's canonical text. */
  framework_hash: string;
  /** SHA-256 (hex) of the evidence as loaded, in canonical JSON. */
  evidence_hash: string;
  /** The content hash over framework, evidence and result (docs/certificate.md). */
  hash: string;
}

/** Intake: a piece of evidence still to be supplied. */
export interface ToSupply {
  path: string;
  label: string | null;
  criteria: string[];
  /** Whether some value of it can still change the verdict or a theme's status. */
  decisive: boolean;
}

/** `evaluate`'s result: the result document of docs/language.md. */
export interface EvaluateResult {
  framework: FrameworkRef;
  location: Location;
  as_of: DateText;
  stage: Stage;
  verdict: Verdict;
  parts: Parts;
  valid_until: DateText | null;
  certificate: Certificate | null;
  themes: ThemeResult[];
  criteria: CriterionResult[];
  /** The framework's partners, in its order. */
  partners: Partner[];
  to_supply: ToSupply[];
  /** The smallest set of criteria to fix for certification. */
  what_it_takes: string[];
}

export type Priority = "legal_mandatory" | "mandatory" | "threshold" | "other";

/** One action of the improvement plan. */
export interface PlanItem {
  criterion: string;
  title: string;
  theme: string;
  owner: Owner;
  status: Status;
  mandatory: boolean;
  legal: string | null;
  action: string | null;
  evidence: string[];
  needed: string[];
  priority: Priority;
  gain: number | null;
  needed_for_certificate: boolean;
  level?: number;
  max_level?: number;
  /** The partner's contact person, where the evidence names them. */
  contact?: string;
  /** For work done together: the name of the partner who leads. */
  lead?: string;
}

/** `plan`'s result: `items`, or `owners` with `by: "owner"`. */
export interface PlanResult {
  location: Location;
  as_of: DateText;
  verdict: Verdict;
  what_it_takes: string[];
  items?: PlanItem[];
  owners?: { owner: Owner; items: PlanItem[] }[];
  [field: string]: unknown;
}

export type VersionResponse = Response<"version", VersionResult>;
export type CheckResponse = Response<"check", CheckResult>;
export type EvaluateResponse = Response<"evaluate", EvaluateResult>;
export type PlanResponse = Response<"plan", PlanResult>;
export type FormatResponse = Response<"format", FormatResult>;
export type SchemaResponse = Response<"schema", SchemaResult>;
export type CompareResponse = Response<"compare", CompareResult>;

/** `load`'s result: the evidence as loaded, in the canonical layout (`call` only). */
export interface LoadResult {
  evidence: EvidenceDocument;
}
export type LoadResponse = Response<"load", LoadResult>;

// ------------------------------------------------------------ conveniences

/** kader's version, the interface's version and its operations. */
export function version(): VersionResponse;
/** Checks and compiles a framework: its warnings, or its errors as diagnostics. */
export function check(framework: string, options?: CheckOptions | null): CheckResponse;
/** Evaluates one location's evidence: the result document. */
export function evaluate(
  framework: string,
  evidence: EvidenceInput,
  options?: EvaluateOptions | null,
): EvaluateResponse;
/** The improvement plan of one location. */
export function plan(
  framework: string,
  evidence: EvidenceInput,
  options?: PlanOptions | null,
): PlanResponse;
/** The canonical layout of a framework. */
export function format(framework: string, options?: FormatOptions | null): FormatResponse;
/** The JSON Schema of the evidence document a framework expects. */
export function schema(framework: string, options?: FrameworkOptions | null): SchemaResponse;
/** How `proposed` (the request's `new`) relates to `old` over every possible school: the exact analysis. */
export function compare(old: string, proposed: string, options: CompareOptions): CompareResponse;
