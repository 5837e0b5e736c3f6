// The admin page for operators (issue 14) in headless Chromium against the emulator: the
// overview's charts (drawn by the page) filter the table when clicked; screenshots in light,
// dark and on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  DESKTOP,
  PHONE,
  assertQuiet,
  connectAndLoad,
  emulatorEnis,
  launch,
  missing,
  shot,
  startEmulator,
  startStaticServer,
  withPage,
} from "./helpers.mjs";

const skip = missing();
let emu, site, browser;

before(async () => {
  if (skip) return;
  emu = await startEmulator({ enis: 200, seed: 3, cors: true });
  site = await startStaticServer();
  browser = await launch();
});

after(async () => {
  await browser?.close().catch(() => {});
  await site?.close();
  await emu?.close();
});

const T = skip ? { skip } : { timeout: 90_000 };
const visibleRows = "#eni-table tbody tr:not([hidden])";
const bar = (chart, value) => `#charts button[data-chart='${chart}'][data-value='${value}']`;

const countBy = (enis, key) => {
  const m = new Map();
  for (const e of enis) m.set(e[key], (m.get(e[key]) ?? 0) + 1);
  return m;
};

test("the overview counts the loaded ENIs; a bar click shows only those rows, again shows all", T, async () => {
  const enis = emulatorEnis(emu);
  const byStatus = countBy(enis, "Status");
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { loaded } = await connectAndLoad(page, { endpoint: emu.url });
    assert.ok(await page.isVisible("#charts svg.bar"), "the charts are drawn");
    // Every status bar says its count.
    for (const [status, n] of byStatus) {
      const b = page.locator(bar("status", status));
      assert.equal((await b.locator(".bar-count").textContent()).trim(), String(n), status);
      assert.match(await b.getAttribute("aria-label"), new RegExp(`^${status}: ${n}\\.`));
    }
    const types = countBy(enis, "Type");
    for (const [type, n] of types)
      assert.equal((await page.textContent(`${bar("type", type)} .bar-count`)).trim(), String(n));
    // A click on "Available": only Available rows, the count says so, the bar is pressed.
    await page.click(bar("status", "Available"));
    const available = byStatus.get("Available");
    await page.waitForFunction(
      (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
      available,
    );
    const statuses = await page.locator(`${visibleRows} td.col-status .badge`).allTextContents();
    assert.ok(statuses.every((s) => s.trim() === "Available"));
    assert.equal((await page.textContent("#count")).trim(), `${loaded} loaded · ${available} shown`);
    assert.equal(await page.getAttribute(bar("status", "Available"), "aria-pressed"), "true");
    assert.match(await page.textContent("#facet-bar"), /Showing only: Status: Available/);
    await shot(page, "chart-filter-light-1280");
    // The same bar again shows everything.
    await page.click(bar("status", "Available"));
    await page.waitForFunction(
      (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
      loaded,
    );
    assert.ok(await page.isHidden("#facet-bar"));
    // A vSwitch bar, then "Show all".
    const vsw = [...countBy(enis, "VSwitchId")].sort((a, b) => b[1] - a[1])[0];
    await page.click(bar("vswitch", vsw[0]));
    await page.waitForFunction(
      (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
      vsw[1],
    );
    const vswitches = await page.locator(`${visibleRows} td.col-vswitch`).allTextContents();
    assert.ok(vswitches.every((v) => v.trim() === vsw[0]));
    await page.click("#clear-facet");
    await page.waitForFunction(
      (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
      loaded,
    );
    assertQuiet(events);
  });
});

test("the age histogram covers every Available ENI and a column filters by age", T, async () => {
  const enis = emulatorEnis(emu);
  const available = enis.filter((e) => e.Status === "Available");
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    const counts = (await page.locator("#charts .chart-age .bar-count").allTextContents()).map(Number);
    assert.equal(counts.length, 6);
    assert.equal(
      counts.reduce((a, b) => a + b, 0),
      available.filter((e) => e.CreationTime).length,
    );
    const i = counts.findIndex((n) => n > 0);
    await page.click(bar("age", String(i)));
    await page.waitForFunction(
      (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
      counts[i],
    );
    const statuses = await page.locator(`${visibleRows} td.col-status .badge`).allTextContents();
    assert.ok(statuses.every((s) => s.trim() === "Available"));
    // Keyboard: the bars are buttons; Enter toggles.
    await page.focus(bar("age", String(i)));
    await page.keyboard.press("Enter");
    await page.waitForSelector("#facet-bar", { state: "hidden" });
    assertQuiet(events);
  });
});

for (const [label, options] of [
  ["dark-1280", { colorScheme: "dark", viewport: DESKTOP }],
  ["light-phone", { colorScheme: "light", viewport: PHONE, isMobile: true }],
  ["dark-phone", { colorScheme: "dark", viewport: PHONE, isMobile: true }],
]) {
  test(`screenshots of the overview: ${label}`, T, async () => {
    await withPage(browser, site.url, options, async ({ page, events }) => {
      await connectAndLoad(page, { endpoint: emu.url });
      await page.click(bar("status", "Available"));
      await page.locator("#overview-panel").scrollIntoViewIfNeeded();
      await shot(page, `chart-filter-${label}`);
      // Readable: the bars' fills differ from the card behind them in this scheme.
      const contrast = await page.evaluate(() => {
        const fill = getComputedStyle(document.querySelector("#charts .bar-fill")).fill;
        const card = getComputedStyle(document.querySelector("#overview-panel")).backgroundColor;
        const text = getComputedStyle(document.querySelector("#charts .bar-count")).color;
        return { fill, card, text };
      });
      assert.notEqual(contrast.fill, contrast.card);
      assert.notEqual(contrast.text, contrast.card);
      assertQuiet(events);
    });
  });
}
