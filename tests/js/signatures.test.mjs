// rpcSignature of the packed package against Alibaba Cloud's own SDK, @alicloud/pop-core, driven
// through its real request path (tests/vectors/pop-core-oracle.mjs) on 1,000 parameter sets from
// a seeded PRNG: hostile names and values (non-ASCII, astral characters, reserved characters,
// spaces, empty values), GET and POST, with and without an STS token. Also: the committed hostile
// vectors are still exactly what tests/vectors/generate-hostile.mjs produces.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { importPackage, ROOT } from "./harness.mjs";
import { popCoreOracle } from "../vectors/pop-core-oracle.mjs";
import { generate } from "../vectors/generate-hostile.mjs";

const COUNT = 1000;
const SEED = 0x5eed_2026;
let lib, oracle;

before(async () => {
  lib = await importPackage();
  oracle = await popCoreOracle();
});
after(async () => {
  await oracle?.close();
});

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Characters drawn from: every class that encodes differently. Whole code points only (no lone
// surrogates: neither side can encode them). High BMP (U+E000..U+FFFF) next to astral characters
// makes UTF-16 order (what pop-core's sort() uses) differ from code point / UTF-8 byte order.
const ALPHABET = [
  ..."abcXYZ019",
  ..."-_.~",
  ..."!'()*",
  ..."+/=&%",
  " ",
  "  ",
  ...'#?@:;,$[]{}<>"\\^`|',
  "\t",
  "\n",
  "\u007f",
  "\u0000",
  ..."éÜß",
  ..."生产网卡",
  "\u00a0",
  "\u2028",
  "\ud7ff",
  "\ue000",
  "\uff01",
  "\ufffd",
  "\uffff",
  "😀",
  "🔥",
  "🚀",
  "\u{10000}",
  "\u{10ffff}",
  "👩‍💻",
  "🇨🇳",
];
// Names share prefixes often, so that sorting has real ties to break character by character.
const NAME_PREFIXES = ["", "Tag.1.", "Tag.10.", "Tag.2.", "X", "x", "\uff01", "😀", "NetworkInterfaceId."];
const API_NAMES = [
  "RegionId",
  "VpcId",
  "VSwitchId",
  "NetworkInterfaceName",
  "Status",
  "Type",
  "NextToken",
  "MaxResults",
  "Tag.1.Key",
  "Tag.1.Value",
  "Description",
];
// Names the signer or pop-core treat specially: left to them, never random.
const RESERVED = new Set([
  "Signature",
  "Action",
  "Format",
  "Version",
  "SignatureMethod",
  "SignatureVersion",
  "AccessKeyId",
  "SecurityToken",
  "Timestamp",
  "SignatureNonce",
  "__proto__",
]);

function vectors() {
  const rand = mulberry32(SEED);
  const int = (n) => Math.floor(rand() * n);
  const pick = (list) => list[int(list.length)];
  const text = (min, max) => {
    let s = "";
    for (let n = min + int(max - min + 1); n > 0; n--) s += pick(ALPHABET);
    return s;
  };
  const ascii = (n) =>
    Array.from({ length: n }, () => pick([..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"])).join(
      "",
    );
  const out = [];
  for (let i = 0; i < COUNT; i++) {
    const params = {};
    const n = int(12);
    for (let j = 0; j < n; j++) {
      const name = rand() < 0.25 ? pick(API_NAMES) : pick(NAME_PREFIXES) + text(1, 4);
      if (RESERVED.has(name)) continue;
      const r = rand();
      params[name] = r < 0.15 ? "" : r < 0.3 ? ascii(1 + int(20)) : text(1, 24);
    }
    params.Timestamp =
      rand() < 0.9 ? new Date(Date.UTC(2020, 0, 1) + int(2e11)).toISOString().replace(/\.\d+Z$/, "Z") : text(0, 8);
    params.SignatureNonce = rand() < 0.9 ? `${ascii(8)}-${ascii(4)}-${ascii(12)}` : text(1, 8);
    const sts = rand() < 0.3;
    out.push({
      method: rand() < 0.5 ? "GET" : "POST",
      accessKeyId: rand() < 0.9 ? `LTAI${ascii(16)}` : `id ${text(1, 6)}`,
      accessKeySecret: rand() < 0.9 ? ascii(30) : `${ascii(4)}${text(1, 6)}`,
      securityToken: sts ? (rand() < 0.5 ? `CAIS${ascii(40)}+/=` : text(1, 30)) : undefined,
      action: pick(["DescribeNetworkInterfaces", "DeleteNetworkInterface"]),
      version: "2014-05-26",
      params,
    });
  }
  return out;
}

/** Everything pop-core sends but Signature, as the flattened parameters rpcSignature takes. */
function flattened(v) {
  return {
    Action: v.action,
    Format: "JSON",
    Version: v.version,
    SignatureMethod: "HMAC-SHA1",
    SignatureVersion: "1.0",
    AccessKeyId: v.accessKeyId,
    ...(v.securityToken ? { SecurityToken: v.securityToken } : {}),
    ...v.params,
  };
}

test(
  `rpcSignature agrees with @alicloud/pop-core on ${COUNT} seeded hostile parameter sets (GET and POST)`,
  { timeout: 90_000 },
  async () => {
    const all = vectors();
    // The generator really covers what it claims.
    const names = all.flatMap((v) => Object.keys(v.params));
    const values = all.flatMap((v) => Object.values(v.params));
    assert.ok(all.some((v) => v.method === "GET") && all.some((v) => v.method === "POST"));
    assert.ok(all.some((v) => v.securityToken));
    assert.ok(values.some((s) => s === ""));
    assert.ok(values.some((s) => / /.test(s)) && names.some((s) => / /.test(s)));
    for (const c of "!'()*~+/=&%") assert.ok(values.some((s) => s.includes(c)) && names.some((s) => s.includes(c)), c);
    assert.ok(
      values.some((s) => /\p{Extended_Pictographic}/u.test(s)) &&
        names.some((s) => /\p{Extended_Pictographic}/u.test(s)),
    );
    assert.ok(names.some((s) => /[\u{10000}-\u{10ffff}]/u.test(s)) && names.some((s) => /[\ue000-\uffff]/u.test(s)));
    for (const s of [...names, ...values])
      assert.ok(s.isWellFormed?.() ?? !/[\ud800-\udfff]/u.test(s), "no lone surrogate");
    // Some sets have two names whose UTF-16 order differs from their code point order.
    const utf16VsCodePoint = all.filter((v) => {
      const keys = Object.keys(v.params);
      const byUnits = [...keys].sort();
      const byPoints = [...keys].sort((a, b) => {
        const x = [...a].map((c) => c.codePointAt(0));
        const y = [...b].map((c) => c.codePointAt(0));
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
        return x.length - y.length;
      });
      return byUnits.join("\u0001") !== byPoints.join("\u0001");
    });
    assert.ok(
      utf16VsCodePoint.length >= 5,
      `only ${utf16VsCodePoint.length} sets where UTF-16 and code point order differ`,
    );

    const mismatches = [];
    for (const [i, v] of all.entries()) {
      const expected = (await oracle.sign(v)).signature;
      const got = lib.rpcSignature(flattened(v), v.accessKeySecret, v.method);
      if (got !== expected) mismatches.push({ i, method: v.method, expected, got, params: flattened(v) });
    }
    assert.deepEqual(mismatches.slice(0, 5), [], `${mismatches.length} of ${all.length} differ`);
  },
);

test("rpcSignature's method defaults to GET and a Signature parameter is ignored", async () => {
  const [v] = vectors();
  const params = flattened({ ...v, method: "GET" });
  const expected = (await oracle.sign({ ...v, method: "GET" })).signature;
  assert.equal(lib.rpcSignature(params, v.accessKeySecret), expected);
  assert.equal(lib.rpcSignature({ ...params, Signature: "ignored" }, v.accessKeySecret, "GET"), expected);
});

test(
  "tests/vectors/hostile.json is exactly what generate-hostile.mjs produces, and rpcSignature matches it",
  { timeout: 30_000 },
  async () => {
    const file = readFileSync(join(ROOT, "tests/vectors/hostile.json"), "utf8");
    const generated = await generate();
    assert.deepEqual(JSON.parse(file), generated);
    // The documented command is `node generate-hostile.mjs > hostile.json` (console.log: one newline).
    assert.equal(file, JSON.stringify(generated, null, 2) + "\n");
    for (const v of generated.vectors)
      assert.equal(lib.rpcSignature(v.params, v.accessKeySecret, v.method), v.signature, v.source);
  },
);
