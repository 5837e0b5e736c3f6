// Authentication and common-parameter rules, over HTTP, GET and POST.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "./server.mjs";
import {
  KEY,
  STS,
  call,
  describe,
  del,
  rawGet,
  commonParams,
  sign,
  formEncode,
  isoNow,
  ERROR_KEYS,
  UUID_UPPER,
} from "./_helpers.mjs";

const emu = await startEmulator({ enis: 40, seed: 11 });
after(() => emu.close());
const url = emu.url;

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
  assert.match(r.json.RequestId, UUID_UPPER);
  assert.equal(r.json.HostId, "ecs.aliyuncs.com");
  assert.equal(r.json.Recommend, `https://api.aliyun.com/troubleshoot?q=${code}&product=Ecs`);
  assert.equal(typeof r.json.Message, "string");
  assert.equal(r.headers.get("content-type"), "application/json;charset=utf-8");
  assert.equal(r.headers.get("x-acs-request-id"), r.json.RequestId);
  assert.ok(r.headers.get("date"));
}

test("a signed GET succeeds; RequestId is a fresh uppercase UUID, also in x-acs-request-id; Date header", async () => {
  const a = await describe(url);
  const b = await describe(url);
  assert.equal(a.status, 200, a.text);
  assert.match(a.json.RequestId, UUID_UPPER);
  assert.notEqual(a.json.RequestId, b.json.RequestId);
  assert.equal(a.headers.get("x-acs-request-id"), a.json.RequestId);
  assert.equal(a.headers.get("content-type"), "application/json;charset=utf-8");
  assert.ok(Math.abs(Date.parse(a.headers.get("date")) - Date.now()) < 5000);
});

test("a signed POST with a form body succeeds, also with part of the parameters in the query", async () => {
  const a = await describe(url, { PageSize: "5" }, { method: "POST" });
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 5);
  const b = await describe(
    url,
    { PageSize: "5" },
    { method: "POST", inQuery: ["Action", "Signature", "Timestamp", "RegionId"] },
  );
  assert.equal(b.status, 200, b.text);
  // A POST signature is over "POST&...": the same parameters signed as GET fail.
  const p = { ...commonParams(), Action: "DescribeNetworkInterfaces" };
  p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
  const res = await fetch(`${url}/`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: formEncode(p),
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, "SignatureDoesNotMatch");
});

test("a POST body that is not x-www-form-urlencoded is not read", async () => {
  const p = { ...commonParams(), Action: "DescribeNetworkInterfaces" };
  p.Signature = sign("POST", p, KEY.accessKeySecret).signature;
  const res = await fetch(`${url}/`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: formEncode(p),
  });
  assert.equal(res.status, 400);
  assert.equal((await res.json()).Code, "IncompleteSignature");
});

test("STS: the STS key with its SecurityToken succeeds, GET and POST", async () => {
  const a = await describe(url, {}, { cred: STS });
  assert.equal(a.status, 200, a.text);
  const b = await describe(url, {}, { cred: STS, method: "POST" });
  assert.equal(b.status, 200, b.text);
});

test("STS: a missing or wrong SecurityToken is rejected (400)", async () => {
  assertError(
    await describe(url, { SecurityToken: undefined }, { cred: STS }),
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
  );
  assertError(
    await describe(url, { SecurityToken: "other-token" }, { cred: STS }),
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
  );
});

test("IncompleteSignature (400) without Signature", async () => {
  assertError(await describe(url, {}, { unsigned: true }), 400, "IncompleteSignature");
  assertError(await describe(url, {}, { unsigned: true, method: "POST" }), 400, "IncompleteSignature");
});

test("SignatureDoesNotMatch (400) with the server string to sign in the message", async () => {
  const r = await describe(url, { PageSize: "3" }, { secret: "wrong-secret" });
  assertError(r, 400, "SignatureDoesNotMatch");
  const expected = sign("GET", r.sent, KEY.accessKeySecret).stringToSign;
  assert.equal(
    r.json.Message,
    `Specified signature is not matched with our calculation. server string to sign is:${expected}`,
  );
  assertError(await describe(url, {}, { secret: "wrong-secret", method: "POST" }), 400, "SignatureDoesNotMatch");
});

test("InvalidAccessKeyId.NotFound (404) for an unknown AccessKeyId", async () => {
  assertError(await describe(url, { AccessKeyId: "nobody" }), 404, "InvalidAccessKeyId.NotFound");
  assertError(await describe(url, { AccessKeyId: "nobody" }, { method: "POST" }), 404, "InvalidAccessKeyId.NotFound");
});

