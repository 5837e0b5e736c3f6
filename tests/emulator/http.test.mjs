// HTTP surface: CORS on/off, control endpoints, unknown paths, the JS API, the CLI.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { startEmulator, parseArgs } from "./server.mjs";
import { call, describe, del, control, KEY, ERROR_KEYS } from "./_helpers.mjs";
import { BIG_SERVICE_IDS } from "./data.mjs";

const emu = await startEmulator({ enis: 50, seed: 51 });
const noCors = await startEmulator({ enis: 20, cors: false });
after(() => Promise.all([emu.close(), noCors.close()]));
const url = emu.url;
const ORIGIN = "http://localhost:5173";
const EXPOSE = "Date, Retry-After, x-acs-request-id, x-acs-retry-after";

test("startEmulator listens on 127.0.0.1 with a free port and returns the documented handle", () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(emu.server.address().address, "127.0.0.1");
  assert.equal(url, `http://127.0.0.1:${emu.port}`);
  for (const m of ["close", "state", "reset", "setFaults", "clearFaults", "log", "clearLog"])
    assert.equal(typeof emu[m], "function", m);
});

test("CORS preflight: 204 with origin, methods, echoed headers and max-age", async () => {
  const res = await fetch(`${url}/`, {
    method: "OPTIONS",
    headers: {
      Origin: ORIGIN,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type,x-acs-action",
    },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("access-control-allow-origin"), ORIGIN);
  assert.equal(res.headers.get("access-control-allow-methods"), "GET, POST, OPTIONS");
  assert.equal(res.headers.get("access-control-allow-headers"), "content-type,x-acs-action");
  assert.ok(Number(res.headers.get("access-control-max-age")) > 0);
  // The control API answers no preflight: a page of any origin cannot drive it.
  const ctl = await fetch(`${url}/__emulator/faults`, {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "POST" },
  });
  assert.equal(ctl.status, 405);
  for (const [name] of ctl.headers) assert.ok(!name.startsWith("access-control-"), name);
  assert.equal(emu.log().requests.length, 0, "preflights are not API requests");
});

test("CORS headers on API successes, errors and faults; none on control responses", async () => {
  const withOrigin = { headers: { Origin: ORIGIN } };
  const ok = await describe(url, {}, withOrigin);
  const err = await describe(url, {}, { ...withOrigin, secret: "wrong" });
  emu.setFaults({ throttle: { count: 1 } });
  const throttled = await describe(url, {}, withOrigin);
  const missing = await fetch(`${url}/nope`, withOrigin);
  for (const r of [ok, err, throttled, missing]) {
    assert.equal(r.headers.get("access-control-allow-origin"), ORIGIN);
    assert.equal(r.headers.get("access-control-expose-headers"), EXPOSE);
  }
  for (const [path, method] of [
    ["state", "GET"],
    ["log", "GET"],
    ["faults", "GET"],
    ["faults", "POST"],
    ["reset", "POST"],
    ["nope", "GET"],
  ]) {
    const body = method === "POST" ? "{}" : undefined;
    const r = await fetch(`${url}/__emulator/${path}`, { method, headers: { Origin: ORIGIN }, body });
    for (const [name] of r.headers) assert.ok(!name.startsWith("access-control-"), `${path}: ${name}`);
  }
  assert.equal([ok.status, err.status, throttled.status].join(), "200,400,400");
  const anyOrigin = await describe(url);
  assert.equal(anyOrigin.headers.get("access-control-allow-origin"), "*");
});

test("--cors off: no CORS header anywhere, OPTIONS is a 404", async () => {
  const u = noCors.url;
  const pre = await fetch(`${u}/`, {
    method: "OPTIONS",
    headers: { Origin: ORIGIN, "Access-Control-Request-Method": "GET" },
  });
  assert.equal(pre.status, 404);
  const responses = [
    pre,
    await describe(u, {}, { headers: { Origin: ORIGIN } }),
    await describe(u, { Version: "x" }),
    await fetch(`${u}/__emulator/log`, { headers: { Origin: ORIGIN } }),
  ];
  assert.equal(responses[1].status, 200);
  for (const r of responses) {
    for (const [name] of r.headers) assert.ok(!name.startsWith("access-control-"), name);
  }
});

