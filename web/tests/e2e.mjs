// The playground end to end, in headless Chromium (playwright-core, the
// system's /usr/bin/chromium or $CHROMIUM): load the page, see the
// sample's verdict, break the framework and see the diagnostic at its
// line, fix it, raise a threshold and see the framework become stricter
// than the shipped one with an example school, change the evidence and
// see the verdict change, switch stage and language, and open the share
// URL in a fresh browser context to see the same state. Saves
// web/tests/screenshot.png.
//
//   web/build.sh && (cd web && npm ci) && node web/tests/e2e.mjs

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { serve } from "../serve.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const web = join(here, "..");
const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
const WAIT = { timeout: 20_000 };

if (!existsSync(join(web, "pkg/kader_wasm_bg.wasm"))) {
  console.error("e2e: web/pkg is missing; run web/build.sh first");
  process.exit(1);
}
if (!existsSync(chromiumPath)) {
  console.error(`e2e: no Chromium at ${chromiumPath}; install it with: apt-get install chromium`);
  process.exit(1);
}
let chromium;
try {
  ({ chromium } = await import("playwright-core"));
} catch {
  console.error("e2e: playwright-core is missing; install it with: (cd web && npm ci)");
  process.exit(1);
}

// Never hang: the whole test has two minutes.
const deadline = setTimeout(() => {
  console.error("e2e: timed out after 120 s");
  process.exit(1);
}, 120_000);

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

const server = await serve(0, web);
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
const pageErrors = [];

async function open(context, address) {
  const page = await context.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(address);
  await page.waitForSelector("body[data-ready='true']", WAIT);
  return page;
}

const verdictIs = (page, verdict) =>
  page.waitForSelector(`#verdict[data-verdict='${verdict}']`, WAIT);

/** Waits until the framework's relation to the shipped one is `relation`. */
const relationIs = (page, relation) =>
  page.waitForSelector(`#comparison[data-relation='${relation}']`, WAIT);

/** Selects `find` (the `nth` occurrence) in a textarea and types `replace` over it. */
async function typeOver(page, textarea, find, replace, nth = 0) {
  const found = await page.$eval(
    textarea,
    (el, [find, nth]) => {
      let at = -1;
      for (let i = 0; i <= nth; i += 1) at = el.value.indexOf(find, at + 1);
      if (at < 0) return false;
      el.focus();
      el.setSelectionRange(at, at + find.length);
      return true;
    },
    [find, nth],
  );
  assert.ok(found, `\`${find}\` is not in ${textarea}`);
  await page.keyboard.type(replace);
}

/** axe-core's WCAG 2.1 A and AA rules on the page as it stands: no serious or critical violation. */
async function accessible(page) {
  await page.addScriptTag({ path: createRequire(import.meta.url).resolve("axe-core/axe.min.js") });
  const result = await page.evaluate(() =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
  );
  const serious = result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  assert.deepEqual(serious, [], "axe-core finds violations");
}

const lineOf = (text, find) => text.slice(0, text.indexOf(find)).split("\n").length;

