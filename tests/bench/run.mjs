// The aliyun-eni benchmark suite (issue 7): `make bench`, or `node tests/bench/run.mjs` once
// `make pack` has run and tests/bench's packages are installed.
//
// Prints a table and one `bench NAME VALUE` line per figure; writes everything it measured to
// target/bench/results.json and the CPU profiles to target/bench/profiles/. What each figure is
// and how it is measured: tests/bench/README.md.
//
// Environment: BENCH_RUNS (fresh processes per side for list, memory and cold start; default 18),
// BENCH_SIGN_RUNS (default 7), BENCH_GROWTH_RUNS (default 7), BENCH_WORKERD_RUNS (default 18).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { summarize } from "./lib/profile.mjs";
import { median, quartiles, rotate, runNode, startEmulatorProcess, stopAll, table, track } from "./lib/util.mjs";
import { addListWorker, bundleWorker, startProbe, workerdCpuSample, workerdSample } from "./lib/workerd.mjs";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = join(BENCH, "..", "..");
const FIXTURES = join(BENCH, "fixtures");
const OUT = join(ROOT, "target", "bench");
const CONSUMER = join(OUT, "consumer");
const EMULATOR = join(ROOT, "tests", "emulator", "server.mjs");
const rootRequire = createRequire(join(ROOT, "package.json"));

const count = (name, dflt) => {
  const n = Number(process.env[name] ?? dflt);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
};
const RUNS = count("BENCH_RUNS", 18);
const SIGN_RUNS = count("BENCH_SIGN_RUNS", 7);
const GROWTH_RUNS = count("BENCH_GROWTH_RUNS", 7);
const WORKERD_RUNS = count("BENCH_WORKERD_RUNS", 18);
const ENIS_10K = 10_000;
const ENIS_100K = 100_000;
const PAGE = 500;

/** The runtime files of the package (what a consumer loads); each gzipped on its own. */
const RUNTIME_FILES = ["aliyun_eni_bg.wasm", "aliyun_eni.js", "runtime.js", "node.js", "workerd.js", "browser.js"];

// Goals of issue 16 (performance); the two absolute memory goals are issue 7's.
const GOALS = {
  "size.total_gzip_bytes": { le: 40960 },
  "size.browser_gzip_bytes": { le: 40960 },
  "sign.ratio_vs_pop_core": { ge: 2.0 },
  "sign.v3_ratio_vs_official": { ge: 2.0 },
  "list.cpu_ratio_vs_official": { ge: 1.25 },
  "list.cpu_ratio_vs_pop_core": { ge: 1.25 },
  "list.cpu_ratio_vs_minimal": { ge: 0.9 },
  "workerd.cpu_ratio_vs_minimal": { ge: 0.9 },
  "coldstart.node_ms": { le: 10 },
  "coldstart.workerd_ms": { le: 5 },
  "memory.peak_rss_mb_10k": { le: 95 },
  "memory.rss_growth_mb_100k": { le: 30 },
  "memory.peak_rss_ratio_vs_minimal": { le: 1.03 },
  "memory.growth_ratio_vs_minimal": { le: 1.05 },
};

const log = (msg) => process.stderr.write(`bench: ${msg}\n`);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

function machine() {
  let uptime;
  try {
    uptime = execFileSync("uptime", { encoding: "utf8" }).trim();
  } catch {
    uptime = `load average: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(", ")}`;
  }
  return { uptime, loadavg: loadavg(), cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: totalmem() / 2 ** 30 };
}

/** The commit the package was built from, and whether its sources had local changes. */
function gitState() {
  try {
    const git = (...args) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = git(
      "status",
      "--porcelain",
      "--",
      "src",
      "pkg-template",
      "Cargo.toml",
      "Cargo.lock",
      "scripts/assemble-pkg.mjs",
    );
    return { commit: git("rev-parse", "--short", "HEAD"), dirty: dirty !== "" };
  } catch {
    return { commit: "unknown", dirty: false };
  }
}

