// The admin page (www/) in headless Chromium against the ECS emulator: connect, list through
// paging, filters in the URL, detail view, delete one and many, errors people can act on,
// hostile data rendered as text, nothing secret kept, keyboard use, exports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { HOSTILE_ENIS } from "../emulator/data.mjs";
import {
  DESKTOP,
  KEY,
  PHONE,
  REGION,
  SECRETS,
  assertNothingSecret,
  assertQuiet,
  closedPort,
  connect,
  connectAndLoad,
  deletable,
  emulatorEnis,
  isHostile,
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
pageSuite(skip, { enis: 250, seed: 1, deleteDelayMs: 400, cors: true }, (s) => ({ emu, site, browser } = s));

const T = skip ? { skip } : { timeout: 90_000 };
const describeLog = () => emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces");
const row = (id) => `#eni-table tbody tr[data-id="${id}"]`;

test("the page boots with its CSP and nothing pre-filled outside the demo", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
    for (const d of [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      "style-src 'self'",
      "connect-src *",
      "object-src 'none'",
      "require-trusted-types-for 'script'",
    ]) {
      assert.ok(csp.includes(d), `CSP has ${d}`);
    }
    assert.equal(await page.inputValue("#region"), REGION);
    assert.equal(
      await page.inputValue("#endpoint"),
      "https://ecs-cn-hangzhou.aliyuncs.com",
      "the default endpoint comes from resolveEndpoint",
    );
    assert.equal(await page.inputValue("#access-key-id"), "");
    assert.equal(await page.inputValue("#access-key-secret"), "");
    assert.ok(await page.isHidden("#demo-note"));
    // The endpoint follows the region until edited by hand.
    await page.fill("#region", "ap-southeast-1");
    await page.dispatchEvent("#region", "input");
    assert.equal(await page.inputValue("#endpoint"), "https://ecs.ap-southeast-1.aliyuncs.com");
    await page.fill("#region", "cn-shanghai-finance-1");
    assert.equal(await page.inputValue("#endpoint"), "https://ecs-cn-hangzhou.aliyuncs.com");
    await page.fill("#endpoint", "https://relay.example.workers.dev");
    await page.fill("#region", "cn-beijing");
    assert.equal(await page.inputValue("#endpoint"), "https://relay.example.workers.dev", "a typed endpoint is kept");
    // No inline style attribute anywhere, and the sinks a data leak would need are locked.
    assert.equal(await page.locator("[style]").count(), 0);
    const tt = await page.evaluate(() => {
      try {
        document.createElement("div").innerHTML = "<b>x</b>";
        return "innerHTML allowed";
      } catch (e) {
        return e.name;
      }
    });
    assert.equal(tt, "TypeError", "Trusted Types refuse innerHTML strings");
    events.console = events.console.filter((m) => !m.includes("TrustedHTML")); // provoked just above
    await shot(page, "connect-light-1280");
    assertQuiet(events);
  });
});

test("connect, list every ENI through paging, the count matches the emulator", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    emu.clearLog();
    const expected = emulatorEnis(emu).length;
    const { state, loaded } = await connectAndLoad(page, { endpoint: emu.url });
    assert.equal(state, "done");
    assert.equal(loaded, expected);
    assert.equal(await page.locator("#eni-table tbody tr").count(), expected);
    assert.equal((await page.textContent("#count")).trim(), `${expected} loaded`);
    const pages = describeLog();
    assert.ok(pages.length >= 3, `paged: ${pages.length} requests`);
    assert.ok(
      pages.slice(1).every((r) => r.params.NextToken),
      "later pages use NextToken",
    );
    assert.ok(pages.every((r) => r.params.RegionId === REGION));
    // The session bar shows where, never the keys.
    assert.equal((await page.textContent("#session-region")).trim(), REGION);
    assert.equal(await page.inputValue("#access-key-secret"), "", "the secret left the form once connected");
    assert.equal(new URL(page.url()).searchParams.get("region"), REGION);
    // Main columns, status as a badge.
    const headers = (await page.locator("#eni-table thead th").allTextContents()).map((s) => s.trim());
    for (const h of [
      "ID",
      "Name",
      "Status",
      "Type",
      "VPC",
      "vSwitch",
      "Zone",
      "Private IPs",
      "Public IP",
      "Instance",
      "Security groups",
      "Tags",
      "Created",
    ]) {
      assert.ok(headers.includes(h), `column ${h}`);
    }
    const first = emulatorEnis(emu)[0];
    assert.equal(
      (await page.textContent(`${row(first.NetworkInterfaceId)} td.col-status .badge`)).trim(),
      first.Status,
    );
    await shot(page, "table-light-1280");
    await assertNothingSecret(page, context);
    assertQuiet(events);
  });
});

