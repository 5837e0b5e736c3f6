// Unit tests of src/wasm/js/bulk.js on its own (no build needed): the concurrency decision,
// the orphan rule, durations, and the bulk delete driver over fake clients.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  initialConcurrency,
  nextConcurrency,
  cleanupVerdict,
  parseDuration,
  createBulkDelete,
  DEFAULT_MIN_AGE_MS,
} from "../../src/wasm/js/bulk.js";
import { EcsError } from "../../src/wasm/js/runtime.js";

// ------------------------------------------------------------------ the concurrency decision

test("nextConcurrency: throttling halves the limit once per round, down to 1", () => {
  let s = initialConcurrency(16);
  assert.equal(s.limit, 16);
  s = nextConcurrency(s, { type: "throttled", round: 0 });
  assert.equal(s.limit, 8);
  // Requests started in round 0 that report throttling later do not halve again.
  for (let i = 0; i < 5; i++) s = nextConcurrency(s, { type: "throttled", round: 0 });
  assert.equal(s.limit, 8);
  s = nextConcurrency(s, { type: "throttled", round: 1 });
  assert.equal(s.limit, 4);
  s = nextConcurrency(s, { type: "throttled", round: 2 });
  s = nextConcurrency(s, { type: "throttled", round: 3 });
  s = nextConcurrency(s, { type: "throttled", round: 4 });
  assert.equal(s.limit, 1);
  assert.equal(s.round, 5);
});

test("nextConcurrency: recovers one step per quiet round, up to max, and never mutates", () => {
  let s = { ...initialConcurrency(6), limit: 2 };
  const frozen = Object.freeze({ ...s });
  assert.equal(nextConcurrency(frozen, { type: "succeeded" }).streak, 1);
  const seen = [];
  for (let i = 0; i < 40; i++) {
    s = nextConcurrency(s, { type: "succeeded" });
    seen.push(s.limit);
  }
  // 2 successes -> 3, 3 more -> 4, 4 more -> 5, 5 more -> 6, then it stays at max.
  assert.equal(seen[1], 3);
  assert.equal(seen[4], 4);
  assert.equal(seen[8], 5);
  assert.equal(seen[13], 6);
  assert.equal(Math.max(...seen), 6);
  // A throttle resets the streak.
  s = nextConcurrency({ ...s, streak: 5 }, { type: "throttled", round: s.round });
  assert.equal(s.streak, 0);
  assert.equal(s.limit, 3);
  // Unknown events change nothing.
  assert.equal(nextConcurrency(s, { type: "other" }), s);
});

// ------------------------------------------------------------------ the orphan rule

const NOW = Date.parse("2026-11-30T12:00:00Z");
const daysAgo = (d) => new Date(NOW - d * 86_400_000).toISOString().replace(/\.\d+Z$/, "Z");
const eni = (over = {}) => ({
  networkInterfaceId: "eni-1",
  status: "Available",
  type: "Secondary",
  serviceManaged: false,
  creationTime: daysAgo(10),
  vpcId: "vpc-1",
  vSwitchId: "vsw-1",
  securityGroupIds: ["sg-1"],
  tags: [{ key: "owner", value: "terway" }],
  privateIpSets: [],
  ipv6Sets: [],
  ...over,
});

test("cleanupVerdict: an old Available Secondary ENI is a candidate", () => {
  const v = cleanupVerdict(eni(), { olderThanMs: 7 * 86_400_000, now: NOW });
  assert.deepEqual(v, { candidate: true, code: "orphan", reason: "Available Secondary ENI, created 10d ago" });
  assert.equal(cleanupVerdict(eni(), { now: new Date(NOW) }).candidate, true);
});

test("cleanupVerdict: Primary, InUse and service-managed are never candidates, whatever the filter", () => {
  const any = { olderThanMs: 0, now: NOW };
  const cases = [
    [eni({ type: "Primary" }), "primary"],
    [eni({ type: "Primary", status: "InUse", instanceId: "i-1" }), "primary"],
    [eni({ status: "InUse", instanceId: "i-9" }), "in-use"],
    [eni({ serviceManaged: true }), "service-managed"],
    [eni({ serviceManaged: true, status: "Available", type: "Secondary" }), "service-managed"],
  ];
  for (const [e, code] of cases) {
    const v = cleanupVerdict(e, { ...any, tags: [{ key: "owner" }], vpcId: "vpc-1" });
    assert.equal(v.candidate, false, JSON.stringify(e));
    assert.equal(v.code, code);
  }
  assert.match(cleanupVerdict(eni({ status: "InUse", instanceId: "i-9" }), any).reason, /InUse: attached to i-9/);
});

