// The aliyun-eni benchmark suite (issues 7 and 16): `make bench`, or `node tests/bench/run.mjs`
// once `make pack` has run and tests/bench's packages are installed.
//
// Prints a table and one `bench NAME VALUE` line per figure; writes everything it measured to
// target/bench/results.json, the report to target/bench/report.txt and the CPU profiles to
// target/bench/profiles/. What each figure is and how it is measured: tests/bench/README.md.
// `node tests/bench/table.mjs` turns results.json into the README's markdown table.
//
// Environment: BENCH_RUNS (fresh processes per side for list, memory and cold start; default 24),
// BENCH_SIGN_RUNS (default 7), BENCH_GROWTH_RUNS (default 7), BENCH_WORKERD_RUNS (default 18),
// BENCH_CLI_RUNS (default 12). BENCH_ONLY=section,... runs only those sections (SECTIONS below)
// and writes results.partial.json and report.partial.txt instead, leaving a full run's files.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { cliSample } from "./lib/cli.mjs";
import { f0, f1, f2, figures, GOALS, goalText, holds, iqr, verdict } from "./lib/figures.mjs";
import { summarize } from "./lib/profile.mjs";
import { runtimeFiles } from "./lib/runtime-files.mjs";
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
const RUNS = count("BENCH_RUNS", 24);
const SIGN_RUNS = count("BENCH_SIGN_RUNS", 7);
const GROWTH_RUNS = count("BENCH_GROWTH_RUNS", 7);
const WORKERD_RUNS = count("BENCH_WORKERD_RUNS", 18);
const CLI_RUNS = count("BENCH_CLI_RUNS", 12);
const ENIS_10K = 10_000;
const ENIS_100K = 100_000;
const PAGE = 500;
const REGION = "cn-hangzhou";

