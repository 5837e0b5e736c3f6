// Fault injection for API requests (never for control requests).
//
// Each request is decided in a fixed order:
//   1. count faults, in FAULT_KINDS order: the first with a remaining count wins and is
//      decremented (a fault whose count reaches 0 is removed);
//   2. otherwise rate faults, in FAULT_KINDS order: each configured one draws exactly one
//      number from the seeded PRNG (so the sequence is reproducible), the first whose draw
//      is below its rate wins.

import { mulberry32 } from "./data.mjs";

export const FAULT_KINDS = ["throttle", "serviceUnavailable", "internalError", "html", "truncate", "drop"];
const SETTINGS = [
  "latencyMs",
  "clockOffsetMs",
  "retryAfterSeconds",
  "retryAfterMs",
  "stuckDeleting",
  "eniNotFoundOnDescribe",
  "seed",
];

/** The codes ECS answers throttling with (all HTTP 400), and their messages. */
export const THROTTLE_CODES = {
  Throttling: "Request was denied due to request throttling.",
  "Throttling.User": "Request was denied due to user flow control.",
  "Throttling.Api": "Request was denied due to api flow control.",
  "Rejected.Throttling": "Request was denied due to flow control. Please try again later.",
};

export class Faults {
  /** @param {number} defaultSeed the PRNG seed until a `seed` setting replaces it */
  constructor(defaultSeed) {
    this.clear(defaultSeed);
  }

  /** Remove every fault and setting; the PRNG restarts from the default seed. */
  clear(defaultSeed = this.defaultSeed) {
    this.kinds = {};
    this.latencyMs = 0;
    this.clockOffsetMs = 0;
    this.retryAfterSeconds = null;
    this.retryAfterMs = null;
    /** null or { count } / { rate }: deletes whose ENI stays Deleting until deleted again. */
    this.stuckDeleting = null;
    this.eniNotFoundOnDescribe = false;
    this.defaultSeed = defaultSeed;
    this.seed = defaultSeed;
    this.rng = mulberry32(defaultSeed);
    // A separate stream for stuckDeleting, so it never shifts the per-request decisions.
    this.stuckRng = mulberry32((defaultSeed ^ 0x5717c) >>> 0);
  }

  /**
   * Merge a fault description into the current one. `null` for a key removes it.
   * Everything is validated before anything changes; throws TypeError on bad input.
   */
  merge(input) {
    if (!input || typeof input !== "object" || Array.isArray(input))
      throw new TypeError("faults must be a JSON object");
    const next = { kinds: { ...this.kinds } };
    for (const [key, value] of Object.entries(input)) {
      if (FAULT_KINDS.includes(key)) {
        if (value === null) {
          delete next.kinds[key];
          continue;
        }
        const spec = faultSpec(key, value);
        if (spec) next.kinds[key] = spec;
        else delete next.kinds[key];
      } else if (key === "latencyMs") {
        next.latencyMs = value === null ? 0 : number(key, value, 0, 600000);
      } else if (key === "clockOffsetMs") {
        next.clockOffsetMs = value === null ? 0 : number(key, value, -1e13, 1e13);
      } else if (key === "retryAfterSeconds") {
        next.retryAfterSeconds = value === null ? null : integer(key, value, 0, 86400);
      } else if (key === "retryAfterMs") {
        next.retryAfterMs = value === null ? null : integer(key, value, 0, 3600000);
      } else if (key === "stuckDeleting") {
        next.stuckDeleting = value === null ? null : faultSpec(key, value);
      } else if (key === "eniNotFoundOnDescribe") {
        if (value !== null && typeof value !== "boolean") throw new TypeError(`${key} must be true or false`);
        next.eniNotFoundOnDescribe = value === true;
      } else if (key === "seed") {
        next.seed = integer(key, value, -(2 ** 31), 2 ** 32 - 1);
      } else {
        throw new TypeError(`unknown fault "${key}"; known: ${[...FAULT_KINDS, ...SETTINGS].join(", ")}`);
      }
    }
    this.kinds = next.kinds;
    if (next.latencyMs !== undefined) this.latencyMs = next.latencyMs;
    if (next.clockOffsetMs !== undefined) this.clockOffsetMs = next.clockOffsetMs;
    if (next.retryAfterSeconds !== undefined) this.retryAfterSeconds = next.retryAfterSeconds;
    if (next.retryAfterMs !== undefined) this.retryAfterMs = next.retryAfterMs;
    if (next.stuckDeleting !== undefined) this.stuckDeleting = next.stuckDeleting;
    if (next.eniNotFoundOnDescribe !== undefined) this.eniNotFoundOnDescribe = next.eniNotFoundOnDescribe;
    if (next.seed !== undefined) {
      this.seed = next.seed;
      this.rng = mulberry32(next.seed);
      this.stuckRng = mulberry32((next.seed ^ 0x5717c) >>> 0);
    }
  }

