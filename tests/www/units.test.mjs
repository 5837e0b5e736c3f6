// The admin page's DOM-free modules in Node: filters <-> URL <-> request, CSV/JSON export,
// error explanations, what can be deleted, safe links, the charts' counts. Fast, no browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { isAlibabaCloudHost, recommendLink, safeHttpUrl } from "../../www/js/dom.js";
import { comparator, ipSortKey, isRedelete, whyNotDeletable } from "../../www/js/eni.js";
import { explainError } from "../../www/js/errors.js";
import { AGE_BUCKETS, TOP_VSWITCHES, describeFacet, facetPredicate, summarize } from "../../www/js/summary.js";
import { csvCell, exportFileName, looksLikeFormula, toCsv } from "../../www/js/export.js";
import {
  FILTERS,
  decodeTag,
  emptyFilters,
  encodeTag,
  filterForField,
  filtersFromQuery,
  filtersToRequest,
  sortFromQuery,
  viewToQuery,
} from "../../www/js/filters.js";

test("filters survive the URL and become the package's request", () => {
  const f = {
    ...emptyFilters(),
    status: "Available",
    type: "Secondary",
    vpcId: "vpc-1",
    vSwitchId: "vsw-1",
    securityGroupId: "sg-1",
    instanceId: "i-1",
    networkInterfaceName: "a&b %c+d=e*f",
    primaryIpAddress: "10.0.0.1",
    privateIpAddresses: ["10.0.0.2", "10.0.0.3"],
    ipv6Addresses: ["2408::1"],
    networkInterfaceIds: ["eni-1", "eni-2"],
    resourceGroupId: "rg-1",
    serviceManaged: "false",
    tags: [
      { key: "env", value: "prod" },
      { key: "k=with%odd", value: "v=1&2" },
      { key: "only-key", value: "" },
    ],
  };
  const query = viewToQuery({ regionId: "cn-hangzhou", filters: f, sort: { key: "name", dir: "desc" }, q: "web" });
  const text = query.toString();
  const back = filtersFromQuery(`?${text}`);
  assert.deepEqual(back.filters, f);
  assert.deepEqual(back.warnings, []);
  assert.deepEqual(sortFromQuery(`?${text}`), { key: "name", dir: "desc" });
  const params = new URLSearchParams(text);
  assert.equal(params.get("region"), "cn-hangzhou");
  assert.equal(params.get("q"), "web");
  assert.deepEqual(filtersToRequest(f), {
    status: "Available",
    type: "Secondary",
    vpcId: "vpc-1",
    vSwitchId: "vsw-1",
    securityGroupId: "sg-1",
    instanceId: "i-1",
    networkInterfaceName: "a&b %c+d=e*f",
    primaryIpAddress: "10.0.0.1",
    privateIpAddresses: ["10.0.0.2", "10.0.0.3"],
    ipv6Addresses: ["2408::1"],
    networkInterfaceIds: ["eni-1", "eni-2"],
    resourceGroupId: "rg-1",
    serviceManaged: false,
    tags: [{ key: "env", value: "prod" }, { key: "k=with%odd", value: "v=1&2" }, { key: "only-key" }],
  });
  assert.deepEqual(filtersToRequest(emptyFilters()), {});
  // Every request field of the API has a filter.
  const keys = FILTERS.map((d) => d.key).sort();
  assert.deepEqual(keys, [
    "instanceId",
    "ipv6Addresses",
    "networkInterfaceIds",
    "networkInterfaceName",
    "primaryIpAddress",
    "privateIpAddresses",
    "resourceGroupId",
    "securityGroupId",
    "serviceManaged",
    "status",
    "tags",
    "type",
    "vSwitchId",
    "vpcId",
  ]);
});

test("bad values in a URL are dropped with a warning, never sent", () => {
  const { filters, warnings } = filtersFromQuery(
    "?status=Broken&type=Tertiary&serviceManaged=maybe&vpc=%20vpc-9%20&tag=&tag=%3Dv",
  );
  assert.equal(filters.status, "");
  assert.equal(filters.type, "");
  assert.equal(filters.serviceManaged, "");
  assert.equal(filters.vpcId, "vpc-9");
  assert.deepEqual(filters.tags, []);
  assert.equal(warnings.length, 3);
  for (const t of [
    { key: "a", value: "" },
    { key: "a=b", value: "c=d" },
    { key: "%3D", value: "%" },
  ])
    assert.deepEqual(decodeTag(encodeTag(t)), t);
});

