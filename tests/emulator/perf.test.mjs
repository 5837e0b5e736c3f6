// Performance with 100,000 ENIs: NextToken pages of 500 are served in a few milliseconds.
// Thresholds are loose (other test files run in parallel); the measured times are reported.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startEmulator } from "./server.mjs";
import { randomUUID } from "node:crypto";
import { commonParams, sign, signV3, formEncode, isoNow, KEY, EMPTY_HASH } from "./_helpers.mjs";

const emu = await startEmulator({ enis: 100000, seed: 1 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
after(async () => {
  agent.destroy();
  await emu.close();
});

function page(params) {
  const p = { ...commonParams(), Action: "DescribeNetworkInterfaces", ...params };
  p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${emu.url}/?${formEncode(p)}`, { agent }, (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () =>
          resolve({ ms: performance.now() - started, status: res.statusCode, body: Buffer.concat(chunks).toString() }),
        );
      })
      .on("error", reject);
  });
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], p90: s[Math.floor(s.length * 0.9)] };
};

test("NextToken pages of 500 out of 100,000: every ENI once, a few ms per page", async (t) => {
  const times = [];
  let token = "";
  let count = 0;
  let last = "";
  for (;;) {
    const r = await page({ MaxResults: "500", ...(token ? { NextToken: token } : {}) });
    assert.equal(r.status, 200);
    times.push(r.ms);
    // Only the head and the IDs are checked: parsing 200 large bodies would dominate.
    const ids = r.body.match(/"NetworkInterfaceId":"[^"]+"/g).map((m) => m.slice(22, -1));
    assert.ok(ids[0] > last, "strictly increasing across pages");
    last = ids.at(-1);
    count += ids.length;
    token = /"NextToken":"([^"]*)"/.exec(r.body.slice(0, 400))[1];
    if (!token) break;
  }
  assert.equal(count, 100000);
  assert.equal(times.length, 200);
  const { median, p90 } = stats(times);
  t.diagnostic(
    `200 pages of 500 ENIs over HTTP (request to last byte): median ${median.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms`,
  );
  assert.ok(median < 150, `median ${median} ms`);
});

test("a filtered NextToken page over 100,000 ENIs stays fast", async (t) => {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const r = await page({ MaxResults: "500", Status: "Available", "Tag.1.Key": "env" });
    assert.equal(r.status, 200);
    times.push(r.ms);
  }
  const { median } = stats(times);
  t.diagnostic(`filtered page (Status + Tag.1.Key: the scan stops at the 1,000 cap): median ${median.toFixed(1)} ms`);
  assert.ok(median < 500, `median ${median} ms`);
});

function get(path, headers = {}) {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${emu.url}${path}`, { agent, headers }, (res) => {
        res.resume();
        res.on("end", () => resolve({ ms: performance.now() - started, status: res.statusCode }));
      })
      .on("error", reject);
  });
}

test("V3 verification costs about what V2 does: small pages, both algorithms, interleaved", async (t) => {
  const v2 = [];
  const v3 = [];
  const host = new URL(emu.url).host;
  for (let i = 0; i < 100; i++) {
    const p = { ...commonParams(), Action: "DescribeNetworkInterfaces", MaxResults: "10" };
    p.Signature = sign("GET", p, KEY.accessKeySecret).signature;
    const a = await get(`/?${formEncode(p)}`);
    assert.equal(a.status, 200);
    v2.push(a.ms);
    const query = { RegionId: "cn-hangzhou", MaxResults: "10" };
    const headers = {
      host,
      "x-acs-action": "DescribeNetworkInterfaces",
      "x-acs-version": "2014-05-26",
      "x-acs-date": isoNow(),
      "x-acs-signature-nonce": randomUUID(),
      "x-acs-content-sha256": EMPTY_HASH,
    };
    const { authorization } = signV3({
      method: "GET",
      query,
      headers,
      payloadHash: EMPTY_HASH,
      accessKeyId: KEY.accessKeyId,
      accessKeySecret: KEY.accessKeySecret,
    });
    delete headers.host;
    const b = await get(`/?${formEncode(query)}`, { ...headers, authorization });
    assert.equal(b.status, 200);
    v3.push(b.ms);
  }
  const m2 = stats(v2).median;
  const m3 = stats(v3).median;
  t.diagnostic(`10-ENI page over HTTP, median: V2 ${m2.toFixed(2)} ms, V3 ${m3.toFixed(2)} ms`);
  assert.ok(m3 < 50, `V3 median ${m3} ms`);
});