test("filter by status and tag: the URL reflects it and restores it", T, async () => {
  const enis = emulatorEnis(emu);
  const withTag = enis.find((e) => e.Status === "Available" && !isHostile(e.NetworkInterfaceId) && e.Tags?.Tag?.length);
  const { TagKey: key, TagValue: value } = withTag.Tags.Tag[0];
  const expected = enis.filter(
    (e) => e.Status === "Available" && e.Tags?.Tag?.some((t) => t.TagKey === key && t.TagValue === value),
  );
  let shared;
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    await page.click("#filters-panel > summary");
    await page.selectOption("#f-status", "Available");
    await page.click("#add-tag");
    await page.fill("#tag-rows .tag-row:nth-child(1) .tag-key", key);
    await page.fill("#tag-rows .tag-row:nth-child(1) .tag-value", value);
    emu.clearLog();
    await page.click("#filter-form button[type=submit]");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("status") === "Available");
    const { loaded } = await waitLoaded(page);
    assert.equal(loaded, expected.length);
    const statuses = await page.locator("#eni-table tbody td.col-status .badge").allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((s) => s.trim() === "Available"));
    const sent = describeLog()[0].params;
    assert.equal(sent.Status, "Available");
    assert.equal(sent["Tag.1.Key"], key);
    assert.equal(sent["Tag.1.Value"], value);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get("status"), "Available");
    assert.deepEqual(url.searchParams.getAll("tag"), [`${key}=${value}`]);
    assert.match(await page.textContent("#filter-summary"), /Status: Available/);
    await shot(page, "filters-light-1280");
    shared = page.url();
    // Back: the unfiltered view again.
    await page.goBack();
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("status"));
    assert.equal(await page.inputValue("#f-status"), "");
    const back = await waitLoaded(page);
    assert.equal(back.loaded, enis.length);
    await assertNothingSecret(page, context);
    assertQuiet(events);
  });
  // The shared link, opened elsewhere: filters restored before and after connecting.
  await withPage(browser, shared, {}, async ({ page, events }) => {
    assert.match(await page.textContent("#pending-filters"), /Status: Available/);
    assert.equal(await page.inputValue("#f-status"), "Available");
    assert.equal(await page.inputValue("#tag-rows .tag-key"), key);
    assert.equal(await page.inputValue("#tag-rows .tag-value"), value);
    const { loaded } = await connectAndLoad(page, { endpoint: emu.url });
    assert.equal(loaded, expected.length);
    assertQuiet(events);
  });
});

