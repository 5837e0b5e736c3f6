// The packed package (npm pack pkg/, installed into a folder, imported as "aliyun-eni" with no
// init call) against the emulator: every filter, both paging styles, break, delete with and
// without waiting, every error kind, validation that sends nothing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPackage, installedPackage, startEmulator, KEY, STS, SECRETS, ROOT } from "./harness.mjs";

let lib, emu;
const REGION = "cn-hangzhou";

before(async () => {
  lib = await importPackage();
  emu = await startEmulator({ enis: 250, seed: 7, deleteDelayMs: 300 });
});
after(async () => {
  await emu?.close();
});

function client(extra = {}) {
  return new lib.EcsClient({ regionId: REGION, endpoint: emu.url, credentials: KEY, ...extra });
}

function enisInRegion() {
  return emu.state().enis.filter((e) => e.RegionId === REGION);
}

const apiLog = () => emu.log().requests;

function assertNoSecret(e) {
  const text = [String(e), e.message, e.stack, JSON.stringify(e), JSON.stringify(Object.entries(e))].join("\n");
  for (const s of SECRETS) assert.ok(!text.includes(s), `secret in ${text}`);
}

async function rejects(promise, expected) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof lib.EcsError, `not an EcsError: ${e}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "EcsError");
    assertNoSecret(e);
    for (const [k, v] of Object.entries(expected)) assert.deepEqual(e[k], v, `${k} of ${e.message}`);
    return e;
  }
  assert.fail("expected a rejection");
}

async function listAll(c, request) {
  const ids = [];
  for await (const eni of c.listNetworkInterfaces(request)) ids.push(eni.networkInterfaceId);
  return ids;
}

test("the package exports exactly the API and needs no init call", () => {
  // Exactly the values index.d.ts declares (whoever adds one adds it to both), among them API.md's.
  const dts = readFileSync(join(installedPackage().packageDir, "index.d.ts"), "utf8");
  const declared = [...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
  assert.deepEqual(Object.keys(lib).sort(), [...new Set(declared)].sort());
  for (const name of [
    "EcsClient",
    "EcsError",
    "resolveEndpoint",
    "rpcSignature",
    "regionIds",
    "fromEnv",
    "fromEcsRamRole",
    "fromRamRoleArn",
    "fromOidcRoleArn",
    "fromCredentialsUri",
    "fromProfile",
    "defaultCredentials",
  ]) {
    assert.equal(typeof lib[name], "function", name);
  }
  const { vectors } = JSON.parse(readFileSync(join(ROOT, "tests/vectors/published.json"), "utf8"));
  for (const v of vectors) assert.equal(lib.rpcSignature(v.params, v.accessKeySecret, v.method), v.signature, v.source);
  assert.equal(lib.resolveEndpoint("cn-hangzhou"), "https://ecs-cn-hangzhou.aliyuncs.com");
  assert.equal(lib.resolveEndpoint("ap-southeast-1", { vpc: true }), "https://ecs-vpc.ap-southeast-1.aliyuncs.com");
});

test("EcsError as declared: a public constructor, toJSON with the declared keys, instanceof Error", () => {
  const dts = readFileSync(join(installedPackage().packageDir, "index.d.ts"), "utf8");
  const members = (name) => {
    const body = new RegExp(`export interface ${name} (?:extends \\w+ )?\\{([\\s\\S]*?)\\n\\}`).exec(dts);
    assert.ok(body, `${name} is declared`);
    return [...body[1].matchAll(/^\s+(\w+)\??:/gm)].map((m) => m[1]);
  };
  const declared = [...members("EcsErrorFields"), ...members("EcsErrorJSON")].sort();
  assert.ok(declared.includes("retryable") && declared.includes("message"), declared.join());
  const fields = {
    kind: "api",
    code: "InvalidEniId.NotFound",
    httpStatus: 404,
    requestId: "R",
    hostId: "ecs.aliyuncs.com",
    recommend: "https://api.aliyun.com/troubleshoot",
    apiMessage: "The specified ENI does not exist.",
    retryable: false,
    attempts: 1,
  };
  const e = new lib.EcsError("InvalidEniId.NotFound: The specified ENI does not exist.", fields);
  assert.ok(e instanceof lib.EcsError && e instanceof Error);
  assert.equal(e.name, "EcsError");
  for (const [k, v] of Object.entries(fields)) assert.equal(e[k], v, k);
  const json = e.toJSON();
  assert.deepEqual(Object.keys(json).sort(), declared, "toJSON gives exactly the declared keys");
  assert.equal(JSON.parse(JSON.stringify(e)).code, "InvalidEniId.NotFound");
  const bare = new lib.EcsError("x", { kind: "validation", code: "ValidationError", retryable: false, attempts: 0 });
  assert.ok(!("httpStatus" in bare) && !("field" in bare), "optional fields left out are absent");
});

test("every filter reaches the API and selects what it says", async () => {
  const c = client();
  const all = enisInRegion();
  const pick = (pred) => {
    const e = all.find(pred);
    assert.ok(e, "the emulator data has a matching ENI");
    return e;
  };
  const withTag = pick((e) => e.Tags?.Tag?.length > 0);
  const withIpv6 = pick((e) => e.Ipv6Sets?.Ipv6Set?.length > 0);
  const withSecondaryIp = pick((e) => e.PrivateIpSets?.PrivateIpSet?.length > 1);
  const attached = pick((e) => e.InstanceId);
  const named = pick((e) => e.NetworkInterfaceName && !e.NetworkInterfaceName.includes("<"));
  const cases = [
    [{ vSwitchId: all[0].VSwitchId }, { VSwitchId: all[0].VSwitchId }, (e) => e.vSwitchId === all[0].VSwitchId],
    [{ vpcId: all[0].VpcId }, { VpcId: all[0].VpcId }, (e) => e.vpcId === all[0].VpcId],
    [
      { primaryIpAddress: all[1].PrivateIpAddress },
      { PrimaryIpAddress: all[1].PrivateIpAddress },
      (e) => e.privateIpAddress === all[1].PrivateIpAddress,
    ],
    [
      { privateIpAddresses: [withSecondaryIp.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress] },
      { "PrivateIpAddress.1": withSecondaryIp.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress },
      (e) =>
        e.privateIpSets.some(
          (p) => p.privateIpAddress === withSecondaryIp.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress,
        ),
    ],
    [
      { ipv6Addresses: [withIpv6.Ipv6Sets.Ipv6Set[0].Ipv6Address] },
      { "Ipv6Address.1": withIpv6.Ipv6Sets.Ipv6Set[0].Ipv6Address },
      (e) => e.ipv6Sets.some((s) => s.ipv6Address === withIpv6.Ipv6Sets.Ipv6Set[0].Ipv6Address),
    ],
    [
      { securityGroupId: all[2].SecurityGroupIds.SecurityGroupId[0] },
      { SecurityGroupId: all[2].SecurityGroupIds.SecurityGroupId[0] },
      (e) => e.securityGroupIds.includes(all[2].SecurityGroupIds.SecurityGroupId[0]),
    ],
    [
      { networkInterfaceName: named.NetworkInterfaceName },
      { NetworkInterfaceName: named.NetworkInterfaceName },
      (e) => e.networkInterfaceName === named.NetworkInterfaceName,
    ],
    [{ type: "Primary" }, { Type: "Primary" }, (e) => e.type === "Primary"],
    [
      { instanceId: attached.InstanceId },
      { InstanceId: attached.InstanceId },
      (e) => e.instanceId === attached.InstanceId,
    ],
    [
      { networkInterfaceIds: [all[3].NetworkInterfaceId, all[4].NetworkInterfaceId] },
      { "NetworkInterfaceId.1": all[3].NetworkInterfaceId, "NetworkInterfaceId.2": all[4].NetworkInterfaceId },
      (e) => [all[3].NetworkInterfaceId, all[4].NetworkInterfaceId].includes(e.networkInterfaceId),
    ],
    [{ serviceManaged: true }, { ServiceManaged: "true" }, (e) => e.serviceManaged === true],
    [{ status: "InUse" }, { Status: "InUse" }, (e) => e.status === "InUse"],
    [
      { tags: [{ key: withTag.Tags.Tag[0].TagKey, value: withTag.Tags.Tag[0].TagValue }] },
      { "Tag.1.Key": withTag.Tags.Tag[0].TagKey, "Tag.1.Value": withTag.Tags.Tag[0].TagValue },
      (e) => e.tags.some((t) => t.key === withTag.Tags.Tag[0].TagKey && t.value === withTag.Tags.Tag[0].TagValue),
    ],
    [
      { tags: [{ key: withTag.Tags.Tag[0].TagKey }] },
      { "Tag.1.Key": withTag.Tags.Tag[0].TagKey },
      (e) => e.tags.some((t) => t.key === withTag.Tags.Tag[0].TagKey),
    ],
    [
      { resourceGroupId: all[5].ResourceGroupId },
      { ResourceGroupId: all[5].ResourceGroupId },
      (e) => e.resourceGroupId === all[5].ResourceGroupId,
    ],
  ];
  for (const [request, params, matches] of cases) {
    emu.clearLog();
    const found = [];
    for await (const eni of c.listNetworkInterfaces(request)) found.push(eni);
    const sent = apiLog()[0].params;
    for (const [k, v] of Object.entries(params)) assert.equal(sent[k], v, `${k} for ${JSON.stringify(request)}`);
    assert.equal(sent.RegionId, REGION);
    assert.ok(found.length > 0, `some ENI matches ${JSON.stringify(request)}`);
    assert.ok(found.every(matches), `every result matches ${JSON.stringify(request)}`);
  }
  // Combined filters AND together.
  emu.clearLog();
  const both = await c.describeNetworkInterfaces({ type: "Secondary", status: "Available", maxResults: 500 });
  assert.ok(both.networkInterfaces.length > 0);
  assert.ok(both.networkInterfaces.every((e) => e.type === "Secondary" && e.status === "Available"));
  assert.deepEqual([apiLog()[0].params.Type, apiLog()[0].params.Status], ["Secondary", "Available"]);
});

test("both paging styles return every ENI exactly once", async () => {
  const c = client();
  const expected = enisInRegion()
    .map((e) => e.NetworkInterfaceId)
    .sort();
  for (const request of [
    undefined,
    { maxResults: 7 },
    { maxResults: 500 },
    { pageSize: 100 },
    { pageSize: 13, pageNumber: 1 },
  ]) {
    emu.clearLog();
    const ids = await listAll(c, request);
    assert.equal(new Set(ids).size, ids.length, `no duplicates with ${JSON.stringify(request)}`);
    assert.deepEqual([...ids].sort(), expected, `every ENI with ${JSON.stringify(request)}`);
    const per = request?.maxResults ?? request?.pageSize ?? 100;
    assert.equal(apiLog().length, Math.ceil(expected.length / per), `page count with ${JSON.stringify(request)}`);
  }
  // Page mode reports TotalCount; token mode never hands back "" as a token.
  const page = await c.describeNetworkInterfaces({ pageSize: 10, pageNumber: 2 });
  assert.equal(page.totalCount, expected.length);
  assert.equal(page.pageNumber, 2);
  assert.equal(page.networkInterfaces.length, 10);
  const last = await c.describeNetworkInterfaces({ maxResults: 500 });
  assert.equal(last.nextToken, undefined);
  assert.ok(!("nextToken" in last));
  // pages() yields whole pages.
  const sizes = [];
  for await (const p of c.listNetworkInterfaces({ maxResults: 100 }).pages()) sizes.push(p.networkInterfaces.length);
  assert.deepEqual(sizes, [100, 100, expected.length - 200]);
});

test("break stops fetching and nothing is read ahead", async () => {
  const c = client();
  emu.clearLog();
  const it = c.listNetworkInterfaces({ maxResults: 10 });
  assert.equal(apiLog().length, 0, "creating the iterator sends nothing");
  let n = 0;
  for await (const eni of it) {
    assert.ok(eni.networkInterfaceId);
    if (++n === 25) break;
  }
  assert.equal(apiLog().length, 3);
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(apiLog().length, 3, "no request after break");
  assert.deepEqual(await it.next(), { value: undefined, done: true });
});

test("every response field of API.md comes through, exact", async () => {
  const c = client();
  const seen = new Set();
  let big = null;
  for await (const eni of c.listNetworkInterfaces({ maxResults: 500 })) {
    for (const [k, v] of Object.entries(eni)) if (v !== undefined && !(Array.isArray(v) && v.length === 0)) seen.add(k);
    if (eni.serviceId === "9007199254740993") big = eni;
    for (const k of ["privateIpSets", "ipv6Sets", "securityGroupIds", "tags"]) assert.ok(Array.isArray(eni[k]), k);
    if (eni.associatedPublicIp) assert.ok(eni.associatedPublicIp.publicIpAddress);
  }
  const fields = [
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
    "creationTime",
    "ownerId",
    "resourceGroupId",
    "serviceId",
    "serviceManaged",
    "queueNumber",
    "queuePairNumber",
    "networkInterfaceTrafficMode",
    "associatedPublicIp",
    "attachment",
    "privateIpSets",
    "ipv6Sets",
    "securityGroupIds",
    "tags",
  ];
  for (const f of fields) assert.ok(seen.has(f), `some ENI has ${f}`);
  assert.ok(big, "ServiceID above 2^53 stays exact as a string");
  const raw = enisInRegion().find((e) => e.NetworkInterfaceId === big.networkInterfaceId);
  assert.equal(big.tags.length, raw.Tags?.Tag?.length ?? 0);
});

test("delete without waiting leaves it Deleting; with waiting it is gone", async () => {
  const c = client();
  const deletable = enisInRegion().filter(
    (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
  );
  const [a, b] = deletable;
  const r = await c.deleteNetworkInterface(a.NetworkInterfaceId);
  assert.match(r.requestId, /^[0-9A-F-]{36}$/);
  const page = await c.describeNetworkInterfaces({ networkInterfaceIds: [a.NetworkInterfaceId] });
  assert.equal(page.networkInterfaces[0]?.status, "Deleting");

  emu.clearLog();
  const start = Date.now();
  await c.deleteNetworkInterface(b.NetworkInterfaceId, { waitUntilDeleted: true, waitTimeoutMs: 10_000 });
  assert.ok(Date.now() - start >= 250, "it waited for the delete delay");
  assert.ok(!emu.state().enis.some((e) => e.NetworkInterfaceId === b.NetworkInterfaceId), "gone");
  const polls = apiLog().filter((r) => r.action === "DescribeNetworkInterfaces");
  assert.ok(polls.length >= 1);
  assert.ok(polls.every((p) => p.params["NetworkInterfaceId.1"] === b.NetworkInterfaceId));
});

test("delete-wait gives up with kind timeout", async () => {
  await emu.reset({ enis: 250, seed: 7, deleteDelayMs: 60_000 });
  const c = client();
  const eni = enisInRegion().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const start = Date.now();
  const e = await rejects(
    c.deleteNetworkInterface(eni.NetworkInterfaceId, { waitUntilDeleted: true, waitTimeoutMs: 600 }),
    {
      kind: "timeout",
      code: "WaitTimeout",
      retryable: false,
    },
  );
  const took = Date.now() - start;
  // It gives up at the deadline, not at the next pause's end or the 60-second delete.
  assert.ok(took >= 600 && took < 2_000, `took ${took} ms`);
  assert.match(e.message, /Deleting/);
  assert.ok(e.attempts >= 2);
  await emu.reset({ enis: 250, seed: 7, deleteDelayMs: 300 });
});

test("API errors carry code, status, request id and are retried only when retryable", async () => {
  const c = client();
  const enis = enisInRegion();
  const primary = enis.find((e) => e.Type === "Primary");
  const managed =
    enis.find((e) => e.ServiceManaged && e.Type === "Secondary" && e.Status === "Available") ??
    enis.find((e) => e.ServiceManaged);
  const inUse = enis.find((e) => e.Type === "Secondary" && e.Status === "InUse" && !e.ServiceManaged);
  for (const [id, code, status] of [
    ["eni-doesnotexist0000000", "InvalidEniId.NotFound", 403],
    [primary.NetworkInterfaceId, "InvalidOperation.InvalidEniType", 403],
    [managed.NetworkInterfaceId, "InvalidOperation.EniServiceManaged", 403],
    [inUse.NetworkInterfaceId, "InvalidOperation.InvalidEniState", 400],
  ]) {
    emu.clearLog();
    const e = await rejects(c.deleteNetworkInterface(id), {
      kind: "api",
      code,
      httpStatus: status,
      retryable: false,
      attempts: 1,
    });
    assert.match(e.requestId, /^[0-9A-F-]{36}$/);
    assert.equal(e.requestId, apiLog()[0].requestId);
    assert.ok(e.hostId && e.recommend?.startsWith("https://"));
    assert.equal(apiLog().length, 1);
  }
  const wrong = new lib.EcsClient({
    regionId: REGION,
    endpoint: emu.url,
    credentials: { ...KEY, accessKeySecret: "not-the-secret" },
  });
  await rejects(wrong.describeNetworkInterfaces(), {
    kind: "api",
    code: "SignatureDoesNotMatch",
    httpStatus: 400,
    attempts: 1,
    retryable: false,
  });
  const unknown = new lib.EcsClient({
    regionId: REGION,
    endpoint: emu.url,
    credentials: { accessKeyId: "nobody", accessKeySecret: "x-secret" },
  });
  await rejects(unknown.describeNetworkInterfaces(), {
    kind: "api",
    code: "InvalidAccessKeyId.NotFound",
    httpStatus: 404,
  });
  const region = new lib.EcsClient({ regionId: "xx-nowhere-1", endpoint: emu.url, credentials: KEY });
  await rejects(region.describeNetworkInterfaces(), {
    kind: "api",
    code: "InvalidRegionId.MalFormed",
    httpStatus: 400,
  });

  emu.setFaults({ throttle: { count: 2 } });
  emu.clearLog();
  const page = await client({ maxAttempts: 3 }).describeNetworkInterfaces();
  assert.ok(page.networkInterfaces.length > 0);
  assert.deepEqual(
    apiLog().map((r) => r.code ?? r.status),
    ["Throttling.User", "Throttling.User", 200],
  );
  emu.setFaults({ serviceUnavailable: { count: 5 } });
  await rejects(client({ maxAttempts: 2 }).describeNetworkInterfaces(), {
    kind: "api",
    code: "ServiceUnavailable",
    httpStatus: 503,
    retryable: true,
    attempts: 2,
  });
  emu.clearFaults();
});

test("network, timeout, abort and decode failures have their kind", async () => {
  // A port nobody listens on.
  const closed = new lib.EcsClient({
    regionId: REGION,
    endpoint: "http://127.0.0.1:9",
    credentials: KEY,
    maxAttempts: 2,
  });
  await rejects(closed.describeNetworkInterfaces(), {
    kind: "network",
    code: "NetworkError",
    retryable: true,
    attempts: 2,
  });

  emu.setFaults({ latencyMs: 400 });
  await rejects(client({ timeoutMs: 100, maxAttempts: 2 }).describeNetworkInterfaces(), {
    kind: "timeout",
    code: "RequestTimeout",
    retryable: true,
    attempts: 2,
  });
  const controller = new AbortController();
  let firedAt = 0;
  setTimeout(() => {
    firedAt = Date.now();
    controller.abort();
  }, 50);
  await rejects(client().describeNetworkInterfaces({}, { signal: controller.signal }), {
    kind: "aborted",
    code: "Aborted",
    attempts: 1,
  });
  // It ends when the abort fires, not when the 400 ms answer comes (measured from the abort:
  // a loaded machine runs timers late).
  assert.ok(firedAt > 0 && Date.now() - firedAt < 250, `ended ${Date.now() - firedAt} ms after the abort`);
  emu.clearFaults();

  emu.setFaults({ html: { count: 1 } });
  const e = await rejects(client({ maxAttempts: 1 }).describeNetworkInterfaces(), {
    kind: "decode",
    httpStatus: 502,
    retryable: true,
    attempts: 1,
  });
  assert.match(e.message, /not JSON/);
  assert.ok(e.message.length < 400, "a short excerpt only");
  emu.setFaults({ truncate: { count: 1 } });
  await rejects(client({ maxAttempts: 1 }).describeNetworkInterfaces({ maxResults: 100 }), {
    kind: "decode",
    attempts: 1,
  });
  emu.setFaults({ drop: { count: 1 } });
  await rejects(client({ maxAttempts: 1 }).describeNetworkInterfaces(), { kind: "network", attempts: 1 });
  emu.clearFaults();
  // The same client works after every kind of failure.
  const c = client({ maxAttempts: 1 });
  emu.setFaults({ html: { count: 1 } });
  await rejects(c.describeNetworkInterfaces(), { kind: "decode" });
  assert.ok((await c.describeNetworkInterfaces()).networkInterfaces.length > 0);
  emu.clearFaults();
});

test("validation errors name the field and send nothing", async () => {
  const c = client();
  emu.clearLog();
  const cases = [
    [{ pageSize: 0 }, "pageSize", "pageSize must be between 1 and 100, got 0"],
    [{ maxResults: 501 }, "maxResults", "maxResults must be between 1 and 500, got 501"],
    [{ pageNumber: 1.5 }, "pageNumber", "pageNumber must be an integer, got 1.5"],
    [{ networkInterfaceIds: Array.from({ length: 101 }, (_, i) => `eni-${i}`) }, "networkInterfaceIds", null],
    [{ tags: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}` })) }, "tags", null],
    [{ status: "Deleted" }, "status", null],
    [{ type: "Tertiary" }, "type", null],
    [{ vpcId: 12 }, "vpcId", "vpcId must be a string, got a number"],
    [{ vSwitchID: "vsw-1" }, "vSwitchID", "vSwitchID is not a field of request (did you mean vSwitchId?)"],
  ];
  for (const [request, field, message] of cases) {
    const e = await rejects(c.describeNetworkInterfaces(request), {
      kind: "validation",
      field,
      retryable: false,
      attempts: 0,
    });
    if (message) assert.equal(e.message, message);
    await rejects(listAll(c, request), { kind: "validation", field });
  }
  await rejects(c.deleteNetworkInterface(""), { kind: "validation", field: "networkInterfaceId" });
  await rejects(c.deleteNetworkInterface(undefined), { kind: "validation", field: "networkInterfaceId" });
  assert.throws(
    () => new lib.EcsClient({ regionId: REGION, credentials: KEY, timeoutMs: "soon" }),
    (e) => e instanceof lib.EcsError && e.field === "timeoutMs",
  );
  assert.equal(apiLog().length, 0, "nothing was sent");
});

