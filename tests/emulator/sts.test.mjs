// The credential stand-ins on their own: the emulator's STS (called by the official V2 SDK,
// @alicloud/pop-core, and anonymously for OIDC), the instance metadata service and the
// credentials URI (read by the official @alicloud/credentials URI provider).
import { test, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startEmulator } from "./server.mjs";
import { TEST_OIDC_PROVIDER_ARN, TEST_OIDC_TOKEN } from "./sts.mjs";
import { startMetadataService, startCredentialsUri } from "./imds.mjs";

const require = createRequire(import.meta.url);
const { RPCClient } = require("@alicloud/pop-core");
const { URICredentialsProvider } = require("@alicloud/credentials");

const ROLE_ARN = "acs:ram::1234567890123456:role/eni-reader";
const emu = await startEmulator({ enis: 20, seed: 5 });
after(() => emu.close());
beforeEach(() => {
  emu.sts.setLifetimeMs(null);
  emu.sts.clearLog();
  emu.clearLog();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function rpc(version, keys = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" }) {
  return new RPCClient({ ...keys, endpoint: emu.url, apiVersion: version });
}

async function apiError(promise) {
  try {
    await promise;
  } catch (e) {
    return e.data ?? { Code: e.code };
  }
  assert.fail("expected an API error");
}

async function oidc(form) {
  const query = new URLSearchParams({ Action: "AssumeRoleWithOIDC", Version: "2015-04-01", Format: "JSON" });
  const res = await fetch(`${emu.url}/?${query}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, json: await res.json() };
}

test("AssumeRole (official V2 SDK): the real answer's shape; ECS accepts the keys, then rejects them expired", async () => {
  emu.sts.setLifetimeMs(2000);
  const r = await rpc("2015-04-01").request(
    "AssumeRole",
    { RoleArn: ROLE_ARN, RoleSessionName: "s1", DurationSeconds: 900 },
    { method: "POST" },
  );
  assert.deepEqual(Object.keys(r).sort(), ["AssumedRoleUser", "Credentials", "RequestId"]);
  assert.deepEqual(Object.keys(r.Credentials).sort(), [
    "AccessKeyId",
    "AccessKeySecret",
    "Expiration",
    "SecurityToken",
  ]);
  assert.match(r.Credentials.Expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(r.AssumedRoleUser.Arn, "acs:ram::1234567890123456:assumed-role/eni-reader/s1");
  const sts = rpc("2014-05-26", {
    accessKeyId: r.Credentials.AccessKeyId,
    accessKeySecret: r.Credentials.AccessKeySecret,
    securityToken: r.Credentials.SecurityToken,
  });
  const page = await sts.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou", MaxResults: 10 });
  assert.equal(page.NetworkInterfaceSets.NetworkInterfaceSet.length, 10);
  await sleep(Date.parse(r.Credentials.Expiration) - Date.now() + 50);
  const e = await apiError(sts.request("DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" }));
  assert.equal(e.Code, "InvalidSecurityToken.Expired");
  assert.deepEqual(
    emu.sts.log().map((c) => [c.action, c.status, c.issuedAccessKeyId]),
    [["AssumeRole", 200, r.Credentials.AccessKeyId]],
  );
});

test("AssumeRole is authenticated and its parameters checked", async () => {
  const wrong = rpc("2015-04-01", { accessKeyId: "emulator-key-id", accessKeySecret: "wrong-secret" });
  assert.equal(
    (await apiError(wrong.request("AssumeRole", { RoleArn: ROLE_ARN, RoleSessionName: "s1" }, { method: "POST" })))
      .Code,
    "SignatureDoesNotMatch",
  );
  const c = rpc("2015-04-01");
  for (const [params, code] of [
    [{ RoleSessionName: "s1" }, "MissingParameter"],
    [{ RoleArn: "arn:aws:iam::1:role/x", RoleSessionName: "s1" }, "InvalidParameter.RoleArn"],
    [{ RoleArn: ROLE_ARN }, "MissingParameter"],
    [{ RoleArn: ROLE_ARN, RoleSessionName: "s1", DurationSeconds: 899 }, "InvalidParameter.DurationSeconds"],
    [{ RoleArn: ROLE_ARN, RoleSessionName: "s1", DurationSeconds: 43201 }, "InvalidParameter.DurationSeconds"],
    [{ RoleArn: ROLE_ARN, RoleSessionName: "s1", Policy: "{not json" }, "InvalidParameter.PolicyGrammar"],
    [{ RoleArn: ROLE_ARN, RoleSessionName: "a b" }, "InvalidParameter.RoleSessionName"],
    [{ RoleArn: ROLE_ARN, RoleSessionName: "s" }, "InvalidParameter.RoleSessionName"],
  ]) {
    assert.equal(
      (await apiError(c.request("AssumeRole", params, { method: "POST" }))).Code,
      code,
      JSON.stringify(params),
    );
  }
  // Without any signature: refused before STS sees it.
  const res = await fetch(`${emu.url}/?Action=AssumeRole&Version=2015-04-01&RoleArn=${encodeURIComponent(ROLE_ARN)}`);
  assert.equal((await res.json()).Code, "IncompleteSignature");
  assert.equal(emu.sts.log().filter((x) => x.status === 200).length, 0);
});

test("AssumeRoleWithOIDC: anonymous, the test provider and token only", async () => {
  const ok = await oidc({ RoleArn: ROLE_ARN, OIDCProviderArn: TEST_OIDC_PROVIDER_ARN, OIDCToken: TEST_OIDC_TOKEN });
  assert.equal(ok.status, 200);
  assert.deepEqual(Object.keys(ok.json).sort(), ["AssumedRoleUser", "Credentials", "OIDCTokenInfo", "RequestId"]);
  assert.match(ok.json.Credentials.AccessKeyId, /^STS\./);
  assert.equal(emu.credentials.get(ok.json.Credentials.AccessKeyId).securityToken, ok.json.Credentials.SecurityToken);
  // DurationSeconds default 3600.
  const lifetime = Date.parse(ok.json.Credentials.Expiration) - Date.now();
  assert.ok(lifetime > 3590_000 && lifetime <= 3600_000, `${lifetime}`);

  const bad = await oidc({ RoleArn: ROLE_ARN, OIDCProviderArn: TEST_OIDC_PROVIDER_ARN, OIDCToken: "eyJ.x.y" });
  assert.deepEqual([bad.status, bad.json.Code], [400, "AuthenticationFail.OIDCToken.Invalid"]);
  const other = await oidc({
    RoleArn: ROLE_ARN,
    OIDCProviderArn: `${TEST_OIDC_PROVIDER_ARN}x`,
    OIDCToken: TEST_OIDC_TOKEN,
  });
  assert.deepEqual([other.status, other.json.Code], [404, "EntityNotExist.OIDCProvider"]);
  const missing = await oidc({ RoleArn: ROLE_ARN, OIDCProviderArn: TEST_OIDC_PROVIDER_ARN });
  assert.deepEqual([missing.status, missing.json.Code], [400, "MissingParameter"]);
  // Other STS actions are not anonymous.
  const res = await fetch(`${emu.url}/?Action=GetCallerIdentity&Version=2015-04-01`);
  assert.equal((await res.json()).Code, "IncompleteSignature");

  assert.deepEqual(
    emu.sts.log().map((c) => [c.action, c.status, c.code]),
    [
      ["AssumeRoleWithOIDC", 200, null],
      ["AssumeRoleWithOIDC", 400, "AuthenticationFail.OIDCToken.Invalid"],
      ["AssumeRoleWithOIDC", 404, "EntityNotExist.OIDCProvider"],
      ["AssumeRoleWithOIDC", 400, "MissingParameter"],
    ],
  );
  const logged = JSON.stringify(emu.log());
  assert.ok(!logged.includes(TEST_OIDC_TOKEN), "the emulator log redacts OIDCToken");
});

test("metadata stand-in: IMDSv2 token (TTL checked), IMDSv1 switch, role listing, silence", async () => {
  const imds = await startMetadataService({ issue: () => emu.sts.issue() });
  try {
    const put = (ttl) =>
      fetch(`${imds.url}/latest/api/token`, {
        method: "PUT",
        headers: ttl === undefined ? {} : { "x-aliyun-ecs-metadata-token-ttl-seconds": String(ttl) },
      });
    assert.equal((await put()).status, 400);
    assert.equal((await put(21601)).status, 400);
    const token = await (await put(60)).text();
    const base = `${imds.url}/latest/meta-data/ram/security-credentials/`;
    const get = (path, t) => fetch(base + path, { headers: t ? { "x-aliyun-ecs-metadata-token": t } : {} });
    assert.equal(await (await get("", token)).text(), "EcsRamRoleTest");
    const creds = await (await get("EcsRamRoleTest", token)).json();
    assert.equal(creds.Code, "Success");
    assert.deepEqual(Object.keys(creds).sort(), [
      "AccessKeyId",
      "AccessKeySecret",
      "Code",
      "Expiration",
      "LastUpdated",
      "SecurityToken",
    ]);
    assert.ok(emu.credentials.has(creds.AccessKeyId));
    assert.equal((await get("EcsRamRoleTest", "forged")).status, 401);
    assert.equal((await get("EcsRamRoleTest")).status, 200, "IMDSv1 allowed by default");
    imds.set({ imdsV1: false });
    assert.equal((await get("EcsRamRoleTest")).status, 401);
    assert.equal((await get("Other", token)).status, 404);
    imds.set({ mode: "silent" });
    const t0 = Date.now();
    await assert.rejects(fetch(base, { signal: AbortSignal.timeout(300) }));
    assert.ok(Date.now() - t0 >= 290);
  } finally {
    await imds.close();
  }
});

test("credentials URI stand-in: read by the official URI provider", async () => {
  const uri = await startCredentialsUri({ issue: () => emu.sts.issue() });
  try {
    const provider = URICredentialsProvider.builder().withCredentialsURI(uri.url).build();
    const c = await provider.getCredentials();
    assert.match(c.accessKeyId, /^STS\./);
    assert.equal(emu.credentials.get(c.accessKeyId).securityToken, c.securityToken);
    uri.set({ mode: "error" });
    await assert.rejects(URICredentialsProvider.builder().withCredentialsURI(uri.url).build().getCredentials());
    assert.equal(uri.requests.length, 2);
  } finally {
    await uri.close();
  }
});
