// The packed package in real workerd (Miniflare): a worker importing "aliyun-eni" is bundled as
// wrangler does it (esbuild, conditions workerd/worker/browser, ESM, the .wasm import external
// and copied next to the bundle), loaded with CompiledWasm/ESModule module rules, and lists and
// deletes ENIs in the emulator over a real outbound fetch to 127.0.0.1, once per signature
// algorithm (ACS3-HMAC-SHA256, the default, and HMAC-SHA1), and sends a signRpcRequest request
// with workerd's fetch.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleLikeWrangler, installedPackage, startEmulator, ROOT } from "./harness.mjs";

let consumer, emu, mf, bundle, outDir, metafile;

before(async () => {
  consumer = installedPackage();
  copyFileSync(join(ROOT, "tests/js/fixtures/workerd/worker.mjs"), join(consumer.dir, "workerd-worker.mjs"));
  outDir = join(ROOT, "target", "workerd-bundle");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  metafile = await bundleLikeWrangler({
    consumerDir: consumer.dir,
    entry: join(consumer.dir, "workerd-worker.mjs"),
    outfile: join(outDir, "worker.js"),
  });
  bundle = readFileSync(join(outDir, "worker.js"), "utf8");

  emu = await startEmulator({ enis: 250, seed: 21, deleteDelayMs: 300 });
  mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    modules: true,
    scriptPath: join(outDir, "worker.js"),
    modulesRoot: outDir,
    modulesRules: [
      { type: "ESModule", include: ["**/*.js"] },
      { type: "CompiledWasm", include: ["**/*.wasm"] },
    ],
    compatibilityDate: "2026-04-01",
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  await emu?.close();
});

function enisInRegion() {
  return emu.state().enis.filter((e) => e.RegionId === "cn-hangzhou");
}

function deletable() {
  return enisInRegion().find((e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged);
}

async function call(params) {
  const url = new URL("http://worker.test/");
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await mf.dispatchFetch(url);
  assert.equal(res.status, 200);
  return res.json();
}

test("the bundle uses workerd.js: the .wasm is an imported module, never read or fetched", () => {
  const inputs = Object.keys(metafile.inputs);
  assert.ok(
    inputs.some((p) => p.endsWith("node_modules/aliyun-eni/workerd.js")),
    `inputs: ${inputs}`,
  );
  for (const other of ["node.js", "browser.js"]) {
    assert.ok(!inputs.some((p) => p.endsWith(`node_modules/aliyun-eni/${other}`)), `${other} is bundled`);
  }
  assert.match(bundle, /import\s+\w+\s+from\s+["']\.\/aliyun_eni_bg\.wasm["']/);
  assert.doesNotMatch(bundle, /readFileSync|node:fs|instantiateStreaming/);
  assert.doesNotMatch(bundle, /new URL\(\s*["'][^"']*\.wasm["']\s*,\s*import\.meta\.url\s*\)/);
  assert.equal(
    metafile.outputs[Object.keys(metafile.outputs)[0]].imports
      .filter((i) => i.external)
      .map((i) => i.path)
      .join(),
    "./aliyun_eni_bg.wasm",
  );
});

const ALGORITHMS = ["ACS3-HMAC-SHA256", "HMAC-SHA1"];
for (const [mode, algorithm] of ["default", "explicit-fetch", "provider"].flatMap((m) =>
  ALGORITHMS.map((a) => [m, a]),
)) {
  test(
    `in workerd (${mode === "explicit-fetch" ? "ClientOptions.fetch: fetch" : mode === "provider" ? "async credentials provider" : "default fetch"}, ${algorithm}): list, delete and wait, errors, signRpcRequest`,
    { timeout: 30_000 },
    async () => {
      const before = enisInRegion();
      const victim = deletable();
      emu.clearLog();
      const r = await call({ emulator: emu.url, mode, delete: victim.NetworkInterfaceId, algorithm });
      assert.equal(r.error, undefined, JSON.stringify(r.error));
      assert.equal(r.mode, mode);

      assert.deepEqual([...r.ids].sort(), before.map((e) => e.NetworkInterfaceId).sort());
      assert.equal(new Set(r.ids).size, r.ids.length);
      assert.equal(r.totalCount, before.length);
      assert.deepEqual(
        r.pageSizes,
        Array.from({ length: Math.ceil(before.length / 100) }, (_, i) => Math.min(100, before.length - i * 100)),
      );

      assert.match(r.deleteResponse.requestId, /^[0-9A-F-]{36}$/);
      assert.ok(!r.idsAfterDelete.includes(victim.NetworkInterfaceId));
      assert.equal(r.idsAfterDelete.length, before.length - 1);
      assert.ok(!emu.state().enis.some((e) => e.NetworkInterfaceId === victim.NetworkInterfaceId));
      // It waited: at least one poll saw the ENI gone after the delete.
      const actions = emu.log().requests.map((q) => q.action);
      const del = actions.indexOf("DeleteNetworkInterface");
      assert.ok(del >= 0 && actions.slice(del + 1).includes("DescribeNetworkInterfaces"));

      assert.deepEqual(
        { ...r.apiError, message: typeof r.apiError.message },
        {
          rejected: true,
          instanceofEcsError: true,
          name: "EcsError",
          kind: "api",
          code: "InvalidEniId.NotFound",
          httpStatus: 403,
          attempts: 1,
          message: "string",
        },
      );
      assert.deepEqual(
        { ...r.validationError, message: typeof r.validationError.message },
        {
          rejected: true,
          instanceofEcsError: true,
          name: "EcsError",
          kind: "validation",
          code: "ValidationError",
          field: "status",
          attempts: 0,
          message: "string",
        },
      );
      assert.equal(r.endpoint, "https://ecs.cn-shanghai.aliyuncs.com");
      assert.match(r.signature, /^[A-Za-z0-9+/]{27}=$/);
      assert.deepEqual(
        [...new Set(emu.log().requests.map((q) => q.algorithm))],
        [algorithm],
        "the emulator verified every request with this algorithm",
      );
      assert.equal(r.signedRequest.status, 200);
      assert.equal(r.signedRequest.count, 10);
      assert.deepEqual(
        r.signedRequest.headers,
        algorithm === "HMAC-SHA1"
          ? ["content-type"]
          : [
              "Authorization",
              "accept",
              "x-acs-action",
              "x-acs-content-sha256",
              "x-acs-date",
              "x-acs-signature-nonce",
              "x-acs-version",
            ],
      );
    },
  );
}
