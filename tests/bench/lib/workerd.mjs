// Cold start inside workerd (Miniflare), measured from outside.
//
// workerd freezes Date.now() and performance.now() while a request's JavaScript runs, so the
// worker times nothing itself. Each sample is a fresh Miniflare (a new workerd process) whose
// worker, on its first request, either imports aliyun-eni dynamically and sends its first
// signed request ("package") or sends a plain fetch ("baseline"), both to a probe server in
// this process. This process notes the time it dispatched the request and the time the probe
// saw the worker's request; the figure is median(package) - median(baseline), which leaves the
// import, the client's construction and the signing, and removes Miniflare's dispatch path,
// workerd's request setup and its outbound fetch.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { bundleLikeWrangler } from "../../js/harness.mjs";

const PAGE_BODY = JSON.stringify({
  RequestId: "00000000-0000-0000-0000-000000000000",
  TotalCount: 0,
  NextToken: "",
  NetworkInterfaceSets: { NetworkInterfaceSet: [] },
});

/** Bundles the worker's package module like wrangler; returns the folder Miniflare loads. */
export async function bundleWorker({ consumerDir, fixturesDir, outDir }) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(fixturesDir, "workerd", "eni.mjs"), join(consumerDir, "workerd-eni.mjs"));
  await bundleLikeWrangler({
    consumerDir,
    entry: join(consumerDir, "workerd-eni.mjs"),
    outfile: join(outDir, "eni.js"),
  });
  copyFileSync(join(fixturesDir, "workerd", "worker.mjs"), join(outDir, "worker.js"));
  copyFileSync(join(fixturesDir, "workerd", "worker-static.mjs"), join(outDir, "worker-static.js"));
  return outDir;
}

/** Starts the probe server; `arrival(tag)` resolves with performance.now() when it is hit. */
export async function startProbe() {
  let waiting = null;
  const server = createServer((req, res) => {
    const t = performance.now();
    req.resume();
    res.setHeader("content-type", "application/json;charset=utf-8");
    res.setHeader("date", new Date().toUTCString());
    res.setHeader("connection", "close");
    res.end(PAGE_BODY);
    if (waiting) {
      const w = waiting;
      waiting = null;
      w(t);
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    next: () => new Promise((resolve) => (waiting = resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

/** A fresh Miniflare (a new workerd) running `script` from `dir` with the bundled package's
 * modules (ES modules and the compiled .wasm) and `MODE` bound to `mode`. */
function newWorker(Miniflare, dir, script, mode) {
  return new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: join(dir, script),
    modulesRoot: dir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
    bindings: { MODE: mode },
  });
}

/**
 * One sample: a fresh Miniflare running worker.js in MODE ("package", "baseline"), or
 * worker-static.js ("static"), one request. Returns
 * { toRequestMs, startupMs } (dispatch -> probe; new Miniflare -> ready).
 */
export async function workerdSample({ Miniflare, dir, mode, probe, track }) {
  const t0 = performance.now();
  const mf = newWorker(Miniflare, dir, mode === "static" ? "worker-static.js" : "worker.js", mode);
  const untrack = track(() => mf.dispose());
  try {
    await mf.ready;
    const startupMs = performance.now() - t0;
    const arrived = probe.next();
    const tSend = performance.now();
    const res = await mf.dispatchFetch(`http://worker.test/?probe=${encodeURIComponent(probe.url)}`);
    const text = await res.text();
    if (res.status !== 200 || !text.startsWith(mode))
      throw new Error(`workerd ${mode}: ${res.status} ${text.slice(0, 300)}`);
    const tArrive = await arrived;
    return { toRequestMs: tArrive - tSend, startupMs };
  } finally {
    untrack();
    await mf.dispose();
  }
}

// --- CPU per page inside workerd -------------------------------------------------------------

/** PIDs of this process's children named workerd (Miniflare spawns workerd directly). */
function workerdChildren() {
  const out = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue;
    }
    // pid (comm) state ppid ...; comm may contain spaces, so split after the last ')'.
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    if (ppid === process.pid && comm.startsWith("workerd")) out.push(Number(name));
  }
  return out;
}

/** CPU time of every thread of `pid`, in ms (schedstat: ns on CPU, per thread). */
function cpuMsOf(pid) {
  let ns = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, "utf8").split(" ")[0]);
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return ns / 1e6;
}

/** Copies the CPU-per-page worker next to the bundle bundleWorker() made. */
export function addListWorker({ fixturesDir, dir }) {
  copyFileSync(join(fixturesDir, "workerd", "worker-list.mjs"), join(dir, "worker-list.js"));
}

/**
 * One CPU sample: a fresh Miniflare running worker-list.js in MODE ("ours" or "minimal"), whose
 * first request pages through the emulator at `emulatorUrl`. Returns { cpuMs, enis, pages }:
 * workerd's CPU (all its threads) from just before the request to its response, which includes
 * workerd's HTTP work and the first-request JIT for both modes alike. Linux only (/proc).
 */
export async function workerdCpuSample({ Miniflare, dir, mode, emulatorUrl, track }) {
  const before = new Set(workerdChildren());
  const mf = newWorker(Miniflare, dir, "worker-list.js", mode);
  const untrack = track(() => mf.dispose());
  try {
    await mf.ready;
    const pids = workerdChildren().filter((p) => !before.has(p));
    if (pids.length !== 1) throw new Error(`expected one new workerd process, found ${pids.length}`);
    const [pid] = pids;
    const c0 = cpuMsOf(pid);
    const res = await mf.dispatchFetch(`http://worker.test/?emulator=${encodeURIComponent(emulatorUrl)}`);
    const text = await res.text();
    const cpuMs = cpuMsOf(pid) - c0;
    const m = /^(\w+) (\d+) (\d+)$/.exec(text);
    if (res.status !== 200 || !m || m[1] !== mode)
      throw new Error(`workerd list ${mode}: ${res.status} ${text.slice(0, 300)}`);
    return { cpuMs, enis: Number(m[2]), pages: Number(m[3]) };
  } finally {
    untrack();
    await mf.dispose();
  }
}
