// The admin page and the two signatures (issue 11) in headless Chromium: V3 (ACS3-HMAC-SHA256)
// by default, V2 (HMAC-SHA1) on request, straight to the emulator and through the relay
// (www/relay/worker.js in workerd via Miniflare, with its secret), where the page signs for the
// region's real ECS host while sending to the relay. Each lists and deletes; the emulator's log
// says which signature every request carried.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import {
  REGION,
  ROOT,
  SECRETS,
  assertNothingSecret,
  assertQuiet,
  connect,
  deletable,
  emulatorEnis,
  launch,
  missing,
  shot,
  startEmulator,
  startStaticServer,
  vendorPackage,
  waitLoaded,
  withPage,
} from "./helpers.mjs";

const skip = missing();
const RELAY_SECRET = "relay-secret-for-the-page-test";
const COMPAT = /compatibility_date = "([\d-]+)"/.exec(
  readFileSync(join(ROOT, "www", "relay", "wrangler.toml"), "utf8"),
)[1];
let emu, site, relay, relayUrl, browser;

before(async () => {
  if (skip) return;
  // CORS off: the browser can reach the emulator only through the relay (as with real ECS).
  // It answers as the regions' real ECS hosts, which V3 signs for through the relay.
  const lib = await vendorPackage();
  const hostAliases = ["cn-hangzhou", "cn-shanghai"].map((r) => new URL(lib.resolveEndpoint(r)).host);
  emu = await startEmulator({ enis: 50, seed: 21, deleteDelayMs: 100, cors: false, hostAliases });
  site = await startStaticServer();
  relay = new Miniflare({
    modules: true,
    scriptPath: join(ROOT, "www", "relay", "worker.js"),
    compatibilityDate: COMPAT,
    host: "127.0.0.1",
    port: 0,
    bindings: { ALLOWED_ORIGINS: new URL(site.url).origin, UPSTREAM: emu.url, RELAY_SECRET },
  });
  relayUrl = String(await relay.ready).replace(/\/$/, "");
  browser = await launch();
});

after(async () => {
  await browser?.close().catch(() => {});
  await relay?.dispose().catch(() => {});
  await site?.close();
  await emu?.close();
});

const T = skip ? { skip } : { timeout: 90_000 };
const row = (id) => `#eni-table tbody tr[data-id="${id}"]`;
const ALGORITHMS = ["ACS3-HMAC-SHA256", "HMAC-SHA1"];

/** Fills the form for the relay, with `algorithm`, and connects. */
async function connectThroughRelay(page, algorithm, secret = RELAY_SECRET) {
  await page.selectOption("#signature-algorithm", algorithm);
  await page.check("#via-relay");
  await page.fill("#relay-secret", secret);
  await connect(page, { endpoint: relayUrl });
}

test("V3 is the form's default and the relay options say which host is signed", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    assert.equal(await page.inputValue("#signature-algorithm"), "ACS3-HMAC-SHA256");
    assert.ok(!(await page.isChecked("#via-relay")));
    assert.ok(await page.isHidden("#relay-secret-field"));
    await page.check("#via-relay");
    assert.ok(await page.isVisible("#relay-secret-field"));
    assert.equal((await page.textContent("#relay-host")).trim(), "ecs-cn-hangzhou.aliyuncs.com");
    await page.fill("#region", "ap-southeast-1");
    assert.equal((await page.textContent("#relay-host")).trim(), "ecs.ap-southeast-1.aliyuncs.com");
    // A workers.dev endpoint turns the relay on by itself.
    await page.uncheck("#via-relay");
    await page.fill("#endpoint", "https://eni-relay.example.workers.dev");
    assert.ok(await page.isChecked("#via-relay"));
    await shot(page, "connect-relay-light-1280");
    assertQuiet(events);
  });
});

