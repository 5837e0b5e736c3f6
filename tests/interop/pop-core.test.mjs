// Interop: Alibaba's official Node SDK core (@alicloud/pop-core) against the emulator.
// pop-core signs with HMAC-SHA1 / signature v1, sends GET (query) or POST (form body),
// fills Format/Timestamp/Version/SignatureNonce itself and lets our params override them,
// and parses responses with json-bigint. Read node_modules/@alicloud/pop-core/lib/rpc.js.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startEmulator } from "../emulator/server.mjs";
import { BIG_SERVICE_IDS, HOSTILE_ENIS } from "../emulator/data.mjs";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");

const emu = await startEmulator({ enis: 120, seed: 61, deleteDelayMs: 200, emptyValues: true });
const clients = [];
after(async () => {
  for (const c of clients) c.keepAliveAgent.destroy();
  await emu.close();
});

function client({
  accessKeyId = "emulator-key-id",
  accessKeySecret = "emulator-key-secret",
  securityToken,
  credentialsProvider,
} = {}) {
  const c = new RPCClient({
    accessKeyId,
    accessKeySecret,
    securityToken,
    credentialsProvider,
    endpoint: emu.url,
    apiVersion: "2014-05-26",
  });
  clients.push(c);
  return c;
}
const ecs = client();
const sts = client({
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
});
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const ids = (list) => list.map((e) => e.NetworkInterfaceId);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const sets = (res) => res.NetworkInterfaceSets.NetworkInterfaceSet;

/** Every ENI through NextToken paging. */
async function listByToken(c, method, params = {}) {
  const out = [];
  let NextToken;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 1000);
    const res = await c.request(
      "DescribeNetworkInterfaces",
      { RegionId: "cn-hangzhou", MaxResults: 25, ...params, ...(NextToken ? { NextToken } : {}) },
      { method },
    );
    out.push(...sets(res));
    NextToken = res.NextToken;
    if (!NextToken) return out;
  }
}

/** Every ENI through PageNumber paging. */
async function listByPage(c, method, params = {}) {
  const out = [];
  for (let page = 1; ; page++) {
    const res = await c.request(
      "DescribeNetworkInterfaces",
      { RegionId: "cn-hangzhou", PageNumber: page, PageSize: 50, ...params },
      { method },
    );
    assert.equal(res.PageNumber, page);
    assert.equal(res.TotalCount, hz().filter((e) => !params.Status || e.Status === params.Status).length);
    if (!sets(res).length) return out;
    out.push(...sets(res));
  }
}

/** The API error pop-core throws, with the HTTP status. */
async function apiError(promise) {
  try {
    await promise;
  } catch (err) {
    assert.ok(err.data, `an API error, got ${err}`);
    return { code: err.code, status: err.entry.response.statusCode, data: err.data };
  }
  assert.fail("expected an error");
}

test("NextToken paging returns every ENI exactly once, GET and POST", async () => {
  for (const method of ["GET", "POST"]) {
    assert.deepEqual(ids(await listByToken(ecs, method)), ids(hz()), method);
  }
});

test("PageNumber/PageSize paging returns every ENI exactly once, GET and POST", async () => {
  for (const method of ["GET", "POST"]) {
    assert.deepEqual(ids(await listByPage(ecs, method)), ids(hz()), method);
  }
});

test("filters: scalars, repeat lists and tags through pop-core flattening", async () => {
  const all = hz();
  const available = ids(all.filter((e) => e.Status === "Available"));
  assert.deepEqual(ids(await listByToken(ecs, "GET", { Status: "Available" })), available);
  assert.deepEqual(ids(await listByPage(ecs, "POST", { Status: "Available" })), available);
  // Arrays become NetworkInterfaceId.1.., Tag.1.Key...
  const pick = [all[4], all[40], all[90]].map((e) => e.NetworkInterfaceId);
  assert.deepEqual(ids(await listByToken(ecs, "GET", { NetworkInterfaceId: pick })), pick);
  const tagged = ids(
    all.filter((e) => (e.Tags ? e.Tags.Tag : []).some((t) => t.TagKey === "env" && t.TagValue === "prod")),
  );
  assert.ok(tagged.length);
  assert.deepEqual(ids(await listByToken(ecs, "POST", { Tag: [{ Key: "env", Value: "prod" }] })), tagged);
  // Hostile values survive pop-core's encoding and ours.
  for (const h of HOSTILE_ENIS) {
    assert.deepEqual(ids(await listByToken(ecs, "GET", { NetworkInterfaceName: h.name })), [h.id], h.name);
  }
  assert.deepEqual(ids(await listByToken(ecs, "POST", { Tag: [{ Key: "=cmd|' /C calc'!A0" }] })), [
    "eni-bp1hostile0000000008",
  ]);
});

