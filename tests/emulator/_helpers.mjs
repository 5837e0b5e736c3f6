// Test helpers: an independent signature-v1 signer (it deliberately does not import
// ../sign.mjs, so a bug there cannot hide in both) and small HTTP wrappers.

import { createHash, createHmac, randomUUID } from "node:crypto";

export const KEY = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" };
export const STS = {
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
};

/** RFC 3986 encoding as Alibaba's SDKs do it. */
export function enc(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function sign(method, params, secret) {
  const canonical = Object.keys(params)
    .filter((k) => k !== "Signature")
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k])}`)
    .join("&");
  const sts = `${method}&${enc("/")}&${enc(canonical)}`;
  return { canonical, stringToSign: sts, signature: createHmac("sha1", `${secret}&`).update(sts).digest("base64") };
}

export function isoNow(offsetMs = 0) {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The common parameters of a request signed with `cred`. */
export function commonParams(cred = KEY) {
  const p = {
    Format: "JSON",
    Version: "2014-05-26",
    AccessKeyId: cred.accessKeyId,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    SignatureNonce: randomUUID(),
    Timestamp: isoNow(),
    RegionId: "cn-hangzhou",
  };
  if (cred.securityToken) p.SecurityToken = cred.securityToken;
  return p;
}

export function formEncode(params) {
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join("&");
}

/**
 * Send a signed API call.
 * @param {string} url  emulator origin
 * @param {Record<string,string>} params  action parameters (merged over the common ones;
 *   a value of undefined removes a common parameter)
 * @param {object} [o]
 * @param {'GET'|'POST'} [o.method]
 * @param {object} [o.cred]        credentials to sign with
 * @param {string} [o.secret]      sign with this secret instead of cred's
 * @param {boolean} [o.unsigned]   send no Signature
 * @param {string[]} [o.inQuery]   for POST: names sent in the query instead of the body
 * @param {Record<string,string>} [o.headers]
 */
export async function call(url, params, o = {}) {
  const method = o.method || "GET";
  const cred = o.cred || KEY;
  const p = { ...commonParams(cred), ...params };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  if (!o.unsigned) p.Signature = sign(method, p, o.secret ?? cred.accessKeySecret).signature;
  let res;
  if (method === "GET") {
    res = await fetch(`${url}/?${formEncode(p)}`, { headers: o.headers });
  } else {
    const inQuery = new Set(o.inQuery || []);
    const q = Object.fromEntries(Object.entries(p).filter(([k]) => inQuery.has(k)));
    const b = Object.fromEntries(Object.entries(p).filter(([k]) => !inQuery.has(k)));
    const qs = Object.keys(q).length ? `?${formEncode(q)}` : "";
    res = await fetch(`${url}/${qs}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...o.headers },
      body: formEncode(b),
    });
  }
  return decode(res, p);
}

/** Send a request whose query string is given verbatim. */
export async function rawGet(url, query, headers) {
  return decode(await fetch(`${url}/?${query}`, { headers }));
}

async function decode(res, sent) {
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json, sent };
}

export const describe = (url, params = {}, o) => call(url, { Action: "DescribeNetworkInterfaces", ...params }, o);
export const del = (url, id, params = {}, o) =>
  call(url, { Action: "DeleteNetworkInterface", NetworkInterfaceId: id, ...params }, o);

/** Every ENI through NextToken paging; asserts success. Returns the ENIs and the pages. */
export async function listAll(url, params = {}, { maxResults = 100, between } = {}) {
  const enis = [];
  const pages = [];
  let token;
  for (;;) {
    const r = await describe(url, {
      ...params,
      MaxResults: String(maxResults),
      ...(token ? { NextToken: token } : {}),
    });
    if (r.status !== 200) throw new Error(`page ${pages.length + 1}: ${r.status} ${r.text}`);
    pages.push(r.json);
    enis.push(...r.json.NetworkInterfaceSets.NetworkInterfaceSet);
    token = r.json.NextToken;
    if (!token) return { enis, pages };
    if (between) await between(pages.length, r.json);
  }
}