for (const algorithm of ALGORITHMS) {
  test(`through the relay with ${algorithm}: signed for the ECS host, listed, one deleted`, T, async () => {
    const [target] = deletable(emu);
    const id = target.NetworkInterfaceId;
    await withPage(browser, site.url, {}, async ({ page, context, events }) => {
      emu.clearLog();
      await connectThroughRelay(page, algorithm);
      await page.waitForSelector("#workspace:not([hidden])");
      const { state, loaded } = await waitLoaded(page);
      assert.equal(state, "done");
      assert.equal(loaded, emulatorEnis(emu).length);
      await page.check(`${row(id)} input[data-action='select']`);
      await page.click("#delete-selected");
      await page.click("#confirm-ok");
      await page.waitForSelector("#progress-panel[data-state='finished']");
      assert.match(await page.textContent("#progress-text"), /^1 deleted/);
      assert.ok(!emulatorEnis(emu).some((e) => e.NetworkInterfaceId === id), "deleted");
      const requests = emu.log().requests;
      assert.ok(requests.some((r) => r.action === "DescribeNetworkInterfaces"));
      assert.ok(requests.some((r) => r.action === "DeleteNetworkInterface" && r.status === 200));
      assert.deepEqual([...new Set(requests.map((r) => r.algorithm))], [algorithm], "every request with it");
      assert.equal(await page.inputValue("#relay-secret"), "", "the relay secret left the form");
      await assertNothingSecret(page, context, [...SECRETS, RELAY_SECRET]);
      assertQuiet(events);
    });
  });
}

test("straight to an endpoint with CORS: V3 by default, V2 when chosen", T, async () => {
  const open = await startEmulator({ enis: 20, seed: 22, deleteDelayMs: 50, cors: true });
  try {
    for (const algorithm of ALGORITHMS) {
      await withPage(browser, site.url, {}, async ({ page, events }) => {
        if (algorithm !== "ACS3-HMAC-SHA256") await page.selectOption("#signature-algorithm", algorithm);
        open.clearLog();
        await connect(page, { endpoint: open.url });
        assert.equal((await waitLoaded(page)).loaded, emulatorEnis(open).length);
        const [target] = deletable(open);
        await page.check(`${row(target.NetworkInterfaceId)} input[data-action='select']`);
        await page.click("#delete-selected");
        await page.click("#confirm-ok");
        await page.waitForSelector("#progress-panel[data-state='finished']");
        assert.match(await page.textContent("#progress-text"), /^1 deleted/);
        assert.deepEqual([...new Set(open.log().requests.map((r) => r.algorithm))], [algorithm]);
        assertQuiet(events);
      });
    }
  } finally {
    await open.close();
  }
});

test("a wrong relay secret is explained on the form, and nothing reaches ECS", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, context, events }) => {
    emu.clearLog();
    await connectThroughRelay(page, "ACS3-HMAC-SHA256", "not-the-relay-secret");
    await page.waitForSelector("#connect-error:not([hidden])");
    assert.equal(await page.getAttribute("#connect-error", "data-code"), "Relay.Unauthorized");
    assert.match(await page.textContent("#connect-error"), /relay secret/);
    assert.equal(await page.getAttribute("#relay-secret", "aria-invalid"), "true");
    assert.ok(await page.isHidden("#workspace"));
    assert.equal(emu.log().requests.length, 0, "the relay forwarded nothing");
    await shot(page, "error-relay-secret-light-1280");
    // The wrong relay secret is cleared (the keys stay for another try, as after any refusal).
    await assertNothingSecret(page, context, ["not-the-relay-secret"]);
    assertQuiet(events, { allowConsole: true });
  });
});

test(`the region switcher through the relay signs each region's own host (${REGION} -> cn-shanghai)`, T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    await connectThroughRelay(page, "ACS3-HMAC-SHA256");
    await waitLoaded(page);
    emu.clearLog();
    await page.selectOption("#region-switch", "cn-shanghai");
    await page.waitForFunction(() => new URLSearchParams(location.search).get("region") === "cn-shanghai");
    const { state, loaded } = await waitLoaded(page);
    assert.equal(state, "done");
    assert.equal(loaded, emulatorEnis(emu, "cn-shanghai").length);
    const sent = emu.log().requests;
    assert.ok(sent.length > 0 && sent.every((r) => r.params.RegionId === "cn-shanghai" && r.status === 200));
    assertQuiet(events);
  });
});
