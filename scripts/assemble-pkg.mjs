// Assembles the publishable npm package in pkg/ from the wasm-bindgen output and pkg-template/.
//
//   node scripts/assemble-pkg.mjs <wasm-bindgen out dir> <optimized .wasm> <pkg dir>
//
// - aliyun_eni.js: the glue, with its import of the runtime snippet pointed at ./runtime.js
//   (wasm-bindgen puts snippets under a hashed folder; a flat name lets the loaders re-export
//   EcsError from it);
// - index.d.ts: the declarations emitted from the Rust custom section (src/wasm/types.d.ts),
//   without wasm-bindgen's init declarations, which the package does not export; index.d.cts:
//   the same declarations for `require` (TypeScript reads a .d.cts as a CommonJS module);
// - node.cjs: the CommonJS loader, node.js (the ESM Node loader) and everything it imports
//   bundled by esbuild into one CommonJS file that instantiates the wasm synchronously from the
//   same aliyun_eni_bg.wasm (one wasm file; every export of node.js, whoever adds it, is in it);
// - node.js: the ESM loader for Node and Bun, a wrapper that requires node.cjs (cold start:
//   Node's ESM loader pays per module; one instance of the package per process);
// - deno.js: the loader JSR serves to Deno, node.js with the .wasm imported as a module source
//   (`import source`: a compiled WebAssembly.Module in the module graph, so neither a read nor
//   a net permission is needed, wherever JSR serves it from) instead of read from disk;
// - package.json and jsr.json: the templates with the version of Cargo.toml;
// - LICENSE-MIT, LICENSE-APACHE, CHANGELOG.md from the repository root; relay/: the CORS relay
//   worker (www/relay), so the npm README can point to a copy in node_modules.
import {
  readFileSync,
  writeFileSync,
  mkdirSync,
  rmSync,
  copyFileSync,
  readdirSync,
  statSync,
  existsSync,
} from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

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
// A snippet that no other file of the package imports (only the glue does) is bundled into the
// glue: every module is a resolve, a read and a link at import in Node, and a request in a
// browser. Snippets that the loaders, credentials*.js or other snippets import (runtime.js with
// EcsError, bulk.js) stay files, so each runtime has one instance of them.
const importsOf = (code) => [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)["'](\.\/[^"']+)["']/g)].map((m) => m[1]);
const otherModules = [
  ...snippets.map((p) => readFileSync(p, "utf8")),
  ...["credentials.js", "credentials-node.js"].map((f) => readFileSync(join(root, "src", "wasm", "js", f), "utf8")),
  ...["node.js", "browser.js", "workerd.js", "cli.js"].map((f) => readFileSync(join(root, "pkg-template", f), "utf8")),
];
const sharedNames = new Set(otherModules.flatMap(importsOf));
const inlined = snippets.filter((p) => !sharedNames.has(flatName(p)));
const kept = snippets.filter((p) => sharedNames.has(flatName(p)));
if (inlined.length === 0) {
  writeFileSync(join(pkgDir, "aliyun_eni.js"), minify(glue));
} else {
  const { build } = await import("esbuild");
  const files = new Map([["./aliyun_eni.js", glue], ...inlined.map((p) => [flatName(p), readFileSync(p, "utf8")])]);
  const bundled = await build({
    stdin: { contents: glue, loader: "js", sourcefile: "aliyun_eni.js", resolveDir: pkgDir },
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    logLevel: "silent",
    // wasm-bindgen's import object names a snippet once per import group.
    logOverride: { "duplicate-object-key": "silent" },
    plugins: [
      {
        name: "glue-snippets",
        setup(b) {
          b.onResolve({ filter: /^\.\// }, (a) =>
            files.has(a.path) && a.path !== "./aliyun_eni.js"
              ? { path: a.path, namespace: "snippet" }
              : { path: a.path, external: true },
          );
          b.onLoad({ filter: /.*/, namespace: "snippet" }, (a) => ({ contents: files.get(a.path), loader: "js" }));
        },
      },
    ],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "none",
  });
  if (bundled.errors.length || bundled.warnings.length)
    throw new Error(
      `esbuild (aliyun_eni.js): ${[...bundled.errors, ...bundled.warnings].map((m) => m.text).join("\n")}`,
    );
  const code = bundled.outputFiles[0].text;
  for (const p of inlined)
    if (importsOf(code).includes(flatName(p))) throw new Error(`aliyun_eni.js still imports ${flatName(p)}`);
  writeFileSync(join(pkgDir, "aliyun_eni.js"), code);
}
for (const p of kept) writeFileSync(join(pkgDir, flatName(p)), minify(readFileSync(p, "utf8")));
// The credentials providers (issue 13): credentials.js for every runtime, credentials-node.js
// (the file sources) only for the node loader. (Bundling credentials.js into credentials-node.js
// saves Node one module at import, under 0.5 ms measured, but ships the providers twice: +5 KB
// gzipped in the package's runtime files. Not done.)
const builtFromSource = ["credentials.js", "credentials-node.js"];
for (const f of builtFromSource) {
  writeFileSync(join(pkgDir, f), minify(readFileSync(join(root, "src", "wasm", "js", f), "utf8")));
}
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

writeFileSync(join(pkgDir, "index.d.cts"), types);

const tpl = join(root, "pkg-template");
const cargo = readFileSync(join(root, "Cargo.toml"), "utf8");
const version = /^version\s*=\s*"([^"]+)"/m.exec(cargo)[1];
const pkg = JSON.parse(readFileSync(join(tpl, "package.json"), "utf8"));
pkg.version = version;
// Snippets bundled into the glue are not files of the package.
pkg.files = pkg.files.filter((f) => !inlined.some((p) => flatName(p) === "./" + f));
writeFileSync(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");

const generated = [
  "aliyun_eni.js",
  "aliyun_eni_bg.wasm",
  "runtime.js",
  "index.d.ts",
  "index.d.cts",
  "node.cjs",
  "deno.js",
  "deno.d.ts",
];
const fromRoot = ["LICENSE-MIT", "LICENSE-APACHE", "CHANGELOG.md"];
for (const f of pkg.files) {
  if (generated.includes(f) || builtFromSource.includes(f) || f === "relay") continue;
  if (snippets.some((p) => flatName(p) === "./" + f)) continue;
  if (f === "jsr.json") throw new Error("jsr.json is for JSR, not for npm's files");
  copyFileSync(join(fromRoot.includes(f) ? root : tpl, f), join(pkgDir, f));
}
// deno.js and jsr.json are for `deno publish` from this folder, not for npm.
for (const f of [...generated.filter((g) => !g.startsWith("deno.")), ...fromRoot]) {
  if (!pkg.files.includes(f)) throw new Error(`package.json "files" lacks ${f}`);
}

// The relay worker (www/relay): its files, without local state (.wrangler, node_modules).
if (pkg.files.includes("relay")) {
  const relay = join(root, "www", "relay");
  mkdirSync(join(pkgDir, "relay"));
  for (const name of readdirSync(relay)) {
    if (/^(worker\.js|wrangler\.toml|README\.md)$/.test(name))
      copyFileSync(join(relay, name), join(pkgDir, "relay", name));
  }
  if (!existsSync(join(pkgDir, "relay", "worker.js"))) throw new Error("www/relay/worker.js is missing");
}

// The JSR loader for Deno: node.js, its exports untouched, the .wasm taken from the module graph.
const nodeLoader = readFileSync(join(pkgDir, "node.js"), "utf8");
const readWasm = 'readFileSync(new URL("./aliyun_eni_bg.wasm", import.meta.url))';
const readImport = 'import { readFileSync } from "node:fs";\n';
if (!nodeLoader.includes(readWasm) || !nodeLoader.includes(readImport)) {
  throw new Error("node.js no longer reads the .wasm with readFileSync: update deno.js generation");
}
// Its types: index.d.ts without the global augmentation (Symbol.dispose, for TypeScript libs
// older than esnext.disposable): JSR refuses global augmentations, and Deno's lib has it.
const denoTypes = types.replace(/\ndeclare global \{\n[\s\S]*?\n\}\n/, "\n");
if (/\bdeclare global\b/.test(denoTypes)) throw new Error("deno.d.ts still has a global augmentation");
writeFileSync(join(pkgDir, "deno.d.ts"), denoTypes);
writeFileSync(
  join(pkgDir, "deno.js"),
  '// @ts-self-types="./deno.d.ts"\n' +
    "// Deno through JSR: generated from node.js by scripts/assemble-pkg.mjs; the .wasm is imported as\n" +
    "// a module source (part of the module graph: no read or net permission needed).\n" +
    'import source wasmModule from "./aliyun_eni_bg.wasm";\n' +
    nodeLoader
      .replace(/^(\/\/.*\n)+/, "")
      .replace(readImport, "")
      .replace(readWasm, "wasmModule"),
);

// jsr.json: the template's version, and what to publish: deno.js, the modules it imports
// (followed through their relative imports), the .wasm, the types and the documents.
const jsr = JSON.parse(readFileSync(join(tpl, "jsr.json"), "utf8"));
jsr.version = version;
const graph = new Set();
const follow = (file) => {
  if (graph.has(file)) return;
  graph.add(file);
  if (!file.endsWith(".js")) return;
  for (const m of readFileSync(join(pkgDir, file), "utf8").matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g))
    follow(m[1]);
};
follow("deno.js");
if (!graph.has("aliyun_eni_bg.wasm")) throw new Error("deno.js does not import the .wasm");
jsr.publish = {
  include: [...graph, "deno.d.ts", "README.md", "CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE", "jsr.json"],
};
writeFileSync(join(pkgDir, "jsr.json"), JSON.stringify(jsr, null, 2) + "\n");

