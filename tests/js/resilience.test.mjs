// Resilience and security of the packed package against the emulator's faults: retries with
// fresh signatures, backoff, timeouts and aborts, clock skew, deletes of unknown outcome, bad
// answers, and no secret anywhere. Every client here uses the STS credentials, and every error
// and console line is collected and scanned at the end.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { importPackage, startEmulator, STS, SECRETS } from "./harness.mjs";

let lib, emu;
const REGION = "cn-hangzhou";
const seenErrors = [];
const consoleLines = [];
const FAST = { baseDelayMs: 5, throttlingBaseDelayMs: 20, maxDelayMs: 100 };

before(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"]) {
    const original = console[method];
    console[method] = (...args) => {
      consoleLines.push(args.map(String).join(" "));
      return original.apply(console, args);
    };
  }
  lib = await importPackage();
  emu = await startEmulator({ enis: 2000, seed: 11, deleteDelayMs: 200 });
});
after(async () => {
  await emu?.close();
});

function client(extra = {}) {
  return new lib.EcsClient({ regionId: REGION, endpoint: emu.url, credentials: STS, retry: FAST, ...extra });
}

/** Awaits `promise` expecting an EcsError; records it for the final secret scan. */
async function failure(promise) {
  try {
    await promise;
  } catch (e) {
    seenErrors.push(e);
    assert.ok(e instanceof lib.EcsError, `not an EcsError: ${e}`);
    return e;
  }
  assert.fail("expected a rejection");
}

const log = () => emu.log().requests;
const deletable = () =>
  emu
    .state()
    .enis.filter(
      (e) => e.RegionId === REGION && e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged,
    );

test("listing 2,000 ENIs through throttling, 503s and dropped connections returns each exactly once", async () => {
  const expected = emu
    .state()
    .enis.filter((e) => e.RegionId === REGION)
    .map((e) => e.NetworkInterfaceId)
    .sort();
  assert.ok(expected.length >= 2000);
  emu.setFaults({ throttle: { rate: 0.2 }, serviceUnavailable: { rate: 0.05 }, drop: { rate: 0.03 }, seed: 5 });
  emu.clearLog();
  try {
    const c = client({ maxAttempts: 12 });
    for (const request of [{ maxResults: 100 }, { pageSize: 100 }]) {
      const ids = [];
      for await (const eni of c.listNetworkInterfaces(request)) ids.push(eni.networkInterfaceId);
      assert.equal(new Set(ids).size, ids.length, "no ENI twice");
      assert.deepEqual(ids.sort(), expected, "every ENI");
    }
    const faults = log().filter((r) => r.fault);
    const kinds = new Set(faults.map((r) => r.fault));
    assert.ok(faults.length >= 8, `faults were injected (${faults.length})`);
    for (const k of ["throttle", "serviceUnavailable", "drop"]) assert.ok(kinds.has(k), `${k} happened`);
  } finally {
    emu.clearFaults();
  }
});

test("deleting 50 ENIs under the same faults deletes each and reports success for each", async () => {
  const targets = deletable()
    .slice(0, 50)
    .map((e) => e.NetworkInterfaceId);
  assert.equal(targets.length, 50);
  emu.setFaults({ throttle: { rate: 0.2 }, serviceUnavailable: { rate: 0.05 }, drop: { rate: 0.03 }, seed: 9 });
  emu.clearLog();
  try {
    const c = client({ maxAttempts: 12 });
    const queue = [...targets];
    const results = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        while (queue.length) {
          const id = queue.shift();
          results.push([id, await c.deleteNetworkInterface(id, { waitUntilDeleted: true, waitTimeoutMs: 60_000 })]);
        }
      }),
    );
    assert.equal(results.length, 50);
    for (const [, r] of results) assert.match(r.requestId, /^[0-9A-F-]{36}$/);
    const left = new Set(emu.state().enis.map((e) => e.NetworkInterfaceId));
    for (const id of targets) assert.ok(!left.has(id), `${id} is gone`);
    // Each ENI got exactly one successful (processed) delete: retries only ever followed faults,
    // which the emulator never processes.
    for (const id of targets) {
      const processed = log().filter(
        (r) => r.action === "DeleteNetworkInterface" && r.params.NetworkInterfaceId === id && !r.fault,
      );
      assert.equal(processed.length, 1, `${id}: ${JSON.stringify(processed.map((r) => r.code ?? r.status))}`);
      assert.equal(processed[0].status, 200);
    }
    assert.ok(
      log().some((r) => r.fault),
      "faults were injected",
    );
  } finally {
    emu.clearFaults();
  }
});