test("paths other than / and /__emulator/* are 404 JSON; unknown control endpoints 404, wrong methods 405", async () => {
  for (const path of ["/nope", "/__emulator", "/index.html", "//", "/__emulatorx/state"]) {
    const res = await fetch(`${url}${path}`);
    assert.equal(res.status, 404, path);
    assert.equal(res.headers.get("content-type"), "application/json;charset=utf-8");
    const body = await res.json();
    assert.deepEqual(Object.keys(body), ERROR_KEYS, path);
  }
  assert.equal((await control(url, "nope")).status, 404);
  assert.equal((await control(url, "state", "DELETE")).status, 405);
  assert.equal((await control(url, "reset", "GET")).status, 405);
});

test("control endpoints are never reachable by a signed API call", async () => {
  const before = JSON.stringify(emu.state(), (k, v) => (typeof v === "bigint" ? String(v) : v));
  for (const action of ["__emulator/reset", "/__emulator/faults", "Reset", "SetFaults", "State", "Log"]) {
    const r = await call(url, { Action: action, throttle: '{"count":5}' }, { method: "POST" });
    assert.equal(r.status, 404, action);
    assert.equal(r.json.Code, "InvalidAction.NotFound");
  }
  // A JSON control body posted to the API endpoint is just an unsigned API request.
  const res = await fetch(`${url}/`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: '{"throttle":{"count":5}}',
  });
  assert.equal((await res.json()).Code, "IncompleteSignature");
  assert.equal(emu.faults().throttle, undefined);
  assert.equal(
    JSON.stringify(emu.state(), (k, v) => (typeof v === "bigint" ? String(v) : v)),
    before,
  );
});

test("GET /__emulator/state: API-shaped ENIs with RegionId and Status, Deleting ones included, ServiceID exact", async () => {
  emu.reset({ deleteDelayMs: 60000 });
  const text = await (await fetch(`${url}/__emulator/state`)).text();
  for (const id of BIG_SERVICE_IDS) assert.ok(text.includes(`"ServiceID":${id},`));
  const { enis } = JSON.parse(text);
  assert.equal(enis.length, 55);
  assert.ok(enis.every((e) => e.RegionId && e.Status && e.NetworkInterfaceId));
  const eni = enis.find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
  await del(url, eni.NetworkInterfaceId);
  const after1 = (await control(url, "state")).json.enis;
  assert.equal(after1.find((e) => e.NetworkInterfaceId === eni.NetworkInterfaceId).Status, "Deleting");
  assert.equal(emu.state().enis.find((e) => e.NetworkInterfaceId === eni.NetworkInterfaceId).Status, "Deleting");
  emu.reset({ deleteDelayMs: 1500 });
});

test("POST /__emulator/reset regenerates data and clears faults, nonces and the log", async () => {
  const r1 = await describe(url);
  emu.setFaults({ throttle: { count: 9 } });
  const res = await control(url, "reset", "POST", { enis: 30, seed: 99 });
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { enis: 30, seed: 99, deleteDelayMs: 1500, emptyValues: true });
  assert.equal(emu.faults().throttle, undefined);
  assert.deepEqual(emu.log().requests, []);
  assert.equal(emu.state().enis.length, 35);
  // The nonce used before the reset is accepted again.
  const again = await describe(url, { SignatureNonce: r1.sent.SignatureNonce });
  assert.equal(again.status, 200, again.text);
  const a = (await control(url, "state")).text;
  await control(url, "reset", "POST");
  assert.equal((await control(url, "state")).text, a, "same enis and seed => same state");
  assert.equal((await control(url, "reset", "POST", { enis: -1 })).status, 400);
  emu.reset({ enis: 50, seed: 51 });
});

