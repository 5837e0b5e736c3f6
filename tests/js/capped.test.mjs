// Issue 12: ECS shows at most 1,000 ENIs to a query filtered by Tag.N or ResourceGroupId. The
// packed package makes a capped listing impossible to mistake for a complete one: the page that
// reaches the cap carries `capped: true`, the paginator has `capped` after iterating, and
// `errorIfCapped` turns it into an error. The fetch here serves a capped fake ECS.
import { test } from "node:test";
import assert from "node:assert/strict";
import { importPackage } from "./harness.mjs";

const TOTAL = 1500;
const CAP = 1000;

/** A fake ECS: TOTAL ENIs, of which a tag- or resource-group-filtered query sees CAP. */
function cappedEcs({ totalCount }) {
  const requests = [];
  const fetch = async (url) => {
    const p = Object.fromEntries(new URL(url).searchParams);
    requests.push(p);
    const filtered = "Tag.1.Key" in p || "ResourceGroupId" in p;
    const visible = filtered ? CAP : TOTAL;
    const size = Number(p.MaxResults || p.PageSize || 10);
    const start = p.NextToken ? Number(p.NextToken) : p.PageNumber ? (Number(p.PageNumber) - 1) * size : 0;
    const end = Math.min(start + size, visible);
    const body = {
      RequestId: "R",
      NetworkInterfaceSets: {
        NetworkInterfaceSet: Array.from({ length: Math.max(0, end - start) }, (_, i) => ({
          NetworkInterfaceId: `eni-${start + i}`,
          Status: "Available",
          Type: "Secondary",
        })),
      },
    };
    if (totalCount) body.TotalCount = visible;
    if (p.MaxResults && end < visible) body.NextToken = String(end);
    return new Response(JSON.stringify(body), { status: 200 });
  };
  return { fetch, requests };
}

async function client(fake) {
  const { EcsClient } = await importPackage();
  return new EcsClient({
    regionId: "cn-hangzhou",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "id", accessKeySecret: "secret" },
    fetch: fake.fetch,
  });
}

test("a tag-filtered listing that reaches 1,000 is flagged on its last page and on the paginator", async () => {
  const fake = cappedEcs({ totalCount: false });
  const c = await client(fake);
  const paginator = c.listNetworkInterfaces({ tags: [{ key: "team", value: "a" }], maxResults: 300 });
  const flags = [];
  let count = 0;
  for await (const page of paginator.pages()) {
    flags.push(page.capped);
    count += page.networkInterfaces.length;
  }
  assert.equal(count, CAP);
  assert.deepEqual(flags, [undefined, undefined, undefined, true]);
  assert.equal(paginator.capped, true);

  // Item iteration flags the paginator the same way.
  const items = c.listNetworkInterfaces({ resourceGroupId: "rg-1" });
  let n = 0;
  for await (const eni of items) n += eni ? 1 : 0;
  assert.equal(n, CAP);
  assert.equal(items.capped, true);
});

test("an unfiltered listing of the same size is complete: no flag", async () => {
  const fake = cappedEcs({ totalCount: false });
  const c = await client(fake);
  const paginator = c.listNetworkInterfaces({ maxResults: 500 });
  let count = 0;
  for await (const page of paginator.pages()) {
    assert.equal(page.capped, undefined);
    count += page.networkInterfaces.length;
  }
  assert.equal(count, TOTAL);
  assert.equal(paginator.capped, undefined);
});

test("one page: TotalCount or the page position shows the cap", async () => {
  const c = await client(cappedEcs({ totalCount: true }));
  const page = await c.describeNetworkInterfaces({ tags: [{ key: "team" }], maxResults: 10 });
  assert.equal(page.capped, true);
  const numbered = await client(cappedEcs({ totalCount: false }));
  const last = await numbered.describeNetworkInterfaces({ tags: [{ key: "team" }], pageNumber: 10, pageSize: 100 });
  assert.equal(last.capped, true);
  const early = await numbered.describeNetworkInterfaces({ tags: [{ key: "team" }], pageNumber: 9, pageSize: 100 });
  assert.equal(early.capped, undefined);
});

test("errorIfCapped rejects instead, naming the filter", async () => {
  const c = await client(cappedEcs({ totalCount: false }));
  const paginator = c.listNetworkInterfaces({ tags: [{ key: "team" }], maxResults: 500 }, { errorIfCapped: true });
  await assert.rejects(
    async () => {
      for await (const eni of paginator) assert.ok(eni);
    },
    (e) => e.name === "EcsError" && e.kind === "validation" && e.field === "tags" && /1000/.test(e.message),
  );
  await assert.rejects(
    c.describeNetworkInterfaces({ resourceGroupId: "rg-1", pageNumber: 10, pageSize: 100 }, { errorIfCapped: true }),
    (e) => e.field === "resourceGroupId",
  );
  await assert.rejects(
    c.describeNetworkInterfaces({}, { errorIfCapped: "yes" }),
    (e) => e.kind === "validation" && e.field === "errorIfCapped",
  );
});
