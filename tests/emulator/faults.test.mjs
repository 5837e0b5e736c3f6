// Fault injection and the request log.
import { test, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { startEmulator } from "./server.mjs";
import { createRequire } from "node:module";
import { describe, del, control, callV3, STS, isoNow, ERROR_KEYS } from "./_helpers.mjs";
import { Faults, THROTTLE_CODES } from "./faults.mjs";

const { OpenApiUtil } = createRequire(import.meta.url)("@alicloud/openapi-core");

const emu = await startEmulator({ enis: 60, seed: 41, deleteDelayMs: 100 });
after(() => emu.close());
const url = emu.url;
beforeEach(() => emu.reset());

function assertError(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.equal(r.json.Code, code, r.text);
  assert.deepEqual(Object.keys(r.json), ERROR_KEYS);
}

const deletable = () =>
  emu
    .state()
    .enis.find(
      (e) => e.RegionId === "cn-hangzhou" && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );

/** A GET over a fresh connection that reports a dropped socket instead of throwing. */
function rawRequest(path) {
  return new Promise((resolve) => {
    const req = http.get(`${url}${path}`, { agent: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
      res.on("error", (error) => resolve({ error }));
    });
    req.on("error", (error) => resolve({ error }));
  });
}

test("throttle {count}: the next N requests get 400 Throttling.User and are not processed", async () => {
  const eni = deletable();
  emu.setFaults({ throttle: { count: 2 } });
  const a = await del(url, eni.NetworkInterfaceId);
  assertError(a, 400, "Throttling.User");
  assert.equal(a.json.Message, "Request was denied due to user flow control.");
  assert.equal(a.headers.get("retry-after"), null);
  assertError(await describe(url), 400, "Throttling.User");
  assert.equal(
    emu.state().enis.find((e) => e.NetworkInterfaceId === eni.NetworkInterfaceId).Status,
    "Available",
    "no side effect",
  );
  assert.equal(emu.faults().throttle, undefined, "count used up");
  // The throttled requests' nonces were not recorded either.
  const nonce = a.sent.SignatureNonce;
  assert.equal((await del(url, eni.NetworkInterfaceId, { SignatureNonce: nonce })).status, 200);
});

test("retryAfterSeconds adds Retry-After to throttle and 503 responses only", async () => {
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 3 });
  const t = await describe(url);
  assertError(t, 400, "Throttling.User");
  assert.equal(t.headers.get("retry-after"), "3");
  emu.setFaults({ serviceUnavailable: { count: 1 } });
  const s = await describe(url);
  assertError(s, 503, "ServiceUnavailable");
  assert.equal(s.headers.get("retry-after"), "3");
  emu.setFaults({ internalError: { count: 1 } });
  const i = await describe(url);
  assertError(i, 500, "InternalError");
  assert.equal(i.headers.get("retry-after"), null);
  assert.equal((await describe(url)).headers.get("retry-after"), null);
});

test("throttle codes: Throttling, Throttling.User, Throttling.Api, Rejected.Throttling, all HTTP 400, V2 and V3", async () => {
  for (const code of Object.keys(THROTTLE_CODES)) {
    emu.setFaults({ throttle: { count: 2, code } });
    assert.deepEqual(emu.faults().throttle, { count: 2, code });
    const a = await describe(url);
    assertError(a, 400, code);
    assert.equal(a.json.Message, THROTTLE_CODES[code]);
    assertError(await callV3(url, "DescribeNetworkInterfaces", { RegionId: "cn-hangzhou" }), 400, code);
    assert.equal(emu.faults().throttle, undefined);
    assert.equal(emu.log().requests.at(-1).code, code);
  }
  // A rate with a code.
  emu.setFaults({ throttle: { rate: 1, code: "Rejected.Throttling" } });
  assertError(await describe(url), 400, "Rejected.Throttling");
  emu.clearFaults();
  assert.deepEqual(Object.keys(THROTTLE_CODES).sort(), [
    "Rejected.Throttling",
    "Throttling",
    "Throttling.Api",
    "Throttling.User",
  ]);
});

test("retryAfterMs adds x-acs-retry-after (milliseconds, as the official SDK reads it) to throttle answers only", async () => {
  emu.setFaults({ throttle: { count: 1 }, retryAfterMs: 1234 });
  const t = await describe(url);
  assertError(t, 400, "Throttling.User");
  assert.equal(t.headers.get("x-acs-retry-after"), "1234");
  assert.equal(t.headers.get("retry-after"), null);
  assert.equal(OpenApiUtil.getThrottlingTimeLeft(Object.fromEntries(t.headers)), 1234);
  emu.setFaults({ serviceUnavailable: { count: 1 } });
  assert.equal((await describe(url)).headers.get("x-acs-retry-after"), null);
  assert.equal((await describe(url)).headers.get("x-acs-retry-after"), null);
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 2 });
  const both = await describe(url);
  assert.equal(both.headers.get("x-acs-retry-after"), "1234");
  assert.equal(both.headers.get("retry-after"), "2");
  emu.clearFaults();
  assert.equal(emu.faults().retryAfterMs, null);
});

