// DeleteNetworkInterface: state rules, asynchronous disappearance, no timers.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "./server.mjs";
import { describe, del, ERROR_KEYS, UUID_UPPER } from "./_helpers.mjs";

const emu = await startEmulator({ enis: 400, seed: 31, deleteDelayMs: 300 });
after(() => emu.close());
const url = emu.url;
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const find = (pred) => hz().find(pred);
const byId = (id) => emu.state().enis.find((e) => e.NetworkInterfaceId === id);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
}

test("an Available Secondary ENI: {RequestId}, Deleting, deleting again changes nothing, then it vanishes", async () => {
  // Its own emulator with a 2 s delay, so the timings hold on a loaded machine: the second
  // delete comes about 1 s after the first; had it restarted the timer, the ENI would vanish
  // 3 s after the first instead of 2 s.
  const D = 2000;
  const e = await startEmulator({ enis: 60, seed: 31, deleteDelayMs: D });
  try {
    const eni = e.state().enis.find((x) => x.Status === "Available" && x.Type === "Secondary" && !x.ServiceManaged);
    const t0 = Date.now();
    const r = await del(e.url, eni.NetworkInterfaceId);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(Object.keys(r.json), ["RequestId"]);
    assert.match(r.json.RequestId, UUID_UPPER);
    const state = () => e.state().enis.find((x) => x.NetworkInterfaceId === eni.NetworkInterfaceId);
    assert.equal(state().Status, "Deleting");
    const listed = await describe(e.url, { "NetworkInterfaceId.1": eni.NetworkInterfaceId });
    assert.equal(listed.json.NetworkInterfaceSets.NetworkInterfaceSet[0].Status, "Deleting");
    await sleep(Math.max(0, t0 + 1000 - Date.now()));
    // Deleting again is accepted (POST this time) and does not restart the timer.
    const again = await del(e.url, eni.NetworkInterfaceId, {}, { method: "POST" });
    assert.equal(again.status, 200, again.text);
    let gone;
    while (!gone) {
      await sleep(50);
      if (!state()) gone = Date.now();
      assert.ok(Date.now() - t0 < 10 * D, "vanishes");
    }
    assert.ok(gone - t0 >= D, `not before the delay (${gone - t0} ms)`);
    assert.ok(gone - t0 < D + 900, `gone ${gone - t0} ms after the first delete, not ${D} ms after the second`);
    const after1 = await describe(e.url, { "NetworkInterfaceId.1": eni.NetworkInterfaceId });
    assert.equal(after1.json.TotalCount, 0);
    assertError(await del(e.url, eni.NetworkInterfaceId), 403, "InvalidEniId.NotFound");
  } finally {
    await e.close();
  }
});

test("InvalidEniId.NotFound (403) for an unknown ID and for an ENI of another region", async () => {
  assertError(await del(url, "eni-bp1doesnotexist000000"), 403, "InvalidEniId.NotFound");
  const sh =
    emu
      .state()
      .enis.find(
        (e) => e.RegionId === "cn-shanghai" && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
      ) || emu.state().enis.find((e) => e.RegionId === "cn-shanghai");
  assertError(await del(url, sh.NetworkInterfaceId), 403, "InvalidEniId.NotFound");
  assertError(await del(url, hz()[0].NetworkInterfaceId, { RegionId: "cn-shanghai" }), 403, "InvalidEniId.NotFound");
});

test("InvalidOperation.InvalidEniState (400) unless Available", async () => {
  for (const status of ["InUse", "Attaching", "Detaching", "Creating", "CreateFailed"]) {
    const eni = find((e) => e.Status === status && e.Type === "Secondary" && !e.ServiceManaged);
    assert.ok(eni, status);
    assertError(await del(url, eni.NetworkInterfaceId), 400, "InvalidOperation.InvalidEniState");
    assert.equal(byId(eni.NetworkInterfaceId).Status, status, "unchanged");
  }
});

test("InvalidOperation.InvalidEniType (403) for a Primary ENI", async () => {
  const eni = find((e) => e.Type === "Primary");
  assertError(await del(url, eni.NetworkInterfaceId), 403, "InvalidOperation.InvalidEniType");
  assert.equal(byId(eni.NetworkInterfaceId).Status, "InUse");
});

test("InvalidOperation.EniServiceManaged (403) for a service-managed ENI, even when Available", async () => {
  const eni = find((e) => e.ServiceManaged && e.Status === "Available") || find((e) => e.ServiceManaged);
  assertError(await del(url, eni.NetworkInterfaceId), 403, "InvalidOperation.EniServiceManaged");
  assert.equal(byId(eni.NetworkInterfaceId).Status, eni.Status);
});

