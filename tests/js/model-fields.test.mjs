// Issue 12: every field of the official SDK's model of the DescribeNetworkInterfaces answer
// (@alicloud/ecs20140526's DescribeNetworkInterfacesResponseBody, walked through its
// names()/types()) comes out of the packed package. An answer with every field of the model
// set goes through describeNetworkInterfaces (a scripted fetch), and each field must be in the
// result under its API.md name; a field the model adds later fails this test until the package
// decodes it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { importPackage } from "./harness.mjs";

const require = createRequire(import.meta.url);
const {
  DescribeNetworkInterfacesResponseBody,
} = require("@alicloud/ecs20140526/dist/models/DescribeNetworkInterfacesResponseBody.js");

// Where API.md's name is not the API name with a lowercase first letter.
const RENAMED = { ServiceID: "serviceId", TagKey: "key", TagValue: "value", NetworkInterfaceSets: "networkInterfaces" };
const ourName = (apiName) => RENAMED[apiName] ?? apiName[0].toLowerCase() + apiName.slice(1);

const isModel = (t) => typeof t === "function" && typeof t.names === "function";
/** A model class whose only member is an array: the API's wrapper object ({"Tags": {"Tag": [...]}}). */
function wrapped(t) {
  if (!isModel(t)) return null;
  const types = Object.values(t.types());
  const names = Object.values(t.names());
  return types.length === 1 && types[0]?.type === "array" ? { key: names[0], item: types[0].itemType } : null;
}

/** A value of model type `t` with every field set. */
function sample(t, name) {
  if (t === "string") return `v-${name}`;
  if (t === "number") return 7;
  if (t === "boolean") return true;
  if (t?.type === "array") return [sample(t.itemType, name)];
  if (isModel(t)) {
    const names = t.names();
    const types = t.types();
    return Object.fromEntries(Object.keys(names).map((k) => [names[k], sample(types[k], names[k])]));
  }
  throw new Error(`unknown model type for ${name}: ${JSON.stringify(t)}`);
}

/** Every path (API.md names, `[]` for list items) the package must produce for model `t`. */
function paths(t, prefix = "") {
  const out = [];
  const names = t.names();
  const types = t.types();
  for (const k of Object.keys(names)) {
    const path = prefix + (prefix ? "." : "") + ourName(names[k]);
    out.push(path);
    const w = wrapped(types[k]);
    const item = w ? w.item : types[k]?.type === "array" ? types[k].itemType : types[k];
    const itemPath = w || types[k]?.type === "array" ? `${path}[]` : path;
    if (isModel(item)) out.push(...paths(item, itemPath));
  }
  return out;
}

/** The paths of `expected` missing from `value`. */
function missing(value, expected) {
  const get = (v, path) =>
    path.split(".").reduce(
      (acc, part) => {
        const list = part.endsWith("[]");
        const key = list ? part.slice(0, -2) : part;
        return acc.flatMap((x) => {
          const next = x?.[key];
          if (next === undefined) return [];
          return list ? (Array.isArray(next) ? next : []) : [next];
        });
      },
      [v],
    );
  return expected.filter((p) => get(value, p).length === 0);
}

test("every field of the official model of the answer is decoded", async () => {
  const { EcsClient } = await importPackage();
  const body = sample(DescribeNetworkInterfacesResponseBody, "page");
  // A page that continues, so nextToken is kept.
  body.NextToken = "next";
  const client = new EcsClient({
    regionId: "cn-hangzhou",
    endpoint: "http://127.0.0.1:9",
    credentials: { accessKeyId: "id", accessKeySecret: "secret" },
    fetch: async () => new Response(JSON.stringify(body), { status: 200 }),
  });
  const page = await client.describeNetworkInterfaces();
  const expected = paths(DescribeNetworkInterfacesResponseBody);
  assert.ok(expected.length >= 40, `the walk found only ${expected.length} fields`);
  for (const p of ["networkInterfaces[].deleteOnRelease", "networkInterfaces[].ipv4PrefixSets[].ipv4Prefix"]) {
    assert.ok(expected.includes(p), `the walk misses ${p}`);
  }
  assert.deepEqual(missing(page, expected), [], "fields of the official model the package drops");

  // The check can fail: a dropped field is reported.
  const eni = page.networkInterfaces[0];
  delete eni.sourceDestCheck;
  delete eni.attachment.networkCardIndex;
  assert.deepEqual(missing(page, expected), [
    "networkInterfaces[].attachment.networkCardIndex",
    "networkInterfaces[].sourceDestCheck",
  ]);
});
