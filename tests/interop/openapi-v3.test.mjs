// Interop: the official TypeScript SDK (@alicloud/ecs20140526 on @alicloud/openapi-core) in its
// default configuration (signature V3, ACS3-HMAC-SHA256) against the emulator. A recording
// proxy in front of the emulator keeps every request exactly as it went over the wire, so each
// one the emulator accepted can be re-signed with the SDK's own Utils.getAuthorization.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createRequire } from "node:module";
import { startEmulator } from "../emulator/server.mjs";
import { parseUrlEncoded } from "../emulator/sign.mjs";

const require = createRequire(import.meta.url);
const Ecs = require("@alicloud/ecs20140526");
const { $OpenApiUtil, OpenApiUtil } = require("@alicloud/openapi-core");
const EcsClient = Ecs.default;
const $dara = require("@darabonba/typescript");

const KEY = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" };
const STS = {
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
};

const emu = await startEmulator({ enis: 230, seed: 71, deleteDelayMs: 200, emptyValues: true });
const target = new URL(emu.url);

/** Every request that went through the proxy, as received, with the emulator's status. */
const wire = [];
const proxy = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const record = { method: req.method, url: req.url, headers: { ...req.headers }, body: body.toString("utf8") };
    wire.push(record);
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        record.status = up.statusCode;
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    out.end(body);
  });
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const endpoint = `127.0.0.1:${proxy.address().port}`;
after(async () => {
  await new Promise((r) => proxy.close(r));
  proxy.closeAllConnections();
  await emu.close();
});

function client(cred = KEY, extra = {}) {
  return new EcsClient(
    new $OpenApiUtil.Config({ ...cred, endpoint, protocol: "http", regionId: "cn-hangzhou", ...extra }),
  );
}
const ecs = client();
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const ids = (list) => list.map((e) => e.networkInterfaceId ?? e.NetworkInterfaceId);

async function listAll(c, filters = {}) {
  const out = [];
  let nextToken;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 1000);
    const res = await c.describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou", maxResults: 40, nextToken, ...filters }),
    );
    assert.equal(res.statusCode, 200);
    out.push(...res.body.networkInterfaceSets.networkInterfaceSet);
    nextToken = res.body.nextToken;
    if (!nextToken) return { enis: out, pages: pages + 1 };
  }
}

async function sdkError(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail("expected the SDK call to fail");
}

test("default configuration signs V3: lists every ENI with NextToken paging, each exactly once", async () => {
  wire.length = 0;
  const { enis, pages } = await listAll(ecs);
  assert.ok(pages >= 6, `${pages} pages`);
  assert.deepEqual(ids(enis), ids(hz()));
  assert.equal(new Set(ids(enis)).size, enis.length);
  assert.equal(wire.length, pages);
  for (const r of wire) {
    assert.match(r.headers.authorization, /^ACS3-HMAC-SHA256 Credential=emulator-key-id,SignedHeaders=host;/);
    assert.equal(r.headers["x-acs-action"], "DescribeNetworkInterfaces");
    assert.equal(r.status, 200);
    assert.ok(!("Signature" in Object.fromEntries(parseUrlEncoded(r.url.split("?")[1] || ""))));
  }
  assert.ok(
    emu
      .log()
      .requests.slice(-pages)
      .every((e) => e.algorithm === "ACS3-HMAC-SHA256"),
  );
});

test("every V3 request the emulator accepted passes the SDK's own check (re-signed with Utils.getAuthorization)", async () => {
  wire.length = 0;
  await listAll(ecs, { tag: [new Ecs.DescribeNetworkInterfacesRequestTag({ key: "team" })] });
  await listAll(client(STS), { status: "Available" });
  assert.ok(wire.length >= 2);
  for (const r of wire) {
    assert.equal(r.status, 200, r.url);
    const cred = r.headers["x-acs-security-token"] ? STS : KEY;
    const { authorization, ...headers } = r.headers;
    const query = Object.fromEntries(parseUrlEncoded(r.url.split("?")[1] || ""));
    const again = OpenApiUtil.getAuthorization(
      { method: r.method, pathname: "/", query, headers },
      "ACS3-HMAC-SHA256",
      headers["x-acs-content-sha256"],
      cred.accessKeyId,
      cred.accessKeySecret,
    );
    assert.equal(again, authorization);
  }
});

