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
  const eni = find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const r = await del(url, eni.NetworkInterfaceId);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(Object.keys(r.json), ["RequestId"]);
  assert.match(r.json.RequestId, UUID_UPPER);
  assert.equal(byId(eni.NetworkInterfaceId).Status, "Deleting");
  const listed = await describe(url, { "NetworkInterfaceId.1": eni.NetworkInterfaceId });
  assert.equal(listed.json.NetworkInterfaceSets.NetworkInterfaceSet[0].Status, "Deleting");
  // Deleting again is accepted (POST this time) and does not restart the timer.
  await sleep(200);
  const again = await del(url, eni.NetworkInterfaceId, {}, { method: "POST" });
  assert.equal(again.status, 200, again.text);
  await sleep(150);
  const gone = await describe(url, { "NetworkInterfaceId.1": eni.NetworkInterfaceId });
  assert.equal(gone.json.TotalCount, 0, "gone 300 ms after the first delete, not the second");
  assert.equal(byId(eni.NetworkInterfaceId), undefined);
  assertError(await del(url, eni.NetworkInterfaceId), 403, "InvalidEniId.NotFound");
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
