// The CORS relay (www/relay/worker.js) in workerd through Miniflare, in front of the ECS emulator
// with CORS off: the package and the admin page work through it from an allowed origin; other
// origins, actions, methods and regions are refused; the preflight is answered; the target host
// follows resolveEndpoint's rule and never leaves aliyuncs.com.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import {
  KEY,
  REGION,
  ROOT,
  connectAndLoad,
  emulatorEnis,
  launch,
  missing,
  startEmulator,
  startStaticServer,
  vendorPackage,
  withPage,
} from "./helpers.mjs";

const skip = missing();
const SCRIPT = join(ROOT, "www", "relay", "worker.js");
const APP = "https://eni-console.example";
// As in www/relay/wrangler.toml.
const COMPAT = /compatibility_date = "([\d-]+)"/.exec(
  readFileSync(join(ROOT, "www", "relay", "wrangler.toml"), "utf8"),
)[1];
let emu, site, relay, relayUrl, browser, lib;

before(async () => {
  if (skip) return;
  emu = await startEmulator({ enis: 60, seed: 5, deleteDelayMs: 200, cors: false });
  site = await startStaticServer();
  relay = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: COMPAT,
    host: "127.0.0.1",
    port: 0,
    bindings: { ALLOWED_ORIGINS: `${APP}, ${new URL(site.url).origin}`, UPSTREAM: emu.url },
  });
  relayUrl = String(await relay.ready).replace(/\/$/, "");
  lib = await vendorPackage();
  browser = await launch();
});

after(async () => {
  await browser?.close().catch(() => {});
  await relay?.dispose().catch(() => {});
  await site?.close();
  await emu?.close();
});

const T = skip ? { skip } : { timeout: 60_000 };

/** fetch as a page at `origin` would (browsers add Origin; Node does not). */
const fromOrigin =
  (origin) =>
  (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Origin", origin);
    return fetch(input, { ...init, headers });
  };

function client(origin = APP) {
  return new lib.EcsClient({
    regionId: REGION,
    endpoint: relayUrl,
    credentials: KEY,
    maxAttempts: 1,
    fetch: fromOrigin(origin),
  });
}

test("the preflight is answered for allowed origins only", T, async () => {
  const ok = await fetch(`${relayUrl}/?Action=DescribeNetworkInterfaces`, {
    method: "OPTIONS",
    headers: { Origin: APP, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "x-custom" },
  });
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get("access-control-allow-origin"), APP);
  assert.match(ok.headers.get("access-control-allow-methods"), /GET/);
  assert.equal(ok.headers.get("access-control-allow-headers"), "x-custom");
  assert.equal(ok.headers.get("access-control-max-age"), "600");
  assert.match(ok.headers.get("vary"), /Origin/);
  const no = await fetch(`${relayUrl}/`, {
    method: "OPTIONS",
    headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
  });
  assert.equal(no.status, 403);
  assert.equal(no.headers.get("access-control-allow-origin"), null);
});

test("the package lists and deletes through the relay from an allowed origin", T, async () => {
  const c = client();
  let n = 0;
  for await (const eni of c.listNetworkInterfaces({ maxResults: 25 })) {
    assert.ok(eni.networkInterfaceId);
    n++;
  }
  assert.equal(n, emulatorEnis(emu).length, "every page came through");
  const target = emulatorEnis(emu).find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const { requestId } = await c.deleteNetworkInterface(target.NetworkInterfaceId, { waitUntilDeleted: true });
  assert.match(requestId, /^[0-9A-F-]{36}$/);
  assert.ok(!emulatorEnis(emu).some((e) => e.NetworkInterfaceId === target.NetworkInterfaceId));
  // API errors pass through unchanged, with their request ID.
  const err = await c.deleteNetworkInterface("eni-bp1doesnotexist000000").catch((e) => e);
  assert.equal(err.name, "EcsError");
  assert.equal(err.kind, "api");
  assert.equal(err.code, "InvalidEniId.NotFound");
  assert.equal(err.httpStatus, 403);
  assert.ok(err.requestId);
  c.free();
});

