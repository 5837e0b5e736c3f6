// Issue 12 fidelity: the 1,000 cap of Tag.N / ResourceGroupId, every field of the official SDK's
// response model, empty values, Describe's InvalidEniId.NotFound (404), an unknown account.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { startEmulator } from "./server.mjs";
import { FILTERED_CAP } from "./actions.mjs";
import { describe, del, listAll, callV3, ERROR_KEYS } from "./_helpers.mjs";

const require = createRequire(import.meta.url);
const Ecs = require("@alicloud/ecs20140526");
const $dara = require("@darabonba/typescript");

const emu = await startEmulator({ enis: 4500, seed: 81, emptyValues: true });
after(() => emu.close());
const url = emu.url;
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const ids = (list) => list.map((e) => e.NetworkInterfaceId);

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
}

/** Every wire path of a darabonba model class: "A.B[].C". */
function modelPaths(cls, prefix = "") {
  const out = [];
  const names = cls.names();
  const types = cls.types();
  for (const [prop, wire] of Object.entries(names)) {
    const t = types[prop];
    const path = prefix + wire;
    out.push(path);
    if (typeof t === "function" && typeof t.names === "function") out.push(...modelPaths(t, `${path}.`));
    else if (t && t.type === "array" && typeof t.itemType === "function")
      out.push(...modelPaths(t.itemType, `${path}[].`));
  }
  return out;
}

/** The values at a path ("A.B[].C") in a parsed body, skipping absent steps. */
function valuesAt(obj, path) {
  let cur = [obj];
  for (const step of path.split(".")) {
    const isArray = step.endsWith("[]");
    const key = isArray ? step.slice(0, -2) : step;
    const next = [];
    for (const o of cur) {
      if (!o || typeof o !== "object" || !Object.hasOwn(o, key)) continue;
      if (isArray) next.push(...(Array.isArray(o[key]) ? o[key] : []));
      else next.push(o[key]);
    }
    cur = next;
  }
  return cur;
}

test("the answers carry every field of @alicloud/ecs20140526's DescribeNetworkInterfacesResponseBody, with a value", async () => {
  const paths = modelPaths(Ecs.DescribeNetworkInterfacesResponseBody);
  assert.ok(paths.length >= 50, `${paths.length} model paths`);
  for (const p of [
    "NetworkInterfaceSets.NetworkInterfaceSet[].DeleteOnRelease",
    "NetworkInterfaceSets.NetworkInterfaceSet[].SourceDestCheck",
    "NetworkInterfaceSets.NetworkInterfaceSet[].Ipv4PrefixSets.Ipv4PrefixSet[].Ipv4Prefix",
    "NetworkInterfaceSets.NetworkInterfaceSet[].Ipv6PrefixSets.Ipv6PrefixSet[].Ipv6Prefix",
    "NetworkInterfaceSets.NetworkInterfaceSet[].Attachment.NetworkCardIndex",
    "NetworkInterfaceSets.NetworkInterfaceSet[].PrivateIpSets.PrivateIpSet[].PrivateDnsName",
    "NetworkInterfaceSets.NetworkInterfaceSet[].Ipv6Sets.Ipv6Set[].Primary",
  ]) {
    assert.ok(paths.includes(p), `the model has ${p}`);
  }
  // Both paging styles' pages, over HTTP.
  const token = await listAll(url, {}, { maxResults: 500 });
  const page = await describe(url, { PageSize: "100" });
  const bodies = [...token.pages, page.json];
  const missing = paths.filter(
    (p) => !bodies.some((b) => valuesAt(b, p).some((v) => v !== null && v !== "" && v !== undefined)),
  );
  assert.deepEqual(missing, [], "model fields never sent with a value");
  // And the official SDK reads every page (its own type checks pass).
  for (const b of bodies) {
    const m = $dara.cast(b, new Ecs.DescribeNetworkInterfacesResponseBody({}));
    m.validate();
  }
});

