// Operators' half of the library, in JavaScript because it is made of promises, async
// iterators and AbortSignals, and every decision in it is a few integer operations (crossing
// into wasm for them would add code, not safety):
//
// - `nextConcurrency`: the pure concurrency decision of a bulk delete (AIMD: halve once per
//   throttled round, +1 after a full round without throttling), unit-tested on its own;
// - `createBulkDelete`: the driver behind `EcsClient.deleteNetworkInterfaces`, which performs
//   what `nextConcurrency` decides;
// - `cleanupVerdict`: the one orphan rule (which ENIs a cleanup may delete, and why the others
//   stay), used by the CLI, the cleanup Worker and the admin page;
// - `parseDuration`: "7d", "12h", "90m" -> milliseconds, for `olderThanMs`.
//
// Nothing here sees a secret: deletes go through the client, which signs in Rust.
import { EcsError } from "./runtime.js";

// ---------------------------------------------------------------------------------------------
// The concurrency decision

/** Default upper bound of a bulk delete's concurrency. */
export const DEFAULT_CONCURRENCY = 4;
/** Largest accepted `concurrency`. */
export const MAX_CONCURRENCY = 32;

/**
 * The first state of the decision for an upper bound `max` (1..32): start at `max`.
 * `limit` is how many deletes may run at once; `round` counts decreases, so throttling seen by
 * requests started before the last decrease (one congested round) lowers the limit only once;
 * `streak` counts successes since the last change.
 */
export function initialConcurrency(max) {
  return { max, limit: max, round: 0, streak: 0 };
}

/**
 * The next state after `event`, without touching `state`:
 * - `{ type: "throttled", round }`: a request started in round `round` was throttled. If that
 *   is the current round, the limit halves (at least 1) and a new round starts; throttling
 *   reported by requests of an older round is already accounted for.
 * - `{ type: "succeeded" }`: after `limit` successes in a row the limit grows by one, up to
 *   `max` (additive increase: it takes a quiet round per step, so recovery is gradual).
 */
