// DescribeNetworkInterfaces: filters, both paging styles, NextToken stability, validation.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startEmulator } from "./server.mjs";
import { describe, del, listAll, rawGet, commonParams, sign, formEncode, KEY, ERROR_KEYS } from "./_helpers.mjs";
import { HOSTILE_ENIS, BIG_SERVICE_IDS } from "./data.mjs";

const emu = await startEmulator({ enis: 300, seed: 21, deleteDelayMs: 0 });
after(() => emu.close());
const url = emu.url;
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const ids = (list) => list.map((e) => e.NetworkInterfaceId);
const sorted = (list) => [...list].sort();
const tagsOf = (e) => (e.Tags ? e.Tags.Tag : []);

async function filtered(params, method = "GET") {
  const r = await describe(url, { ...params, PageSize: "100" }, { method });
  assert.equal(r.status, 200, r.text);
  // Page mode with up to 100 results; also compare with token mode.
  const all = await listAll(url, params, { maxResults: 500 });
  assert.deepEqual(
    ids(all.enis),
    ids(r.json.NetworkInterfaceSets.NetworkInterfaceSet).concat(ids(all.enis).slice(100)),
  );
  assert.equal(r.json.TotalCount, all.enis.length);
  return ids(all.enis);
}

function assertError(r, status, code, mentions) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
  if (mentions) assert.ok(r.json.Message.includes(mentions), `${r.json.Message} should name ${mentions}`);
}

test("no filter: the region ENIs, in ID order", async () => {
  const got = await filtered({});
  assert.deepEqual(got, ids(hz()));
  assert.equal(got.length, 300);
  const sh = await listAll(url, { RegionId: "cn-shanghai" });
  assert.equal(sh.enis.length, 5);
  assert.ok(sh.enis.every((e) => e.NetworkInterfaceId.startsWith("eni-uf6")));
});

test("each filter alone", async () => {
  const all = hz();
  const some = all[17];
  const cases = [
    [{ VSwitchId: some.VSwitchId }, (e) => e.VSwitchId === some.VSwitchId],
    [{ VpcId: some.VpcId }, (e) => e.VpcId === some.VpcId],
    [{ PrimaryIpAddress: some.PrivateIpAddress }, (e) => e.PrivateIpAddress === some.PrivateIpAddress],
    [
      // The doc: SecurityGroupId finds secondary ENIs only.
      { SecurityGroupId: some.SecurityGroupIds.SecurityGroupId[0] },
      (e) =>
        e.Type === "Secondary" && e.SecurityGroupIds.SecurityGroupId.includes(some.SecurityGroupIds.SecurityGroupId[0]),
    ],
    [{ Type: "Primary" }, (e) => e.Type === "Primary"],
    [{ Type: "Secondary" }, (e) => e.Type === "Secondary"],
    [{ ServiceManaged: "true" }, (e) => e.ServiceManaged === true],
    [{ ServiceManaged: "false" }, (e) => e.ServiceManaged === false],
    [{ Status: "InUse" }, (e) => e.Status === "InUse"],
    [{ Status: "CreateFailed" }, (e) => e.Status === "CreateFailed"],
    [{ ResourceGroupId: some.ResourceGroupId }, (e) => e.ResourceGroupId === some.ResourceGroupId],
  ];
  const primary = all.find((e) => e.Type === "Primary");
  cases.push([{ InstanceId: primary.InstanceId }, (e) => e.InstanceId === primary.InstanceId]);
  const named = all.find((e) => e.NetworkInterfaceName && !e.NetworkInterfaceName.startsWith("<"));
  cases.push([
    { NetworkInterfaceName: named.NetworkInterfaceName },
    (e) => e.NetworkInterfaceName === named.NetworkInterfaceName,
  ]);
  for (const [params, pred] of cases) {
    const expected = ids(all.filter(pred));
    assert.ok(expected.length > 0, JSON.stringify(params));
    assert.deepEqual(await filtered(params), expected, JSON.stringify(params));
  }
});

test("NetworkInterfaceName matches exactly, hostile names included (GET and POST)", async () => {
  for (const h of HOSTILE_ENIS) {
    assert.deepEqual(await filtered({ NetworkInterfaceName: h.name }), [h.id], h.name);
    assert.deepEqual(await filtered({ NetworkInterfaceName: h.name }, "POST"), [h.id], h.name);
  }
  assert.deepEqual(await filtered({ NetworkInterfaceName: HOSTILE_ENIS[0].name.slice(0, 5) }), []);
});

