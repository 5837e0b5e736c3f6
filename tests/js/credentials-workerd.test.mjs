// Credentials in real workerd (Miniflare): a Worker bundled as wrangler does it reads its
// AccessKey from Worker secrets with fromEnv(env), from a credentials URI over a real outbound
// fetch to 127.0.0.1, and through defaultCredentials({ env }), whose file and metadata-service
// steps are skipped in this runtime. The bundle holds no file reader.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { bundleLikeWrangler, installedPackage, startEmulator, ROOT, STS } from "./harness.mjs";
import { startCredentialsUri } from "../emulator/imds.mjs";

let emu, uri, mf, bundle, metafile;

before(async () => {
  const consumer = installedPackage();
  copyFileSync(
    join(ROOT, "tests/js/fixtures/workerd/credentials-worker.mjs"),
    join(consumer.dir, "credentials-worker.mjs"),
  );
  const outDir = join(ROOT, "target", "workerd-credentials-bundle");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  metafile = await bundleLikeWrangler({
    consumerDir: consumer.dir,
    entry: join(consumer.dir, "credentials-worker.mjs"),
    outfile: join(outDir, "worker.js"),
  });
  bundle = readFileSync(join(outDir, "worker.js"), "utf8");
  emu = await startEmulator({ enis: 120, seed: 31 });
  uri = await startCredentialsUri({ issue: () => emu.sts.issue() });
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
    // Worker secrets arrive as string bindings on `env`.
    bindings: {
      ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret,
      ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken,
    },
  });
  await mf.ready;
});

after(async () => {
  await mf?.dispose();
  await uri?.close();
  await emu?.close();
});

async function call(params) {
  const url = new URL("http://worker.test/");
  for (const [k, v] of Object.entries({ emulator: emu.url, ...params })) url.searchParams.set(k, v);
  const res = await mf.dispatchFetch(url);
  assert.equal(res.status, 200);
  return res.json();
}

const expected = () =>
  emu
    .state()
    .enis.filter((e) => e.RegionId === "cn-hangzhou")
    .map((e) => e.NetworkInterfaceId)
    .sort();

test("the Worker bundle has no file reader and no node: import", () => {
  const inputs = Object.keys(metafile.inputs);
  assert.ok(inputs.some((p) => p.endsWith("node_modules/aliyun-eni/credentials.js")));
  assert.ok(!inputs.some((p) => p.endsWith("credentials-node.js")), "credentials-node.js is bundled");
  assert.doesNotMatch(bundle, /node:fs|node:os|readFile/);
});

test("fromEnv(env) with Worker secrets", async () => {
  const r = await call({ source: "env" });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.deepEqual([...r.ids].sort(), expected());
  assert.equal(r.accessKeyId, STS.accessKeyId);
  assert.equal(r.hasToken, true);
  assert.doesNotMatch(r.shown + r.provider, new RegExp(`${STS.accessKeySecret}|${STS.securityToken}`));
});

test("fromCredentialsUri over an outbound fetch", async () => {
  const before = uri.requests.length;
  const r = await call({ source: "uri", uri: uri.url });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.deepEqual([...r.ids].sort(), expected());
  assert.match(r.accessKeyId, /^STS\./);
  assert.match(r.expiration, /Z$/);
  assert.equal(uri.requests.length - before, 1, "cached across the pages and the last call");
});

test("defaultCredentials({ env }) in workerd: env first; files and metadata service skipped", async () => {
  const r = await call({ source: "chain" });
  assert.equal(r.error, undefined, JSON.stringify(r.error));
  assert.equal(r.accessKeyId, STS.accessKeyId);
  assert.match(r.provider, /default chain: .*environment variables/);

  const none = await call({ source: "chain", empty: "1" });
  assert.deepEqual(
    { ...none.error, message: undefined },
    { instanceofEcsError: true, kind: "credentials", code: "CredentialsError", message: undefined },
  );
  assert.match(
    none.error.message,
    /no credentials found; tried environment variables: ALIBABA_CLOUD_ACCESS_KEY_ID is not set; OIDC role: .* not set; aliyun CLI profile: skipped: no files in this runtime; credentials file: skipped: no files in this runtime; ECS RAM role: skipped: no instance metadata service in this runtime; credentials URI: ALIBABA_CLOUD_CREDENTIALS_URI is not set$/,
  );
});
