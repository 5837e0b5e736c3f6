// The JavaScript half of the binding layer: what Rust cannot express or would do larger.
// Imported by the wasm-bindgen glue; the package re-exports EcsError from here.
//
// Nothing here sees a secret: Rust signs, this file only moves bytes.

import { decodeDescribePage } from "./decode.js";

// EcsError's fields besides name and message, in the order toJSON writes them; the optional
// ones are set only when present (absent, not undefined).
const ERROR_FIELDS = [
  "kind",
  "code",
  "httpStatus",
  "requestId",
  "hostId",
  "recommend",
  "apiMessage",
  "field",
  "retryable",
  "attempts",
];
const OPTIONAL_ERROR_FIELDS = new Set(["httpStatus", "requestId", "hostId", "recommend", "apiMessage", "field"]);

/** The one error class every failure of aliyun-eni rejects with. */
export class EcsError extends Error {
  constructor(message, fields) {
    super(message);
    this.name = "EcsError";
    for (const key of ERROR_FIELDS) {
      if (!OPTIONAL_ERROR_FIELDS.has(key) || fields[key] !== undefined) this[key] = fields[key];
    }
  }

  toJSON() {
    const json = { name: this.name, message: this.message };
    for (const key of ERROR_FIELDS) json[key] = this[key];
    return json;
  }
}

export function createError(json) {
  const fields = JSON.parse(json);
  return new EcsError(fields.message, fields);
}

// What JSON cannot carry becomes a marker object `{ "\u0000": tag }`; undefined members are
// dropped (absent fields). The tags are those of the Rust enum `input::Marker`, which also
// words the messages ("pageSize must be an integer, got NaN"); a native test compares the lists.
const MARK = "\u0000";
export const Marker = Object.freeze({
  NaN: "nan",
  Infinity: "infinity",
  NegativeInfinity: "-infinity",
  Function: "function",
  Symbol: "symbol",
  BigInt: "bigint",
  AbortSignal: "abortSignal",
});
const mark = (tag) => ({ [MARK]: tag });
function replacer(key, value) {
  switch (typeof value) {
    case "number":
      if (Number.isFinite(value)) return value;
      return mark(Number.isNaN(value) ? Marker.NaN : value > 0 ? Marker.Infinity : Marker.NegativeInfinity);
    case "function":
      return mark(Marker.Function);
    case "symbol":
      return mark(Marker.Symbol);
    case "bigint":
      return mark(Marker.BigInt);
  }
  return isAbortSignal(value) ? mark(Marker.AbortSignal) : value;
}

/** Whether JSON.stringify keeps `v` as it is (so the replacer, which turns off V8's fast
 * path, is not needed): strings, booleans, null, finite numbers, and plain objects and arrays
 * of those (undefined members are dropped either way). */
function plain(v, depth) {
  switch (typeof v) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      return Number.isFinite(v);
    case "object": {
      if (v === null) return true;
      if (depth > 8) return false;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) if (v[i] === undefined || !plain(v[i], depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const k in v) if (!plain(v[k], depth + 1)) return false;
      return true;
    }
  }
  return false;
}

/** The JSON form of an argument, "" for undefined. */
export function toJson(value) {
  if (value === undefined) return "";
  return plain(value, 0) ? JSON.stringify(value) : JSON.stringify(value, replacer);
}

export function member(value, key) {
  return value[key];
}

export function messageOf(e) {
  return e && typeof e.message === "string" ? e.message : String(e);
}

/** Query strings carry the signature and maybe the STS token: never quote one. */
function withoutQuery(text) {
  return String(text).replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^\s?"'<>)]*)\?[^\s"'<>)]*/gi, "$1?…");
}

function describeFailure(e) {
  if (e === null || typeof e !== "object") return withoutQuery(String(e));
  let text = typeof e.message === "string" && e.message ? e.message : String(e.name || "fetch failed");
  const cause = e.cause;
  if (cause && typeof cause === "object") {
    const detail = cause.code || cause.message;
    if (detail && !text.includes(detail)) text += ` (${detail})`;
  }
  return withoutQuery(text).slice(0, 300);
}

