// Credentials providers of the packed package (installed from the tarball, imported as a user
// does) against the stand-ins: the emulator's STS (tests/emulator/sts.mjs), the instance
// metadata service and a credentials URI (tests/emulator/imds.mjs), profile files in a
// temporary HOME. Every issued credential is accepted by the emulator's ECS side and rejected
// there once it has expired, so a provider that does not refresh fails the listings below.
import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { importPackage, startEmulator, STS, KEY, SECRETS } from "./harness.mjs";
import { startMetadataService, startCredentialsUri } from "../emulator/imds.mjs";
import { TEST_OIDC_TOKEN, TEST_OIDC_PROVIDER_ARN } from "../emulator/sts.mjs";

const ROLE_ARN = "acs:ram::1234567890123456:role/eni-reader";
let m, emu, home;
/** Every message, toString and inspect output produced below, checked for secrets at the end. */
const shown = [];

before(async () => {
  m = await importPackage();
  emu = await startEmulator({ enis: 250, seed: 13 });
  home = mkdtempSync(join(tmpdir(), "aliyun-eni-creds-"));
});

after(async () => {
  await emu?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

beforeEach(() => {
  emu.clearFaults();
  emu.sts.setLifetimeMs(null);
  emu.sts.clearLog();
  emu.clearLog();
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const issue = () => emu.sts.issue();

function client(credentials, extra = {}) {
  return new m.EcsClient({ regionId: "cn-hangzhou", endpoint: emu.url, credentials, ...extra });
}

async function listAll(c, request = { maxResults: 100 }) {
  const ids = [];
  for await (const eni of c.listNetworkInterfaces(request)) ids.push(eni.networkInterfaceId);
  return ids;
}

async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    shown.push(e.message, String(e), inspect(e), JSON.stringify(e));
    return e;
  }
  assert.fail("expected a rejection");
}

function oidc(extra = {}) {
  return m.fromOidcRoleArn({
    roleArn: ROLE_ARN,
    oidcProviderArn: TEST_OIDC_PROVIDER_ARN,
    oidcToken: TEST_OIDC_TOKEN,
    stsEndpoint: emu.url,
    ...extra,
  });
}

/** A fresh HOME with the given files (relative path -> text). */
function homeWith(files) {
  const dir = mkdtempSync(join(home, "home-"));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function record(provider, creds) {
  shown.push(String(provider), inspect(provider));
  if (creds) shown.push(String(creds), inspect(creds), `${creds}`);
}

// ---------------------------------------------------------------------------------------------
// Each source

test("fromEnv: an env object (as a Worker passes) or process.env; STS token passed on", async () => {
  const p = m.fromEnv({
    ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret,
    ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken,
  });
  const c = await p();
  record(p, c);
  assert.equal(c.accessKeyId, STS.accessKeyId);
  assert.equal(c.securityToken, STS.securityToken);
  assert.equal((await listAll(client(p))).length, 250);

  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = KEY.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = KEY.accessKeySecret;
    const fromProcess = await m.fromEnv()();
    assert.equal(fromProcess.accessKeyId, KEY.accessKeyId);
  } finally {
    process.env = saved;
  }

  const e = await failure(m.fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "id" })());
  assert.equal(e.kind, "credentials");
  assert.match(e.message, /environment variables .*ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set/);
  assert.throws(() => m.fromEnv("env"), { kind: "validation", field: "env" });
});