test("InvalidTimeStamp.Expired (400) more than 15 minutes off; InvalidTimeStamp.Format (400) when malformed", async () => {
  assertError(await describe(url, { Timestamp: isoNow(-16 * 60 * 1000) }), 400, "InvalidTimeStamp.Expired");
  assertError(await describe(url, { Timestamp: isoNow(16 * 60 * 1000) }), 400, "InvalidTimeStamp.Expired");
  assertError(await describe(url, { Timestamp: "2016-02-23T12:46:24Z" }), 400, "InvalidTimeStamp.Expired");
  assert.equal((await describe(url, { Timestamp: isoNow(-14 * 60 * 1000) })).status, 200);
  assert.equal((await describe(url, { Timestamp: new Date().toISOString() })).status, 200, "milliseconds are accepted");
  for (const bad of [
    "yesterday",
    "2024-01-01 10:00:00",
    "2024-13-01T00:00:00Z",
    "2024-02-30T00:00:00Z",
    "2024-01-01T10:00:00+08:00",
    "1700000000",
  ]) {
    assertError(await describe(url, { Timestamp: bad }), 400, "InvalidTimeStamp.Format");
  }
});

test("SignatureNonceUsed (400) for a nonce seen before; a nonce is recorded only once the signature is valid", async () => {
  const nonce = `nonce-${Math.random()}`;
  // A bad signature, then an STS token mismatch: neither records the nonce.
  assertError(await describe(url, { SignatureNonce: nonce }, { secret: "wrong" }), 400, "SignatureDoesNotMatch");
  const sts = `sts-${nonce}`;
  assertError(
    await describe(url, { SignatureNonce: sts, SecurityToken: "bad" }, { cred: STS }),
    400,
    "InvalidSecurityToken.MismatchWithAccessKey",
  );
  assert.equal((await describe(url, { SignatureNonce: sts }, { cred: STS })).status, 200);
  assert.equal((await describe(url, { SignatureNonce: nonce })).status, 200);
  assertError(await describe(url, { SignatureNonce: nonce }), 400, "SignatureNonceUsed");
  assertError(await describe(url, { SignatureNonce: nonce }, { method: "POST" }), 400, "SignatureNonceUsed");
  // A business error after a valid signature still consumes the nonce.
  const n2 = `nonce2-${Math.random()}`;
  assertError(await describe(url, { SignatureNonce: n2, RegionId: "xx-nowhere-1" }), 400, "InvalidRegionId.MalFormed");
  assertError(await describe(url, { SignatureNonce: n2 }), 400, "SignatureNonceUsed");
});

test("MissingParameter (400) names each missing required parameter", async () => {
  for (const name of [
    "Action",
    "Version",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "RegionId",
  ]) {
    const r = await describe(url, { [name]: undefined });
    assertError(r, 400, "MissingParameter");
    assert.ok(r.json.Message.includes(`"${name}"`), r.json.Message);
    // An empty value counts as missing.
    const e = await describe(url, { [name]: "" });
    assertError(e, 400, "MissingParameter");
  }
  const r = await del(url, undefined);
  assertError(r, 400, "MissingParameter");
  assert.ok(r.json.Message.includes('"NetworkInterfaceId"'));
});

test("the TimeStamp spelling is not Timestamp", async () => {
  const r = await describe(url, { Timestamp: undefined, TimeStamp: isoNow() });
  assertError(r, 400, "MissingParameter");
  assert.ok(r.json.Message.includes('"Timestamp"'));
});

test("unsupported SignatureMethod / SignatureVersion -> InvalidParameter (400)", async () => {
  const a = await describe(url, { SignatureMethod: "HMAC-SHA256" });
  assertError(a, 400, "InvalidParameter");
  assert.ok(a.json.Message.includes("SignatureMethod"));
  const b = await describe(url, { SignatureVersion: "2.0" });
  assertError(b, 400, "InvalidParameter");
  assert.ok(b.json.Message.includes("SignatureVersion"));
});

test("Version must be 2014-05-26 (InvalidVersion 400); Format JSON by default, XML refused", async () => {
  assertError(await describe(url, { Version: "2016-04-28" }), 400, "InvalidVersion");
  assert.equal((await describe(url, { Format: undefined })).status, 200);
  assert.equal((await describe(url, { Format: "json" })).status, 200);
  const x = await describe(url, { Format: "XML" });
  assertError(x, 400, "InvalidParameter");
  assert.ok(x.json.Message.includes("Format"));
});

test("InvalidAction.NotFound (404) for an unknown action; InvalidRegionId.MalFormed (400) for an unknown region", async () => {
  assertError(await call(url, { Action: "DescribeInstances" }), 404, "InvalidAction.NotFound");
  assertError(await call(url, { Action: "toString" }), 404, "InvalidAction.NotFound");
  assertError(await describe(url, { RegionId: "cn-atlantis" }), 400, "InvalidRegionId.MalFormed");
  const empty = await describe(url, { RegionId: "cn-beijing" });
  assert.equal(empty.status, 200, "a real region without ENIs lists nothing");
  assert.equal(empty.json.TotalCount, 0);
});

test("signature errors come before business errors", async () => {
  assertError(
    await call(url, { Action: "Nope", RegionId: "cn-atlantis" }, { secret: "x" }),
    400,
    "SignatureDoesNotMatch",
  );
  assertError(await del(url, "eni-missing", {}, { secret: "x" }), 400, "SignatureDoesNotMatch");
  assertError(
    await call(url, { Action: "Nope", Version: "1999-01-01" }, { secret: "x" }),
    400,
    "SignatureDoesNotMatch",
  );
  assertError(await call(url, { Action: "Nope", Timestamp: "bad" }), 400, "InvalidTimeStamp.Format");
});