test("answers carry CORS headers exposing Date and Retry-After; the query is forwarded byte for byte", T, async () => {
  emu.clearLog();
  const c = client();
  await c.describeNetworkInterfaces({ maxResults: 1, tags: [{ key: "a b+c", value: "x/y=z" }] });
  c.free();
  const [logged] = emu.log().requests;
  assert.equal(logged.status, 200, "the signature still matched after the relay");
  assert.equal(logged.params["Tag.1.Key"], "a b+c");
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 7 });
  try {
    const signed = await signedQuery({ Action: "DescribeNetworkInterfaces" });
    const res = await fetch(`${relayUrl}/?${signed}`, { headers: { Origin: APP } });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("access-control-allow-origin"), APP);
    assert.match(res.headers.get("access-control-expose-headers"), /Date/);
    assert.match(res.headers.get("access-control-expose-headers"), /Retry-After/);
    assert.equal(res.headers.get("retry-after"), "7");
    assert.ok(res.headers.get("date"));
    assert.equal((await res.json()).Code, "Throttling.User");
  } finally {
    emu.clearFaults();
  }
});

/** A signed query the way the package builds it (for raw requests). */
async function signedQuery(extra) {
  const params = {
    AccessKeyId: KEY.accessKeyId,
    Format: "JSON",
    RegionId: REGION,
    SignatureMethod: "HMAC-SHA1",
    SignatureNonce: crypto.randomUUID(),
    SignatureVersion: "1.0",
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    Version: "2014-05-26",
    ...extra,
  };
  params.Signature = lib.rpcSignature(params, KEY.accessKeySecret, "GET");
  return new URLSearchParams(params).toString();
}

test("other origins, actions, methods are refused and nothing reaches ECS", T, async () => {
  emu.clearLog();
  const describe = await signedQuery({ Action: "DescribeNetworkInterfaces" });
  // another origin, and no origin at all
  for (const headers of [{ Origin: "https://evil.example" }, {}]) {
    const res = await fetch(`${relayUrl}/?${describe}`, { headers });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get("access-control-allow-origin"), null);
    assert.equal((await res.json()).Code, "Relay.OriginNotAllowed");
  }
  const viaPackage = await client("https://evil.example")
    .describeNetworkInterfaces()
    .catch((e) => e);
  assert.equal(viaPackage.code, "Relay.OriginNotAllowed");
  // other actions, even when properly signed; Action given twice
  for (const query of [
    await signedQuery({ Action: "RunInstances" }),
    await signedQuery({ Action: "DeleteInstance", InstanceId: "i-x" }),
    `${describe}&Action=RunInstances`,
    describe.replace("Action=DescribeNetworkInterfaces", "Action=DescribeNetworkInterfaces&%41ction=DeleteVpc"),
    describe.replace(/(^|&)Action=[^&]*/, ""),
  ]) {
    const res = await fetch(`${relayUrl}/?${query}`, { headers: { Origin: APP } });
    assert.equal(res.status, 403, query);
    assert.equal(res.headers.get("access-control-allow-origin"), APP, "the page may read why");
    assert.equal((await res.json()).Code, "Relay.ActionNotAllowed");
  }
  for (const method of ["POST", "PUT", "DELETE"]) {
    const res = await fetch(`${relayUrl}/?${describe}`, {
      method,
      headers: { Origin: APP },
      body: method === "POST" ? describe : undefined,
    });
    assert.equal(res.status, 405, method);
  }
  assert.equal(emu.log().requests.length, 0, "nothing was forwarded");
});

