// The CORS relay (www/relay/worker.js) in workerd through Miniflare, in front of the ECS emulator
// with CORS off: the package and the admin page work through it from an allowed origin; requests
// signed with either algorithm (V3 ACS3-HMAC-SHA256 signed for the ECS host while sent to the
// relay, and V2 HMAC-SHA1, GET and POST) pass with exactly their signed headers; other origins,
// actions, lookalike action parameters, methods and regions are refused; the preflight is
// answered for V3's headers; access control (shared secret, Cloudflare Access JWT) and the rate
// limit refuse what they must; the target host follows resolveEndpoint's rule and never leaves
// aliyuncs.com.
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
const SECRET = "relay-test-secret-7c1f";
// The host the client signs for (V3) while sending to the relay: the region's ECS host.
const ECS_HOST = "ecs-cn-hangzhou.aliyuncs.com";
// As in www/relay/wrangler.toml.
const COMPAT = /compatibility_date = "([\d-]+)"/.exec(
  readFileSync(join(ROOT, "www", "relay", "wrangler.toml"), "utf8"),
)[1];
let emu, site, relay, relayUrl, openRelay, openRelayUrl, browser, lib;

before(async () => {
  if (skip) return;
  emu = await startEmulator({ enis: 60, seed: 5, deleteDelayMs: 200, cors: false, hostAliases: [ECS_HOST] });
  site = await startStaticServer();
  relay = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: COMPAT,
    host: "127.0.0.1",
    port: 0,
    bindings: { ALLOWED_ORIGINS: APP, UPSTREAM: emu.url, RELAY_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: "100000" },
  });
  relayUrl = String(await relay.ready).replace(/\/$/, "");
  // The admin page cannot send a relay secret: its relay runs with the origin check only.
  openRelay = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: COMPAT,
    host: "127.0.0.1",
    port: 0,
    bindings: { ALLOWED_ORIGINS: new URL(site.url).origin, UPSTREAM: emu.url, ALLOW_UNAUTHENTICATED: "true" },
  });
  openRelayUrl = String(await openRelay.ready).replace(/\/$/, "");
  lib = await vendorPackage();
  browser = await launch();
});

after(async () => {
  await browser?.close().catch(() => {});
  await relay?.dispose().catch(() => {});
  await openRelay?.dispose().catch(() => {});
  await site?.close();
  await emu?.close();
});

const T = skip ? { skip } : { timeout: 60_000 };

/** fetch as a page at `origin` would (browsers add Origin; Node does not), with the relay's secret. */
const fromOrigin =
  (origin, secret = SECRET) =>
  (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("Origin", origin);
    if (secret) headers.set("X-Relay-Secret", secret);
    return fetch(input, { ...init, headers });
  };

/** A client sending to the relay and signing (V3) for the region's ECS host the relay forwards to. */
function client(origin = APP, signatureAlgorithm = "ACS3-HMAC-SHA256") {
  return new lib.EcsClient({
    regionId: REGION,
    endpoint: relayUrl,
    signingHost: new URL(lib.resolveEndpoint(REGION)).host,
    signatureAlgorithm,
    credentials: KEY,
    maxAttempts: 1,
    fetch: fromOrigin(origin),
  });
}

test("the preflight is answered for allowed origins only", T, async () => {
  const ok = await fetch(`${relayUrl}/?Action=DescribeNetworkInterfaces`, {
    method: "OPTIONS",
    headers: {
      Origin: APP,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers":
        "authorization,x-acs-action,x-acs-content-sha256,x-acs-date,x-acs-security-token,x-acs-signature-nonce,x-acs-version,x-acs-accesskey-id,x-relay-secret,x-custom,cookie",
    },
  });
  assert.equal(ok.status, 204);
  assert.equal(ok.headers.get("access-control-allow-origin"), APP);
  assert.match(ok.headers.get("access-control-allow-methods"), /GET/);
  assert.match(ok.headers.get("access-control-allow-methods"), /POST/);
  assert.equal(
    ok.headers.get("access-control-allow-headers"),
    "authorization, x-acs-action, x-acs-content-sha256, x-acs-date, x-acs-security-token, x-acs-signature-nonce, x-acs-version, x-acs-accesskey-id, x-relay-secret",
    "V3's headers and the relay secret, nothing else",
  );
  assert.equal(ok.headers.get("access-control-max-age"), "600");
  assert.match(ok.headers.get("vary"), /Origin/);
  const no = await fetch(`${relayUrl}/`, {
    method: "OPTIONS",
    headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
  });
  assert.equal(no.status, 403);
  assert.equal(no.headers.get("access-control-allow-origin"), null);
});