/**
 * Why a request got no answer: the values of the Rust enum `FailureKind` (src/wasm/bindings.rs),
 * which reads `failure.kind` through wasm-bindgen's string enum conversion.
 */
export const FailureKind = Object.freeze({
  Aborted: "aborted",
  Timeout: "timeout",
  TooLarge: "tooLarge",
  Network: "network",
});

/** A request that got no answer: `{ kind, message, status }` (status 0 when there was none). */
class Failure {
  constructor(kind, message = "", status = 0) {
    this.kind = kind;
    this.message = message;
    this.status = status;
  }
}

// The response headers the client reads: `RESPONSE_HEADERS` of src/transport.rs (a test there
// compares the two lists).
const RESPONSE_HEADERS = ["date", "retry-after", "x-acs-retry-after", "x-acs-request-id"];

/** The headers the client reads, by lowercase name. */
function headersOf(res) {
  const headers = {};
  for (const name of RESPONSE_HEADERS) {
    const value = res.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return headers;
}

/**
 * One request with a per-attempt timeout and the caller's AbortSignal.
 * `request` is `{ method, url, headers, body?, timeoutMs }` (headers by name, already signed).
 * Resolves `{ status, body, headers }` (`body` a Uint8Array, `headers` the response headers the
 * client reads, by lowercase name); rejects with a `Failure`.
 * `fetchFn` is called unbound: a fetch called as a method throws "Illegal invocation" in
 * browsers and workerd.
 */
export function send(fetchFn, request, signal, maxBytes) {
  return exchange(fetchFn, request, signal, maxBytes, false);
}

/**
 * `send` for a request whose 2xx answer is a DescribeNetworkInterfaces page: the page is decoded
 * here (decode.js: one JSON.parse, then the converter generated from the Rust shape tables) and
 * never copied into wasm memory. A 2xx answer resolves `{ status, page, summary }`, or
 * `{ status, shapeError: { field, expected }, body, headers }` (`body`: its first 512 bytes, for
 * the error's excerpt), or `{ status, unparsed: true, body, headers }` when it is not JSON (Rust
 * words why from the bytes); any other answer resolves as for `send`.
 */
export function sendPage(fetchFn, request, signal, maxBytes) {
  return exchange(fetchFn, request, signal, maxBytes, true);
}

async function exchange(fetchFn, request, signal, maxBytes, page) {
  if (signal && signal.aborted) throw new Failure(FailureKind.Aborted);
  const controller = new AbortController();
  let why = null;
  const timer = setTimeout(() => {
    why = FailureKind.Timeout;
    controller.abort();
  }, request.timeoutMs);
  const onAbort = () => {
    why = FailureKind.Aborted;
    controller.abort();
  };
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  try {
    const doFetch = fetchFn || globalThis.fetch;
    if (typeof doFetch !== "function")
      throw new TypeError("no fetch function in this runtime; pass ClientOptions.fetch");
    const init = { method: request.method, headers: request.headers, signal: controller.signal };
    if (request.body !== undefined) init.body = request.body;
    const res = await doFetch(request.url, init);
    const declared = Number(res.headers.get("content-length"));
    if (declared > maxBytes) {
      try {
        await res.body?.cancel();
      } catch {
        /* already closed */
      }
      throw new Failure(FailureKind.TooLarge, "", res.status);
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length > maxBytes) throw new Failure(FailureKind.TooLarge, "", res.status);
    const status = res.status;
    if (page && status >= 200 && status < 300) {
      const decoded = decodeDescribePage(body);
      if (decoded.page !== undefined) return { status, page: decoded.page, summary: decoded.summary };
      if (decoded.shapeError !== undefined)
        return { status, shapeError: decoded.shapeError, body: body.subarray(0, 512), headers: headersOf(res) };
      return { status, unparsed: true, body, headers: headersOf(res) };
    }
    return { status, body, headers: headersOf(res) };
  } catch (e) {
    if (e instanceof Failure) throw e;
    if (why) throw new Failure(why);
    throw new Failure(FailureKind.Network, describeFailure(e));
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

/** Waits `ms`; rejects with an aborted `Failure` at once when `signal` fires. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new Failure(FailureKind.Aborted));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Failure(FailureKind.Aborted));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

/** 16 bytes from the runtime's secure random source. */
export function randomBytes() {
  return globalThis.crypto.getRandomValues(new Uint8Array(16));
}

/** Whether `v` is usable as an AbortSignal. */
function isAbortSignal(v) {
  return (
    v !== null && typeof v === "object" && typeof v.aborted === "boolean" && typeof v.addEventListener === "function"
  );
}

const DONE = Object.freeze({ value: undefined, done: true });

/**
 * Async iterator over every ENI, with `.pages()` for whole pages. Pages are fetched one at a
 * time, only when the consumer asks for more, through a cursor implemented in Rust; `break`
 * (which calls `return()`) stops fetching and frees the cursor.
 */
export class NetworkInterfacePaginator {
  #cursor;
  #items = [];
  #index = 0;
  #tail = Promise.resolve();
  #queued = 0;

  constructor(cursor) {
    this.#cursor = cursor;
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** Runs `step` after every step already asked for, so concurrent next() calls stay in order. */
  #enqueue(step) {
    this.#queued++;
    const run = this.#tail.then(step);
    this.#tail = run.then(
      () => {
        this.#queued--;
      },
      () => {
        this.#queued--;
      },
    );
    return run;
  }

  async #fetchPage() {
    const cursor = this.#cursor;
    if (!cursor) return undefined;
    let page;
    try {
      page = await cursor.nextPage();
    } catch (e) {
      if (e && e.kind === "aborted") this.#finish();
      throw e;
    }
    if (page === undefined) this.#finish();
    else if (page.capped === true) this.capped = true;
    return page;
  }

  #finish() {
    const cursor = this.#cursor;
    this.#cursor = null;
    this.#items = [];
    this.#index = 0;
    if (cursor) cursor.free();
  }

  next() {
    if (this.#queued === 0 && this.#index < this.#items.length) {
      return Promise.resolve({ value: this.#items[this.#index++], done: false });
    }
    return this.#enqueue(async () => {
      while (this.#index >= this.#items.length) {
        const page = await this.#fetchPage();
        if (page === undefined) return DONE;
        this.#items = page.networkInterfaces;
        this.#index = 0;
      }
      return { value: this.#items[this.#index++], done: false };
    });
  }

  return() {
    return this.#enqueue(() => {
      this.#finish();
      return DONE;
    });
  }

  /** Every remaining page, whole. Shares the cursor with this iterator. */
  pages() {
    const self = this;
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next() {
        return self.#enqueue(async () => {
          self.#items = [];
          self.#index = 0;
          const page = await self.#fetchPage();
          return page === undefined ? DONE : { value: page, done: false };
        });
      },
      return() {
        return self.return();
      },
    };
  }
}

export function createPaginator(cursor) {
  return new NetworkInterfacePaginator(cursor);
}

// A client created without `credentials` uses `defaultCredentials()`. The loader registers it
// here (credentials.js is not a wasm-bindgen snippet, and the Node loader's chain also reads
// files), so the wasm side only asks for a new provider.
let defaultCredentialsFactory = null;

/** Registers the `defaultCredentials` of this runtime's loader. */
export function setDefaultCredentials(factory) {
  defaultCredentialsFactory = factory;
}

export function defaultCredentialsProvider() {
  if (defaultCredentialsFactory) return defaultCredentialsFactory();
  return () => {
    throw new EcsError("no credentials given and no default credentials chain is loaded", {
      kind: "credentials",
      code: "CredentialsError",
      retryable: false,
      attempts: 0,
    });
  };
}