test("without UPSTREAM the target is the region's ECS host, never outside aliyuncs.com", T, async () => {
  const seen = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: COMPAT,
    bindings: { ALLOWED_ORIGINS: APP },
    outboundService: (request) => {
      seen.push({ url: request.url, headers: Object.fromEntries(request.headers), method: request.method });
      if (request.url.includes("RegionId=ap-northeast-1"))
        return new Response(null, { status: 302, headers: { Location: "https://evil.example/" } });
      return new Response('{"RequestId":"X","NetworkInterfaceSets":{"NetworkInterfaceSet":[]},"TotalCount":0}', {
        headers: { "Content-Type": "application/json", "x-acs-request-id": "X", "Set-Cookie": "a=b" },
      });
    },
  });
  try {
    const cases = [
      ["cn-hangzhou", "https://ecs-cn-hangzhou.aliyuncs.com/"],
      ["cn-shanghai-finance-1", "https://ecs-cn-hangzhou.aliyuncs.com/"],
      ["cn-shenzhen-finance-1", "https://ecs-cn-hangzhou.aliyuncs.com/"],
      ["cn-shanghai", "https://ecs.cn-shanghai.aliyuncs.com/"],
      ["ap-southeast-1", "https://ecs.ap-southeast-1.aliyuncs.com/"],
    ];
    for (const [region, host] of cases) {
      assert.equal(host, `${lib.resolveEndpoint(region)}/`, "the same rule as the package");
      const query = `Action=DescribeNetworkInterfaces&RegionId=${region}&Tag.1.Key=a%20b%2Bc&Signature=ab%2Bc%2F%3D`;
      seen.length = 0;
      const res = await mf.dispatchFetch(`http://relay.test/some/path?${query}`, {
        headers: { Origin: APP, Cookie: "session=1", Authorization: "Bearer x" },
      });
      assert.equal(res.status, 200, region);
      assert.equal(res.headers.get("access-control-allow-origin"), APP);
      assert.equal(res.headers.get("x-acs-request-id"), "X");
      assert.equal(res.headers.get("set-cookie"), null, "upstream cookies are not passed on");
      await res.arrayBuffer();
      assert.equal(seen.length, 1);
      assert.equal(seen[0].url, `${host}?${query}`, "path fixed, query unchanged");
      assert.equal(seen[0].method, "GET");
      assert.equal(seen[0].headers.cookie, undefined, "no cookie forwarded");
      assert.equal(seen[0].headers.authorization, undefined, "no authorization forwarded");
    }
    seen.length = 0;
    for (const bad of ["evil.com%23", "x.evil.com", "EVIL", "-x", "a%2Fb", "", "evil.com%3A443%2F"]) {
      const res = await mf.dispatchFetch(`http://relay.test/?Action=DescribeNetworkInterfaces&RegionId=${bad}`, {
        headers: { Origin: APP },
      });
      assert.equal(res.status, 400, bad);
      assert.equal((await res.json()).Code, "Relay.InvalidRegionId");
    }
    const twice = await mf.dispatchFetch(
      "http://relay.test/?Action=DescribeNetworkInterfaces&RegionId=cn-hangzhou&RegionId=x",
      { headers: { Origin: APP } },
    );
    assert.equal(twice.status, 400);
    await twice.arrayBuffer();
    assert.equal(seen.length, 0, "no bad region was forwarded");
    const redirected = await mf.dispatchFetch(
      "http://relay.test/?Action=DescribeNetworkInterfaces&RegionId=ap-northeast-1",
      { headers: { Origin: APP } },
    );
    assert.equal(redirected.status, 502);
    assert.equal((await redirected.json()).Code, "Relay.UpstreamRedirect");
    assert.equal(seen.length, 1, "the redirect was not followed");
  } finally {
    await mf.dispose();
  }
});

test("the admin page works through the relay while ECS itself sends no CORS headers", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    const { state, loaded } = await connectAndLoad(page, { endpoint: relayUrl });
    assert.equal(state, "done");
    assert.equal(loaded, emulatorEnis(emu).length);
    const target = emulatorEnis(emu).find(
      (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );
    await page.check(`tr[data-id="${target.NetworkInterfaceId}"] input[data-action='select']`);
    await page.click("#delete-selected");
    await page.click("#confirm-ok");
    await page.waitForSelector("#progress-panel[data-state='finished']");
    assert.match(await page.textContent("#progress-text"), /1 deleted/);
    assert.ok(!emulatorEnis(emu).some((e) => e.NetworkInterfaceId === target.NetworkInterfaceId));
    assert.deepEqual(events.dialogs, []);
    assert.deepEqual(events.errors, []);
    assert.deepEqual(events.console, []);
  });
});