test("the log carries each request's arrival time in ms (timeMs), to check waits between retries", async () => {
  emu.clearLog();
  const t0 = Date.now();
  await describe(url);
  await new Promise((r) => setTimeout(r, 120));
  await describe(url);
  const [a, b] = emu.log().requests;
  assert.ok(a.timeMs >= t0 - 5 && a.timeMs <= Date.now());
  assert.equal(new Date(a.timeMs).toISOString(), a.time);
  assert.ok(b.timeMs - a.timeMs >= 115, `${b.timeMs - a.timeMs} ms`);
});

test("internalError -> 500 InternalError; serviceUnavailable -> 503 ServiceUnavailable", async () => {
  emu.setFaults({ internalError: { count: 1 }, serviceUnavailable: { count: 1 } });
  // Fixed order: serviceUnavailable before internalError.
  assertError(await describe(url), 503, "ServiceUnavailable");
  assertError(await describe(url), 500, "InternalError");
  assert.equal((await describe(url)).status, 200);
});

test("drop: the socket is destroyed without a response, then service resumes", async () => {
  emu.setFaults({ drop: { count: 1 } });
  const r = await rawRequest("/?Action=DescribeNetworkInterfaces");
  assert.ok(r.error, `no response expected, got ${JSON.stringify(r)}`);
  assert.equal((await describe(url)).status, 200);
  const log = emu.log().requests;
  assert.equal(log[0].fault, "drop");
  assert.equal(log[0].status, null);
});

test("truncate: a 200 whose JSON body is cut off in the middle", async () => {
  emu.setFaults({ truncate: { count: 1 } });
  const r = await rawRequest("/?Action=DescribeNetworkInterfaces");
  assert.equal(r.status, 200);
  assert.equal(r.headers["content-type"], "application/json;charset=utf-8");
  assert.equal(r.headers.connection, "close");
  assert.ok(r.body.startsWith('{"TotalCount"'));
  assert.ok(r.body.length > 100);
  assert.throws(() => JSON.parse(r.body), SyntaxError);
});

test("html: a 502 text/html page like a broken proxy", async () => {
  emu.setFaults({ html: { count: 1 } });
  const r = await describe(url);
  assert.equal(r.status, 502);
  assert.equal(r.headers.get("content-type"), "text/html");
  assert.match(r.text, /^<html>\r?\n<head><title>502 Bad Gateway<\/title>/);
  assert.equal(r.json, undefined);
});

test("latencyMs delays every API response (not control requests)", async () => {
  emu.setFaults({ latencyMs: 1000 });
  let t = performance.now();
  assert.equal((await describe(url)).status, 200);
  assert.ok(performance.now() - t >= 990);
  t = performance.now();
  await control(url, "faults");
  // Well under the latency, with room for a loaded CI machine.
  assert.ok(performance.now() - t < 500);
});

test("clockOffsetMs shifts the server clock: Date header and timestamp check", async () => {
  emu.setFaults({ clockOffsetMs: 20 * 60 * 1000 });
  const r = await describe(url);
  assertError(r, 400, "InvalidTimeStamp.Expired");
  const skew = Date.parse(r.headers.get("date")) - Date.now();
  assert.ok(Math.abs(skew - 20 * 60 * 1000) < 5000, `Date skew ${skew}`);
  assert.equal((await describe(url, { Timestamp: isoNow(20 * 60 * 1000) })).status, 200);
  emu.setFaults({ clockOffsetMs: 0 });
  assert.equal((await describe(url)).status, 200);
});

test("rate faults are reproducible from the seed", async () => {
  const run = async () => {
    emu.reset();
    emu.setFaults({ throttle: { rate: 0.3 }, internalError: { rate: 0.2 }, seed: 1234 });
    const codes = [];
    for (let i = 0; i < 30; i++) codes.push((await describe(url)).json.Code || "ok");
    return codes;
  };
  const a = await run();
  const b = await run();
  assert.deepEqual(a, b);
  assert.ok(a.includes("Throttling.User") && a.includes("InternalError") && a.includes("ok"), a.join());
  // The same sequence straight from the decision function.
  const f = new Faults(0);
  f.merge({ throttle: { rate: 0.3 }, internalError: { rate: 0.2 }, seed: 1234 });
  const expected = Array.from(
    { length: 30 },
    () => ({ throttle: "Throttling.User", internalError: "InternalError" })[f.decide()] || "ok",
  );
  assert.deepEqual(a, expected);
  // Clearing restarts the PRNG from the data seed.
  emu.setFaults({ seed: 5 });
  assert.equal(emu.faults().seed, 5);
  emu.clearFaults();
  assert.equal(emu.faults().seed, 41);
  emu.setFaults({ throttle: { rate: 1 }, internalError: null });
  for (let i = 0; i < 3; i++) assertError(await describe(url), 400, "Throttling.User");
  emu.setFaults({ throttle: { rate: 0 } });
  assert.equal(emu.faults().throttle, undefined, "rate 0 removes the fault");
});

