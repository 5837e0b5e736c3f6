// The runtime files of an installed package, for size.total_gzip_bytes.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Every runtime file of the installed package: the files its `exports` map (every condition but
 * `types`) and `main` point to, and every file those reach through a relative specifier (static
 * and dynamic `import`, `export ... from`, `require`, `new URL(..., import.meta.url)`). So the
 * wasm, the glue and every loader's modules count, a module added later too; the bin (cli.js),
 * the types and the relay example do not. The wasm first, then by name.
 */
export function runtimeFiles(packageDir) {
  packageDir = resolve(packageDir);
  const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
  const entries = [];
  const walk = (v) => {
    if (typeof v === "string") entries.push(v);
    else if (v && typeof v === "object")
      for (const [k, x] of Object.entries(v)) if (k !== "types" && !k.startsWith("./")) walk(x);
  };
  walk(typeof pkg.exports === "object" && pkg.exports["."] !== undefined ? pkg.exports["."] : pkg.exports);
  if (pkg.main) entries.push(pkg.main);
  const seen = new Set();
  const queue = entries.map((e) => join(packageDir, e));
  const spec = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s*|\brequire\s*\(\s*|\bnew URL\s*\(\s*)["'](\.\.?\/[^"']+)["']/g;
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file) || !/\.(js|mjs|cjs|wasm)$/.test(file)) continue;
    // A specifier in a comment or a string may name nothing: only shipped files count.
    if (!file.startsWith(packageDir + "/") || !existsSync(file)) continue;
    seen.add(file);
    if (file.endsWith(".wasm")) continue;
    for (const m of readFileSync(file, "utf8").matchAll(spec)) queue.push(join(dirname(file), m[1]));
  }
  const rel = [...seen].map((f) => f.slice(packageDir.length + 1));
  return rel.sort((a, b) => b.endsWith(".wasm") - a.endsWith(".wasm") || (a < b ? -1 : a > b ? 1 : 0));
}
