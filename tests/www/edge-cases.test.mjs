// The admin page and the real service's edge cases (issue 12): an ENI stuck in Deleting can be
// deleted again from the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  KEY,
  REGION,
  assertQuiet,
  connectAndLoad,
  deletable,
  emulatorEnis,
  launch,
  missing,
  shot,
  startEmulator,
  startStaticServer,
  vendorPackage,
  withPage,
} from "./helpers.mjs";

const skip = missing();
let emu, site, browser;

before(async () => {
  if (skip) return;
  // Deletes take 6 s: long enough to list an ENI while it is Deleting.
  emu = await startEmulator({ enis: 40, seed: 7, deleteDelayMs: 6000, cors: true });
  site = await startStaticServer();
  browser = await launch();
});

after(async () => {
  await browser?.close().catch(() => {});
  await site?.close();
  await emu?.close();
});

const T = skip ? { skip } : { timeout: 90_000 };
const row = (id) => `#eni-table tbody tr[data-id="${id}"]`;

test("an ENI in Deleting can be deleted again: offered in the row and the detail, sent, then gone", T, async () => {
  const [target] = deletable(emu);
  const id = target.NetworkInterfaceId;
  // Someone deleted it; it now sits in Deleting (as a stuck ENI does).
  const lib = await vendorPackage();
  const other = new lib.EcsClient({ regionId: REGION, endpoint: emu.url, credentials: KEY });
  await other.deleteNetworkInterface(id);
  other.free();
  assert.equal(emulatorEnis(emu).find((e) => e.NetworkInterfaceId === id).Status, "Deleting");

  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    assert.equal((await page.textContent(`${row(id)} td.col-status`)).trim(), "Deleting");
    const box = page.locator(`${row(id)} input[data-action='select']`);
    assert.ok(await box.isEnabled(), "a Deleting ENI is selectable");
    assert.match(await box.getAttribute("aria-label"), /delete it again/);
    // The detail view says what it means and offers it.
    await page.click(`${row(id)} button[data-action='open']`);
    await page.waitForSelector("#detail-dialog[open]");
    assert.ok(await page.isEnabled("#detail-delete"));
    assert.equal((await page.textContent("#detail-delete")).trim(), "Delete again…");
    assert.match(await page.textContent("#detail-why"), /send it again/);
    await shot(page, "detail-deleting-again-light-1280");
    emu.clearLog();
    await page.click("#detail-delete");
    await page.waitForSelector("#confirm-dialog[open]");
    assert.match(await page.textContent("#confirm-list"), /delete again/);
    await page.click("#confirm-ok");
    await page.waitForSelector(row(id), { state: "detached", timeout: 30_000 });
    const deletes = emu.log().requests.filter((r) => r.action === "DeleteNetworkInterface");
    assert.ok(deletes.length >= 1, "the delete was sent again");
    assert.ok(deletes.every((r) => r.params.NetworkInterfaceId === id));
    assert.ok(!emulatorEnis(emu).some((e) => e.NetworkInterfaceId === id), "gone");
    await page.waitForSelector("#progress-panel[data-state='finished']");
    assert.match(await page.textContent("#progress-text"), /1 deleted/);
    assertQuiet(events);
  });
});

test(
  "a bulk delete under throttling (HTTP 400 Throttling.User) deletes each ENI once and says it was throttled",
  T,
  async () => {
    const busy = await startEmulator({ enis: 120, seed: 12, deleteDelayMs: 50, cors: true });
    try {
      const picks = deletable(busy).slice(0, 24);
      const ids = picks.map((e) => e.NetworkInterfaceId).sort();
      await withPage(browser, site.url, {}, async ({ page, events }) => {
        await connectAndLoad(page, { endpoint: busy.url });
        await page.fill("#quick-search", ""); // all rows shown
        for (const id of ids) await page.check(`${row(id)} input[data-action='select']`);
        busy.clearLog();
        busy.setFaults({ throttle: { rate: 0.35 }, latencyMs: 40, seed: 5 });
        try {
          await page.click("#delete-selected");
          await page.waitForSelector("#confirm-dialog[open]");
          await page.click("#confirm-ok");
          await page.waitForFunction(() => /throttled/.test(document.querySelector("#progress-text").textContent));
          await shot(page, "progress-throttled-light-1280");
          await page.waitForSelector("#progress-panel[data-state='finished']", { timeout: 90_000 });
        } finally {
          busy.clearFaults();
        }
        assert.match(await page.textContent("#progress-text"), new RegExp(`^${ids.length} deleted`));
        assert.equal(await page.getAttribute("#progress-panel", "data-result"), "ok");
        const log = busy.log().requests.filter((r) => r.action === "DeleteNetworkInterface");
        const ok = log.filter((r) => r.status === 200);
        assert.deepEqual(ok.map((r) => r.params.NetworkInterfaceId).sort(), ids, "each ENI deleted exactly once");
        assert.ok(
          log.some((r) => r.code === "Throttling.User"),
          "ECS throttled some deletes",
        );
        assert.ok(Number(await page.getAttribute("#progress-panel", "data-concurrency")) <= 4);
        for (const id of ids) assert.equal(await page.locator(row(id)).count(), 0, `${id} left the table`);
        assertQuiet(events, { allowConsole: true });
      });
    } finally {
      await busy.close();
    }
  },
);

test("the detail view shows the fields the package decodes beyond the old model (deleteOnRelease)", T, async () => {
  const e = emulatorEnis(emu).find((x) => typeof x.DeleteOnRelease === "boolean");
  assert.ok(e, "the emulator sends DeleteOnRelease for some ENIs");
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    await page.click(`${row(e.NetworkInterfaceId)} button[data-action='open']`);
    await page.waitForSelector("#detail-dialog[open]");
    const r = page.locator("#detail-body [data-field='deleteOnRelease']");
    assert.equal((await r.locator("dt").textContent()).trim(), "Deleted with the instance");
    assert.equal((await r.locator("dd").textContent()).trim(), e.DeleteOnRelease ? "Yes" : "No");
    // Only one row per field: the known ones are not repeated among "fields the page does not know".
    const fields = await page.locator("#detail-body .detail-row").evaluateAll((rs) => rs.map((x) => x.dataset.field));
    assert.equal(fields.length, new Set(fields).size);
    assertQuiet(events);
  });
});
