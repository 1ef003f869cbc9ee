// Checks exported HTML files and prints one JSON report on stdout:
//   node tests/html/check.mjs FILE.html...
// For each file:
//  (a) Debian's Chromium (HOSHIN_CHROMIUM, else /usr/bin/chromium; driven by playwright-core,
//      which never downloads a browser) loads it over file://, with every request other than
//      the file itself recorded and refused, and every console error and page error
//      recorded; then axe-core runs with the WCAG 2.0 / 2.1 A and AA rules;
//  (b) html-validate checks the markup with its recommended rules.
// Exit status: 0 when the report was written (the caller judges it), 2 on a usage or
// setup error (message on stderr).
import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { HtmlValidate } from "html-validate";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const axeVersion = require("axe-core/package.json").version;
const validatorVersion = require("html-validate/package.json").version;

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check.mjs FILE.html...");
  process.exit(2);
}
const executablePath = process.env.HOSHIN_CHROMIUM || "/usr/bin/chromium";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

// The recommended rules, none switched off.
const validator = new HtmlValidate({ extends: ["html-validate:recommended"] });

let browser;
try {
  browser = await chromium.launch({ executablePath, headless: true });
} catch (e) {
  console.error(
    `check.mjs: could not start Chromium at ${executablePath} (apt-get install chromium, or set HOSHIN_CHROMIUM): ${e.message}`,
  );
  process.exit(2);
}

const report = { chromium: browser.version(), axe: axeVersion, htmlValidate: validatorVersion, files: [] };
for (const file of files) {
  const path = realpathSync(file);
  const url = pathToFileURL(path).href;
  const entry = { file, requests: [], console: [], axe: null, validator: null };

  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    entry.requests.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("request", (r) => {
    const u = r.url();
    if (u !== url && !entry.requests.includes(u)) entry.requests.push(u);
  });
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") entry.console.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => entry.console.push(`pageerror: ${e.message}`));
  await page.goto(url, { waitUntil: "load" });
  // axe is evaluated through the DevTools protocol, which the page's own
  // Content-Security-Policy (no scripts at all) does not block.
  await page.evaluate(axeSource);
  const axe = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }),
    WCAG_TAGS,
  );
  const brief = (r) => ({
    id: r.id,
    impact: r.impact,
    help: r.help,
    nodes: r.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), summary: n.failureSummary ?? "", html: n.html.slice(0, 200) })),
    count: r.nodes.length,
  });
  entry.axe = {
    violations: axe.violations.map(brief),
    incomplete: axe.incomplete.map((r) => ({ id: r.id, count: r.nodes.length })),
    passes: axe.passes.length,
  };
  entry.title = await page.title();
  entry.lang = await page.evaluate(() => document.documentElement.lang);
  await context.close();

  const v = await validator.validateFile(path);
  const messages = v.results.flatMap((r) => r.messages);
  const msg = (m) => ({ rule: m.ruleId, line: m.line, column: m.column, message: m.message, selector: m.selector ?? "" });
  entry.validator = {
    valid: v.valid,
    errors: messages.filter((m) => m.severity === 2).map(msg),
    warnings: messages.filter((m) => m.severity === 1).map(msg),
  };
  report.files.push(entry);
}
await browser.close();
process.stdout.write(JSON.stringify(report, null, 2) + "\n");