test("deletes one ENI: Deleting, then gone", async () => {
  const eni = hz().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const res = await ecs.deleteNetworkInterface(
    new Ecs.DeleteNetworkInterfaceRequest({ regionId: "cn-hangzhou", networkInterfaceId: eni.NetworkInterfaceId }),
  );
  assert.equal(res.statusCode, 200);
  assert.match(res.body.requestId, /^[0-9A-F-]{36}$/);
  assert.equal(emu.state().enis.find((e) => e.NetworkInterfaceId === eni.NetworkInterfaceId).Status, "Deleting");
  await new Promise((r) => setTimeout(r, 400));
  const { enis } = await listAll(ecs, { networkInterfaceId: [eni.NetworkInterfaceId] });
  assert.equal(enis.length, 0);
});

test("STS credentials (x-acs-security-token) work", async () => {
  const { enis } = await listAll(client(STS), { type: "Primary" });
  assert.deepEqual(ids(enis), ids(hz().filter((e) => e.Type === "Primary")));
});

test("errors arrive as the SDK's ClientError with the service's code and status", async () => {
  const notFound = await sdkError(
    ecs.deleteNetworkInterface(
      new Ecs.DeleteNetworkInterfaceRequest({
        regionId: "cn-hangzhou",
        networkInterfaceId: "eni-bp1doesnotexist000000",
      }),
    ),
  );
  assert.equal(notFound.name, "ClientError");
  assert.equal(notFound.code, "InvalidEniId.NotFound");
  assert.equal(notFound.statusCode, 403);
  const badSecret = await sdkError(
    client({ ...KEY, accessKeySecret: "wrong" }).describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou" }),
    ),
  );
  assert.equal(badSecret.code, "SignatureDoesNotMatch");
  assert.equal(badSecret.statusCode, 400);
  const token = await sdkError(
    ecs.describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou", nextToken: "AAAA" }),
    ),
  );
  assert.equal(token.code, "InvalidNextToken.Malformed");
  const sts = await sdkError(
    client({ ...STS, securityToken: "forged" }).describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou" }),
    ),
  );
  assert.equal(sts.code, "InvalidSecurityToken.MismatchWithAccessKey");
});

const DNI = (o) => new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou", ...o });
const sorted = (list) => [...list].sort();

test("filters as documented: SecurityGroupId secondary ENIs only, PrivateIpAddress.N secondary IPs, tags, IDs", async () => {
  const all = hz();
  const withPrimary = all.find((e) => e.Type === "Primary");
  const sg = withPrimary.SecurityGroupIds.SecurityGroupId[0];
  const bySg = await listAll(ecs, { securityGroupId: sg });
  assert.deepEqual(
    ids(bySg.enis),
    ids(all.filter((e) => e.Type === "Secondary" && e.SecurityGroupIds.SecurityGroupId.includes(sg))),
  );
  assert.ok(!ids(bySg.enis).includes(withPrimary.NetworkInterfaceId));
  const multi = all.filter((e) => e.PrivateIpSets.PrivateIpSet.length > 1).slice(0, 2);
  const secondary = multi.map((e) => e.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress);
  const byIp = await listAll(ecs, { privateIpAddress: [...secondary, all[0].PrivateIpAddress] });
  assert.deepEqual(ids(byIp.enis), sorted(ids(multi)));
  const tagged = await listAll(ecs, {
    tag: [new Ecs.DescribeNetworkInterfacesRequestTag({ key: "env", value: "prod" })],
  });
  assert.deepEqual(
    ids(tagged.enis),
    ids(all.filter((e) => e.Tags && e.Tags.Tag.some((t) => t.TagKey === "env" && t.TagValue === "prod"))),
  );
  const some = ids(all.slice(3, 8));
  assert.deepEqual(ids((await listAll(ecs, { networkInterfaceId: some })).enis), some);
  // With NextToken, PageNumber/PageSize do not take effect.
  const first = await ecs.describeNetworkInterfaces(DNI({ maxResults: 4 }));
  const next = await ecs.describeNetworkInterfaces(
    DNI({ maxResults: 4, nextToken: first.body.nextToken, pageNumber: 9, pageSize: 100 }),
  );
  assert.deepEqual(ids(next.body.networkInterfaceSets.networkInterfaceSet), ids(all.slice(4, 8)));
});

