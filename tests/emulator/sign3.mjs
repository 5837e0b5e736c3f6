// Alibaba Cloud signature V3 (ACS3-HMAC-SHA256), as the server side sees it: the canonical
// request, the string to sign and the signature, each its own stage so tests can assert each
// one against the published vectors. node:crypto only (independent of the library's Rust
// signer).

import { createHash, createHmac } from "node:crypto";
import { percentEncode } from "./sign.mjs";

export const ALGORITHM = "ACS3-HMAC-SHA256";

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}

/** SHA-256 of the empty payload, what an RPC request without a body hashes to. */
export const EMPTY_SHA256 = sha256Hex("");

function codeUnitOrder(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical query: keys sorted by code unit, each `key=` + RFC 3986 encoding of the value
 * (space `%20`, `*` `%2A`, `~` kept), joined by `&`. Keys are taken as they are, as the
 * official SDK's `getAuthorization` does (ECS parameter names are all unreserved characters,
 * so encoding them would change nothing).
 * @param {Record<string,string>} query decoded query parameters
 */
export function canonicalQuery(query) {
  return Object.keys(query)
    .sort(codeUnitOrder)
    .map((k) => `${k}=${percentEncode(query[k] ?? "")}`)
    .join("&");
}

/**
 * Canonical headers and the signed header names. `headers` maps each lowercased name to its
 * list of values (as received); only the names listed in `signedHeaders` are taken, each line
 * `name:values\n` with the values trimmed, sorted and joined by `,`.
 * @param {Record<string,string[]>} headers
 * @param {string[]} signedHeaders lowercased, sorted
 */
export function canonicalHeaders(headers, signedHeaders) {
  let out = "";
  for (const name of signedHeaders) {
    const values = (headers[name] || []).map((v) => String(v).trim()).sort(codeUnitOrder);
    out += `${name}:${values.join(",")}\n`;
  }
  return out;
}

/**
 * `METHOD\n/\ncanonical query\ncanonical headers\nsigned;names\nhashed payload`.
 * @param {object} r
 * @param {string} r.method
 * @param {string} [r.pathname="/"]
 * @param {Record<string,string>} r.query
 * @param {Record<string,string[]>} r.headers lowercased names -> values
 * @param {string[]} r.signedHeaders
 * @param {string} r.hashedPayload hex SHA-256 of the body
 */
export function canonicalRequest({ method, pathname = "/", query, headers, signedHeaders, hashedPayload }) {
  return [
    method.toUpperCase(),
    pathname,
    canonicalQuery(query),
    canonicalHeaders(headers, signedHeaders),
    signedHeaders.join(";"),
    hashedPayload,
  ].join("\n");
}

/** `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function stringToSign(canonicalRequestText) {
  return `${ALGORITHM}\n${sha256Hex(canonicalRequestText)}`;
}

/** Hex HMAC-SHA256 of the string to sign, keyed with the AccessKeySecret. */
export function signature(stringToSignText, accessKeySecret) {
  return createHmac("sha256", accessKeySecret).update(stringToSignText, "utf8").digest("hex");
}

const AUTHORIZATION = /^(\S+) Credential=([^,\s]+),SignedHeaders=([^,\s]*),Signature=([^,\s]*)$/;

/**
 * Split an `Authorization` header. Returns `{ algorithm, credential, signedHeaders, signature }`
 * or null when it does not have the V3 shape.
 */
export function parseAuthorization(value) {
  const m = AUTHORIZATION.exec(String(value).trim());
  if (!m) return null;
  return {
    algorithm: m[1],
    credential: m[2],
    signedHeaders: m[3] === "" ? [] : m[3].split(";"),
    signature: m[4],
  };
}