test("cleanupVerdict: other states, age, filters, reasons", () => {
  const o = { olderThanMs: 7 * 86_400_000, now: NOW };
  for (const status of ["Creating", "Attaching", "Detaching", "Deleting", "CreateFailed"]) {
    const v = cleanupVerdict(eni({ status }), o);
    assert.deepEqual([v.candidate, v.code], [false, "status"]);
    assert.match(v.reason, new RegExp(`status ${status}`));
  }
  assert.deepEqual(cleanupVerdict(eni({ creationTime: daysAgo(2) }), o), {
    candidate: false,
    code: "too-young",
    reason: "created 2d ago, younger than 7d",
  });
  // Exactly at the threshold counts as old enough.
  assert.equal(cleanupVerdict(eni({ creationTime: daysAgo(7) }), o).candidate, true);
  // The default threshold is one hour.
  assert.equal(DEFAULT_MIN_AGE_MS, 3_600_000);
  assert.equal(cleanupVerdict(eni({ creationTime: daysAgo(0.02) }), { now: NOW }).code, "too-young");
  assert.equal(cleanupVerdict(eni({ creationTime: daysAgo(0.05) }), { now: NOW }).candidate, true);
  // No creationTime: not a candidate unless no age is asked for.
  assert.equal(cleanupVerdict(eni({ creationTime: undefined }), o).code, "no-creation-time");
  assert.equal(cleanupVerdict(eni({ creationTime: undefined }), { olderThanMs: 0, now: NOW }).candidate, true);
  // Filters.
  assert.equal(cleanupVerdict(eni(), { ...o, tags: [{ key: "owner", value: "terway" }] }).candidate, true);
  assert.equal(cleanupVerdict(eni(), { ...o, tags: [{ key: "owner" }] }).candidate, true);
  assert.deepEqual(cleanupVerdict(eni(), { ...o, tags: [{ key: "owner", value: "fc" }] }), {
    candidate: false,
    code: "filter",
    reason: "no tag owner=fc",
  });
  assert.equal(cleanupVerdict(eni(), { ...o, vpcId: "vpc-2" }).reason, "vpcId is vpc-1, not vpc-2");
  assert.equal(cleanupVerdict(eni(), { ...o, securityGroupId: "sg-2" }).code, "filter");
  assert.equal(cleanupVerdict(eni(), { ...o, securityGroupId: "sg-1" }).candidate, true);
});

test("cleanupVerdict: bad options are validation errors naming the field", () => {
  for (const [opts, field] of [
    [{ olderThanMs: -1 }, "olderThanMs"],
    [{ olderThanMs: 1.5 }, "olderThanMs"],
    [{ now: "yesterday" }, "now"],
  ]) {
    assert.throws(
      () => cleanupVerdict(eni(), opts),
      (e) => e instanceof EcsError && e.kind === "validation" && e.field === field,
    );
  }
  assert.throws(
    () => cleanupVerdict(null),
    (e) => e.field === "eni",
  );
});

test("parseDuration", () => {
  assert.equal(parseDuration("7d"), 7 * 86_400_000);
  assert.equal(parseDuration("12h"), 12 * 3_600_000);
  assert.equal(parseDuration("90m"), 90 * 60_000);
  assert.equal(parseDuration("30s"), 30_000);
  assert.equal(parseDuration("2w"), 14 * 86_400_000);
  assert.equal(parseDuration("1d12h"), 36 * 3_600_000);
  assert.equal(parseDuration("0s"), 0);
  assert.equal(parseDuration(1500), 1500);
  for (const bad of ["", "7", "7x", "d", "-1d", "1.5d", "7 days", null, -5]) {
    assert.throws(
      () => parseDuration(bad, "--older-than"),
      (e) => e.kind === "validation" && e.field === "--older-than" && /--older-than must be a duration/.test(e.message),
      String(bad),
    );
  }
});

// ------------------------------------------------------------------ the driver, over fakes

function apiError(code, extra = {}) {
  return new EcsError(code, { kind: "api", code, retryable: /Throttl/.test(code), attempts: 3, ...extra });
}

/** A fake client: `behave(id, n)` decides the n-th call for `id` (resolve value or throw). */
function fakeClient(behave, { delayMs = 2 } = {}) {
  const calls = [];
  let inFlight = 0;
  let maxInFlight = 0;
  return {
    calls,
    get maxInFlight() {
      return maxInFlight;
    },
    async deleteNetworkInterface(id, options) {
      if (typeof id !== "string" || !/^eni-/.test(id)) {
        throw new EcsError(`networkInterfaceId must look like eni-..., got ${id}`, {
          kind: "validation",
          code: "ValidationError",
          field: "networkInterfaceId",
          retryable: false,
          attempts: 0,
        });
      }
      const n = calls.filter((c) => c === id).length;
      calls.push(id);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        await new Promise((resolve, reject) => {
          const onAbort = () => {
            clearTimeout(t);
            reject(new EcsError("aborted", { kind: "aborted", code: "Aborted", retryable: false, attempts: 1 }));
          };
          const t = setTimeout(() => {
            options.signal?.removeEventListener("abort", onAbort);
            resolve();
          }, delayMs);
          options.signal?.addEventListener("abort", onAbort, { once: true });
        });
        return behave(id, n, options);
      } finally {
        inFlight--;
      }
    },
  };
}

