// Loads the web sample's dashboard in headless Debian Chromium and checks it as a person would:
// the modules are listed and running; a refresh that fails marks the rows stale until one works
// again; "Disable" without a key is refused (403, nothing changes); with the operator key,
// disabling "storage" turns it Disabled and blocks its dependents; the screenshot of that page is
// saved. Usage: node dashboard.mjs <base-url> <artifacts-dir>
import { chromium } from "playwright-core";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const [baseUrl, artifacts] = process.argv.slice(2);
if (!baseUrl || !artifacts) {
  console.error("usage: node dashboard.mjs <base-url> <artifacts-dir>");
  process.exit(2);
}

const operatorKey = process.env.LODESTAR_E2E_API_KEY ?? "demo-operator-key";
const timeout = 30_000;
mkdirSync(artifacts, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "lodestar-chromium-"));

// A persistent context on a fresh profile folder: Playwright's way of passing --user-data-dir.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  viewport: { width: 1280, height: 640 },
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const state = (page, id) => page.locator(`tr[data-module="${id}"] [data-field="state"]`);

async function expectText(locator, expected, what) {
  const deadline = Date.now() + timeout;
  let last = "";
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout })) ?? "";
    if (last.trim() === expected) return;
    await locator.page().waitForTimeout(100);
  }
  throw new Error(`${what}: expected "${expected}", saw "${last.trim()}" after ${timeout} ms`);
}

let failed = false;
const page = context.pages()[0] ?? await context.newPage();
page.on("pageerror", error => { console.error("page error:", error.message); failed = true; });
try {
  await page.goto(baseUrl, { waitUntil: "domcontentloaded", timeout });
  for (const id of ["storage", "pricing", "usage-tracker", "alerts"]) {
    await expectText(state(page, id), "Running", `state of ${id} on load`);
  }
  await expectText(page.locator("#aggregate"), "Healthy", "application health on load");
  console.log("ok - the dashboard lists the four modules, all Running, application Healthy");

  // A refresh that fails keeps the last rows but says they are stale and since when; the next
  // refresh that works takes the notice away. Both ways a refresh fails: an error status, no answer.
  for (const [how, fail] of [
    ["answers 503", route => route.fulfill({ status: 503, contentType: "application/problem+json", body: JSON.stringify({ code: "e2e.unavailable", detail: "refused by the e2e check" }) })],
    ["does not answer", route => route.abort("connectionrefused")],
  ]) {
    await page.route("**/modules", fail);
    await page.locator("#stale").waitFor({ state: "visible", timeout });
    const notice = await page.locator("#stale").textContent();
    if (!/could not be refreshed/i.test(notice) || !/last refreshed at \S/i.test(notice)) {
      throw new Error(`when /modules ${how}, the page should say the data could not be refreshed and when it last was, it says: ${notice}`);
    }
    if (await page.locator("table.stale").count() !== 1 || await page.locator("#aggregate.stale").count() !== 1) {
      throw new Error(`when /modules ${how}, the table and the application health should be marked stale`);
    }
    await expectText(state(page, "storage"), "Running", `state of storage kept while /modules ${how}`);
    await page.unroute("**/modules");
    await page.locator("#stale").waitFor({ state: "hidden", timeout });
    if (await page.locator(".stale").count() !== 0) {
      throw new Error(`after /modules ${how} and then answered again, nothing should be marked stale`);
    }
  }
  console.log("ok - a failed refresh keeps the rows, marks them stale and says when they were last refreshed; the next refresh clears it");

  // No key: a viewer. The button is there, the runtime's authorizer refuses, nothing changes.
  await page.click('tr[data-module="storage"] button[data-action="disable"]', { timeout });
  await page.locator("#message.error").waitFor({ timeout });
  const refusal = await page.locator("#message").textContent();
  if (!refusal.includes("403") || !refusal.includes("module.forbidden")) {
    throw new Error(`a disable without a key should be refused with 403 module.forbidden, the page says: ${refusal}`);
  }
  await expectText(state(page, "storage"), "Running", "state of storage after a refused disable");
  console.log("ok - disable without a key is refused (403 module.forbidden) and storage keeps running");

  // The operator's key: disable storage; it turns Disabled and its dependents Blocked.
  await page.fill("#api-key", operatorKey);
  await page.click('tr[data-module="storage"] button[data-action="disable"]', { timeout });
  await expectText(state(page, "storage"), "Disabled", "state of storage after disable");
  await expectText(state(page, "usage-tracker"), "Blocked", "state of usage-tracker after storage was disabled");
  await expectText(page.locator('tr[data-module="usage-tracker"] [data-field="missing"]'), "storage", "missing dependencies of usage-tracker");
  await expectText(page.locator("#aggregate"), "Unhealthy", "application health after storage was disabled");
  await page.locator('tr[data-module="storage"] button[data-action="enable"]').waitFor({ timeout });
  console.log("ok - with the operator key, disabling storage turns it Disabled, usage-tracker Blocked, health Unhealthy");

  const screenshot = join(artifacts, "dashboard.png");
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(`ok - screenshot saved to ${screenshot}`);
} catch (error) {
  failed = true;
  console.error("not ok -", error.message);
  await page.screenshot({ path: join(artifacts, "dashboard-failure.png"), fullPage: true }).catch(shot => console.error("no failure screenshot:", shot.message));
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}

process.exit(failed ? 1 : 0);
