// The published types, as a TypeScript user meets them: tsc --strict --noEmit (typescript 5.9.3,
// skipLibCheck false, lib es2022 + dom) on tests/js/fixtures/types/consumer.ts placed in the
// consumer folder, with moduleResolution bundler (and the workerd, worker and browser
// conditions) and nodenext. The file uses every export and field of API.md and pins their types;
// its `// @ts-expect-error TSnnnn` lines prove wrong names and types are refused. Also: a
// CommonJS consumer (require.cts) gets index.d.cts through the `require` condition; `using` works
// (dispose.ts); every field reachable from EcsClient's methods has a doc comment that says more
// than its wire name; EcsError's code union holds every code the Rust core gives; no `any`
// in the published .d.ts.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
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
  for (const f of ["dispose.ts", "require.cts", "node10.ts"]) {
    writeFileSync(join(dir, f), readFileSync(join(ROOT, "tests/js/fixtures/types", f), "utf8"));
  }
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

test("a CommonJS consumer (.cts, require) gets index.d.cts and type-checks", { timeout: 60_000 }, async () => {
  const config = tsconfig(
    "require.cts",
    {
      module: "nodenext",
      moduleResolution: "nodenext",
      typeRoots: [join(ROOT, "node_modules", "@types")],
      types: ["node"],
    },
    "require.cts",
  );
  const { code, out } = await tsc(config, "--listFiles");
  assert.equal(code, 0, out);
  const files = out.split("\n").map((l) => l.trim());
  assert.ok(files.includes(join(consumer.packageDir, "index.d.cts")), `index.d.cts was not used:\n${out}`);
  assert.ok(!files.includes(join(consumer.packageDir, "index.d.ts")), `index.d.ts was used for require:\n${out}`);
});

test(
  "a CommonJS project on node10 resolution (ignores exports) gets index.d.ts from `types`",
  { timeout: 60_000 },
  async () => {
    const config = tsconfig(
      "node10",
      { module: "commonjs", moduleResolution: "node10", ignoreDeprecations: "5.0" },
      "node10.ts",
    );
    const { code, out } = await tsc(config, "--listFiles");
    assert.equal(code, 0, out);
    assert.ok(
      out
        .split("\n")
        .map((l) => l.trim())
        .includes(join(consumer.packageDir, "index.d.ts")),
      `index.d.ts was not used:\n${out}`,
    );
  },
);

test("`using ecs = new EcsClient(…)` type-checks (and a non-disposable is refused)", { timeout: 60_000 }, async () => {
  for (const [name, lib] of [
    ["dispose esnext.disposable", ["es2022", "esnext.disposable", "dom"]],
    ["dispose esnext", ["esnext", "dom"]],
  ]) {
    const { code, out } = await tsc(tsconfig(name, { ...MODES.bundler, lib }, "dispose.ts"));
    assert.equal(code, 0, `${name}\n${out}`);
  }
});

/** The declarations of the installed index.d.ts, parsed by the TypeScript compiler. */
function declarations() {
  const file = join(consumer.packageDir, "index.d.ts");
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const byName = new Map();
  for (const st of sf.statements) if (st.name) byName.set(st.name.text, st);
  return { sf, byName };
}