async function collect(it) {
  const out = [];
  for await (const o of it) out.push(o);
  return out;
}

test("driver: every ID once, failures as outcomes, bad IDs per ID, duplicates skipped", async () => {
  const client = fakeClient((id) => {
    if (id === "eni-bad") throw apiError("InvalidOperation.InvalidEniState");
    return { requestId: `R-${id}` };
  });
  const ids = ["eni-1", "eni-2", "eni-bad", 42, "eni-3", "eni-1", "nope"];
  const out = await collect(createBulkDelete(client, ids, { concurrency: 2 }));
  assert.deepEqual(out.map((o) => o.networkInterfaceId).sort(), ["42", "eni-1", "eni-2", "eni-3", "eni-bad", "nope"]);
  const by = Object.fromEntries(out.map((o) => [o.networkInterfaceId, o]));
  assert.deepEqual(by["eni-1"], { networkInterfaceId: "eni-1", ok: true, requestId: "R-eni-1" });
  assert.equal(by["eni-bad"].error.code, "InvalidOperation.InvalidEniState");
  assert.equal(by["nope"].error.kind, "validation");
  assert.equal(by["42"].error.kind, "validation");
  assert.deepEqual(client.calls.sort(), ["eni-1", "eni-2", "eni-3", "eni-bad"]);
  assert.ok(client.maxInFlight <= 2);
});

test("driver: a call that ended throttled is sent again and lowers the limit; recovers after", async () => {
  const ids = Array.from({ length: 60 }, (_, i) => `eni-${String(i).padStart(3, "0")}`);
  const client = fakeClient((id, n) => {
    if (Number(id.slice(4)) < 20 && n === 0) throw apiError("Throttling.User");
    return { requestId: "R" };
  });
  const it = createBulkDelete(client, ids, { concurrency: 8 });
  const limits = [];
  const out = [];
  for await (const o of it) {
    out.push(o);
    limits.push(it.stats.concurrency);
  }
  assert.equal(out.length, 60);
  assert.ok(out.every((o) => o.ok));
  // Each of the first 20 was called twice (throttled, then deleted), the others once.
  for (const id of ids) assert.equal(client.calls.filter((c) => c === id).length, Number(id.slice(4)) < 20 ? 2 : 1);
  assert.ok(Math.min(...limits) < 8, `limits ${limits}`);
  assert.ok(limits.at(-1) > Math.min(...limits), `it recovers: ${limits}`);
  const s = it.stats;
  assert.equal(s.succeeded, 60);
  assert.equal(s.requeued, 20);
  assert.equal(s.failed, 0);
  assert.equal(s.running, 0);
});

test("driver: after a call with a lost answer, NotFound on the next call is success; not otherwise", async () => {
  const client = fakeClient((id, n, options) => {
    if (n === 0) {
      // eni-x: the first attempt's answer was lost (it may have deleted the ENI), then the
      // retries were throttled. eni-y: every attempt throttled (nothing was done).
      if (id === "eni-x") options.onRetry({ attempt: 1, code: "NetworkError", throttled: false, delayMs: 0 });
      options.onRetry({ attempt: 2, code: "Throttling.User", throttled: true, delayMs: 0 });
      throw apiError("Throttling.User");
    }
    throw apiError("InvalidEniId.NotFound", { requestId: "R-404" });
  });
  const seen = [];
  const out = await collect(createBulkDelete(client, ["eni-x", "eni-y"], { onRetry: (e) => seen.push(e) }));
  const by = Object.fromEntries(out.map((o) => [o.networkInterfaceId, o]));
  assert.deepEqual(by["eni-x"], { networkInterfaceId: "eni-x", ok: true, requestId: "R-404" });
  assert.equal(by["eni-y"].ok, false);
  assert.equal(by["eni-y"].error.code, "InvalidEniId.NotFound");
  // The caller's onRetry saw every retry, with the ID.
  assert.deepEqual(
    seen.map((e) => [e.networkInterfaceId, e.code]),
    [
      ["eni-x", "NetworkError"],
      ["eni-x", "Throttling.User"],
      ["eni-y", "Throttling.User"],
    ],
  );
});