test("every request field is a filter and reaches the API", T, async () => {
  const enis = emulatorEnis(emu);
  const e = enis.find(
    (x) => x.InstanceId && x.NetworkInterfaceName && x.PrivateIpSets.PrivateIpSet.length > 1 && x.Type === "Secondary",
  );
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    await page.click("#filters-panel > summary");
    await page.fill("#f-vpcId", e.VpcId);
    await page.fill("#f-vSwitchId", e.VSwitchId);
    await page.fill("#f-securityGroupId", e.SecurityGroupIds.SecurityGroupId[0]);
    await page.fill("#f-instanceId", e.InstanceId);
    await page.selectOption("#f-type", "Secondary");
    await page.selectOption("#f-status", e.Status);
    await page.fill("#f-networkInterfaceName", e.NetworkInterfaceName);
    await page.fill("#f-primaryIpAddress", e.PrivateIpAddress);
    await page.fill("#f-privateIpAddresses", `${e.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress}, 10.255.255.254`);
    await page.fill("#f-networkInterfaceIds", `${e.NetworkInterfaceId} eni-bp1doesnotexist000000`);
    await page.fill("#f-resourceGroupId", e.ResourceGroupId);
    await page.selectOption("#f-serviceManaged", "false");
    emu.clearLog();
    await page.click("#filter-form button[type=submit]");
    await page.waitForFunction(() => new URLSearchParams(location.search).has("vpc"));
    const { loaded } = await waitLoaded(page);
    assert.equal(loaded, 1);
    assert.equal(await page.locator(row(e.NetworkInterfaceId)).count(), 1);
    const sent = describeLog()[0].params;
    assert.equal(sent.VpcId, e.VpcId);
    assert.equal(sent.VSwitchId, e.VSwitchId);
    assert.equal(sent.SecurityGroupId, e.SecurityGroupIds.SecurityGroupId[0]);
    assert.equal(sent.InstanceId, e.InstanceId);
    assert.equal(sent.Type, "Secondary");
    assert.equal(sent.Status, e.Status);
    assert.equal(sent.NetworkInterfaceName, e.NetworkInterfaceName);
    assert.equal(sent.PrimaryIpAddress, e.PrivateIpAddress);
    assert.equal(sent["PrivateIpAddress.2"], "10.255.255.254");
    assert.equal(sent["NetworkInterfaceId.1"], e.NetworkInterfaceId);
    assert.equal(sent.ResourceGroupId, e.ResourceGroupId);
    assert.equal(sent.ServiceManaged, "false");
    const q = new URL(page.url()).searchParams;
    for (const p of [
      "vpc",
      "vswitch",
      "sg",
      "instance",
      "type",
      "status",
      "name",
      "primaryIp",
      "privateIps",
      "ids",
      "rg",
      "serviceManaged",
    ])
      assert.ok(q.get(p), `URL has ${p}`);
    // IPv6 too (a separate query: the ENI above may have none).
    const v6 = enis.find((x) => x.Ipv6Sets?.Ipv6Set?.length);
    await page.click("#clear-filters");
    await waitLoaded(page);
    await page.fill("#f-ipv6Addresses", v6.Ipv6Sets.Ipv6Set[0].Ipv6Address);
    emu.clearLog();
    await page.click("#filter-form button[type=submit]");
    await page.waitForFunction(() => new URLSearchParams(location.search).has("ipv6"));
    assert.equal((await waitLoaded(page)).loaded, 1);
    assert.equal(describeLog()[0].params["Ipv6Address.1"], v6.Ipv6Sets.Ipv6Set[0].Ipv6Address);
    // A refused value names its field and sends nothing.
    await page.fill("#f-ipv6Addresses", "");
    await page.fill("#f-privateIpAddresses", Array.from({ length: 101 }, (_, i) => `10.9.0.${i}`).join(","));
    emu.clearLog();
    await page.click("#filter-form button[type=submit]");
    await page.waitForSelector("#filter-error:not([hidden])");
    assert.match(await page.textContent("#filter-error"), /Private IPs/);
    assert.equal(await page.getAttribute("#f-privateIpAddresses", "aria-invalid"), "true");
    assert.equal(describeLog().length, 0, "nothing was sent");
    assertQuiet(events);
  });
});

test("sort and quick search work on the loaded rows", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { loaded } = await connectAndLoad(page, { endpoint: emu.url });
    await page.click("#eni-table thead button[data-sort='created']");
    assert.equal(await page.getAttribute("th.col-created", "aria-sort"), "ascending");
    let times = await page
      .locator("#eni-table tbody td.col-created time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
    assert.deepEqual(times, [...times].sort());
    await page.click("#eni-table thead button[data-sort='created']");
    assert.equal(await page.getAttribute("th.col-created", "aria-sort"), "descending");
    times = await page
      .locator("#eni-table tbody td.col-created time")
      .evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
    assert.deepEqual(times, [...times].sort().reverse());
    assert.equal(new URL(page.url()).searchParams.get("sort"), "created:desc");
    await page.fill("#quick-search", "hostile");
    await page.waitForFunction(() => /shown/.test(document.querySelector("#count").textContent));
    assert.equal((await page.textContent("#count")).trim(), `${loaded} loaded · 8 shown`);
    assert.equal(await page.locator("#eni-table tbody tr:not([hidden])").count(), 8);
    await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "hostile");
    assertQuiet(events);
  });
});