test("realistic values for the new fields", () => {
  const all = hz();
  const pfx4 = all.flatMap((e) => (e.Ipv4PrefixSets ? e.Ipv4PrefixSets.Ipv4PrefixSet : []));
  assert.ok(pfx4.length > 0 && pfx4.every((p) => /^\d+\.\d+\.\d+\.\d+\/28$/.test(p.Ipv4Prefix)));
  const pfx6 = all.flatMap((e) => (e.Ipv6PrefixSets ? e.Ipv6PrefixSets.Ipv6PrefixSet : []));
  assert.ok(pfx6.length > 0 && pfx6.every((p) => /^[0-9a-f:]+::\/80$/.test(p.Ipv6Prefix)));
  const dns = all.flatMap((e) => e.PrivateIpSets.PrivateIpSet.filter((s) => s.PrivateDnsName));
  assert.ok(
    dns.every((s) => s.PrivateDnsName === `ip-${s.PrivateIpAddress.replaceAll(".", "-")}.cn-hangzhou.ecs.internal`),
  );
  assert.ok(all.filter((e) => e.Type === "Primary").every((e) => e.DeleteOnRelease === true));
  const att = all.filter((e) => e.Attachment);
  assert.ok(att.length && att.every((e) => e.Attachment.NetworkCardIndex === 0 || e.Attachment.NetworkCardIndex === 1));
  const v6p = all.filter((e) => e.Ipv6Sets && e.Ipv6Sets.Ipv6Set.some((s) => "Primary" in s));
  assert.ok(v6p.length && v6p.every((e) => e.Ipv6Sets.Ipv6Set[0].Primary === true));
});

test('empty values: QueueNumber "" for most Available Secondary ENIs never changed; null, "" or nothing for unset optionals', () => {
  const all = hz();
  const availSec = all.filter((e) => e.Type === "Secondary" && e.Status === "Available" && !e.ServiceManaged);
  const emptyQ = availSec.filter((e) => e.QueueNumber === "");
  assert.ok(emptyQ.length > availSec.length * 0.6, `${emptyQ.length} of ${availSec.length}`);
  // Never "" where the doc promises a number: InUse Secondary and Primary ENIs.
  assert.ok(all.filter((e) => e.QueueNumber === "").every((e) => e.Status !== "InUse" && e.Type === "Secondary"));
  const share = (pred) => all.filter(pred).length / all.length;
  for (const field of ["QueuePairNumber", "DeleteOnRelease", "SourceDestCheck"]) {
    assert.ok(share((e) => e[field] === null) > 0.05, `${field} null for some`);
    assert.ok(share((e) => !(field in e)) > 0.05, `${field} missing for some`);
    assert.ok(
      share((e) => e[field] !== null && e[field] !== undefined && e[field] !== "") > 0.01,
      `${field} set for some`,
    );
  }
  assert.ok(share((e) => e.QueuePairNumber === "") > 0.05, 'QueuePairNumber "" for some');
  // Booleans are never "" (the official SDK would refuse it).
  assert.ok(all.every((e) => e.DeleteOnRelease !== "" && e.SourceDestCheck !== ""));
});

test("emptyValues off: unset optional values are left out, the rest of the data identical", async () => {
  const e = await startEmulator({ enis: 300, seed: 81, emptyValues: false });
  const on = await startEmulator({ enis: 300, seed: 81, emptyValues: true });
  try {
    const a = e.state().enis;
    const b = on.state().enis;
    assert.deepEqual(ids(a), ids(b));
    for (const x of a) {
      for (const [k, v] of Object.entries(x)) assert.notEqual(v, null, `${x.NetworkInterfaceId} ${k}`);
      for (const k of ["QueueNumber", "QueuePairNumber"]) assert.notEqual(x[k], "", `${x.NetworkInterfaceId} ${k}`);
    }
    // Only the empty values differ.
    const strip = (x) => {
      const o = { ...x };
      for (const k of Object.keys(o)) if (o[k] === null || o[k] === "") delete o[k];
      if (o.ServiceID !== undefined) o.ServiceID = String(o.ServiceID);
      return o;
    };
    assert.deepEqual(a.map(strip), b.map(strip));
  } finally {
    await e.close();
    await on.close();
  }
});