test("count faults are decided before rate faults, in the documented order", () => {
  const f = new Faults(1);
  f.merge({ drop: { count: 1 }, throttle: { count: 2 }, html: { rate: 1 } });
  assert.deepEqual(
    [f.decide(), f.decide(), f.decide(), f.decide(), f.decide()],
    ["throttle", "throttle", "drop", "html", "html"],
  );
  assert.deepEqual(f.toJSON().order, ["throttle", "serviceUnavailable", "internalError", "html", "truncate", "drop"]);
});

test("control endpoint: GET shows, POST merges, DELETE clears, bad input is a 400", async () => {
  let r = await control(url, "faults", "POST", { throttle: { count: 3 }, latencyMs: 0, retryAfterSeconds: 2 });
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.throttle, { count: 3 });
  r = await control(url, "faults", "POST", { html: { rate: 0.5 } });
  assert.deepEqual([r.json.throttle, r.json.html, r.json.retryAfterSeconds], [{ count: 3 }, { rate: 0.5 }, 2]);
  r = await control(url, "faults");
  assert.deepEqual(r.json.html, { rate: 0.5 });
  r = await control(url, "faults", "DELETE");
  assert.equal(r.json.throttle, undefined);
  assert.equal(r.json.retryAfterSeconds, null);
  for (const bad of [
    { throttle: 3 },
    { throttle: { count: -1 } },
    { throttle: { rate: 2 } },
    { throttle: { count: 1, rate: 0.1 } },
    { bogus: true },
    { latencyMs: "x" },
    [],
  ]) {
    r = await control(url, "faults", "POST", bad);
    assert.equal(r.status, 400, JSON.stringify(bad));
    assert.equal(typeof r.json.error, "string");
  }
  const res = await fetch(`${url}/__emulator/faults`, { method: "POST", body: "{not json" });
  assert.equal(res.status, 400);
  assert.equal(emu.faults().throttle, undefined, "a rejected body changes nothing");
  assert.throws(() => emu.setFaults({ drop: { count: "x" } }), TypeError);
});

test("faults never apply to control requests", async () => {
  emu.setFaults({ drop: { rate: 1 } });
  const r = await control(url, "state");
  assert.equal(r.status, 200);
  assert.equal((await control(url, "log")).json.requests.length, 0);
});

test("log: every API request with its nonce, timestamp, signature, status, code and fault", async () => {
  emu.setFaults({ throttle: { count: 1 } });
  const a = await describe(url, { PageSize: "2" });
  const b = await describe(url, { PageSize: "2" });
  const c = await describe(url, {}, { cred: STS, method: "POST" });
  const d = await describe(url, { Timestamp: "bad" });
  await control(url, "state");
  const { requests } = (await control(url, "log")).json;
  assert.equal(requests.length, 4, "control requests are not logged");
  assert.deepEqual(
    requests.map((x) => x.seq),
    [1, 2, 3, 4].map((n) => requests[0].seq + n - 1),
  );
  assert.deepEqual(
    requests.map((x) => [x.method, x.action, x.status, x.code, x.fault]),
    [
      ["GET", "DescribeNetworkInterfaces", 400, "Throttling.User", "throttle"],
      ["GET", "DescribeNetworkInterfaces", 200, null, null],
      ["POST", "DescribeNetworkInterfaces", 200, null, null],
      ["GET", "DescribeNetworkInterfaces", 400, "InvalidTimeStamp.Format", null],
    ],
  );
  for (const [entry, r] of [
    [requests[0], a],
    [requests[1], b],
    [requests[2], c],
    [requests[3], d],
  ]) {
    assert.equal(entry.nonce, r.sent.SignatureNonce);
    assert.equal(entry.timestamp, r.sent.Timestamp);
    assert.equal(entry.signature, r.sent.Signature);
    assert.equal(entry.params.Signature, undefined, "Signature is not in params");
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
    assert.equal(entry.requestId, r.json.RequestId);
  }
  assert.notEqual(requests[0].nonce, requests[1].nonce);
  assert.equal(requests[2].params.SecurityToken, "***");
  assert.ok(!JSON.stringify(requests).includes(STS.securityToken), "the token never appears");
  assert.deepEqual(emu.log().requests, requests);
  await control(url, "log", "DELETE");
  assert.deepEqual(emu.log().requests, []);
});

test("log is bounded to the latest logLimit requests", async () => {
  const e = await startEmulator({ enis: 20, logLimit: 5 });
  try {
    for (let i = 0; i < 8; i++) await describe(e.url);
    const { requests } = e.log();
    assert.equal(requests.length, 5);
    assert.deepEqual(
      requests.map((x) => x.seq),
      [4, 5, 6, 7, 8],
    );
  } finally {
    await e.close();
  }
});