test("NetworkInterfaceId.N: any of the listed IDs (1..100)", async () => {
  const all = hz();
  const pick = [all[3], all[99], all[250]].map((e) => e.NetworkInterfaceId);
  assert.deepEqual(
    await filtered({
      "NetworkInterfaceId.1": pick[2],
      "NetworkInterfaceId.2": pick[0],
      "NetworkInterfaceId.7": pick[1],
    }),
    sorted(pick),
  );
  const hundred = Object.fromEntries(
    all.slice(0, 100).map((e, i) => [`NetworkInterfaceId.${i + 1}`, e.NetworkInterfaceId]),
  );
  assert.deepEqual(await filtered(hundred), ids(all.slice(0, 100)));
  assert.deepEqual(await filtered({ "NetworkInterfaceId.1": "eni-bp1doesnotexist0000" }), []);
  // Shanghai IDs are not found through cn-hangzhou.
  const sh = emu.state().enis.find((e) => e.RegionId === "cn-shanghai");
  assert.deepEqual(await filtered({ "NetworkInterfaceId.1": sh.NetworkInterfaceId }), []);
});

test("PrivateIpAddress.N: ENIs having any listed address among their secondary private IPs (the doc)", async () => {
  const all = hz();
  const multis = all.filter((e) => e.PrivateIpSets.PrivateIpSet.length > 1);
  const [multi, other] = multis;
  const secondaryIp = multi.PrivateIpSets.PrivateIpSet[1].PrivateIpAddress;
  assert.deepEqual(await filtered({ "PrivateIpAddress.1": secondaryIp }), [multi.NetworkInterfaceId]);
  const otherIp = other.PrivateIpSets.PrivateIpSet.at(-1).PrivateIpAddress;
  assert.deepEqual(
    await filtered({ "PrivateIpAddress.1": secondaryIp, "PrivateIpAddress.2": otherIp }),
    sorted([multi.NetworkInterfaceId, other.NetworkInterfaceId]),
  );
  // A primary address is not a secondary one: PrivateIpAddress.N does not find it...
  assert.deepEqual(await filtered({ "PrivateIpAddress.1": all[5].PrivateIpAddress }), []);
  // ...PrimaryIpAddress does, and only looks at the primary address.
  assert.deepEqual(await filtered({ PrimaryIpAddress: all[5].PrivateIpAddress }), [all[5].NetworkInterfaceId]);
  assert.deepEqual(await filtered({ PrimaryIpAddress: secondaryIp }), []);
});

test("Ipv6Address.N: ENIs having any listed IPv6 address", async () => {
  const all = hz();
  const with6 = all.filter((e) => e.Ipv6Sets && e.Ipv6Sets.Ipv6Set.length);
  const a = with6[0].Ipv6Sets.Ipv6Set.at(-1).Ipv6Address;
  const b = with6[1].Ipv6Sets.Ipv6Set[0].Ipv6Address;
  assert.deepEqual(await filtered({ "Ipv6Address.1": a }), [with6[0].NetworkInterfaceId]);
  assert.deepEqual(
    await filtered({ "Ipv6Address.1": a, "Ipv6Address.2": b }),
    sorted([with6[0].NetworkInterfaceId, with6[1].NetworkInterfaceId]),
  );
});

test("Tag.N.Key / Tag.N.Value: every given tag must match; a key alone matches any value", async () => {
  const all = hz();
  const has = (e, k, v) => tagsOf(e).some((t) => t.TagKey === k && (v === undefined || t.TagValue === v));
  assert.deepEqual(await filtered({ "Tag.1.Key": "env" }), ids(all.filter((e) => has(e, "env"))));
  assert.deepEqual(
    await filtered({ "Tag.1.Key": "env", "Tag.1.Value": "prod" }),
    ids(all.filter((e) => has(e, "env", "prod"))),
  );
  const both = ids(all.filter((e) => has(e, "env", "prod") && has(e, "team")));
  assert.ok(both.length > 0);
  assert.deepEqual(await filtered({ "Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.20.Key": "team" }), both);
  assert.deepEqual(await filtered({ "Tag.1.Key": "env", "Tag.1.Value": "nope" }), []);
  // Hostile tags: CSV-injection key, values with reserved characters.
  assert.deepEqual(await filtered({ "Tag.1.Key": "=cmd|' /C calc'!A0" }), ["eni-bp1hostile0000000008"]);
  assert.deepEqual(await filtered({ "Tag.1.Key": "cost-center", "Tag.1.Value": "1+1=2 & 100% * x" }, "POST"), [
    "eni-bp1hostile0000000008",
  ]);
  assert.deepEqual(await filtered({ "Tag.1.Key": "app", "Tag.1.Value": "🔥💥🚀" }), ["eni-bp1hostile0000000006"]);
});