test("a delete whose outcome was unknown counts NotFound on the retry as success", async () => {
  await emu.reset({ enis: 2000, seed: 11, deleteDelayMs: 0 });
  try {
    const [eni] = deletable();
    emu.clearLog();
    // The first attempt reaches the emulator and is processed (the ENI is gone at once with a
    // delete delay of 0), but its answer is lost as if the connection dropped: the outcome is
    // unknown. The retry answers InvalidEniId.NotFound, which therefore means success.
    let first = true;
    const lossyFetch = async (url, init) => {
      const answer = await fetch(url, init);
      if (first) {
        first = false;
        await answer.arrayBuffer();
        throw new TypeError("fetch failed", { cause: { code: "ECONNRESET" } });
      }
      return answer;
    };
    const r = await client({ fetch: lossyFetch, maxAttempts: 3 }).deleteNetworkInterface(eni.NetworkInterfaceId);
    const deletes = log().filter((x) => x.action === "DeleteNetworkInterface");
    assert.deepEqual(
      deletes.map((x) => x.code ?? x.status),
      [200, "InvalidEniId.NotFound"],
    );
    assert.equal(r.requestId, deletes[1].requestId, "the request ID of the answer that proved it");
    // Without an earlier unknown outcome, NotFound stays an error.
    const e = await failure(client().deleteNetworkInterface(eni.NetworkInterfaceId));
    assert.deepEqual([e.kind, e.code, e.httpStatus, e.attempts], ["api", "InvalidEniId.NotFound", 403, 1]);
  } finally {
    await emu.reset({ enis: 2000, seed: 11, deleteDelayMs: 200 });
  }
});

test("retryable failures are retried with fresh signatures; others are not retried", async () => {
  for (const fault of [
    { throttle: { count: 2 } },
    { serviceUnavailable: { count: 2 } },
    { internalError: { count: 2 } },
    { drop: { count: 2 } },
    { html: { count: 2 } },
  ]) {
    emu.setFaults(fault);
    emu.clearLog();
    const page = await client({ maxAttempts: 3 }).describeNetworkInterfaces({ maxResults: 5 });
    assert.equal(page.networkInterfaces.length, 5);
    const sent = log();
    assert.equal(sent.length, 3, JSON.stringify(fault));
    assert.equal(new Set(sent.map((r) => r.nonce)).size, 3, "a new SignatureNonce per attempt");
    assert.equal(new Set(sent.map((r) => r.signature)).size, 3, "a new Signature per attempt");
    emu.clearFaults();
  }
  // Timeouts are retried too.
  emu.setFaults({ latencyMs: 300 });
  emu.clearLog();
  const e = await failure(client({ timeoutMs: 100, maxAttempts: 2 }).describeNetworkInterfaces());
  assert.deepEqual([e.kind, e.code, e.attempts, e.retryable], ["timeout", "RequestTimeout", 2, true]);
  emu.clearFaults();
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(log().length, 2);

  const notRetried = [
    [client({ credentials: { ...STS, accessKeySecret: "not-the-secret" } }), {}, "SignatureDoesNotMatch"],
    [
      client({ credentials: { ...STS, securityToken: "not-the-token-value" } }),
      {},
      "InvalidSecurityToken.MismatchWithAccessKey",
    ],
    [
      client({ credentials: { accessKeyId: "nobody-here", accessKeySecret: "some-secret" } }),
      {},
      "InvalidAccessKeyId.NotFound",
    ],
    [client(), { nextToken: "bogus" }, "InvalidNextToken.Malformed"],
    [
      new lib.EcsClient({ regionId: "xx-nowhere-9", endpoint: emu.url, credentials: STS }),
      {},
      "InvalidRegionId.MalFormed",
    ],
  ];
  for (const [c, request, code] of notRetried) {
    emu.clearLog();
    const e = await failure(c.describeNetworkInterfaces(request));
    assert.deepEqual([e.kind, e.code, e.attempts, e.retryable], ["api", code, 1, false]);
    assert.equal(log().length, 1, code);
  }
  emu.clearLog();
  const v = await failure(client().describeNetworkInterfaces({ pageSize: 500 }));
  assert.deepEqual([v.kind, v.field, v.attempts], ["validation", "pageSize", 0]);
  assert.equal(log().length, 0, "validation sends nothing");
});

