// Where the wasm's bytes go, by crate: `node tests/bench/wasm-sizes.mjs [FILE.wasm]`.
//
// The shipped module has no names (wasm-opt --strip-debug), so by default this optimizes
// wasm-bindgen's output (target/wasm-bindgen/aliyun_eni_bg.wasm, left by `make build`) with
// wasm-opt -Oz like the Makefile but keeping the name section (-g), then sums code bytes per crate
// from the function names. Given a FILE with a name section, it reads that one as it is.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[pos++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [result, pos];
}

/** { sections: [{id, name, size}], functions: [{name, size}] } */
export function parseWasm(buf) {
  let pos = 8;
  const sections = [];
  let importedFuncs = 0;
  const bodies = [];
  const names = new Map();
  while (pos < buf.length) {
    const header = pos;
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    let name =
      [
        "custom",
        "type",
        "import",
        "function",
        "table",
        "memory",
        "global",
        "export",
        "start",
        "element",
        "code",
        "data",
        "datacount",
      ][id] ?? `id${id}`;
    if (id === 0) {
      let n;
      [n, pos] = leb(buf, pos);
      const custom = buf.subarray(pos, pos + n).toString("utf8");
      pos += n;
      name = `custom:${custom}`;
      if (custom === "name") {
        while (pos < end) {
          const sub = buf[pos++];
          let subSize;
          [subSize, pos] = leb(buf, pos);
          const subEnd = pos + subSize;
          if (sub === 1) {
            let count;
            [count, pos] = leb(buf, pos);
            for (let i = 0; i < count; i++) {
              let idx;
              let len;
              [idx, pos] = leb(buf, pos);
              [len, pos] = leb(buf, pos);
              names.set(idx, buf.subarray(pos, pos + len).toString("utf8"));
              pos += len;
            }
          }
          pos = subEnd;
        }
      }
    } else if (id === 2) {
      let count;
      [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; i++) {
        for (let s = 0; s < 2; s++) {
          let len;
          [len, pos] = leb(buf, pos);
          pos += len;
        }
        const kind = buf[pos++];
        if (kind === 0) {
          [, pos] = leb(buf, pos);
          importedFuncs++;
        } else if (kind === 1) {
          pos++;
          let flags;
          [flags, pos] = leb(buf, pos);
          [, pos] = leb(buf, pos);
          if (flags & 1) [, pos] = leb(buf, pos);
        } else if (kind === 2) {
          let flags;
          [flags, pos] = leb(buf, pos);
          [, pos] = leb(buf, pos);
          if (flags & 1) [, pos] = leb(buf, pos);
        } else if (kind === 3) {
          pos += 2;
        } else {
          let n;
          [n, pos] = leb(buf, pos);
          pos += n;
        }
      }
    } else if (id === 10) {
      let count;
      [count, pos] = leb(buf, pos);
      for (let i = 0; i < count; i++) {
        let len;
        const entry = pos;
        [len, pos] = leb(buf, pos);
        bodies.push({ index: importedFuncs + i, size: pos - entry + len });
        pos += len;
      }
    }
    sections.push({ id, name, size: end - header });
    pos = end;
  }
  const functions = bodies.map((b) => ({ name: names.get(b.index) ?? `func${b.index}`, size: b.size }));
  return { sections, functions, named: names.size > 0 };
}

export function crateOf(name) {
  const n = name
    .replace(/\[[0-9a-f]{16}\]/g, "")
    .replace(/^<+/, "")
    .replace(/^(impl |dyn |&(mut )?)/, "");
  if (/ shim$| shim /.test(n)) return "wasm-bindgen export shims";
  if (/^(__wbg|__wbindgen|wasm_bindgen|__externref)/.test(n)) return "wasm_bindgen";
  if (/^(__rust|__rdl|__rg|rust_)/.test(n)) return "alloc (runtime)";
  if (/^(memcpy|memmove|memset|memcmp|__multi3|__lib|compiler_builtins)/.test(n)) return "compiler_builtins";
  const crate = (path) => /^([A-Za-z_][A-Za-z0-9_]*)::/.exec(path)?.[1];
  // "<X as Y>::f": X's crate when X is a path, else the trait's ("<str as core::fmt::Display>").
  const first = crate(n);
  if (first) return first;
  const as = / as <*&?(?:mut )?([A-Za-z_][A-Za-z0-9_:]*)/.exec(n);
  if (as && crate(as[1])) return crate(as[1]);
  if (/^func\d+$/.test(n)) return "(unnamed)";
  return `(other: ${n.slice(0, 40)})`;
}

/** The words of the Makefile's `NAME := ...` (continuation lines joined). */
function makefileWords(name) {
  const text = readFileSync(join(ROOT, "Makefile"), "utf8").replace(/\\\n/g, " ");
  const line = text.split("\n").find((l) => l.startsWith(`${name} :=`));
  if (!line) throw new Error(`Makefile: no ${name} := line`);
  return line
    .slice(line.indexOf(":=") + 2)
    .trim()
    .split(/\s+/);
}

function main() {
  let file = process.argv[2];
  let buf;
  if (file) {
    buf = readFileSync(file);
  } else {
    const input = join(ROOT, "target", "wasm-bindgen", "aliyun_eni_bg.wasm");
    if (!existsSync(input)) throw new Error("no target/wasm-bindgen/aliyun_eni_bg.wasm: run `make build`");
    file = join(ROOT, "target", "bench", "named.wasm");
    // The Makefile's wasm-opt flags, read from it, with -g and without --strip-debug: the same
    // code as the package's, named.
    execFileSync(
      "node",
      [
        join(ROOT, "node_modules/binaryen/bin/wasm-opt"),
        ...makefileWords("WASM_OPT_FLAGS"),
        "-g",
        ...makefileWords("WASM_FEATURES"),
        "--strip-producers",
        input,
        "-o",
        file,
      ],
      { stdio: "inherit" },
    );
    buf = readFileSync(file);
  }
  const { sections, functions, named } = parseWasm(buf);
  if (!named) console.warn(`${file} has no name section: functions are unnamed`);
  const code = functions.reduce((a, f) => a + f.size, 0);
  const byCrate = new Map();
  for (const f of functions) {
    const c = crateOf(f.name);
    const e = byCrate.get(c) ?? { bytes: 0, count: 0 };
    e.bytes += f.size;
    e.count++;
    byCrate.set(c, e);
  }
  const noNames = sections.filter((s) => s.name !== "custom:name").reduce((a, s) => a + s.size, 0);
  console.log(
    `${file}: ${buf.length} B (${noNames} B without the name section; gzip -9 of the whole file ${gzipSync(buf, { level: 9 }).length} B)`,
  );
  console.log("sections:");
  for (const s of sections) console.log(`  ${s.name.padEnd(24)} ${String(s.size).padStart(8)}`);
  console.log(`code by crate (${functions.length} functions, ${code} B):`);
  for (const [c, e] of [...byCrate].sort((a, b) => b[1].bytes - a[1].bytes)) {
    console.log(
      `  ${c.padEnd(32)} ${String(e.bytes).padStart(8)} ${((e.bytes / code) * 100).toFixed(1).padStart(5)}%  ${e.count} fns`,
    );
  }
  console.log("largest functions:");
  for (const f of [...functions].sort((a, b) => b.size - a.size).slice(0, 25))
    console.log(`  ${String(f.size).padStart(7)}  ${f.name.slice(0, 140)}`);
}

main();
