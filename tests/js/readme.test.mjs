// Every code example of the READMEs (the repository's README.md and the npm README, as installed
// with the package) compiles against the installed package under tsc --strict: each fenced block
// becomes a file in the consumer folder (js/mjs: checkJs, ts, cjs; the module scripts of html
// blocks, whose import map must point at a file of the package), all checked in one tsc run with
// module nodenext, lib es2022 + dom + esnext.disposable and @types/node (JavaScript blocks as
// JavaScript: implicit `any` allowed, every other strict error counts). The placeholders the
// examples call (`askForKeys()`, `loadKeys()`) are declared in CONTEXT below. Blocks in other
// languages (sh, text, none) are not code examples; an unknown language fails the test.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installedPackage, ROOT } from "./harness.mjs";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
const CHECKED = { js: ".mjs", mjs: ".mjs", javascript: ".mjs", ts: ".mts", typescript: ".mts", cjs: ".cjs" };
const NOT_CODE = new Set(["", "sh", "shell", "bash", "console", "text", "toml", "json", "ini"]);
const CONTEXT = `// Placeholders the README examples call: what a real program supplies.
declare function askForKeys(): Promise<import("aliyun-eni").Credentials>;
declare function loadKeys(): Promise<import("aliyun-eni").Credentials>;
`;

let consumer, dir;
before(() => {
  consumer = installedPackage();
  dir = join(consumer.dir, "readme-check");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
});

/** The fenced blocks of a Markdown text: { lang, code, line } (line: of the opening fence). */
export function fencedBlocks(markdown) {
  const blocks = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    const body = [];
    let j = i + 1;
    while (j < lines.length && !lines[j].startsWith(indent + fence)) body.push(lines[j++].slice(indent.length));
    assert.ok(j < lines.length, `unclosed fence at line ${i + 1}`);
    blocks.push({ lang: lang.toLowerCase(), code: body.join("\n"), line: i + 1 });
    i = j;
  }
  return blocks;
}

const READMES = () => [
  { name: "README.md", path: join(ROOT, "README.md") },
  { name: "npm README.md", path: join(consumer.packageDir, "README.md") },
];

test("the fenced-block reader finds blocks, languages and lines", () => {
  const md = "# t\n\n```js\nconst a = 1;\n```\n\ntext\n\n````ts\n```\n````\n  ```sh\n  npm i\n  ```\n";
  assert.deepEqual(fencedBlocks(md), [
    { lang: "js", code: "const a = 1;", line: 3 },
    { lang: "ts", code: "```", line: 9 },
    { lang: "sh", code: "npm i", line: 12 },
  ]);
});

