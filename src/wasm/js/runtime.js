// The JavaScript half of the binding layer: what Rust cannot express or would do larger.
// Imported by the wasm-bindgen glue; the package re-exports EcsError from here.
//
// Nothing here sees a secret: Rust signs, this file only moves bytes.

/** The one error class every failure of aliyun-eni rejects with. */
export class EcsError extends Error {
  constructor(message, fields) {
    super(message);
    this.name = "EcsError";
    this.kind = fields.kind;
    this.code = fields.code;
    if (fields.httpStatus !== undefined) this.httpStatus = fields.httpStatus;
    if (fields.requestId !== undefined) this.requestId = fields.requestId;
    if (fields.hostId !== undefined) this.hostId = fields.hostId;
    if (fields.recommend !== undefined) this.recommend = fields.recommend;
    if (fields.field !== undefined) this.field = fields.field;
    this.retryable = fields.retryable;
    this.attempts = fields.attempts;
  }

  toJSON() {
    const { name, message, kind, code, httpStatus, requestId, hostId, recommend, field, retryable, attempts } = this;
    return { name, message, kind, code, httpStatus, requestId, hostId, recommend, field, retryable, attempts };
  }
}

export function createError(json) {
  const fields = JSON.parse(json);
  return new EcsError(fields.message, fields);
}

// What JSON cannot carry becomes a marker object the Rust side names in its messages
// ("pageSize must be an integer, got NaN"); undefined members are dropped (absent fields).
const MARK = "\u0000";
function replacer(key, value) {
  switch (typeof value) {
    case "number":
      return Number.isFinite(value) ? value : { [MARK]: String(value) };
    case "function":
      return { [MARK]: "a function" };
    case "symbol":
      return { [MARK]: "a symbol" };
    case "bigint":
      return { [MARK]: "a bigint" };
  }
  return isAbortSignal(value) ? { [MARK]: "an AbortSignal" } : value;
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
 * One GET with a per-attempt timeout and the caller's AbortSignal.
 * Resolves [status, body, date, retryAfter]; rejects with [kind, message, status].
 * `fetchFn` is called unbound: a fetch called as a method throws "Illegal invocation" in
 * browsers and workerd.
 */
export async function send(fetchFn, url, timeoutMs, signal, maxBytes) {
  if (signal && signal.aborted) throw ["aborted", "", 0];
  const controller = new AbortController();
  let why = null;
  const timer = setTimeout(() => {
    why = "timeout";
    controller.abort();
  }, timeoutMs);
  const onAbort = () => {
    why = "aborted";
    controller.abort();
  };
  if (signal) signal.addEventListener("abort", onAbort, { once: true });
  try {
    const doFetch = fetchFn || globalThis.fetch;
    if (typeof doFetch !== "function")
      throw new TypeError("no fetch function in this runtime; pass ClientOptions.fetch");
    const res = await doFetch(url, { method: "GET", signal: controller.signal });
    const declared = Number(res.headers.get("content-length"));
    if (declared > maxBytes) {
      try {
        await res.body?.cancel();
      } catch {
        /* already closed */
      }
      throw ["tooLarge", "", res.status];
    }
    const body = new Uint8Array(await res.arrayBuffer());
    if (body.length > maxBytes) throw ["tooLarge", "", res.status];
    return [res.status, body, res.headers.get("date"), res.headers.get("retry-after")];
  } catch (e) {
    if (Array.isArray(e)) throw e;
    if (why) throw [why, "", 0];
    throw ["network", describeFailure(e), 0];
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

/** Waits `ms`; rejects at once when `signal` fires. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject("aborted");
    const onAbort = () => {
      clearTimeout(timer);
      reject("aborted");
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