test("fromCredentialsUri: the four fields, cached until shortly before Expiration", async () => {
  const uri = await startCredentialsUri({ issue });
  try {
    const p = m.fromCredentialsUri(uri.url);
    const c = client(p);
    assert.equal((await listAll(c)).length, 250);
    await c.describeNetworkInterfaces();
    assert.equal(uri.requests.length, 1, "one request for three ECS calls");
    const creds = await p();
    record(p, creds);
    assert.match(creds.accessKeyId, /^STS\./);
    assert.match(creds.expiration, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    // ALIBABA_CLOUD_CREDENTIALS_URI when no argument is given.
    const saved = process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
    process.env.ALIBABA_CLOUD_CREDENTIALS_URI = uri.url;
    try {
      assert.match((await m.fromCredentialsUri()()).accessKeyId, /^STS\./);
    } finally {
      if (saved === undefined) delete process.env.ALIBABA_CLOUD_CREDENTIALS_URI;
      else process.env.ALIBABA_CLOUD_CREDENTIALS_URI = saved;
    }

    uri.set({ mode: "error" });
    let e = await failure(m.fromCredentialsUri(`${uri.url}?token=do-not-show-me`)());
    assert.equal(e.kind, "credentials");
    assert.equal(e.code, "CredentialsError");
    assert.equal(e.message, `credentials URI (${uri.url}): it answered HTTP 500`);

    uri.set({ mode: "garbage" });
    e = await failure(m.fromCredentialsUri(uri.url)());
    assert.match(e.message, /the answer is not a JSON object/);
  } finally {
    await uri.close();
  }
});

test("fromEcsRamRole: IMDSv2 token, role listing, credentials with Expiration", async () => {
  const imds = await startMetadataService({ issue });
  try {
    const p = m.fromEcsRamRole({ endpoint: imds.url });
    assert.equal((await listAll(client(p))).length, 250);
    assert.deepEqual(
      imds.requests.map((r) => [r.method, r.path, r.token]),
      [
        ["PUT", "/latest/api/token", false],
        ["GET", "/latest/meta-data/ram/security-credentials/", true],
        ["GET", "/latest/meta-data/ram/security-credentials/EcsRamRoleTest", true],
      ],
    );
    record(p, await p());

    // A role name given skips the listing.
    imds.requests.length = 0;
    await m.fromEcsRamRole({ endpoint: imds.url, roleName: "EcsRamRoleTest" })();
    assert.deepEqual(
      imds.requests.map((r) => r.path),
      ["/latest/api/token", "/latest/meta-data/ram/security-credentials/EcsRamRoleTest"],
    );

    // An old service without the token endpoint: IMDSv1, unless disabled.
    imds.set({ v2: false });
    imds.requests.length = 0;
    assert.match((await m.fromEcsRamRole({ endpoint: imds.url })()).accessKeyId, /^STS\./);
    assert.deepEqual(
      imds.requests.map((r) => r.token),
      [false, false, false],
    );
    let e = await failure(m.fromEcsRamRole({ endpoint: imds.url, disableImdsV1: true })());
    assert.equal(e.kind, "credentials");
    assert.equal(
      e.message,
      `ECS RAM role (instance metadata service ${imds.url}): the metadata token request answered HTTP 404 and IMDSv1 is disabled`,
    );

    imds.set({ v2: true, roleName: null });
    e = await failure(m.fromEcsRamRole({ endpoint: imds.url })());
    assert.match(e.message, /the instance has no RAM role attached$/);
    imds.set({ roleName: "EcsRamRoleTest" });
    e = await failure(m.fromEcsRamRole({ endpoint: imds.url, roleName: "Other" })());
    assert.match(e.message, /the instance has no RAM role named Other$/);
  } finally {
    await imds.close();
  }
});

test("fromEcsRamRole: a metadata service that does not answer costs one 1 s timeout", async () => {
  const imds = await startMetadataService({ issue, mode: "silent" });
  try {
    const t0 = performance.now();
    const e = await failure(m.fromEcsRamRole({ endpoint: imds.url })());
    const ms = performance.now() - t0;
    assert.match(e.message, /no answer within 1000 ms$/);
    assert.ok(ms >= 950 && ms < 1500, `took ${ms.toFixed(0)} ms`);
    assert.equal(imds.requests.length, 1, "no IMDSv1 attempt after the timeout");
  } finally {
    await imds.close();
  }
});

test("fromOidcRoleArn: anonymous AssumeRoleWithOIDC with a token string, function or file", async () => {
  const file = join(home, "oidc-token");
  writeFileSync(file, `${TEST_OIDC_TOKEN}\n`);
  for (const p of [
    oidc(),
    oidc({ oidcToken: async () => TEST_OIDC_TOKEN }),
    oidc({ oidcToken: undefined, oidcTokenFile: file }),
  ]) {
    assert.equal((await listAll(client(p))).length, 250);
    record(p, await p());
  }
  const log = emu.sts.log();
  assert.deepEqual(
    log.map((c) => [c.action, c.status]),
    [
      ["AssumeRoleWithOIDC", 200],
      ["AssumeRoleWithOIDC", 200],
      ["AssumeRoleWithOIDC", 200],
    ],
  );
  const sent = emu.log().requests.filter((r) => r.action === "AssumeRoleWithOIDC");
  assert.equal(sent[0].params.RoleArn, ROLE_ARN);
  assert.equal(sent[0].params.DurationSeconds, "3600");
  assert.equal(sent[0].params.OIDCToken, "***");

  let e = await failure(oidc({ oidcToken: "eyJ.not-the-token.x" })());
  assert.equal(e.kind, "credentials");
  assert.match(
    e.message,
    new RegExp(
      `^OIDC role ${ROLE_ARN} \\(STS AssumeRoleWithOIDC at ${emu.url}\\): STS AssumeRoleWithOIDC answered HTTP 400 AuthenticationFail.OIDCToken.Invalid`,
    ),
  );
  e = await failure(oidc({ oidcToken: undefined, oidcTokenFile: join(home, "missing") })());
  assert.match(e.message, /the OIDC token file .*missing could not be read: ENOENT/);
  assert.throws(() => oidc({ durationSeconds: 60 }), { kind: "validation", field: "durationSeconds" });
  assert.throws(() => oidc({ oidcTokenFile: file }), { kind: "validation", field: "oidcToken" });
  assert.throws(() => oidc({ stsEndpoint: "ftp://x" }), { kind: "validation", field: "stsEndpoint" });
  // Plain http only to a loopback host: STS answers carry secrets.
  assert.throws(() => oidc({ stsEndpoint: "http://sts.example.test" }), { kind: "validation", field: "stsEndpoint" });
  assert.doesNotThrow(() => oidc({ stsEndpoint: "http://localhost:8080" }));
});

test("fromRamRoleArn: AssumeRole signed by the Rust signer (V3 by default, HMAC-SHA1 on request)", async () => {
  const byAlgorithm = {};
  for (const signatureAlgorithm of [undefined, "HMAC-SHA1"]) {
    for (const from of [
      KEY,
      STS,
      m.fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId, ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret }),
    ]) {
      emu.sts.clearLog();
      emu.clearLog();
      const p = m.fromRamRoleArn({
        credentials: from,
        roleArn: ROLE_ARN,
        roleSessionName: "eni-cleaner",
        policy: '{"Version":"1","Statement":[]}',
        externalId: "ext-1",
        durationSeconds: 900,
        stsEndpoint: emu.url,
        ...(signatureAlgorithm && { signatureAlgorithm }),
      });
      assert.equal((await listAll(client(p))).length, 250);
      const c = await p();
      record(p, c);
      assert.match(c.accessKeyId, /^STS\./);
      const [call] = emu.sts.log();
      assert.deepEqual([call.action, call.status, call.roleArn], ["AssumeRole", 200, ROLE_ARN]);
      assert.equal(emu.sts.log().length, 1);
      const sent = emu.log().requests.find((r) => r.requestId === call.requestId);
      byAlgorithm[sent.algorithm] = (byAlgorithm[sent.algorithm] ?? 0) + 1;
      assert.equal(sent.params.RoleSessionName, "eni-cleaner");
      assert.equal(sent.params.DurationSeconds, "900");
      assert.equal(sent.params.ExternalId, "ext-1");
    }
  }
  assert.deepEqual(byAlgorithm, { "ACS3-HMAC-SHA256": 3, "HMAC-SHA1": 3 });

  // A wrong source secret: the STS answer (which quotes the string to sign) is reported
  // without the source's secret or token.
  const wrong = { ...STS, accessKeySecret: "not-the-sts-secret" };
  for (const signatureAlgorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
    const e = await failure(
      m.fromRamRoleArn({ credentials: wrong, roleArn: ROLE_ARN, stsEndpoint: emu.url, signatureAlgorithm })(),
    );
    assert.equal(e.kind, "credentials");
    assert.match(
      e.message,
      new RegExp(
        `^RAM role ${ROLE_ARN} \\(STS AssumeRole at ${emu.url}\\): STS AssumeRole answered HTTP 400 SignatureDoesNotMatch`,
      ),
    );
    assert.ok(!e.message.includes(STS.securityToken) && !e.message.includes("not-the-sts-secret"));
  }
  const e = await failure(
    m.fromRamRoleArn({
      credentials: async () => {
        throw new Error("vault sealed");
      },
      roleArn: ROLE_ARN,
      stsEndpoint: emu.url,
    })(),
  );
  assert.match(e.message, /: the source credentials failed: vault sealed$/);
  assert.throws(() => m.fromRamRoleArn({ roleArn: ROLE_ARN }), { kind: "validation", field: "credentials" });
  assert.throws(() => m.fromRamRoleArn({ credentials: KEY, roleArn: "" }), { kind: "validation", field: "roleArn" });
  assert.throws(() => m.fromRamRoleArn({ credentials: KEY, roleArn: ROLE_ARN, durationSeconds: 899 }), {
    kind: "validation",
    field: "durationSeconds",
  });
});

