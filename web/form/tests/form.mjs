// The form `kader form` writes, in headless Chromium (playwright-core, the
// system's /usr/bin/chromium or $CHROMIUM; axe-core): for each form and
// each sample, fill the form from the sample's values by their labels
// (percentages and dates typed in the forms a school types them) and save;
// open the sample file and save again; type an impossible date and see the
// message at the field; the keyboard alone; reload and find the draft; clear it; axe-core
// without serious or critical violations. The saved files go to OUT, where
// tests/it/form.rs checks them with `kader eval` and `kader test`.
//
//   node web/form/tests/form.mjs PLAN.json
//
// PLAN.json: {"out": DIR, "screenshot": PNG, "forms": [{"name", "html",
// "samples": [PATH, ...]}]}; the first form gets the single-page steps.

import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WAIT = { timeout: 20_000 };
const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));

if (!existsSync(chromiumPath)) {
  console.error(`form: no Chromium at ${chromiumPath}; install it with: apt-get install chromium`);
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.error("form: playwright-core is missing; install it with: (cd web && npm ci)");
  process.exit(1);
}
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

// Never hang: the whole test has ten minutes.
const deadline = setTimeout(() => {
  console.error("form: timed out after 600 s");
  process.exit(1);
}, 600_000);

let passed = 0;
const step = async (name, body) => {
  try {
    await body();
    passed += 1;
    console.log(`ok   ${name}`);
  } catch (error) {
    console.log(`FAIL ${name}`);
    throw error;
  }
};

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const pageErrors = [];

async function open(context, html) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(pathToFileURL(html).href);
  await page.waitForSelector("body[data-ready='true']", WAIT);
  return page;
}

const fill = (template, args) => template.replace(/\{([a-z_]+)\}/g, (w, n) => (n in args ? String(args[n]) : w));

/** The form's model, as the page has it. */
const modelOf = (page) => page.evaluate(() => JSON.parse(document.getElementById("kader-model").textContent));

/** The sample as the engine in the page loads it: the canonical document. */
const canonical = (page, text, toml) =>
  page.evaluate(
    ([text, toml]) => {
      const s = JSON.parse(document.getElementById("kader-sources").textContent);
      // eslint-disable-next-line no-undef
      const response = JSON.parse(wasm_bindgen.call(JSON.stringify({
        op: "load", framework: s.framework, file_name: s.file_name,
        bases: Object.keys(s.bases).length ? s.bases : undefined,
        evidence: text, evidence_format: toml ? "toml" : "json",
      })));
      if (!response.ok) throw new Error(JSON.stringify(response.error));
      return response.result.evidence;
    },
    [text, toml],
  );

const lookup = (doc, key) => key.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), doc);

/** "71%" typed as "71%", "71" or "0,71", one after the other. */
let turn = 0;
function typedPercent(text) {
  const number = text.replace("%", "");
  turn += 1;
  if (turn % 3 === 0) return text;
  if (turn % 3 === 1) return number;
  const [whole, fraction = ""] = number.split(".");
  const digits = whole.padStart(3, "0");
  return `${String(Number(digits.slice(0, -2)))},${digits.slice(-2)}${fraction}`;
}

/** A date typed as YYYY-MM-DD or as D-M-YYYY, one after the other. */
function typedDate(text) {
  turn += 1;
  if (turn % 2 === 0) return text;
  const [y, m, d] = text.split("-");
  return `${Number(d)}-${Number(m)}-${y}`;
}

function typed(kind, value) {
  if (kind === "percent") return typedPercent(String(value));
  if (kind === "date") return typedDate(String(value));
  if (kind === "number") return String(value).replace(".", ",");
  return String(value);
}

/** Fills one field by its label; false when it is hidden (it does not apply). */
async function fillField(page, model, field, value) {
  const W = model.words;
  const input = field.input;
  const quick = { timeout: 3_000 };
  try {
    if (input.kind === "choices" || input.kind === "list") {
      const group = page.getByRole("group", { name: field.label, exact: true });
      if (!(await group.isVisible())) return false;
      if (input.kind === "choices") {
        if (!value.length) {
          // None: one chosen and unchosen again.
          const first = group.getByLabel(input.members[0].label, { exact: true });
          await first.check(quick);
          await first.uncheck(quick);
        }
        for (const v of value) {
          const member = input.members.find((m) => m.value === v);
          await group.getByLabel(member.label, { exact: true }).check(quick);
        }
      } else {
        const add = group.getByRole("button", { name: input.item.kind === "date" ? W.add_date : W.add, exact: true });
        if (!value.length) {
          // None: one added and removed again.
          await add.click(quick);
          await group.getByRole("button", { name: fill(W.remove, { label: field.label, number: 1 }), exact: true }).click(quick);
        }
        for (const [i, item] of value.entries()) {
          await add.click(quick);
          await page.getByLabel(fill(W.item, { label: field.label, number: i + 1 }), { exact: true }).fill(typed(input.item.kind, item), quick);
        }
      }
      return true;
    }
    const control = page.getByLabel(field.label, { exact: true });
    if (!(await control.isVisible())) return false;
    if (input.kind === "bool") await control.selectOption({ label: value ? W.yes : W.no }, quick);
    else if (input.kind === "enum") await control.selectOption(value, quick);
    else {
      // An empty text is one typed and emptied again.
      if (value === "") await control.fill("-", quick);
      await control.fill(typed(input.kind, value), quick);
    }
    return true;
  } catch (error) {
    // Hidden between the look and the fill: the school type just made it not apply.
    if (!(await page.locator(`[data-key="${field.key}"]`).isVisible())) return false;
    throw error;
  }
}

