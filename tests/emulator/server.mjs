#!/usr/bin/env node
// Local emulator of the Alibaba Cloud ECS RPC API (DescribeNetworkInterfaces,
// DeleteNetworkInterface) with signature-v1 authentication, fault injection and a control
// API under /__emulator/. No dependencies beyond Node itself. See README.md.
//
//   node tests/emulator/server.mjs --port 0 --enis 250 --seed 1
//   import { startEmulator } from './tests/emulator/server.mjs'

import http from "node:http";
import { randomUUID } from "node:crypto";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseUrlEncoded, ParamParseError } from "./sign.mjs";
import { ApiError, NonceCache, authenticate, authenticateV3, credentialMap, invalidParameter } from "./auth.mjs";
import { API_VERSION, runAction } from "./actions.mjs";
import { eniJson, eniObject } from "./data.mjs";
import { EniStore } from "./store.mjs";
import { Faults, THROTTLE_CODES } from "./faults.mjs";
import { STS_VERSION, isAnonymousSts, stsAction, stsControl } from "./sts.mjs";

export { DEFAULT_CREDENTIALS } from "./auth.mjs";

const HOST_ID = "ecs.aliyuncs.com";
const MAX_API_BODY = 1024 * 1024;
const MAX_CONTROL_BODY = 64 * 1024;
/** The most ENIs an emulator holds (options, CLI and POST /__emulator/reset). */
export const MAX_ENIS = 200000;
const EXPOSE_HEADERS = "Date, Retry-After, x-acs-request-id, x-acs-retry-after";

/**
 * The API products served, by API Version; each handler takes `{ params, form, store,
 * requestId, emulator }` (params authenticated, Action and Version included) and returns the
 * JSON text of the success body or throws ApiError. An unknown Version goes to ECS, which
 * answers InvalidVersion. The STS stand-in (./sts.mjs) registers "2015-04-01" here.
 */
const PRODUCTS = {
  [API_VERSION]: runAction,
  [STS_VERSION]: stsAction,
};

const DEFAULTS = {
  port: 0,
  host: "127.0.0.1",
  enis: 250,
  seed: 1,
  deleteDelayMs: 1500,
  cors: true,
  logLimit: 10000,
  hostAliases: [],
  // Unset optional values as null/"" for a share of ENIs, as the service sends them (data.mjs).
  emptyValues: true,
};

const RESET_KEYS = ["enis", "seed", "deleteDelayMs", "emptyValues"];

