// The CLI's time to first output: one fresh process per sample, timed from outside.
//
// `cliSample` spawns `node ARGS` and notes, on this process's clock, the time just before the
// spawn, the first stdout chunk that holds a complete line (the first ndjson line) and the end of
// the process (exit with its stdout closed). It counts the lines as they come and checks them
// only after the end, so that the parent does no parsing while the child runs.
import { spawn } from "node:child_process";
import { adopt } from "./util.mjs";

const NL = 0x0a;

/**
 * Runs one sample. `expect` = { lines, id } checks the output after the run: exactly `lines`
 * lines and, with `id`, each a JSON object with a distinct non-empty string `id`. Resolves
 * { firstOutputMs, totalMs, lines }.
 */
export function cliSample(args, { cwd, env, expect, timeoutMs = 120_000 }) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = adopt(spawn("node", args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] }));
    let tFirst = 0;
    let lines = 0;
    const chunks = [];
    let err = "";
    child.stdout.on("data", (chunk) => {
      if (!tFirst && chunk.includes(NL)) tFirst = performance.now();
      for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, i + 1)) lines++;
      chunks.push(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (c) => (err += c));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")}: not done in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      const tEnd = performance.now();
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`node ${args.join(" ")} exited ${code}\n${err.slice(-2000)}`));
      try {
        if (expect) check(Buffer.concat(chunks).toString("utf8"), lines, expect);
      } catch (e) {
        return reject(new Error(`node ${args.join(" ")}: ${e.message}\n${err.slice(-1000)}`));
      }
      resolve({ firstOutputMs: tFirst - t0, totalMs: tEnd - t0, lines });
    });
  });
}

function check(text, counted, { lines, id }) {
  const all = text.split("\n");
  if (all.pop() !== "") throw new Error("the output does not end with a newline");
  if (all.length !== lines || counted !== lines) throw new Error(`${all.length} lines, not ${lines}`);
  if (!id) return;
  const ids = new Set();
  for (const line of all) {
    const v = JSON.parse(line);
    if (typeof v?.[id] !== "string" || !v[id]) throw new Error(`a line without ${id}: ${line.slice(0, 200)}`);
    ids.add(v[id]);
  }
  if (ids.size !== lines) throw new Error(`${ids.size} distinct ${id}s in ${lines} lines`);
}