test("the SDK reads every field, empty values included (emptyValues on)", async () => {
  const { enis } = await listAll(ecs);
  assert.ok(enis.some((e) => e.deleteOnRelease === true) && enis.some((e) => e.sourceDestCheck === false));
  assert.ok(enis.some((e) => e.ipv4PrefixSets && e.ipv4PrefixSets.ipv4PrefixSet.length));
  assert.ok(enis.some((e) => e.attachment && e.attachment.networkCardIndex === 0));
  assert.ok(enis.some((e) => e.privateIpSets.privateIpSet.some((p) => p.privateDnsName)));
  const raw = hz().filter((e) => e.QueueNumber === "");
  assert.ok(raw.length > 0);
  for (const e of enis.filter((x) => raw.some((r) => r.NetworkInterfaceId === x.networkInterfaceId))) {
    // The SDK turns "" into NaN (or nothing): no number, and no failure.
    assert.ok(!Number.isFinite(e.queueNumber), `${e.networkInterfaceId}: ${e.queueNumber}`);
  }
});

test("more errors through the SDK: UnsupportedParameter, InvalidParams.EniId, Abs.InvalidAccount.NotFound, expired STS, Describe's 404", async () => {
  const runtime = new $dara.RuntimeOptions({
    extendsParameters: new $dara.ExtendsParameters({ queries: { Foo: "1" } }),
  });
  const unsupported = await sdkError(ecs.describeNetworkInterfacesWithOptions(DNI({}), runtime));
  assert.equal(unsupported.code, "UnsupportedParameter");
  assert.equal(unsupported.statusCode, 400);
  const malformed = await sdkError(
    ecs.deleteNetworkInterface(
      new Ecs.DeleteNetworkInterfaceRequest({ regionId: "cn-hangzhou", networkInterfaceId: "not-an-eni" }),
    ),
  );
  assert.equal(malformed.code, "InvalidParams.EniId");
  assert.equal(malformed.statusCode, 400);
  const gone = await sdkError(
    client({
      accessKeyId: "emulator-gone-account-key-id",
      accessKeySecret: "emulator-gone-account-secret",
    }).describeNetworkInterfaces(DNI({})),
  );
  assert.equal(gone.code, "Abs.InvalidAccount.NotFound");
  assert.equal(gone.statusCode, 403);
  emu.credentials.set("STS.expired", {
    accessKeyId: "STS.expired",
    accessKeySecret: "expired-secret",
    securityToken: "expired-token",
    expiresAtMs: Date.now() - 1,
  });
  const expired = await sdkError(
    client({
      accessKeyId: "STS.expired",
      accessKeySecret: "expired-secret",
      securityToken: "expired-token",
    }).describeNetworkInterfaces(DNI({})),
  );
  assert.equal(expired.code, "InvalidSecurityToken.Expired");
  assert.equal(expired.statusCode, 400);
  emu.setFaults({ eniNotFoundOnDescribe: true });
  try {
    const nf = await sdkError(
      ecs.describeNetworkInterfaces(DNI({ networkInterfaceId: ["eni-bp1doesnotexist000000"] })),
    );
    assert.equal(nf.code, "InvalidEniId.NotFound");
    assert.equal(nf.statusCode, 404);
  } finally {
    emu.setFaults({ eniNotFoundOnDescribe: null });
  }
});