async function save(page, path) {
  const [download] = await Promise.all([page.waitForEvent("download", WAIT), page.click("#save")]);
  await download.saveAs(path);
  return JSON.parse(readFileSync(path, "utf8"));
}

/** axe-core's WCAG 2.1 A and AA rules: no serious or critical violation. */
async function accessible(page) {
  await page.addScriptTag({ path: axePath });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  assert.deepEqual(serious, [], "axe-core finds violations");
}

try {
  for (const [index, form] of plan.forms.entries()) {
    const filled = join(plan.out, form.name, "filled");
    const opened = join(plan.out, form.name, "opened");
    mkdirSync(filled, { recursive: true });
    mkdirSync(opened, { recursive: true });

    for (const sample of form.samples) {
      const name = basename(sample).replace(/\.(json|toml)$/, "");
      const toml = sample.endsWith(".toml");

      await step(`${form.name}: ${name} filled in by label and saved`, async () => {
        const context = await browser.newContext();
        const page = await open(context, form.html);
        const model = await modelOf(page);
        const doc = await canonical(page, readFileSync(sample, "utf8"), toml);
        let count = 0;
        for (const field of [model.location, ...model.sections].flatMap((s) => s.fields)) {
          const value = lookup(doc, field.key);
          if (value === undefined || value === null) {
            // The as-of date starts as today: empty it when the sample has none.
            if (field.key === "as_of") await page.getByLabel(field.label, { exact: true }).fill("");
            continue;
          }
          if (await fillField(page, model, field, value)) count += 1;
        }
        assert.ok(count > 10, `only ${count} fields filled`);
        const saved = await save(page, join(filled, `${name}.json`));
        assert.equal(saved.location.id, doc.location.id);
        await context.close();
      });

      await step(`${form.name}: ${name} opened and saved`, async () => {
        const context = await browser.newContext();
        const page = await open(context, form.html);
        const model = await modelOf(page);
        await page.setInputFiles("#open-file", sample);
        await page.waitForFunction(
          (text) => document.getElementById("status").textContent === text,
          fill(model.words.opened, { file: basename(sample) }),
          WAIT,
        );
        // Shown as people write them: dates as DD-MM-YYYY, and in Dutch
        // shares and numbers with a decimal comma.
        for (const field of [model.location, ...model.sections].flatMap((s) => s.fields)) {
          const kind = field.input.kind;
          if (!["date", "percent", "number"].includes(kind)) continue;
          const shown = await page.getByLabel(field.label, { exact: true }).inputValue();
          if (shown === "") continue;
          if (kind === "date") assert.match(shown, /^\d{2}-\d{2}-\d{4}$/, field.key);
          else if (model.language === "nl") assert.ok(!shown.includes("."), `${field.key}: ${shown}`);
        }
        await save(page, join(opened, `${name}.json`));
        await context.close();
      });
    }

    if (index !== 0) continue;
    const context = await browser.newContext({ viewport: { width: 1300, height: 1000 } });
    const page = await open(context, form.html);
    const model = await modelOf(page);
    const W = model.words;
    const fieldOf = (key) => [model.location, ...model.sections].flatMap((s) => s.fields).find((f) => f.key === key);

    await step(`${form.name}: accessible as it opens`, () => accessible(page));

    await step(`${form.name}: filled in with the keyboard alone`, async () => {
      // From the top of the page, Tab reaches the buttons and then the
      // location's id, each with a visible focus ring.
      await page.evaluate(() => document.activeElement?.blur());
      await page.mouse.click(2, 2);
      const idLabel = fieldOf("location.id").label;
      const reached = [];
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press("Tab");
        const focused = await page.evaluate(() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {
            id: el.id,
            label: el.labels?.[0]?.textContent ?? "",
            ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
          };
        });
        reached.push(focused);
        assert.ok(focused.ring, `no visible focus on ${JSON.stringify(focused)}`);
        if (focused.label.startsWith(idLabel)) break;
      }
      const ids = reached.map((f) => f.id);
      for (const button of ["save", "open", "clear"]) assert.ok(ids.includes(button), `Tab skips #${button}: ${ids}`);
      assert.ok(reached.at(-1).label.startsWith(idLabel), `Tab does not reach the location id: ${ids}`);
      await page.keyboard.type("brin-toetsen-01");
      // A choice changes with the arrow keys, and the verdict follows.
      const school = page.getByLabel(fieldOf("evidence.school.type").label, { exact: true });
      await school.focus();
      const before = await school.inputValue();
      await page.keyboard.press("ArrowDown");
      await page.waitForFunction((b) => document.activeElement.value !== b, before, WAIT);
      // A list grows from its button with Enter, and the new item has the focus.
      const list = model.sections.flatMap((s) => s.fields).find((f) => f.input.kind === "list");
      const add = page.locator(`[data-key="${list.key}"] button.add`);
      await add.focus();
      await page.keyboard.press("Enter");
      assert.ok(
        await page.evaluate((key) => {
          const el = document.activeElement;
          return el.tagName === "INPUT" && el.closest(`[data-key="${key}"]`) !== null;
        }, list.key),
        "the new item of a list does not get the focus",
      );
      page.once("dialog", (dialog) => dialog.accept());
      await page.click("#clear");
    });

    await step(`${form.name}: an impossible date is named at its field`, async () => {
      const field = fieldOf("evidence.rie.date");
      const input = page.getByLabel(field.label, { exact: true });
      await input.fill("31-02-2026");
      await input.press("Tab");
      const error = page.locator(`[data-key="evidence.rie.date"] .error`);
      await error.waitFor({ state: "visible", ...WAIT });
      const text = await error.textContent();
      assert.ok(text.includes(W.bad_date), text);
      assert.match(text, /2026-02-31.*not a date in the calendar/);
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      const id = await error.getAttribute("id");
      assert.ok((await input.getAttribute("aria-describedby")).split(" ").includes(id));
      // The rest is still judged.
      assert.notEqual(await page.getAttribute("#verdict", "data-verdict"), "");
      await accessible(page);
      await input.fill("2026-02-27");
      await input.press("Tab");
      await error.waitFor({ state: "hidden", ...WAIT });
      assert.equal(await input.getAttribute("aria-invalid"), null);
    });

    await step(`${form.name}: a field that does not apply is hidden`, async () => {
      const school = fieldOf("evidence.school.type");
      await page.getByLabel(school.label, { exact: true }).selectOption("vo");
      await page.locator(`[data-key="evidence.playground.inspected"]`).waitFor({ state: "hidden", ...WAIT });
      await page.getByLabel(school.label, { exact: true }).selectOption("po");
      await page.locator(`[data-key="evidence.playground.inspected"]`).waitFor({ state: "visible", ...WAIT });
    });

    await step(`${form.name}: the draft survives a reload and is cleared on request`, async () => {
      const id = fieldOf("location.id");
      await page.getByLabel(id.label, { exact: true }).fill("brin-concept-01");
      const published = fieldOf("evidence.rules.published");
      await page.getByLabel(published.label, { exact: true }).selectOption({ label: W.yes });
      await page.waitForTimeout(400);
      await page.reload();
      await page.waitForSelector("body[data-ready='true']", WAIT);
      assert.equal(await page.getByLabel(id.label, { exact: true }).inputValue(), "brin-concept-01");
      assert.equal(await page.getByLabel(published.label, { exact: true }).inputValue(), "true");
      assert.equal(await page.getByLabel(fieldOf("evidence.rie.date").label, { exact: true }).inputValue(), "2026-02-27");
      assert.equal(await page.textContent("#status"), W.draft_restored);
      page.once("dialog", (dialog) => dialog.accept());
      await page.click("#clear");
      assert.equal(await page.getByLabel(id.label, { exact: true }).inputValue(), "");
      await page.reload();
      await page.waitForSelector("body[data-ready='true']", WAIT);
      assert.equal(await page.getByLabel(id.label, { exact: true }).inputValue(), "");
      assert.equal(await page.textContent("#status"), "");
    });

    await step(`${form.name}: saving asks for the location id first`, async () => {
      const id = page.getByLabel(fieldOf("location.id").label, { exact: true });
      await page.click("#save");
      const error = page.locator(`[data-key="location.id"] .error`);
      await error.waitFor({ state: "visible", ...WAIT });
      assert.equal(await error.textContent(), W.required);
      assert.ok(await id.evaluate((el) => el === document.activeElement));
    });

    if (plan.screenshot) {
      await step(`${form.name}: screenshot`, async () => {
        await page.setInputFiles("#open-file", plan.screenshot_sample);
        await page.waitForFunction(() => document.getElementById("status").textContent !== "", null, WAIT);
        await page.waitForTimeout(400);
        await accessible(page);
        await page.screenshot({ path: plan.screenshot });
      });
    }
    await context.close();
  }
  assert.deepEqual(pageErrors, [], "the page reported errors");
  console.log(`form: ${passed} steps passed`);
} finally {
  clearTimeout(deadline);
  await browser.close();
}
