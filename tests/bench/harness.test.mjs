// The bench's own machinery: which files size.total_gzip_bytes counts, the PASS/MISS of each
// goal, the README table made from a run's results, and the CLI sample's timing and checks.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cliSample } from "./lib/cli.mjs";
import { figures, GOALS, holds, verdict } from "./lib/figures.mjs";
import { runtimeFiles } from "./lib/runtime-files.mjs";
import { markdown, replaceBlock } from "./table.mjs";

test("runtimeFiles: every file the exports map reaches, and nothing else", () => {
  const root = mkdtempSync(join(tmpdir(), "bench-pkg-"));
  const dir = join(root, "pkg");
  mkdirSync(dir);
  try {
    const files = {
      "package.json": JSON.stringify({
        main: "./node.cjs",
        bin: { x: "./cli.js" },
        exports: {
          ".": {
            workerd: { types: "./index.d.ts", default: "./workerd.js" },
            node: { import: "./node.js", require: "./node.cjs" },
            browser: "./browser.js",
          },
          "./app.wasm": "./app.wasm",
          "./package.json": "./package.json",
        },
      }),
      "node.js": 'import * as g from "./glue.js";\nexport { a } from "./extra.js";\n',
      "node.cjs": 'const w = require("./glue.cjs"); const u = new URL("./app.wasm", x);',
      "workerd.js": 'import m from "./app.wasm";\nconst lazy = () => import("./decode.js");',
      "browser.js": '// see "./not-shipped.js"\nimport{g}from"./glue.js";',
      "glue.js": 'import"./runtime.js";',
      "glue.cjs": "",
      "runtime.js": "",
      "extra.js": 'import "../outside.js";',
      "decode.js": "",
      "app.wasm": "",
      "cli.js": 'import "./cli-only.js";',
      "cli-only.js": "",
      "index.d.ts": "",
      "unused.js": "",
    };
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
    writeFileSync(join(root, "outside.js"), "");
    assert.deepEqual(runtimeFiles(dir), [
      "app.wasm",
      "browser.js",
      "decode.js",
      "extra.js",
      "glue.cjs",
      "glue.js",
      "node.cjs",
      "node.js",
      "runtime.js",
      "workerd.js",
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("holds and verdict: PASS at the goal's bound, MISS past it, n/a when not measured", () => {
  assert.equal(holds("list.cpu_ratio_vs_minimal", 0.9), "PASS");
  assert.equal(holds("list.cpu_ratio_vs_minimal", 0.89), "MISS");
  assert.equal(holds("coldstart.node_ms", 10), "PASS");
  assert.equal(holds("coldstart.node_ms", 10.01), "MISS");
  assert.equal(holds("coldstart.node_ms", NaN), "n/a");
  assert.equal(holds("list.cpu_ms_per_page", 1), "");
  assert.equal(verdict("size.browser_gzip_bytes", 92451), "MISS (<= 40960)");
  assert.equal(verdict("sign.ratio_vs_pop_core", 2.5), "PASS (>= 2)");
  assert.equal(verdict("cli.first_output_ms", 200), "(reference)");
});

/** Results as run.mjs writes them, with only the sections named. */
function results(sections) {
  const r = {
    date: "2026-11-30T15:00:00.000Z",
    node: "v20.20.2",
    machine: { cpus: 2, cpuModel: "Test CPU", uptime: "load average: 1.50, 1.0, 1.0" },
    machineEnd: { uptime: "load average: 2.00, 1.0, 1.0" },
    git: { commit: "abc1234", dirty: false },
    pkg: { version: "0.1.0" },
    runs: { list: 24, sign: 7, growth: 7, workerd: 18, cli: 12 },
  };
  const client = (cpu, rss) => ({ cpuMsPerPage: cpu, cpuMsPerPageIqr: [cpu, cpu], maxRssMb: rss });
  if (sections.includes("list"))
    r.list = {
      stats: {
        ours: { ...client(10, 95), userMsPerPage: 9, systemMsPerPage: 1 },
        official: client(20, 140),
        minimal: client(9.5, 94),
        popcore: client(11, 104),
      },
      ratioVsOfficial: 2,
      ratioVsMinimal: 0.95,
      ratioVsPopCore: 1.1,
      pairedRatioVsOfficial: 2,
      pairedRatioVsMinimal: 0.95,
      pairedRatioVsPopCore: 1.1,
    };
  if (sections.includes("cli")) {
    const k = (first, total) => ({
      firstOutputMs: first,
      firstOutputIqr: [first, first],
      totalMs: total,
      totalIqr: [total, total],
    });
    r.cli = {
      enis: 10000,
      stats: { ours: k(200, 800), official: k(600, 1400), node: k(40, 42) },
      firstOutputRatioVsOfficial: 3,
      totalRatioVsOfficial: 1.75,
      pairedFirstOutputRatio: 3,
      pairedTotalRatio: 1.75,
    };
  }
  return r;
}

test("figures: one per bench line of the sections that ran, the CLI's among them", () => {
  const names = figures(results(["list", "cli"])).map((x) => x.name);
  assert.deepEqual(names, [
    "list.cpu_ms_per_page",
    "list.cpu_ratio_vs_official",
    "list.cpu_ratio_vs_minimal",
    "list.cpu_ratio_vs_pop_core",
    "memory.peak_rss_mb_10k",
    "memory.peak_rss_ratio_vs_minimal",
    "cli.first_output_ms",
    "cli.first_output_ms_official",
    "cli.first_output_ratio_vs_official",
    "cli.total_ms",
    "cli.total_ms_official",
    "cli.total_ratio_vs_official",
  ]);
  assert.deepEqual(figures(results([])), []);
  // Every goal is one of the figures a full run prints.
  for (const name of Object.keys(GOALS)) assert.match(name, /^(size|sign|list|workerd|coldstart|memory)\./);
});

test("table.mjs: issue 16's goals first with PASS/MISS, the peers' figures beside ours", () => {
  const md = markdown(results(["list", "cli"]));
  const rows = md.split("\n").filter((l) => l.startsWith("| `"));
  assert.equal(rows.length, 12);
  assert.match(
    rows[0],
    /^\| `list\.cpu_ratio_vs_minimal` \| 0\.95 \| >= 0\.9 \(issue 16\) \| \*\*PASS\*\* \| 10\.00 ms\/page \| minimal \(V3\) 9\.50 ms\/page \|$/,
  );
  assert.match(rows[1], /`list\.cpu_ratio_vs_pop_core` \| 1\.10 \| >= 1\.25 \(issue 16\) \| \*\*MISS\*\*/);
  assert.match(md, /`memory\.peak_rss_mb_10k` \| 95\.0 \| <= 95 \(issue 7\) \| \*\*PASS\*\*/);
  assert.match(
    md,
    /`cli\.first_output_ratio_vs_official` \| 3\.00 \| \(reference\) \| {2}\| 200\.0 ms \| official-SDK script 600\.0 ms/,
  );
  assert.match(md, /2026-11-30 15:00 UTC/);
  const readme =
    "# x\n\n<!-- bench-table:begin (generated by `node tests/bench/table.mjs --readme`; do not edit) -->\nOLD-TABLE\n<!-- bench-table:end -->\n\nafter\n";
  const out = replaceBlock(readme, md);
  assert.ok(out.startsWith("# x\n\n<!-- bench-table:begin"));
  assert.ok(out.endsWith(`${md}\n<!-- bench-table:end -->\n\nafter\n`));
  assert.ok(!out.includes("OLD-TABLE"));
  assert.throws(() => replaceBlock("no block", md), /bench-table:begin/);
});

test("cliSample: times the first line and the whole run, and checks the lines", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-cli-"));
  try {
    // Three lines, the last two after 150 ms.
    const script = join(dir, "three.mjs");
    writeFileSync(
      script,
      `process.stdout.write(JSON.stringify({ id: "a" }) + "\\n");
       setTimeout(() => process.stdout.write(JSON.stringify({ id: "b" }) + "\\n" + JSON.stringify({ id: "c" }) + "\\n"), 150);`,
    );
    const s = await cliSample([script], { cwd: dir, env: process.env, expect: { lines: 3, id: "id" } });
    assert.equal(s.lines, 3);
    assert.ok(s.firstOutputMs > 0 && s.firstOutputMs < s.totalMs, JSON.stringify(s));
    assert.ok(s.totalMs - s.firstOutputMs >= 140, JSON.stringify(s));
    await assert.rejects(
      cliSample([script], { cwd: dir, env: process.env, expect: { lines: 4, id: "id" } }),
      /3 lines, not 4/,
    );
    const dup = join(dir, "dup.mjs");
    writeFileSync(dup, `process.stdout.write('{"id":"a"}\\n{"id":"a"}\\n');`);
    await assert.rejects(
      cliSample([dup], { cwd: dir, env: process.env, expect: { lines: 2, id: "id" } }),
      /1 distinct ids in 2 lines/,
    );
    const fail = join(dir, "fail.mjs");
    writeFileSync(fail, `process.stderr.write("boom\\n"); process.exitCode = 3;`);
    await assert.rejects(cliSample([fail], { cwd: dir, env: process.env }), /exited 3\nboom/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