function checkOptions(o) {
  const intIn = (name, min, max) => {
    if (!Number.isInteger(o[name]) || o[name] < min || o[name] > max) {
      throw new TypeError(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(o[name])}`);
    }
  };
  intIn("port", 0, 65535);
  intIn("enis", 0, MAX_ENIS);
  intIn("seed", -(2 ** 31), 2 ** 32 - 1);
  intIn("deleteDelayMs", 0, 3600000);
  intIn("logLimit", 1, 100000);
  if (typeof o.cors !== "boolean") throw new TypeError("cors must be a boolean");
  if (typeof o.emptyValues !== "boolean") throw new TypeError("emptyValues must be a boolean");
  if (typeof o.host !== "string" || !o.host) throw new TypeError("host must be a non-empty string");
  if (!Array.isArray(o.hostAliases) || o.hostAliases.some((h) => typeof h !== "string" || !h)) {
    throw new TypeError("hostAliases must be an array of non-empty host names");
  }
}

class Emulator {
  constructor(options) {
    this.cors = options.cors;
    this.logLimit = options.logLimit;
    this.hostAliases = [...options.hostAliases];
    this.credentials = credentialMap(options.credentials);
    this.nonces = new NonceCache();
    this.faults = new Faults(options.seed);
    this.store = new EniStore({
      enis: options.enis,
      seed: options.seed,
      deleteDelayMs: options.deleteDelayMs,
      emptyValues: options.emptyValues,
    });
    this.requests = [];
    this.seq = 0;
    this.sleeps = new Set();
  }

  serverNow() {
    return Date.now() + this.faults.clockOffsetMs;
  }

  // --- control operations (shared by the JS API and the /__emulator/ endpoints) ---

  reset(body = {}) {
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new TypeError("reset takes a JSON object");
    for (const k of Object.keys(body)) {
      if (!RESET_KEYS.includes(k)) {
        throw new TypeError(`reset takes ${RESET_KEYS.join(", ")}; unknown key ${JSON.stringify(k.slice(0, 50))}`);
      }
    }
    const next = {
      enis: body.enis ?? this.store.enis,
      seed: body.seed ?? this.store.seed,
      deleteDelayMs: body.deleteDelayMs ?? this.store.deleteDelayMs,
      emptyValues: body.emptyValues ?? this.store.emptyValues,
    };
    checkOptions({ ...DEFAULTS, ...next });
    this.store = new EniStore(next);
    this.faults.clear(next.seed);
    this.nonces.clear();
    this.clearLog();
    return { ...next };
  }

  stateObject() {
    this.store.purge();
    return { enis: this.store.all().map(eniObject) };
  }

  logObject() {
    return { requests: this.requests.map((e) => structuredClone(e)) };
  }

  clearLog() {
    this.requests = [];
  }

  // --- HTTP ---

  async handle(req, res) {
    req.on("error", () => {});
    res.on("error", () => {});
    const requestId = randomUUID().toUpperCase();
    const q = req.url.indexOf("?");
    const path = q < 0 ? req.url : req.url.slice(0, q);
    const query = q < 0 ? "" : req.url.slice(q + 1);
    res.setHeader("Date", new Date(this.serverNow()).toUTCString());
    res.setHeader("x-acs-request-id", requestId);
    const control = path.startsWith("/__emulator/");
    // CORS is for the API only: the control API (no authentication) must not be usable from a
    // web page of any origin, so it never sends CORS headers and a preflight to it fails.
    if (this.cors && !control) {
      const origin = req.headers.origin;
      res.setHeader("Access-Control-Allow-Origin", origin || "*");
      if (origin) res.setHeader("Vary", "Origin");
      res.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
    try {
      if (req.method === "OPTIONS") {
        if (control) {
          await drain(req);
          res.setHeader("Allow", "GET, POST, DELETE");
          return sendJson(res, 405, JSON.stringify({ error: "the control API answers no preflight (no CORS)" }));
        }
        if (!this.cors) {
          await drain(req);
          return sendError(res, requestId, new ApiError(404, "NotFound", "OPTIONS is not supported: CORS is off."));
        }
        await drain(req);
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        const asked = req.headers["access-control-request-headers"];
        if (asked) res.setHeader("Access-Control-Allow-Headers", asked);
        res.setHeader("Access-Control-Max-Age", "600");
        res.writeHead(204).end();
        return;
      }
      if (path === "/") return await this.api(req, res, requestId, query);
      if (control) return await this.control(req, res, path.slice("/__emulator/".length));
      await drain(req);
      sendError(res, requestId, new ApiError(404, "NotFound", `No such path: ${path.slice(0, 200)}`));
    } catch (err) {
      if (!res.headersSent)
        sendError(res, requestId, new ApiError(500, "InternalError", `emulator bug: ${err && err.message}`));
      else res.destroy();
    }
  }

  async api(req, res, requestId, queryText) {
    if (req.method !== "GET" && req.method !== "POST") {
      await drain(req);
      return sendError(
        res,
        requestId,
        new ApiError(405, "UnsupportedHTTPMethod", `HTTP method ${req.method} is not supported; use GET or POST.`),
      );
    }
    let body;
    try {
      body = await readBody(req, MAX_API_BODY);
    } catch {
      return sendError(
        res,
        requestId,
        new ApiError(413, "RequestEntityTooLarge", `The request body is larger than ${MAX_API_BODY} bytes.`),
        { close: true },
      );
    }
    let query = {};
    let form = {};
    let params = {};
    let parseError = null;
    try {
      ({ query, form, params } = readParams(req, queryText, body));
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      parseError = err;
    }
    const arrived = Date.now();
    // V3 when an Authorization header is sent, or x-acs-action without a V2 Signature.
    const v3 =
      req.headers.authorization !== undefined || (req.headers["x-acs-action"] !== undefined && !params.Signature);
    const header = (name) => (req.headers[name] === undefined ? null : String(req.headers[name]));
    const entry = {
      seq: ++this.seq,
      time: new Date(arrived).toISOString(),
      timeMs: arrived,
      requestId,
      method: req.method,
      algorithm: v3 ? "ACS3-HMAC-SHA256" : "HMAC-SHA1",
      action: (v3 ? header("x-acs-action") : params.Action) ?? null,
      params: redact(params),
      nonce: (v3 ? header("x-acs-signature-nonce") : params.SignatureNonce) ?? null,
      timestamp: (v3 ? header("x-acs-date") : params.Timestamp) ?? null,
      signature: (v3 ? signatureOf(header("authorization")) : params.Signature) ?? null,
      status: null,
      code: null,
      fault: null,
    };
    this.requests.push(entry);
    if (this.requests.length > this.logLimit) this.requests.splice(0, this.requests.length - this.logLimit);

    const fault = this.faults.decide();
    entry.fault = fault;
    if (this.faults.latencyMs > 0) await this.sleep(this.faults.latencyMs);
    // The Date header reflects the clock at response time.
    res.setHeader("Date", new Date(this.serverNow()).toUTCString());
    if (fault) return this.sendFault(req, res, requestId, fault, entry, params);

    let text;
    try {
      if (parseError) throw parseError;
      this.store.purge();
      if (v3) {
        const who = authenticateV3({
          method: req.method,
          headers: req.headersDistinct,
          query,
          body,
          credentials: this.credentials,
          nonces: this.nonces,
          serverNow: this.serverNow(),
          hostAliases: this.hostAliases,
        });
        params = v3Params(params, who);
        entry.params = redact(params);
      } else if (!isAnonymousSts(params)) {
        authenticate({
          method: req.method,
          params,
          credentials: this.credentials,
          nonces: this.nonces,
          serverNow: this.serverNow(),
        });
      }
      text = this.dispatch({ params, store: this.store, requestId, form });
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      entry.status = err.status;
      entry.code = err.code;
      return sendError(res, requestId, err);
    }
    entry.status = 200;
    sendJson(res, 200, text);
  }

  /** Route an authenticated request to its product by Version (see PRODUCTS). */
  dispatch({ params, form, store, requestId }) {
    const product = Object.hasOwn(PRODUCTS, params.Version) ? PRODUCTS[params.Version] : runAction;
    return product({ params, form, store, requestId, emulator: this });
  }

  sendFault(req, res, requestId, fault, entry, params) {
    const retryAfter = this.faults.retryAfterSeconds;
    const withRetryAfter = retryAfter === null ? undefined : { "Retry-After": String(retryAfter) };
    // ECS's own hint, in milliseconds, which the official SDK reads (Utils.getThrottlingTimeLeft).
    const retryAfterMs = this.faults.retryAfterMs;
    const throttleHeaders = { ...withRetryAfter };
    if (retryAfterMs !== null) throttleHeaders["x-acs-retry-after"] = String(retryAfterMs);
    const fail = (err) => {
      entry.status = err.status;
      entry.code = err.code;
      sendError(res, requestId, err);
    };
    switch (fault) {
      case "throttle": {
        const code = this.faults.throttleCode();
        return fail(new ApiError(400, code, THROTTLE_CODES[code], throttleHeaders));
      }
      case "serviceUnavailable":
        return fail(
          new ApiError(
            503,
            "ServiceUnavailable",
            "The request has failed due to a temporary failure of the server.",
            withRetryAfter,
          ),
        );
      case "internalError":
        return fail(
          new ApiError(
            500,
            "InternalError",
            "The request processing has failed due to some unknown error, exception or failure.",
          ),
        );
      case "html": {
        entry.status = 502;
        const html =
          "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>Tengine</center>\r\n</body>\r\n</html>\r\n";
        res.writeHead(502, { "Content-Type": "text/html", "Content-Length": Buffer.byteLength(html) }).end(html);
        return;
      }
      case "truncate": {
        entry.status = 200;
        // What a success would start with; cut in the middle, no Content-Length, then close.
        const first = this.store.list(params.RegionId || "cn-hangzhou")[0];
        const full = `{"TotalCount":1,"RequestId":${JSON.stringify(requestId)},"NextToken":"","NetworkInterfaceSets":{"NetworkInterfaceSet":[${first ? eniJson(first) : ""}]}}`;
        res.writeHead(200, { "Content-Type": "application/json;charset=utf-8", Connection: "close" });
        res.end(full.slice(0, Math.floor(full.length / 2)));
        return;
      }
      case "drop":
        req.socket.destroy();
        return;
      default:
        throw new Error(`unknown fault ${fault}`);
    }
  }

  async control(req, res, name) {
    const routes = {
      // Raw JSON text, so that ServiceID stays exact.
      state: { GET: () => (this.store.purge(), this.store.stateJson()) },
      reset: { POST: (body) => this.reset(body) },
      faults: {
        GET: () => this.faults.toJSON(),
        POST: (body) => (this.faults.merge(body), this.faults.toJSON()),
        DELETE: () => (this.faults.clear(), this.faults.toJSON()),
      },
      log: {
        GET: () => this.logObject(),
        DELETE: () => (this.clearLog(), { requests: [] }),
      },
    };
    const route = Object.hasOwn(routes, name) ? routes[name] : null;
    let raw;
    try {
      raw = await readBody(req, MAX_CONTROL_BODY);
    } catch {
      return sendJson(
        res,
        413,
        JSON.stringify({ error: `control request bodies are limited to ${MAX_CONTROL_BODY} bytes` }),
        { close: true },
      );
    }
    if (!route)
      return sendJson(res, 404, JSON.stringify({ error: `no control endpoint /__emulator/${name.slice(0, 100)}` }));
    if (!Object.hasOwn(route, req.method)) {
      res.setHeader("Allow", Object.keys(route).join(", "));
      return sendJson(res, 405, JSON.stringify({ error: `${req.method} is not allowed on /__emulator/${name}` }));
    }
    let body = {};
    if (raw.length) {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        return sendJson(res, 400, JSON.stringify({ error: "the body must be JSON" }));
      }
    }
    let result;
    try {
      result = route[req.method](body);
    } catch (err) {
      if (err instanceof TypeError) return sendJson(res, 400, JSON.stringify({ error: err.message }));
      throw err;
    }
    sendJson(res, 200, typeof result === "string" ? result : JSON.stringify(result));
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeps.delete(timer);
        resolve();
      }, ms);
      this.sleeps.add(timer);
    });
  }

  cancelSleeps() {
    for (const t of this.sleeps) clearTimeout(t);
    this.sleeps.clear();
  }
}

/**
 * The parameters of an API request: `query` (the URL's), `form` (an
 * x-www-form-urlencoded POST body's) and `params` (both; a name in both is an error).
 */
function readParams(req, queryText, body) {
  let queryPairs;
  let formPairs = [];
  try {
    queryPairs = parseUrlEncoded(queryText);
    const type = String(req.headers["content-type"] || "")
      .split(";")[0]
      .trim()
      .toLowerCase();
    if (req.method === "POST" && type === "application/x-www-form-urlencoded") {
      formPairs = parseUrlEncoded(body.toString("utf8"));
    }
  } catch (err) {
    if (err instanceof ParamParseError) throw invalidParameter("(request)", err.message);
    throw err;
  }
  const query = Object.create(null);
  const form = Object.create(null);
  const params = Object.create(null);
  for (const [target, pairs] of [
    [query, queryPairs],
    [form, formPairs],
  ]) {
    for (const [k, v] of pairs) {
      if (k in params) throw invalidParameter(k, "the parameter is given more than once");
      target[k] = v;
      params[k] = v;
    }
  }
  return { query, form, params };
}

/** The Signature part of a V3 Authorization header (for the log). */
function signatureOf(authorization) {
  if (authorization === null) return null;
  const m = /Signature=([^,\s]*)/.exec(authorization);
  return m ? m[1] : null;
}

/**
 * A V3 request's parameters: Action and Version come from x-acs-action and x-acs-version;
 * the same names in the query or body must agree with them.
 */
function v3Params(params, who) {
  for (const [name, value] of [
    ["Action", who.action],
    ["Version", who.version],
  ]) {
    if (params[name] !== undefined && params[name] !== value) {
      throw invalidParameter(name, `it differs from the x-acs-${name.toLowerCase()} header`);
    }
  }
  return { ...params, Action: who.action, Version: who.version };
}

function redact(params) {
  const out = {};
  for (const [k, v] of Object.entries(params)) {
    if (k === "Signature") continue;
    out[k] = k === "SecurityToken" || k === "OIDCToken" ? "***" : v;
  }
  return out;
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let failed = false;
    req.on("data", (c) => {
      if (failed) return;
      size += c.length;
      if (size > limit) {
        failed = true;
        reject(new Error("body too large"));
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => failed || resolve(Buffer.concat(chunks)));
    req.on("error", (e) => failed || ((failed = true), reject(e)));
  });
}

function drain(req) {
  return readBody(req, MAX_CONTROL_BODY).catch(() => {});
}

function sendJson(res, status, text, { close = false, headers } = {}) {
  const h = { "Content-Type": "application/json;charset=utf-8", "Content-Length": Buffer.byteLength(text), ...headers };
  if (close) h.Connection = "close";
  res.writeHead(status, h).end(text);
}

function sendError(res, requestId, err, options = {}) {
  const body = JSON.stringify({
    RequestId: requestId,
    HostId: HOST_ID,
    Code: err.code,
    Message: err.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(err.code)}&product=Ecs`,
  });
  sendJson(res, err.status, body, { ...options, headers: err.headers });
}

