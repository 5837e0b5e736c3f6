// Process plumbing and statistics for the bench runner.
import { spawn } from "node:child_process";

/** Everything started, to stop at the end whatever happens. */
const cleanups = new Set();

/** Registers `stop` (sync or async); returns a function that unregisters it. */
export function track(stop) {
  cleanups.add(stop);
  return () => cleanups.delete(stop);
}

export async function stopAll() {
  const all = [...cleanups].reverse();
  cleanups.clear();
  for (const stop of all) {
    try {
      await stop();
    } catch {
      /* best effort */
    }
  }
}

// Children die with us: a kill on exit covers crashes, signals end the run cleanly.
const children = new Set();
process.on("exit", () => {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {
      /* gone */
    }
  }
});
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    console.error(`bench: ${sig}, stopping`);
    stopAll().finally(() => process.exit(130));
  });
}

/** Kills `child` if this process exits first (as every child of the bench). */
export function adopt(child) {
  children.add(child);
  child.on("close", () => children.delete(child));
  return child;
}

/** Runs `node ARGS` in a fresh process; resolves the JSON of its last stdout line. */
export function runNode(args, { cwd, env = {}, timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn("node", args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (c) => (out += c));
    child.stderr.setEncoding("utf8").on("data", (c) => (err += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")}: no answer in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      children.delete(child);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited ${code}\n${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop()));
      } catch {
        reject(new Error(`node ${args.join(" ")}: no JSON in its output\n${out.slice(-1000)}\n${err.slice(-1000)}`));
      }
    });
  });
}

/** Starts the emulator CLI in its own process; resolves { url, stop() } once it listens. */
export function startEmulatorProcess(script, { enis, seed = 1 }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "node",
      [script, "--host", "127.0.0.1", "--port", "0", "--enis", String(enis), "--seed", String(seed)],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    children.add(child);
    let out = "";
    let err = "";
    let settled = false;
    const exited = new Promise((r) => child.on("close", r));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const t = setTimeout(() => child.kill("SIGKILL"), 3000);
        await exited;
        clearTimeout(t);
      }
      children.delete(child);
    };
    const timer = setTimeout(() => fail(new Error(`emulator (${enis} ENIs) did not start in 60 s`)), 60_000);
    function fail(e) {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop().finally(() => reject(e));
    }
    child.stdout.setEncoding("utf8").on("data", (c) => {
      out += c;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m && !settled) {
        settled = true;
        clearTimeout(timer);
        const untrack = track(stop);
        resolve({ url: m[1], pid: child.pid, stop: () => (untrack(), stop()) });
      }
    });
    child.stderr.setEncoding("utf8").on("data", (c) => (err += c));
    child.on("close", (code) => fail(new Error(`emulator exited ${code} before listening\n${err.slice(-1000)}`)));
    child.on("error", fail);
  });
}

export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The middle half's spread: [25th, 75th] percentile (nearest rank). */
export function quartiles(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return [NaN, NaN];
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.round(p * (s.length - 1))))];
  return [at(0.25), at(0.75)];
}

/** Rotates `list` by `i`: each round starts with a different side. */
export function rotate(list, i) {
  const k = i % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

/** A plain-text table; `rows` are arrays of cells, the first row the header. */
export function table(rows) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? "").length)));
  const line = (r) =>
    r
      .map((cell, c) => (c === 0 ? String(cell ?? "").padEnd(widths[c]) : String(cell ?? "").padStart(widths[c])))
      .join("  ");
  return [line(rows[0]), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}