/** Control API call. */
export async function control(url, path, method = "GET", body) {
  const res = await fetch(`${url}/__emulator/${path}`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

export const ERROR_KEYS = ["RequestId", "HostId", "Code", "Message", "Recommend"];
export const UUID_UPPER = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

// ---------------------------------------------------------------------------
// Signature V3 (ACS3-HMAC-SHA256), written independently of ../sign3.mjs.

export const EMPTY_HASH = createHash("sha256").update("").digest("hex");

/**
 * Sign V3 headers. `headers` keys may have any case; returns { canonicalRequest,
 * stringToSign, signature, signedHeaders, authorization }.
 */
export function signV3({ method, query, headers, payloadHash, accessKeyId, accessKeySecret, only }) {
  const byName = {};
  for (const [k, v] of Object.entries(headers)) {
    const name = k.toLowerCase();
    if (name === "host" || name === "content-type" || name.startsWith("x-acs-")) {
      (byName[name] ||= []).push(String(v).trim());
    }
  }
  const names = Object.keys(byName)
    .filter((n) => !only || only.includes(n))
    .sort();
  const cq = Object.keys(query)
    .sort()
    .map((k) => `${k}=${enc(query[k])}`)
    .join("&");
  const ch = names.map((n) => `${n}:${byName[n].sort().join(",")}\n`).join("");
  const canonicalRequest = `${method}\n/\n${cq}\n${ch}\n${names.join(";")}\n${payloadHash}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  const signature = createHmac("sha256", accessKeySecret).update(stringToSign).digest("hex");
  return {
    canonicalRequest,
    stringToSign,
    signature,
    signedHeaders: names,
    authorization: `ACS3-HMAC-SHA256 Credential=${accessKeyId},SignedHeaders=${names.join(";")},Signature=${signature}`,
  };
}

/**
 * Send a V3-signed RPC call: parameters in the query (or, with o.form, in a form body).
 * @param {string} url emulator origin
 * @param {string} action
 * @param {Record<string,string>} params
 * @param {object} [o]
 * @param {'GET'|'POST'} [o.method='POST']
 * @param {object} [o.cred]
 * @param {string} [o.secret] sign with this secret instead
 * @param {boolean} [o.form] parameters in an x-www-form-urlencoded body
 * @param {Record<string,string|undefined>} [o.headers] extra/overriding headers, signed (undefined removes one)
 * @param {Record<string,string>} [o.unsigned] headers sent but left out of the signature
 * @param {string} [o.contentSha256] send this x-acs-content-sha256 (and sign it)
 * @param {string} [o.payloadHash] the hash to put in the canonical request (default: the header's)
 * @param {string|null} [o.authorization] send this Authorization (null: none)
 * @param {string} [o.host] sign for this host instead of the URL's
 */
export async function callV3(url, action, params = {}, o = {}) {
  const method = o.method || "POST";
  const cred = o.cred || KEY;
  const body = o.form ? formEncode(params) : "";
  const query = o.form ? {} : { ...params };
  const headers = {
    host: o.host ?? new URL(url).host,
    "x-acs-action": action,
    "x-acs-version": "2014-05-26",
    "x-acs-date": isoNow(),
    "x-acs-signature-nonce": randomUUID(),
    "x-acs-content-sha256": o.contentSha256 ?? createHash("sha256").update(body).digest("hex"),
  };
  if (o.form) headers["content-type"] = "application/x-www-form-urlencoded";
  if (cred.securityToken) {
    headers["x-acs-accesskey-id"] = cred.accessKeyId;
    headers["x-acs-security-token"] = cred.securityToken;
  }
  for (const [k, v] of Object.entries(o.headers || {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  const signed = signV3({
    method,
    query,
    headers,
    payloadHash: o.payloadHash ?? headers["x-acs-content-sha256"],
    accessKeyId: cred.accessKeyId,
    accessKeySecret: o.secret ?? cred.accessKeySecret,
  });
  const send = { ...headers, ...(o.unsigned || {}) };
  delete send.host;
  if (o.authorization !== null) send.authorization = o.authorization ?? signed.authorization;
  const qs = Object.keys(query).length ? `?${formEncode(query)}` : "";
  const res = await fetch(`${url}/${qs}`, {
    method,
    headers: send,
    body: method === "POST" && body ? body : undefined,
  });
  return { ...(await decode(res)), sent: { headers, query, body, signed } };
}