test("the detail view shows every field; Escape closes it and focus returns", T, async () => {
  const e =
    emulatorEnis(emu).find((x) => x.Attachment && x.Tags?.Tag?.length && x.Ipv6Sets?.Ipv6Set?.length) ??
    emulatorEnis(emu).find((x) => x.Attachment);
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    const open = page.locator(`${row(e.NetworkInterfaceId)} button[data-action='open']`);
    await open.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector("#detail-dialog[open]");
    const fields = await page
      .locator("#detail-body .detail-row")
      .evaluateAll((rows) => rows.map((r) => r.dataset.field));
    for (const f of [
      "networkInterfaceId",
      "networkInterfaceName",
      "description",
      "status",
      "type",
      "vpcId",
      "vSwitchId",
      "zoneId",
      "instanceId",
      "macAddress",
      "privateIpAddress",
      "privateIpSets",
      "associatedPublicIp",
      "ipv6Sets",
      "securityGroupIds",
      "tags",
      "creationTime",
      "ownerId",
      "resourceGroupId",
      "serviceManaged",
      "networkInterfaceTrafficMode",
      "queueNumber",
      "queuePairNumber",
      "attachment",
    ]) {
      assert.ok(fields.includes(f), `detail shows ${f}`);
    }
    const text = await page.textContent("#detail-body");
    for (const v of [
      e.MacAddress,
      e.VpcId,
      e.VSwitchId,
      e.ZoneId,
      e.OwnerId,
      e.ResourceGroupId,
      e.InstanceId,
      ...e.SecurityGroupIds.SecurityGroupId,
    ])
      assert.ok(text.includes(v), `shows ${v}`);
    for (const p of e.PrivateIpSets.PrivateIpSet) assert.ok(text.includes(p.PrivateIpAddress));
    for (const t of e.Tags?.Tag ?? []) assert.ok(text.includes(t.TagKey) && text.includes(t.TagValue));
    assert.ok(text.includes(String(e.Attachment.DeviceIndex)));
    assert.ok(
      await page.locator("#detail-body button[data-action='copy'][data-copy='" + e.NetworkInterfaceId + "']").count(),
    );
    // not deletable (attached): the dialog says why
    assert.ok(await page.isDisabled("#detail-delete"));
    assert.match(await page.textContent("#detail-why"), /Cannot delete/);
    await shot(page, "detail-light-1280");
    // copy button
    await page.click(`#detail-body button[data-action='copy'][data-copy='${e.NetworkInterfaceId}']`);
    await page.waitForSelector("#toast.show");
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), e.NetworkInterfaceId);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#detail-dialog:not([open])", { state: "attached" });
    assert.equal(
      await page.evaluate(() => document.activeElement?.dataset?.id),
      e.NetworkInterfaceId,
      "focus back on the row's ID button",
    );
    assertQuiet(events);
  });
});

test("rows that cannot be deleted are not selectable and say why", T, async () => {
  const enis = emulatorEnis(emu);
  const inUse = enis.find((e) => e.Status === "InUse" && e.Type === "Secondary");
  const primary = enis.find((e) => e.Type === "Primary");
  const managed = enis.find((e) => e.ServiceManaged && e.Status === "Available");
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    for (const [e, why] of [
      [inUse, /In use/],
      [primary, /primary ENI/],
      [managed, /Managed by another/],
    ]) {
      if (!e) continue;
      const box = page.locator(`${row(e.NetworkInterfaceId)} input[data-action='select']`);
      assert.ok(await box.isDisabled(), `${e.NetworkInterfaceId} not selectable`);
      assert.match(await box.getAttribute("aria-label"), why);
      assert.match(await page.getAttribute(`${row(e.NetworkInterfaceId)} td.col-select`, "title"), why);
    }
    assertQuiet(events);
  });
});

test("delete one ENI: confirm (Escape cancels), it shows Deleting, then it is gone", T, async () => {
  const [target] = deletable(emu);
  const id = target.NetworkInterfaceId;
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { loaded } = await connectAndLoad(page, { endpoint: emu.url });
    await page.check(`${row(id)} input[data-action='select']`);
    assert.match(await page.textContent("#delete-selected"), /Delete 1/);
    await page.click("#delete-selected");
    await page.waitForSelector("#confirm-dialog[open]");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "confirm-cancel", "Cancel has the focus");
    assert.ok((await page.textContent("#confirm-list")).includes(id));
    assert.match(await page.textContent("#confirm-title"), /Delete 1 network interface\?/);
    await page.keyboard.press("Escape");
    await page.waitForSelector("#confirm-dialog:not([open])", { state: "attached" });
    assert.equal(
      emulatorEnis(emu).find((e) => e.NetworkInterfaceId === id).Status,
      "Available",
      "Escape deleted nothing",
    );

    await page.click("#delete-selected");
    await page.waitForSelector("#confirm-dialog[open]");
    await shot(page, "confirm-light-1280");
    emu.clearLog();
    await page.click("#confirm-ok");
    await page.waitForSelector(`${row(id)} .badge.spin`);
    assert.equal((await page.textContent(`${row(id)} td.col-status`)).trim(), "Deleting");
    await page.waitForSelector(row(id), { state: "detached" });
    assert.ok(!emulatorEnis(emu).some((e) => e.NetworkInterfaceId === id), "gone from the emulator");
    const deletes = emu.log().requests.filter((r) => r.action === "DeleteNetworkInterface");
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0].params.NetworkInterfaceId, id);
    await page.waitForSelector("#progress-panel[data-state='finished']");
    assert.match(await page.textContent("#progress-text"), /1 deleted/);
    assert.equal((await page.textContent("#count")).trim(), `${loaded - 1} loaded`);
    assertQuiet(events);
  });
});