test("validation fields map back to their filter", () => {
  assert.equal(filterForField("privateIpAddresses[3]").filter.key, "privateIpAddresses");
  assert.deepEqual(
    { key: filterForField("tags[1].key").filter.key, index: filterForField("tags[1].key").index },
    { key: "tags", index: 1 },
  );
  assert.equal(filterForField("pageSize"), null);
  assert.equal(filterForField(undefined), null);
});

test("CSV cells that a spreadsheet would run are defused; quoting is RFC 4180", () => {
  for (const c of ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "=cmd|' /C calc'!A0"])
    assert.ok(csvCell(c).replace(/^"/, "").startsWith("'"), c);
  assert.equal(csvCell("a,b"), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell("line\nbreak"), '"line\nbreak"');
  assert.equal(csvCell(undefined), "");
  assert.equal(csvCell("plain"), "plain");
  const csv = toCsv([
    {
      networkInterfaceId: "eni-1",
      networkInterfaceName: '=HYPERLINK("http://x")',
      status: "Available",
      type: "Secondary",
      privateIpSets: [],
      ipv6Sets: [],
      securityGroupIds: [],
      tags: [{ key: "@k", value: "v" }],
    },
  ]);
  assert.ok(csv.startsWith("\ufeff"));
  const [header, row] = csv.slice(1).trimEnd().split("\r\n");
  assert.match(header, /^NetworkInterfaceId,NetworkInterfaceName,Status/);
  assert.ok(row.includes(`"'=HYPERLINK(""http://x"")"`));
  assert.ok(row.includes(",'@k=v,"));
  assert.match(
    exportFileName("cn-hangzhou", "csv", new Date(2025, 0, 2, 3, 4)),
    /^enis-cn-hangzhou-20250102-0304\.csv$/,
  );
  assert.match(exportFileName("../x", "json"), /^enis-___x-\d{8}-\d{4}\.json$/);
});

test("CSV: leading spaces and invisible characters, full-width signs and | cannot hide a formula", () => {
  const cases = {
    "leading space": " =1+1",
    "leading spaces and tab": "  \t=1+1",
    "no-break space": "\u00a0=1+1",
    "ideographic space": "\u3000=1+1",
    "zero-width space": "\u200b=1+1",
    "zero-width joiner": "\u200d+1",
    "word joiner": "\u2060-1",
    BOM: "\ufeff@SUM(A1)",
    "soft hyphen": "\u00ad=1",
    "bidi override": "\u202e=1",
    "full-width equals": "\uff1d1+1",
    "full-width plus": "\uff0b1",
    "full-width minus": "\uff0d1",
    "full-width at": "\uff20SUM(A1)",
    "full-width pipe": "\uff5ccalc",
    pipe: "|calc",
    "pipe after space": " |calc",
    "newline first": "\n=1",
  };
  for (const [what, text] of Object.entries(cases)) {
    assert.ok(looksLikeFormula(text), what);
    const cell = csvCell(text);
    assert.ok(cell.replace(/^"/, "").startsWith(`'${text.slice(0, 1)}`), `${what}: ${JSON.stringify(cell)}`);
  }
  // The value itself is kept (only the apostrophe is added), and harmless text is untouched.
  assert.equal(csvCell(" =1+1"), "' =1+1");
  assert.equal(csvCell("\u200b=1+1"), "'\u200b=1+1");
  for (const ok of ["a=1", "10.0.0.1", "eni-bp1 =x", "k=v; a|b", " plain", "\u200bname", "２０２５"])
    assert.equal(csvCell(ok), ok, ok);
});

test("Recommend links: Alibaba Cloud's only on its own hosts", () => {
  for (const host of [
    "aliyun.com",
    "api.aliyun.com",
    "next.api.alibabacloud.com",
    "ecs.cn-hangzhou.aliyuncs.com",
    "API.ALIYUN.COM",
    "api.aliyun.com.",
  ])
    assert.ok(isAlibabaCloudHost(host), host);
  for (const host of ["aliyun.com.evil.test", "evilaliyun.com", "aliyun.co", "alibabacloud.com-x.test", "", undefined])
    assert.ok(!isAlibabaCloudHost(host), String(host));
  assert.deepEqual(recommendLink("https://api.aliyun.com/troubleshoot?q=X"), {
    href: "https://api.aliyun.com/troubleshoot?q=X",
    host: "api.aliyun.com",
    alibabaCloud: true,
  });
  for (const foreign of [
    "https://phish.test/api.aliyun.com",
    "https://api.aliyun.com.phish.test/",
    "https://api.aliyun.com@phish.test/",
    "http://phish.test/?u=https://api.aliyun.com",
  ]) {
    const link = recommendLink(foreign);
    assert.equal(link.alibabaCloud, false, foreign);
    assert.match(link.host, /(^|\.)phish\.test$/, foreign);
  }
  assert.equal(recommendLink("javascript:alert(1)"), null);
  assert.equal(recommendLink("see the docs"), null);
});

test("what can be deleted, and why not", () => {
  const base = { networkInterfaceId: "eni-1", status: "Available", type: "Secondary", serviceManaged: false };
  assert.equal(whyNotDeletable(base), null);
  assert.match(whyNotDeletable({ ...base, type: "Primary" }), /primary/);
  assert.match(whyNotDeletable({ ...base, status: "InUse", instanceId: "i-1" }), /In use by i-1/);
  assert.match(
    whyNotDeletable({ ...base, serviceManaged: true, serviceId: "9223372036854775807" }),
    /service 9223372036854775807/,
  );
  // Stuck in Deleting: the doc's fix is to delete it again, so the page offers it.
  assert.equal(whyNotDeletable({ ...base, status: "Deleting" }), null);
  assert.ok(isRedelete({ ...base, status: "Deleting" }));
  assert.ok(!isRedelete(base));
  assert.match(whyNotDeletable({ ...base, status: "Deleting", type: "Primary" }), /primary/);
  assert.match(whyNotDeletable({ ...base, status: "Deleting", serviceManaged: true }), /Managed/);
  assert.match(whyNotDeletable({ ...base, status: "Attaching" }), /Attaching/);
  assert.match(whyNotDeletable({ ...base, status: "Mystery" }), /Mystery/);
});

test("sorting: numeric IPs, empty values last, ties by ID", () => {
  assert.ok(ipSortKey("10.0.0.9") < ipSortKey("10.0.0.10"));
  const enis = [
    { networkInterfaceId: "b", privateIpAddress: "10.0.0.10" },
    { networkInterfaceId: "a", privateIpAddress: "10.0.0.9" },
    { networkInterfaceId: "c" },
  ];
  assert.deepEqual(
    [...enis].sort(comparator({ key: "privateIp", dir: "asc" })).map((e) => e.networkInterfaceId),
    ["a", "b", "c"],
  );
  assert.deepEqual(
    [...enis].sort(comparator({ key: "privateIp", dir: "desc" })).map((e) => e.networkInterfaceId),
    ["b", "a", "c"],
  );
  assert.equal(comparator({ key: "nope" }), null);
});

test("only http(s) links survive", () => {
  assert.equal(safeHttpUrl("https://api.aliyun.com/troubleshoot?q=X"), "https://api.aliyun.com/troubleshoot?q=X");
  assert.equal(safeHttpUrl("http://x.test/"), "http://x.test/");
  for (const bad of [
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>",
    "vbscript:x",
    "//evil.test",
    "/relative",
    "",
    undefined,
    42,
  ]) {
    assert.equal(safeHttpUrl(bad), null, String(bad));
  }
});

const ecsError = (fields) =>
  Object.assign(new Error(fields.message ?? ""), { name: "EcsError", attempts: 1, retryable: false, ...fields });

test("errors explained in plain words, with the API's details", () => {
  const sig = explainError(
    ecsError({
      kind: "api",
      code: "SignatureDoesNotMatch",
      message: "SignatureDoesNotMatch: Specified signature is not matched",
      httpStatus: 400,
      requestId: "R-1",
      recommend: "https://api.aliyun.com/x",
    }),
    { endpoint: "https://e" },
  );
  assert.equal(sig.title, "The AccessKeySecret is wrong");
  assert.deepEqual(
    sig.details.find(([l]) => l === "Request ID"),
    ["Request ID", "R-1", true],
  );
  assert.deepEqual(
    sig.details.find(([l]) => l === "Message"),
    ["Message", "Specified signature is not matched", false],
  );
  assert.equal(sig.recommend, "https://api.aliyun.com/x");
  // The package's typed apiMessage wins: a Message that itself starts like "Code: " stays whole.
  const typed = explainError(
    ecsError({
      kind: "api",
      code: "InvalidParameter",
      apiMessage: "InvalidParameter: the word twice is the API's own text",
      message: "InvalidParameter: InvalidParameter: the word twice is the API's own text",
    }),
  );
  assert.deepEqual(
    typed.details.find(([l]) => l === "Message"),
    ["Message", "InvalidParameter: the word twice is the API's own text", false],
  );
  assert.equal(
    explainError(ecsError({ kind: "api", code: "InvalidAccessKeyId.NotFound" })).title,
    "The AccessKeyId is not known",
  );
  assert.match(explainError(ecsError({ kind: "api", code: "InvalidSecurityToken.Expired" })).title, /SecurityToken/);
  assert.match(
    explainError(ecsError({ kind: "api", code: "Forbidden.RAM" }), { action: "delete" }).lines[0],
    /ecs:DeleteNetworkInterface/,
  );
  assert.match(explainError(ecsError({ kind: "api", code: "InvalidTimeStamp.Expired" })).title, /clock/);
  const net = explainError(ecsError({ kind: "network", code: "NetworkError", message: "Failed to fetch" }), {
    endpoint: "https://ecs.aliyuncs.com",
    pageOrigin: "https://me.example",
  });
  assert.match(net.title, /Could not reach https:\/\/ecs\.aliyuncs\.com/);
  assert.equal(net.steps.length, 2);
  assert.match(net.steps[1], /CORS/);
  assert.match(net.steps[1], /relay/);
  assert.match(net.steps[1], /https:\/\/me\.example/);
  const mixed = explainError(ecsError({ kind: "network", code: "NetworkError" }), {
    endpoint: "http://10.0.0.1",
    pageProtocol: "https:",
  });
  assert.match(mixed.steps[0], /mixed content/);
  assert.match(explainError(ecsError({ kind: "timeout", code: "WaitTimeout" })).title, /Still deleting/);
  assert.match(
    explainError(ecsError({ kind: "decode", code: "InvalidResponse", httpStatus: 502 }), { endpoint: "https://e" })
      .lines[0],
    /HTTP 502/,
  );
  const v = explainError(
    ecsError({ kind: "validation", code: "ValidationError", field: "pageSize", message: "pageSize must be 1 to 100" }),
    { fieldLabel: "Page size" },
  );
  assert.equal(v.title, "Check “Page size”");
  assert.equal(v.field, "pageSize");
  assert.equal(explainError(new TypeError("boom")).title, "Something went wrong in this page");
});

test("the overview's counts: by status, type, vSwitch (top ones), and the age of Available ENIs", () => {
  const now = Date.parse("2026-11-30T12:00:00Z");
  const ago = (ms) => new Date(now - ms).toISOString();
  const H = 3_600_000;
  const D = 24 * H;
  const enis = [
    {
      networkInterfaceId: "a",
      status: "Available",
      type: "Secondary",
      vSwitchId: "vsw-1",
      creationTime: ago(10 * 60_000),
    },
    { networkInterfaceId: "b", status: "Available", type: "Secondary", vSwitchId: "vsw-1", creationTime: ago(2 * H) },
    { networkInterfaceId: "c", status: "Available", type: "Secondary", vSwitchId: "vsw-2", creationTime: ago(8 * D) },
    { networkInterfaceId: "d", status: "Available", type: "Secondary", vSwitchId: "vsw-2", creationTime: ago(400 * D) },
    { networkInterfaceId: "e", status: "Available", type: "Secondary", vSwitchId: "vsw-2" },
    { networkInterfaceId: "f", status: "InUse", type: "Primary", vSwitchId: "vsw-3", creationTime: ago(1 * H) },
  ];
  const s = summarize(enis, now);
  assert.equal(s.total, 6);
  assert.deepEqual(s.status, [
    ["Available", 5],
    ["InUse", 1],
  ]);
  assert.deepEqual(s.type, [
    ["Secondary", 5],
    ["Primary", 1],
  ]);
  assert.deepEqual(s.vswitch, [
    ["vsw-2", 3],
    ["vsw-1", 2],
    ["vsw-3", 1],
  ]);
  assert.deepEqual(s.age, [1, 1, 0, 1, 0, 1], "InUse ENIs are not in the histogram");
  assert.equal(s.ageUnknown, 1);
  assert.equal(AGE_BUCKETS.length, s.age.length);
  // Each facet's predicate picks what its bar counts.
  const pick = (facet) =>
    enis
      .filter(facetPredicate(facet, now))
      .map((e) => e.networkInterfaceId)
      .join("");
  assert.equal(pick({ chart: "status", value: "InUse" }), "f");
  assert.equal(pick({ chart: "type", value: "Secondary" }), "abcde");
  assert.equal(pick({ chart: "vswitch", value: "vsw-2" }), "cde");
  assert.equal(pick({ chart: "age", value: "3" }), "c");
  assert.equal(pick({ chart: "age", value: "0" }), "a", "the young InUse one is not an Available bucket member");
  assert.equal(facetPredicate(null), null);
  assert.equal(describeFacet({ chart: "age", value: "5" }), "Available, aged ≥ 90 d");
  // Many vSwitches: the top ones, and how many more.
  const many = Array.from({ length: 12 }, (_, i) => ({ status: "InUse", type: "Secondary", vSwitchId: `vsw-${i}` }));
  const m = summarize(many, now);
  assert.equal(m.vswitch.length, TOP_VSWITCHES);
  assert.equal(m.vswitchMore, 12 - TOP_VSWITCHES);
});
