// The admin page for operators (issue 14) in headless Chromium against the emulator: the
// overview's charts (drawn by the page) filter the table when clicked, the cleanup candidates
// by the package's orphan rule, the region switcher; screenshots in light, dark and on a phone.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DESKTOP,
  PHONE,
  assertNothingSecret,
  assertQuiet,
  connectAndLoad,
  emulatorEnis,
  missing,
  pageSuite,
  shot,
  startEmulator,
  waitLoaded,
  withPage,
} from "./helpers.mjs";

const skip = missing();
let emu, site, browser;
pageSuite(skip, { enis: 200, seed: 3, cors: true }, (s) => ({ emu, site, browser } = s));

const T = skip ? { skip } : { timeout: 90_000 };
const visibleRows = "#eni-table tbody tr:not([hidden])";
const bar = (chart, value) => `#charts button[data-chart='${chart}'][data-value='${value}']`;

/** Connects, loads everything, and waits until the charts count every loaded ENI. */
async function loadAndChart(page, endpoint) {
  const result = await connectAndLoad(page, { endpoint });
  if (await page.evaluate(() => document.querySelector("#overview-panel").open))
    await page.waitForSelector(`#charts[data-total='${result.loaded}']`, { state: "attached" });
  return result;
}

const countBy = (enis, key) => {
  const m = new Map();
  for (const e of enis) m.set(e[key], (m.get(e[key]) ?? 0) + 1);
  return m;
};

test("the overview counts the loaded ENIs; a bar click shows only those rows, again shows all", T, async () => {
  const enis = emulatorEnis(emu);
  const byStatus = countBy(enis, "Status");
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { loaded } = await loadAndChart(page, emu.url);
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
    await loadAndChart(page, emu.url);
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
      const { loaded } = await loadAndChart(page, emu.url);
      const open = await page.evaluate(() => document.querySelector("#overview-panel").open);
      assert.equal(open, !options.isMobile, "folded on a phone, open on a desktop");
      if (!open) await page.click("#overview-panel > summary");
      await page.waitForSelector(`#charts[data-total='${loaded}']`, { state: "attached" });
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
      // The cleanup candidates in this scheme too.
      await page.click("#clear-facet");
      await page.click("#cleanup-panel > summary");
      await page.click("#cleanup-show");
      await page.waitForSelector("#facet-bar[data-chart='cleanup']");
      await page.locator("#cleanup-panel").scrollIntoViewIfNeeded();
      await shot(page, `cleanup-candidates-${label}`);
      assertQuiet(events);
    });
  });
}

test(
  "the region switcher lists another region with the same keys, says an unknown one, and comes back",
  T,
  async () => {
    const shanghai = emulatorEnis(emu, "cn-shanghai");
    assert.ok(shanghai.length > 0, "the emulator has ENIs in cn-shanghai");
    await withPage(browser, site.url, {}, async ({ page, context, events }) => {
      const first = await connectAndLoad(page, { endpoint: emu.url });
      assert.equal(first.loaded, emulatorEnis(emu).length);
      assert.equal(await page.inputValue("#region-switch"), "cn-hangzhou");
      const offered = await page.locator("#region-switch option").evaluateAll((os) => os.map((o) => o.value));
      assert.ok(offered.includes("cn-shanghai") && offered.length > 20, `regions offered: ${offered.length}`);
      emu.clearLog();
      await page.selectOption("#region-switch", "cn-shanghai");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("region") === "cn-shanghai");
      const { state, loaded } = await waitLoaded(page);
      assert.equal(state, "done");
      assert.equal(loaded, shanghai.length);
      const ids = await page.locator("#eni-table tbody tr").evaluateAll((rs) => rs.map((r) => r.dataset.id).sort());
      assert.deepEqual(ids, shanghai.map((e) => e.NetworkInterfaceId).sort());
      const sent = emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces");
      assert.ok(sent.length > 0 && sent.every((r) => r.params.RegionId === "cn-shanghai"));
      assert.equal((await page.textContent("#session-region")).trim(), "cn-shanghai");
      // The charts follow the region.
      const inUse = shanghai.filter((e) => e.Status === "InUse").length;
      await page.waitForSelector(`#charts[data-total='${shanghai.length}']`, { state: "attached" });
      if (inUse) assert.equal((await page.textContent(`${bar("status", "InUse")} .bar-count`)).trim(), String(inUse));
      await shot(page, "region-switch-light-1280");
      // A region the endpoint does not serve: said plainly, the page stays usable.
      await page.selectOption("#region-switch", "cn-nanjing");
      await page.waitForSelector("#list-error:not([hidden])");
      assert.match(await page.textContent("#list-error"), /Unknown region/);
      // Back (the browser's) goes to the previous region again.
      await page.goBack();
      await page.waitForFunction(() => document.querySelector("#region-switch").value === "cn-shanghai");
      assert.equal((await waitLoaded(page)).loaded, shanghai.length);
      assert.equal((await page.textContent("#session-region")).trim(), "cn-shanghai");
      // Back to where we started, with the keys typed once.
      await page.selectOption("#region-switch", "cn-hangzhou");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("region") === "cn-hangzhou");
      assert.equal((await waitLoaded(page)).loaded, emulatorEnis(emu).length);
      assert.ok(await page.isHidden("#list-error"));
      await assertNothingSecret(page, context);
      assertQuiet(events, { allowConsole: true });
    });
  },
);