test("backoff waits grow with each failure and respect the cap", async () => {
  const retry = { baseDelayMs: 30, throttlingBaseDelayMs: 30, maxDelayMs: 150 };
  const ceilings = [30, 60, 120, 150, 150];
  const runs = 8;
  const gaps = Array.from({ length: 5 }, () => []);
  for (let k = 0; k < runs; k++) {
    // Five failures, then success: six requests whose times give the five waits.
    emu.setFaults({ serviceUnavailable: { count: 5 } });
    emu.clearLog();
    await client({ maxAttempts: 6, retry }).describeNetworkInterfaces({ maxResults: 1 });
    const chain = log();
    assert.equal(chain.length, 6);
    chain.forEach((r, i) => i > 0 && gaps[i - 1].push(Date.parse(r.time) - Date.parse(chain[i - 1].time)));
  }
  emu.clearFaults();
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  for (let i = 0; i < 5; i++) {
    for (const g of gaps[i])
      assert.ok(g <= ceilings[i] + 60, `wait ${i + 1} of ${g} ms is within its ceiling ${ceilings[i]}`);
  }
  assert.ok(
    mean(gaps[3]) + mean(gaps[4]) > mean(gaps[0]) + mean(gaps[1]),
    `waits grow: ${gaps.map((g) => Math.round(mean(g)))}`,
  );
  // A server hint is honoured, but never beyond the cap.
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 30 });
  emu.clearLog();
  const start = Date.now();
  await client({ maxAttempts: 2, retry: { maxDelayMs: 300 } }).describeNetworkInterfaces({ maxResults: 1 });
  const waited = Date.now() - start;
  assert.ok(waited >= 280 && waited < 1500, `Retry-After 30 s capped to 300 ms, waited ${waited}`);
  emu.clearFaults();
});

async function endsWithin(promise, { after, within = 100 }) {
  const start = Date.now();
  const e = await failure(promise);
  const took = Date.now() - start;
  assert.ok(
    took >= after - 5 && took <= after + within,
    `ended after ${took} ms, expected ${after}..${after + within}`,
  );
  return e;
}

test("timeouts and aborts end within 100 ms, during a fetch, a backoff wait and a delete-wait", async () => {
  emu.setFaults({ latencyMs: 2000 });
  let e = await endsWithin(client({ timeoutMs: 200, maxAttempts: 1 }).describeNetworkInterfaces(), { after: 200 });
  assert.deepEqual([e.kind, e.code], ["timeout", "RequestTimeout"]);
  e = await endsWithin(client().describeNetworkInterfaces({}, { signal: AbortSignal.timeout(150) }), { after: 150 });
  assert.deepEqual([e.kind, e.code, e.attempts], ["aborted", "Aborted", 1]);
  emu.clearFaults();

  // During a backoff wait: a throttle answer asks for 5 s; the signal fires after 200 ms.
  emu.setFaults({ throttle: { count: 1 }, retryAfterSeconds: 5 });
  emu.clearLog();
  e = await endsWithin(
    client({ retry: { maxDelayMs: 10_000 } }).describeNetworkInterfaces({}, { signal: AbortSignal.timeout(200) }),
    { after: 200 },
  );
  assert.deepEqual([e.kind, e.attempts], ["aborted", 1]);
  assert.equal(log().length, 1);
  emu.clearFaults();

  // During paging: an abort ends the iteration cleanly, and the iterator stays closed.
  emu.setFaults({ latencyMs: 1000 });
  const it = client().listNetworkInterfaces({ maxResults: 10 }, { signal: AbortSignal.timeout(150) });
  e = await endsWithin(
    (async () => {
      for await (const _ of it) {
        /* first page never arrives */
      }
    })(),
    { after: 150 },
  );
  assert.equal(e.kind, "aborted");
  assert.deepEqual(await it.next(), { value: undefined, done: true });
  emu.clearFaults();

  // During a wait for deletion.
  await emu.reset({ enis: 2000, seed: 11, deleteDelayMs: 60_000 });
  const [a, b] = deletable();
  e = await endsWithin(
    client().deleteNetworkInterface(a.NetworkInterfaceId, { waitUntilDeleted: true, signal: AbortSignal.timeout(700) }),
    { after: 700 },
  );
  assert.equal(e.kind, "aborted");
  e = await endsWithin(
    client().deleteNetworkInterface(b.NetworkInterfaceId, { waitUntilDeleted: true, waitTimeoutMs: 900 }),
    { after: 900 },
  );
  assert.deepEqual([e.kind, e.code], ["timeout", "WaitTimeout"]);
  await emu.reset({ enis: 2000, seed: 11, deleteDelayMs: 200 });
});