test("MissingParameter (400) without NetworkInterfaceId", async () => {
  const r = await del(url, undefined);
  assertError(r, 400, "MissingParameter");
  assert.ok(r.json.Message.includes("NetworkInterfaceId"));
});

test("disappearance is lazy: no timer is left behind by a pending deletion", async () => {
  const e = await startEmulator({ enis: 25, deleteDelayMs: 3600000 });
  const eni = e.state().enis.find((x) => x.Status === "Available" && x.Type === "Secondary" && !x.ServiceManaged);
  assert.equal((await del(e.url, eni.NetworkInterfaceId)).status, 200);
  await e.close();
  const timers = process.getActiveResourcesInfo().filter((r) => r === "Timeout");
  // node:test itself holds no Timeout here; our emulator must not either.
  assert.deepEqual(timers, []);
});

test("deleteDelayMs 0: Deleting in the delete answer, gone at the next request", async () => {
  const e = await startEmulator({ enis: 25, deleteDelayMs: 0 });
  try {
    const eni = e.state().enis.find((x) => x.Status === "Available" && x.Type === "Secondary" && !x.ServiceManaged);
    assert.equal((await del(e.url, eni.NetworkInterfaceId)).status, 200);
    const r = await describe(e.url, { "NetworkInterfaceId.1": eni.NetworkInterfaceId });
    assert.equal(r.json.TotalCount, 0);
  } finally {
    await e.close();
  }
});

test("a malformed ENI ID -> InvalidParams.EniId (400); a well-formed unknown one -> InvalidEniId.NotFound (403)", async () => {
  for (const bad of [
    "abc",
    "eni-",
    "ENI-BP1ABC",
    "eni-bp1 abc",
    "eni-bp1abc/..",
    "i-bp1abcdef",
    `eni-${"a".repeat(61)}`,
  ]) {
    const r = await del(url, bad);
    assertError(r, 400, "InvalidParams.EniId");
  }
  assertError(await del(url, "eni-bp1doesnotexist000000"), 403, "InvalidEniId.NotFound");
});

test("stuckDeleting fault: the ENI stays Deleting until the delete is sent again, then vanishes", async () => {
  const e = await startEmulator({ enis: 60, seed: 32, deleteDelayMs: 100 });
  try {
    const [a, b] = e
      .state()
      .enis.filter((x) => x.Status === "Available" && x.Type === "Secondary" && !x.ServiceManaged);
    e.setFaults({ stuckDeleting: { count: 1 } });
    assert.deepEqual(e.faults().stuckDeleting, { count: 1 });
    assert.equal((await del(e.url, a.NetworkInterfaceId)).status, 200);
    assert.equal(e.faults().stuckDeleting, null, "the count is used up");
    assert.equal((await del(e.url, b.NetworkInterfaceId)).status, 200);
    await sleep(400);
    const status = (id) => {
      const x = e.state().enis.find((y) => y.NetworkInterfaceId === id);
      return x ? x.Status : "gone";
    };
    assert.equal(status(a.NetworkInterfaceId), "Deleting", "stuck");
    assert.equal(status(b.NetworkInterfaceId), "gone", "the next delete is not stuck");
    const listed = await describe(e.url, { "NetworkInterfaceId.1": a.NetworkInterfaceId });
    assert.equal(listed.json.NetworkInterfaceSets.NetworkInterfaceSet[0].Status, "Deleting");
    // The remedy of the doc: send the delete again.
    assert.equal((await del(e.url, a.NetworkInterfaceId)).status, 200);
    await sleep(400);
    assert.equal(status(a.NetworkInterfaceId), "gone");
    // A rate: reproducible from the seed, bad input refused.
    e.setFaults({ stuckDeleting: { rate: 1 } });
    const c = e.state().enis.find((x) => x.Status === "Available" && x.Type === "Secondary" && !x.ServiceManaged);
    assert.equal((await del(e.url, c.NetworkInterfaceId)).status, 200);
    await sleep(300);
    assert.equal(status(c.NetworkInterfaceId), "Deleting");
    assert.throws(() => e.setFaults({ stuckDeleting: { ids: ["x"] } }), TypeError);
    e.clearFaults();
    assert.equal(e.faults().stuckDeleting, null);
  } finally {
    await e.close();
  }
});