test("ServiceID above 2^53 arrives exact through json-bigint", async () => {
  const managed = await listByToken(ecs, "GET", { ServiceManaged: true, MaxResults: 100 });
  const big = managed.map((e) => String(e.ServiceID)).filter((s) => BIG_SERVICE_IDS.includes(s));
  assert.deepEqual(big.sort(), [...BIG_SERVICE_IDS].sort());
});

test("delete an Available ENI: Deleting, then it vanishes", async () => {
  const eni = hz().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const res = await ecs.request(
    "DeleteNetworkInterface",
    { RegionId: "cn-hangzhou", NetworkInterfaceId: eni.NetworkInterfaceId },
    { method: "POST" },
  );
  assert.deepEqual(Object.keys(res), ["RequestId"]);
  const during = await ecs.request("DescribeNetworkInterfaces", {
    RegionId: "cn-hangzhou",
    NetworkInterfaceId: [eni.NetworkInterfaceId],
  });
  assert.equal(sets(during)[0].Status, "Deleting");
  await sleep(250);
  const gone = await ecs.request("DescribeNetworkInterfaces", {
    RegionId: "cn-hangzhou",
    NetworkInterfaceId: [eni.NetworkInterfaceId],
  });
  assert.equal(sets(gone).length, 0);
  const again = await apiError(
    ecs.request("DeleteNetworkInterface", { RegionId: "cn-hangzhou", NetworkInterfaceId: eni.NetworkInterfaceId }),
  );
  assert.deepEqual([again.status, again.code], [403, "InvalidEniId.NotFound"]);
  const primary = hz().find((e) => e.Type === "Primary");
  const typed = await apiError(
    ecs.request("DeleteNetworkInterface", { RegionId: "cn-hangzhou", NetworkInterfaceId: primary.NetworkInterfaceId }),
  );
  assert.deepEqual([typed.status, typed.code], [403, "InvalidOperation.InvalidEniType"]);
});

test("STS credentials work, GET and POST", async () => {
  assert.deepEqual(ids(await listByToken(sts, "GET")), ids(hz()));
  const res = await sts.request("DescribeNetworkInterfaces", { RegionId: "cn-shanghai" }, { method: "POST" });
  assert.equal(sets(res).length, 5);
  const log = emu.log().requests.at(-1);
  assert.equal(log.params.SecurityToken, "***");
});

