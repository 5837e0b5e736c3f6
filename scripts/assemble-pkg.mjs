// Assembles the publishable npm package in pkg/ from the wasm-bindgen output and pkg-template/.
//
//   node scripts/assemble-pkg.mjs <wasm-bindgen out dir> <optimized .wasm> <pkg dir>
//
// - aliyun_eni.js: the glue, with its import of the runtime snippet pointed at ./runtime.js
//   (wasm-bindgen puts snippets under a hashed folder; a flat name lets the loaders re-export
//   EcsError from it);
// - index.d.ts: the declarations emitted from the Rust custom section (src/wasm/types.d.ts),
//   without wasm-bindgen's init declarations, which the package does not export;
// - package.json: the template with the version of Cargo.toml.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [outDir, wasmFile, pkgDir] = process.argv.slice(2);
if (!outDir || !wasmFile || !pkgDir) {
  console.error("usage: assemble-pkg.mjs <bindgen-out> <wasm> <pkg>");
  process.exit(2);
}

/** Every snippet file of the glue (runtime.js, bulk.js), by path. */
function findSnippets(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) findSnippets(p, out);
    else if (name.endsWith(".js")) out.push(p);
  }
  return out;
}

rmSync(pkgDir, { recursive: true, force: true });
mkdirSync(pkgDir, { recursive: true });

// Snippets go flat next to the glue (they import each other as "./runtime.js").
const snippets = findSnippets(join(outDir, "snippets"));
if (!snippets.some((p) => p.endsWith("/runtime.js")))
  throw new Error("runtime.js snippet not found in wasm-bindgen output");
const snippetRel = (p) =>
  "./" +
  p
    .slice(outDir.length + 1)
    .split("\\")
    .join("/");

let glue = readFileSync(join(outDir, "aliyun_eni.js"), "utf8");
for (const p of snippets) if (!glue.includes(snippetRel(p))) throw new Error(`glue does not import ${snippetRel(p)}`);
// Only the ES import statements change: the wasm module's own import names (the keys of the
// imports object) must stay as compiled.
const flatName = (p) => "./" + p.split(/[\\/]/).pop();
glue = glue
  .split("\n")
  .map((line) =>
    line.startsWith("import ") ? snippets.reduce((l, p) => l.split(snippetRel(p)).join(flatName(p)), line) : line,
  )
  .join("\n")
  .replace(/^\/\* @ts-self-types=.*\*\/\n/m, "");
// Whitespace and syntax are minified (every runtime downloads and parses these files); names
// are kept, so classes print as EcsClient and stack traces stay readable.
const { transformSync } = await import("esbuild");
const minify = (code) =>
  transformSync(code, {
    format: "esm",
    target: "es2022",
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
  }).code;
writeFileSync(join(pkgDir, "aliyun_eni.js"), minify(glue));
for (const p of snippets) writeFileSync(join(pkgDir, flatName(p)), minify(readFileSync(p, "utf8")));
copyFileSync(wasmFile, join(pkgDir, "aliyun_eni_bg.wasm"));

const dts = readFileSync(join(outDir, "aliyun_eni.d.ts"), "utf8");
const cut = dts.indexOf("export type InitInput");
if (cut < 0) throw new Error("unexpected aliyun_eni.d.ts layout");
const types =
  "// Types of aliyun-eni (emitted from the Rust crate's TypeScript custom section).\n" +
  dts
    .slice(0, cut)
    .replace(/^\/\* tslint:disable \*\/\n|^\/\* eslint-disable \*\/\n/gm, "")
    .trimEnd() +
  "\n";
if (/\bany\b/.test(types.replace(/\/\*\*[\s\S]*?\*\//g, ""))) throw new Error("index.d.ts contains `any`");
writeFileSync(join(pkgDir, "index.d.ts"), types);

const tpl = join(root, "pkg-template");
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const pkg = JSON.parse(readFileSync(join(tpl, "package.json"), "utf8"));
pkg.version = version;
writeFileSync(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
for (const f of pkg.files) {
  if (["aliyun_eni.js", "aliyun_eni_bg.wasm", "index.d.ts"].includes(f)) continue;
  if (snippets.some((p) => flatName(p) === "./" + f)) continue;
  copyFileSync(join(tpl, f), join(pkgDir, f));
}
console.log(`assembled ${pkgDir} (aliyun-eni ${version})`);
