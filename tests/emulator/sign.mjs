// Alibaba Cloud RPC signature v1 (HMAC-SHA1), as the server side sees it:
// parsing the wire form of the parameters and computing what the signature must be.
// Every stage is a separate function so tests can assert each one against the
// published vectors.

import { createHmac, timingSafeEqual } from "node:crypto";

/** Signature-v1 percent-encoding: UTF-8, unreserved A-Za-z0-9-_.~ kept, everything else %XY (uppercase). */
export function percentEncode(value) {
  return encodeURIComponent(String(value)).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}

function byteOrder(a, b) {
  // UTF-16 code unit order, as Alibaba Cloud's servers (Java TreeMap) and its SDKs (JS sort)
  // compare names; it differs from UTF-8 byte order only between U+E000..U+FFFF and astral
  // characters.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `encode(k)=encode(v)` of every parameter but Signature, sorted by name, joined by `&`. */
export function canonicalQuery(params) {
  return Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort(byteOrder)
    .map((k) => `${percentEncode(k)}=${percentEncode(params[k])}`)
    .join("&");
}

/** `METHOD&%2F&` + encode(canonical query). */
export function stringToSign(method, params) {
  return `${method.toUpperCase()}&${percentEncode("/")}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(secret + "&", stringToSign)). */
export function signature(stringToSignValue, accessKeySecret) {
  return createHmac("sha1", `${accessKeySecret}&`).update(stringToSignValue, "utf8").digest("base64");
}

/** Constant-time comparison of two signature strings. */
export function signaturesEqual(a, b) {
  const x = Buffer.from(String(a), "utf8");
  const y = Buffer.from(String(b), "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Parse `a=b&c=d` the way Alibaba's gateway does: `+` is a space (in queries as in
 * form bodies), `%XY` is a UTF-8 byte. Returns [[name, value], ...] in wire order.
 * Throws a `ParamParseError` on malformed percent-encoding.
 */
export function parseUrlEncoded(text) {
  const pairs = [];
  if (!text) return pairs;
  for (const part of text.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([decodeComponent(rawKey), decodeComponent(rawValue)]);
  }
  return pairs;
}

export class ParamParseError extends Error {}

function decodeComponent(raw) {
  const s = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(s);
  } catch {
    throw new ParamParseError(`malformed percent-encoding in "${raw.slice(0, 64)}"`);
  }
}
