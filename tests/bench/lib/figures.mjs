// The bench's figures: every `bench NAME VALUE` line, its goal, and the peers' figures beside
// it, computed from one run's results (what run.mjs writes to target/bench/results.json). Shared
// by run.mjs (the report) and table.mjs (the README's table).

// Goals: issue 16 (performance); the three figures issue 16 does not name keep issue 7's goal.
// Where both issues name a figure, issue 16's goal is the one in force.
export const GOALS = {
  "list.cpu_ratio_vs_minimal": { ge: 0.9, issue: 16 },
  "list.cpu_ratio_vs_pop_core": { ge: 1.25, issue: 16 },
  "list.cpu_ratio_vs_official": { ge: 1.25, issue: 16 },
  "workerd.cpu_ratio_vs_minimal": { ge: 0.9, issue: 16 },
  "size.browser_gzip_bytes": { le: 40960, issue: 16 },
  "coldstart.node_ms": { le: 10, issue: 16 },
  "coldstart.workerd_ms": { le: 5, issue: 16 },
  "memory.peak_rss_ratio_vs_minimal": { le: 1.03, issue: 16 },
  "memory.growth_ratio_vs_minimal": { le: 1.05, issue: 16 },
  "sign.ratio_vs_pop_core": { ge: 2.0, issue: 16 },
  "sign.v3_ratio_vs_official": { ge: 2.0, issue: 16 },
  "size.total_gzip_bytes": { le: 40960, issue: 7 },
  "memory.peak_rss_mb_10k": { le: 95, issue: 7 },
  "memory.rss_growth_mb_100k": { le: 30, issue: 7 },
};

export const f0 = (x) => (Number.isFinite(x) ? Math.round(x).toString() : "n/a");
export const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");
export const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : "n/a");
export const iqr = (q, f = f1) => (q ? `${f(q[0])}–${f(q[1])}` : "n/a");

/** "<= 40960" / ">= 0.9"; "" for a reference figure. */
export function goalText(name) {
  const g = GOALS[name];
  if (!g) return "";
  return g.le !== undefined ? `<= ${g.le}` : `>= ${g.ge}`;
}

/** "PASS", "MISS", "n/a" (not measured) or "" (a reference figure, no goal). */
export function holds(name, value) {
  const g = GOALS[name];
  if (!g) return "";
  if (!Number.isFinite(value)) return "n/a";
  return (g.le !== undefined ? value <= g.le : value >= g.ge) ? "PASS" : "MISS";
}

/** The report's goal column: "PASS (>= 0.9)", "MISS (<= 10)", "(reference)". */
export function verdict(name, value) {
  return GOALS[name] ? `${holds(name, value)} (${goalText(name)})` : "(reference)";
}

/**
 * Every figure the results hold, in the order the report prints them. Each is
 * { name, value, fmt, context, ours, peers }: `context` for the report, `ours` and `peers` (what
 * the figure compares) for the README's table. A section that did not run (BENCH_ONLY) gives no
 * figures.
 */