test("filters combine with AND", async () => {
  const all = hz();
  const vpc = all[0].VpcId;
  const pred = (e) =>
    e.VpcId === vpc && e.Type === "Secondary" && e.Status === "Available" && tagsOf(e).some((t) => t.TagKey === "app");
  const expected = ids(all.filter(pred));
  assert.ok(expected.length > 0);
  assert.deepEqual(
    await filtered({ VpcId: vpc, Type: "Secondary", Status: "Available", "Tag.1.Key": "app" }),
    expected,
  );
  assert.deepEqual(
    await filtered({
      VpcId: vpc,
      Type: "Secondary",
      Status: "Available",
      "Tag.1.Key": "app",
      ServiceManaged: "false",
      "NetworkInterfaceId.1": expected[0],
    }),
    [expected[0]],
  );
  assert.deepEqual(await filtered({ Type: "Primary", ServiceManaged: "true" }), []);
});

test("empty filter values count as absent", async () => {
  assert.equal((await filtered({ VpcId: "", Status: "", "Tag.1.Key": "", "NetworkInterfaceId.1": "" })).length, 300);
});

test("PageNumber/PageSize: defaults 1 and 10, fields in the response, every ENI exactly once", async () => {
  const first = await describe(url);
  assert.equal(first.json.PageNumber, 1);
  assert.equal(first.json.PageSize, 10);
  assert.equal(first.json.TotalCount, 300);
  assert.equal(first.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 10);
  assert.equal(first.json.NextToken, undefined);
  for (const [size, method] of [
    [100, "GET"],
    [7, "POST"],
  ]) {
    const seen = [];
    for (let page = 1; ; page++) {
      const r = await describe(url, { PageNumber: String(page), PageSize: String(size) }, { method });
      assert.equal(r.json.PageNumber, page);
      assert.equal(r.json.PageSize, size);
      assert.equal(r.json.TotalCount, 300);
      const got = r.json.NetworkInterfaceSets.NetworkInterfaceSet;
      if (!got.length) break;
      seen.push(...ids(got));
    }
    assert.deepEqual(seen, ids(hz()));
  }
  const beyond = await describe(url, { PageNumber: "999", PageSize: "100" });
  assert.deepEqual(beyond.json.NetworkInterfaceSets.NetworkInterfaceSet, []);
});

test('NextToken/MaxResults: default 10, every ENI exactly once, "" on the last page, TotalCount', async () => {
  const first = await describe(url, { NextToken: "" });
  assert.equal(first.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 10, "MaxResults defaults to 10");
  assert.equal(first.json.TotalCount, 300);
  assert.ok(first.json.NextToken);
  assert.equal(first.json.PageNumber, undefined);
  for (const max of [1, 7, 100, 300, 500]) {
    const { enis, pages } = await listAll(url, {}, { maxResults: max });
    assert.deepEqual(ids(enis), ids(hz()), `MaxResults ${max}`);
    assert.equal(pages.length, Math.max(1, Math.ceil(300 / max)));
    assert.equal(pages.at(-1).NextToken, "");
    assert.ok(pages.slice(0, -1).every((p) => p.NextToken && p.TotalCount === 300));
  }
  // MaxResults alone selects token mode; PageNumber/PageSize are then ignored.
  const r = await describe(url, { MaxResults: "3", PageNumber: "5", PageSize: "50" });
  assert.equal(r.json.NetworkInterfaceSets.NetworkInterfaceSet.length, 3);
  assert.deepEqual(ids(r.json.NetworkInterfaceSets.NetworkInterfaceSet), ids(hz().slice(0, 3)));
  assert.equal(typeof r.json.NextToken, "string");
  // With a filter, the token pages through the matches only.
  const { enis } = await listAll(url, { Status: "Available" }, { maxResults: 9 });
  assert.deepEqual(ids(enis), ids(hz().filter((e) => e.Status === "Available")));
});

