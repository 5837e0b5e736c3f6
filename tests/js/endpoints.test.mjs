// resolveEndpoint against the official ECS SDK installed in node_modules (@alicloud/ecs20140526 on
// @alicloud/openapi-core), region by region: every region of the SDK's endpoint map, every region
// regionIds() lists and a few more get the endpoint the SDK's client resolves (a new SDK version
// that changes its map fails here). VPC endpoints follow the SDK's rule for network "vpc"
// (`ecs-vpc.<region>.aliyuncs.com`) everywhere; for regions in its map the SDK itself returns the
// map's public host even with network "vpc", which this package deliberately does not.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { importPackage, ROOT } from "./harness.mjs";

const require = createRequire(`${ROOT}/package.json`);
const Ecs = require("@alicloud/ecs20140526");
const { $OpenApiUtil, OpenApiUtil } = require("@alicloud/openapi-core");

let lib;
before(async () => {
  lib = await importPackage();
});

/** The host the official SDK's ECS client resolves for `regionId` (and `network`). */
function official(regionId, network) {
  const client = new Ecs.default(
    new $OpenApiUtil.Config({ regionId, network, accessKeyId: "id", accessKeySecret: "secret" }),
  );
  return client._endpoint;
}

/** The SDK's endpoint map, read from a client instance: { region: host }. */
function officialMap() {
  const client = new Ecs.default(
    new $OpenApiUtil.Config({ regionId: "cn-hangzhou", accessKeyId: "id", accessKeySecret: "secret" }),
  );
  return client._endpointMap;
}

test("the SDK's endpoint map: every region resolves to the SDK's host", () => {
  const map = officialMap();
  const regions = Object.keys(map);
  assert.ok(regions.length >= 30, `the SDK's map has ${regions.length} regions`);
  const wrong = [];
  for (const region of regions) {
    const ours = lib.resolveEndpoint(region);
    if (ours !== `https://${official(region)}`) wrong.push(`${region}: ours ${ours}, SDK ${official(region)}`);
  }
  assert.deepEqual(wrong, []);
});

test("the cases the issue names, as the SDK resolves them", () => {
  const expect = {
    "cn-hangzhou": "ecs-cn-hangzhou.aliyuncs.com",
    "cn-shanghai-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
    "cn-shenzhen-finance-1": "ecs-cn-hangzhou.aliyuncs.com",
    "cn-beijing-gov-1": "ecs.aliyuncs.com",
    "cn-north-2-gov-1": "ecs.aliyuncs.com",
    "cn-wuhan": "ecs.aliyuncs.com",
    "cn-zhangbei": "ecs.aliyuncs.com",
    "cn-shanghai-inner": "ecs.aliyuncs.com",
    "cn-shenzhen-inner": "ecs.aliyuncs.com",
    "ap-northeast-2-pop": "ecs.aliyuncs.com",
    "cn-hongkong-finance-pop": "ecs.aliyuncs.com",
    "rus-west-1-pop": "ecs.aliyuncs.com",
    "cn-shanghai": "ecs.cn-shanghai.aliyuncs.com",
    "eu-central-1": "ecs.eu-central-1.aliyuncs.com",
  };
  for (const [region, host] of Object.entries(expect)) {
    assert.equal(official(region), host, `the SDK: ${region}`);
    assert.equal(lib.resolveEndpoint(region), `https://${host}`, region);
  }
});

test("regionIds(): each region resolves as the SDK does, public and VPC", () => {
  const ids = lib.regionIds();
  assert.ok(Array.isArray(ids) && ids.length >= 20, `${ids.length} regions`);
  assert.equal(new Set(ids).size, ids.length, "no duplicates");
  for (const region of ["cn-hangzhou", "cn-shanghai", "cn-beijing", "cn-shenzhen", "cn-hongkong", "ap-southeast-1"]) {
    assert.ok(ids.includes(region), region);
  }
  ids.push("changed");
  assert.ok(!lib.regionIds().includes("changed"), "a fresh array each call");
  const map = officialMap();
  for (const region of [...lib.regionIds(), "ap-south-1", "cn-nanjing", "me-central-1", "cn-wuhan-lr"]) {
    assert.equal(lib.resolveEndpoint(region), `https://${official(region)}`, region);
    const vpc = OpenApiUtil.getEndpointRules("ecs", region, "regional", "vpc", "");
    assert.equal(lib.resolveEndpoint(region, { vpc: true }), `https://${vpc}`, `${region} vpc`);
    if (!(region in map)) assert.equal(official(region, "vpc"), vpc, `the SDK agrees on ${region} vpc`);
  }
});

test("VPC endpoints of the map's regions: the SDK's vpc rule, not its public map host", () => {
  for (const region of Object.keys(officialMap())) {
    assert.equal(lib.resolveEndpoint(region, { vpc: true }), `https://ecs-vpc.${region}.aliyuncs.com`, region);
    assert.equal(
      `ecs-vpc.${region}.aliyuncs.com`,
      OpenApiUtil.getEndpointRules("ecs", region, "regional", "vpc", ""),
      region,
    );
  }
});

test("a malformed region is refused with a validation error naming regionId", () => {
  for (const bad of ["", "CN-HANGZHOU", "evil.com/x", "cn_hangzhou"]) {
    assert.throws(
      () => lib.resolveEndpoint(bad),
      (e) => e instanceof lib.EcsError && e.kind === "validation" && e.field === "regionId",
      bad,
    );
  }
});