test("query decoding: + is a space, %2B a plus; an unencoded + in the Signature breaks it", async () => {
  // A name with a space, sent as "+": the server decodes a space and signs over it.
  const p = { ...commonParams(), Action: "DescribeNetworkInterfaces", NetworkInterfaceName: "a&b %c+d=e*f" };
  p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
  const q = formEncode(p).replace("%20", "+");
  assert.ok(q.includes("a%26b+%25c%2Bd%3De%2Af"));
  const ok = await rawGet(url, q);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(
    ok.json.NetworkInterfaceSets.NetworkInterfaceSet.map((e) => e.NetworkInterfaceId),
    ["eni-bp1hostile0000000008"],
  );
  // Find a signature containing "+" and send it raw: it decodes to a space and fails.
  for (;;) {
    const p2 = { ...commonParams(), Action: "DescribeNetworkInterfaces" };
    const s = sign("GET", p2, KEY.accessKeySecret).signature;
    if (!s.includes("+")) continue;
    const r = await rawGet(url, `${formEncode(p2)}&Signature=${s}`);
    assertError(r, 400, "SignatureDoesNotMatch");
    break;
  }
});

test("malformed percent-encoding and duplicated parameters -> InvalidParameter (400)", async () => {
  assertError(await rawGet(url, "Action=%ZZ"), 400, "InvalidParameter");
  const p = { ...commonParams(), Action: "DescribeNetworkInterfaces" };
  p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
  const r = await rawGet(url, `${formEncode(p)}&RegionId=cn-shanghai`);
  assertError(r, 400, "InvalidParameter");
  assert.ok(r.json.Message.includes("RegionId"));
});

test("unsupported HTTP methods on / -> 405 JSON", async () => {
  const res = await fetch(`${url}/`, { method: "PUT", body: "x" });
  assert.equal(res.status, 405);
  const body = await res.json();
  assert.deepEqual(Object.keys(body), ERROR_KEYS);
});

test("credentials are configurable: given ones replace the defaults", async () => {
  const custom = { accessKeyId: "my-id", accessKeySecret: "my-secret" };
  const sts = { accessKeyId: "STS.mine", accessKeySecret: "s", securityToken: "t" };
  const e = await startEmulator({ enis: 20, credentials: [custom, sts] });
  try {
    assert.equal((await describe(e.url, {}, { cred: custom })).status, 200);
    assert.equal((await describe(e.url, {}, { cred: sts })).status, 200);
    assertError(await describe(e.url, {}, { cred: KEY }), 404, "InvalidAccessKeyId.NotFound");
    assertError(
      await describe(e.url, { SecurityToken: "u" }, { cred: sts }),
      400,
      "InvalidSecurityToken.MismatchWithAccessKey",
    );
  } finally {
    await e.close();
  }
  await assert.rejects(startEmulator({ credentials: [{ accessKeyId: "x" }] }), TypeError);
});

test("expiresAtMs: an expired key is InvalidSecurityToken.Expired (400), also one added to the live Map later", async () => {
  const soon = Date.now() + 60_000;
  const live = {
    accessKeyId: "STS.live",
    accessKeySecret: "live-secret",
    securityToken: "live-token",
    expiresAtMs: soon,
  };
  const old = { accessKeyId: "STS.old", accessKeySecret: "old-secret", securityToken: "old-token", expiresAtMs: 1 };
  const e = await startEmulator({ enis: 20, credentials: [live, old] });
  try {
    assert.equal((await describe(e.url, {}, { cred: live })).status, 200);
    const r = await describe(e.url, {}, { cred: old, method: "POST" });
    assertError(r, 400, "InvalidSecurityToken.Expired");
    assert.equal(r.json.Message, "Specified SecurityToken is expired.");
    assert.ok(!r.text.includes("old-secret") && !r.text.includes("old-token"));
    // Expiry is judged on the server clock: a clock offset past the deadline expires `live`.
    e.setFaults({ clockOffsetMs: 120_000 });
    const ts = new Date(Date.now() + 120_000).toISOString().replace(/\.\d{3}Z$/, "Z");
    assertError(await describe(e.url, { Timestamp: ts }, { cred: live }), 400, "InvalidSecurityToken.Expired");
    e.clearFaults();
    // The STS stand-in adds keys to the live Map.
    e.credentials.set("STS.added", {
      accessKeyId: "STS.added",
      accessKeySecret: "added-secret",
      securityToken: "added-token",
      expiresAtMs: Date.now() - 1,
    });
    const added = { accessKeyId: "STS.added", accessKeySecret: "added-secret", securityToken: "added-token" };
    assertError(await describe(e.url, {}, { cred: added }), 400, "InvalidSecurityToken.Expired");
    e.credentials.get("STS.added").expiresAtMs = Date.now() + 60_000;
    assert.equal((await describe(e.url, {}, { cred: added })).status, 200);
  } finally {
    await e.close();
  }
  await assert.rejects(
    startEmulator({ credentials: [{ accessKeyId: "x", accessKeySecret: "y", expiresAtMs: "soon" }] }),
    /expiresAtMs of x must be a finite number/,
  );
});