test("tokens are standard base64 and must be percent-encoded", async () => {
  let token;
  const tokens = [];
  for (let i = 0; i < 40; i++) {
    const r = await describe(url, { MaxResults: "5", ...(token ? { NextToken: token } : {}) });
    token = r.json.NextToken;
    tokens.push(token);
  }
  assert.ok(tokens.every((t) => /^[A-Za-z0-9+/]+=*$/.test(t)));
  const withPlus = tokens.find((t) => t.includes("+"));
  assert.ok(withPlus, 'some token contains "+"');
  // Sent raw, "+" decodes to a space: the token is then malformed.
  const p = {
    ...commonParams(),
    Action: "DescribeNetworkInterfaces",
    MaxResults: "5",
    NextToken: withPlus.replace(/\+/g, " "),
  };
  p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
  const r = await rawGet(url, formEncode(p).replace(/%20/g, "+"));
  assertError(r, 400, "InvalidNextToken.Malformed");
});

test("token stability: deletes between pages neither skip nor repeat an ENI", async () => {
  emu.reset();
  const before = hz();
  const deletable = before.filter((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const deleted = new Set();
  const { enis } = await listAll(
    url,
    {},
    {
      maxResults: 20,
      between: async (n, page) => {
        // Delete the last returned ENI (the token's key), one just behind and one ahead.
        const last = page.NetworkInterfaceSets.NetworkInterfaceSet.at(-1).NetworkInterfaceId;
        const victims = deletable.filter((e) => !deleted.has(e.NetworkInterfaceId));
        const ahead = victims.find((e) => e.NetworkInterfaceId > last);
        const behind = victims.filter((e) => e.NetworkInterfaceId < last).at(-1);
        const self = victims.find((e) => e.NetworkInterfaceId === last);
        for (const v of [ahead, behind, self]) {
          if (!v) continue;
          const r = await del(url, v.NetworkInterfaceId);
          assert.equal(r.status, 200, r.text);
          deleted.add(v.NetworkInterfaceId);
        }
      },
    },
  );
  const got = ids(enis);
  assert.equal(new Set(got).size, got.length, "no ENI repeated");
  assert.deepEqual(got, [...got].sort(), "still in ID order");
  const survivors = ids(before).filter((id) => !deleted.has(id));
  for (const id of survivors) assert.ok(got.includes(id), `${id} not skipped`);
  assert.ok(deleted.size > 20);
  emu.reset();
});

test("a Deleting ENI is listed with Status Deleting until it disappears", async () => {
  const e = await startEmulator({ enis: 30, seed: 2, deleteDelayMs: 800 });
  try {
    const id = HOSTILE_ENIS[1].id;
    assert.equal((await del(e.url, id)).status, 200);
    const during = await describe(e.url, { Status: "Deleting" });
    assert.deepEqual(ids(during.json.NetworkInterfaceSets.NetworkInterfaceSet), [id]);
    const all = await listAll(e.url, {});
    assert.equal(all.enis.find((x) => x.NetworkInterfaceId === id).Status, "Deleting");
    await new Promise((r) => setTimeout(r, 850));
    const afterDelay = await listAll(e.url, {});
    assert.equal(afterDelay.enis.length, 29);
    assert.ok(!ids(afterDelay.enis).includes(id));
  } finally {
    await e.close();
  }
});

test("malformed or tampered NextToken -> InvalidNextToken.Malformed (400)", async () => {
  const good = (await describe(url, { MaxResults: "5" })).json.NextToken;
  const flip = (s, i) => s.slice(0, i) + (s[i] === "A" ? "B" : "A") + s.slice(i + 1);
  const bad = [
    "garbage",
    "AAAAAdDWBF2****",
    "!!!!",
    Buffer.from('{"k":"eni-bp1"}').toString("base64"),
    flip(good, 6),
    flip(good, good.length - 6),
    good.slice(0, -4),
    `${good}AAAA`,
  ];
  for (const t of bad)
    assertError(await describe(url, { NextToken: t }), 400, "InvalidNextToken.Malformed", "NextToken");
  // A token belongs to its region and filters.
  assertError(await describe(url, { NextToken: good, Status: "Available" }), 400, "InvalidNextToken.Malformed");
  assertError(await describe(url, { NextToken: good, RegionId: "cn-shanghai" }), 400, "InvalidNextToken.Malformed");
  // MaxResults may change between pages.
  assert.equal((await describe(url, { NextToken: good, MaxResults: "50" })).status, 200);
});

test("numeric and list-index validation -> InvalidParameter (400) naming the parameter", async () => {
  const cases = [
    ["PageSize", "0"],
    ["PageSize", "101"],
    ["PageSize", "ten"],
    ["PageSize", "-1"],
    ["PageSize", "1.5"],
    ["PageNumber", "0"],
    ["PageNumber", "x"],
    ["MaxResults", "0"],
    ["MaxResults", "501"],
    ["MaxResults", "1e2"],
    ["NetworkInterfaceId.0", "eni-x"],
    ["NetworkInterfaceId.101", "eni-x"],
    ["NetworkInterfaceId.x", "eni-x"],
    ["PrivateIpAddress.101", "10.0.0.1"],
    ["Ipv6Address.101", "::1"],
    ["Ipv6Address.01", "::1"],
    ["Tag.0.Key", "env"],
    ["Tag.21.Key", "env"],
    ["Tag.21.Value", "x"],
    ["Type", "Tertiary"],
    ["Status", "Broken"],
    ["ServiceManaged", "yes"],
  ];
  for (const [name, value] of cases) {
    assertError(await describe(url, { [name]: value }), 400, "InvalidParameter", name);
  }
  for (const [name, value] of [
    ["PageSize", "100"],
    ["PageSize", "1"],
    ["MaxResults", "500"],
    ["MaxResults", "1"],
    ["Tag.20.Key", "env"],
    ["NetworkInterfaceId.100", "eni-x"],
  ]) {
    assert.equal((await describe(url, { [name]: value })).status, 200, `${name}=${value}`);
  }
  assertError(await describe(url, { "Tag.1.Value": "prod" }), 400, "InvalidParameter", "Tag.1.Key");
});

test("ServiceID above 2^53 is exact in the raw response body", async () => {
  const text = (await describe(url, { ServiceManaged: "true", PageSize: "100" })).text;
  for (const id of BIG_SERVICE_IDS) assert.ok(text.includes(`"ServiceID":${id},`), id);
  const managed = emu.state().enis.filter((e) => typeof e.ServiceID === "bigint");
  assert.deepEqual(managed.map((e) => String(e.ServiceID)).sort(), [...BIG_SERVICE_IDS].sort());
});

test("with NextToken, PageNumber/PageSize do not take effect: not used, not even validated", async () => {
  const first = await describe(url, { MaxResults: "5" });
  const r = await describe(url, {
    NextToken: first.json.NextToken,
    MaxResults: "5",
    PageNumber: "0",
    PageSize: "1000",
  });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(ids(r.json.NetworkInterfaceSets.NetworkInterfaceSet), ids(hz().slice(5, 10)));
  assert.equal(r.json.PageSize, undefined);
  // Without a token they are validated.
  assertError(await describe(url, { PageSize: "1000" }), 400, "InvalidParameter", "PageSize");
});

test("unknown parameters -> UnsupportedParameter (400) naming them; the SDK models' owner parameters are accepted", async () => {
  for (const name of ["Foo", "MaxResult", "Tag.1.Name", "PageNo", "SecurityGroupIds.1", "Ipv6Addresses.1"]) {
    assertError(await describe(url, { [name]: "x" }), 400, "UnsupportedParameter", name);
  }
  assertError(await del(url, hz()[0].NetworkInterfaceId, { Force: "true" }), 400, "UnsupportedParameter", "Force");
  assertError(await del(url, hz()[0].NetworkInterfaceId, { MaxResults: "1" }), 400, "UnsupportedParameter");
  const r = await describe(url, { OwnerId: "1", OwnerAccount: "a", ResourceOwnerAccount: "b", ResourceOwnerId: "2" });
  assert.equal(r.status, 200, r.text);
});
