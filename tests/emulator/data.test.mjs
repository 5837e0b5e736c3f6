// Generated data: determinism, realistic shapes, every documented field, hostile fixtures.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EniStore } from "./store.mjs";
import { HOSTILE_ENIS, BIG_SERVICE_IDS, STATUSES, mulberry32, generate } from "./data.mjs";

const stateText = (enis, seed) => new EniStore({ enis, seed, deleteDelayMs: 0 }).stateJson();
const stateOf = (enis, seed) => JSON.parse(stateText(enis, seed)).enis;

test("mulberry32 is deterministic and in [0, 1)", () => {
  const a = mulberry32(42);
  const b = mulberry32(42);
  for (let i = 0; i < 1000; i++) {
    const x = a();
    assert.equal(x, b());
    assert.ok(x >= 0 && x < 1);
  }
  assert.notEqual(mulberry32(1)(), mulberry32(2)());
});

test("same seed => byte-identical state; another seed => different data", () => {
  assert.equal(stateText(250, 1), stateText(250, 1));
  assert.equal(stateText(1000, 77), stateText(1000, 77));
  assert.notEqual(stateText(250, 1), stateText(250, 2));
});

test("counts: --enis in cn-hangzhou plus 5 in cn-shanghai, sorted by ID, IDs unique", () => {
  for (const n of [0, 1, 19, 20, 250]) {
    const enis = stateOf(n, 3);
    const hz = enis.filter((e) => e.RegionId === "cn-hangzhou");
    const sh = enis.filter((e) => e.RegionId === "cn-shanghai");
    assert.equal(hz.length, n);
    assert.equal(sh.length, 5);
    for (const list of [hz, sh]) {
      const ids = list.map((e) => e.NetworkInterfaceId);
      assert.deepEqual(ids, [...ids].sort());
      assert.equal(new Set(ids).size, ids.length);
    }
  }
});

