// CommonJS: the packed package installed into a folder and loaded with `require("aliyun-eni")`
// in Node 20, 22 and 24 (each also with require(esm) turned off, as on Node 20.0 to 20.18 and
// 22.0 to 22.11, where only a CommonJS loader can work), by its folder (`main`, for tools that
// ignore `exports`), and in Jest's default CommonJS mode. Each lists the emulator's ENIs and
// provokes errors. And: the CommonJS loader exports exactly what the ESM one does and what
// index.d.ts declares, and the package holds one .wasm file.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { importPackage, installedPackage, startEmulator, ROOT } from "./harness.mjs";

const FIXTURES = join(ROOT, "tests", "js", "fixtures");
const RT = join(ROOT, "tests", "runtimes", "node_modules");

let consumer;
before(() => {
  consumer = installedPackage();
  copyFileSync(join(FIXTURES, "cjs", "consumer.cjs"), join(consumer.dir, "cjs-consumer.cjs"));
});

/** Runs argv in `cwd`; resolves { code, stdout, stderr }; SIGKILLs it after 60 s. */
function run(argv, { cwd = consumer.dir, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT: _ctx, NODE_OPTIONS: _opts, ...base } = process.env;
    const child = spawn(argv[0], argv.slice(1), {
      cwd,
      env: { ...base, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The value exports index.d.ts declares (classes, functions, consts), sorted. */
function declaredValues() {
  const dts = readFileSync(join(consumer.packageDir, "index.d.ts"), "utf8");
  const names = [...dts.matchAll(/^export declare (?:abstract )?(?:class|function|const|let) (\w+)/gm)].map(
    (m) => m[1],
  );
  return [...new Set(names)].sort();
}

const NODES = [
  { name: "Node 20", node: () => process.execPath, major: /^20\./ },
  { name: "Node 22", node: () => join(RT, "node22", "bin", "node"), major: /^22\./ },
  { name: "Node 24", node: () => join(RT, "node24", "bin", "node"), major: /^24\./ },
];

for (const [i, rt] of NODES.entries()) {
  for (const requireModule of [true, false]) {
    const how = requireModule ? "as it ships" : "with require(esm) off (--no-experimental-require-module)";
    test(`${rt.name}: require("aliyun-eni") ${how} lists, fails with EcsError, same module by main`, async () => {
      const node = rt.node();
      assert.ok(existsSync(node), `${node} is missing: run scripts/ensure-tools.sh runtimes`);
      const emu = await startEmulator({ enis: 120, seed: 40 + i });
      try {
        const expected = emu
          .state()
          .enis.filter((e) => e.RegionId === "cn-hangzhou")
          .map((e) => e.NetworkInterfaceId)
          .sort();
        const flags = requireModule ? [] : ["--no-experimental-require-module"];
        const { code, stdout, stderr } = await run([node, ...flags, "cjs-consumer.cjs", emu.url]);
        assert.equal(code, 0, `exit ${code}\nstdout: ${stdout}\nstderr: ${stderr}`);
        const r = JSON.parse(stdout.trim().split("\n").pop());
        assert.match(r.version, rt.major);
        if (!requireModule) assert.equal(r.requireModule, false, "require(esm) is off");
        assert.equal(r.resolved, join(consumer.packageDir, "node.cjs"));
        assert.equal(r.byFolderResolved, join(consumer.packageDir, "node.cjs"), "main is node.cjs");
        assert.equal(r.sameAsByFolder, true, "one module instance by name and by folder");
        assert.deepEqual(r.exports, declaredValues());
        assert.deepEqual([...r.ids].sort(), expected);
        assert.equal(r.endpoint, "https://ecs.aliyuncs.com");
        assert.ok(r.regions > 20);
        assert.deepEqual(r.validation, {
          rejected: true,
          instanceofEcsError: true,
          kind: "validation",
          code: "ValidationError",
          field: "pageSize",
        });
        assert.deepEqual(r.api, {
          rejected: true,
          instanceofEcsError: true,
          kind: "api",
          code: "InvalidEniId.NotFound",
        });
        assert.equal(r.disposed, true, "EcsClient has [Symbol.dispose]");
        assert.equal(stderr, "", "nothing on stderr (no warning)");
      } finally {
        await emu.close();
      }
    });
  }
}

test("Jest (default CommonJS mode, testEnvironment node): require works against the emulator", async () => {
  const dir = join(consumer.dir, "jest-consumer");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "jest-consumer", private: true, type: "commonjs" }));
  writeFileSync(join(dir, "jest.config.js"), 'module.exports = { testEnvironment: "node" };\n');
  copyFileSync(join(FIXTURES, "jest", "eni.test.js"), join(dir, "eni.test.js"));
  const emu = await startEmulator({ enis: 120, seed: 50 });
  try {
    const expected = emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou").length;
    const jest = join(ROOT, "node_modules", "jest", "bin", "jest.js");
    const { code, stdout, stderr } = await run(
      [process.execPath, jest, "--ci", "--rootDir", dir, "--json", "--outputFile", join(dir, "result.json")],
      { cwd: dir, env: { ECS_EMULATOR_URL: emu.url, ECS_EXPECTED_ENIS: String(expected) } },
    );
    assert.equal(code, 0, `jest exited ${code}\nstdout: ${stdout}\nstderr: ${stderr}`);
    const result = JSON.parse(readFileSync(join(dir, "result.json"), "utf8"));
    assert.equal(result.numPassedTests, 2, stderr);
    assert.equal(result.numFailedTests, 0, stderr);
  } finally {
    await emu.close();
  }
});

test("the CommonJS and ESM loaders export the same names, all declared in index.d.ts", async () => {
  const esm = await importPackage();
  const cjs = createRequire(pathToFileURL(join(consumer.dir, "entry.cjs")).href)("aliyun-eni");
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  assert.deepEqual(Object.keys(cjs).sort(), declaredValues());
  for (const name of ["EcsClient", "EcsError", "resolveEndpoint", "rpcSignature", "regionIds"]) {
    assert.equal(typeof cjs[name], "function", name);
  }
});

test("import and require in one process share one instance of the package", async () => {
  // node.js requires node.cjs: one EcsError class, one wasm instance, one default chain.
  const esm = await importPackage();
  const cjs = createRequire(pathToFileURL(join(consumer.dir, "entry.cjs")).href)("aliyun-eni");
  for (const name of Object.keys(esm)) assert.equal(esm[name], cjs[name], name);
  const error = await new esm.EcsClient({
    regionId: "cn-hangzhou",
    credentials: { accessKeyId: "a", accessKeySecret: "b" },
  })
    .describeNetworkInterfaces({ maxResults: 0 })
    .catch((e) => e);
  assert.ok(error instanceof cjs.EcsError, `a ${error?.constructor?.name}: ${error?.message}`);
  assert.equal(error.field, "maxResults");
});

test("one .wasm in the package, read by the CommonJS loader from next to itself", () => {
  const files = readdirSync(consumer.packageDir, { recursive: true }).map(String);
  assert.deepEqual(
    files.filter((f) => f.endsWith(".wasm")),
    ["aliyun_eni_bg.wasm"],
  );
  const code = readFileSync(join(consumer.packageDir, "node.cjs"), "utf8");
  assert.ok(code.includes('"./aliyun_eni_bg.wasm"'), "node.cjs reads ./aliyun_eni_bg.wasm");
  assert.ok(!/\bimport\.meta\b/.test(code), "no import.meta in CommonJS");
  const wasm = readFileSync(join(consumer.packageDir, "aliyun_eni_bg.wasm"));
  // Inlined (base64), the wasm alone would make node.cjs a third larger than the .wasm.
  assert.ok(code.length < wasm.length, `node.cjs is ${code.length} bytes: the wasm is not inlined`);
  assert.ok(!code.includes("AGFzbQ") && !code.includes("\\0asm"), "no wasm bytes in node.cjs");
  const pkg = JSON.parse(readFileSync(join(consumer.packageDir, "package.json"), "utf8"));
  assert.equal(pkg.main, "./node.cjs");
  assert.equal(pkg.exports["."].node.require.default, "./node.cjs");
  assert.equal(pkg.exports["."].require.default, "./node.cjs");
  assert.equal(pkg.engines.node, ">=20");
});