test("authentication errors from deliberately wrong pop-core requests", async () => {
  const region = { RegionId: "cn-hangzhou" };
  const expect = async (promise, status, code) => {
    const e = await apiError(promise);
    assert.deepEqual([e.status, e.code], [status, code]);
    assert.deepEqual(Object.keys(e.data), ["RequestId", "HostId", "Code", "Message", "Recommend"]);
    return e;
  };
  // Wrong secret.
  const wrong = client({ accessKeySecret: "not-the-secret" });
  const e = await expect(wrong.request("DescribeNetworkInterfaces", region), 400, "SignatureDoesNotMatch");
  assert.match(e.data.Message, /server string to sign is:GET&%2F&AccessKeyId%3Demulator-key-id%26/);
  await expect(wrong.request("DescribeNetworkInterfaces", region, { method: "POST" }), 400, "SignatureDoesNotMatch");
  // Unknown AccessKeyId.
  await expect(
    client({ accessKeyId: "LTAI-unknown" }).request("DescribeNetworkInterfaces", region),
    404,
    "InvalidAccessKeyId.NotFound",
  );
  // A replayed nonce: pop-core lets params override its own SignatureNonce.
  const nonce = `pop-core-replay-${Date.now()}`;
  await ecs.request("DescribeNetworkInterfaces", { ...region, SignatureNonce: nonce });
  await expect(
    ecs.request("DescribeNetworkInterfaces", { ...region, SignatureNonce: nonce }, { method: "POST" }),
    400,
    "SignatureNonceUsed",
  );
  // An old or malformed Timestamp, likewise through params.
  await expect(
    ecs.request("DescribeNetworkInterfaces", { ...region, Timestamp: "2016-02-23T12:46:24Z" }),
    400,
    "InvalidTimeStamp.Expired",
  );
  await expect(
    ecs.request("DescribeNetworkInterfaces", { ...region, Timestamp: "yesterday" }),
    400,
    "InvalidTimeStamp.Format",
  );
  // No signature: with an empty secret from a credentials provider pop-core signs nothing
  // (and sends no AccessKeyId/Signature* parameters).
  const anonymous = client({
    credentialsProvider: { getCredentials: async () => ({ accessKeyId: "emulator-key-id", accessKeySecret: "" }) },
  });
  await expect(anonymous.request("DescribeNetworkInterfaces", region), 400, "IncompleteSignature");
  // STS key with a wrong token, and without one.
  await expect(
    client({
      accessKeyId: "STS.emulator-key-id",
      accessKeySecret: "emulator-sts-secret",
      securityToken: "stale",
    }).request("DescribeNetworkInterfaces", region),
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
  );
  await expect(
    client({ accessKeyId: "STS.emulator-key-id", accessKeySecret: "emulator-sts-secret" }).request(
      "DescribeNetworkInterfaces",
      region,
    ),
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
  );
  // Missing parameters: RegionId not given; Version blanked through params.
  const m1 = await expect(ecs.request("DescribeNetworkInterfaces", {}), 400, "MissingParameter");
  assert.match(m1.data.Message, /"RegionId"/);
  const m2 = await expect(
    ecs.request("DescribeNetworkInterfaces", { ...region, Version: "" }),
    400,
    "MissingParameter",
  );
  assert.match(m2.data.Message, /"Version"/);
  await expect(ecs.request("DeleteNetworkInterface", region), 400, "MissingParameter");
  // Business errors after a valid signature.
  await expect(ecs.request("DescribeInstances", region), 404, "InvalidAction.NotFound");
  await expect(ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-atlantis" }), 400, "InvalidRegionId.MalFormed");
  await expect(ecs.request("DescribeNetworkInterfaces", { ...region, MaxResults: 501 }), 400, "InvalidParameter");
});

test("pop-core sends a fresh nonce and signature per request; faults surface as errors", async () => {
  emu.clearLog();
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 1 });
  const t = await apiError(ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" }));
  assert.deepEqual([t.status, t.code], [400, "Throttling.User"]);
  await ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" });
  const [a, b] = emu.log().requests;
  assert.deepEqual([a.fault, b.fault, b.status], ["throttle", null, 200]);
  assert.notEqual(a.nonce, b.nonce);
  assert.notEqual(a.signature, b.signature);
  emu.setFaults({ html: { count: 1 } });
  // json-bigint throws a plain { name: 'SyntaxError', text } object on the HTML page.
  await assert.rejects(
    ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" }),
    (err) => err.name === "SyntaxError" && err.text.includes("502 Bad Gateway"),
  );
  emu.clearFaults();
});