test("throttling: ThrottlingError with the x-acs-retry-after hint; with retries on, the SDK's waits follow the hint (from the log)", async () => {
  for (const code of ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling"]) {
    emu.setFaults({ throttle: { count: 1, code }, retryAfterMs: 321 });
    const err = await sdkError(ecs.describeNetworkInterfaces(DNI({})));
    assert.equal(err.name, "ThrottlingError");
    assert.equal(err.code, code);
    assert.equal(err.statusCode, 400);
    assert.equal(err.retryAfter, 321);
  }
  const HINT = 400;
  const retrying = client(KEY, {
    retryOptions: {
      retryable: true,
      retryCondition: [{ exception: ["ThrottlingError"], errorCode: [], maxAttempts: 4, maxDelay: 5000 }],
      noRetryCondition: [],
    },
  });
  emu.clearLog();
  emu.setFaults({ throttle: { count: 2, code: "Throttling.User" }, retryAfterMs: HINT });
  const res = await retrying.describeNetworkInterfaces(DNI({ maxResults: 5 }));
  assert.equal(res.statusCode, 200);
  const log = emu.log().requests;
  assert.deepEqual(
    log.map((e) => e.code ?? e.status),
    ["Throttling.User", "Throttling.User", 200],
  );
  for (let i = 1; i < log.length; i++) {
    const wait = log[i].timeMs - log[i - 1].timeMs;
    assert.ok(wait >= HINT - 5, `wait ${i}: ${wait} ms, hint ${HINT} ms`);
    assert.ok(wait < HINT + 2000, `wait ${i}: ${wait} ms`);
  }
  // Each retry is signed afresh (new nonce and date).
  assert.equal(new Set(log.map((e) => e.nonce)).size, 3);
  emu.clearFaults();
});

test("stuck in Deleting: the ENI stays Deleting until the SDK sends the delete again", async () => {
  const eni = hz().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const req = new Ecs.DeleteNetworkInterfaceRequest({
    regionId: "cn-hangzhou",
    networkInterfaceId: eni.NetworkInterfaceId,
  });
  emu.setFaults({ stuckDeleting: { count: 1 } });
  await ecs.deleteNetworkInterface(req);
  await new Promise((r) => setTimeout(r, 500));
  const listed = await ecs.describeNetworkInterfaces(DNI({ networkInterfaceId: [eni.NetworkInterfaceId] }));
  assert.equal(listed.body.networkInterfaceSets.networkInterfaceSet[0].status, "Deleting");
  await ecs.deleteNetworkInterface(req);
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(
    (await ecs.describeNetworkInterfaces(DNI({ networkInterfaceId: [eni.NetworkInterfaceId] }))).body.totalCount,
    0,
  );
});

test("2,000 ENIs under 25% throttling with x-acs-retry-after: the official SDK (retries on) lists each exactly once; every wait follows the hint", async () => {
  const big = await startEmulator({ enis: 2000, seed: 72, emptyValues: true });
  try {
    const HINT = 80;
    const c = new EcsClient(
      new $OpenApiUtil.Config({
        ...KEY,
        endpoint: new URL(big.url).host,
        protocol: "http",
        regionId: "cn-hangzhou",
        retryOptions: {
          retryable: true,
          retryCondition: [{ exception: ["ThrottlingError"], errorCode: [], maxAttempts: 20, maxDelay: 5000 }],
          noRetryCondition: [],
        },
      }),
    );
    big.setFaults({ throttle: { rate: 0.25, code: "Throttling.Api" }, retryAfterMs: HINT, seed: 5 });
    const { enis, pages } = await listAll(c, { maxResults: 100 });
    assert.equal(pages, 20);
    const expected = ids(big.state().enis.filter((e) => e.RegionId === "cn-hangzhou"));
    assert.equal(enis.length, 2000);
    assert.deepEqual(ids(enis), expected);
    const log = big.log().requests;
    const throttled = log.filter((e) => e.code === "Throttling.Api").length;
    assert.ok(throttled >= 3, `${throttled} throttled of ${log.length}`);
    assert.equal(log.length - throttled, 20);
    for (let i = 1; i < log.length; i++) {
      if (log[i - 1].code !== "Throttling.Api") continue;
      const wait = log[i].timeMs - log[i - 1].timeMs;
      assert.ok(wait >= HINT - 5, `after a throttle the SDK waited ${wait} ms, hint ${HINT} ms`);
    }
  } finally {
    await big.close();
  }
});