// The CommonJS loader: node.js with what it imports, as one CommonJS file. `import.meta.url`
// (node.js reads the .wasm next to itself) becomes this file's URL; the .wasm stays one file.
const cjs = await (
  await import("esbuild")
).build({
  entryPoints: [join(pkgDir, "node.js")],
  outfile: join(pkgDir, "node.cjs"),
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  write: false,
  logLevel: "silent",
  // wasm-bindgen's import object names the runtime snippet once per import group.
  logOverride: { "duplicate-object-key": "silent" },
  define: { "import.meta.url": "__aliyunEniFileUrl" },
  banner: {
    js:
      "// aliyun-eni for Node and Bun (require, and import through node.js): pkg-template/node.js and the\n" +
      "// modules it imports, bundled as CommonJS by scripts/assemble-pkg.mjs.\n" +
      '"use strict";const __aliyunEniFileUrl=require("node:url").pathToFileURL(__filename).href;',
  },
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
});
if (cjs.errors.length || cjs.warnings.length) {
  const text = [...cjs.errors, ...cjs.warnings].map((m) => `${m.id}: ${m.text}`).join("\n");
  throw new Error(`esbuild (node.cjs):\n${text}`);
}
const cjsCode = cjs.outputFiles[0].text;
if (/\bimport\.meta\b/.test(cjsCode)) throw new Error("node.cjs still mentions import.meta");
writeFileSync(join(pkgDir, "node.cjs"), cjsCode);