/**
 * Start an emulator.
 * @param {object} [options]
 * @param {number} [options.port=0]   0 picks a free port
 * @param {string} [options.host='127.0.0.1']
 * @param {number} [options.enis=250] ENIs in cn-hangzhou (cn-shanghai always has 5)
 * @param {number} [options.seed=1]
 * @param {number} [options.deleteDelayMs=1500]
 * @param {boolean} [options.cors=true]
 * @param {object|object[]} [options.credentials] accepted `{accessKeyId, accessKeySecret, securityToken?}`;
 *   replaces the default pair and STS triple
 * @param {number} [options.logLimit=10000] how many API requests the log keeps (the latest)
 * @param {string[]} [options.hostAliases=[]] host names V3 requests may have been signed for
 *   besides the received Host (when a relay or proxy forwards to the emulator)
 * @param {boolean} [options.emptyValues=true] unset optional values as null/"" for a share of ENIs
 */
export async function startEmulator(options = {}) {
  const opts = { ...DEFAULTS };
  for (const [k, v] of Object.entries(options)) if (v !== undefined) opts[k] = v;
  checkOptions(opts);
  const emu = new Emulator(opts);
  const server = http.createServer((req, res) => {
    emu.handle(req, res);
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address();
  const hostInUrl = opts.host.includes(":") ? `[${opts.host}]` : opts.host;
  let closing = null;
  return {
    url: `http://${hostInUrl}:${port}`,
    port,
    server,
    close() {
      if (!closing) {
        closing = new Promise((resolve) => {
          server.close(() => resolve());
          emu.cancelSleeps();
          server.closeAllConnections();
        });
      }
      return closing;
    },
    state: () => emu.stateObject(),
    reset: (body) => emu.reset(body),
    setFaults: (f) => (emu.faults.merge(f), emu.faults.toJSON()),
    clearFaults: () => (emu.faults.clear(), emu.faults.toJSON()),
    faults: () => emu.faults.toJSON(),
    log: () => emu.logObject(),
    clearLog: () => emu.clearLog(),
    sts: stsControl(emu),
    // The live Map of accepted keys (AccessKeyId -> { accessKeyId, accessKeySecret,
    // securityToken?, expiresAtMs? }): entries added here are accepted at once.
    credentials: emu.credentials,
  };
}

// ---------------------------------------------------------------------------
// CLI

const USAGE = `usage: node tests/emulator/server.mjs [--port N] [--host 127.0.0.1] [--enis N] [--seed N]
       [--delete-delay-ms N] [--cors on|off] [--empty-values on|off] [--host-alias H ...]
       [--access-key-id ID --access-key-secret S [--security-token T]]`;

export function parseArgs(argv) {
  const out = {};
  let keyId;
  let secret;
  let token;
  const int = (flag, v) => {
    if (!/^-?\d+$/.test(v ?? "")) throw new Error(`${flag} needs an integer, got ${JSON.stringify(v)}`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value`);
      return argv[++i];
    };
    switch (arg) {
      case "--port":
        out.port = int(arg, take());
        break;
      case "--host":
        out.host = take();
        break;
      case "--enis":
        out.enis = int(arg, take());
        break;
      case "--seed":
        out.seed = int(arg, take());
        break;
      case "--delete-delay-ms":
        out.deleteDelayMs = int(arg, take());
        break;
      case "--host-alias":
        (out.hostAliases ||= []).push(take());
        break;
      case "--cors": {
        const v = take();
        if (v !== "on" && v !== "off") throw new Error(`--cors takes on or off, got ${JSON.stringify(v)}`);
        out.cors = v === "on";
        break;
      }
      case "--empty-values": {
        const v = take();
        if (v !== "on" && v !== "off") throw new Error(`--empty-values takes on or off, got ${JSON.stringify(v)}`);
        out.emptyValues = v === "on";
        break;
      }
      case "--access-key-id":
        keyId = take();
        break;
      case "--access-key-secret":
        secret = take();
        break;
      case "--security-token":
        token = take();
        break;
      case "-h":
      case "--help":
        out.help = true;
        break;
      default:
        throw new Error(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if ((keyId === undefined) !== (secret === undefined) || (token !== undefined && keyId === undefined)) {
    throw new Error("--access-key-id and --access-key-secret go together (--security-token needs both)");
  }
  if (keyId !== undefined) out.credentials = [{ accessKeyId: keyId, accessKeySecret: secret, securityToken: token }];
  return out;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let emulator;
  try {
    emulator = await startEmulator(options);
  } catch (err) {
    process.stderr.write(`cannot start the emulator: ${err.message}\n`);
    process.exit(1);
  }
  const o = { ...DEFAULTS, ...options };
  process.stdout.write(
    `ECS emulator listening on ${emulator.url} (${o.enis} ENIs, seed ${o.seed}, cors ${o.cors ? "on" : "off"})\n`,
  );
  const stop = (signal) => {
    process.stderr.write(`ECS emulator stopping (${signal})\n`);
    emulator.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) main();
