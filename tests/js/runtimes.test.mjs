// The same packed package (npm install of the tarball into a consumer folder) imported with a
// plain `import { EcsClient } from "aliyun-eni"` and no init call, in Node 20, 22 and 24, Deno
// and Bun: each runs tests/js/fixtures/runtimes/consumer.mjs from inside the consumer folder
// against its own emulator, lists every ENI (for await and .pages()), deletes one and waits,
// provokes an API, a validation and a network error, and reports which loader file it picked.
// Once per signature algorithm: ACS3-HMAC-SHA256 (V3, the default) and HMAC-SHA1 (V2); the
// emulator verifies each and its log shows which one every request carried.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { pathToFileURL } from "node:url";
import { installedPackage, startEmulator, ROOT } from "./harness.mjs";

const FIXTURES = join(ROOT, "tests", "js", "fixtures", "runtimes");
const RT = join(ROOT, "tests", "runtimes", "node_modules");
const RUN_TIMEOUT_MS = 45_000;

let consumer;
before(() => {
  consumer = installedPackage();
  copyFileSync(join(FIXTURES, "consumer.mjs"), join(consumer.dir, "runtimes-consumer.mjs"));
  copyFileSync(join(FIXTURES, "spy.mjs"), join(consumer.dir, "runtimes-spy.mjs"));
});

/** The environment minus what node --test sets for its own subprocesses. */
function withoutTestContext(env) {
  const { NODE_TEST_CONTEXT: _testContext, ...rest } = env;
  return rest;
}

/** Runs argv in the consumer folder; resolves { code, signal, stdout, stderr }; SIGKILLs it on timeout. */
function run(argv, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), {
      cwd: consumer.dir,
      env: { ...withoutTestContext(process.env), NO_COLOR: "1", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(child.pid, "SIGKILL");
      } catch {
        /* already gone */
      }
    }, RUN_TIMEOUT_MS);
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** http://127.0.0.1:<port> where nothing listens (a port just freed). */
async function closedPortUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

function binary(path) {
  assert.ok(existsSync(path), `${path} is missing: run scripts/ensure-tools.sh runtimes`);
  return path;
}

const denoDir = join(ROOT, "target", "deno-dir");
const RUNTIMES = [
  { name: "Node 20", major: /^20\./, argv: () => [process.execPath] },
  { name: "Node 22", major: /^22\./, argv: () => [binary(join(RT, "node22", "bin", "node"))] },
  { name: "Node 24", major: /^24\./, argv: () => [binary(join(RT, "node24", "bin", "node"))] },
  {
    name: "Deno 2.9",
    major: /^2\.9\./,
    // No deno.json, a package.json and a node_modules folder: Deno 2 resolves bare specifiers
    // from node_modules ("bring your own node_modules"). --no-lock keeps it from writing a lockfile.
    argv: () => [binary(join(RT, ".bin", "deno")), "run", "-A", "--no-lock"],
    env: () => (mkdirSync(denoDir, { recursive: true }), { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: "1" }),
  },
  { name: "Bun 1.4", major: /^1\.4\./, argv: () => [binary(join(RT, ".bin", "bun")), "run"] },
];

const ALGORITHMS = ["ACS3-HMAC-SHA256", "HMAC-SHA1"];