// The ESM loader for Node and Bun: node.cjs, required. Node's ESM loader pays per module
// (resolve, realpath, compile, link): the template's graph of seven modules took about 8 ms more
// from import to the first request than this two-module one, and one ESM bundle beside node.cjs
// would ship the same code twice (tests/bench: coldstart.node_ms, size.total_gzip_bytes). Every
// Node process also gets one instance of the package (one EcsError, one wasm instance) whether
// it imports it, requires it, or both. The separate modules stay for browser.js, workerd.js and
// deno.js. The names are the template's, checked against what node.cjs exports.
const { createRequire } = await import("node:module");
const fromTemplate = Object.keys(await import(pathToFileURL(resolve(pkgDir, "node.js")).href)).sort();
const fromBundle = Object.keys(createRequire(import.meta.url)(resolve(pkgDir, "node.cjs"))).sort();
if (fromTemplate.join() !== fromBundle.join())
  throw new Error(`node.cjs exports ${fromBundle.join(", ")}; node.js exports ${fromTemplate.join(", ")}`);
writeFileSync(
  join(pkgDir, "node.js"),
  "// aliyun-eni for Node and Bun (import): the CommonJS bundle node.cjs, required, so that Node's ESM\n" +
    "// loader links one module instead of seven and a process has one instance of the package whether\n" +
    "// it imports it, requires it, or both (generated by scripts/assemble-pkg.mjs from pkg-template/node.js).\n" +
    'import { createRequire } from "node:module";\n\n' +
    'const lib = createRequire(import.meta.url)("./node.cjs");\n\n' +
    `export const { ${fromTemplate.join(", ")} } = lib;\n`,
);
console.log(`assembled ${pkgDir} (aliyun-eni ${version})`);