export function figures(r) {
  const out = [];
  const add = (name, value, fmt, context, ours = "", peers = "") =>
    out.push({ name, value, fmt, context, ours, peers });
  const S = r.sizes;
  if (S) {
    add(
      "size.total_gzip_bytes",
      S.totalGzipBytes,
      f0,
      `${S.files.length} runtime files of the tarball, each gzip -9`,
      `${S.files.length} files, ${f0(S.totalGzipBytes)} B`,
      `official SDK bundle ${f0(S.official.gzipBytes)} B`,
    );
    add(
      "size.official_gzip_bytes",
      S.official.gzipBytes,
      f0,
      `esbuild bundle (minified, node) ${f0(S.official.bundleBytes)} B raw`,
      "",
      `official SDK bundle ${f0(S.official.gzipBytes)} B`,
    );
  }
  if (r.sign)
    add(
      "sign.ops_per_s",
      r.sign.oursOpsPerS,
      f0,
      `pop-core ${f0(r.sign.popOpsPerS)} ops/s; ${r.sign.sets} sets of ${r.sign.params[0]}–${r.sign.params[1]} params`,
      `${f0(r.sign.oursOpsPerS)} ops/s (V1)`,
      `pop-core ${f0(r.sign.popOpsPerS)} ops/s`,
    );
  if (S)
    add(
      "size.browser_gzip_bytes",
      S.browser.gzipBytes,
      f0,
      `esbuild browser bundle ${f0(S.browser.jsGzipBytes)} + wasm ${f0(S.browser.wasmGzipBytes)} (gzip -9)`,
      `JS ${f0(S.browser.jsGzipBytes)} + wasm ${f0(S.browser.wasmGzipBytes)} B`,
      "",
    );
  if (r.sign)
    add(
      "sign.ratio_vs_pop_core",
      r.sign.ratio,
      f2,
      `median of ${r.sign.samples.length} processes (8 alternating rounds each)`,
      `${f0(r.sign.oursOpsPerS)} ops/s`,
      `pop-core ${f0(r.sign.popOpsPerS)} ops/s`,
    );
  if (r.sign3)
    add(
      "sign.v3_ratio_vs_official",
      r.sign3.ratio,
      f2,
      `ours ${f0(r.sign3.oursOpsPerS)} vs openapi-core ${f0(r.sign3.officialOpsPerS)} ops/s`,
      `${f0(r.sign3.oursOpsPerS)} ops/s (V3)`,
      `official ${f0(r.sign3.officialOpsPerS)} ops/s`,
    );
  const L = r.list?.stats;
  if (L) {
    const ms = (k) => `${f2(L[k].cpuMsPerPage)} ms/page`;
    add(
      "list.cpu_ms_per_page",
      L.ours.cpuMsPerPage,
      f2,
      `IQR ${iqr(L.ours.cpuMsPerPageIqr, f2)}; user ${f2(L.ours.userMsPerPage)} + sys ${f2(L.ours.systemMsPerPage)}`,
      ms("ours"),
      `official ${ms("official")}, minimal ${ms("minimal")}, pop-core ${ms("popcore")}`,
    );
    add(
      "list.cpu_ratio_vs_official",
      r.list.ratioVsOfficial,
      f2,
      `official ${ms("official")}; paired ${f2(r.list.pairedRatioVsOfficial)}`,
      ms("ours"),
      `official (V3) ${ms("official")}`,
    );
    add(
      "list.cpu_ratio_vs_minimal",
      r.list.ratioVsMinimal,
      f2,
      `minimal ${ms("minimal")}; paired ${f2(r.list.pairedRatioVsMinimal)}`,
      ms("ours"),
      `minimal (V3) ${ms("minimal")}`,
    );
    add(
      "list.cpu_ratio_vs_pop_core",
      r.list.ratioVsPopCore,
      f2,
      `pop-core ${ms("popcore")}; paired ${f2(r.list.pairedRatioVsPopCore)}`,
      ms("ours"),
      `pop-core (V1) ${ms("popcore")}`,
    );
  }
  const W = r.workerdCpu;
  if (W)
    add(
      "workerd.cpu_ratio_vs_minimal",
      W.ratioVsMinimal,
      f2,
      `ours ${f2(W.stats.ours.cpuMsPerPage)}, minimal ${f2(W.stats.minimal.cpuMsPerPage)} ms/page; paired ${f2(W.pairedRatioVsMinimal)}`,
      `${f2(W.stats.ours.cpuMsPerPage)} ms/page`,
      `minimal Worker ${f2(W.stats.minimal.cpuMsPerPage)} ms/page`,
    );
  const C = r.coldNode;
  if (C)
    add(
      "coldstart.node_ms",
      C.firstRequestMs,
      f2,
      `IQR ${iqr(C.firstRequestIqr, f2)}; import alone ${f2(C.importMs)} ms`,
      `${f2(C.firstRequestMs)} ms (import ${f2(C.importMs)})`,
      `official SDK require + new Client ${f1(C.officialLoadMs)} ms (no request)`,
    );
  if (r.workerd)
    add(
      "coldstart.workerd_ms",
      r.workerd.coldstartMs,
      f2,
      `package ${f2(r.workerd.packageToRequestMs)} - baseline ${f2(r.workerd.baselineToRequestMs)} ms`,
      `${f2(r.workerd.packageToRequestMs)} − baseline ${f2(r.workerd.baselineToRequestMs)} ms`,
      "",
    );
  const G = r.growth?.stats;
  if (L)
    add(
      "memory.peak_rss_mb_10k",
      L.ours.maxRssMb,
      f1,
      `official ${f1(L.official.maxRssMb)}, minimal ${f1(L.minimal.maxRssMb)}, pop-core ${f1(L.popcore.maxRssMb)} MB`,
      `${f1(L.ours.maxRssMb)} MB`,
      `official ${f1(L.official.maxRssMb)}, minimal ${f1(L.minimal.maxRssMb)}, pop-core ${f1(L.popcore.maxRssMb)} MB`,
    );
  if (G)
    add(
      "memory.rss_growth_mb_100k",
      G.ours.rssGrowthMb,
      f1,
      `RSS ${f1(G.ours.rssFirstMb)} after page 1 -> ${f1(G.ours.rssEndMb)} MB at the end`,
      `${f1(G.ours.rssGrowthMb)} MB`,
      `minimal ${f1(G.minimal.rssGrowthMb)}, official ${f1(G.official.rssGrowthMb)} MB`,
    );
  if (L)
    add(
      "memory.peak_rss_ratio_vs_minimal",
      L.ours.maxRssMb / L.minimal.maxRssMb,
      f2,
      `ours ${f1(L.ours.maxRssMb)} / minimal ${f1(L.minimal.maxRssMb)} MB (10,000 ENIs)`,
      `${f1(L.ours.maxRssMb)} MB`,
      `minimal ${f1(L.minimal.maxRssMb)} MB`,
    );
  if (G)
    add(
      "memory.growth_ratio_vs_minimal",
      G.ours.rssGrowthMb / G.minimal.rssGrowthMb,
      f2,
      `ours ${f1(G.ours.rssGrowthMb)} / minimal ${f1(G.minimal.rssGrowthMb)} MB (100,000 ENIs)`,
      `${f1(G.ours.rssGrowthMb)} MB`,
      `minimal ${f1(G.minimal.rssGrowthMb)} MB`,
    );
  const K = r.cli?.stats;
  if (K) {
    const node = `node alone ${f1(K.node.firstOutputMs)} ms`;
    add(
      "cli.first_output_ms",
      K.ours.firstOutputMs,
      f1,
      `IQR ${iqr(K.ours.firstOutputIqr)}; spawn -> first ndjson line; ${node}`,
      `${f1(K.ours.firstOutputMs)} ms`,
      `official-SDK script ${f1(K.official.firstOutputMs)} ms; ${node}`,
    );
    add(
      "cli.first_output_ms_official",
      K.official.firstOutputMs,
      f1,
      `IQR ${iqr(K.official.firstOutputIqr)}; the official SDK script, streaming`,
      "",
      `official-SDK script ${f1(K.official.firstOutputMs)} ms`,
    );
    add(
      "cli.first_output_ratio_vs_official",
      r.cli.firstOutputRatioVsOfficial,
      f2,
      `official ${f1(K.official.firstOutputMs)} / ours ${f1(K.ours.firstOutputMs)} ms; paired ${f2(r.cli.pairedFirstOutputRatio)}`,
      `${f1(K.ours.firstOutputMs)} ms`,
      `official-SDK script ${f1(K.official.firstOutputMs)} ms`,
    );
    add(
      "cli.total_ms",
      K.ours.totalMs,
      f1,
      `IQR ${iqr(K.ours.totalIqr)}; spawn -> exit, ${r.cli.enis} ENIs`,
      `${f1(K.ours.totalMs)} ms`,
      `official-SDK script ${f1(K.official.totalMs)} ms`,
    );
    add(
      "cli.total_ms_official",
      K.official.totalMs,
      f1,
      `IQR ${iqr(K.official.totalIqr)}`,
      "",
      `official-SDK script ${f1(K.official.totalMs)} ms`,
    );
    add(
      "cli.total_ratio_vs_official",
      r.cli.totalRatioVsOfficial,
      f2,
      `official ${f1(K.official.totalMs)} / ours ${f1(K.ours.totalMs)} ms; paired ${f2(r.cli.pairedTotalRatio)}`,
      `${f1(K.ours.totalMs)} ms`,
      `official-SDK script ${f1(K.official.totalMs)} ms`,
    );
  }
  return out;
}
