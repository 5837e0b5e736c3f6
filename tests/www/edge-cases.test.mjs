// The admin page and the real service's edge cases (issue 12): an ENI stuck in Deleting can be
// deleted again from the page; a bulk delete under throttling; the new response fields in the
// detail view; a listing capped at 1,000 by ECS is said to be incomplete.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  KEY,
  REGION,
  assertQuiet,
  connectAndLoad,
  deletable,
  emulatorEnis,
  missing,
  pageSuite,
  shot,
  startEmulator,
  vendorPackage,
  waitLoaded,
  withPage,
} from "./helpers.mjs";

const skip = missing();
let emu, site, browser;
pageSuite(skip, { enis: 40, seed: 7, deleteDelayMs: 300, cors: true }, (s) => ({ emu, site, browser } = s));

const T = skip ? { skip } : { timeout: 90_000 };
const row = (id) => `#eni-table tbody tr[data-id="${id}"]`;

test("an ENI in Deleting can be deleted again: offered in the row and the detail, sent, then gone", T, async () => {
  const [target] = deletable(emu);
  const id = target.NetworkInterfaceId;
  // Someone deleted it and the delete failed: it is stuck in Deleting (the emulator's fault),
  // where it stays until the delete is sent again.
  emu.setFaults({ stuckDeleting: { count: 1 } });
  const lib = await vendorPackage();
  const other = new lib.EcsClient({ regionId: REGION, endpoint: emu.url, credentials: KEY });
  await other.deleteNetworkInterface(id);
  other.free();
  emu.clearFaults();
  await new Promise((ok) => setTimeout(ok, 900)); // three times the normal delete delay
  assert.equal(emulatorEnis(emu).find((e) => e.NetworkInterfaceId === id).Status, "Deleting", "stuck");

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
        // The next 12 requests are throttled: the first deletes end throttled after their
        // retries, and the package sends them again later at a lower concurrency.
        busy.setFaults({ throttle: { count: 12 }, latencyMs: 40 });
        try {
          await page.click("#delete-selected");
          await page.waitForSelector("#confirm-dialog[open]");
          await page.click("#confirm-ok");
          await page.waitForFunction(() => /throttled/.test(document.querySelector("#progress-text").textContent));
          // The package lowered its concurrency while throttled, and the page shows it.
          await page.waitForFunction(() => Number(document.querySelector("#progress-panel").dataset.concurrency) < 4);
          assert.match(await page.textContent("#progress-text"), /throttled \d+× \(now [123] at once\)/);
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
        for (const id of ids) assert.equal(await page.locator(row(id)).count(), 0, `${id} left the table`);
        assertQuiet(events, { allowConsole: true });
      });
    } finally {
      await busy.close();
    }
  },
);

