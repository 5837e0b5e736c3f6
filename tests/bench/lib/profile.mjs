// Sums a V8 CPU profile's self time by where it goes: aliyun-eni's wasm, its wasm-bindgen glue
// and runtime.js, fetch (undici, with its llhttp wasm), Node internals, TextDecoder, the other
// clients' own JS, GC, idle (waiting for the emulator). Frames without a script (V8 builtins
// and natives such as a socket write) count for the nearest caller that has one.
import { readFileSync } from "node:fs";

const isWasm = (cf) => cf.url.startsWith("wasm://") || /^(wasm-function|js-to-wasm|wasm-to-js)/.test(cf.functionName);

function own(cf) {
  const { functionName: fn, url } = cf;
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(idle)") return "idle (waiting for the server)";
  if (fn === "(program)") return "(program): V8/native outside JS";
  if (fn === "(root)") return "(root)";
  if (/aliyun-eni\/aliyun_eni\.js$/.test(url)) return "aliyun-eni: wasm-bindgen glue (aliyun_eni.js)";
  if (/aliyun-eni\/runtime\.js$/.test(url)) return "aliyun-eni: runtime.js (send, paginator)";
  // Any other module of the package by its file name (credentials.js, bulk.js, a decode.js...).
  const file = /aliyun-eni\/([^/]+)$/.exec(url);
  if (file) return `aliyun-eni: ${file[1]}`;
  if (/aliyun-eni\//.test(url)) return "aliyun-eni: other JS";
  if (/undici/.test(url)) return "fetch: undici (JS and its llhttp wasm)";
  if (url === "node:internal/encoding") return "TextDecoder/TextEncoder";
  if (/webstreams/.test(url)) return "node: web streams (fetch bodies)";
  if (url === "node:inspector") return "the profiler itself";
  if (url.startsWith("node:")) return "node: net, streams, timers, other";
  if (/\/tests\/bench\/node_modules\//.test(url)) return "official SDK JS (with its deps)";
  if (/\/node_modules\/(@alicloud\/pop-core|httpx|kitx|json-bigint)\//.test(url)) return "pop-core JS (with its deps)";
  if (/\/clients\.mjs$/.test(url)) return "clients.mjs (the minimal client; wrappers)";
  if (/\/list\.mjs$/.test(url)) return "harness loop (list.mjs)";
  if (url === "") return null;
  return "other JS";
}

/** { totalMs, categories: [[name, ms]], functions: [[frame, ms]] } of self time, largest first. */
export function summarize(path) {
  const profile = JSON.parse(readFileSync(path, "utf8"));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const memo = new Map();
  const category = (id) => {
    if (memo.has(id)) return memo.get(id);
    const cf = byId.get(id).callFrame;
    let cat;
    if (isWasm(cf)) {
      // Whose wasm: the nearest caller outside wasm says (glue: ours; undici: llhttp).
      let up = parent.get(id);
      while (up !== undefined && isWasm(byId.get(up).callFrame)) up = parent.get(up);
      const caller = up === undefined ? "other JS" : category(up);
      cat = caller.startsWith("aliyun-eni") ? "aliyun-eni: wasm (Rust)" : caller;
    } else {
      cat = own(cf);
      if (cat === null) {
        const up = parent.get(id);
        cat = up === undefined ? "other JS" : category(up);
      }
    }
    memo.set(id, cat);
    return cat;
  };
  const selfUs = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const cats = new Map();
  const fns = new Map();
  for (const [id, us] of selfUs) {
    const cat = category(id);
    cats.set(cat, (cats.get(cat) ?? 0) + us);
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*\//, "");
    const key = `${functionName || "(anonymous)"}${where ? ` ${where}:${lineNumber + 1}` : ""}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).map(([k, us]) => [k, us / 1000]);
  const totalMs = [...cats.values()].reduce((a, b) => a + b, 0) / 1000;
  return { totalMs, categories: sorted(cats), functions: sorted(fns).slice(0, 20) };
}