test(
  "every README code example compiles under tsc --strict against the installed package",
  { timeout: 120_000 },
  async () => {
    const files = ["readme-context.d.ts"];
    writeFileSync(join(dir, "readme-context.d.ts"), CONTEXT);
    const origin = new Map();
    const unknown = [];
    let n = 0;
    for (const { name, path } of READMES()) {
      for (const b of fencedBlocks(readFileSync(path, "utf8"))) {
        let code = null;
        let ext = CHECKED[b.lang];
        if (ext) code = b.code;
        else if (b.lang === "html") {
          for (const m of b.code.matchAll(/<script type="importmap">([\s\S]*?)<\/script>/g)) {
            for (const target of Object.values(JSON.parse(m[1]).imports)) {
              const file = target.replace(/^\/node_modules\/aliyun-eni\//, "");
              assert.ok(
                existsSync(join(consumer.packageDir, file)),
                `${name}:${b.line}: the import map points at ${target}`,
              );
            }
          }
          const scripts = [...b.code.matchAll(/<script type="module">([\s\S]*?)<\/script>/g)].map((m) => m[1]);
          if (scripts.length) [code, ext] = [scripts.join("\n"), ".mjs"];
        } else if (!NOT_CODE.has(b.lang)) unknown.push(`${name}:${b.line}: ${b.lang}`);
        if (code === null) continue;
        const file = `readme-${++n}${ext}`;
        // Each block is a module of its own (no name clashes between blocks).
        writeFileSync(join(dir, file), code + (ext === ".cjs" ? "\n" : "\nexport {};\n"));
        files.push(file);
        origin.set(file, `${name}, the ${b.lang} block at line ${b.line}`);
      }
    }
    assert.deepEqual(unknown, [], "code blocks in a language this test does not know");
    assert.ok(n >= 8, `only ${n} examples found`);
    const pkgTypes = join(consumer.packageDir, "index.d.ts");
    const config = join(dir, "tsconfig.json");
    writeFileSync(
      config,
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          allowJs: true,
          checkJs: true,
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["es2022", "dom", "esnext.disposable"],
          skipLibCheck: false,
          typeRoots: [join(ROOT, "node_modules", "@types")],
          types: ["node"],
          // Deno's specifiers, for the Deno example.
          paths: { "npm:aliyun-eni": [pkgTypes], "jsr:@aliyun-eni/aliyun-eni": [pkgTypes] },
        },
        files,
      }),
    );
    const { code, out } = await new Promise((resolve, reject) =>
      execFile(
        process.execPath,
        [TSC, "-p", config, "--pretty", "false"],
        { cwd: dir, timeout: 110_000, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => {
          if (err && typeof err.code !== "number") return reject(err);
          resolve({ code: err ? err.code : 0, out: stdout + stderr });
        },
      ),
    );
    // JavaScript examples are checked as JavaScript reads: implicit `any` (TS7xxx, e.g. an
    // unannotated callback parameter) is allowed there; every other strict error counts.
    const errors = out
      .split("\n")
      .filter((l) => /^readme-\d+\.\w+\(\d+,\d+\): error TS\d+/.test(l))
      .filter((l) => !/^readme-\d+\.(mjs|cjs)\(\d+,\d+\): error TS7\d{3}:/.test(l))
      .map((l) =>
        l.replace(/^(readme-\d+\.\w+)\((\d+),(\d+)\)/, (_, f, ln, c) => `${origin.get(f)}, its line ${ln}:${c}`),
      );
    assert.deepEqual(errors, [], out);
    assert.ok(code === 0 || /error TS7\d{3}/.test(out), out);
  },
);

test("the npm README's first example reads the keys from the environment and compiles on its own", () => {
  const npm = readFileSync(join(consumer.packageDir, "README.md"), "utf8");
  const first = fencedBlocks(npm).find((b) => CHECKED[b.lang]);
  assert.ok(first, "the npm README has a code example");
  assert.match(first.code, /process\.env\.ALIBABA_CLOUD_ACCESS_KEY_ID/);
  assert.match(first.code, /if \(!accessKeyId \|\| !accessKeySecret\)/, "narrowed from string | undefined");
});

test("the npm README points to the relay worker, shipped in the package, and to the changelog", () => {
  const npm = readFileSync(join(consumer.packageDir, "README.md"), "utf8");
  assert.match(npm, /node_modules\/aliyun-eni\/relay\//);
  for (const f of [
    "relay/worker.js",
    "relay/README.md",
    "relay/wrangler.toml",
    "CHANGELOG.md",
    "LICENSE-MIT",
    "LICENSE-APACHE",
  ]) {
    assert.ok(existsSync(join(consumer.packageDir, f)), `${f} is in the package`);
  }
  const pkg = JSON.parse(readFileSync(join(consumer.packageDir, "package.json"), "utf8"));
  assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/.+\.git$/);
  assert.match(pkg.homepage, /^https:\/\//);
  assert.match(pkg.bugs.url, /^https:\/\/.+\/issues$/);
  assert.equal(pkg.license, "MIT OR Apache-2.0");
  assert.match(readFileSync(join(consumer.packageDir, "LICENSE-APACHE"), "utf8"), /Apache License\s+Version 2\.0/);
  assert.match(
    readFileSync(join(consumer.packageDir, "LICENSE-MIT"), "utf8"),
    /Permission is hereby granted, free of charge/,
  );
  assert.match(
    readFileSync(join(consumer.packageDir, "CHANGELOG.md"), "utf8"),
    new RegExp(`## (Unreleased|${pkg.version})`),
  );
});