test("realistic IDs, MACs, zones, times and owners", () => {
  const enis = stateOf(2000, 5);
  const macs = new Set();
  for (const e of enis) {
    const p = e.RegionId === "cn-hangzhou" ? "bp1" : "uf6";
    const zones = e.RegionId === "cn-hangzhou" ? /^cn-hangzhou-[hijk]$/ : /^cn-shanghai-[befg]$/;
    assert.match(e.NetworkInterfaceId, new RegExp(`^eni-${p}[a-z0-9]{17}$`));
    assert.match(e.VpcId, new RegExp(`^vpc-${p}[a-z0-9]{17}$`));
    assert.match(e.VSwitchId, new RegExp(`^vsw-${p}[a-z0-9]{17}$`));
    assert.match(e.ZoneId, zones);
    assert.match(e.MacAddress, /^00:16:3e:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    assert.match(e.CreationTime, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    assert.match(e.OwnerId, /^\d+$/);
    assert.match(e.ResourceGroupId, /^rg-acfm[a-z0-9]+$/);
    assert.match(e.PrivateIpAddress, /^\d+\.\d+\.\d+\.\d+$/);
    assert.ok(["Standard", "HighPerformance"].includes(e.NetworkInterfaceTrafficMode));
    assert.ok(["Primary", "Secondary"].includes(e.Type));
    assert.ok(STATUSES.includes(e.Status));
    const sgs = e.SecurityGroupIds.SecurityGroupId;
    assert.ok(sgs.length >= 1 && sgs.length <= 3 && new Set(sgs).size === sgs.length);
    for (const sg of sgs) assert.match(sg, new RegExp(`^sg-${p}[a-z0-9]+$`));
    const ips = e.PrivateIpSets.PrivateIpSet;
    assert.equal(ips[0].PrivateIpAddress, e.PrivateIpAddress);
    assert.equal(ips[0].Primary, true);
    assert.ok(ips.slice(1).every((ip) => ip.Primary === false));
    assert.deepEqual(e.AssociatedPublicIp, ips[0].AssociatedPublicIp);
    for (const ip of ips) {
      assert.equal(typeof ip.AssociatedPublicIp, "object");
      if (ip.AssociatedPublicIp.AllocationId) {
        assert.match(ip.AssociatedPublicIp.AllocationId, new RegExp(`^eip-${p}[a-z0-9]{17}$`));
        assert.match(ip.AssociatedPublicIp.PublicIpAddress, /^\d+\.\d+\.\d+\.\d+$/);
      } else {
        assert.deepEqual(ip.AssociatedPublicIp, {});
      }
    }
    const tags = e.Tags ? e.Tags.Tag : [];
    assert.ok(tags.length <= 4);
    if (e.Type === "Primary") {
      assert.equal(e.Status, "InUse");
      assert.match(e.InstanceId, new RegExp(`^i-${p}[a-z0-9]{17}$`));
      assert.equal(e.ServiceManaged, false);
    }
    if (e.ServiceManaged) {
      assert.equal(e.Type, "Secondary");
      assert.equal(e.InstanceId, undefined);
      assert.match(String(e.ServiceID), /^\d+$/);
    } else {
      assert.equal(e.ServiceID, undefined);
    }
    if (["InUse", "Attaching", "Detaching"].includes(e.Status) && !e.ServiceManaged) assert.match(e.InstanceId, /^i-/);
    if (e.Attachment) assert.equal(e.Attachment.InstanceId, e.InstanceId);
    macs.add(e.MacAddress);
  }
  assert.equal(macs.size, enis.length, "MAC addresses are unique");
});

test("distribution: every status, Available the majority of Secondary, some of each kind", () => {
  const enis = stateOf(2000, 5).filter((e) => e.RegionId === "cn-hangzhou");
  const count = (f) => enis.filter(f).length;
  const secondary = enis.filter((e) => e.Type === "Secondary");
  for (const s of ["Available", "InUse", "Attaching", "Detaching", "Creating", "CreateFailed"]) {
    assert.ok(
      secondary.some((e) => e.Status === s),
      `a Secondary ENI in ${s}`,
    );
  }
  const byStatus = {};
  for (const e of secondary) byStatus[e.Status] = (byStatus[e.Status] || 0) + 1;
  const largest = Object.entries(byStatus).sort((a, b) => b[1] - a[1])[0][0];
  assert.equal(largest, "Available");
  assert.ok(count((e) => e.Type === "Primary") > 100);
  assert.ok(count((e) => e.ServiceManaged) > 10);
  assert.ok(count((e) => e.Ipv6Sets && e.Ipv6Sets.Ipv6Set.length) > 50);
  assert.ok(count((e) => e.AssociatedPublicIp.AllocationId) > 50, "EIPs on ENIs");
  assert.ok(
    count((e) => e.PrivateIpSets.PrivateIpSet.some((p) => !p.Primary && p.AssociatedPublicIp.AllocationId)) > 5,
    "EIPs on secondary private IPs",
  );
  assert.ok(count((e) => e.PrivateIpSets.PrivateIpSet.length > 1) > 100);
  assert.ok(count((e) => e.NetworkInterfaceTrafficMode === "HighPerformance") > 10);
  assert.ok(new Set(enis.map((e) => e.VpcId)).size >= 3);
  assert.ok(new Set(enis.map((e) => e.VSwitchId)).size >= 12);
  assert.ok(new Set(enis.map((e) => e.ResourceGroupId)).size >= 3);
  const tagCounts = new Set(enis.map((e) => (e.Tags ? e.Tags.Tag.length : 0)));
  for (const n of [0, 1, 2, 3, 4]) assert.ok(tagCounts.has(n), `an ENI with ${n} tags`);
  const keys = new Set(enis.flatMap((e) => (e.Tags ? e.Tags.Tag.map((t) => t.TagKey) : [])));
  for (const k of ["env", "team", "owner", "app"]) assert.ok(keys.has(k));
  // Empty lists: some ENIs omit the wrapper, some send it empty.
  assert.ok(count((e) => e.Tags && e.Tags.Tag.length === 0) > 10, "empty Tags wrapper");
  assert.ok(count((e) => e.Tags === undefined) > 10, "Tags omitted");
  assert.ok(count((e) => e.Ipv6Sets && e.Ipv6Sets.Ipv6Set.length === 0) > 10, "empty Ipv6Sets wrapper");
  assert.ok(count((e) => e.Ipv6Sets === undefined) > 10, "Ipv6Sets omitted");
});

test("every field of the doc response table appears somewhere, in the JSON shape of its example", () => {
  const enis = stateOf(2000, 5);
  const fields = [
    "AssociatedPublicIp",
    "Attachment",
    "CreationTime",
    "Description",
    "InstanceId",
    "Ipv6Sets",
    "MacAddress",
    "NetworkInterfaceId",
    "NetworkInterfaceName",
    "NetworkInterfaceTrafficMode",
    "OwnerId",
    "PrivateIpAddress",
    "PrivateIpSets",
    "QueueNumber",
    "QueuePairNumber",
    "ResourceGroupId",
    "SecurityGroupIds",
    "ServiceID",
    "ServiceManaged",
    "Status",
    "Tags",
    "Type",
    "VSwitchId",
    "VpcId",
    "ZoneId",
  ];
  for (const f of fields)
    assert.ok(
      enis.some((e) => e[f] !== undefined),
      f,
    );
  assert.ok(
    enis.some((e) => e.Attachment && e.Attachment.TrunkNetworkInterfaceId),
    "Attachment.TrunkNetworkInterfaceId",
  );
  assert.ok(
    enis.some((e) => e.Attachment && Number.isInteger(e.Attachment.DeviceIndex)),
    "Attachment.DeviceIndex",
  );
  assert.ok(
    enis.some((e) => e.Attachment === undefined),
    "Attachment only on some",
  );
  const withTag = enis.find((e) => e.Tags && e.Tags.Tag.length);
  assert.deepEqual(Object.keys(withTag.Tags.Tag[0]), ["TagKey", "TagValue"]);
  const with6 = enis.filter((e) => e.Ipv6Sets && e.Ipv6Sets.Ipv6Set.length);
  assert.ok(with6.some((e) => Object.keys(e.Ipv6Sets.Ipv6Set[0]).join() === "Ipv6Address"));
  assert.ok(with6.some((e) => Object.keys(e.Ipv6Sets.Ipv6Set[0]).join() === "Ipv6Address,Primary"));
  const ipKeys = new Set(enis.map((e) => Object.keys(e.PrivateIpSets.PrivateIpSet[0]).sort().join()));
  assert.deepEqual([...ipKeys].sort(), [
    "AssociatedPublicIp,Primary,PrivateDnsName,PrivateIpAddress",
    "AssociatedPublicIp,Primary,PrivateIpAddress",
  ]);
  for (const e of enis) {
    assert.equal(typeof e.ServiceManaged, "boolean");
    assert.equal(typeof e.OwnerId, "string");
    // Numbers, or (unset) "" / null / absent.
    for (const k of ["QueueNumber", "QueuePairNumber"]) {
      if (e[k] !== undefined && e[k] !== null && e[k] !== "") assert.ok(Number.isInteger(e[k]), k);
    }
  }
});

test("ServiceID above 2^53 is an exact integer literal in the JSON text", () => {
  const text = stateText(250, 9);
  for (const id of BIG_SERVICE_IDS) {
    assert.ok(BigInt(id) > 2n ** 53n);
    assert.ok(text.includes(`"ServiceID":${id},`), id);
  }
  assert.doesNotMatch(text, /"ServiceID":"/, "never a string");
  // Every big ID sits on a service-managed ENI (state() gives them as BigInt: describe.test.mjs).
  const store = new EniStore({ enis: 250, seed: 9, deleteDelayMs: 0 });
  const managed = store.all().filter((r) => r.serviceId !== null);
  assert.ok(managed.length >= BIG_SERVICE_IDS.length);
});

test("hostile fixtures: stable IDs whatever the seed or --enis >= 20, Available Secondary, every string", () => {
  const ids = HOSTILE_ENIS.map((h) => h.id);
  assert.ok(ids.length >= 6);
  for (const [n, seed] of [
    [20, 1],
    [250, 2],
    [5000, 3],
  ]) {
    const enis = stateOf(n, seed);
    for (const id of ids) {
      const e = enis.find((x) => x.NetworkInterfaceId === id);
      assert.ok(e, `${id} with --enis ${n}`);
      assert.equal(e.RegionId, "cn-hangzhou");
      assert.equal(e.Status, "Available");
      assert.equal(e.Type, "Secondary");
      assert.equal(e.ServiceManaged, false);
      assert.match(e.NetworkInterfaceId, /^eni-bp1[a-z0-9]{17}$/);
    }
  }
  assert.ok(!stateOf(19, 1).some((e) => ids.includes(e.NetworkInterfaceId)), "no fixtures below 20 ENIs");
  const text = stateOf(250, 1)
    .filter((e) => ids.includes(e.NetworkInterfaceId))
    .flatMap((e) => [
      e.NetworkInterfaceName,
      e.Description,
      ...(e.Tags ? e.Tags.Tag.flatMap((t) => [t.TagKey, t.TagValue]) : []),
    ]);
  const all = text.join("\n");
  for (const s of [
    "<img src=x onerror=alert(1)>",
    '<script>alert("xss")</script>',
    `"'><svg onload=alert(1)>`,
    "javascript:alert(1)",
    "生产网卡-测试",
    "Ünïcödé",
    "🔥💥🚀",
    "\u202e",
  ]) {
    assert.ok(all.includes(s), s);
  }
  assert.ok(
    text.some((s) => s.length >= 1000),
    "a 1,000+ character string",
  );
  assert.ok(
    text.some((s) => ["&", "%", "+", "=", "*"].every((c) => s.includes(c))),
    "a string with & % + = *",
  );
  const csv = stateOf(250, 1)
    .flatMap((e) => (e.Tags ? e.Tags.Tag : []))
    .find((t) => t.TagKey === "=cmd|' /C calc'!A0");
  assert.ok(csv, "CSV-injection tag key");
});

test("cn-shanghai ENIs use the uf6 prefixes", () => {
  const sh = generate({ enis: 30, seed: 4 }).regions.get("cn-shanghai");
  assert.equal(sh.length, 5);
  for (const r of sh) assert.match(r.id, /^eni-uf6[a-z0-9]{17}$/);
});

test("performance: 100,000 ENIs generate well under 2 s", (t) => {
  // CPU time is asserted (other test files run in parallel); wall time is reported.
  const cpu = process.cpuUsage();
  const start = performance.now();
  const store = new EniStore({ enis: 100000, seed: 1, deleteDelayMs: 0 });
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  t.diagnostic(`generated 100,000 ENIs in ${ms.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU`);
  assert.equal(store.list("cn-hangzhou").length, 100000);
  assert.ok(cpuMs < 2000, `${cpuMs} ms CPU`);
});