export function nextConcurrency(state, event) {
  switch (event.type) {
    case "throttled":
      if (event.round !== state.round) return state;
      return { ...state, limit: Math.max(1, Math.floor(state.limit / 2)), round: state.round + 1, streak: 0 };
    case "succeeded": {
      const streak = state.streak + 1;
      if (state.limit < state.max && streak >= state.limit) {
        return { ...state, limit: state.limit + 1, streak: 0 };
      }
      return { ...state, streak };
    }
    default:
      return state;
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function validationError(field, message) {
  return new EcsError(message, { kind: "validation", code: "ValidationError", field, retryable: false, attempts: 0 });
}

function abortedError(message) {
  return new EcsError(message, { kind: "aborted", code: "Aborted", retryable: false, attempts: 0 });
}

function isSignal(v) {
  return (
    v !== null && typeof v === "object" && typeof v.aborted === "boolean" && typeof v.addEventListener === "function"
  );
}

function describe(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return typeof v === "object" || typeof v === "function" ? `a ${typeof v}` : JSON.stringify(v);
}

const isThrottling = (code) => typeof code === "string" && /throttl/i.test(code);

// ---------------------------------------------------------------------------------------------
// The bulk delete driver

const BULK_OPTIONS = ["signal", "waitUntilDeleted", "waitTimeoutMs", "concurrency", "onRetry", "onStart"];
/** How many times one ID is sent again after its call ended throttled (nothing was deleted). */
const MAX_REQUEUES = 8;
/** Outcomes buffered for a consumer that does not read: no new delete starts beyond this. */
const MAX_BUFFERED = 256;

function readBulkOptions(options) {
  if (options === undefined || options === null) return { concurrency: DEFAULT_CONCURRENCY, delete: {} };
  if (typeof options !== "object" || Array.isArray(options)) {
    throw validationError("options", `options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!BULK_OPTIONS.includes(key) && options[key] !== undefined) {
      throw validationError(key, `${key} is not a field of options (known: ${BULK_OPTIONS.join(", ")})`);
    }
  }
  const { signal, waitUntilDeleted, waitTimeoutMs, concurrency = DEFAULT_CONCURRENCY, onRetry, onStart } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_CONCURRENCY) {
    throw validationError(
      "concurrency",
      `concurrency must be an integer between 1 and ${MAX_CONCURRENCY}, got ${describe(concurrency)}`,
    );
  }
  if (signal !== undefined && !isSignal(signal)) {
    throw validationError("signal", `signal must be an AbortSignal, got ${describe(signal)}`);
  }
  if (waitUntilDeleted !== undefined && typeof waitUntilDeleted !== "boolean") {
    throw validationError("waitUntilDeleted", `waitUntilDeleted must be a boolean, got ${describe(waitUntilDeleted)}`);
  }
  if (waitTimeoutMs !== undefined && (!Number.isInteger(waitTimeoutMs) || waitTimeoutMs < 1)) {
    throw validationError("waitTimeoutMs", `waitTimeoutMs must be a positive integer, got ${describe(waitTimeoutMs)}`);
  }
  for (const [name, fn] of [
    ["onRetry", onRetry],
    ["onStart", onStart],
  ]) {
    if (fn !== undefined && typeof fn !== "function") {
      throw validationError(name, `${name} must be a function, got ${describe(fn)}`);
    }
  }
  const del = {};
  if (waitUntilDeleted !== undefined) del.waitUntilDeleted = waitUntilDeleted;
  if (waitTimeoutMs !== undefined) del.waitTimeoutMs = waitTimeoutMs;
  return { concurrency, signal, onRetry, onStart, delete: del };
}

function sourceOf(ids) {
  if (ids !== null && ids !== undefined && typeof ids !== "string") {
    if (typeof ids[Symbol.asyncIterator] === "function") return ids[Symbol.asyncIterator]();
    if (typeof ids[Symbol.iterator] === "function") return ids[Symbol.iterator]();
  }
  throw validationError(
    "ids",
    `ids must be an Iterable or AsyncIterable of ENI IDs (an array, a Set, a generator), got ${describe(ids)}`,
  );
}

const DONE = Object.freeze({ value: undefined, done: true });

/**
 * The iterator `EcsClient.deleteNetworkInterfaces` returns. `client` is anything with
 * `deleteNetworkInterface(id, options)`; `release()` is called once when the batch is over.
 *
 * - At most `limit` deletes run at once (`nextConcurrency` decides; starts at `concurrency`).
 * - Each distinct ID is deleted once; a repeated ID is skipped (one outcome per distinct ID).
 * - A call that ended throttled changed nothing, so its ID is queued again (up to 8 times).
 *   Per ID, the unknown-outcome rule of `deleteNetworkInterface` holds across those calls: once
 *   any attempt for an ID had an unknown outcome (a retry that was not throttling, or with
 *   `waitUntilDeleted` throttling that may have hit the polls after an accepted delete), a
 *   later `InvalidEniId.NotFound` is success.
 * - Outcomes come in the order deletes finish; a failure is an outcome, never a throw.
 * - `signal` (or `return()`, i.e. `break`): nothing more starts, in-flight calls are
 *   cancelled; each ID already taken from `ids` ends as an `aborted` outcome (after `return()`
 *   nothing more is yielded).
 * - Bad options, or `ids` that is not iterable: the first `next()` rejects with an `EcsError` of
 *   kind `validation`. An error thrown by `ids` itself rejects `next()` once in-flight deletes
 *   have been yielded.
 */
export function createBulkDelete(client, ids, options, release = () => {}) {
  let opts;
  let source;
  let setupError = null;
  try {
    opts = readBulkOptions(options);
    source = sourceOf(ids);
  } catch (e) {
    setupError = e;
  }

  let state = initialConcurrency(opts?.concurrency ?? DEFAULT_CONCURRENCY);
  const stats = { started: 0, succeeded: 0, failed: 0, throttled: 0, requeued: 0, running: 0 };
  const seen = new Set();
  const requeue = []; // { id, tries, uncertain }
  const outcomes = [];
  const waiters = [];
  // `controller` says the batch is over; each call has its own controller (aborted by stop()),
  // so a batch of 32 adds no more than one listener to any signal.
  const controller = new AbortController();
  const calls = new Set();
  let sourceDone = false;
  let sourceError = null;
  let pulling = false;
  let finished = false;
  let released = false;
  let closed = false; // return() was called: nothing more is yielded

  const onAbort = () => stop();
  if (opts?.signal) {
    if (opts.signal.aborted) controller.abort();
    else opts.signal.addEventListener("abort", onAbort, { once: true });
  }

  function closeSource() {
    if (sourceDone) return;
    sourceDone = true;
    try {
      const r = source?.return?.();
      if (r && typeof r.then === "function") r.then(undefined, () => {});
    } catch {
      /* the source's own cleanup failed: nothing to report it to */
    }
  }

  function finish() {
    if (finished) return;
    finished = true;
    if (opts?.signal) opts.signal.removeEventListener("abort", onAbort);
    if (!released) {
      released = true;
      release();
    }
  }

  function stop() {
    if (!controller.signal.aborted) controller.abort();
    for (const c of calls) c.abort();
    closeSource();
    while (requeue.length) {
      const { id } = requeue.shift();
      emit({
        networkInterfaceId: id,
        ok: false,
        error: abortedError(`the delete of ${id} was aborted before it started`),
      });
    }
    settle();
  }

  function emit(outcome) {
    if (closed) return;
    outcomes.push(outcome);
    settle();
  }

  /** Hands outcomes to waiting next() calls, and ends the batch when nothing is left. */
  function settle() {
    while (waiters.length && outcomes.length) waiters.shift().resolve({ value: outcomes.shift(), done: false });
    const idle = stats.running === 0 && !pulling && requeue.length === 0;
    if (idle && (sourceDone || controller.signal.aborted) && outcomes.length === 0) {
      finish();
      while (waiters.length) {
        const w = waiters.shift();
        if (sourceError) {
          const e = sourceError;
          sourceError = null;
          w.reject(e);
        } else {
          w.resolve(DONE);
        }
      }
    }
  }

  function pump() {
    if (finished || controller.signal.aborted) {
      settle();
      return;
    }
    while (stats.running < state.limit && outcomes.length < MAX_BUFFERED) {
      if (requeue.length) {
        start(requeue.shift());
        continue;
      }
      if (sourceDone || pulling) break;
      pulling = true;
      let step;
      try {
        step = source.next();
      } catch (e) {
        pulling = false;
        sourceError = e;
        closeSource();
        break;
      }
      if (step && typeof step.then === "function") {
        step.then(
          (r) => {
            pulling = false;
            take(r);
            pump();
            settle();
          },
          (e) => {
            pulling = false;
            sourceError = e;
            closeSource();
            settle();
          },
        );
        break;
      }
      pulling = false;
      take(step);
    }
    settle();
  }

  function take(step) {
    if (!step || step.done) {
      sourceDone = true;
      return;
    }
    const raw = step.value;
    const id = typeof raw === "string" ? raw : String(raw);
    if (typeof raw === "string" && seen.has(raw)) return;
    if (typeof raw === "string") seen.add(raw);
    if (controller.signal.aborted) {
      emit({
        networkInterfaceId: id,
        ok: false,
        error: abortedError(`the delete of ${id} was aborted before it started`),
      });
      return;
    }
    start({ id, raw, tries: 0, uncertain: false });
  }

  function start(job) {
    const round = state.round;
    // Whether this call may have deleted the ENI without us seeing the answer: a retry that
    // was not throttling (a lost or failed answer) says so.
    let uncertain = false;
    stats.running++;
    stats.started++;
    if (opts.onStart) callQuietly(opts.onStart, job.id);
    const own = new AbortController();
    calls.add(own);
    const callOptions = { ...opts.delete, signal: own.signal };
    // Every throttled attempt lowers the limit at once, before its backoff wait.
    callOptions.onRetry = (event) => {
      if (event && event.throttled) {
        stats.throttled++;
        state = nextConcurrency(state, { type: "throttled", round });
      } else {
        uncertain = true;
      }
      if (opts.onRetry) callQuietly(opts.onRetry, { ...event, networkInterfaceId: job.id });
    };
    let call;
    try {
      call = Promise.resolve(client.deleteNetworkInterface(job.raw ?? job.id, callOptions));
    } catch (e) {
      call = Promise.reject(e);
    }
    call.then(
      (res) => {
        calls.delete(own);
        stats.running--;
        stats.succeeded++;
        state = nextConcurrency(state, { type: "succeeded" });
        emit({ networkInterfaceId: job.id, ok: true, requestId: res?.requestId });
        pump();
      },
      (error) => {
        calls.delete(own);
        stats.running--;
        const code = error?.code;
        if (error?.kind === "api" && isThrottling(code)) {
          // Every attempt of this call was refused before anything was done (a throttled
          // request is not executed): send it again, after the limit has come down.
          // The last attempt's throttling (onRetry reports only those followed by a wait).
          stats.throttled++;
          state = nextConcurrency(state, { type: "throttled", round });
          if (job.tries < MAX_REQUEUES && !controller.signal.aborted) {
            stats.requeued++;
            // With waitUntilDeleted, the throttled requests may have been the polls after an
            // accepted delete: then the ENI is going or gone, and NotFound next time is success.
            const waited = opts.delete.waitUntilDeleted === true;
            requeue.push({ ...job, tries: job.tries + 1, uncertain: job.uncertain || uncertain || waited });
            pump();
            return;
          }
        }
        if (error?.kind === "api" && code === "InvalidEniId.NotFound" && job.tries > 0 && job.uncertain) {
          // An earlier call for this ID may have deleted it (its answer was lost).
          stats.succeeded++;
          emit({ networkInterfaceId: job.id, ok: true, requestId: error.requestId });
          pump();
          return;
        }
        stats.failed++;
        emit({ networkInterfaceId: job.id, ok: false, error });
        pump();
      },
    );
  }

  const iterator = {
    [Symbol.asyncIterator]() {
      return this;
    },
    /** Counters for progress displays: started, succeeded, failed, throttled, requeued, running, concurrency. */
    get stats() {
      return { ...stats, concurrency: state.limit };
    },
    next() {
      if (setupError) {
        const e = setupError;
        setupError = null;
        finished = true;
        if (!released) {
          released = true;
          release();
        }
        return Promise.reject(e);
      }
      if (outcomes.length) {
        const value = outcomes.shift();
        pump();
        return Promise.resolve({ value, done: false });
      }
      if (finished) return Promise.resolve(DONE);
      const p = new Promise((resolve, reject) => waiters.push({ resolve, reject }));
      pump();
      return p;
    },
    return() {
      closed = true;
      outcomes.length = 0;
      requeue.length = 0;
      if (!controller.signal.aborted) controller.abort();
      for (const c of calls) c.abort();
      closeSource();
      finish();
      while (waiters.length) waiters.shift().resolve(DONE);
      return Promise.resolve(DONE);
    },
  };
  return iterator;
}

/** `EcsClient.deleteNetworkInterfaces`, called from Rust with a handle on the client's state. */
export function bulkDelete(handle, ids, options) {
  return createBulkDelete(handle, ids, options, () => handle.free());
}

function callQuietly(fn, arg) {
  try {
    fn(arg);
  } catch {
    /* an observer's failure must not change the batch */
  }
}

// ---------------------------------------------------------------------------------------------
// The orphan rule

/** Default minimum age of a cleanup candidate: one hour (an ENI a CNI has just created and is
 * about to attach is Available for a few seconds). */
export const DEFAULT_MIN_AGE_MS = 3_600_000;

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * "7d", "12h", "90m", "30s", "2w", "1d12h" or a number of milliseconds -> milliseconds.
 * Throws an `EcsError` of kind `validation` naming `field` for anything else.
 */
export function parseDuration(text, field = "duration") {
  if (typeof text === "number" && Number.isInteger(text) && text >= 0) return text;
  const s = typeof text === "string" ? text.trim() : "";
  const re = /(\d+)\s*(ms|s|m|h|d|w)/gy;
  let total = 0;
  let matched = 0;
  let m;
  while (s && (m = re.exec(s)) !== null) {
    total += Number(m[1]) * UNITS[m[2]];
    matched = re.lastIndex;
  }
  if (!s || matched !== s.length || !Number.isSafeInteger(total)) {
    throw validationError(
      field,
      `${field} must be a duration such as 7d, 12h, 90m, 30s or 1d12h, got ${typeof text === "string" ? JSON.stringify(text) : describe(text)}`,
    );
  }
  return total;
}

function formatAge(ms) {
  const d = Math.floor(ms / 86_400_000);
  if (d >= 1) return `${d}d`;
  const h = Math.floor(ms / 3_600_000);
  if (h >= 1) return `${h}h`;
  return `${Math.max(0, Math.floor(ms / 60_000))}m`;
}

const FILTERS = ["vpcId", "vSwitchId", "zoneId", "resourceGroupId", "networkInterfaceName"];

/**
 * The one orphan rule. Whether `eni` (a `NetworkInterface`) is a cleanup candidate, and why:
 * `{ candidate, reason }` (`reason` is one short line for people; `code` a stable word for
 * programs: `orphan`, `primary`, `in-use`, `service-managed`, `status`, `too-young`,
 * `no-creation-time`, `filter`).
 *
 * A candidate is Available, Secondary, not service-managed, created at least `olderThanMs` ago
 * (default one hour; by `creationTime`, against `now`, default `Date.now()`), and matches the
 * optional filters: `tags` (each `{ key, value? }` must be on the ENI), `vpcId`, `vSwitchId`,
 * `zoneId`, `resourceGroupId`, `securityGroupId`, `networkInterfaceName`. Primary, InUse and
 * service-managed ENIs are never candidates, whatever the options say.
 */
export function cleanupVerdict(eni, options = {}) {
  if (eni === null || typeof eni !== "object") {
    throw validationError("eni", `eni must be a NetworkInterface object, got ${describe(eni)}`);
  }
  const olderThanMs = options.olderThanMs === undefined ? DEFAULT_MIN_AGE_MS : options.olderThanMs;
  if (!Number.isInteger(olderThanMs) || olderThanMs < 0) {
    throw validationError("olderThanMs", `olderThanMs must be a non-negative integer, got ${describe(olderThanMs)}`);
  }
  const now =
    options.now === undefined ? Date.now() : options.now instanceof Date ? options.now.getTime() : options.now;
  if (!Number.isFinite(now)) throw validationError("now", `now must be a Date or a number of ms, got ${describe(now)}`);

  const no = (code, reason) => ({ candidate: false, code, reason });
  // The rules no filter can override come first.
  if (eni.type === "Primary") return no("primary", "Primary ENI: it lives and dies with its instance");
  if (eni.serviceManaged === true)
    return no("service-managed", "service-managed: the cloud service that owns it deletes it");
  if (eni.status === "InUse") return no("in-use", `InUse: attached to ${eni.instanceId || "an instance"}`);
  if (eni.status !== "Available") return no("status", `status ${eni.status}: only Available ENIs are cleaned up`);
  if (eni.type !== "Secondary") return no("status", `type ${eni.type}: only Secondary ENIs are cleaned up`);

  for (const key of FILTERS) {
    const want = options[key];
    if (want !== undefined && eni[key] !== want) return no("filter", `${key} is ${eni[key] ?? "unset"}, not ${want}`);
  }
  if (options.securityGroupId !== undefined && !(eni.securityGroupIds || []).includes(options.securityGroupId)) {
    return no("filter", `not in security group ${options.securityGroupId}`);
  }
  for (const t of options.tags || []) {
    const has = (eni.tags || []).some((x) => x.key === t.key && (t.value === undefined || x.value === t.value));
    if (!has) return no("filter", `no tag ${t.value === undefined ? t.key : `${t.key}=${t.value}`}`);
  }

  const created = typeof eni.creationTime === "string" ? Date.parse(eni.creationTime) : NaN;
  if (Number.isNaN(created)) {
    if (olderThanMs > 0) return no("no-creation-time", "no creationTime: its age is unknown");
    return { candidate: true, code: "orphan", reason: "Available Secondary ENI (age unknown)" };
  }
  const age = now - created;
  if (age < olderThanMs)
    return no("too-young", `created ${formatAge(age)} ago, younger than ${formatAge(olderThanMs)}`);
  return { candidate: true, code: "orphan", reason: `Available Secondary ENI, created ${formatAge(age)} ago` };
}