  /** The fault for the next API request, or null. */
  decide() {
    for (const kind of FAULT_KINDS) {
      const f = this.kinds[kind];
      if (f && f.count !== undefined) {
        if (kind === "throttle") this.lastThrottleCode = f.code || "Throttling.User";
        if (--f.count <= 0) delete this.kinds[kind];
        return kind;
      }
    }
    let hit = null;
    for (const kind of FAULT_KINDS) {
      const f = this.kinds[kind];
      if (f && f.rate !== undefined) {
        const draw = this.rng();
        if (hit === null && draw < f.rate) {
          hit = kind;
          if (kind === "throttle") this.lastThrottleCode = f.code || "Throttling.User";
        }
      }
    }
    return hit;
  }

  /** Whether the ENI of a delete being accepted now gets stuck in Deleting (consumes the fault). */
  stuckNext() {
    const f = this.stuckDeleting;
    if (!f) return false;
    if (f.count !== undefined) {
      if (--f.count <= 0) this.stuckDeleting = null;
      return true;
    }
    return this.stuckRng() < f.rate;
  }

  /** The code of the throttle fault `decide()` returned last. */
  throttleCode() {
    return this.lastThrottleCode || "Throttling.User";
  }

  toJSON() {
    const out = {};
    for (const kind of FAULT_KINDS) if (this.kinds[kind]) out[kind] = { ...this.kinds[kind] };
    out.latencyMs = this.latencyMs;
    out.clockOffsetMs = this.clockOffsetMs;
    out.retryAfterSeconds = this.retryAfterSeconds;
    out.retryAfterMs = this.retryAfterMs;
    out.stuckDeleting = this.stuckDeleting ? { ...this.stuckDeleting } : null;
    out.eniNotFoundOnDescribe = this.eniNotFoundOnDescribe;
    out.seed = this.seed;
    out.order = FAULT_KINDS.slice();
    return out;
  }
}

function faultSpec(kind, value) {
  const shape =
    kind === "throttle" ? `{"count": N} or {"rate": P}, optionally with "code"` : `{"count": N} or {"rate": P}`;
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`${kind} must be ${shape}`);
  }
  let code;
  if (kind === "throttle" && Object.hasOwn(value, "code")) {
    if (!Object.hasOwn(THROTTLE_CODES, value.code)) {
      throw new TypeError(
        `throttle.code must be one of ${Object.keys(THROTTLE_CODES).join(", ")}, got ${JSON.stringify(value.code)}`,
      );
    }
    code = value.code;
  }
  const keys = Object.keys(value).filter((k) => k !== "code" || kind !== "throttle");
  if (keys.length !== 1 || (keys[0] !== "count" && keys[0] !== "rate")) {
    throw new TypeError(`${kind} must be ${shape}`);
  }
  const withCode = (spec) => (spec && code ? { ...spec, code } : spec);
  if (keys[0] === "count") {
    const count = integer(`${kind}.count`, value.count, 0, 1e9);
    return withCode(count > 0 ? { count } : null);
  }
  const rate = number(`${kind}.rate`, value.rate, 0, 1);
  return withCode(rate > 0 ? { rate } : null);
}

function number(name, value, min, max) {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new TypeError(`${name} must be a number between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function integer(name, value, min, max) {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}