/** The tarball `make pack` left, installed into target/bench/consumer as a user installs it. */
function consumer() {
  const dir = join(ROOT, "target", "npm");
  const tgzs = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tgz")) : [];
  if (tgzs.length !== 1) throw new Error(`expected one tarball in target/npm, found ${tgzs.length}: run \`make pack\``);
  const tgz = join(dir, tgzs[0]);
  const hash = createHash("sha256").update(readFileSync(tgz)).digest("hex");
  const stamp = join(CONSUMER, ".tarball-hash");
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== hash) {
    log(`installing ${tgzs[0]} into target/bench/consumer`);
    rmSync(CONSUMER, { recursive: true, force: true });
    mkdirSync(CONSUMER, { recursive: true });
    writeFileSync(
      join(CONSUMER, "package.json"),
      JSON.stringify({ name: "bench-consumer", private: true, type: "module" }),
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", tgz], {
      cwd: CONSUMER,
      stdio: "ignore",
    });
    writeFileSync(stamp, hash);
  }
  for (const f of readdirSync(FIXTURES)) if (/\.(mjs|cjs)$/.test(f)) copyFileSync(join(FIXTURES, f), join(CONSUMER, f));
  const packageDir = join(CONSUMER, "node_modules", "aliyun-eni");
  return {
    tarball: tgzs[0],
    hash: hash.slice(0, 16),
    packageDir,
    version: JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version,
  };
}

const gz = (buf) => gzipSync(buf, { level: 9 }).length;

async function sizes(pkg, emulatorUrl) {
  const files = RUNTIME_FILES.map((f) => {
    const buf = readFileSync(join(pkg.packageDir, f));
    return { file: f, bytes: buf.length, gzipBytes: gz(buf) };
  });
  const total = files.reduce((a, f) => a + f.gzipBytes, 0);

  // The official SDK as an app bundles it for Node.
  const esbuild = rootRequire("esbuild");
  const outfile = join(OUT, "official", "bundle.cjs");
  rmSync(dirname(outfile), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: BENCH,
    entryPoints: [join(FIXTURES, "official-entry.cjs")],
    bundle: true,
    minify: true,
    platform: "node",
    format: "cjs",
    outfile,
    logLevel: "silent",
  });
  const bundle = readFileSync(outfile);
  // The bundle must be complete: it pages through the emulator on its own.
  const check = await runNode(
    [
      "-e",
      `require(${JSON.stringify(outfile)})({ endpoint: ${JSON.stringify(new URL(emulatorUrl).host)}, accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret", regionId: "cn-hangzhou" }).then((ids) => console.log(JSON.stringify({ enis: ids.length })))`,
    ],
    { cwd: OUT },
  );
  if (check.enis !== ENIS_10K) throw new Error(`the official bundle listed ${check.enis} ENIs, not ${ENIS_10K}`);
  const browser = await browserSize(pkg, esbuild);
  const sdkVersion = (name) =>
    JSON.parse(readFileSync(join(BENCH, "node_modules", name, "package.json"), "utf8")).version;
  return {
    files,
    totalGzipBytes: total,
    browser,
    official: {
      bundleBytes: bundle.length,
      gzipBytes: gz(bundle),
      ecs20140526: sdkVersion("@alicloud/ecs20140526"),
      openapiCore: sdkVersion("@alicloud/openapi-core"),
      esbuild: esbuild.version,
    },
  };
}

/**
 * What a browser downloads for `import "aliyun-eni"`: an entry that re-exports the package,
 * bundled by esbuild for the browser (the package's `browser` export condition, minified, ESM),
 * plus every .wasm the bundle references, each gzip -9.
 */