test("filters as documented through pop-core: SecurityGroupId secondary only, PrivateIpAddress.N secondary IPs", async () => {
  const all = hz();
  const primary = all.find((e) => e.Type === "Primary");
  const sg = primary.SecurityGroupIds.SecurityGroupId[0];
  const bySg = ids(await listByToken(ecs, "POST", { SecurityGroupId: sg }));
  assert.deepEqual(
    bySg,
    ids(all.filter((e) => e.Type === "Secondary" && e.SecurityGroupIds.SecurityGroupId.includes(sg))),
  );
  assert.ok(!bySg.includes(primary.NetworkInterfaceId));
  const multi = all.find((e) => e.PrivateIpSets.PrivateIpSet.length > 1);
  const ip2 = multi.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress;
  assert.deepEqual(ids(await listByToken(ecs, "GET", { PrivateIpAddress: [ip2] })), [multi.NetworkInterfaceId]);
  assert.deepEqual(ids(await listByToken(ecs, "GET", { PrivateIpAddress: [multi.PrivateIpAddress] })), []);
  // With NextToken, PageNumber/PageSize do not take effect (not even validated).
  const first = await ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou", MaxResults: 3 });
  const next = await ecs.request("DescribeNetworkInterfaces", {
    RegionId: "cn-hangzhou",
    MaxResults: 3,
    NextToken: first.NextToken,
    PageNumber: 0,
    PageSize: 1000,
  });
  assert.deepEqual(ids(sets(next)), ids(all.slice(3, 6)));
  // Empty values (emptyValues on) arrive as sent.
  const enis = await listByToken(ecs, "GET");
  assert.ok(enis.some((e) => e.QueueNumber === ""));
  assert.ok(enis.some((e) => e.QueuePairNumber === null));
});

test("documented errors through pop-core: UnsupportedParameter, InvalidParams.EniId, Abs.InvalidAccount.NotFound, InvalidEniId.NotFound", async () => {
  const region = { RegionId: "cn-hangzhou" };
  let e = await apiError(ecs.request("DescribeNetworkInterfaces", { ...region, Foo: "1" }));
  assert.deepEqual([e.status, e.code], [400, "UnsupportedParameter"]);
  e = await apiError(ecs.request("DeleteNetworkInterface", { ...region, NetworkInterfaceId: "eni-BAD!" }));
  assert.deepEqual([e.status, e.code], [400, "InvalidParams.EniId"]);
  e = await apiError(
    ecs.request("DeleteNetworkInterface", { ...region, NetworkInterfaceId: "eni-bp1doesnotexist000000" }),
  );
  assert.deepEqual([e.status, e.code], [403, "InvalidEniId.NotFound"]);
  const gone = client({ accessKeyId: "emulator-gone-account-key-id", accessKeySecret: "emulator-gone-account-secret" });
  e = await apiError(gone.request("DescribeNetworkInterfaces", region));
  assert.deepEqual([e.status, e.code], [403, "Abs.InvalidAccount.NotFound"]);
  emu.setFaults({ eniNotFoundOnDescribe: true });
  try {
    e = await apiError(
      ecs.request("DescribeNetworkInterfaces", { ...region, NetworkInterfaceId: ["eni-bp1doesnotexist000000"] }),
    );
    assert.deepEqual([e.status, e.code], [404, "InvalidEniId.NotFound"]);
  } finally {
    emu.setFaults({ eniNotFoundOnDescribe: null });
  }
  emu.credentials.set("STS.pop-expired", {
    accessKeyId: "STS.pop-expired",
    accessKeySecret: "s",
    securityToken: "t",
    expiresAtMs: Date.now() - 1,
  });
  e = await apiError(
    client({ accessKeyId: "STS.pop-expired", accessKeySecret: "s", securityToken: "t" }).request(
      "DescribeNetworkInterfaces",
      region,
    ),
  );
  assert.deepEqual([e.status, e.code], [400, "InvalidSecurityToken.Expired"]);
});

test("throttling through pop-core: each code at HTTP 400, x-acs-retry-after on the response", async () => {
  for (const code of ["Throttling", "Throttling.User", "Throttling.Api", "Rejected.Throttling"]) {
    emu.setFaults({ throttle: { count: 1, code }, retryAfterMs: 750 });
    let caught;
    try {
      await ecs.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" });
    } catch (err) {
      caught = err;
    }
    assert.equal(caught.code, code);
    assert.equal(caught.entry.response.statusCode, 400);
    assert.equal(caught.entry.response.headers["x-acs-retry-after"], "750");
  }
  emu.clearFaults();
});