for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
  test(`the package lists and deletes through the relay from an allowed origin (${algorithm})`, T, async () => {
    emu.clearLog();
    const c = client(APP, algorithm);
    let n = 0;
    for await (const eni of c.listNetworkInterfaces({ maxResults: 25 })) {
      assert.ok(eni.networkInterfaceId);
      n++;
    }
    assert.equal(n, emulatorEnis(emu).length, "every page came through");
    const target = emulatorEnis(emu).find(
      (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );
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
    assert.deepEqual([...new Set(emu.log().requests.map((q) => q.algorithm))], [algorithm]);
    c.free();
  });
}

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
    const res = await fetch(`${relayUrl}/?${signed}`, { headers: { Origin: APP, "X-Relay-Secret": SECRET } });
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
    const res = await fetch(`${relayUrl}/?${query}`, { headers: { Origin: APP, "X-Relay-Secret": SECRET } });
    assert.equal(res.status, 403, query);
    assert.equal(res.headers.get("access-control-allow-origin"), APP, "the page may read why");
    assert.equal((await res.json()).Code, "Relay.ActionNotAllowed");
  }
  for (const method of ["PUT", "DELETE", "PATCH"]) {
    const res = await fetch(`${relayUrl}/?${describe}`, {
      method,
      headers: { Origin: APP, "X-Relay-Secret": SECRET },
      body: "x",
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
    bindings: { ALLOWED_ORIGINS: APP, ALLOW_UNAUTHENTICATED: "true" },
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
        headers: { Origin: APP, Cookie: "session=1", "X-Other": "x" },
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
      assert.equal(seen[0].headers["x-other"], undefined, "no other header forwarded");
      assert.equal(seen[0].headers.authorization, undefined, "V2: no authorization");
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

// The page with its relay option (V3, the default, signed for the region's ECS host); this relay
// runs with the origin check only, so the page sends no secret (tests/www/signature.test.mjs
// drives the page through a relay with a secret, with both algorithms).
test("the admin page works through the relay while ECS itself sends no CORS headers", T, async () => {
  await withPage(browser, site.url, {}, async ({ page, events }) => {
    emu.clearLog();
    await page.check("#via-relay");
    const { state, loaded } = await connectAndLoad(page, { endpoint: openRelayUrl });
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
    assert.deepEqual([...new Set(emu.log().requests.map((q) => q.algorithm))], ["ACS3-HMAC-SHA256"]);
  });
});

// ---- both signatures, and the hardening of issue 15 -----------------------------------------------

/** A request signed by the package's signRpcRequest for the relay, as a page would send it. */
function signedThroughRelay(algorithm, action, parameters, { method, host = ECS_HOST } = {}) {
  return lib.signRpcRequest(
    {
      endpoint: relayUrl,
      action,
      version: "2014-05-26",
      parameters: { RegionId: REGION, ...parameters },
      method,
      host,
    },
    KEY,
    { signatureAlgorithm: algorithm },
  );
}

async function send(signed, extraHeaders = {}) {
  return fetch(signed.url, {
    method: signed.method,
    headers: { ...signed.headers, Origin: APP, "X-Relay-Secret": SECRET, ...extraHeaders },
    body: signed.body,
  });
}

for (const algorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
  for (const method of ["POST", "GET"]) {
    test(`${algorithm} ${method}: signRpcRequest's requests list and delete through the relay`, T, async () => {
      emu.clearLog();
      const described = await send(
        signedThroughRelay(algorithm, "DescribeNetworkInterfaces", { MaxResults: "5" }, { method }),
      );
      assert.equal(described.status, 200, await described.clone().text());
      assert.equal(described.headers.get("access-control-allow-origin"), APP);
      const page = await described.json();
      assert.equal(page.NetworkInterfaceSets.NetworkInterfaceSet.length, 5);
      const target = emulatorEnis(emu).find(
        (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
      );
      const deleted = await send(
        signedThroughRelay(
          algorithm,
          "DeleteNetworkInterface",
          { NetworkInterfaceId: target.NetworkInterfaceId },
          { method },
        ),
      );
      assert.equal(deleted.status, 200, await deleted.clone().text());
      const log = emu.log().requests;
      assert.deepEqual(
        log.map((r) => [r.algorithm, r.method, r.action, r.status]),
        [
          [algorithm, method, "DescribeNetworkInterfaces", 200],
          [algorithm, method, "DeleteNetworkInterface", 200],
        ],
      );
    });
  }
}

test(
  "V3: the relay forwards exactly the signed headers (an unsigned x-acs-* header, the relay secret and cookies stay behind); signed for another host it fails at ECS",
  T,
  async () => {
    emu.clearLog();
    // The emulator refuses unsigned x-acs-* headers: this passes only if the relay drops it.
    const extra = await send(signedThroughRelay("ACS3-HMAC-SHA256", "DescribeNetworkInterfaces", {}), {
      "x-acs-extra": "1",
    });
    assert.equal(extra.status, 200, await extra.clone().text());
    await extra.arrayBuffer();
    const wrongHost = await send(
      signedThroughRelay("ACS3-HMAC-SHA256", "DescribeNetworkInterfaces", {}, { host: "ecs.cn-beijing.aliyuncs.com" }),
    );
    assert.equal(wrongHost.status, 400);
    assert.equal((await wrongHost.json()).Code, "SignatureDoesNotMatch");

    const seen = [];
    const mf = new Miniflare({
      modules: true,
      scriptPath: SCRIPT,
      compatibilityDate: COMPAT,
      bindings: { ALLOWED_ORIGINS: APP, RELAY_SECRET: SECRET },
      outboundService: async (request) => {
        seen.push({
          url: request.url,
          method: request.method,
          headers: Object.fromEntries(request.headers),
          body: await request.text(),
        });
        return new Response('{"RequestId":"X"}', { headers: { "Content-Type": "application/json" } });
      },
    });
    try {
      const signed = lib.signRpcRequest(
        {
          endpoint: "http://relay.test",
          action: "DescribeNetworkInterfaces",
          version: "2014-05-26",
          parameters: { RegionId: "cn-shanghai", "Tag.1.Key": "a b+c" },
          host: "ecs.cn-shanghai.aliyuncs.com",
        },
        { ...KEY, securityToken: "sts-token-abcdef" },
      );
      const res = await mf.dispatchFetch(signed.url, {
        method: signed.method,
        headers: {
          ...signed.headers,
          Origin: APP,
          "X-Relay-Secret": SECRET,
          Cookie: "session=1",
          "x-acs-unsigned": "1",
        },
      });
      assert.equal(res.status, 200);
      await res.arrayBuffer();
      assert.equal(seen.length, 1);
      const [sent] = seen;
      assert.equal(sent.url, `https://ecs.cn-shanghai.aliyuncs.com/${signed.url.slice("http://relay.test/".length)}`);
      assert.equal(sent.method, "POST");
      assert.equal(sent.body, "");
      const names = Object.keys(sent.headers)
        .filter((n) => n.startsWith("x-acs-") || n === "authorization")
        .sort();
      const signedNames = /SignedHeaders=([^,]*)/
        .exec(signed.headers.Authorization)[1]
        .split(";")
        .filter((n) => n !== "host");
      assert.deepEqual(names, [...signedNames, "authorization"].sort());
      for (const name of signedNames) assert.equal(sent.headers[name], signed.headers[name], name);
      assert.equal(sent.headers.authorization, signed.headers.Authorization);
      assert.equal(sent.headers["x-relay-secret"], undefined, "the relay secret is not forwarded");
      assert.equal(sent.headers.cookie, undefined);
    } finally {
      await mf.dispose();
    }
  },
);

/** A relay with `bindings` in front of a recorder; returns { dispatch, seen, dispose }. */
function recordingRelay(bindings, extra = {}) {
  const seen = [];
  const mf = new Miniflare({
    modules: true,
    scriptPath: SCRIPT,
    compatibilityDate: COMPAT,
    bindings: { ALLOWED_ORIGINS: APP, ...bindings },
    outboundService: (request) => {
      if (extra.outbound) {
        const answer = extra.outbound(request);
        if (answer) return answer;
      }
      seen.push(request.url);
      return new Response('{"RequestId":"X"}', { headers: { "Content-Type": "application/json" } });
    },
    ...extra.options,
  });
  const describe = "http://relay.test/?Action=DescribeNetworkInterfaces&RegionId=cn-hangzhou&Signature=x";
  return {
    seen,
    dispatch: (headers = {}, url = describe, init = {}) =>
      mf.dispatchFetch(url, { ...init, headers: { Origin: APP, ...headers } }),
    dispose: () => mf.dispose(),
  };
}

test(
  "issue 15: without its secret (or with a wrong one) the relay refuses, and forwards nothing; with no access control configured it refuses everything",
  T,
  async () => {
    const r = recordingRelay({ RELAY_SECRET: SECRET });
    try {
      for (const headers of [
        {},
        { "X-Relay-Secret": "wrong" },
        { "X-Relay-Secret": `${SECRET}x` },
        { "X-Relay-Secret": "" },
      ]) {
        const res = await r.dispatch(headers);
        assert.equal(res.status, 401, JSON.stringify(headers));
        assert.equal((await res.json()).Code, "Relay.Unauthorized");
        assert.equal(res.headers.get("access-control-allow-origin"), APP, "the page may read why");
      }
      assert.equal(r.seen.length, 0);
      const ok = await r.dispatch({ "X-Relay-Secret": SECRET });
      assert.equal(ok.status, 200);
      await ok.arrayBuffer();
      assert.equal(r.seen.length, 1);
    } finally {
      await r.dispose();
    }
    const bare = recordingRelay({});
    try {
      const res = await bare.dispatch();
      assert.equal(res.status, 500);
      assert.equal((await res.json()).Code, "Relay.NotConfigured");
      assert.equal(bare.seen.length, 0);
    } finally {
      await bare.dispose();
    }
  },
);

test(
  "issue 15: over its rate limit the relay answers 429 Throttling.Relay with Retry-After (per-isolate window, and the RATE_LIMITER binding)",
  T,
  async () => {
    const r = recordingRelay({ RELAY_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await r.dispatch({ "X-Relay-Secret": SECRET });
        statuses.push(res.status);
        if (res.status === 429) {
          assert.equal((await res.clone().json()).Code, "Throttling.Relay");
          assert.ok(Number(res.headers.get("retry-after")) >= 1);
        }
        await res.arrayBuffer();
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.equal(r.seen.length, 3);
    } finally {
      await r.dispose();
    }
    const bound = recordingRelay(
      { RELAY_SECRET: SECRET },
      { options: { ratelimits: { RATE_LIMITER: { simple: { limit: 2, period: 60 } } } } },
    );
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) {
        const res = await bound.dispatch({ "X-Relay-Secret": SECRET });
        statuses.push(res.status);
        await res.arrayBuffer();
      }
      assert.deepEqual(statuses, [200, 200, 429, 429]);
    } finally {
      await bound.dispose();
    }
  },
);

test(
  "issue 15: lookalike action parameters are refused (action, 'Action ', full-width, invisible characters; any action parameter beside V3's x-acs-action)",
  T,
  async () => {
    const r = recordingRelay({ RELAY_SECRET: SECRET });
    const base = "http://relay.test/?RegionId=cn-hangzhou&Signature=x&Action=DescribeNetworkInterfaces";
    try {
      for (const extra of [
        "action=DeleteVpc",
        "ACTION=DeleteVpc",
        "Action%20=DeleteVpc",
        "%20Action=DeleteVpc",
        "Act%20ion=DeleteVpc",
        "%EF%BC%A1ction=DeleteVpc", // full-width A
        "Act%C2%ADion=DeleteVpc", // soft hyphen
        "%E2%80%8BAction=DeleteVpc", // zero-width space
        "Action%00=DeleteVpc",
      ]) {
        const res = await r.dispatch({ "X-Relay-Secret": SECRET }, `${base}&${extra}`);
        assert.equal(res.status, 403, extra);
        assert.equal((await res.json()).Code, "Relay.ActionNotAllowed", extra);
      }
      // V2 POST: the form counts too.
      const form = await r.dispatch(
        { "X-Relay-Secret": SECRET, "Content-Type": "application/x-www-form-urlencoded" },
        base,
        {
          method: "POST",
          body: "action=DeleteVpc",
        },
      );
      assert.equal(form.status, 403);
      await form.arrayBuffer();
      // V3: the action is the header's; no action parameter at all may ride along.
      const v3 = lib.signRpcRequest(
        {
          endpoint: "http://relay.test",
          action: "DescribeNetworkInterfaces",
          version: "2014-05-26",
          parameters: { RegionId: "cn-hangzhou", action: "DeleteVpc" },
        },
        KEY,
      );
      const res = await r.dispatch({ ...v3.headers, "X-Relay-Secret": SECRET }, v3.url, { method: "POST" });
      assert.equal(res.status, 403);
      await res.arrayBuffer();
      const v3Other = lib.signRpcRequest(
        {
          endpoint: "http://relay.test",
          action: "DeleteVpc",
          version: "2014-05-26",
          parameters: { RegionId: "cn-hangzhou" },
        },
        KEY,
      );
      const other = await r.dispatch({ ...v3Other.headers, "X-Relay-Secret": SECRET }, v3Other.url, { method: "POST" });
      assert.equal(other.status, 403);
      await other.arrayBuffer();
      assert.equal(r.seen.length, 0, "nothing was forwarded");
    } finally {
      await r.dispose();
    }
  },
);

test(
  "issue 15: with Cloudflare Access configured, only a valid Access JWT (signature, audience, issuer, expiry) passes",
  T,
  async () => {
    const TEAM = "team.cloudflareaccess.com";
    const AUD = "aud-tag-123";
    const gen = () =>
      crypto.subtle.generateKey(
        { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
        true,
        ["sign", "verify"],
      );
    const good = await gen();
    const rogue = await gen();
    const jwk = { ...(await crypto.subtle.exportKey("jwk", good.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    const b64 = (bytes) => Buffer.from(bytes).toString("base64url");
    const jwt = async (claims, key = good.privateKey, kid = "k1") => {
      const head = b64(JSON.stringify({ alg: "RS256", kid, typ: "JWT" }));
      const body = b64(JSON.stringify(claims));
      const sig = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key, new TextEncoder().encode(`${head}.${body}`));
      return `${head}.${body}.${b64(new Uint8Array(sig))}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const valid = { aud: [AUD], iss: `https://${TEAM}`, exp: now + 600, iat: now, email: "ops@example.com" };
    const r = recordingRelay(
      { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD },
      {
        outbound: (request) =>
          request.url === `https://${TEAM}/cdn-cgi/access/certs`
            ? new Response(JSON.stringify({ keys: [jwk] }), { headers: { "Content-Type": "application/json" } })
            : null,
      },
    );
    try {
      const cases = [
        ["no token", null],
        ["garbage", "not.a.jwt"],
        ["wrong key", await jwt(valid, rogue.privateKey)],
        ["unknown kid", await jwt(valid, good.privateKey, "k2")],
        ["wrong audience", await jwt({ ...valid, aud: ["other"] })],
        ["wrong issuer", await jwt({ ...valid, iss: "https://evil.cloudflareaccess.com" })],
        ["expired", await jwt({ ...valid, exp: now - 10 })],
      ];
      for (const [what, token] of cases) {
        const res = await r.dispatch(token ? { "Cf-Access-Jwt-Assertion": token } : {});
        assert.equal(res.status, 401, what);
        assert.equal((await res.json()).Code, "Relay.Unauthorized", what);
      }
      assert.equal(r.seen.length, 0);
      const ok = await r.dispatch({ "Cf-Access-Jwt-Assertion": await jwt(valid) });
      assert.equal(ok.status, 200, await ok.clone().text());
      await ok.arrayBuffer();
      assert.equal(r.seen.length, 1);
    } finally {
      await r.dispose();
    }
  },
);