test("driver: with waitUntilDeleted, a call that ended throttled may have deleted: NotFound next is success", async () => {
  const client = fakeClient((id, n, options) => {
    assert.equal(options.waitUntilDeleted, true);
    // The delete was accepted, then every poll while waiting was throttled.
    if (n === 0) throw apiError("Throttling.User");
    throw apiError("InvalidEniId.NotFound", { requestId: "R-gone" });
  });
  const out = await collect(createBulkDelete(client, ["eni-w"], { waitUntilDeleted: true }));
  assert.deepEqual(out, [{ networkInterfaceId: "eni-w", ok: true, requestId: "R-gone" }]);
});

test("driver: throttled retries lower the limit while the calls go on", async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `eni-${i}`);
  const client = fakeClient((id, n, options) => {
    if (Number(id.slice(4)) < 16) options.onRetry({ attempt: 1, code: "Throttling.User", throttled: true, delayMs: 0 });
    return { requestId: "R" };
  });
  const it = createBulkDelete(client, ids, { concurrency: 16 });
  const limits = [];
  for await (const o of it) {
    assert.equal(o.ok, true);
    limits.push(it.stats.concurrency);
  }
  // All 16 of the first round were throttled: one halving for the round, not sixteen.
  assert.equal(Math.min(...limits), 8);
  assert.equal(it.stats.throttled, 16);
  assert.equal(it.stats.requeued, 0);
});

test("driver: gives up on an ID after 8 throttled calls, others still run", async () => {
  const client = fakeClient((id) => {
    if (id === "eni-hot") throw apiError("Throttling.User");
    return { requestId: "R" };
  });
  const out = await collect(createBulkDelete(client, ["eni-hot", "eni-a", "eni-b"], { concurrency: 3 }));
  const hot = out.find((o) => o.networkInterfaceId === "eni-hot");
  assert.equal(hot.ok, false);
  assert.equal(hot.error.code, "Throttling.User");
  assert.equal(client.calls.filter((c) => c === "eni-hot").length, 9);
  assert.equal(out.filter((o) => o.ok).length, 2);
});

test("driver: AsyncIterable IDs, abort stops what has not started and cancels what has", async () => {
  let produced = 0;
  async function* ids() {
    for (let i = 0; i < 1000; i++) {
      produced++;
      yield `eni-${i}`;
    }
  }
  const client = fakeClient(() => ({ requestId: "R" }), { delayMs: 20 });
  const ctl = new AbortController();
  const out = [];
  for await (const o of createBulkDelete(client, ids(), { concurrency: 4, signal: ctl.signal })) {
    out.push(o);
    if (out.length === 10) ctl.abort();
  }
  const aborted = out.filter((o) => !o.ok);
  assert.ok(aborted.length >= 1 && aborted.length <= 4, `aborted ${aborted.length}`);
  assert.ok(aborted.every((o) => o.error.kind === "aborted"));
  assert.ok(client.calls.length <= 14, `calls ${client.calls.length}`);
  assert.ok(produced < 20, `read ${produced} IDs`);
  // Every call has its outcome; an ID read but not started yet ends aborted too.
  for (const id of client.calls) assert.ok(out.some((o) => o.networkInterfaceId === id));
  assert.ok(out.length >= client.calls.length && out.length <= produced);
});

test("driver: break cancels in-flight calls; bad options and non-iterables reject the first next()", async () => {
  const client = fakeClient(() => ({ requestId: "R" }), { delayMs: 50 });
  const it = createBulkDelete(client, ["eni-1", "eni-2", "eni-3", "eni-4", "eni-5"], { concurrency: 2 });
  for await (const o of it) {
    assert.equal(o.ok, true);
    break;
  }
  await new Promise((r) => setTimeout(r, 80));
  assert.ok(client.calls.length <= 3, `calls ${client.calls.length}`);
  assert.deepEqual(await it.next(), { value: undefined, done: true });

  for (const [ids, options, field] of [
    [["eni-1"], { concurrency: 0 }, "concurrency"],
    [["eni-1"], { concurrency: 33 }, "concurrency"],
    [["eni-1"], { concurrency: 2.5 }, "concurrency"],
    [["eni-1"], { waitUntilDeleted: "yes" }, "waitUntilDeleted"],
    [["eni-1"], { concurrencyy: 2 }, "concurrencyy"],
    [["eni-1"], { signal: {} }, "signal"],
    ["eni-1", undefined, "ids"],
    [42, undefined, "ids"],
  ]) {
    const bad = createBulkDelete(client, ids, options);
    await assert.rejects(bad.next(), (e) => e instanceof EcsError && e.kind === "validation" && e.field === field);
    assert.deepEqual(await bad.next(), { value: undefined, done: true });
  }
});

test("driver: an already aborted signal deletes nothing", async () => {
  const client = fakeClient(() => ({ requestId: "R" }));
  const out = await collect(createBulkDelete(client, ["eni-1", "eni-2"], { signal: AbortSignal.abort() }));
  assert.deepEqual(out, []);
  assert.deepEqual(client.calls, []);
});
