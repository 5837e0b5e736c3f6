// The signing exports' fast crossing: `rpcSignature` and `signRpcRequest` get their arguments
// as one flat string and build their answer from one, instead of `JSON.stringify` plus a JSON
// reader on the way in and JSON text plus `JSON.parse` on the way out (measured: about half of
// what a signature cost was those crossings).
//
// Only plain shapes take this path: plain objects whose members are strings (undefined ones are
// skipped, as JSON drops them) and no key the JSON form would refuse. Anything else (a wrong
// type, an unknown key, a class instance, an empty optional string, a getter that throws) gives
// `undefined`, and the caller reads the JSON form instead, whose errors name the field. So the
// errors, and what is accepted, are the JSON form's.
//
// Fields are separated by U+0000 and the text ends with the number of parameters. A string that
// holds U+0000 itself shifts the fields; the Rust reader counts them and falls back to the JSON
// form when the count is off, so no field is ever misread.
//
// The text holds the AccessKeySecret (and the STS token): the Rust side overwrites it once read.

const SEP = "\u0000";
const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? "0" : "") + i.toString(16));
const RANDOM = new Uint8Array(16);

/** Whether `v` is an object JSON.stringify would write as a plain object of its own keys. */
function isPlainObject(v) {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** `name SEP value SEP` for every own member of a plain object of strings, and how many; the
 * count is -1 when a member is not a string (or the object not plain). */
let pairCount = 0;
function pairsText(obj) {
  pairCount = -1;
  if (!isPlainObject(obj)) return "";
  let out = "";
  let n = 0;
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    if (typeof v !== "string") {
      if (v === undefined) continue;
      return "";
    }
    out += k + SEP + v + SEP;
    n++;
  }
  pairCount = n;
  return out;
}

/** An optional string member: "" when absent, undefined when it must go the JSON way (not a
 * string, or empty: the JSON form refuses an empty method, host, algorithm or token). */
function optional(v) {
  if (v === undefined) return "";
  return typeof v === "string" && v !== "" ? v : undefined;
}

/** The flat text between `stash` (which returns its length in UTF-16 units) and `takeArgs`
 * (which writes it as UTF-8 into wasm memory): `TextEncoder.encodeInto` straight into the
 * buffer the Rust side allocated, where passing a string would copy it one character at a time
 * (the glue's loop was a fifth of `rpcSignature`). It holds the secret for no longer than the
 * call. */
let stashed = "";
const encoder = new TextEncoder();
function stash(text) {
  stashed = text;
  return text.length;
}

/** Writes the stashed text into `view` (3 bytes per UTF-16 unit fit any text) and forgets it;
 * returns the number of bytes written. */
export function takeArgs(view) {
  const { written } = encoder.encodeInto(stashed, view);
  stashed = "";
  return written;
}

/** `rpcSignature(params, accessKeySecret, method)`: `method SEP secret SEP pairs count`. */
export function signatureArgs(params, secret, method) {
  try {
    if (typeof secret !== "string") return undefined;
    if (method !== undefined && method !== "GET" && method !== "POST") return undefined;
    const pairs = pairsText(params);
    if (pairCount < 0) return undefined;
    return stash((method ?? "") + SEP + secret + SEP + pairs + pairCount);
  } catch {
    return undefined;
  }
}

/** 16 random bytes for the nonce, as a version-4 UUID (its hex digits are the bytes; the Rust
 * side sets the version bits again). `crypto.randomUUID` where there is one: Node serves it
 * from a cache, where `getRandomValues` costs a call into C++ each time (3.6 µs of a 30 µs
 * signature); browsers only have it in secure contexts, so `getRandomValues` otherwise. */
function nonce() {
  const crypto = globalThis.crypto;
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const random = crypto.getRandomValues(RANDOM);
  let hex = "";
  for (let i = 0; i < 16; i++) hex += HEX[random[i]];
  return hex;
}

/** `signRpcRequest(request, credentials, options)` with 16 fresh random bytes and the time:
 * `nonce SEP epochMs SEP secret SEP token SEP accessKeyId SEP endpoint SEP action SEP version SEP
 * method SEP host SEP algorithm SEP pairs count` (absent optional members as ""). */