test("bulk delete: bounded concurrency, a progress bar, and a failure that hides nothing", T, async () => {
  const picks = deletable(emu).slice(0, 7);
  const gone = picks[3]; // deleted behind the page's back: its delete will fail
  const ids = picks.map((e) => e.NetworkInterfaceId);
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    for (const id of ids) await page.check(`${row(id)} input[data-action='select']`);
    assert.match(await page.textContent("#delete-selected"), /Delete 7/);
    // The ENI disappears meanwhile (someone else deleted it).
    const lib = await vendorPackage();
    const other = new lib.EcsClient({ regionId: REGION, endpoint: emu.url, credentials: KEY });
    await other.deleteNetworkInterface(gone.NetworkInterfaceId, { waitUntilDeleted: true });
    other.free();

    let inflight = 0;
    let maxInflight = 0;
    // V2 names the action in the query, V3 in the x-acs-action header.
    const isDelete = (r) =>
      r.method() !== "OPTIONS" &&
      (r.url().includes("Action=DeleteNetworkInterface") || r.headers()["x-acs-action"] === "DeleteNetworkInterface");
    page.on("request", (r) => {
      if (isDelete(r)) maxInflight = Math.max(maxInflight, ++inflight);
    });
    const done = (r) => {
      if (isDelete(r)) inflight--;
    };
    page.on("requestfinished", done);
    page.on("requestfailed", done);
    emu.setFaults({ latencyMs: 150 });
    try {
      await page.click("#delete-selected");
      await page.waitForSelector("#confirm-dialog[open]");
      assert.equal(await page.locator("#confirm-list li").count(), 7);
      await page.click("#confirm-ok");
      await page.waitForSelector("#progress-panel[data-state='running']");
      await page.waitForSelector("#eni-table .badge.spin");
      assert.equal(await page.getAttribute("#progress-bar", "max"), "7");
      await shot(page, "progress-light-1280");
      await page.waitForSelector("#progress-panel[data-state='finished']", { timeout: 60_000 });
    } finally {
      emu.clearFaults();
    }
    assert.ok(maxInflight <= 4, `at most 4 deletes at once (saw ${maxInflight})`);
    assert.ok(maxInflight >= 2, `deletes ran in parallel (saw ${maxInflight})`);
    assert.equal(await page.evaluate(() => document.querySelector("#progress-bar").value), 7);
    const summary = await page.textContent("#progress-text");
    assert.match(summary, /6 deleted/);
    assert.match(summary, /1 failed/);
    const failure = page.locator(`#progress-summary li.failure[data-id="${gone.NetworkInterfaceId}"]`);
    assert.equal(await failure.getAttribute("data-code"), "InvalidEniId.NotFound");
    const failureText = await failure.textContent();
    assert.match(failureText, /does not exist/);
    assert.match(failureText, /Request ID/);
    const link = failure.locator(".error-recommend a");
    assert.match(await link.getAttribute("href"), /^https?:\/\//);
    assert.match(await link.getAttribute("rel"), /noopener/);
    for (const e of picks) {
      if (e === gone) continue;
      assert.equal(await page.locator(row(e.NetworkInterfaceId)).count(), 0, `${e.NetworkInterfaceId} left the table`);
      assert.ok(
        !emulatorEnis(emu).some((x) => x.NetworkInterfaceId === e.NetworkInterfaceId),
        `${e.NetworkInterfaceId} deleted`,
      );
    }
    assert.ok(await page.locator(`${row(gone.NetworkInterfaceId)}.failed`).count(), "the failed row stays, marked");
    await shot(page, "progress-done-light-1280");
    assertQuiet(events, { allowConsole: true });
  });
});

