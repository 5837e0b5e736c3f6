// Signature V3 (ACS3-HMAC-SHA256) over HTTP: what passes, and each refusal with its code.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { startEmulator } from "./server.mjs";
import { KEY, STS, callV3, describe, isoNow, ERROR_KEYS, UUID_UPPER, EMPTY_HASH } from "./_helpers.mjs";

const emu = await startEmulator({ enis: 40, seed: 12 });
after(() => emu.close());
const url = emu.url;
const DNI = "DescribeNetworkInterfaces";

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
  assert.match(r.json.RequestId, UUID_UPPER);
  assert.equal(r.headers.get("x-acs-request-id"), r.json.RequestId);
}

test("V3: signed POST and GET with the parameters in the query succeed", async () => {
  for (const method of ["POST", "GET"]) {
    const r = await callV3(url, DNI, { RegionId: "cn-hangzhou", MaxResults: "7" }, { method });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 7);
    assert.equal(typeof r.json.NextToken, "string");
  }
  const entry = emu.log().requests.at(-1);
  assert.equal(entry.algorithm, "ACS3-HMAC-SHA256");
  assert.equal(entry.action, DNI);
  assert.equal(entry.params.Version, "2014-05-26");
  assert.equal(entry.params.MaxResults, "7");
  assert.match(entry.signature, /^[0-9a-f]{64}$/);
});

test("V3: a form body (content-type signed, body hashed) succeeds; hostile values survive", async () => {
  const name = "测试 eni*~!'()+/=&%20😀";
  const r = await callV3(url, DNI, { RegionId: "cn-hangzhou", NetworkInterfaceName: name }, { form: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(emu.log().requests.at(-1).params.NetworkInterfaceName, name);
  const q = await callV3(url, DNI, { RegionId: "cn-hangzhou", NetworkInterfaceName: name, "Tag.1.Key": "k ü" });
  assert.equal(q.status, 200, q.text);
});

test("V3 and V2 are both accepted by one emulator", async () => {
  assert.equal((await describe(url)).status, 200);
  assert.equal(emu.log().requests.at(-1).algorithm, "HMAC-SHA1");
  assert.equal((await callV3(url, DNI, { RegionId: "cn-hangzhou" })).status, 200);
});

test("V3 refusal: no Authorization -> IncompleteSignature (400)", async () => {
  assertError(await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { authorization: null }), 400, "IncompleteSignature");
});

test("V3 refusal: malformed Authorization -> IncompleteSignature (400); another algorithm -> InvalidSignatureMethod (400)", async () => {
  const sig = "0".repeat(64);
  for (const bad of [
    "ACS3-HMAC-SHA256",
    `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},Signature=${sig}`,
    `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},SignedHeaders=host,Signature=XYZ`,
    `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId}, SignedHeaders=host,Signature=${sig}`,
    "Bearer abc",
  ]) {
    assertError(
      await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { authorization: bad }),
      400,
      "IncompleteSignature",
    );
  }
  assertError(
    await callV3(
      url,
      DNI,
      { RegionId: "cn-hangzhou" },
      { authorization: `ACS3-HMAC-SM3 Credential=${KEY.accessKeyId},SignedHeaders=host,Signature=${sig}` },
    ),
    400,
    "InvalidSignatureMethod",
  );
});

test("V3 refusal: a missing required x-acs-* header -> MissingParameter (400) naming it", async () => {
  for (const name of ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"]) {
    const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { [name]: undefined } });
    assertError(r, 400, "MissingParameter");
    assert.ok(r.json.Message.includes(name), r.text);
  }
});

