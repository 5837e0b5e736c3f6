// Issue 15 for the signing exports: after rpcSignature and signRpcRequest return (or throw), the
// AccessKeySecret and the STS token are nowhere in the wasm memory, on the fast path (arguments
// as one flat string, js/sign.js) and on the JSON path it falls back to. What is not secret (a
// parameter value) is still found there, in freed memory: so the scan does find what was left.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { importPackage, installedPackage } from "./harness.mjs";

let lib, memory;

before(async () => {
  // The installed package's glue module, instantiated here from the package's .wasm, so that
  // its memory can be scanned: the Node entry is the bundle node.cjs, which keeps its instance to itself,
  // and exports these two functions straight from the same glue and wasm.
  const { packageDir } = installedPackage();
  lib = await import(pathToFileURL(join(packageDir, "aliyun_eni.js")).href);
  memory = lib.initSync({ module: readFileSync(join(packageDir, "aliyun_eni_bg.wasm")) }).memory;
  const entry = await importPackage();
  assert.equal(entry.rpcSignature({ A: "1" }, "s"), lib.rpcSignature({ A: "1" }, "s"), "the entry signs as the glue");
});

/** Whether the UTF-8 bytes of `text` are anywhere in the wasm memory. */
function inMemory(text) {
  const hay = new Uint8Array(memory.buffer);
  const needle = new TextEncoder().encode(text);
  outer: for (let i = hay.indexOf(needle[0]); i !== -1; i = hay.indexOf(needle[0], i + 1)) {
    if (i + needle.length > hay.length) return false;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const unique = (what) => `${what}-${randomBytes(12).toString("hex")}`;

function secrets() {
  return { secret: unique("secret"), token: unique("token"), marker: unique("marker") };
}

function assertWiped({ secret, token, marker }, label, { control = true } = {}) {
  assert.ok(!inMemory(secret), `${label}: the AccessKeySecret is still in wasm memory`);
  assert.ok(!inMemory(token), `${label}: the security token is still in wasm memory`);
  if (control) assert.ok(inMemory(marker), `${label}: the scan finds what is not wiped (a parameter value)`);
}

test("rpcSignature: the secret and a SecurityToken parameter are wiped (flat and JSON paths)", () => {
  for (const [label, extra] of [
    ["flat", {}],
    // U+0000 in a value takes the JSON path (the flat form cannot carry it).
    ["JSON", { Odd: "a\u0000b" }],
  ]) {
    const s = secrets();
    const params = { Action: "DescribeRegions", SecurityToken: s.token, Marker: s.marker, ...extra };
    assert.match(lib.rpcSignature(params, s.secret, "GET"), /^[A-Za-z0-9+/]{27}=$/);
    // With a token among the parameters everything they were copied into is wiped, the
    // marker too: the control is the case below.
    assertWiped(s, label, { control: false });
  }
  // Without a token parameter only the secret is secret: the other parameters stay behind in
  // freed memory, which shows the scan finds what was left.
  const s = secrets();
  lib.rpcSignature({ Marker: s.marker }, s.secret);
  assertWiped(s, "no token parameter");
});

test("signRpcRequest: the secret and the token are wiped, both algorithms, flat and JSON paths, and on errors", () => {
  const request = (marker, extra = {}) => ({
    endpoint: "https://ecs.cn-hangzhou.aliyuncs.com",
    action: "DescribeNetworkInterfaces",
    version: "2014-05-26",
    parameters: { RegionId: "cn-hangzhou", Marker: marker, ...extra },
  });
  for (const signatureAlgorithm of ["ACS3-HMAC-SHA256", "HMAC-SHA1"]) {
    for (const [label, extra] of [
      ["flat", {}],
      ["JSON", { Odd: "a\u0000b" }],
    ]) {
      const s = secrets();
      const credentials = { accessKeyId: "STS.id", accessKeySecret: s.secret, securityToken: s.token };
      const signed = lib.signRpcRequest(request(s.marker, extra), credentials, { signatureAlgorithm });
      assert.ok(JSON.stringify(signed).includes(s.token), "the answer carries the token");
      assertWiped(s, `${signatureAlgorithm}, ${label}`);
    }
  }
  // An error after the credentials were read (the algorithm is checked last).
  const s = secrets();
  const credentials = { accessKeyId: "STS.id", accessKeySecret: s.secret, securityToken: s.token };
  assert.throws(() => lib.signRpcRequest(request(s.marker), credentials, { signatureAlgorithm: "v2" }), {
    field: "options.signatureAlgorithm",
  });
  // (The error's own strings may reuse the freed memory: no control here.)
  assertWiped(s, "error", { control: false });
});