export function signRequestArgs(request, credentials, options) {
  try {
    if (!isPlainObject(request) || !isPlainObject(credentials)) return undefined;
    let endpoint, action, version, method, host, parameters;
    for (const k of Object.keys(request)) {
      const v = request[k];
      switch (k) {
        case "endpoint":
          endpoint = v;
          break;
        case "action":
          action = v;
          break;
        case "version":
          version = v;
          break;
        case "method":
          method = v;
          break;
        case "host":
          host = v;
          break;
        case "parameters":
          parameters = v;
          break;
        default:
          if (v !== undefined) return undefined;
      }
    }
    if (typeof endpoint !== "string" || typeof action !== "string" || typeof version !== "string") return undefined;
    method = optional(method);
    host = optional(host);
    if (method === undefined || host === undefined) return undefined;
    let pairs = "";
    pairCount = 0;
    if (parameters !== undefined) {
      pairs = pairsText(parameters);
      if (pairCount < 0) return undefined;
    }

    let id, secret, token;
    for (const k of Object.keys(credentials)) {
      const v = credentials[k];
      switch (k) {
        case "accessKeyId":
          id = v;
          break;
        case "accessKeySecret":
          secret = v;
          break;
        case "securityToken":
          token = v === null ? undefined : v;
          break;
        default:
          // Ignored by the JSON form too, as long as JSON can write it as it is.
          if (v !== null && typeof v === "object") return undefined;
          if (typeof v === "function" || typeof v === "symbol" || typeof v === "bigint") return undefined;
      }
    }
    if (typeof id !== "string" || typeof secret !== "string") return undefined;
    token = optional(token);
    if (token === undefined) return undefined;

    let algorithm = "";
    if (options !== undefined) {
      if (!isPlainObject(options)) return undefined;
      for (const k of Object.keys(options)) {
        const v = options[k];
        if (k === "signatureAlgorithm") algorithm = optional(v);
        else if (v !== undefined) return undefined;
      }
      if (algorithm === undefined) return undefined;
    }

    const hex = nonce();
    return stash(
      hex +
        SEP +
        Math.trunc(Date.now()) +
        SEP +
        secret +
        SEP +
        token +
        SEP +
        id +
        SEP +
        endpoint +
        SEP +
        action +
        SEP +
        version +
        SEP +
        method +
        SEP +
        host +
        SEP +
        algorithm +
        SEP +
        pairs +
        pairCount,
    );
  } catch {
    return undefined;
  }
}

/** The `SignedRequest` from the lines of `Signed::to_lines` (src/rpc.rs): the shape, method,
 * url, `+body` or `-`, then the header values (shape 3: V3, 4: V3 with an STS token, 1: none)
 * or, in shape 0, each header's name and value. No part can hold a line break. */
export function signedRequest(text) {
  const p = text.split("\n");
  let out;
  switch (p[0]) {
    case "3":
      out = {
        method: p[1],
        url: p[2],
        headers: {
          Authorization: p[4],
          "x-acs-action": p[5],
          "x-acs-version": p[6],
          "x-acs-date": p[7],
          "x-acs-signature-nonce": p[8],
          "x-acs-content-sha256": p[9],
          accept: p[10],
        },
      };
      break;
    case "4":
      out = {
        method: p[1],
        url: p[2],
        headers: {
          Authorization: p[4],
          "x-acs-action": p[5],
          "x-acs-version": p[6],
          "x-acs-date": p[7],
          "x-acs-signature-nonce": p[8],
          "x-acs-content-sha256": p[9],
          "x-acs-accesskey-id": p[10],
          "x-acs-security-token": p[11],
          accept: p[12],
        },
      };
      break;
    default: {
      const headers = {};
      for (let i = 4; i + 1 < p.length; i += 2) headers[p[i]] = p[i + 1];
      out = { method: p[1], url: p[2], headers };
    }
  }
  if (p[3] !== "-") out.body = p[3].slice(1);
  return out;
}
