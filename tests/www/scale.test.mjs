// The admin page with thousands of ENIs: streaming stays smooth (rows appear page by page, no
// long main-thread stalls), sort and search stay quick, and Stop really stops fetching.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, connectAndLoad, emulatorEnis, missing, pageSuite, shot, waitLoaded, withPage } from "./helpers.mjs";

const skip = missing();
const ENIS = 5000;
let emu, site, browser;
pageSuite(skip, { enis: ENIS, seed: 11, cors: true }, (s) => ({ emu, site, browser } = s));

const T = skip ? { skip } : { timeout: 120_000 };

/** Records main-thread tasks over 50 ms and how the row count grew, from the page's start. */
async function instrument(page) {
  await page.addInitScript(() => {
    window.__perf = { longTasks: [], counts: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__perf.longTasks.push(Math.round(e.duration));
    }).observe({ type: "longtask", buffered: true });
    const watch = () => {
      const tbody = document.querySelector("#eni-table tbody");
      if (!tbody) return requestAnimationFrame(watch);
      new MutationObserver(() => window.__perf.counts.push(tbody.rows.length)).observe(tbody, { childList: true });
    };
    watch();
  });
  await page.reload();
  await page.waitForSelector("html[data-ready='true']", { state: "attached" });
}

test(`${ENIS} ENIs stream in page by page without stalling the page`, T, async () => {
  const expected = emulatorEnis(emu).length;
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await instrument(page);
    await page.evaluate(() => {
      window.__perf.longTasks.length = 0; // only what loading costs
    });
    const started = Date.now();
    const { state, loaded } = await connectAndLoad(page, { endpoint: emu.url });
    const seconds = (Date.now() - started) / 1000;
    assert.equal(state, "done");
    assert.equal(loaded, expected);
    assert.equal(await page.locator("#eni-table tbody tr").count(), expected);
    assert.equal((await page.textContent("#count")).trim(), `${expected.toLocaleString("en-US")} loaded`);
    const perf = await page.evaluate(() => window.__perf);
    const steps = new Set(perf.counts.filter((n) => n > 0));
    assert.ok(steps.size >= 20, `rows arrived in many steps (${steps.size}), not all at the end`);
    const worst = Math.max(0, ...perf.longTasks);
    process.stdout.write(
      `loaded ${expected} in ${seconds.toFixed(1)} s; ${perf.longTasks.length} long tasks, worst ${worst} ms\n`,
    );
    assert.ok(worst < 500, `no main-thread stall of half a second or more (worst ${worst} ms)`);

    // Sorting and searching everything loaded stay quick.
    let t = Date.now();
    await page.click("#eni-table thead button[data-sort='name']");
    await page.waitForSelector("th.col-name[aria-sort='ascending']");
    const sortMs = Date.now() - t;
    t = Date.now();
    await page.fill("#quick-search", "cn-hangzhou-k");
    await page.waitForFunction(() => /shown/.test(document.querySelector("#count").textContent));
    const searchMs = Date.now() - t;
    process.stdout.write(`sort ${sortMs} ms, search ${searchMs} ms\n`);
    assert.ok(sortMs < 3000 && searchMs < 3000, "sort and search under 3 s");
    await shot(page, "table-5000-light-1280");
    assert.deepEqual(events.dialogs, []);
    assert.deepEqual(events.errors, []);
  });
});

test("Stop aborts the listing: no more pages are fetched", T, async () => {
  emu.setFaults({ latencyMs: 250 });
  try {
    await withPage(browser, site.url, {}, async ({ page, events }) => {
      await connect(page, { endpoint: emu.url });
      await page.waitForFunction(() => Number(document.querySelector("#load-status").dataset.loaded) >= 200);
      assert.ok(await page.isEnabled("#stop"));
      await page.click("#stop");
      const { state, loaded } = await waitLoaded(page);
      assert.equal(state, "stopped");
      assert.ok(loaded < ENIS, `stopped early (${loaded})`);
      assert.match(await page.textContent("#load-status"), /stopped/);
      const before = emu.log().requests.length;
      await page.waitForTimeout(800);
      assert.equal(emu.log().requests.length, before, "no request after Stop");
      assert.ok(await page.isDisabled("#stop"));
      // Reload starts over.
      emu.clearFaults();
      await page.click("#reload");
      assert.equal((await waitLoaded(page)).state, "done");
      assert.deepEqual(events.dialogs, []);
      assert.deepEqual(events.errors, []);
    });
  } finally {
    emu.clearFaults();
  }
});