test("V3 refusal: x-acs-content-sha256 that is not the body's hash -> SignatureDoesNotMatch (400)", async () => {
  const wrong = createHash("sha256").update("something else").digest("hex");
  // Signed consistently with the wrong value...
  const a = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { contentSha256: wrong });
  assertError(a, 400, "SignatureDoesNotMatch");
  assert.ok(a.json.Message.includes("x-acs-content-sha256"), a.text);
  // ...or with the right payload hash but a wrong header: refused all the same.
  const b = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { contentSha256: wrong, payloadHash: EMPTY_HASH });
  assertError(b, 400, "SignatureDoesNotMatch");
  // A form body whose header claims the empty hash.
  const c = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { form: true, contentSha256: EMPTY_HASH });
  assertError(c, 400, "SignatureDoesNotMatch");
});

test("V3 refusal: x-acs-date more than 15 minutes off -> InvalidTimeStamp.Expired; malformed -> InvalidTimeStamp.Format", async () => {
  for (const off of [-16 * 60_000, 16 * 60_000]) {
    const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-date": isoNow(off) } });
    assertError(r, 400, "InvalidTimeStamp.Expired");
  }
  for (const off of [-14 * 60_000, 14 * 60_000]) {
    const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-date": isoNow(off) } });
    assert.equal(r.status, 200, r.text);
  }
  for (const bad of [
    "2026-11-30 10:00:00",
    "2026-13-01T00:00:00Z",
    new Date().toUTCString(),
    "2026-11-30T10:00:00.123Z",
  ]) {
    const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-date": bad } });
    assertError(r, 400, "InvalidTimeStamp.Format");
  }
});

test("V3 refusal: a reused x-acs-signature-nonce -> SignatureNonceUsed (400); a refused request does not burn its nonce", async () => {
  const nonce = `nonce-${Date.now()}`;
  const bad = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { headers: { "x-acs-signature-nonce": nonce }, secret: "x" },
  );
  assertError(bad, 400, "SignatureDoesNotMatch");
  const first = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-signature-nonce": nonce } });
  assert.equal(first.status, 200, first.text);
  const again = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-signature-nonce": nonce } });
  assertError(again, 400, "SignatureNonceUsed");
  // Nonces are per AccessKeyId.
  const other = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { cred: STS, headers: { "x-acs-signature-nonce": nonce } },
  );
  assert.equal(other.status, 200, other.text);
});

test("V3 refusal: an x-acs-* header sent but not signed, a signed header not sent, host unsigned -> IncompleteSignature (400)", async () => {
  const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { unsigned: { "x-acs-extra": "1" } });
  assertError(r, 400, "IncompleteSignature");
  assert.ok(r.json.Message.includes("x-acs-extra"), r.text);
  // The same header signed is fine (any x-acs-* may be sent if signed).
  assert.equal((await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-extra": "1" } })).status, 200);
  const sig = "0".repeat(64);
  const listed = `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-missing;x-acs-signature-nonce;x-acs-version,Signature=${sig}`;
  assertError(
    await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { authorization: listed }),
    400,
    "IncompleteSignature",
  );
  const noHost = `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},SignedHeaders=x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${sig}`;
  assertError(
    await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { authorization: noHost }),
    400,
    "IncompleteSignature",
  );
  const unsorted = `ACS3-HMAC-SHA256 Credential=${KEY.accessKeyId},SignedHeaders=x-acs-action;host;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=${sig}`;
  assertError(
    await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { authorization: unsorted }),
    400,
    "IncompleteSignature",
  );
});

test("V3 refusal: wrong signature -> SignatureDoesNotMatch (400) with the server's string to sign; no secret in it", async () => {
  const r = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { secret: "not-the-secret" });
  assertError(r, 400, "SignatureDoesNotMatch");
  assert.equal(
    r.json.Message,
    `Specified signature does not match our calculation. server StringToSign is [${r.sent.signed.stringToSign}]`,
  );
  assert.ok(!r.text.includes(KEY.accessKeySecret));
  // Tampering with a signed value after signing is caught.
  const t = await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { method: "GET", headers: {} });
  assert.equal(t.status, 200);
  const { headers } = t.sent;
  const res = await fetch(`${url}/?RegionId=cn-shanghai`, {
    headers: {
      ...Object.fromEntries(Object.entries(headers).filter(([k]) => k !== "host")),
      authorization: t.sent.signed.authorization,
      "x-acs-signature-nonce": "fresh-nonce-1",
    },
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, "SignatureDoesNotMatch");
});

