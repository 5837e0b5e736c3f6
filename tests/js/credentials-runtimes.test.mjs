// The file sources in every server runtime: Node 20, 22, 24, Deno and Bun each run
// tests/js/fixtures/runtimes/credentials-consumer.mjs from the consumer folder (the packed
// package installed from its tarball) with a HOME holding the aliyun CLI's config.json and a
// credentials file, and list ENIs through defaultCredentials(), fromProfile and fromEnv.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { installedPackage, startEmulator, ROOT, KEY } from "./harness.mjs";

const RT = join(ROOT, "tests", "runtimes", "node_modules");
let consumer, emu, home;

before(async () => {
  consumer = installedPackage();
  copyFileSync(
    join(ROOT, "tests/js/fixtures/runtimes/credentials-consumer.mjs"),
    join(consumer.dir, "credentials-consumer.mjs"),
  );
  emu = await startEmulator({ enis: 120, seed: 41 });
  home = mkdtempSync(join(tmpdir(), "aliyun-eni-home-"));
  mkdirSync(join(home, ".aliyun"));
  mkdirSync(join(home, ".alibabacloud"));
  writeFileSync(
    join(home, ".aliyun", "config.json"),
    JSON.stringify({
      current: "default",
      profiles: [
        { name: "default", mode: "AK", access_key_id: KEY.accessKeyId, access_key_secret: KEY.accessKeySecret },
      ],
    }),
  );
  writeFileSync(
    join(home, ".alibabacloud", "credentials"),
    `[ini]\ntype = access_key\naccess_key_id = ${KEY.accessKeyId}\naccess_key_secret = ${KEY.accessKeySecret}\n`,
  );
});

after(async () => {
  await emu?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

function run(argv, env = {}) {
  return new Promise((resolve, reject) => {
    const { NODE_TEST_CONTEXT: _ctx, ...parent } = process.env;
    const child = spawn(argv[0], argv.slice(1), {
      cwd: consumer.dir,
      env: { ...parent, NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 45_000);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    child.on("close", (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

const denoDir = join(ROOT, "target", "deno-dir");
const RUNTIMES = [
  { name: "Node 20", argv: () => [process.execPath] },
  { name: "Node 22", argv: () => [join(RT, "node22", "bin", "node")] },
  { name: "Node 24", argv: () => [join(RT, "node24", "bin", "node")] },
  {
    name: "Deno",
    argv: () => [join(RT, ".bin", "deno"), "run", "-A", "--no-lock"],
    env: () => (mkdirSync(denoDir, { recursive: true }), { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" }),
  },
  { name: "Bun", argv: () => [join(RT, ".bin", "bun"), "run"] },
];

for (const rt of RUNTIMES) {
  test(
    `${rt.name}: config.json through the chain, the INI file, env, a client without credentials`,
    { timeout: 60_000 },
    async () => {
      const argv = rt.argv();
      assert.ok(existsSync(argv[0]), `${argv[0]} is missing: run scripts/ensure-tools.sh runtimes`);
      const { code, stdout, stderr } = await run([...argv, "credentials-consumer.mjs", emu.url, home], rt.env?.());
      assert.equal(code, 0, `exit ${code}\n${stdout}\n${stderr}`);
      const r = JSON.parse(stdout.trim().split("\n").at(-1));
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      const expected = emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou").length;
      for (const source of ["chain", "ini", "env"]) {
        assert.equal(r[source].n, expected, source);
        assert.equal(r[source].accessKeyId, KEY.accessKeyId, source);
        assert.ok(!r[source].shown.includes(KEY.accessKeySecret), source);
      }
      assert.equal(r.defaultClient, 5);
    },
  );
}
