// Authentication of an RPC request: common parameters, timestamp, AccessKey, signature,
// STS token and nonce replay, in that order. Throws ApiError; returns nothing on success.

import { stringToSign, signature, signaturesEqual } from "./sign.mjs";
import * as v3 from "./sign3.mjs";

export class ApiError extends Error {
  constructor(status, code, message, headers = undefined) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

export const DEFAULT_CREDENTIALS = Object.freeze([
  Object.freeze({ accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" }),
  Object.freeze({
    accessKeyId: "STS.emulator-key-id",
    accessKeySecret: "emulator-sts-secret",
    securityToken: "emulator-sts-token",
  }),
  // A valid key of an account that no longer exists: Abs.InvalidAccount.NotFound (403).
  Object.freeze({
    accessKeyId: "emulator-gone-account-key-id",
    accessKeySecret: "emulator-gone-account-secret",
    accountExists: false,
  }),
]);

/** How far a Timestamp may be from the server clock, and how long a nonce is remembered. */
export const WINDOW_MS = 15 * 60 * 1000;

/** Common parameters every request must carry, in the order they are checked. */
const REQUIRED = [
  "Action",
  "Version",
  "AccessKeyId",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "Timestamp",
];

export function missingParameter(name) {
  return new ApiError(
    400,
    "MissingParameter",
    `The input parameter "${name}" that is mandatory for processing this request is not supplied.`,
  );
}

export function invalidParameter(name, why) {
  return new ApiError(400, "InvalidParameter", `The specified parameter "${name}" is not valid: ${why}`);
}

/**
 * Validate and normalise a credentials option into a Map keyed by AccessKeyId. An entry is
 * `{ accessKeyId, accessKeySecret, securityToken?, expiresAtMs?, accountExists? }`; entries may also be added
 * to the Map later (the STS stand-in does): `expiresAtMs` (server clock, ms since the epoch)
 * makes the key expire, after which both signature algorithms refuse it with
 * `InvalidSecurityToken.Expired` (see `lookupCredential`).
 */
export function credentialMap(credentials = DEFAULT_CREDENTIALS) {
  const list = Array.isArray(credentials) ? credentials : [credentials];
  const map = new Map();
  for (const c of list) {
    if (
      !c ||
      typeof c.accessKeyId !== "string" ||
      !c.accessKeyId ||
      typeof c.accessKeySecret !== "string" ||
      !c.accessKeySecret
    ) {
      throw new TypeError("each credential needs a non-empty accessKeyId and accessKeySecret");
    }
    if (c.securityToken !== undefined && (typeof c.securityToken !== "string" || !c.securityToken)) {
      throw new TypeError(`securityToken of ${c.accessKeyId} must be a non-empty string`);
    }
    if (c.accountExists !== undefined && typeof c.accountExists !== "boolean") {
      throw new TypeError(`accountExists of ${c.accessKeyId} must be a boolean`);
    }
    if (c.expiresAtMs !== undefined && !Number.isFinite(c.expiresAtMs)) {
      throw new TypeError(`expiresAtMs of ${c.accessKeyId} must be a finite number (ms since the epoch)`);
    }
    const entry = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken };
    if (c.expiresAtMs !== undefined) entry.expiresAtMs = c.expiresAtMs;
    if (c.accountExists === false) entry.accountExists = false;
    map.set(c.accessKeyId, entry);
  }
  return map;
}

/** SignatureNonces seen in the last WINDOW_MS, per AccessKeyId (real clock, insertion order). */
export class NonceCache {
  constructor(now = Date.now) {
    this.now = now;
    this.seen = new Map();
  }

  clear() {
    this.seen.clear();
  }

  has(key) {
    const at = this.seen.get(key);
    return at !== undefined && this.now() - at < WINDOW_MS;
  }

  add(key) {
    const now = this.now();
    // Entries are in insertion (= time) order: drop the expired head.
    for (const [k, at] of this.seen) {
      if (now - at < WINDOW_MS) break;
      this.seen.delete(k);
    }
    this.seen.delete(key);
    this.seen.set(key, now);
  }
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Parse an ISO 8601 UTC timestamp (`yyyy-MM-ddTHH:mm:ssZ`, optional milliseconds); NaN if malformed. */
export function parseTimestamp(text) {
  const m = TIMESTAMP.exec(text);
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].padEnd(3, "0")) : 0;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  const back = new Date(t);
  if (
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    h > 23 ||
    mi > 59 ||
    s > 59
  ) {
    return NaN;
  }
  return t;
}

/**
 * The credential of an AccessKeyId, checked for existence and expiry (shared by both
 * signature algorithms). Throws `InvalidAccessKeyId.NotFound` (404) for an unknown key and
 * `InvalidSecurityToken.Expired` (400, the message of Alibaba's common error table) for an
 * entry whose `expiresAtMs` is at or before the server clock.
 */
export function lookupCredential(credentials, accessKeyId, serverNow) {
  const cred = credentials.get(accessKeyId);
  if (!cred) {
    throw new ApiError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  }
  if (cred.expiresAtMs !== undefined && serverNow >= cred.expiresAtMs) {
    throw new ApiError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
  }
  return cred;
}

/** A correctly signed request of a key whose account is gone (`accountExists: false`). */
function checkAccount(cred) {
  if (cred.accountExists === false) {
    throw new ApiError(
      403,
      "Abs.InvalidAccount.NotFound",
      "Your Alibaba Cloud account does not exist or your AccessKey pair has expired.",
    );
  }
}

/**
 * @param {object} request
 * @param {string} request.method   HTTP method (GET or POST): part of the string to sign
 * @param {Record<string,string>} request.params   every parameter, Signature included
 * @param {Map<string, object>} request.credentials
 * @param {NonceCache} request.nonces
 * @param {number} request.serverNow  server clock (ms), clock-offset fault included
 */
export function authenticate({ method, params, credentials, nonces, serverNow }) {
  if (!params.Signature) {
    throw new ApiError(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards.");
  }
  for (const name of REQUIRED) {
    if (!params[name]) throw missingParameter(name);
  }
  if (params.SignatureMethod !== "HMAC-SHA1") {
    throw invalidParameter("SignatureMethod", `only HMAC-SHA1 is supported, got "${params.SignatureMethod}"`);
  }
  if (params.SignatureVersion !== "1.0") {
    throw invalidParameter("SignatureVersion", `only 1.0 is supported, got "${params.SignatureVersion}"`);
  }
  const ts = parseTimestamp(params.Timestamp);
  if (Number.isNaN(ts)) {
    throw new ApiError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
  }
  if (Math.abs(serverNow - ts) > WINDOW_MS) {
    throw new ApiError(
      400,
      "InvalidTimeStamp.Expired",
      `Specified time stamp or date value is expired. server time is ${new Date(serverNow).toISOString()}`,
    );
  }
  const cred = lookupCredential(credentials, params.AccessKeyId, serverNow);
  const expectedStringToSign = stringToSign(method, params);
  if (!signaturesEqual(params.Signature, signature(expectedStringToSign, cred.accessKeySecret))) {
    throw new ApiError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature is not matched with our calculation. server string to sign is:${expectedStringToSign}`,
    );
  }
  if (cred.securityToken !== undefined) {
    if (!params.SecurityToken) {
      throw new ApiError(
        400,
        "InvalidSecurityToken.MismatchWithAccessKey",
        "The SecurityToken is missing for this STS AccessKeyId.",
      );
    }
    if (params.SecurityToken !== cred.securityToken) {
      throw new ApiError(
        400,
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Specified SecurityToken mismatch with the AccessKey.",
      );
    }
  }
  const nonceKey = `${params.AccessKeyId}\n${params.SignatureNonce}`;
  if (nonces.has(nonceKey)) {
    throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  nonces.add(nonceKey);
  checkAccount(cred);
}

// ---------------------------------------------------------------------------
// Signature V3 (ACS3-HMAC-SHA256): the Authorization header and the x-acs-* headers.

/** Headers every V3 RPC request carries (all signed), in the order they are checked. */
const REQUIRED_V3 = ["x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"];

function incompleteSignature(why) {
  return new ApiError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards. ${why}`);
}

const X_ACS_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Verify a V3 request. Throws ApiError; on success returns `{ accessKeyId, action, version,
 * nonce, date }`.
 *
 * Checks, in order: `Authorization` present and shaped `ACS3-HMAC-SHA256
 * Credential=..,SignedHeaders=..,Signature=<64 hex>`; the required x-acs-* headers; the
 * SignedHeaders list (lowercase, sorted, no repeats, `host` and every `x-acs-*` header sent
 * included, every listed header sent); `x-acs-date` format and the 15-minute window; the
 * AccessKey (unknown, expired); `x-acs-content-sha256` equal to the SHA-256 of the body; the
 * signature (over the received `Host`, or one of `hostAliases` when the emulator stands behind a
 * proxy that signs for another name); the STS token; the nonce.
 *
 * @param {object} r
 * @param {string} r.method
 * @param {Record<string,string[]>} r.headers lowercased header names -> every value received
 * @param {Record<string,string>} r.query decoded URL query parameters
 * @param {Buffer} r.body raw body
 * @param {Map<string, object>} r.credentials
 * @param {NonceCache} r.nonces
 * @param {number} r.serverNow
 * @param {string[]} [r.hostAliases]
 */
export function authenticateV3({ method, headers, query, body, credentials, nonces, serverNow, hostAliases = [] }) {
  const one = (name) => (headers[name] ? headers[name][headers[name].length - 1] : undefined);
  const authValues = headers.authorization || [];
  if (authValues.length === 0 || !authValues[0].trim()) {
    throw incompleteSignature("The Authorization header is missing.");
  }
  if (authValues.length > 1) throw incompleteSignature("The Authorization header is given more than once.");
  const auth = v3.parseAuthorization(authValues[0]);
  if (!auth) {
    throw incompleteSignature(
      "The Authorization header must be ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<names>,Signature=<hex>.",
    );
  }
  if (auth.algorithm !== v3.ALGORITHM) {
    throw new ApiError(
      400,
      "InvalidSignatureMethod",
      `The signature algorithm ${JSON.stringify(auth.algorithm.slice(0, 40))} is not supported by this emulator; use ${v3.ALGORITHM}.`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(auth.signature)) {
    throw incompleteSignature("Signature must be 64 lowercase hex digits.");
  }
  for (const name of REQUIRED_V3) {
    if (!one(name)) throw missingParameter(name);
  }
  const signed = auth.signedHeaders;
  for (let i = 0; i < signed.length; i++) {
    const name = signed[i];
    if (!name || name !== name.toLowerCase()) throw incompleteSignature(`SignedHeaders must be lowercase names.`);
    if (i > 0 && !(signed[i - 1] < name)) {
      throw incompleteSignature("SignedHeaders must be sorted and without repeats.");
    }
    if (!headers[name]) throw incompleteSignature(`The signed header ${name} is not in the request.`);
  }
  const signedSet = new Set(signed);
  if (!signedSet.has("host")) throw incompleteSignature("The host header must be signed.");
  for (const name of Object.keys(headers).sort()) {
    if (name.startsWith("x-acs-") && !signedSet.has(name)) {
      throw incompleteSignature(`The header ${name} is sent but not signed (not in SignedHeaders).`);
    }
  }
  const date = one("x-acs-date");
  const ts = X_ACS_DATE.test(date) ? parseTimestamp(date) : NaN;
  if (Number.isNaN(ts)) {
    throw new ApiError(
      400,
      "InvalidTimeStamp.Format",
      "Specified time stamp or date value is not well formatted (x-acs-date must be yyyy-MM-ddTHH:mm:ssZ).",
    );
  }
  if (Math.abs(serverNow - ts) > WINDOW_MS) {
    throw new ApiError(
      400,
      "InvalidTimeStamp.Expired",
      `Specified time stamp or date value is expired. server time is ${new Date(serverNow).toISOString()}`,
    );
  }
  const cred = lookupCredential(credentials, auth.credential, serverNow);
  const bodyHash = v3.sha256Hex(body);
  if (one("x-acs-content-sha256") !== bodyHash) {
    throw new ApiError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. The x-acs-content-sha256 header is not the SHA-256 of the request body, which is ${bodyHash}.`,
    );
  }
  const received = headers.host || [];
  const candidates = [received, ...hostAliases.filter((h) => !received.includes(h)).map((h) => [h])];
  let firstStringToSign;
  let matched = false;
  for (const host of candidates) {
    const canonical = v3.canonicalRequest({
      method,
      query,
      headers: { ...headers, host },
      signedHeaders: signed,
      hashedPayload: bodyHash,
    });
    const sts = v3.stringToSign(canonical);
    firstStringToSign ??= sts;
    if (signaturesEqual(auth.signature, v3.signature(sts, cred.accessKeySecret))) {
      matched = true;
      break;
    }
  }
  if (!matched) {
    throw new ApiError(
      400,
      "SignatureDoesNotMatch",
      `Specified signature does not match our calculation. server StringToSign is [${firstStringToSign}]`,
    );
  }
  const keyHeader = one("x-acs-accesskey-id");
  if (keyHeader !== undefined && keyHeader !== auth.credential) {
    throw invalidParameter("x-acs-accesskey-id", "it is not the AccessKeyId of the Authorization Credential");
  }
  const token = one("x-acs-security-token");
  if (cred.securityToken !== undefined) {
    if (!token) {
      throw new ApiError(
        400,
        "InvalidSecurityToken.MismatchWithAccessKey",
        "The SecurityToken is missing for this STS AccessKeyId (x-acs-security-token).",
      );
    }
    if (token !== cred.securityToken) {
      throw new ApiError(
        400,
        "InvalidSecurityToken.MismatchWithAccessKey",
        "Specified SecurityToken mismatch with the AccessKey.",
      );
    }
  }
  const nonce = one("x-acs-signature-nonce");
  const nonceKey = `${auth.credential}\n${nonce}`;
  if (nonces.has(nonceKey)) {
    throw new ApiError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
  }
  nonces.add(nonceKey);
  checkAccount(cred);
  return {
    accessKeyId: auth.credential,
    action: one("x-acs-action"),
    version: one("x-acs-version"),
    nonce,
    date,
  };
}