test("V3 refusal: unknown AccessKeyId -> InvalidAccessKeyId.NotFound (404)", async () => {
  const r = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { cred: { accessKeyId: "nobody", accessKeySecret: "x" } },
  );
  assertError(r, 404, "InvalidAccessKeyId.NotFound");
});

test("V3 STS: the token in x-acs-security-token; missing or wrong -> InvalidSecurityToken.MismatchWithAccessKey (400)", async () => {
  assert.equal((await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { cred: STS })).status, 200);
  const missing = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { cred: STS, headers: { "x-acs-security-token": undefined } },
  );
  assertError(missing, 400, "InvalidSecurityToken.MismatchWithAccessKey");
  const wrong = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { cred: STS, headers: { "x-acs-security-token": "forged" } },
  );
  assertError(wrong, 400, "InvalidSecurityToken.MismatchWithAccessKey");
  assert.equal(wrong.json.Message, "Specified SecurityToken mismatch with the AccessKey.");
  assert.ok(!wrong.text.includes(STS.securityToken) && !wrong.text.includes(STS.accessKeySecret));
  // x-acs-accesskey-id must name the Credential's key.
  const other = await callV3(
    url,
    DNI,
    { RegionId: "cn-hangzhou" },
    { cred: STS, headers: { "x-acs-accesskey-id": "STS.other" } },
  );
  assertError(other, 400, "InvalidParameter");
  // The log hides the token (it travels in a header, not in the logged parameters).
  assert.ok(!JSON.stringify(emu.log()).includes(STS.securityToken));
});

test("V3 STS: an expired key -> InvalidSecurityToken.Expired (400)", async () => {
  const e = await startEmulator({
    enis: 20,
    credentials: [{ ...STS, expiresAtMs: Date.now() - 1000 }],
  });
  try {
    const r = await callV3(e.url, DNI, { RegionId: "cn-hangzhou" }, { cred: STS });
    assertError(r, 400, "InvalidSecurityToken.Expired");
    assert.equal(r.json.Message, "Specified SecurityToken is expired.");
  } finally {
    await e.close();
  }
});

test("V3: Action and Version come from x-acs-action / x-acs-version; a contradicting query parameter is refused", async () => {
  assertError(await callV3(url, "NoSuchAction", { RegionId: "cn-hangzhou" }), 404, "InvalidAction.NotFound");
  assertError(
    await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { headers: { "x-acs-version": "2016-04-28" } }),
    400,
    "InvalidVersion",
  );
  assertError(
    await callV3(url, DNI, { RegionId: "cn-hangzhou", Action: "DeleteNetworkInterface" }),
    400,
    "InvalidParameter",
  );
  assert.equal((await callV3(url, DNI, { RegionId: "cn-hangzhou", Action: DNI })).status, 200);
});

test("V3: the Host signed is the one received, unless hostAliases names the one the client signed for", async () => {
  const real = "ecs.cn-hangzhou.aliyuncs.com";
  assertError(await callV3(url, DNI, { RegionId: "cn-hangzhou" }, { host: real }), 400, "SignatureDoesNotMatch");
  const e = await startEmulator({ enis: 20, hostAliases: [real] });
  try {
    assert.equal((await callV3(e.url, DNI, { RegionId: "cn-hangzhou" }, { host: real })).status, 200);
    assert.equal((await callV3(e.url, DNI, { RegionId: "cn-hangzhou" })).status, 200);
    assertError(
      await callV3(e.url, DNI, { RegionId: "cn-hangzhou" }, { host: "ecs.aliyuncs.com" }),
      400,
      "SignatureDoesNotMatch",
    );
  } finally {
    await e.close();
  }
  await assert.rejects(startEmulator({ hostAliases: [""] }), /hostAliases/);
});