test("the control API bounds what it accepts (enis <= 200,000, known keys, body <= 64 KiB) and changes nothing on refusal", async () => {
  const before = (await control(url, "state")).text;
  for (const body of [
    { enis: 1000000 },
    { enis: 200001 },
    { enis: 1.5 },
    { seed: "1" },
    { deleteDelayMs: 3600001 },
    { emptyValues: "yes" },
    { enis: 10, evil: true },
  ]) {
    const r = await control(url, "reset", "POST", body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(typeof r.json.error, "string");
  }
  for (const body of [
    { latencyMs: 600001 },
    { clockOffsetMs: 1e14 },
    { retryAfterMs: -1 },
    { throttle: { count: 1, code: "NotAThrottle" } },
    { stuckDeleting: { count: -1 } },
    { eniNotFoundOnDescribe: 1 },
    { unknownFault: 1 },
  ]) {
    const r = await control(url, "faults", "POST", body);
    assert.equal(r.status, 400, JSON.stringify(body));
  }
  const big = await fetch(`${url}/__emulator/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seed: 1, pad: "x".repeat(70 * 1024) }),
  });
  assert.equal(big.status, 413);
  assert.equal((await control(url, "state")).text, before);
  assert.equal(emu.faults().latencyMs, 0);
  // The JS API and the CLI share the bound.
  await assert.rejects(startEmulator({ enis: 200001 }), /enis must be an integer between 0 and 200000/);
});

test("CLI: --port 0 prints the URL on the first line, serves, and stops cleanly on SIGTERM and SIGINT", async () => {
  const server = fileURLToPath(new URL("./server.mjs", import.meta.url));
  for (const signal of ["SIGTERM", "SIGINT"]) {
    const child = spawn(
      process.execPath,
      [
        server,
        "--port",
        "0",
        "--enis",
        "30",
        "--seed",
        "7",
        "--cors",
        "off",
        "--delete-delay-ms",
        "10",
        "--access-key-id",
        "cli-id",
        "--access-key-secret",
        "cli-secret",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    try {
      let out = "";
      child.stdout.setEncoding("utf8");
      const line = await new Promise((resolve, reject) => {
        child.stdout.on("data", (d) => {
          out += d;
          if (out.includes("\n")) resolve(out.split("\n")[0]);
        });
        child.once("exit", (code) => reject(new Error(`exited ${code} before printing`)));
      });
      assert.match(line, /^ECS emulator listening on http:\/\/127\.0\.0\.1:\d+ \(30 ENIs, seed 7, cors off\)$/);
      const cliUrl = line.match(/http:\/\/127\.0\.0\.1:\d+/)[0];
      const ok = await describe(cliUrl, {}, { cred: { accessKeyId: "cli-id", accessKeySecret: "cli-secret" } });
      assert.equal(ok.status, 200, ok.text);
      assert.equal(ok.json.TotalCount, 30);
      assert.equal(ok.headers.get("access-control-allow-origin"), null);
      assert.equal((await describe(cliUrl, {}, { cred: KEY })).status, 404, "only the given key");
      const exited = once(child, "exit");
      process.kill(child.pid, signal);
      const [code] = await exited;
      assert.equal(code, 0, `exit code after ${signal}`);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  }
});

test("CLI: a bad argument exits with status 2 and the usage", async () => {
  const server = fileURLToPath(new URL("./server.mjs", import.meta.url));
  const child = spawn(process.execPath, [server, "--cors", "maybe"], { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  const [code] = await once(child, "exit");
  assert.equal(code, 2);
  assert.match(err, /--cors takes on or off/);
  assert.match(err, /usage:/);
});

test("CLI flags: --empty-values and --host-alias (repeatable) reach the options; bad values are refused", () => {
  assert.deepEqual(
    parseArgs([
      "--empty-values",
      "on",
      "--host-alias",
      "ecs.cn-hangzhou.aliyuncs.com",
      "--host-alias=ecs.aliyuncs.com",
    ]),
    {
      emptyValues: true,
      hostAliases: ["ecs.cn-hangzhou.aliyuncs.com", "ecs.aliyuncs.com"],
    },
  );
  assert.deepEqual(parseArgs(["--empty-values=off"]), { emptyValues: false });
  assert.throws(() => parseArgs(["--empty-values", "yes"]), /--empty-values takes on or off/);
  assert.throws(() => parseArgs(["--host-alias"]), /needs a value/);
});
