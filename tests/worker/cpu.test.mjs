// The CPU of one cleanup slice of 1,000 ENIs: the Worker's slice code (examples/cleanup-worker/
// src/slice.js, with the packed package) run in Node against the emulator in another process,
// so that only the slice's own work is counted (process.cpuUsage: JavaScript, wasm and Node's
// HTTP client, which in a Worker is the runtime's and not billed: an upper bound).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { join } from "node:path";
import { installedExample } from "./example.mjs";
import { pathToFileURL } from "node:url";
import { ROOT, KEY } from "../js/harness.mjs";

let emulator, url, slice;

before(async () => {
  const { dir } = installedExample();
  slice = await import(pathToFileURL(join(dir, "slice.js")).href);

  emulator = spawn(
    process.execPath,
    [
      join(ROOT, "tests/emulator/server.mjs"),
      "--port",
      "0",
      "--enis",
      "2600",
      "--seed",
      "7",
      "--delete-delay-ms",
      "10",
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  url = await new Promise((resolve, reject) => {
    emulator.stdout.setEncoding("utf8").once("data", (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) resolve(m[1]);
      else reject(new Error(`emulator said ${line}`));
    });
    emulator.once("exit", (code) => reject(new Error(`emulator exited ${code}`)));
  });
});

after(() => {
  emulator?.kill("SIGTERM");
});

test("CPU of one slice: list, judge and delete 1,000 orphaned ENIs", { timeout: 300_000 }, async () => {
  const env = {
    ECS_ENDPOINT: url,
    REGIONS: "cn-hangzhou",
    OLDER_THAN: "1d",
    CONCURRENCY: "8",
    MAX_SUBREQUESTS: "10000",
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
  };
  // Listing and judging alone (a dry run), then the real thing.
  const dryStart = process.cpuUsage();
  const dry = await slice.cleanSlice({ ...env, DRY_RUN: "true" }, { account: "default", regionId: "cn-hangzhou" });
  const dryCpu = process.cpuUsage(dryStart);
  const dryMs = (dryCpu.user + dryCpu.system) / 1000;
  console.log(
    `dry run: ${dry.listed} ENIs listed and judged in ${dry.subrequests} subrequests; CPU ${dryMs.toFixed(0)} ms`,
  );
  assert.equal(dry.deleted, 0);

  const before = process.cpuUsage();
  const wall = performance.now();
  const s = await slice.cleanSlice(env, { account: "default", regionId: "cn-hangzhou" });
  const cpu = process.cpuUsage(before);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const wallMs = performance.now() - wall;
  console.log(
    `one slice: ${s.listed} ENIs listed, ${s.candidates} candidates, ${s.deleted} deleted, ` +
      `${s.subrequests} subrequests; CPU ${cpuMs.toFixed(0)} ms (${(cpuMs / s.listed).toFixed(2)} ms per ENI listed), ` +
      `wall ${wallMs.toFixed(0)} ms`,
  );
  assert.ok(s.listed >= 1000, `${s.listed} listed`);
  assert.ok(s.candidates >= 1000, `${s.candidates} candidates`);
  assert.equal(s.deleted, s.candidates);
  assert.equal(s.failed, 0);
  // Inside the Workers Paid default CPU limit (30 s) by a wide margin.
  assert.ok(cpuMs < 10_000, `${cpuMs} ms CPU`);
});