/** The parts of a run, in the order they run; BENCH_ONLY picks some. */
const SECTIONS = ["sizes", "sign", "sign3", "coldnode", "list", "cli", "profiles", "workerdcpu", "growth", "workerd"];
const ONLY = process.env.BENCH_ONLY
  ? new Set(
      process.env.BENCH_ONLY.split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
  : null;
for (const s of ONLY ?? [])
  if (!SECTIONS.includes(s)) throw new Error(`BENCH_ONLY: unknown section ${s} (sections: ${SECTIONS.join(", ")})`);
const want = (section) => !ONLY || ONLY.has(section);

/** Issue 7's six runtime files: the sizes table keeps their sum, to compare with earlier runs. */
const ISSUE7_FILES = ["aliyun_eni_bg.wasm", "aliyun_eni.js", "runtime.js", "node.js", "workerd.js", "browser.js"];

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
  const files = runtimeFiles(pkg.packageDir).map((f) => {
    const buf = readFileSync(join(pkg.packageDir, f));
    return { file: f, bytes: buf.length, gzipBytes: gz(buf) };
  });
  const total = files.reduce((a, f) => a + f.gzipBytes, 0);
  const issue7 = files.filter((f) => ISSUE7_FILES.includes(f.file));

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
    issue7: {
      files: issue7.map((f) => f.file),
      bytes: issue7.reduce((a, f) => a + f.bytes, 0),
      gzipBytes: issue7.reduce((a, f) => a + f.gzipBytes, 0),
    },
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
  const emitted = readdirSync(dir).filter((f) => f.endsWith(".wasm"));
  // The wasm the browser entry fetches: the one the bundle emitted, else the package's own.
  const shipped = runtimeFiles(pkg.packageDir).filter((f) => f.endsWith(".wasm"));
  if (!emitted.length && shipped.length !== 1) throw new Error(`expected one .wasm in the package: ${shipped}`);
  const wasmBuf = readFileSync(emitted.length ? join(dir, emitted[0]) : join(pkg.packageDir, shipped[0]));
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

/**
 * The CLI's time to first output: `aliyun-eni list --output ndjson` (the package's bin, as the
 * consumer installed it) against the official SDK in a script that prints each ENI as ndjson as
 * it pages (fixtures/official-cli.cjs), both fresh processes spawned as `node FILE ...`, both
 * with the credentials in the environment, the same emulator, region, endpoint and page size.
 * `node` alone (a script that prints one line) runs in the same rounds, for context.
 */
async function cli(url) {
  const bin = join(CONSUMER, "node_modules", ".bin", "aliyun-eni");
  if (!existsSync(bin)) throw new Error("the package's bin (aliyun-eni) is not installed in target/bench/consumer");
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^ALIBABA_CLOUD_|^ALICLOUD_/.test(k)) delete env[k];
  Object.assign(env, {
    ALIBABA_CLOUD_ACCESS_KEY_ID: "emulator-key-id",
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: "emulator-key-secret",
    NO_COLOR: "1",
  });
  const common = ["--region", REGION, "--endpoint", url, "--max-results", String(PAGE)];
  const eniLines = { lines: ENIS_10K, id: "networkInterfaceId" };
  const kinds = {
    ours: { args: [realpathSync(bin), "list", "--output", "ndjson", ...common], expect: eniLines },
    official: { args: [join(FIXTURES, "official-cli.cjs"), ...common], expect: eniLines },
    node: { args: ["-e", 'process.stdout.write("{}\\n")'], expect: { lines: 1 } },
  };
  const sample = (k) => cliSample(kinds[k].args, { cwd: CONSUMER, env, expect: kinds[k].expect });
  const names = Object.keys(kinds);
  // One unmeasured round: the first start of each reads its files from disk.
  for (const k of names) await sample(k);
  const by = Object.fromEntries(names.map((k) => [k, []]));
  for (let i = 0; i < CLI_RUNS; i++) for (const k of rotate(names, i)) by[k].push(await sample(k));
  const stats = Object.fromEntries(
    names.map((k) => [
      k,
      {
        firstOutputMs: median(by[k].map((s) => s.firstOutputMs)),
        firstOutputIqr: quartiles(by[k].map((s) => s.firstOutputMs)),
        totalMs: median(by[k].map((s) => s.totalMs)),
        totalIqr: quartiles(by[k].map((s) => s.totalMs)),
      },
    ]),
  );
  const paired = (key) => median(by.ours.map((s, i) => by.official[i][key] / s[key]));
  return {
    samples: by,
    stats,
    enis: ENIS_10K,
    command: `aliyun-eni list --output ndjson ${common.join(" ").replace(url, "URL")}`,
    firstOutputRatioVsOfficial: stats.official.firstOutputMs / stats.ours.firstOutputMs,
    totalRatioVsOfficial: stats.official.totalMs / stats.ours.totalMs,
    pairedFirstOutputRatio: paired("firstOutputMs"),
    pairedTotalRatio: paired("totalMs"),
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
    miniflare: JSON.parse(readFileSync(rootRequire.resolve("miniflare/package.json"), "utf8")).version,
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

const NAMES = {
  ours: "aliyun-eni",
  official: "official SDK (ecs20140526)",
  minimal: "minimal (crypto+fetch)",
  popcore: "pop-core 1.8.0",
};

/** The report: the figures with their goals, then one table per section that ran. */
function report(r) {
  const figs = figures(r);
  const lines = [];
  lines.push(
    `aliyun-eni ${r.pkg.version} (${r.pkg.tarball}, sha256 ${r.pkg.hash}; built at ${r.git.commit}${r.git.dirty ? " with local changes to its sources" : ""}) on ${r.node}, ${r.machine.cpus} x ${r.machine.cpuModel}`,
  );
  lines.push(`load at start: ${r.machine.uptime}`);
  lines.push(`load at end:   ${r.machineEnd.uptime}`);
  if (r.sectionSeconds)
    lines.push(
      `took ${f0(r.seconds)} s: ${Object.entries(r.sectionSeconds)
        .map(([k, v]) => `${k} ${f0(v)}`)
        .join(", ")} (s)`,
    );
  lines.push(
    `samples: ${r.runs.list} fresh processes per side (list, peak RSS, Node cold start), ${r.runs.growth} (100k growth), ${r.runs.sign} (signing), ${r.runs.workerd} fresh workerd per mode, ${r.runs.cli} per CLI; medians` +
      (r.only ? `; only: ${r.only.join(", ")}` : ""),
  );
  lines.push("");
  lines.push(
    table([
      ["figure", "value", "goal", "context"],
      ...figs.map((x) => [x.name, x.fmt(x.value), verdict(x.name, x.value), x.context]),
    ]),
  );
  lines.push("");
  const goals = figs.filter((x) => GOALS[x.name]);
  const by = (issue) => goals.filter((x) => GOALS[x.name].issue === issue);
  for (const issue of [16, 7]) {
    const list = by(issue);
    if (!list.length) continue;
    const pass = list.filter((x) => holds(x.name, x.value) === "PASS");
    const miss = list.filter((x) => holds(x.name, x.value) !== "PASS");
    lines.push(
      `Goals of issue ${issue}${issue === 7 ? " (the figures issue 16 does not name)" : ""}: ${pass.length} of ${list.length} PASS` +
        (pass.length ? ` (${pass.map((x) => x.name).join(", ")})` : "") +
        (miss.length
          ? `; MISS: ${miss.map((x) => `${x.name} ${x.fmt(x.value)} (${goalText(x.name)})`).join(", ")}`
          : ""),
    );
  }
  const L = r.list?.stats;
  if (L) {
    lines.push("");
    lines.push("List 10,000 ENIs, 500 a page, fresh process per sample (medians; CPU excludes module load):");
    lines.push(
      table([
        ["client", "CPU ms/page", "IQR", "user", "sys", "wall ms/page", "load CPU ms", "peak RSS MB"],
        ...CLIENTS.map((k) => [
          NAMES[k],
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
  }
  const K = r.cli?.stats;
  if (K) {
    lines.push("");
    lines.push(
      `CLI, ${r.cli.command} (fresh processes; ms from spawn, medians; the same ${r.cli.enis.toLocaleString("en")} ENIs):`,
    );
    const cliNames = {
      ours: "aliyun-eni list --output ndjson",
      official: "official SDK script, ndjson as it pages",
      node: "node alone (prints one line)",
    };
    lines.push(
      table([
        ["process", "first line ms", "IQR", "whole run ms", "IQR"],
        ...Object.keys(K).map((k) => [
          cliNames[k] ?? k,
          f1(K[k].firstOutputMs),
          iqr(K[k].firstOutputIqr),
          f1(K[k].totalMs),
          iqr(K[k].totalIqr),
        ]),
      ]),
    );
  }
  const G = r.growth?.stats;
  if (G) {
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
          NAMES[k],
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
  }
  const C = r.coldNode;
  const WD = r.workerd;
  if (C || WD) {
    lines.push("");
    lines.push("Cold start and load (medians):");
    const rows = [["what", "ms", "note"]];
    if (C) {
      const wasm = r.sizes?.files.find((f) => f.file.endsWith(".wasm"));
      rows.push(
        [
          "Node: import() -> first signed request",
          f2(C.firstRequestMs),
          `IQR ${iqr(C.firstRequestIqr, f2)}; CPU ${f2(C.oursCpuMs)} ms`,
        ],
        [
          "Node: import('aliyun-eni') alone",
          f2(C.importMs),
          "(then new EcsClient: " + f2(C.constructedMs) + " ms from the start)",
        ],
        ["  of which: read the .wasm", f2(C.wasmReadMs), "separate processes"],
        ["  of which: compile it (new WebAssembly.Module)", f2(C.wasmCompileMs), wasm ? `${f0(wasm.bytes)} B` : ""],
        [
          "  of which: the rest of the import",
          f2(C.importAfterCompileMs),
          "JS modules, instantiate (module already compiled)",
        ],
        [
          "Node: official SDK require + new Client",
          f1(C.officialLoadMs),
          `IQR ${iqr(C.officialLoadIqr)}; CPU ${f1(C.officialCpuMs)} ms`,
        ],
      );
    }
    if (WD) {
      rows.push(
        [
          "workerd: dynamic import -> first signed request",
          f2(WD.coldstartMs),
          `dispatch->probe ${f2(WD.packageToRequestMs)} (IQR ${iqr(WD.packageIqr, f2)}) minus baseline ${f2(WD.baselineToRequestMs)} (IQR ${iqr(WD.baselineIqr, f2)})`,
        ],
        [
          "workerd: static import, first request",
          f2(WD.staticFirstRequestMs),
          `dispatch->probe ${f2(WD.staticToRequestMs)} minus baseline`,
        ],
        [
          "workerd: static import, startup delta",
          f2(WD.staticStartupDeltaMs),
          `Miniflare ready vs baseline (${f1(WD.baselineStartupMs)} ms)`,
        ],
      );
    }
    lines.push(table(rows));
  }
  const S = r.sizes;
  if (S) {
    lines.push("");
    lines.push("Sizes (gzip -9 each):");
    lines.push(
      table([
        ["file", "bytes", "gzip"],
        ...S.files.map((f) => [f.file, f0(f.bytes), f0(f.gzipBytes)]),
        [
          `total: every runtime file (${S.files.length})`,
          f0(S.files.reduce((a, f) => a + f.bytes, 0)),
          f0(S.totalGzipBytes),
        ],
        [
          `  issue 7's six files (${S.issue7.files.length} found; earlier runs' total)`,
          f0(S.issue7.bytes),
          f0(S.issue7.gzipBytes),
        ],
        [
          `browser: esbuild bundle of import "aliyun-eni" (${S.browser.inputs.join(", ")})`,
          f0(S.browser.jsBytes),
          f0(S.browser.jsGzipBytes),
        ],
        ["browser: + the wasm", f0(S.browser.wasmBytes), f0(S.browser.wasmGzipBytes)],
        ["browser: total", f0(S.browser.jsBytes + S.browser.wasmBytes), f0(S.browser.gzipBytes)],
        [
          `official bundle (ecs20140526 ${S.official.ecs20140526}, openapi-core ${S.official.openapiCore})`,
          f0(S.official.bundleBytes),
          f0(S.official.gzipBytes),
        ],
      ]),
    );
  }
  if (r.sign || r.sign3) {
    lines.push("");
    lines.push("Signing (ops/s, medians):");
    const rows = [["signer", "ops/s"]];
    if (r.sign)
      rows.push(
        ["aliyun-eni rpcSignature", f0(r.sign.oursOpsPerS)],
        ["pop-core normalize+canonicalize+kitx.sha1", f0(r.sign.popOpsPerS)],
        ["ratio (median of per-process ratios)", f2(r.sign.ratio)],
      );
    if (r.sign3)
      rows.push(
        ["V3: aliyun-eni signRpcRequest (GET, whole signed request)", f0(r.sign3.oursOpsPerS)],
        ["V3: openapi-core headers + Utils.getAuthorization", f0(r.sign3.officialOpsPerS)],
        ["V3: ratio (median of per-process ratios)", f2(r.sign3.ratio)],
      );
    lines.push(table(rows));
  }
  if (r.workerdCpu) {
    lines.push("");
    lines.push(
      `CPU per page inside workerd (Miniflare ${r.workerdCpu.miniflare}; 10,000 ENIs, 500 a page; the first request of a fresh workerd; CPU of all its threads; medians):`,
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
  }
  if (r.profiles) {
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
        ["category", ...kinds.map((k) => NAMES[k])],
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
  }
  lines.push("");
  for (const x of figs) lines.push(`bench ${x.name} ${x.fmt(x.value)}`);
  return lines.join("\n");
}

// --- main -----------------------------------------------------------------------------------

async function main() {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync(join(BENCH, "node_modules", "@alicloud", "ecs20140526"))) {
    throw new Error("tests/bench's packages are missing: run `npm ci --prefix tests/bench` (make bench does)");
  }
  const r = {
    date: new Date().toISOString(),
    node: execFileSync("node", ["--version"], { encoding: "utf8" }).trim(),
    machine: machine(),
    git: gitState(),
    runs: { list: RUNS, sign: SIGN_RUNS, growth: GROWTH_RUNS, workerd: WORKERD_RUNS, cli: CLI_RUNS },
    only: ONLY ? SECTIONS.filter(want) : undefined,
  };
  log(`${r.machine.uptime}`);
  r.pkg = consumer();

  // The 10,000-ENI emulator, for the sections that talk to it (sizes runs the official bundle).
  let emu10k = null;
  if (["sizes", "list", "cli", "profiles", "workerdcpu"].some(want)) {
    log(`emulator with ${ENIS_10K} ENIs`);
    emu10k = await startEmulatorProcess(EMULATOR, { enis: ENIS_10K, seed: 1 });
  }
  // Runs one section when it is wanted: logs it, keeps its result in r[key] and its duration.
  r.sectionSeconds = {};
  const step = async (section, key, what, fn) => {
    if (!want(section)) return;
    log(`${what} (${elapsed()})`);
    const t0 = performance.now();
    r[key] = await fn();
    r.sectionSeconds[section] = (performance.now() - t0) / 1000;
  };
  await step("sizes", "sizes", "sizes", () => sizes(r.pkg, emu10k.url));
  await step("sign", "sign", `signing: ${SIGN_RUNS} processes`, sign);
  await step("sign3", "sign3", `V3 signing: ${SIGN_RUNS} processes`, sign3);
  await step("coldnode", "coldNode", `Node cold start: ${RUNS} x 3 processes`, coldstartNode);
  await step("list", "list", `list 10k: ${RUNS} rounds of ${CLIENTS.length} processes`, () => list10k(emu10k.url));
  await step("cli", "cli", `CLI time to first output: ${CLI_RUNS} rounds of 3 processes`, () => cli(emu10k.url));
  await step("profiles", "profiles", "CPU profiles", () => profiles(emu10k.url));
  await step("workerdcpu", "workerdCpu", `workerd CPU per page: ${WORKERD_RUNS} rounds of 2 fresh Miniflares`, () =>
    workerdCpu(emu10k.url),
  );
  await emu10k?.stop();
  await step("growth", "growth", `100k growth: ${GROWTH_RUNS} rounds of 3 processes`, async () => {
    log(`emulator with ${ENIS_100K} ENIs`);
    const emu100k = await startEmulatorProcess(EMULATOR, { enis: ENIS_100K, seed: 1 });
    try {
      return await growth100k(emu100k.url);
    } finally {
      await emu100k.stop();
    }
  });
  await step("workerd", "workerd", `workerd cold start: ${WORKERD_RUNS} rounds of 3 fresh Miniflares`, () =>
    coldstartWorkerd(r.pkg),
  );

  r.machineEnd = machine();
  r.seconds = (performance.now() - started) / 1000;
  r.figures = figures(r).map((x) => ({
    name: x.name,
    value: x.value,
    text: x.fmt(x.value),
    goal: goalText(x.name) || null,
    issue: GOALS[x.name]?.issue ?? null,
    holds: holds(x.name, x.value) || null,
    ours: x.ours,
    peers: x.peers,
  }));
  const suffix = ONLY ? ".partial" : "";
  writeFileSync(join(OUT, `results${suffix}.json`), JSON.stringify(r, null, 2) + "\n");
  const text = report(r);
  writeFileSync(join(OUT, `report${suffix}.txt`), text + "\n");
  console.log(text);
  log(`done in ${elapsed()}; results in target/bench/results${suffix}.json and target/bench/report${suffix}.txt`);
}

try {
  await main();
} catch (e) {
  console.error(`bench: failed: ${e?.stack ?? e}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