async function browserSize(pkg, esbuild) {
  const dir = join(OUT, "browser");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const entry = join(CONSUMER, "browser-entry.mjs");
  writeFileSync(entry, 'export * from "aliyun-eni";\n');
  const result = await esbuild.build({
    absWorkingDir: CONSUMER,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    outdir: dir,
    // The wasm is fetched at run time (new URL(..., import.meta.url)); copy it like a bundler.
    loader: { ".wasm": "file" },
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.keys(result.metafile.inputs);
  const fromPackage = inputs.filter((f) => f.includes("node_modules/aliyun-eni/"));
  if (fromPackage.length === 0) throw new Error("the browser bundle has nothing from aliyun-eni");
  const js = readdirSync(dir).filter((f) => f.endsWith(".js"));
  if (js.length !== 1) throw new Error(`expected one browser bundle, got ${js.join(", ")}`);
  const jsBuf = readFileSync(join(dir, js[0]));
  // The wasm the package's browser entry fetches: the tarball's, unless the bundle emitted one.
  const emitted = readdirSync(dir).filter((f) => f.endsWith(".wasm"));
  const wasmBuf = emitted.length
    ? readFileSync(join(dir, emitted[0]))
    : readFileSync(join(pkg.packageDir, RUNTIME_FILES[0]));
  const jsGzip = gz(jsBuf);
  const wasmGzip = gz(wasmBuf);
  return {
    jsBytes: jsBuf.length,
    jsGzipBytes: jsGzip,
    wasmBytes: wasmBuf.length,
    wasmGzipBytes: wasmGzip,
    gzipBytes: jsGzip + wasmGzip,
    inputs: fromPackage.map((f) => f.slice(f.indexOf("node_modules/aliyun-eni/") + 24)),
  };
}

async function sign() {
  const samples = [];
  for (let i = 0; i < SIGN_RUNS; i++) samples.push(await runNode(["sign.mjs", "8", "250"], { cwd: CONSUMER }));
  return {
    samples,
    sets: samples[0].sets,
    params: [samples[0].paramsMin, samples[0].paramsMax, samples[0].paramsMean],
    oursOpsPerS: median(samples.map((s) => s.oursOpsPerS)),
    popOpsPerS: median(samples.map((s) => s.popOpsPerS)),
    ratio: median(samples.map((s) => s.ratio)),
  };
}

async function sign3() {
  const samples = [];
  for (let i = 0; i < SIGN_RUNS; i++)
    samples.push(await runNode(["sign3.mjs", "8", "250"], { cwd: CONSUMER, env: { BENCH_DIR: BENCH } }));
  return {
    samples,
    sets: samples[0].sets,
    oursOpsPerS: median(samples.map((s) => s.oursOpsPerS)),
    officialOpsPerS: median(samples.map((s) => s.officialOpsPerS)),
    ratio: median(samples.map((s) => s.ratio)),
  };
}

async function coldstartNode() {
  const by = { ours: [], official: [], parts: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const what of rotate(Object.keys(by), i))
      by[what].push(await runNode(["coldstart.mjs", what], { cwd: CONSUMER, env: { BENCH_DIR: BENCH } }));
  }
  const { ours, official, parts } = by;
  return {
    samples: by,
    firstRequestMs: median(ours.map((r) => r.firstRequestMs)),
    firstRequestIqr: quartiles(ours.map((r) => r.firstRequestMs)),
    importMs: median(ours.map((r) => r.importMs)),
    constructedMs: median(ours.map((r) => r.constructedMs)),
    wasmReadMs: median(parts.map((r) => r.readMs)),
    wasmCompileMs: median(parts.map((r) => r.compileMs)),
    importAfterCompileMs: median(parts.map((r) => r.importAfterCompileMs)),
    oursCpuMs: median(ours.map((r) => r.cpuMs)),
    officialLoadMs: median(official.map((r) => r.loadMs)),
    officialLoadIqr: quartiles(official.map((r) => r.loadMs)),
    officialCpuMs: median(official.map((r) => r.cpuMs)),
  };
}

const CLIENTS = ["ours", "official", "minimal", "popcore"];

async function list10k(url) {
  const by = Object.fromEntries(CLIENTS.map((c) => [c, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const kind of rotate(CLIENTS, i)) {
      const r = await runNode(["list.mjs", kind, url, "pages"], { cwd: CONSUMER, env: { BENCH_DIR: BENCH } });
      if (r.enis !== ENIS_10K || r.pages !== ENIS_10K / PAGE)
        throw new Error(`${kind} listed ${r.enis} ENIs in ${r.pages} pages`);
      by[kind].push(r);
    }
    if ((i + 1) % 6 === 0) log(`  list: ${i + 1}/${RUNS} rounds (${elapsed()})`);
  }
  const stats = {};
  for (const kind of CLIENTS) {
    const rs = by[kind];
    stats[kind] = {
      cpuMsPerPage: median(rs.map((r) => r.cpuMsPerPage)),
      cpuMsPerPageIqr: quartiles(rs.map((r) => r.cpuMsPerPage)),
      userMsPerPage: median(rs.map((r) => r.userMs / r.pages)),
      systemMsPerPage: median(rs.map((r) => r.systemMs / r.pages)),
      wallMsPerPage: median(rs.map((r) => r.wallMs / r.pages)),
      loadCpuMs: median(rs.map((r) => r.loadCpuMs)),
      maxRssMb: median(rs.map((r) => r.maxRssMb)),
      maxRssMbIqr: quartiles(rs.map((r) => r.maxRssMb)),
    };
  }
  // Paired per round, as a cross-check of the ratio of medians.
  const paired = (other) => median(by.ours.map((r, i) => by[other][i].cpuMsPerPage / r.cpuMsPerPage));
  return {
    samples: by,
    stats,
    ratioVsOfficial: stats.official.cpuMsPerPage / stats.ours.cpuMsPerPage,
    ratioVsMinimal: stats.minimal.cpuMsPerPage / stats.ours.cpuMsPerPage,
    ratioVsPopCore: stats.popcore.cpuMsPerPage / stats.ours.cpuMsPerPage,
    pairedRatioVsOfficial: paired("official"),
    pairedRatioVsMinimal: paired("minimal"),
    pairedRatioVsPopCore: paired("popcore"),
  };
}

async function growth100k(url) {
  const kinds = ["ours", "minimal", "official"];
  const by = Object.fromEntries(kinds.map((c) => [c, []]));
  for (let i = 0; i < GROWTH_RUNS; i++) {
    for (const kind of rotate(kinds, i)) {
      const r = await runNode(["list.mjs", kind, url, "items"], {
        cwd: CONSUMER,
        env: { BENCH_DIR: BENCH },
        timeoutMs: 300_000,
      });
      if (r.enis !== ENIS_100K) throw new Error(`${kind} iterated ${r.enis} ENIs`);
      by[kind].push(r);
    }
  }
  const stats = {};
  for (const kind of kinds) {
    const rs = by[kind];
    stats[kind] = {
      rssFirstMb: median(rs.map((r) => r.rssFirstMb)),
      rssEndMb: median(rs.map((r) => r.rssEndMb)),
      rssGrowthMb: median(rs.map((r) => r.rssGrowthMb)),
      rssGrowthIqr: quartiles(rs.map((r) => r.rssGrowthMb)),
      maxRssMb: median(rs.map((r) => r.maxRssMb)),
      heapUsedEndMb: median(rs.map((r) => r.heapUsedEndMb)),
      heapTotalGrowthMb: median(rs.map((r) => r.heapTotalEndMb - r.heapTotalFirstMb)),
      externalGrowthMb: median(rs.map((r) => r.externalEndMb - r.externalFirstMb)),
      wasmMemoryFirstMb: median(rs.map((r) => r.wasmMemoryFirstMb ?? NaN)),
      wasmMemoryEndMb: median(rs.map((r) => r.wasmMemoryEndMb ?? NaN)),
      otherGrowthMb: median(
        rs.map((r) => r.rssGrowthMb - (r.heapTotalEndMb - r.heapTotalFirstMb) - (r.externalEndMb - r.externalFirstMb)),
      ),
      cpuMsPerPage: median(rs.map((r) => r.cpuMs / (ENIS_100K / PAGE))),
    };
  }
  return { samples: by, stats };
}

async function coldstartWorkerd(_pkg) {
  const { Miniflare } = rootRequire("miniflare");
  const miniflareVersion = JSON.parse(readFileSync(rootRequire.resolve("miniflare/package.json"), "utf8")).version;
  const dir = await bundleWorker({
    consumerDir: CONSUMER,
    fixturesDir: FIXTURES,
    outDir: join(OUT, "workerd"),
  });
  const probe = await startProbe();
  const untrack = track(() => probe.close());
  try {
    const modes = ["package", "baseline", "static"];
    const by = Object.fromEntries(modes.map((m) => [m, []]));
    // One unmeasured round first: the first workerd start on a machine reads its binary from disk.
    for (const mode of modes) await workerdSample({ Miniflare, dir, mode, probe, track });
    for (let i = 0; i < WORKERD_RUNS; i++) {
      for (const mode of rotate(modes, i)) by[mode].push(await workerdSample({ Miniflare, dir, mode, probe, track }));
    }
    const m = (mode, key) => median(by[mode].map((r) => r[key]));
    return {
      miniflare: miniflareVersion,
      samples: by,
      packageToRequestMs: m("package", "toRequestMs"),
      packageIqr: quartiles(by.package.map((r) => r.toRequestMs)),
      baselineToRequestMs: m("baseline", "toRequestMs"),
      baselineIqr: quartiles(by.baseline.map((r) => r.toRequestMs)),
      staticToRequestMs: m("static", "toRequestMs"),
      coldstartMs: m("package", "toRequestMs") - m("baseline", "toRequestMs"),
      staticFirstRequestMs: m("static", "toRequestMs") - m("baseline", "toRequestMs"),
      staticStartupDeltaMs: m("static", "startupMs") - m("baseline", "startupMs"),
      baselineStartupMs: m("baseline", "startupMs"),
    };
  } finally {
    untrack();
    await probe.close();
  }
}

/** CPU per page inside workerd: ours vs the minimal Worker, fresh workerd each, interleaved. */
async function workerdCpu(url) {
  const { Miniflare } = rootRequire("miniflare");
  const dir = await bundleWorker({ consumerDir: CONSUMER, fixturesDir: FIXTURES, outDir: join(OUT, "workerd-list") });
  addListWorker({ fixturesDir: FIXTURES, dir });
  const modes = ["ours", "minimal"];
  const by = Object.fromEntries(modes.map((m) => [m, []]));
  for (const mode of modes) await workerdCpuSample({ Miniflare, dir, mode, emulatorUrl: url, track });
  for (let i = 0; i < WORKERD_RUNS; i++) {
    for (const mode of rotate(modes, i)) {
      const r = await workerdCpuSample({ Miniflare, dir, mode, emulatorUrl: url, track });
      if (r.enis !== ENIS_10K || r.pages !== ENIS_10K / PAGE)
        throw new Error(`workerd ${mode} listed ${r.enis} ENIs in ${r.pages} pages`);
      by[mode].push({ ...r, cpuMsPerPage: r.cpuMs / r.pages });
    }
  }
  const stats = Object.fromEntries(
    modes.map((m) => [
      m,
      {
        cpuMsPerPage: median(by[m].map((r) => r.cpuMsPerPage)),
        cpuMsPerPageIqr: quartiles(by[m].map((r) => r.cpuMsPerPage)),
      },
    ]),
  );
  return {
    samples: by,
    stats,
    ratioVsMinimal: stats.minimal.cpuMsPerPage / stats.ours.cpuMsPerPage,
    pairedRatioVsMinimal: median(by.ours.map((r, i) => by.minimal[i].cpuMsPerPage / r.cpuMsPerPage)),
  };
}

async function profiles(url) {
  const dir = join(OUT, "profiles");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const out = {};
  for (const kind of ["ours", "minimal", "official"]) {
    const path = join(dir, `${kind}.cpuprofile`);
    const r = await runNode(["list.mjs", kind, url, "profile", path], { cwd: CONSUMER, env: { BENCH_DIR: BENCH } });
    out[kind] = { ...summarize(path), cpuMsPerPage: r.cpuMsPerPage, path };
  }
  return out;
}

// --- output ---------------------------------------------------------------------------------

const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toString() : "n/a");
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
const iqr = (q, f = f1) => `${f(q[0])}–${f(q[1])}`;

function verdict(name, value) {
  const g = GOALS[name];
  if (!g) return "(reference)";
  if (!Number.isFinite(value)) return "n/a";
  if (g.le !== undefined) return `${value <= g.le ? "PASS" : "FAIL"} (<= ${g.le})`;
  return `${value >= g.ge ? "PASS" : "FAIL"} (>= ${g.ge})`;
}

function report(r) {
  const L = r.list.stats;
  const G = r.growth.stats;
  const figures = [
    [
      "size.total_gzip_bytes",
      r.sizes.totalGzipBytes,
      f0,
      `${RUNTIME_FILES.length} runtime files of the tarball, each gzip -9`,
    ],
    [
      "size.official_gzip_bytes",
      r.sizes.official.gzipBytes,
      f0,
      `esbuild bundle (minified, node) ${f0(r.sizes.official.bundleBytes)} B raw`,
    ],
    [
      "sign.ops_per_s",
      r.sign.oursOpsPerS,
      f0,
      `pop-core ${f0(r.sign.popOpsPerS)} ops/s; ${r.sign.sets} sets of ${r.sign.params[0]}–${r.sign.params[1]} params`,
    ],
    [
      "size.browser_gzip_bytes",
      r.sizes.browser.gzipBytes,
      f0,
      `esbuild browser bundle ${f0(r.sizes.browser.jsGzipBytes)} + wasm ${f0(r.sizes.browser.wasmGzipBytes)} (gzip -9)`,
    ],
    ["sign.ratio_vs_pop_core", r.sign.ratio, f2, `median of ${SIGN_RUNS} processes (8 alternating rounds each)`],
    [
      "sign.v3_ratio_vs_official",
      r.sign3.ratio,
      f2,
      `ours ${f0(r.sign3.oursOpsPerS)} vs openapi-core ${f0(r.sign3.officialOpsPerS)} ops/s`,
    ],
    [
      "list.cpu_ms_per_page",
      L.ours.cpuMsPerPage,
      f2,
      `IQR ${iqr(L.ours.cpuMsPerPageIqr, f2)}; user ${f2(L.ours.userMsPerPage)} + sys ${f2(L.ours.systemMsPerPage)}`,
    ],
    [
      "list.cpu_ratio_vs_official",
      r.list.ratioVsOfficial,
      f2,
      `official ${f2(L.official.cpuMsPerPage)} ms/page; paired ${f2(r.list.pairedRatioVsOfficial)}`,
    ],
    [
      "list.cpu_ratio_vs_minimal",
      r.list.ratioVsMinimal,
      f2,
      `minimal ${f2(L.minimal.cpuMsPerPage)} ms/page; paired ${f2(r.list.pairedRatioVsMinimal)}`,
    ],
    [
      "list.cpu_ratio_vs_pop_core",
      r.list.ratioVsPopCore,
      f2,
      `pop-core ${f2(L.popcore.cpuMsPerPage)} ms/page; paired ${f2(r.list.pairedRatioVsPopCore)}`,
    ],
    [
      "workerd.cpu_ratio_vs_minimal",
      r.workerdCpu.ratioVsMinimal,
      f2,
      `ours ${f2(r.workerdCpu.stats.ours.cpuMsPerPage)}, minimal ${f2(r.workerdCpu.stats.minimal.cpuMsPerPage)} ms/page; paired ${f2(r.workerdCpu.pairedRatioVsMinimal)}`,
    ],
    [
      "coldstart.node_ms",
      r.coldNode.firstRequestMs,
      f2,
      `IQR ${iqr(r.coldNode.firstRequestIqr, f2)}; import alone ${f2(r.coldNode.importMs)} ms`,
    ],
    [
      "coldstart.workerd_ms",
      r.workerd.coldstartMs,
      f2,
      `package ${f2(r.workerd.packageToRequestMs)} - baseline ${f2(r.workerd.baselineToRequestMs)} ms`,
    ],
    [
      "memory.peak_rss_mb_10k",
      L.ours.maxRssMb,
      f1,
      `official ${f1(L.official.maxRssMb)}, minimal ${f1(L.minimal.maxRssMb)}, pop-core ${f1(L.popcore.maxRssMb)} MB`,
    ],
    [
      "memory.rss_growth_mb_100k",
      G.ours.rssGrowthMb,
      f1,
      `RSS ${f1(G.ours.rssFirstMb)} after page 1 -> ${f1(G.ours.rssEndMb)} MB at the end`,
    ],
    [
      "memory.peak_rss_ratio_vs_minimal",
      L.ours.maxRssMb / L.minimal.maxRssMb,
      f2,
      `ours ${f1(L.ours.maxRssMb)} / minimal ${f1(L.minimal.maxRssMb)} MB (10,000 ENIs)`,
    ],
    [
      "memory.growth_ratio_vs_minimal",
      G.ours.rssGrowthMb / G.minimal.rssGrowthMb,
      f2,
      `ours ${f1(G.ours.rssGrowthMb)} / minimal ${f1(G.minimal.rssGrowthMb)} MB (100,000 ENIs)`,
    ],
  ];
  const lines = [];
  lines.push(
    `aliyun-eni ${r.pkg.version} (${r.pkg.tarball}, sha256 ${r.pkg.hash}; built at ${r.git.commit}${r.git.dirty ? " with local changes to its sources" : ""}) on ${r.node}, ${r.machine.cpus} x ${r.machine.cpuModel}`,
  );
  lines.push(`load at start: ${r.machine.uptime}`);
  lines.push(`load at end:   ${r.machineEnd.uptime}`);
  lines.push(
    `samples: ${RUNS} fresh processes per side (list, peak RSS, Node cold start), ${GROWTH_RUNS} (100k growth), ${SIGN_RUNS} (signing), ${WORKERD_RUNS} fresh workerd per mode; medians`,
  );
  lines.push("");
  lines.push(
    table([["figure", "value", "goal", "context"], ...figures.map(([n, v, f, c]) => [n, f(v), verdict(n, v), c])]),
  );
  lines.push("");
  lines.push("List 10,000 ENIs, 500 a page, fresh process per sample (medians; CPU excludes module load):");
  const names = {
    ours: "aliyun-eni",
    official: "official SDK (ecs20140526)",
    minimal: "minimal (crypto+fetch)",
    popcore: "pop-core 1.8.0",
  };
  lines.push(
    table([
      ["client", "CPU ms/page", "IQR", "user", "sys", "wall ms/page", "load CPU ms", "peak RSS MB"],
      ...CLIENTS.map((k) => [
        names[k],
        f2(L[k].cpuMsPerPage),
        iqr(L[k].cpuMsPerPageIqr, f2),
        f2(L[k].userMsPerPage),
        f2(L[k].systemMsPerPage),
        f2(L[k].wallMsPerPage),
        f1(L[k].loadCpuMs),
        f1(L[k].maxRssMb),
      ]),
    ]),
  );
  lines.push("");
  lines.push("Iterate 100,000 ENIs with for await (medians):");
  lines.push(
    table([
      [
        "client",
        "RSS after page 1",
        "RSS at end",
        "growth MB",
        "growth IQR",
        "of it: V8 heap",
        "external",
        "native/other",
        "wasm memory",
        "peak RSS",
        "heap used end",
        "CPU ms/page",
      ],
      ...Object.keys(G).map((k) => [
        names[k],
        f1(G[k].rssFirstMb),
        f1(G[k].rssEndMb),
        f1(G[k].rssGrowthMb),
        iqr(G[k].rssGrowthIqr),
        f1(G[k].heapTotalGrowthMb),
        f1(G[k].externalGrowthMb),
        f1(G[k].otherGrowthMb),
        Number.isFinite(G[k].wasmMemoryEndMb) ? `${f1(G[k].wasmMemoryFirstMb)} -> ${f1(G[k].wasmMemoryEndMb)}` : "",
        f1(G[k].maxRssMb),
        f1(G[k].heapUsedEndMb),
        f2(G[k].cpuMsPerPage),
      ]),
    ]),
  );
  lines.push("");
  lines.push("Cold start and load (medians):");
  lines.push(
    table([
      ["what", "ms", "note"],
      [
        "Node: import() -> first signed request",
        f2(r.coldNode.firstRequestMs),
        `IQR ${iqr(r.coldNode.firstRequestIqr, f2)}; CPU ${f2(r.coldNode.oursCpuMs)} ms`,
      ],
      [
        "Node: import('aliyun-eni') alone",
        f2(r.coldNode.importMs),
        "(then new EcsClient: " + f2(r.coldNode.constructedMs) + " ms from the start)",
      ],
      ["  of which: read the .wasm", f2(r.coldNode.wasmReadMs), "separate processes"],
      [
        "  of which: compile it (new WebAssembly.Module)",
        f2(r.coldNode.wasmCompileMs),
        `${f0(r.sizes.files[0].bytes)} B`,
      ],
      [
        "  of which: the rest of the import",
        f2(r.coldNode.importAfterCompileMs),
        "JS modules, instantiate (module already compiled)",
      ],
      [
        "Node: official SDK require + new Client",
        f1(r.coldNode.officialLoadMs),
        `IQR ${iqr(r.coldNode.officialLoadIqr)}; CPU ${f1(r.coldNode.officialCpuMs)} ms`,
      ],
      [
        "workerd: dynamic import -> first signed request",
        f2(r.workerd.coldstartMs),
        `dispatch->probe ${f2(r.workerd.packageToRequestMs)} (IQR ${iqr(r.workerd.packageIqr, f2)}) minus baseline ${f2(r.workerd.baselineToRequestMs)} (IQR ${iqr(r.workerd.baselineIqr, f2)})`,
      ],
      [
        "workerd: static import, first request",
        f2(r.workerd.staticFirstRequestMs),
        `dispatch->probe ${f2(r.workerd.staticToRequestMs)} minus baseline`,
      ],
      [
        "workerd: static import, startup delta",
        f2(r.workerd.staticStartupDeltaMs),
        `Miniflare ready vs baseline (${f1(r.workerd.baselineStartupMs)} ms)`,
      ],
    ]),
  );
  lines.push("");
  lines.push("Sizes (gzip -9 each):");
  lines.push(
    table([
      ["file", "bytes", "gzip"],
      ...r.sizes.files.map((f) => [f.file, f0(f.bytes), f0(f.gzipBytes)]),
      ["total", f0(r.sizes.files.reduce((a, f) => a + f.bytes, 0)), f0(r.sizes.totalGzipBytes)],
      [
        `browser: esbuild bundle of import "aliyun-eni" (${r.sizes.browser.inputs.join(", ")})`,
        f0(r.sizes.browser.jsBytes),
        f0(r.sizes.browser.jsGzipBytes),
      ],
      ["browser: + the wasm", f0(r.sizes.browser.wasmBytes), f0(r.sizes.browser.wasmGzipBytes)],
      ["browser: total", f0(r.sizes.browser.jsBytes + r.sizes.browser.wasmBytes), f0(r.sizes.browser.gzipBytes)],
      [
        `official bundle (ecs20140526 ${r.sizes.official.ecs20140526}, openapi-core ${r.sizes.official.openapiCore})`,
        f0(r.sizes.official.bundleBytes),
        f0(r.sizes.official.gzipBytes),
      ],
    ]),
  );
  lines.push("");
  lines.push("Signing (ops/s, medians):");
  lines.push(
    table([
      ["signer", "ops/s"],
      ["aliyun-eni rpcSignature", f0(r.sign.oursOpsPerS)],
      ["pop-core normalize+canonicalize+kitx.sha1", f0(r.sign.popOpsPerS)],
      ["ratio (median of per-process ratios)", f2(r.sign.ratio)],
      ["V3: aliyun-eni signRpcRequest (GET, whole signed request)", f0(r.sign3.oursOpsPerS)],
      ["V3: openapi-core headers + Utils.getAuthorization", f0(r.sign3.officialOpsPerS)],
      ["V3: ratio (median of per-process ratios)", f2(r.sign3.ratio)],
    ]),
  );
  lines.push("");
  lines.push(
    `CPU per page inside workerd (Miniflare ${r.workerd.miniflare}; 10,000 ENIs, 500 a page; the first request of a fresh workerd; CPU of all its threads; medians):`,
  );
  lines.push(
    table([
      ["worker", "CPU ms/page", "IQR"],
      ...Object.entries(r.workerdCpu.stats).map(([k, v]) => [
        k === "ours" ? "aliyun-eni" : "minimal (crypto.subtle+fetch)",
        f2(v.cpuMsPerPage),
        iqr(v.cpuMsPerPageIqr, f2),
      ]),
    ]),
  );
  lines.push("");
  lines.push(
    "Where list CPU goes (one profiled page-through each, self time by category, ms; profiles in target/bench/profiles/):",
  );
  const cats = [...new Set(Object.values(r.profiles).flatMap((p) => p.categories.map(([c]) => c)))];
  const get = (k, c) => r.profiles[k].categories.find(([x]) => x === c)?.[1] ?? 0;
  const kinds = Object.keys(r.profiles);
  const rows = cats
    .map((c) => [c, ...kinds.map((k) => get(k, c))])
    .filter((row) => row.slice(1).some((v) => v >= 1))
    .sort((a, b) => b[1] - a[1])
    .map((row) => [row[0], ...row.slice(1).map(f1)]);
  lines.push(
    table([
      ["category", ...kinds.map((k) => names[k])],
      ...rows,
      ["total sampled (incl. idle)", ...kinds.map((k) => f1(r.profiles[k].totalMs))],
    ]),
  );
  lines.push("");
  lines.push(
    "Heaviest frames in aliyun-eni's profile, any code (self ms; its wasm functions are unnamed in the release build:",
  );
  lines.push("`node tests/bench/wasm-sizes.mjs` makes a named build, target/bench/named.wasm):");
  lines.push(table([["frame", "ms"], ...r.profiles.ours.functions.slice(0, 10).map(([k, ms]) => [k, f1(ms)])]));
  lines.push("");
  for (const [n, v, f] of figures) lines.push(`bench ${n} ${f(v)}`);
  return lines.join("\n");
}

// --- main -----------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(join(BENCH, "node_modules", "@alicloud", "ecs20140526"))) {
    throw new Error("tests/bench's packages are missing: run `npm ci --prefix tests/bench` (make bench does)");
  }
  const r = {
    node: execFileSync("node", ["--version"], { encoding: "utf8" }).trim(),
    machine: machine(),
    git: gitState(),
  };
  log(`${r.machine.uptime}`);
  r.pkg = consumer();

  log(`emulator with ${ENIS_10K} ENIs`);
  const emu10k = await startEmulatorProcess(EMULATOR, { enis: ENIS_10K, seed: 1 });

  log(`sizes (${elapsed()})`);
  r.sizes = await sizes(r.pkg, emu10k.url);
  log(`signing: ${SIGN_RUNS} processes (${elapsed()})`);
  r.sign = await sign();
  log(`V3 signing: ${SIGN_RUNS} processes (${elapsed()})`);
  r.sign3 = await sign3();
  log(`Node cold start: ${RUNS} x 3 processes (${elapsed()})`);
  r.coldNode = await coldstartNode();
  log(`list 10k: ${RUNS} rounds of ${CLIENTS.length} processes (${elapsed()})`);
  r.list = await list10k(emu10k.url);
  log(`CPU profiles (${elapsed()})`);
  r.profiles = await profiles(emu10k.url);
  log(`workerd CPU per page: ${WORKERD_RUNS} rounds of 2 fresh Miniflares (${elapsed()})`);
  r.workerdCpu = await workerdCpu(emu10k.url);
  await emu10k.stop();

  log(`emulator with ${ENIS_100K} ENIs (${elapsed()})`);
  const emu100k = await startEmulatorProcess(EMULATOR, { enis: ENIS_100K, seed: 1 });
  log(`100k growth: ${GROWTH_RUNS} rounds of 3 processes (${elapsed()})`);
  r.growth = await growth100k(emu100k.url);
  await emu100k.stop();

  log(`workerd cold start: ${WORKERD_RUNS} rounds of 3 fresh Miniflares (${elapsed()})`);
  r.workerd = await coldstartWorkerd(r.pkg);

  r.machineEnd = machine();
  r.seconds = (performance.now() - started) / 1000;
  writeFileSync(join(OUT, "results.json"), JSON.stringify(r, null, 2) + "\n");
  const text = report(r);
  writeFileSync(join(OUT, "report.txt"), text + "\n");
  console.log(text);
  log(`done in ${elapsed()}; results in target/bench/results.json and target/bench/report.txt`);
}

try {
  await main();
} catch (e) {
  console.error(`bench: failed: ${e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