try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await open(context, url);

  await step("the sample's verdict", async () => {
    await verdictIs(page, "not_certified");
    assert.match(await page.textContent("#verdict"), /Niet gecertificeerd/);
    assert.equal(await page.getAttribute("#themes tr[data-theme='omgeving']", "class"), "fail");
    const gap = await page.textContent("#failing li[data-criterion='O1']");
    assert.match(gap, /surroundings\.walkthrough/);
    assert.match(gap, /2025-06-02/);
    assert.match(await page.textContent("#diagnostics"), /Geen meldingen/);
    // The shipped framework as it is: every school judged as before.
    await relationIs(page, "equivalent");
    assert.match(await page.textContent("#comparison .relation"), /gelijkwaardig/);
    assert.equal(await page.$("#comparison .witness"), null);
  });

  await step("accessible as it opens", () => accessible(page));

  const framework = await page.inputValue("#framework-text");
  const broken = "require monitor.last_run within 12 months";
  const line = lineOf(framework, broken);

  await step("a diagnostic at its line", async () => {
    await typeOver(page, "#framework-text", "require monitor.last_run", "require monitr.last_run");
    await verdictIs(page, "");
    assert.match(await page.textContent("#verdict"), /het kader bevat fouten/);
    // A framework that does not check is compared with nothing.
    await page.waitForSelector("#comparison[data-relation=''][hidden]", { ...WAIT, state: "attached" });
    const item = await page.waitForSelector(`#diagnostics li.error[data-line='${line}']`, WAIT);
    const text = await item.textContent();
    assert.match(text, new RegExp(`^${line}:\\d+`));
    assert.match(text, /E0201/);
    assert.match(text, /monitor\.last_run/);
    await page.waitForSelector(`#framework-editor .gutter .error[data-line='${line}']`, WAIT);
    assert.equal(await page.textContent("#framework-editor mark.error"), "monitr.last_run");
    // Going to it puts the underline beside its line number.
    await item.click();
    const mark = await page.$("#framework-editor mark.error");
    const number = await page.$(`#framework-editor .gutter .error[data-line='${line}']`);
    const [markBox, numberBox] = [await mark.boundingBox(), await number.boundingBox()];
    assert.ok(markBox && numberBox, "the marked line is on screen");
    assert.ok(Math.abs(markBox.y - numberBox.y) < 4, `underline at y=${markBox.y}, line number at y=${numberBox.y}`);
    const selected = await page.$eval("#framework-text", (el) => el.value.slice(el.selectionStart, el.selectionEnd));
    assert.equal(selected, "monitr.last_run");
  });

  await step("fixed, the verdict is back", async () => {
    await typeOver(page, "#framework-text", "monitr.last_run", "monitor.last_run");
    await verdictIs(page, "not_certified");
    assert.match(await page.textContent("#diagnostics"), /Geen meldingen/);
    assert.equal(await page.$("#framework-editor mark"), null);
    assert.equal(await page.inputValue("#framework-text"), framework);
  });

  await step("a higher threshold is stricter than the shipped framework", async () => {
    const threshold = "require monitor.response_rate >= 70%";
    assert.equal(framework.split(threshold).length, 2, "S4's threshold is in the basiskader once");
    await typeOver(page, "#framework-text", threshold, "require monitor.response_rate >= 80%");
    await relationIs(page, "stricter");
    assert.match(await page.textContent("#comparison .relation"), /Oordeel: strenger/);
    // The example school by the values that matter, by their labels.
    const witness = await page.textContent("#comparison .witness");
    assert.match(witness, /^Voorbeeld: een school met /);
    assert.match(witness, /‘Respons op de monitor’: 70%/);
    assert.match(witness, /meegeleverd: gecertificeerd; zoals bewerkt: niet gecertificeerd\.$/);
    await page.waitForSelector("#comparison li[data-criterion='S4'][data-relation='stricter']", WAIT);
    assert.match(await page.textContent("#comparison li[data-criterion='S4']"), /S4 Representatieve respons: strenger/);
    await page.waitForSelector("#comparison li[data-theme='sociaal'][data-relation='stricter']", WAIT);
    assert.equal(await page.$$eval("#comparison li[data-criterion]", (items) => items.length), 1);
    await accessible(page);
    // Undone, every school is judged as before again.
    await typeOver(page, "#framework-text", "require monitor.response_rate >= 80%", threshold);
    await relationIs(page, "equivalent");
    assert.match(await page.textContent("#comparison .relation"), /gelijkwaardig/);
    assert.equal(await page.$("#comparison li"), null);
    assert.equal(await page.inputValue("#framework-text"), framework);
  });

  await step("new evidence, a new verdict", async () => {
    await typeOver(page, "#evidence-text", '"2025-06-02"', '"2026-06-02"');
    await verdictIs(page, "certified");
    assert.equal(await page.getAttribute("#themes tr[data-theme='omgeving']", "class"), "pass");
    assert.equal(await page.inputValue("#sample"), "");
  });

  await step("an evidence warning at its key", async () => {
    await typeOver(page, "#evidence-text", '"walkthrough"', '"walktrough"');
    const warning = await page.waitForSelector("#diagnostics li.warning[data-where='evidence']", WAIT);
    assert.equal(await page.textContent("#evidence-editor mark.warning"), '"walktrough"');
    // Without its walkthrough the location is undecided at the intake.
    await verdictIs(page, "insufficient_evidence");
    await warning.click();
    await page.screenshot({ path: join(here, "screenshot.png"), fullPage: true });
    await typeOver(page, "#evidence-text", '"walktrough"', '"walkthrough"');
    await verdictIs(page, "certified");
  });

  await step("stage and language", async () => {
    await page.click("label:has(input[name='stage'][value='audit'])");
    await page.waitForFunction(() => document.querySelector("#verdict").textContent.includes("audit"), null, WAIT);
    await verdictIs(page, "certified");
    await page.click("label:has(input[name='lang'][value='en'])");
    await page.waitForFunction(() => document.querySelector("#verdict strong").textContent === "Certified", null, WAIT);
    assert.equal(await page.textContent("#diagnostics-heading"), "Diagnostics");
    assert.equal(await page.getAttribute("html", "lang"), "en");
    await page.waitForFunction(
      () => document.querySelector("#comparison .relation").textContent.startsWith("Verdict: equivalent"), null, WAIT);
    await accessible(page);
  });

  await step("the share URL restores the state", async () => {
    await page.click("#share");
    await page.waitForFunction(() => document.querySelector("#share-status").textContent !== "", null, WAIT);
    const shared = page.url();
    assert.match(shared, /#z=[A-Za-z0-9_-]+$/);
    const evidence = await page.inputValue("#evidence-text");
    const other = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const restored = await open(other, shared);
    await verdictIs(restored, "certified");
    assert.equal(await restored.inputValue("#framework-text"), framework);
    assert.equal(await restored.inputValue("#evidence-text"), evidence);
    assert.ok(await restored.isChecked("input[name='stage'][value='audit']"));
    assert.ok(await restored.isChecked("input[name='lang'][value='en']"));
    assert.equal(await restored.textContent("#verdict"), await page.textContent("#verdict"));
    assert.equal(await restored.innerHTML("#result-body"), await page.innerHTML("#result-body"));
    await other.close();
  });

  await step("format", async () => {
    await page.selectOption("#sample", "po-de-regenboog-certified.json");
    await verdictIs(page, "certified");
    await typeOver(page, "#framework-text", "validity 36 months", "validity   36 months");
    await page.waitForFunction(
      () => document.querySelector("#framework-text").value.includes("validity   36"), null, WAIT);
    await page.click("#format");
    assert.equal(await page.inputValue("#framework-text"), framework);
  });

  assert.deepEqual(pageErrors, [], "the page logged errors");
  console.log(`e2e: ${passed} passed, 0 failed`);
} catch (error) {
  console.error(error);
  console.log(`e2e: ${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  await browser.close();
  server.close();
}
