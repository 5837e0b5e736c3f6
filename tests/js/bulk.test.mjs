// EcsClient.deleteNetworkInterfaces from the packed package against the emulator: 200 ENIs
// under 20% throttling, each deleted exactly once, the concurrency visibly lowering while
// throttled and recovering after (read from the emulator's request log), and a cancel mid-way.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { importPackage, startEmulator, KEY } from "./harness.mjs";

let lib, emu;
const LATENCY_MS = 150;

before(async () => {
  lib = await importPackage();
  emu = await startEmulator({ enis: 600, seed: 14, deleteDelayMs: 50 });
});

after(async () => {
  await emu?.close();
});

function client() {
  return new lib.EcsClient({
    regionId: "cn-hangzhou",
    endpoint: emu.url,
    credentials: KEY,
    retry: { baseDelayMs: 20, throttlingBaseDelayMs: 40, maxDelayMs: 200 },
  });
}

/** 200 IDs the orphan rule says may go. */
function deletableIds(n) {
  const ids = emu
    .state()
    .enis.filter(
      (e) => e.RegionId === "cn-hangzhou" && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    )
    .map((e) => e.NetworkInterfaceId);
  assert.ok(ids.length >= n, `only ${ids.length} deletable ENIs`);
  return ids.slice(0, n);
}

const deletes = () => emu.log().requests.filter((r) => r.action === "DeleteNetworkInterface");

/**
 * How many deletes were in flight at the server when each one arrived: every answer is held
 * `LATENCY_MS`, so the requests that arrived in the preceding window are still open.
 */