test("the detail view shows every field of the official model, the newer ones included", T, async () => {
  const enis = emulatorEnis(emu);
  const find = (what, pred) => {
    const e = enis.find(pred);
    assert.ok(e, `the emulator sends ${what} for some ENI`);
    return e;
  };
  const cases = [
    ["deleteOnRelease", find("DeleteOnRelease", (x) => typeof x.DeleteOnRelease === "boolean")],
    ["sourceDestCheck", find("SourceDestCheck", (x) => typeof x.SourceDestCheck === "boolean")],
    ["ipv4PrefixSets", find("Ipv4PrefixSets", (x) => x.Ipv4PrefixSets?.Ipv4PrefixSet?.length)],
    ["ipv6PrefixSets", find("Ipv6PrefixSets", (x) => x.Ipv6PrefixSets?.Ipv6PrefixSet?.length)],
    ["networkCardIndex", find("Attachment.NetworkCardIndex", (x) => x.Attachment?.NetworkCardIndex !== undefined)],
    ["privateDnsName", find("PrivateDnsName", (x) => x.PrivateIpSets?.PrivateIpSet?.some((p) => p.PrivateDnsName))],
    ["ipv6Primary", find("Ipv6Sets[].Primary", (x) => x.Ipv6Sets?.Ipv6Set?.some((p) => p.Primary === true))],
  ];
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    for (const [what, e] of cases) {
      await page.click(`${row(e.NetworkInterfaceId)} button[data-action='open']`);
      await page.waitForSelector("#detail-dialog[open]");
      const dd = (field) => page.textContent(`#detail-body [data-field='${field}'] dd`);
      const yesNo = (v) => (v ? "Yes" : "No");
      switch (what) {
        case "deleteOnRelease":
          assert.equal(
            (await page.textContent("#detail-body [data-field='deleteOnRelease'] dt")).trim(),
            "Deleted with the instance",
          );
          assert.equal((await dd("deleteOnRelease")).trim(), yesNo(e.DeleteOnRelease));
          break;
        case "sourceDestCheck":
          assert.equal((await dd("sourceDestCheck")).trim(), yesNo(e.SourceDestCheck));
          break;
        case "ipv4PrefixSets":
          for (const p of e.Ipv4PrefixSets.Ipv4PrefixSet)
            assert.ok((await dd("ipv4PrefixSets")).includes(p.Ipv4Prefix));
          break;
        case "ipv6PrefixSets":
          for (const p of e.Ipv6PrefixSets.Ipv6PrefixSet)
            assert.ok((await dd("ipv6PrefixSets")).includes(p.Ipv6Prefix));
          break;
        case "networkCardIndex": {
          const dl = page.locator("#detail-body [data-field='attachment'] dd dl");
          assert.equal(
            (await dl.locator("dt[data-field='networkCardIndex']").textContent()).trim(),
            "Network card index",
          );
          assert.ok((await dl.textContent()).includes(String(e.Attachment.NetworkCardIndex)));
          break;
        }
        case "privateDnsName":
          for (const p of e.PrivateIpSets.PrivateIpSet)
            if (p.PrivateDnsName) assert.ok((await dd("privateIpSets")).includes(p.PrivateDnsName));
          break;
        case "ipv6Primary": {
          const primary = e.Ipv6Sets.Ipv6Set.find((p) => p.Primary === true).Ipv6Address;
          const item = page.locator("#detail-body [data-field='ipv6Sets'] li", { hasText: primary });
          assert.equal((await item.locator(".pill").textContent()).trim(), "primary");
          break;
        }
      }
      // One row per field: a known field is never repeated among the ones the page does not know.
      const fields = await page.locator("#detail-body .detail-row").evaluateAll((rs) => rs.map((x) => x.dataset.field));
      assert.equal(fields.length, new Set(fields).size);
      if (what === "ipv4PrefixSets") await shot(page, "detail-new-fields-light-1280");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#detail-dialog:not([open])", { state: "attached" });
    }
    assertQuiet(events);
  });
});

test("a resource-group listing that hits ECS's 1,000 cap is said to be incomplete", T, async () => {
  const big = await startEmulator({ enis: 4500, seed: 13, cors: true });
  try {
    const counts = new Map();
    for (const e of emulatorEnis(big)) counts.set(e.ResourceGroupId, (counts.get(e.ResourceGroupId) ?? 0) + 1);
    const [rg, n] = [...counts].sort((a, b) => b[1] - a[1])[0];
    assert.ok(n > 1000, `a resource group with more than 1,000 ENIs (${n})`);
    await withPage(browser, `${site.url}?rg=${encodeURIComponent(rg)}`, {}, async ({ page, events }) => {
      const { state, loaded } = await connectAndLoad(page, { endpoint: big.url });
      assert.equal(state, "done");
      assert.equal(loaded, 1000, "ECS shows 1,000");
      assert.equal(await page.getAttribute("#load-status", "data-capped"), "true");
      assert.ok(await page.isVisible("#capped-note"));
      const note = await page.textContent("#capped-note");
      assert.match(note, /This list is incomplete/);
      assert.match(note, /at most 1,000/);
      assert.equal(
        (await page.textContent("#load-state")).trim(),
        "· stopped at ECS's 1,000 limit",
        "not 'all loaded'",
      );
      await page.locator("#capped-note").scrollIntoViewIfNeeded();
      await shot(page, "capped-light-1280");
      // A narrower filter under the cap: complete, no note.
      const vsw = emulatorEnis(big).find((e) => e.ResourceGroupId === rg).VSwitchId;
      await page.click("#filters-panel > summary");
      await page.fill("#f-vSwitchId", vsw);
      await page.click("#filter-form button[type=submit]");
      await page.waitForFunction(() => new URLSearchParams(location.search).has("vswitch"));
      const narrow = await waitLoaded(page);
      const expected = emulatorEnis(big).filter((e) => e.ResourceGroupId === rg && e.VSwitchId === vsw).length;
      assert.ok(expected < 1000);
      assert.equal(narrow.loaded, expected);
      assert.ok(await page.isHidden("#capped-note"));
      assert.equal(await page.getAttribute("#load-status", "data-capped"), "false");
      assertQuiet(events);
    });
  } finally {
    await big.close();
  }
});
