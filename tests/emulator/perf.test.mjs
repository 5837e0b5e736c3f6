// Performance with 100,000 ENIs: NextToken pages of 500 are served in a few milliseconds.
// Thresholds are loose (other test files run in parallel); the measured times are reported.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startEmulator } from "./server.mjs";
import { commonParams, sign, formEncode, KEY } from "./_helpers.mjs";

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
  assert.ok(median < 50, `median ${median} ms`);
});

test("a filtered NextToken page over 100,000 ENIs stays fast", async (t) => {
  const times = [];
  for (let i = 0; i < 10; i++) {
    const r = await page({ MaxResults: "500", Status: "Available", "Tag.1.Key": "env" });
    assert.equal(r.status, 200);
    times.push(r.ms);
  }
  const { median } = stats(times);
  t.diagnostic(`filtered page (full scan of 100,000 ENIs): median ${median.toFixed(1)} ms`);
  assert.ok(median < 200, `median ${median} ms`);
});