test("a client whose clock is 20 minutes off succeeds after one corrected retry", async () => {
  for (const offset of [20 * 60_000, -20 * 60_000]) {
    emu.setFaults({ clockOffsetMs: offset });
    emu.clearLog();
    const c = client({ maxAttempts: 1 });
    const page = await c.describeNetworkInterfaces({ maxResults: 3 });
    assert.equal(page.networkInterfaces.length, 3);
    assert.deepEqual(
      log().map((r) => r.code ?? r.status),
      ["InvalidTimeStamp.Expired", 200],
    );
    emu.clearLog();
    await c.describeNetworkInterfaces({ maxResults: 3 });
    assert.deepEqual(
      log().map((r) => r.code ?? r.status),
      [200],
      "later requests use the corrected clock",
    );
    emu.clearFaults();
  }
});

test("every bad answer is kind decode, and the same client then works", async () => {
  const good = JSON.stringify({
    RequestId: "R-1",
    NetworkInterfaceSets: {
      NetworkInterfaceSet: [{ NetworkInterfaceId: "eni-1", Status: "Available", Type: "Secondary" }],
    },
  });
  const answers = [
    [200, "text/plain", "Service temporarily overloaded", "not JSON"],
    [
      502,
      "text/html",
      "<html><head><title>502 Bad Gateway</title></head><body><center>nginx</center></body></html>",
      "not JSON",
    ],
    [200, "application/json", good.slice(0, 60), "truncated"],
    [200, "application/json", "", "empty"],
    [200, "application/json", '{"RequestId":5}', "RequestId is not a string"],
    [
      200,
      "application/json",
      '{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":7}]}}',
      "NetworkInterfaceId is not a string",
    ],
    [200, "application/json", '{"RequestId":"r","Extra":' + "[".repeat(100_000), "nests too deeply"],
    [400, "application/json", '{"Message":"no code here"}', "no Code"],
    [200, "application/json", "x".repeat(40 * 1024 * 1024), "larger than"],
  ];
  let next = 0;
  const server = createServer((req, res) => {
    const answer = answers[next++];
    if (!answer) {
      res.setHeader("content-type", "application/json");
      return res.end(good);
    }
    res.statusCode = answer[0];
    res.setHeader("content-type", answer[1]);
    res.end(answer[2]);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const c = new lib.EcsClient({
      regionId: REGION,
      endpoint: `http://127.0.0.1:${server.address().port}`,
      credentials: STS,
      maxAttempts: 1,
    });
    for (const [status, , body, what] of answers) {
      const e = await failure(c.describeNetworkInterfaces());
      assert.equal(e.kind, "decode", `${what}: ${e.message}`);
      assert.equal(e.httpStatus, status);
      assert.ok(e.message.includes(what), `${what}: ${e.message}`);
      assert.ok(e.message.length < 400, "a short excerpt");
      if (body.startsWith("<html>")) assert.ok(e.message.includes("502 Bad Gateway"));
    }
    const page = await c.describeNetworkInterfaces();
    assert.equal(page.networkInterfaces[0].networkInterfaceId, "eni-1", "no trap: the same instance still works");
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test("no secret or token in any error, stack, JSON form, string form or console line of this suite", () => {
  assert.ok(seenErrors.length >= 15, `${seenErrors.length} failing calls were collected`);
  for (const e of seenErrors) {
    const forms = [
      e.message,
      e.stack,
      String(e),
      JSON.stringify(e),
      JSON.stringify(Object.entries(e)),
      Object.values(e).join(" "),
    ];
    for (const form of forms)
      for (const s of SECRETS) assert.ok(!String(form).includes(s), `a secret leaked into: ${form}`);
  }
  for (const line of consoleLines)
    for (const s of SECRETS) assert.ok(!line.includes(s), `a secret leaked into the console: ${line}`);
});
