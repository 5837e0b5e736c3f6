// The published types, as a TypeScript user meets them: tsc --strict --noEmit (typescript 5.9.3,
// skipLibCheck false, lib es2022 + dom) on tests/js/fixtures/types/consumer.ts placed in the
// consumer folder, with moduleResolution bundler (and the workerd, worker and browser
// conditions) and nodenext. The file uses every export and field of API.md and pins their types;
// its `// @ts-expect-error TSnnnn` lines prove wrong names and types are refused. And no `any`
// in the published .d.ts.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { installedPackage, ROOT } from "./harness.mjs";

const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
let consumer, dir, source;

before(() => {
  consumer = installedPackage();
  dir = join(consumer.dir, "types-check");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  source = readFileSync(join(ROOT, "tests/js/fixtures/types/consumer.ts"), "utf8");
  writeFileSync(join(dir, "consumer.ts"), source);
  // Blanked directives keep every line number: each marked line must then fail on its own.
  writeFileSync(join(dir, "unchecked.ts"), source.replace(/^(\s*)\/\/ @ts-expect-error .*$/gm, "$1//"));
});

function tsconfig(name, compilerOptions, file = "consumer.ts") {
  const path = join(dir, `tsconfig.${name.replace(/[^A-Za-z0-9.+-]+/g, "_")}.json`);
  writeFileSync(
    path,
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2022", "dom"],
          skipLibCheck: false,
          types: [],
          noFallthroughCasesInSwitch: true,
          ...compilerOptions,
        },
        files: [file],
      },
      null,
      2,
    ),
  );
  return path;
}

/** Runs tsc -p config; resolves { code, out } (tsc exits 2 on type errors). */
function tsc(config, ...args) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [TSC, "-p", config, "--pretty", "false", ...args],
      { cwd: dir, timeout: 60_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== "number") return reject(err);
        resolve({ code: err ? err.code : 0, out: stdout + stderr });
      },
    );
  });
}

const MODES = {
  bundler: { module: "esnext", moduleResolution: "bundler" },
  // nodenext resolution requires module nodenext (TS5110 otherwise); the consumer folder's
  // package.json says "type": "module", so consumer.ts is an ES module.
  nodenext: { module: "nodenext", moduleResolution: "nodenext" },
  "bundler+workerd": { module: "esnext", moduleResolution: "bundler", customConditions: ["workerd"] },
  "bundler+worker": { module: "esnext", moduleResolution: "bundler", customConditions: ["worker"] },
  "bundler+browser": { module: "esnext", moduleResolution: "bundler", customConditions: ["browser"] },
  "bundler+node": { module: "esnext", moduleResolution: "bundler", customConditions: ["node"] },
  // A Node project without the DOM lib: fetch and AbortSignal come from @types/node.
  "nodenext, no DOM, @types/node": {
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2022"],
    typeRoots: [join(ROOT, "node_modules", "@types")],
    types: ["node"],
  },
};

for (const [name, options] of Object.entries(MODES)) {
  test(
    `tsc --strict accepts the consumer and refuses every marked mistake (${name})`,
    { timeout: 60_000 },
    async () => {
      const { code, out } = await tsc(tsconfig(name, options), "--listFiles");
      assert.equal(code, 0, out);
      const files = out.split("\n").map((l) => l.trim());
      assert.ok(
        files.includes(join(consumer.packageDir, "index.d.ts")),
        `index.d.ts of the installed package was not used:\n${out}`,
      );
    },
  );
}

test("each @ts-expect-error line fails on its own, with the expected error code", { timeout: 60_000 }, async () => {
  const marked = new Map();
  source.split("\n").forEach((line, i) => {
    const m = /^\s*\/\/ @ts-expect-error (TS\d+) (.*)$/.exec(line);
    if (m) marked.set(i + 2, { code: m[1], why: m[2] }); // the next line, 1-based
  });
  assert.ok(marked.size >= 30, `only ${marked.size} marked lines`);
  for (const mode of ["bundler", "nodenext"]) {
    const { code, out } = await tsc(tsconfig(`unchecked.${mode}`, MODES[mode], "unchecked.ts"));
    assert.equal(code, 2, out);
    const errors = new Map();
    for (const m of out.matchAll(/^unchecked\.ts\((\d+),\d+\): error (TS\d+): (.*)$/gm)) {
      const line = Number(m[1]);
      if (!errors.has(line)) errors.set(line, []);
      errors.get(line).push(`${m[2]}: ${m[3]}`);
    }
    const unexpected = [...errors].filter(([line]) => !marked.has(line));
    assert.deepEqual(unexpected, [], `errors on unmarked lines (${mode})`);
    const wrong = [];
    for (const [line, { code: expected, why }] of marked) {
      const got = errors.get(line) ?? [];
      if (!got.some((e) => e.startsWith(`${expected}:`)))
        wrong.push(`line ${line} (${why}): expected ${expected}, got ${JSON.stringify(got)}`);
    }
    assert.deepEqual(wrong, [], `marked lines without their error (${mode})`);
  }
});

test("the published .d.ts files have no `any` (outside comments) and every export condition has types", () => {
  const dts = readdirSync(consumer.packageDir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith(".d.ts"));
  assert.ok(dts.includes("index.d.ts"), `d.ts files: ${dts}`);
  for (const f of dts) {
    const text = readFileSync(join(consumer.packageDir, f), "utf8");
    const code = text
      .replace(/\/\*[\s\S]*?\*\//g, " ")
      .replace(/\/\/.*$/gm, " ")
      .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""');
    const hits = code.split("\n").filter((l) => /\bany\b/.test(l));
    assert.deepEqual(hits, [], `\`any\` in ${f}`);
  }
  const pkg = JSON.parse(readFileSync(join(consumer.packageDir, "package.json"), "utf8"));
  assert.equal(pkg.types, "./index.d.ts");
  for (const condition of ["workerd", "worker", "node", "browser", "default"]) {
    assert.equal(pkg.exports["."][condition]?.types, "./index.d.ts", condition);
    assert.equal(Object.keys(pkg.exports["."][condition])[0], "types", `types comes first under ${condition}`);
  }
});
