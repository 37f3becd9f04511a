// The HTML documents kader writes, in headless Chromium (playwright-core,
// the system's /usr/bin/chromium or $CHROMIUM), each checked as its readers
// meet it:
//
// - on screen: axe-core (WCAG 2.1 A and AA rules) finds no serious or
//   critical violation;
// - printed: the document asks for A4 in its `@page` rule; laid out for
//   print at the width that leaves, no element reaches past the page's
//   right margin; the PDF has A4 pages and none of them is blank
//   (`pdftotext` from Debian's poppler-utils reads each page's text).
//
//   node web/tests/reports.mjs DIR [--pictures OUT]
//
// DIR holds the documents (`*.html`). With `--pictures`, the first printed
// page of each is saved as OUT/NAME.png (`pdftoppm`), as in docs/img.
// Prints one line a document and exits 1 when any check fails.

import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const dir = args[0];
const picturesAt = args.indexOf("--pictures");
const pictures = picturesAt >= 0 ? args[picturesAt + 1] : undefined;
if (!dir || (picturesAt >= 0 && !pictures)) {
  console.error("usage: node web/tests/reports.mjs DIR [--pictures OUT]");
  process.exit(2);
}

const chromiumPath = process.env.CHROMIUM ?? "/usr/bin/chromium";
if (!existsSync(chromiumPath)) {
  console.error(`reports: no Chromium at ${chromiumPath}; install it with: apt-get install chromium`);
  process.exit(1);
}
let chromium;
let axeSource;
try {
  ({ chromium } = await import("playwright-core"));
  axeSource = require.resolve("axe-core/axe.min.js");
} catch {
  console.error("reports: playwright-core or axe-core is missing; install them with: (cd web && npm ci)");
  process.exit(1);
}

// Never hang: each document gets a minute at most.
const files = readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
assert.ok(files.length > 0, `no .html documents in ${dir}`);
const deadline = setTimeout(() => {
  console.error("reports: timed out");
  process.exit(1);
}, 60_000 * files.length);

const MM = 96 / 25.4; // CSS pixels in a millimetre
const A4 = { short: 210, long: 297 }; // millimetres

/** The page box the document's own `@page` rule asks for, in millimetres. */
function pageBox(rule) {
  assert.ok(rule, "the document has no @page rule: it does not ask for A4");
  const size = rule.size.trim().toLowerCase().split(/\s+/);
  assert.ok(size.includes("a4"), `@page asks for \`${rule.size}\`, not A4`);
  const landscape = size.includes("landscape");
  const margin = (side) => {
    const m = /^([\d.]+)mm$/.exec(rule[side]);
    assert.ok(m, `@page margin-${side} is \`${rule[side]}\`, not millimetres`);
    return Number(m[1]);
  };
  const width = landscape ? A4.long : A4.short;
  return { landscape, width, inner: width - margin("left") - margin("right") };
}

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
if (pictures) mkdirSync(pictures, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "kader-reports-"));
const failures = [];

try {
  for (const file of files) {
    const name = file.replace(/\.html$/, "");
    const problems = [];
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(resolve(dir, file)).href);

    // On screen: axe-core.
    await page.addScriptTag({ path: axeSource });
    const axe = await page.evaluate(() =>
      // eslint-disable-next-line no-undef
      axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }),
    );
    for (const v of axe.violations) {
      if (v.impact === "serious" || v.impact === "critical") {
        const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ");
        problems.push(`axe ${v.impact}: ${v.id} (${v.help}) at ${where}`);
      }
    }

    // Printed: laid out at the width the page leaves.
    await page.emulateMedia({ media: "print" });
    const rule = await page.evaluate(() => {
      for (const sheet of document.styleSheets) {
        for (const r of sheet.cssRules) {
          if (r instanceof CSSPageRule) {
            const s = r.style;
            return {
              size: s.getPropertyValue("size"),
              left: s.getPropertyValue("margin-left"),
              right: s.getPropertyValue("margin-right"),
            };
          }
        }
      }
      return null;
    });
    let box;
    try {
      box = pageBox(rule);
    } catch (e) {
      problems.push(e.message);
    }
    if (box) {
      const width = Math.floor(box.inner * MM);
      await page.setViewportSize({ width, height: 1100 });
      const wide = await page.evaluate((width) => {
        const out = [];
        for (const el of document.body.querySelectorAll("*")) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > width + 1) {
            const text = (el.textContent ?? "").trim().slice(0, 40);
            out.push(`<${el.tagName.toLowerCase()}> ends at ${Math.round(r.right)}px: "${text}"`);
          }
        }
        return out;
      }, width);
      for (const w of wide.slice(0, 5)) {
        problems.push(`printed, wider than the A4 page (${width}px inside the margins): ${w}`);
      }

      const pdf = join(scratch, `${name}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
      const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
      const [w, h] = size ? [Number(size[1]), Number(size[2])] : [0, 0];
      const pts = (mm) => (mm * 72) / 25.4;
      const [wantW, wantH] = box.landscape ? [pts(A4.long), pts(A4.short)] : [pts(A4.short), pts(A4.long)];
      if (Math.abs(w - wantW) > 2 || Math.abs(h - wantH) > 2) {
        problems.push(`printed pages are ${w} x ${h} pt, not A4${box.landscape ? " landscape" : ""}`);
      }
      const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
      const texts = text.split("\f").slice(0, pages);
      texts.forEach((t, i) => {
        if (t.trim() === "") problems.push(`printed page ${i + 1} of ${pages} is blank`);
      });
      if (pictures) {
        execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, join(pictures, name)]);
      }
      console.log(`${problems.length ? "FAIL" : "ok  "} ${name}: ${pages} A4 page${pages === 1 ? "" : "s"}, ${axe.violations.length} axe finding(s) in all`);
    } else {
      console.log(`FAIL ${name}`);
    }
    for (const p of problems) console.log(`       ${p}`);
    if (problems.length) failures.push(name);
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(scratch, { recursive: true, force: true });
  clearTimeout(deadline);
}

if (failures.length) {
  console.log(`${files.length - failures.length} passed, ${failures.length} failed`);
  process.exit(1);
}
console.log(`${files.length} passed, 0 failed`);