for (const [i, rt] of RUNTIMES.entries()) {
  for (const algorithm of ALGORITHMS) {
    test(
      `${rt.name}, ${algorithm}: plain import, list, delete, errors, node.js loader`,
      { timeout: 60_000 },
      async () => {
        const emu = await startEmulator({ enis: 250, seed: 11 + i, deleteDelayMs: 300 });
        try {
          const expected = emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
          const { code, signal, stdout, stderr } = await run(
            [...rt.argv(), "runtimes-consumer.mjs", emu.url, await closedPortUrl(), algorithm],
            rt.env?.(),
          );
          assert.equal(code, 0, `${rt.name} exited ${code} ${signal ?? ""}\nstdout: ${stdout}\nstderr: ${stderr}`);
          const lines = stdout.trim().split("\n");
          const r = JSON.parse(lines[lines.length - 1]);

          assert.equal(r.runtime, { "Deno 2.9": "deno", "Bun 1.4": "bun" }[rt.name] ?? "node");
          assert.match(r.version, rt.major);
          // Exactly the values index.d.ts declares (API.md's and the additive ones).
          const dts = readFileSync(join(consumer.packageDir, "index.d.ts"), "utf8");
          const declared = [...dts.matchAll(/^export declare (?:class|function|const) (\w+)/gm)].map((m) => m[1]);
          assert.deepEqual(r.exports, [...new Set(declared)].sort());
          for (const name of ["EcsClient", "EcsError", "resolveEndpoint", "rpcSignature"])
            assert.ok(r.exports.includes(name));
          assert.deepEqual(r.algorithms, [algorithm], "every request the emulator saw carried this signature");

          // The loader: node.js of the installed package, by what the runtime says it resolved and by
          // module identity; and the .wasm was never fetched (browser.js would fetch it).
          const nodeJs = pathToFileURL(join(consumer.packageDir, "node.js")).href;
          assert.equal(r.resolved, nodeJs, `${rt.name} resolved "aliyun-eni" to ${r.resolved}`);
          assert.equal(r.sameModuleAsNodeJs, true, `${rt.name} loaded another module than node.js`);
          assert.deepEqual(r.wasmFetches, []);

          // Listing: every ENI of the region, once, by both iteration styles.
          assert.equal(r.stateCount, expected.length);
          assert.equal(r.forAwaitCount, expected.length);
          assert.equal(r.forAwaitUnique, expected.length);
          assert.equal(r.forAwaitMatchesState, true);
          assert.equal(r.pagesCount, expected.length);
          assert.equal(r.pagesMatchesState, true);
          assert.deepEqual(r.pageSizes, [50, 50, 50, 50, 50]);
          assert.equal(r.lastNextToken, "absent");

          // Delete with waitUntilDeleted: resolved only once the ENI was gone.
          const victim = expected.find((e) => e.NetworkInterfaceId === r.deleted);
          assert.ok(victim, "the deleted ENI existed");
          assert.deepEqual(
            [victim.Status, victim.Type, Boolean(victim.ServiceManaged)],
            ["Available", "Secondary", false],
          );
          assert.match(r.deleteRequestId, /^[0-9A-F-]{36}$/);
          assert.ok(r.waitedMs >= 300, `waited ${r.waitedMs} ms, less than the delete delay`);
          assert.equal(r.listedAfterDelete, false);
          assert.equal(r.countAfterDelete, expected.length - 1);
          assert.equal(r.stillInState, false);
          assert.ok(!emu.state().enis.some((e) => e.NetworkInterfaceId === r.deleted));
          const deletes = emu.log().requests.filter((q) => q.action === "DeleteNetworkInterface" && q.status === 200);
          assert.deepEqual(
            deletes.map((q) => q.params.NetworkInterfaceId),
            [r.deleted],
          );

          // Errors: one class, the right kind and code, across the runtime boundary.
          assert.deepEqual(
            { ...r.apiError, requestId: typeof r.apiError.requestId, message: typeof r.apiError.message },
            {
              rejected: true,
              instanceofEcsError: true,
              instanceofError: true,
              name: "EcsError",
              kind: "api",
              code: "InvalidEniId.NotFound",
              httpStatus: 403,
              requestId: "string",
              retryable: false,
              attempts: 1,
              leaksSecret: false,
              showsSignature: false,
              message: "string",
            },
          );
          assert.equal(r.validationError.rejected, true);
          assert.equal(r.validationError.instanceofEcsError, true);
          assert.equal(r.validationError.instanceofError, true);
          assert.equal(r.validationError.name, "EcsError");
          assert.equal(r.validationError.kind, "validation");
          assert.equal(r.validationError.code, "ValidationError");
          assert.equal(r.validationError.field, "pageSize");
          assert.equal(r.validationError.attempts, 0);
          assert.equal(r.validationError.leaksSecret, false);
          assert.equal(r.requestsSentByValidation, 0);
          assert.deepEqual(
            {
              ...r.networkError,
              field: undefined,
              httpStatus: undefined,
              requestId: undefined,
              message: typeof r.networkError.message,
            },
            {
              rejected: true,
              instanceofEcsError: true,
              instanceofError: true,
              name: "EcsError",
              kind: "network",
              code: "NetworkError",
              field: undefined,
              httpStatus: undefined,
              requestId: undefined,
              retryable: true,
              attempts: 1,
              leaksSecret: false,
              showsSignature: false,
              message: "string",
            },
          );
        } finally {
          await emu.close();
        }
      },
    );
  }
}
