// The emulator's V3 (ACS3-HMAC-SHA256) verifier, stage by stage, against the vectors (one
// published in Alibaba's Go SDK tests, four computed with the official SDK's signing function),
// the tests' own independent signer, and @alicloud/openapi-core's Utils.getAuthorization.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { OpenApiUtil } from "@alicloud/openapi-core";
import * as v3 from "./sign3.mjs";
import { signV3 } from "./_helpers.mjs";

// A byte-identical copy of shared/signature-vectors-v3.json.
const { vectors } = JSON.parse(readFileSync(new URL("./signature-vectors-v3.json", import.meta.url), "utf8"));
const Utils = OpenApiUtil; // the SDK's Utils class (Utils.getAuthorization is its V3 signer)

function headerLists(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) (out[k.toLowerCase()] ||= []).push(v);
  return out;
}

function signedNames(headers) {
  return [
    ...new Set(
      Object.keys(headers)
        .map((k) => k.toLowerCase())
        .filter((n) => n === "host" || n === "content-type" || n.startsWith("x-acs-")),
    ),
  ].sort();
}

test("five V3 vectors, one of them published by Alibaba", () => {
  assert.equal(vectors.length, 5);
  assert.ok(vectors.some((v) => v.source.startsWith("published")));
});

for (const v of vectors) {
  test(`V3 vector ${v.name}: canonical request, string to sign, signature, Authorization`, () => {
    const headers = headerLists(v.headers);
    const signedHeaders = signedNames(v.headers);
    const canonical = v3.canonicalRequest({
      method: v.method,
      query: v.query,
      headers,
      signedHeaders,
      hashedPayload: v.hashedPayload,
    });
    // Stage 1: the canonical request, line by line.
    const lines = canonical.split("\n");
    assert.equal(lines[0], v.method.toUpperCase());
    assert.equal(lines[1], "/");
    assert.equal(lines[2], v3.canonicalQuery(v.query));
    assert.equal(lines.at(-2), signedHeaders.join(";"));
    assert.equal(lines.at(-1), v.hashedPayload);
    // The independent signer of the tests builds the same canonical request.
    const independent = signV3({
      method: v.method,
      query: v.query,
      headers: v.headers,
      payloadHash: v.hashedPayload,
      accessKeyId: v.accessKeyId,
      accessKeySecret: v.accessKeySecret,
    });
    assert.equal(canonical, independent.canonicalRequest);
    // Stage 2 and 3.
    const sts = v3.stringToSign(canonical);
    assert.equal(sts, independent.stringToSign);
    assert.match(sts, /^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    const sig = v3.signature(sts, v.accessKeySecret);
    assert.equal(sig, v.signature);
    // Stage 4: the header, and the official SDK's function agrees.
    const auth = `ACS3-HMAC-SHA256 Credential=${v.accessKeyId},SignedHeaders=${signedHeaders.join(";")},Signature=${sig}`;
    assert.equal(auth, v.authorization);
    const official = Utils.getAuthorization(
      { method: v.method, pathname: v.pathname, query: v.query, headers: v.headers },
      "ACS3-HMAC-SHA256",
      v.hashedPayload,
      v.accessKeyId,
      v.accessKeySecret,
    );
    assert.equal(official, v.authorization);
    assert.deepEqual(v3.parseAuthorization(v.authorization), {
      algorithm: "ACS3-HMAC-SHA256",
      credential: v.accessKeyId,
      signedHeaders,
      signature: v.signature,
    });
  });
}

test("canonical query: RFC 3986 values (space %20, * %2A, ~ kept, UTF-8), keys sorted by code unit, empty value key=", () => {
  assert.equal(
    v3.canonicalQuery({ b: "a b*~+/", a: "", "Tag.1.Key": "ü😀", B: "x" }),
    "B=x&Tag.1.Key=%C3%BC%F0%9F%98%80&a=&b=a%20b%2A~%2B%2F",
  );
});

test("canonical headers: values trimmed, several values sorted and joined by a comma", () => {
  assert.equal(
    v3.canonicalHeaders({ "x-acs-a": [" z ", "b"], host: ["h"] }, ["host", "x-acs-a"]),
    "host:h\nx-acs-a:b,z\n",
  );
});

test("parseAuthorization refuses what is not the V3 shape", () => {
  for (const bad of [
    "",
    "ACS3-HMAC-SHA256",
    "ACS3-HMAC-SHA256 Credential=a",
    "ACS3-HMAC-SHA256 Credential=a,Signature=b",
    "ACS3-HMAC-SHA256 Credential=a, SignedHeaders=host,Signature=b",
    "acs emulator-key-id:abc",
  ]) {
    assert.equal(v3.parseAuthorization(bad), null, bad);
  }
  assert.equal(v3.EMPTY_SHA256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});