test("fromRamRoleArn: 50 concurrent calls on a cold client make one AssumeRole call", async () => {
  const c = client(m.fromRamRoleArn({ credentials: KEY, roleArn: ROLE_ARN, stsEndpoint: emu.url }));
  await Promise.all(Array.from({ length: 50 }, () => c.describeNetworkInterfaces({ maxResults: 10 })));
  assert.deepEqual(
    emu.sts.log().map((x) => x.action),
    ["AssumeRole"],
  );
  assert.equal(emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces").length, 50);
});

test("STS endpoint: sts.aliyuncs.com, regional, VPC, or stsEndpoint", async () => {
  const seen = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (url) => {
    seen.push(new URL(url).origin);
    return new Response("{}", { status: 503 });
  };
  try {
    for (const env of [
      {},
      { ALIBABA_CLOUD_STS_REGION: "cn-shanghai" },
      { ALIBABA_CLOUD_STS_REGION: "cn-shanghai", ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED: "true" },
    ]) {
      await failure(oidc({ stsEndpoint: undefined, env })());
    }
    await failure(oidc({ stsEndpoint: "sts.example.test", env: { ALIBABA_CLOUD_STS_REGION: "cn-shanghai" } })());
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(seen, [
    "https://sts.aliyuncs.com",
    "https://sts.cn-shanghai.aliyuncs.com",
    "https://sts-vpc.cn-shanghai.aliyuncs.com",
    "https://sts.example.test",
  ]);
});

test("fromProfile: the aliyun CLI's config.json (current, AK, StsToken, OIDC) and the INI file", async () => {
  const tokenFile = join(home, "profile-oidc-token");
  writeFileSync(tokenFile, TEST_OIDC_TOKEN);
  const cli = {
    current: "sts",
    profiles: [
      { name: "default", mode: "AK", access_key_id: KEY.accessKeyId, access_key_secret: KEY.accessKeySecret },
      {
        name: "sts",
        mode: "StsToken",
        access_key_id: STS.accessKeyId,
        access_key_secret: STS.accessKeySecret,
        sts_token: STS.securityToken,
      },
      {
        name: "rrsa",
        mode: "OIDC",
        ram_role_arn: ROLE_ARN,
        oidc_provider_arn: TEST_OIDC_PROVIDER_ARN,
        oidc_token_file: tokenFile,
        sts_endpoint: emu.url,
      },
      {
        name: "role",
        mode: "RamRoleArn",
        access_key_id: KEY.accessKeyId,
        access_key_secret: KEY.accessKeySecret,
        ram_role_arn: ROLE_ARN,
        ram_session_name: "cli-session",
        expired_seconds: 900,
        sts_endpoint: emu.url,
      },
      {
        name: "chained",
        mode: "ChainableRamRoleArn",
        source_profile: "role",
        ram_role_arn: ROLE_ARN,
        sts_endpoint: emu.url,
      },
      { name: "odd", mode: "CloudSSO" },
    ],
  };
  const ini = [
    "# comment",
    "[default]",
    "type = access_key",
    `access_key_id = ${KEY.accessKeyId}`,
    `access_key_secret = ${KEY.accessKeySecret}`,
    "",
    "[ack]",
    "type = oidc_role_arn",
    `role_arn = ${ROLE_ARN}`,
    `oidc_provider_arn = ${TEST_OIDC_PROVIDER_ARN}`,
    `oidc_token_file_path = ${tokenFile}`,
    `sts_endpoint = ${emu.url}`,
    "",
    "[assume]",
    "type = ram_role_arn",
    `access_key_id = ${KEY.accessKeyId}`,
    `access_key_secret = ${KEY.accessKeySecret}`,
    `role_arn = ${ROLE_ARN}`,
    "role_session_name = ini-session",
    `sts_endpoint = ${emu.url}`,
    "",
    "[broken]",
    "type = access_key",
    "access_key_id = x",
  ].join("\n");
  const dir = homeWith({ ".aliyun/config.json": JSON.stringify(cli), ".alibabacloud/credentials": ini });
  const saved = { ...process.env };
  try {
    process.env.HOME = dir;
    delete process.env.ALIBABA_CLOUD_PROFILE;
    delete process.env.ALIBABA_CLOUD_CREDENTIALS_FILE;
    // CLI config first; `current` picks the profile.
    const current = await m.fromProfile()();
    assert.equal(current.accessKeyId, STS.accessKeyId);
    assert.equal(current.securityToken, STS.securityToken);
    assert.equal((await m.fromProfile({ profile: "default" })()).accessKeyId, KEY.accessKeyId);
    const rrsa = m.fromProfile({ profile: "rrsa" });
    assert.equal((await listAll(client(rrsa))).length, 250);
    record(rrsa, await rrsa());
    // Not in the CLI config: the INI file.
    const ack = await m.fromProfile({ profile: "ack" })();
    assert.match(ack.accessKeyId, /^STS\./);
    // Roles: the CLI's RamRoleArn and ChainableRamRoleArn, the INI file's ram_role_arn.
    emu.sts.clearLog();
    for (const profile of ["role", "chained", "assume"]) {
      const p = m.fromProfile({ profile });
      assert.match((await p()).accessKeyId, /^STS\./, profile);
      assert.equal((await listAll(client(p), { maxResults: 100, status: "Available" })).length > 0, true);
    }
    assert.deepEqual(
      emu.sts.log().map((x) => x.action),
      ["AssumeRole", "AssumeRole", "AssumeRole", "AssumeRole"],
      "chained: one AssumeRole for the source profile, one for the role",
    );
    // ALIBABA_CLOUD_PROFILE names the profile.
    process.env.ALIBABA_CLOUD_PROFILE = "default";
    assert.equal((await m.fromProfile()()).accessKeyId, KEY.accessKeyId);
    delete process.env.ALIBABA_CLOUD_PROFILE;
    // An explicit file, INI or JSON.
    const iniFile = join(dir, ".alibabacloud/credentials");
    assert.equal((await m.fromProfile({ file: iniFile })()).accessKeyId, KEY.accessKeyId);
    assert.equal((await m.fromProfile({ file: join(dir, ".aliyun/config.json") })()).accessKeyId, STS.accessKeyId);

    let e = await failure(m.fromProfile({ profile: "broken" })());
    assert.equal(e.kind, "credentials");
    assert.match(e.message, /profile "broken" in .*credentials has no access_key_secret/);
    e = await failure(m.fromProfile({ profile: "odd" })());
    assert.match(e.message, /mode "CloudSSO" is not supported/);
    e = await failure(m.fromProfile({ profile: "nobody" })());
    assert.match(e.message, /config.json has no profile named "nobody"; .*credentials has no profile named "nobody"/);
  } finally {
    process.env = saved;
  }
});

// ---------------------------------------------------------------------------------------------
// The default chain: one test per step, the earlier sources absent.

async function chainWith(env, extra = {}) {
  const p = m.defaultCredentials({ env, stsEndpoint: emu.url, ...extra });
  const c = await p();
  record(p, c);
  return { p, c };
}

test("chain 1: environment variables win over every later source", async () => {
  const uri = await startCredentialsUri({ issue });
  try {
    const dir = homeWith({
      ".aliyun/config.json": JSON.stringify({
        current: "default",
        profiles: [{ name: "default", mode: "AK", access_key_id: "cli-id", access_key_secret: "cli-secret" }],
      }),
    });
    const { p, c } = await chainWith({
      HOME: dir,
      ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
      ALIBABA_CLOUD_CREDENTIALS_URI: uri.url,
    });
    assert.equal(c.accessKeyId, KEY.accessKeyId);
    assert.equal(uri.requests.length, 0);
    assert.match(String(p), /default chain: .*environment variables/);
  } finally {
    await uri.close();
  }
});

test("chain 2: OIDC (RRSA) when the environment has no AccessKey", async () => {
  const tokenFile = join(home, "chain-oidc-token");
  writeFileSync(tokenFile, TEST_OIDC_TOKEN);
  const dir = homeWith({
    ".alibabacloud/credentials":
      "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n",
  });
  const { c } = await chainWith({
    HOME: dir,
    ALIBABA_CLOUD_ROLE_ARN: ROLE_ARN,
    ALIBABA_CLOUD_OIDC_PROVIDER_ARN: TEST_OIDC_PROVIDER_ARN,
    ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile,
  });
  assert.match(c.accessKeyId, /^STS\./);
  assert.deepEqual(
    emu.sts.log().map((x) => x.action),
    ["AssumeRoleWithOIDC"],
  );
});

test("chain 3: the aliyun CLI's config.json before the credentials file", async () => {
  const dir = homeWith({
    ".aliyun/config.json": JSON.stringify({
      current: "work",
      profiles: [{ name: "work", mode: "AK", access_key_id: "cli-id", access_key_secret: "cli-secret" }],
    }),
    ".alibabacloud/credentials":
      "[default]\ntype = access_key\naccess_key_id = ini-id\naccess_key_secret = ini-secret\n",
  });
  assert.equal((await chainWith({ HOME: dir })).c.accessKeyId, "cli-id");
  // ALIBABA_CLOUD_CLI_PROFILE_DISABLED skips it.
  assert.equal((await chainWith({ HOME: dir, ALIBABA_CLOUD_CLI_PROFILE_DISABLED: "true" })).c.accessKeyId, "ini-id");
});

test("chain 4: the credentials file (ALIBABA_CLOUD_CREDENTIALS_FILE, ALIBABA_CLOUD_PROFILE)", async () => {
  const dir = homeWith({
    "elsewhere.ini":
      "[default]\ntype = access_key\naccess_key_id = a\naccess_key_secret = b\n\n[ci]\ntype = access_key\naccess_key_id = ci-id\naccess_key_secret = ci-secret\n",
  });
  const { c } = await chainWith({
    HOME: dir,
    ALIBABA_CLOUD_CREDENTIALS_FILE: join(dir, "elsewhere.ini"),
    ALIBABA_CLOUD_PROFILE: "ci",
  });
  assert.equal(c.accessKeyId, "ci-id");
});

test("chain 5: the ECS RAM role before the credentials URI", async () => {
  const imds = await startMetadataService({ issue });
  const uri = await startCredentialsUri({ issue });
  try {
    const dir = homeWith({});
    const { p, c } = await chainWith(
      { HOME: dir, ALIBABA_CLOUD_CREDENTIALS_URI: uri.url },
      { ecsMetadataEndpoint: imds.url },
    );
    assert.match(c.accessKeyId, /^STS\./);
    assert.equal(imds.requests.length, 3);
    assert.equal(uri.requests.length, 0);
    assert.equal((await listAll(client(p))).length, 250);
  } finally {
    await imds.close();
    await uri.close();
  }
});

test("chain 6: the credentials URI; a silent metadata service costs about 1 s", async () => {
  const imds = await startMetadataService({ issue, mode: "silent" });
  const uri = await startCredentialsUri({ issue });
  try {
    const dir = homeWith({});
    const t0 = performance.now();
    const { c } = await chainWith(
      { HOME: dir, ALIBABA_CLOUD_CREDENTIALS_URI: uri.url },
      { ecsMetadataEndpoint: imds.url },
    );
    const ms = performance.now() - t0;
    assert.match(c.accessKeyId, /^STS\./);
    assert.equal(uri.requests.length, 1);
    assert.ok(ms >= 950 && ms < 1800, `the chain took ${ms.toFixed(0)} ms`);
    // ALIBABA_CLOUD_ECS_METADATA_DISABLED skips the metadata service: no wait at all.
    const t1 = performance.now();
    await chainWith(
      { HOME: dir, ALIBABA_CLOUD_CREDENTIALS_URI: uri.url, ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true" },
      { ecsMetadataEndpoint: imds.url },
    );
    assert.ok(performance.now() - t1 < 500);
    assert.equal(imds.requests.length, 1);
  } finally {
    await imds.close();
    await uri.close();
  }
});

test("chain: nothing found names every source tried, kind credentials", async () => {
  const imds = await startMetadataService({ issue, roleName: null });
  try {
    const dir = homeWith({});
    const e = await failure(m.defaultCredentials({ env: { HOME: dir }, ecsMetadataEndpoint: imds.url })());
    assert.equal(e.kind, "credentials");
    assert.equal(e.code, "CredentialsError");
    assert.equal(
      e.message,
      "no credentials found; tried " +
        [
          "environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
          "OIDC role: ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE not set",
          `aliyun CLI profile: ${dir}/.aliyun/config.json does not exist`,
          `credentials file: ${dir}/.alibabacloud/credentials does not exist`,
          `ECS RAM role (instance metadata service ${imds.url}): the instance has no RAM role attached`,
          "credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set",
        ].join("; "),
    );
  } finally {
    await imds.close();
  }
});

test("new EcsClient({ regionId }) uses defaultCredentials()", async () => {
  const saved = { ...process.env };
  try {
    process.env.ALIBABA_CLOUD_ACCESS_KEY_ID = STS.accessKeyId;
    process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = STS.accessKeySecret;
    process.env.ALIBABA_CLOUD_SECURITY_TOKEN = STS.securityToken;
    const c = new m.EcsClient({ regionId: "cn-hangzhou", endpoint: emu.url });
    assert.equal((await listAll(c)).length, 250);
    for (const k of Object.keys(process.env)) if (k.startsWith("ALIBABA_CLOUD_")) delete process.env[k];
    process.env.HOME = homeWith({});
    process.env.ALIBABA_CLOUD_ECS_METADATA_DISABLED = "true";
    const e = await failure(
      new m.EcsClient({ regionId: "cn-hangzhou", endpoint: emu.url }).describeNetworkInterfaces(),
    );
    assert.equal(e.kind, "credentials");
    assert.match(e.message, /no credentials found; tried environment variables/);
    assert.equal(e.attempts, 0);
  } finally {
    process.env = saved;
  }
});

// ---------------------------------------------------------------------------------------------
// Caching and refresh

test("50 concurrent calls on a cold client make one STS call", async () => {
  const c = client(oidc());
  const pages = await Promise.all(Array.from({ length: 50 }, () => c.describeNetworkInterfaces({ maxResults: 10 })));
  assert.equal(pages.length, 50);
  assert.equal(emu.sts.log().length, 1);
  assert.equal(emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces").length, 50);
});

test("the emulator rejects an expired STS credential (what the refresh tests rely on)", async () => {
  const issued = emu.sts.issue({ lifetimeMs: 1000 });
  const fixed = {
    accessKeyId: issued.AccessKeyId,
    accessKeySecret: issued.AccessKeySecret,
    securityToken: issued.SecurityToken,
  };
  await client(fixed).describeNetworkInterfaces();
  await sleep(1100);
  const e = await failure(client(fixed, { maxAttempts: 1 }).describeNetworkInterfaces());
  assert.equal(e.code, "InvalidSecurityToken.Expired");
});

test("expiring credentials are refreshed before they expire during a long listing", async () => {
  emu.sts.setLifetimeMs(3000);
  emu.setFaults({ latencyMs: 150 });
  const p = oidc();
  const t0 = Date.now();
  const ids = await listAll(client(p), { maxResults: 10 });
  const took = Date.now() - t0;
  assert.equal(ids.length, 250);
  assert.ok(took > 3500, `the listing outlived one credential (${took} ms)`);
  const calls = emu.sts.log();
  assert.ok(calls.length >= 2, `refreshed ${calls.length - 1} times`);
  // About one refresh a second (the credentials live 2 s by our clock, refreshed at half of
  // it), not one per page.
  assert.ok(calls.length <= 12, `no refresh storm: ${calls.length} STS calls for 25 pages in ${took} ms`);
  const ecs = emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces");
  assert.equal(ecs.length, 25);
  assert.ok(ecs.every((r) => r.status === 200));
});

test("a failed refresh keeps a still-valid credential, then fails naming the source", async () => {
  // 6 s by the issuer (whole seconds) read against its Date header: 5 s by our clock, refreshed
  // after 2.5 s, unused from 4.5 s on.
  emu.sts.setLifetimeMs(6000);
  const uri = await startCredentialsUri({ issue });
  try {
    const p = m.fromCredentialsUri(uri.url);
    const first = await p();
    await sleep(3000); // past the refresh point, well before expiry
    uri.set({ mode: "error" });
    const kept = await p();
    assert.equal(kept.accessKeyId, first.accessKeyId);
    assert.equal(uri.requests.length, 2, "the refresh was tried");
    // Within the retry backoff: no new attempt, the cached one again.
    assert.equal((await p()).accessKeyId, first.accessKeyId);
    assert.equal(uri.requests.length, 2);
    // ECS still accepts it.
    await client(p).describeNetworkInterfaces();
    await sleep(2000); // past expiry (5 s after the first answer)
    const e = await failure(p());
    assert.equal(e.kind, "credentials");
    assert.equal(e.message, `credentials URI (${uri.url}): it answered HTTP 500`);
    // And it recovers.
    uri.set({ mode: "answer" });
    assert.notEqual((await p()).accessKeyId, first.accessKeyId);
  } finally {
    await uri.close();
  }
});

test("clock skew: the issuer's Date header decides when its Expiration comes", async () => {
  // The STS clock runs 10 minutes behind ours and its credentials live 3 s: by our clock their
  // Expiration is long past. Read against the Date header they are fresh and are cached.
  emu.setFaults({ clockOffsetMs: -600_000 });
  emu.sts.setLifetimeMs(3000);
  const p = oidc();
  const a = await p();
  assert.ok(Date.parse(a.expiration) < Date.now() - 500_000, "the Expiration is in the issuer's clock");
  const b = await p();
  assert.equal(a.accessKeyId, b.accessKeyId);
  assert.equal(emu.sts.log().length, 1);
  await client(p).describeNetworkInterfaces();
  // And it is still refreshed before it expires by the issuer's clock.
  await sleep(1600);
  assert.notEqual((await p()).accessKeyId, a.accessKeyId);
  assert.equal(emu.sts.log().length, 2);
});

test("answers that are not credentials: each field named, never quoted", async () => {
  const realFetch = globalThis.fetch;
  let body;
  globalThis.fetch = async () => new Response(JSON.stringify(body), { status: 200 });
  const uri = "http://127.0.0.1:9/creds";
  try {
    for (const [answer, reason] of [
      [{ AccessKeySecret: "s3cr3t-value" }, "the answer has no AccessKeyId"],
      [{ AccessKeyId: "id" }, "the answer has no AccessKeySecret"],
      [
        { AccessKeyId: "id", AccessKeySecret: "s3cr3t-value", SecurityToken: 5 },
        "the answer has a SecurityToken that is not a string",
      ],
      [
        { Code: "Failed", AccessKeyId: "id", AccessKeySecret: "s3cr3t-value" },
        'the answer\'s Code is "Failed", not "Success"',
      ],
      [
        { AccessKeyId: "id", AccessKeySecret: "s3cr3t-value", Expiration: "tomorrow" },
        'Expiration must be an ISO 8601 UTC time such as 2026-11-30T12:00:00Z, got "tomorrow"',
      ],
    ]) {
      body = answer;
      const e = await failure(m.fromCredentialsUri(uri)());
      assert.equal(e.kind, "credentials");
      assert.equal(e.message, `credentials URI (${uri}): ${reason}`);
      assert.ok(!e.message.includes("s3cr3t-value"));
    }
    // Without an Expiration: kept for good (an AccessKey pair).
    body = { AccessKeyId: "id", AccessKeySecret: "s3cr3t-value" };
    let calls = 0;
    globalThis.fetch = async () => (calls++, new Response(JSON.stringify(body), { status: 200 }));
    const p = m.fromCredentialsUri(uri);
    for (let i = 0; i < 5; i++) assert.equal((await p()).expiration, undefined);
    assert.equal(calls, 1);
  } finally {
    globalThis.fetch = realFetch;
  }
});

// ---------------------------------------------------------------------------------------------
// Secrets

test("no secret or token of any source appears in errors, logs or toString", async () => {
  const secrets = [...SECRETS, TEST_OIDC_TOKEN];
  for (const [, c] of emu.credentials) {
    if (c.securityToken) secrets.push(c.accessKeySecret, c.securityToken);
  }
  assert.ok(secrets.length > 10, "issued credentials are part of the check");
  assert.ok(shown.length > 40, `${shown.length} texts checked`);
  for (const text of shown) {
    for (const s of secrets) assert.ok(!String(text).includes(s), `a secret in: ${String(text).slice(0, 200)}`);
  }
  // The credentials objects hide them from printing but hand them to whoever reads the field.
  const c = await m.fromEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: "id", ALIBABA_CLOUD_ACCESS_KEY_SECRET: "a-secret-value" })();
  assert.equal(c.accessKeySecret, "a-secret-value");
  assert.equal(inspect(c), 'Credentials { accessKeyId: "id", accessKeySecret: ** redacted ** }');
  assert.ok(!`${c}`.includes("a-secret-value"));
});