test("a wrong secret and an unknown AccessKeyId are explained", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    await connect(page, { endpoint: emu.url, accessKeySecret: "not-the-secret" });
    await page.waitForSelector("#connect-error:not([hidden])");
    assert.equal(await page.getAttribute("#connect-error", "data-code"), "SignatureDoesNotMatch");
    const text = await page.textContent("#connect-error");
    assert.match(text, /The AccessKeySecret is wrong/);
    assert.match(text, /Request ID/);
    assert.match(text, /SignatureDoesNotMatch/);
    assert.match(await page.getAttribute("#connect-error .error-recommend a", "href"), /^https:\/\//);
    assert.ok(await page.isHidden("#workspace"), "not connected");
    assert.equal(await page.inputValue("#access-key-secret"), "", "the wrong secret is cleared");
    assert.equal(await page.getAttribute("#access-key-secret", "aria-invalid"), "true");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "connect-error", "focus on the error");
    await shot(page, "error-secret-light-1280");
    await assertNothingSecret(page, context, [...SECRETS, "not-the-secret"]);

    await connect(page, { endpoint: emu.url, accessKeyId: "LTAI-nobody" });
    await page.waitForSelector("#connect-error[data-code='InvalidAccessKeyId.NotFound']");
    assert.match(await page.textContent("#connect-error"), /The AccessKeyId is not known/);
    assertQuiet(events, { allowConsole: true });
  });
});

test("an unreachable endpoint and a CORS refusal are explained, with the relay as the fix", T, async () => {
  const port = await closedPort();
  const noCors = await startEmulator({ enis: 20, seed: 3, cors: false });
  try {
    await withPage(browser, site.url, {}, async ({ page, events }) => {
      await connect(page, { endpoint: `http://127.0.0.1:${port}` });
      await page.waitForSelector("#connect-error:not([hidden])");
      assert.equal(await page.getAttribute("#connect-error", "data-kind"), "network");
      const text = await page.textContent("#connect-error");
      assert.match(text, /Could not reach http:\/\/127\.0\.0\.1:\d+/);
      assert.match(text, /cannot be reached/);
      assert.match(text, /CORS/);
      assert.match(text, /relay/);
      assert.equal(await page.getAttribute("#endpoint", "aria-invalid"), "true");
      assert.notEqual(await page.inputValue("#access-key-secret"), "", "the keys stay for another try");
      await shot(page, "error-unreachable-light-1280");

      // V3 (the default) sends Authorization and x-acs-* headers: the browser's preflight is
      // refused, so no API request arrives. The page says the same either way.
      await connect(page, { endpoint: noCors.url });
      await page.waitForFunction(
        (url) => document.querySelector("#connect-error").textContent.includes(url),
        noCors.url,
      );
      assert.equal(await page.getAttribute("#connect-error", "data-kind"), "network");
      assert.match(await page.textContent("#connect-error"), /ALLOWED_ORIGINS/);
      assert.ok(
        !noCors.log().requests.some((r) => r.status === 200),
        "V3: the preflight stopped the request before the API",
      );
      // V2 (HMAC-SHA1) is a simple GET: the request arrives and the browser refuses the answer.
      await page.selectOption("#signature-algorithm", "HMAC-SHA1");
      noCors.clearLog();
      await page.evaluate(() => document.querySelector("#connect-error").replaceChildren());
      await connect(page, { endpoint: noCors.url });
      await page.waitForFunction(
        (url) => document.querySelector("#connect-error").textContent.includes(url),
        noCors.url,
      );
      assert.match(await page.textContent("#connect-error"), /ALLOWED_ORIGINS/);
      assert.ok(
        noCors.log().requests.some((r) => r.status === 200 && r.algorithm === "HMAC-SHA1"),
        "the request did arrive: the browser refused the answer",
      );
      assertQuiet(events, { allowConsole: true });
    });
  } finally {
    await noCors.close();
  }
});

test("hostile names, descriptions and tags render as harmless text", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    await page.fill("#quick-search", "hostile");
    await page.waitForFunction(() => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === 8);
    const shown = (s) => s.replace(/\u202e/g, "⟦U+202E⟧");
    for (const h of HOSTILE_ENIS) {
      const name = (await page.textContent(`${row(h.id)} td.col-name`)).trim();
      assert.equal(name, shown(h.name), `name of ${h.id}`);
    }
    await shot(page, "hostile-light-1280");
    for (const h of HOSTILE_ENIS.slice(0, 4)) {
      await page.click(`${row(h.id)} button[data-action='open']`);
      await page.waitForSelector("#detail-dialog[open]");
      assert.equal((await page.textContent("#detail-body [data-field='description'] dd")).trim(), shown(h.description));
      const tags = await page.textContent("#detail-body [data-field='tags'] dd");
      for (const [k, v] of h.tags) assert.ok(tags.includes(shown(k)) && tags.includes(shown(v)), `tag ${k}`);
      if (h === HOSTILE_ENIS[0]) await shot(page, "detail-hostile-light-1280");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#detail-dialog:not([open])", { state: "attached" });
    }
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll("img").length,
      handlers: [...document.querySelectorAll("*")].filter((el) =>
        [...el.attributes].some((a) => a.name.startsWith("on")),
      ).length,
      scripts: document.querySelectorAll("script").length,
      bold: document.querySelectorAll("b").length,
      // the page's own SVG: icons, the sprite, and the bars of the overview's charts
      strayed: [...document.querySelectorAll("svg:not(.icon):not(.sprite)")].filter(
        (s) => !(s.matches("svg.bar, svg.column") && s.parentElement?.matches("#charts button.pick")),
      ).length,
      jsLinks: document.querySelectorAll("a[href^='javascript' i]").length,
    }));
    assert.deepEqual(injected, { img: 0, handlers: 0, scripts: 1, bold: 0, strayed: 0, jsLinks: 0 });
    assertQuiet(events);
  });
});