test("every field of every type EcsClient's methods take or return has a doc comment saying what it means", () => {
  const { sf, byName } = declarations();
  const seen = new Set();
  const fields = [];
  const missing = [];
  // Names of declared types that `node` refers to.
  const refs = (node, out = []) => {
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) out.push(node.typeName.text);
    if (ts.isExpressionWithTypeArguments(node) && ts.isIdentifier(node.expression)) out.push(node.expression.text);
    // (forEachChild stops at the first truthy return)
    ts.forEachChild(node, (c) => void refs(c, out));
    return out;
  };
  const visitMembers = (owner, members) => {
    for (const m of members) {
      if (!ts.isPropertySignature(m) && !ts.isPropertyDeclaration(m)) continue;
      const name = `${owner}.${m.name.getText(sf)}`;
      fields.push(name);
      const doc = ts
        .getJSDocCommentsAndTags(m)
        .map((d) => (typeof d.comment === "string" ? d.comment : (d.comment ?? []).map((c) => c.text).join("")))
        .join(" ")
        .trim();
      // Not just the wire name (`VpcId`.) or a few words: a sentence of what it means.
      const words = doc.replace(/`[^`]*`/g, " ").match(/[A-Za-z]{2,}/g) ?? [];
      if (words.length < 3) missing.push(`${name}: ${JSON.stringify(doc)}`);
      for (const r of refs(m.type)) visit(r);
      // Object literal types (e.g. the members of a union of outcomes) are checked in place.
      const literals = [];
      const findLiterals = (n) => {
        if (ts.isTypeLiteralNode(n)) literals.push(n);
        else ts.forEachChild(n, findLiterals);
      };
      if (m.type) findLiterals(m.type);
      for (const l of literals) visitMembers(name, l.members);
    }
  };
  const visit = (typeName) => {
    if (seen.has(typeName)) return;
    seen.add(typeName);
    const decl = byName.get(typeName);
    if (!decl) return; // a global (Promise, AbortSignal, ...)
    if (ts.isInterfaceDeclaration(decl)) {
      for (const h of decl.heritageClauses ?? []) for (const t of h.types) for (const r of refs(t)) visit(r);
      visitMembers(typeName, decl.members);
    } else if (ts.isTypeAliasDeclaration(decl)) {
      const literals = [];
      const findLiterals = (n) => {
        if (ts.isTypeLiteralNode(n)) literals.push(n);
        else ts.forEachChild(n, findLiterals);
      };
      findLiterals(decl.type);
      for (const l of literals) visitMembers(typeName, l.members);
      for (const r of refs(decl.type)) visit(r);
    }
  };
  const client = byName.get("EcsClient");
  assert.ok(client && ts.isClassDeclaration(client), "EcsClient is declared as a class");
  for (const m of client.members) {
    if (ts.isConstructorDeclaration(m) || ts.isMethodDeclaration(m)) {
      for (const p of m.parameters) if (p.type) for (const r of refs(p.type)) visit(r);
      if (m.type) for (const r of refs(m.type)) visit(r);
    }
  }
  for (const t of ["DescribeNetworkInterfacesRequest", "DescribeNetworkInterfacesResponse", "NetworkInterface"]) {
    assert.ok(seen.has(t), `${t} is reachable from EcsClient`);
  }
  assert.ok(fields.includes("DescribeNetworkInterfacesRequest.securityGroupId"), fields.join(", "));
  assert.ok(fields.includes("NetworkInterface.privateIpSets"), fields.join(", "));
  assert.ok(fields.includes("PrivateIpSet.primary"), fields.join(", "));
  assert.deepEqual(missing, [], `fields without a doc comment saying what they mean (of ${fields.length})`);
  // What the seeds say about SecurityGroupId is in its doc.
  const sg = byName
    .get("DescribeNetworkInterfacesRequest")
    .members.find((m) => m.name.getText(sf) === "securityGroupId");
  assert.match(
    ts
      .getJSDocCommentsAndTags(sg)
      .map((d) => d.comment)
      .join(" "),
    /secondary\s+ENIs\s+only/,
  );
});

test("resolveEndpoint and regionIds say what they return", () => {
  const { byName } = declarations();
  for (const [name, pattern] of [
    ["resolveEndpoint", /Returns the https origin[\s\S]*ecs-vpc/],
    ["regionIds", /Returns the IDs of the public ECS regions/],
  ]) {
    const decl = byName.get(name);
    assert.ok(decl, `${name} is declared`);
    const doc = ts
      .getJSDocCommentsAndTags(decl)
      .map((d) => d.comment)
      .join(" ");
    assert.match(doc, pattern, name);
  }
});

test("EcsErrorCode lists every code the Rust core gives (src/error.rs codes)", () => {
  const rust = readFileSync(join(ROOT, "src", "error.rs"), "utf8");
  const mod = /pub mod codes \{([\s\S]*?)\n\}/.exec(rust);
  assert.ok(mod, "src/error.rs has `pub mod codes`");
  const codes = [...mod[1].matchAll(/pub const \w+: &str = "([^"]+)";/g)].map((m) => m[1]);
  assert.ok(codes.length >= 8, `codes: ${codes}`);
  const { sf, byName } = declarations();
  const own = byName.get("EcsClientErrorCode");
  assert.ok(own && ts.isTypeAliasDeclaration(own), "EcsClientErrorCode is declared");
  const declared = own.type.types.map((t) => t.literal.text);
  assert.deepEqual([...declared].sort(), [...codes].sort(), `EcsClientErrorCode in ${sf.fileName}`);
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
  assert.equal(
    readFileSync(join(consumer.packageDir, "index.d.cts"), "utf8"),
    readFileSync(join(consumer.packageDir, "index.d.ts"), "utf8"),
    "index.d.cts declares the same API as index.d.ts",
  );
  const pkg = JSON.parse(readFileSync(join(consumer.packageDir, "package.json"), "utf8"));
  assert.equal(pkg.types, "./index.d.ts");
  const leaves = [];
  const walk = (path, node) => {
    if (typeof node === "string") return assert.fail(`${path.join(" > ")} has no types`);
    if ("default" in node && typeof node.default === "string") return leaves.push([path.join(" > "), node]);
    for (const [k, v] of Object.entries(node)) walk([...path, k], v);
  };
  walk([], pkg.exports["."]);
  assert.deepEqual(Object.keys(pkg.exports["."]), ["workerd", "worker", "node", "browser", "require", "default"]);
  assert.ok(leaves.length >= 8, JSON.stringify(leaves));
  for (const [path, leaf] of leaves) {
    assert.equal(Object.keys(leaf)[0], "types", `types comes first under ${path}`);
    const cjs = leaf.default.endsWith(".cjs");
    assert.equal(leaf.types, cjs ? "./index.d.cts" : "./index.d.ts", path);
    assert.equal(cjs, /(^| > )require$/.test(path), `only require conditions lead to the CommonJS file: ${path}`);
  }
});
