// JSR: the built package folder (pkg/, what `deno publish` would upload from) passes
// `deno publish --dry-run` offline (module graph, types, slow-type checks; nothing is sent), its
// jsr.json publishes deno.js with everything it imports, and deno.js runs in Deno with no read
// permission at all (the .wasm comes with the module graph through `import source`), only net to
// the emulator: it lists the emulator's ENIs and fails with EcsError.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startEmulator, ROOT } from "./harness.mjs";

const DENO = join(ROOT, "tests", "runtimes", "node_modules", ".bin", "deno");
const DENO_DIR = join(ROOT, "target", "deno-dir");
let dir;

before(() => {
  assert.ok(existsSync(join(ROOT, "pkg", "jsr.json")), "pkg/ is not built: run `make build`");
  assert.ok(existsSync(DENO), `${DENO} is missing: run scripts/ensure-tools.sh runtimes`);
  dir = join(ROOT, "target", "jsr-check");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(DENO_DIR, { recursive: true });
  cpSync(join(ROOT, "pkg"), dir, { recursive: true });
  // Deno type-checks the node: imports of the Node credential sources with @types/node. It takes
  // it from a folder's package.json and node_modules (as it would download it when online): the
  // repository's copy, listed in this copy's package.json only (not published: jsr.json lists
  // what is).
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  const typesNode = JSON.parse(readFileSync(join(ROOT, "node_modules", "@types", "node", "package.json"), "utf8"));
  pkg.devDependencies = { "@types/node": typesNode.version };
  writeFileSync(join(dir, "package.json"), JSON.stringify(pkg, null, 2));
  mkdirSync(join(dir, "node_modules", "@types"), { recursive: true });
  symlinkSync(join(ROOT, "node_modules", "@types", "node"), join(dir, "node_modules", "@types", "node"));
  for (const dep of Object.keys(typesNode.dependencies ?? {})) {
    symlinkSync(join(ROOT, "node_modules", dep), join(dir, "node_modules", dep));
  }
});

function deno(args, cwd = dir) {
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT: _ctx, ...base } = process.env;
    const child = spawn(DENO, args, {
      cwd,
      env: { ...base, DENO_DIR, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 110_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

test("jsr.json: the package's name and version, deno.js exported, its module graph published", () => {
  const jsr = JSON.parse(readFileSync(join(dir, "jsr.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.match(jsr.name, /^@[a-z0-9-]+\/aliyun-eni$/);
  assert.equal(jsr.version, pkg.version);
  assert.equal(jsr.license, pkg.license);
  assert.equal(jsr.exports, "./deno.js");
  for (const f of [
    "deno.js",
    "deno.d.ts",
    "aliyun_eni.js",
    "runtime.js",
    "aliyun_eni_bg.wasm",
    "README.md",
    "LICENSE-MIT",
  ]) {
    assert.ok(jsr.publish.include.includes(f), `${f} is published`);
  }
  const loader = readFileSync(join(dir, "deno.js"), "utf8");
  assert.match(loader, /^\/\/ @ts-self-types="\.\/deno\.d\.ts"/);
  assert.match(loader, /^import source wasmModule from "\.\/aliyun_eni_bg\.wasm";$/m);
  assert.ok(!/readFileSync|node:fs/.test(loader), "deno.js reads no file itself");
});

test("deno publish --dry-run passes, offline", { timeout: 120_000 }, async () => {
  const { code, out } = await deno(["publish", "--dry-run", "--allow-dirty"]);
  assert.equal(code, 0, out);
  assert.match(out, /Simulating publish of @[a-z0-9-]+\/aliyun-eni@/);
  assert.match(out, /deno\.js/);
  assert.match(out, /aliyun_eni_bg\.wasm/);
  assert.match(out, /Dry run complete/);
});

test("deno.js in Deno without read permission: lists the emulator's ENIs, EcsError", { timeout: 120_000 }, async () => {
  const emu = await startEmulator({ enis: 120, seed: 60 });
  try {
    const expected = emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou").length;
    writeFileSync(
      join(dir, "jsr-consumer.mjs"),
      `import { EcsClient, EcsError, regionIds, resolveEndpoint } from "./deno.js";
const ecs = new EcsClient({ regionId: "cn-hangzhou", endpoint: Deno.args[0],
  credentials: { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" } });
const ids = new Set();
for await (const eni of ecs.listNetworkInterfaces({ maxResults: 100 })) ids.add(eni.networkInterfaceId);
const e = await ecs.describeNetworkInterfaces({ pageSize: 0 }).catch((err) => err);
console.log(JSON.stringify({ count: ids.size, instanceofEcsError: e instanceof EcsError, field: e.field,
  regions: regionIds().length, endpoint: resolveEndpoint("cn-zhangbei") }));
`,
    );
    const host = new URL(emu.url).host;
    const { code, out } = await deno([
      "run",
      "--no-prompt",
      "--no-lock",
      "--no-config",
      `--allow-net=${host}`,
      "jsr-consumer.mjs",
      emu.url,
    ]);
    assert.equal(code, 0, out);
    const r = JSON.parse(out.trim().split("\n").pop());
    assert.deepEqual(r, {
      count: expected,
      instanceofEcsError: true,
      field: "pageSize",
      regions: r.regions,
      endpoint: "https://ecs.aliyuncs.com",
    });
    assert.ok(r.regions > 20);
  } finally {
    await emu.close();
  }
});
