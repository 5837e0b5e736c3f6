// Interop: the official TypeScript SDK (@alicloud/ecs20140526 on @alicloud/openapi-core) in its
// default configuration (signature V3, ACS3-HMAC-SHA256) against the emulator. A recording
// proxy in front of the emulator keeps every request exactly as it went over the wire, so each
// one the emulator accepted can be re-signed with the SDK's own Utils.getAuthorization.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { createRequire } from "node:module";
import { startEmulator } from "../emulator/server.mjs";
import { parseUrlEncoded } from "../emulator/sign.mjs";

const require = createRequire(import.meta.url);
const Ecs = require("@alicloud/ecs20140526");
const { $OpenApiUtil, OpenApiUtil } = require("@alicloud/openapi-core");
const EcsClient = Ecs.default;

const KEY = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" };
const STS = {
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
};

const emu = await startEmulator({ enis: 230, seed: 71, deleteDelayMs: 200 });
const target = new URL(emu.url);

/** Every request that went through the proxy, as received, with the emulator's status. */
const wire = [];
const proxy = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    const record = { method: req.method, url: req.url, headers: { ...req.headers }, body: body.toString("utf8") };
    wire.push(record);
    const out = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        record.status = up.statusCode;
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    out.end(body);
  });
});
await new Promise((r) => proxy.listen(0, "127.0.0.1", r));
const endpoint = `127.0.0.1:${proxy.address().port}`;
after(async () => {
  await new Promise((r) => proxy.close(r));
  proxy.closeAllConnections();
  await emu.close();
});

function client(cred = KEY, extra = {}) {
  return new EcsClient(
    new $OpenApiUtil.Config({ ...cred, endpoint, protocol: "http", regionId: "cn-hangzhou", ...extra }),
  );
}
const ecs = client();
const hz = () => emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
const ids = (list) => list.map((e) => e.networkInterfaceId ?? e.NetworkInterfaceId);

async function listAll(c, filters = {}) {
  const out = [];
  let nextToken;
  for (let pages = 0; ; pages++) {
    assert.ok(pages < 1000);
    const res = await c.describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou", maxResults: 40, nextToken, ...filters }),
    );
    assert.equal(res.statusCode, 200);
    out.push(...res.body.networkInterfaceSets.networkInterfaceSet);
    nextToken = res.body.nextToken;
    if (!nextToken) return { enis: out, pages: pages + 1 };
  }
}

async function sdkError(promise) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  assert.fail("expected the SDK call to fail");
}

test("default configuration signs V3: lists every ENI with NextToken paging, each exactly once", async () => {
  wire.length = 0;
  const { enis, pages } = await listAll(ecs);
  assert.ok(pages >= 6, `${pages} pages`);
  assert.deepEqual(ids(enis), ids(hz()));
  assert.equal(new Set(ids(enis)).size, enis.length);
  assert.equal(wire.length, pages);
  for (const r of wire) {
    assert.match(r.headers.authorization, /^ACS3-HMAC-SHA256 Credential=emulator-key-id,SignedHeaders=host;/);
    assert.equal(r.headers["x-acs-action"], "DescribeNetworkInterfaces");
    assert.equal(r.status, 200);
    assert.ok(!("Signature" in Object.fromEntries(parseUrlEncoded(r.url.split("?")[1] || ""))));
  }
  assert.ok(
    emu
      .log()
      .requests.slice(-pages)
      .every((e) => e.algorithm === "ACS3-HMAC-SHA256"),
  );
});

test("every V3 request the emulator accepted passes the SDK's own check (re-signed with Utils.getAuthorization)", async () => {
  wire.length = 0;
  await listAll(ecs, { tag: [new Ecs.DescribeNetworkInterfacesRequestTag({ key: "team" })] });
  await listAll(client(STS), { status: "Available" });
  assert.ok(wire.length >= 2);
  for (const r of wire) {
    assert.equal(r.status, 200, r.url);
    const cred = r.headers["x-acs-security-token"] ? STS : KEY;
    const { authorization, ...headers } = r.headers;
    const query = Object.fromEntries(parseUrlEncoded(r.url.split("?")[1] || ""));
    const again = OpenApiUtil.getAuthorization(
      { method: r.method, pathname: "/", query, headers },
      "ACS3-HMAC-SHA256",
      headers["x-acs-content-sha256"],
      cred.accessKeyId,
      cred.accessKeySecret,
    );
    assert.equal(again, authorization);
  }
});

test("deletes one ENI: Deleting, then gone", async () => {
  const eni = hz().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  const res = await ecs.deleteNetworkInterface(
    new Ecs.DeleteNetworkInterfaceRequest({ regionId: "cn-hangzhou", networkInterfaceId: eni.NetworkInterfaceId }),
  );
  assert.equal(res.statusCode, 200);
  assert.match(res.body.requestId, /^[0-9A-F-]{36}$/);
  assert.equal(emu.state().enis.find((e) => e.NetworkInterfaceId === eni.NetworkInterfaceId).Status, "Deleting");
  await new Promise((r) => setTimeout(r, 400));
  const { enis } = await listAll(ecs, { networkInterfaceId: [eni.NetworkInterfaceId] });
  assert.equal(enis.length, 0);
});

test("STS credentials (x-acs-security-token) work", async () => {
  const { enis } = await listAll(client(STS), { type: "Primary" });
  assert.deepEqual(ids(enis), ids(hz().filter((e) => e.Type === "Primary")));
});

test("errors arrive as the SDK's ClientError with the service's code and status", async () => {
  const notFound = await sdkError(
    ecs.deleteNetworkInterface(
      new Ecs.DeleteNetworkInterfaceRequest({
        regionId: "cn-hangzhou",
        networkInterfaceId: "eni-bp1doesnotexist000000",
      }),
    ),
  );
  assert.equal(notFound.name, "ClientError");
  assert.equal(notFound.code, "InvalidEniId.NotFound");
  assert.equal(notFound.statusCode, 403);
  const badSecret = await sdkError(
    client({ ...KEY, accessKeySecret: "wrong" }).describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou" }),
    ),
  );
  assert.equal(badSecret.code, "SignatureDoesNotMatch");
  assert.equal(badSecret.statusCode, 400);
  const token = await sdkError(
    ecs.describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou", nextToken: "AAAA" }),
    ),
  );
  assert.equal(token.code, "InvalidNextToken.Malformed");
  const sts = await sdkError(
    client({ ...STS, securityToken: "forged" }).describeNetworkInterfaces(
      new Ecs.DescribeNetworkInterfacesRequest({ regionId: "cn-hangzhou" }),
    ),
  );
  assert.equal(sts.code, "InvalidSecurityToken.MismatchWithAccessKey");
});
