// A leak test: 20,000 calls (successes and API, decode and validation errors) from one client in
// a fresh Node process; the JS heap and the wasm memory stay flat after warm-up.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installedPackage, outputDir, ROOT } from "./harness.mjs";

test("20,000 mixed calls: heap and wasm memory stay flat after warm-up", { timeout: 240_000 }, () => {
  const { dir } = installedPackage();
  copyFileSync(join(ROOT, "tests/js/fixtures/leak/run.mjs"), join(dir, "leak-run.mjs"));
  const out = execFileSync(process.execPath, ["--expose-gc", "leak-run.mjs", "20000"], {
    cwd: dir,
    encoding: "utf8",
    timeout: 230_000,
  });
  const r = JSON.parse(out.trim().split("\n").pop());
  writeFileSync(join(outputDir("leak"), "leak.json"), JSON.stringify(r, null, 2) + "\n");
  const mb = (b) => (b / 1048576).toFixed(2);
  console.log(
    `leak: ${r.calls} calls ${JSON.stringify(r.counts)}; heap ${mb(r.warm.heapUsed)} -> ${mb(r.end.heapUsed)} MB, ` +
      `wasm memory ${mb(r.warm.wasmMemory)} -> ${mb(r.end.wasmMemory)} MB`,
  );
  assert.equal(r.counts.ok + r.counts.api + r.counts.decode + r.counts.validation, r.calls);
  for (const kind of ["ok", "api", "decode", "validation"]) assert.ok(r.counts[kind] > 1000, `${kind} calls happened`);
  assert.ok(r.end.heapUsed - r.warm.heapUsed < 4 * 1048576, `heap grew by ${mb(r.end.heapUsed - r.warm.heapUsed)} MB`);
  assert.equal(r.end.wasmMemory, r.warm.wasmMemory, "wasm memory did not grow after warm-up");
  // No upward trend across the run either: the last sample is within 2 MB of the smallest.
  const heaps = r.samples.map((s) => s.heapUsed);
  assert.ok(heaps.at(-1) - Math.min(...heaps) < 2 * 1048576, `heap trend ${heaps.map(mb)}`);
});