test("the 1,000 cap: with Tag.N or ResourceGroupId at most 1,000 ENIs in total, both paging styles", async () => {
  const all = hz();
  const rg = all[0].ResourceGroupId;
  const inRg = all.filter((e) => e.ResourceGroupId === rg);
  assert.ok(inRg.length > FILTERED_CAP, `${inRg.length} ENIs in ${rg}`);
  const byToken = await listAll(url, { ResourceGroupId: rg }, { maxResults: 300 });
  assert.equal(byToken.enis.length, FILTERED_CAP);
  assert.deepEqual(ids(byToken.enis), ids(inRg.slice(0, FILTERED_CAP)));
  assert.ok(byToken.pages.every((p) => p.TotalCount === FILTERED_CAP));
  const last = await describe(url, { ResourceGroupId: rg, PageSize: "100", PageNumber: "10" });
  assert.equal(last.json.TotalCount, FILTERED_CAP);
  assert.equal(last.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 100);
  const beyond = await describe(url, { ResourceGroupId: rg, PageSize: "100", PageNumber: "11" });
  assert.equal(beyond.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 0);
  // Tag.N: a key alone on many ENIs.
  const withEnv = all.filter((e) => e.Tags && e.Tags.Tag.some((t) => t.TagKey === "team"));
  assert.ok(withEnv.length > FILTERED_CAP, `${withEnv.length} with team`);
  const tagged = await listAll(url, { "Tag.1.Key": "team" }, { maxResults: 500 });
  assert.deepEqual(ids(tagged.enis), ids(withEnv.slice(0, FILTERED_CAP)));
  // Other filters are not capped.
  const avail = all.filter((e) => e.Status === "Available");
  assert.ok(avail.length > FILTERED_CAP);
  assert.equal((await listAll(url, { Status: "Available" }, { maxResults: 500 })).enis.length, avail.length);
  assert.equal((await listAll(url, {}, { maxResults: 500 })).enis.length, all.length);
});

test("Describe's InvalidEniId.NotFound (404): the eniNotFoundOnDescribe fault, for listed IDs that do not exist", async () => {
  const known = hz()[3].NetworkInterfaceId;
  assert.equal((await describe(url, { "NetworkInterfaceId.1": "eni-bp1doesnotexist000000" })).json.TotalCount, 0);
  emu.setFaults({ eniNotFoundOnDescribe: true });
  try {
    assertError(
      await describe(url, { "NetworkInterfaceId.1": known, "NetworkInterfaceId.2": "eni-bp1doesnotexist000000" }),
      404,
      "InvalidEniId.NotFound",
    );
    assert.equal((await describe(url, { "NetworkInterfaceId.1": known })).json.TotalCount, 1);
    assert.equal((await describe(url, { MaxResults: "5" })).status, 200);
  } finally {
    emu.setFaults({ eniNotFoundOnDescribe: null });
  }
  assert.equal(emu.faults().eniNotFoundOnDescribe, false);
});

test("an unknown account -> Abs.InvalidAccount.NotFound (403), V2 and V3, after a valid signature", async () => {
  const gone = { accessKeyId: "emulator-gone-account-key-id", accessKeySecret: "emulator-gone-account-secret" };
  assertError(await describe(url, {}, { cred: gone }), 403, "Abs.InvalidAccount.NotFound");
  assertError(
    await callV3(url, "DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" }, { cred: gone }),
    403,
    "Abs.InvalidAccount.NotFound",
  );
  assertError(await del(url, hz()[0].NetworkInterfaceId, {}, { cred: gone }), 403, "Abs.InvalidAccount.NotFound");
  // A wrong signature is still a signature error.
  assertError(await describe(url, {}, { cred: gone, secret: "x" }), 400, "SignatureDoesNotMatch");
});