test("screenshots of the region switcher: dark and phone", T, async () => {
  for (const [label, options] of [
    ["dark-1280", { colorScheme: "dark", viewport: DESKTOP }],
    ["light-phone", { colorScheme: "light", viewport: PHONE, isMobile: true }],
  ]) {
    await withPage(browser, site.url, options, async ({ page, events }) => {
      await connectAndLoad(page, { endpoint: emu.url });
      await page.selectOption("#region-switch", "cn-shanghai");
      await page.waitForFunction(() => new URLSearchParams(location.search).get("region") === "cn-shanghai");
      await waitLoaded(page);
      await shot(page, `region-switch-${label}`);
      assertQuiet(events);
    });
  }
});

test(
  "cleanup candidates: the orphan rule over the loaded ENIs, an editable age, shown in the table, reviewed and deleted",
  T,
  async () => {
    const small = await startEmulator({ enis: 60, seed: 9, deleteDelayMs: 100, cors: true });
    try {
      const DAY = 86_400_000;
      const now = Date.now();
      // The rule, independently: Available, Secondary, not service-managed, old enough.
      const expected = (olderThanMs) =>
        emulatorEnis(small)
          .filter(
            (e) =>
              e.Status === "Available" &&
              e.Type === "Secondary" &&
              !e.ServiceManaged &&
              e.CreationTime &&
              now - Date.parse(e.CreationTime) >= olderThanMs,
          )
          .map((e) => e.NetworkInterfaceId)
          .sort();
      const want = expected(7 * DAY);
      assert.ok(want.length > 0, "the emulator has orphans");
      await withPage(browser, site.url, {}, async ({ page, events }) => {
        const { loaded } = await connectAndLoad(page, { endpoint: small.url });
        await page.click("#cleanup-panel > summary");
        await page.fill("#cleanup-age", "7d");
        await page.waitForFunction(
          (n) => document.querySelector("#cleanup-summary").textContent.startsWith(`${n} of`),
          want.length,
        );
        assert.equal(
          (await page.textContent("#cleanup-summary")).trim(),
          `${want.length} of ${loaded} loaded network interfaces ${want.length === 1 ? "is a candidate" : "are candidates"} (older than 7d).`,
        );
        assert.equal((await page.textContent("#cleanup-count")).trim(), String(want.length));
        // Why the others stay, by the rule's codes; InUse and Primary among them.
        const why = await page.locator("#cleanup-why li").evaluateAll((lis) => lis.map((li) => li.dataset.code));
        assert.ok(why.includes("in-use") && why.includes("primary"), why.join(","));
        // In the table: exactly the candidates.
        await page.click("#cleanup-show");
        await page.waitForFunction(
          (n) => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === n,
          want.length,
        );
        const shown = await page
          .locator("#eni-table tbody tr:not([hidden])")
          .evaluateAll((rs) => rs.map((r) => r.dataset.id).sort());
        assert.deepEqual(shown, want);
        assert.match(await page.textContent("#facet-bar"), /cleanup candidates \(older than 7d\)/);
        await page.locator("#cleanup-panel").scrollIntoViewIfNeeded();
        await shot(page, "cleanup-candidates-light-1280");
        // A bad age names its field; a huge one leaves nothing.
        await page.fill("#cleanup-age", "7 parsecs");
        await page.waitForSelector("#cleanup-error:not([hidden])");
        assert.match(await page.textContent("#cleanup-error"), /Older than/);
        assert.equal(await page.getAttribute("#cleanup-age", "aria-invalid"), "true");
        assert.ok(await page.isDisabled("#cleanup-delete"));
        await page.fill("#cleanup-age", "100000d");
        await page.waitForFunction(() => document.querySelector("#cleanup-summary").textContent.startsWith("0 of"));
        assert.ok(await page.isDisabled("#cleanup-delete"));
        // One action: review (the confirmation lists them) and delete.
        await page.fill("#cleanup-age", "7d");
        await page.waitForFunction(
          (n) => document.querySelector("#cleanup-summary").textContent.startsWith(`${n} of`),
          want.length,
        );
        assert.match(await page.textContent("#cleanup-delete"), new RegExp(`Review and delete ${want.length}`));
        small.clearLog();
        await page.click("#cleanup-delete");
        await page.waitForSelector("#confirm-dialog[open]");
        const listed = (await page.locator("#confirm-list li .mono").allTextContents()).map((s) => s.trim()).sort();
        assert.deepEqual(listed, want);
        await page.click("#confirm-ok");
        await page.waitForSelector("#progress-panel[data-state='finished']", { timeout: 60_000 });
        assert.match(await page.textContent("#progress-text"), new RegExp(`^${want.length} deleted`));
        const deletes = small.log().requests.filter((r) => r.action === "DeleteNetworkInterface");
        assert.deepEqual(
          [...new Set(deletes.map((r) => r.params.NetworkInterfaceId))].sort(),
          want,
          "each candidate, nothing else",
        );
        const left = new Set(emulatorEnis(small).map((e) => e.NetworkInterfaceId));
        assert.ok(
          want.every((id) => !left.has(id)),
          "every candidate is gone",
        );
        await page.waitForFunction(() => document.querySelector("#cleanup-summary").textContent.startsWith("0 of"));
        assertQuiet(events);
      });
    } finally {
      await small.close();
    }
  },
);