test("exports: CSV guarded against formula injection, JSON complete and exact", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { loaded } = await connectAndLoad(page, { endpoint: emu.url });
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
    assert.match(csvDownload.suggestedFilename(), /^enis-cn-hangzhou-\d{8}-\d{4}\.csv$/);
    const csv = await readFile(await csvDownload.path(), "utf8");
    assert.ok(csv.startsWith("\ufeffNetworkInterfaceId,"));
    const lines = csv.trim().split("\r\n");
    assert.equal(lines.length, loaded + 1);
    const evil = lines.find((l) => l.startsWith("eni-bp1hostile0000000008"));
    assert.ok(evil.includes(`,'=cmd|' /C calc'!A0==cmd|' /C calc'!A0; cost-center=1+1=2 & 100% * x,`), evil);
    for (const l of lines) {
      for (const cell of l.split(",")) assert.ok(!/^"?[=+\-@\t\r]/.test(cell), `unguarded cell ${cell}`);
    }
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-json")]);
    const list = JSON.parse(await readFile(await jsonDownload.path(), "utf8"));
    assert.equal(list.length, loaded);
    const ids = new Set(list.map((e) => e.serviceId).filter(Boolean));
    assert.ok(ids.has("9223372036854775807") && ids.has("9007199254740993"), "ServiceIds stay exact");
    assertQuiet(events);
  });
});

test("keyboard: / searches, Space selects, Enter opens, Escape closes; disconnect forgets the keys", T, async () => {
  const [target] = deletable(emu);
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    // Keyboard only from the connect form.
    await page.fill("#endpoint", emu.url);
    await page.fill("#access-key-id", KEY.accessKeyId);
    await page.fill("#access-key-secret", KEY.accessKeySecret);
    await page.focus("#access-key-secret");
    await page.keyboard.press("Enter");
    await waitLoaded(page);
    await page.locator("body").focus();
    await page.keyboard.press("/");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "quick-search");
    await page.keyboard.type(target.NetworkInterfaceId);
    await page.waitForFunction(() => document.querySelectorAll("#eni-table tbody tr:not([hidden])").length === 1);
    await page.focus(`${row(target.NetworkInterfaceId)} input[data-action='select']`);
    await page.keyboard.press("Space");
    assert.match(await page.textContent("#delete-selected"), /Delete 1/);
    const focusRing = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.notEqual(focusRing, "none", "a visible focus style");
    await page.focus("#delete-selected");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#confirm-dialog[open]");
    await page.keyboard.press("Escape");
    await page.waitForSelector("#confirm-dialog:not([open])", { state: "attached" });
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      "delete-selected",
      "focus returns to the button",
    );
    // Labels for screen readers.
    const unlabeled = await page.evaluate(() =>
      [...document.querySelectorAll("input, select, button")]
        .filter((c) => {
          if (c.closest("[hidden]") || c.type === "hidden") return false;
          const label =
            c.labels?.length ||
            c.getAttribute("aria-label") ||
            c.getAttribute("aria-labelledby") ||
            c.textContent.trim();
          return !label;
        })
        .map((c) => c.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabeled, []);
    assert.equal(await page.getAttribute("#load-status", "aria-live"), "polite");
    assert.equal(await page.getAttribute("#progress-text", "aria-live"), "polite");

    await page.click("#disconnect");
    await page.waitForSelector("#connect-view:not([hidden])");
    assert.equal(await page.inputValue("#access-key-id"), "");
    assert.equal(await page.inputValue("#access-key-secret"), "");
    assert.equal(await page.locator("#eni-table tbody tr").count(), 0, "the data is gone too");
    await assertNothingSecret(page, context);
    assertQuiet(events);
  });
});