function inFlightAtArrival(requests) {
  const times = requests.map((r) => Date.parse(r.time));
  return times.map((t, i) => {
    let n = 1;
    for (let j = i - 1; j >= 0 && t - times[j] < LATENCY_MS; j--) n++;
    return n;
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test(
  "200 ENIs under 20% throttling: each deleted once, concurrency lowers while throttled and recovers",
  { timeout: 120_000 },
  async () => {
    await emu.reset({ enis: 600, seed: 14, deleteDelayMs: 50 });
    const ids = deletableIds(200);
    emu.setFaults({ throttle: { rate: 0.2 }, latencyMs: LATENCY_MS, seed: 3 });
    const ecs = client();
    const it = ecs.deleteNetworkInterfaces(ids, { concurrency: 16 });
    const outcomes = [];
    let cleared = false;
    for await (const o of it) {
      outcomes.push(o);
      // The last quarter runs without throttling: the limit must come back up.
      if (!cleared && outcomes.length === 150) {
        emu.setFaults({ throttle: null });
        cleared = true;
      }
    }
    emu.clearFaults();

    // One outcome per ID, all deleted.
    assert.equal(outcomes.length, 200);
    assert.deepEqual(outcomes.map((o) => o.networkInterfaceId).sort(), [...ids].sort());
    const failed = outcomes.filter((o) => !o.ok);
    assert.deepEqual(failed, [], JSON.stringify(failed.slice(0, 3)));
    for (const o of outcomes) assert.match(o.requestId, /^[0-9A-F-]{36}$/);

    // Exactly once: one successful DeleteNetworkInterface per ID in the log, none for others.
    const log = deletes();
    const ok = log.filter((r) => r.status === 200);
    assert.equal(ok.length, 200);
    assert.deepEqual(ok.map((r) => r.params.NetworkInterfaceId).sort(), [...ids].sort());
    const throttled = log.filter((r) => r.code === "Throttling.User");
    assert.ok(throttled.length >= 25, `${throttled.length} throttled requests`);
    // Every request was either throttled or a success: nothing else went wrong.
    assert.equal(log.length, ok.length + throttled.length);
    // The ENIs are gone (or going).
    const left = new Map(emu.state().enis.map((e) => [e.NetworkInterfaceId, e.Status]));
    for (const id of ids) assert.ok(!left.has(id) || left.get(id) === "Deleting", id);

    // Concurrency, from the log: 16 at the start, lower while throttled, higher again after.
    const inFlight = inFlightAtArrival(log);
    const firstThrottle = log.findIndex((r) => r.code === "Throttling.User");
    const clearedAt = log.findIndex((r, i) => i > 0 && r.seq > log[0].seq && ok.indexOf(r) >= 150);
    const start = Math.max(...inFlight.slice(0, 16));
    const throttledPhase = median(inFlight.slice(firstThrottle + 32, clearedAt));
    const recovered = Math.max(...inFlight.slice(clearedAt));
    console.log(
      `in flight at the server: start ${start}, median while throttled ${throttledPhase}, ` +
        `peak after throttling stopped ${recovered}; ${throttled.length} throttled of ${log.length} requests`,
    );
    assert.ok(start >= 12, `start ${start}`);
    assert.ok(throttledPhase <= start / 2, `while throttled ${throttledPhase} vs start ${start}`);
    assert.ok(recovered > throttledPhase, `after ${recovered} vs while throttled ${throttledPhase}`);

    // The counters saw every throttled request.
    assert.equal(it.stats.throttled, throttled.length);
    assert.equal(it.stats.succeeded, 200);
    ecs.free();
  },
);

test(
  "a cancel mid-way stops the rest: nothing new starts, in-flight deletes are cancelled",
  { timeout: 60_000 },
  async () => {
    await emu.reset({ enis: 600, seed: 15, deleteDelayMs: 50 });
    const ids = deletableIds(200);
    emu.setFaults({ latencyMs: LATENCY_MS });
    const ecs = client();
    const ctl = new AbortController();
    const outcomes = [];
    for await (const o of ecs.deleteNetworkInterfaces(ids, { concurrency: 4, signal: ctl.signal })) {
      outcomes.push(o);
      if (outcomes.length === 20) ctl.abort();
    }
    // The emulator logs a request when it answers (after the latency): let the cancelled ones land.
    await new Promise((r) => setTimeout(r, LATENCY_MS * 3));
    const afterAbort = deletes().length;
    await new Promise((r) => setTimeout(r, 300));
    emu.clearFaults();
    // Nothing was sent after the iterator ended.
    assert.equal(deletes().length, afterAbort);
    // 20 done, at most the 4 in flight cancelled.
    const ok = outcomes.filter((o) => o.ok);
    const aborted = outcomes.filter((o) => !o.ok);
    assert.ok(ok.length >= 20 && ok.length <= 24, `ok ${ok.length}`);
    assert.ok(aborted.length <= 4, `aborted ${aborted.length}`);
    for (const o of aborted) assert.equal(o.error.kind, "aborted");
    assert.ok(afterAbort <= 24, `${afterAbort} deletes sent`);
    // The rest is untouched.
    const state = new Map(emu.state().enis.map((e) => [e.NetworkInterfaceId, e.Status]));
    const untouched = ids.filter((id) => state.get(id) === "Available");
    assert.ok(untouched.length >= 200 - afterAbort, `${untouched.length} still Available`);
    ecs.free();
  },
);

test("IDs from an AsyncIterable (a listing), a bad ID is its own outcome", { timeout: 60_000 }, async () => {
  await emu.reset({ enis: 60, seed: 16, deleteDelayMs: 50 });
  const ecs = client();
  async function* orphans() {
    for await (const eni of ecs.listNetworkInterfaces({ status: "Available", type: "Secondary" })) {
      if (lib.cleanupVerdict(eni, { olderThanMs: 0 }).candidate) yield eni.networkInterfaceId;
    }
    yield "not an id";
  }
  const outcomes = [];
  for await (const o of ecs.deleteNetworkInterfaces(orphans())) outcomes.push(o);
  const bad = outcomes.find((o) => o.networkInterfaceId === "not an id");
  assert.equal(bad.ok, false);
  assert.ok(bad.error instanceof lib.EcsError);
  assert.ok(outcomes.filter((o) => o.ok).length >= 10);
  const left = emu
    .state()
    .enis.filter(
      (e) => e.RegionId === "cn-hangzhou" && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );
  assert.deepEqual(left, []);
  ecs.free();
});