test("STS credentials and a provider called before every request", async () => {
  let calls = 0;
  const c = client({
    credentials: async () => {
      calls++;
      return STS;
    },
  });
  emu.clearLog();
  const ids = await listAll(c, { maxResults: 100 });
  assert.equal(ids.length, enisInRegion().length);
  assert.equal(calls, apiLog().length);
  assert.deepEqual(
    [...new Set(apiLog().map((q) => q.algorithm))],
    ["ACS3-HMAC-SHA256"],
    "V3 by default: the token travels in x-acs-security-token",
  );
  const bad = client({ credentials: { ...STS, securityToken: "stale-token-value" } });
  await rejects(bad.describeNetworkInterfaces(), { kind: "api", code: "InvalidSecurityToken.MismatchWithAccessKey" });
  // HMAC-SHA1 ("V2") sends it as the SecurityToken parameter.
  emu.clearLog();
  await client({ credentials: STS, signatureAlgorithm: "HMAC-SHA1" }).describeNetworkInterfaces();
  assert.equal(apiLog()[0].params.SecurityToken, "***", "the emulator saw (and masked) a token");
});

test("no secret in the client object, its errors or their JSON", async () => {
  const c = client({ credentials: STS });
  const visible = JSON.stringify(Object.getOwnPropertyNames(c).map((k) => [k, String(c[k])]));
  for (const s of SECRETS) assert.ok(!visible.includes(s));
  // V2's SignatureDoesNotMatch quotes the server's string to sign, which contains the token
  // (V3's quotes a hash: tests/client_v3.rs covers a V3 message quoting the token).
  const wrong = client({
    credentials: { ...STS, accessKeySecret: "wrong-secret-value" },
    signatureAlgorithm: "HMAC-SHA1",
  });
  const e = await rejects(wrong.describeNetworkInterfaces(), { code: "SignatureDoesNotMatch" });
  assert.match(e.message, /\*\*\*/);
});