test("disconnecting in the middle of a listing and of deletes leaves no error behind", T, async () => {
  const picks = deletable(emu).slice(0, 2);
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    await connectAndLoad(page, { endpoint: emu.url });
    for (const e of picks) await page.check(`${row(e.NetworkInterfaceId)} input[data-action='select']`);
    emu.setFaults({ latencyMs: 400 });
    try {
      await page.click("#delete-selected");
      await page.click("#confirm-ok");
      await page.waitForSelector("#eni-table .badge.spin");
      await page.click("#disconnect");
      await page.waitForSelector("#connect-view:not([hidden])");
      // and again while a listing streams
      await connect(page, { endpoint: emu.url });
      await page.waitForSelector("#load-status[data-state='loading']", { state: "attached" });
      await page.click("#disconnect");
      await page.waitForSelector("#connect-view:not([hidden])");
      await page.waitForTimeout(1500); // let every aborted request settle
    } finally {
      emu.clearFaults();
    }
    assert.ok(await page.isHidden("#workspace"));
    assert.equal(await page.locator("#eni-table tbody tr").count(), 0);
    assert.ok(await page.isHidden("#connect-error"), "no error shown for a cancelled load");
    await assertNothingSecret(page, context);
    assertQuiet(events, { allowConsole: true });
    // Connecting again works.
    const { state } = await connectAndLoad(page, { endpoint: emu.url });
    assert.equal(state, "done");
    assertQuiet(events, { allowConsole: true });
  });
});

for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
  test(`STS credentials connect with the SecurityToken (${algorithm})`, T, async () => {
    const { STS } = await import("./helpers.mjs");
    await withPage(browser, site.url, {}, async ({ page, context, events }) => {
      const tokens = []; // x-acs-security-token of the API requests (V3 sends the token there)
      page.on("request", (r) => {
        if (r.url().startsWith(emu.url) && r.method() !== "OPTIONS") tokens.push(r.headers()["x-acs-security-token"]);
      });
      await page.selectOption("#signature-algorithm", algorithm);
      emu.clearLog();
      const { loaded } = await connectAndLoad(page, { endpoint: emu.url, ...STS });
      assert.equal(loaded, emulatorEnis(emu).length);
      const first = describeLog()[0];
      assert.equal(first.algorithm, algorithm);
      if (algorithm === "HMAC-SHA1") {
        assert.equal(first.params.SecurityToken, "***");
        assert.ok(tokens.every((t) => t === undefined));
      } else {
        assert.equal(first.params.SecurityToken, undefined, "V3: not a parameter");
        assert.ok(tokens.length > 0 && tokens.every((t) => t === STS.securityToken), "V3: in its header");
      }
      assert.equal(await page.inputValue("#security-token"), "");
      await assertNothingSecret(page, context);
      assertQuiet(events);
    });
  });
}

// The main states again in dark mode and on a phone, for a person to look at.
for (const [label, options] of [
  ["dark-1280", { colorScheme: "dark", viewport: DESKTOP }],
  ["light-phone", { colorScheme: "light", viewport: PHONE, isMobile: true }],
  ["dark-phone", { colorScheme: "dark", viewport: PHONE, isMobile: true }],
]) {
  test(`screenshots: ${label}`, T, async () => {
    const picks = deletable(emu).slice(0, 2);
    await withPage(browser, site.url, options, async ({ page, events }) => {
      await shot(page, `connect-${label}`);
      await connect(page, { endpoint: emu.url, accessKeySecret: "wrong" });
      await page.waitForSelector("#connect-error:not([hidden])");
      await shot(page, `error-secret-${label}`);
      await connectAndLoad(page, { endpoint: emu.url });
      await shot(page, `table-${label}`);
      await page.click(`${row(picks[0].NetworkInterfaceId)} button[data-action='open']`);
      await page.waitForSelector("#detail-dialog[open]");
      await shot(page, `detail-${label}`);
      await page.keyboard.press("Escape");
      for (const e of picks) await page.check(`${row(e.NetworkInterfaceId)} input[data-action='select']`);
      await page.click("#delete-selected");
      await page.waitForSelector("#confirm-dialog[open]");
      await shot(page, `confirm-${label}`);
      emu.setFaults({ latencyMs: 300 });
      try {
        await page.click("#confirm-ok");
        await page.waitForSelector("#eni-table .badge.spin");
        await page.locator("#progress-panel").scrollIntoViewIfNeeded();
        await shot(page, `progress-${label}`);
        await page.waitForSelector("#progress-panel[data-state='finished']");
      } finally {
        emu.clearFaults();
      }
      await page.click("#filters-panel > summary");
      await shot(page, `filters-${label}`);
      assertQuiet(events, { allowConsole: true });
    });
  });
}
