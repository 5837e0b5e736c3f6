// The cleanup Worker (examples/cleanup-worker) in real workerd (Miniflare) against the
// emulator: bundled as wrangler bundles it, with the packed package; the Cron Trigger fanning
// out on a real Queue, the consumer with several regions, a region that throttles, a message
// retried by Queues.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { installedExample } from "./example.mjs";
import { Miniflare } from "miniflare";
import { KNOWN_REGIONS } from "../emulator/data.mjs";
import { bundleLikeWrangler, startEmulator, ROOT, KEY, STS, SECRETS } from "../js/harness.mjs";
import { regionRelay } from "../cli/_helpers.mjs";

const QUEUE = "aliyun-eni-cleanup";
const OPTIONS = Symbol("options");
let miniflareOptions;
let emu, relay, mf, worker, bundleInputs;
const logs = [];

before(async () => {
  const { consumer, dir } = installedExample();
  const outDir = join(ROOT, "target", "cleanup-worker-bundle");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const metafile = await bundleLikeWrangler({
    consumerDir: consumer.dir,
    entry: join(dir, "worker.js"),
    outfile: join(outDir, "worker.js"),
  });
  bundleInputs = Object.keys(metafile.inputs);

  emu = await startEmulator({ enis: 120, seed: 41, deleteDelayMs: 50 });
  relay = await regionRelay(emu.url, { knownRegions: KNOWN_REGIONS });
  mf = new Miniflare(
    (miniflareOptions = {
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
      compatibilityFlags: ["service_binding_extra_handlers"],
      bindings: {
        ACCOUNTS: "default",
        REGIONS: "cn-hangzhou,cn-shanghai,cn-beijing",
        OLDER_THAN: "1d",
        DRY_RUN: "false",
        CONCURRENCY: "4",
        MAX_SUBREQUESTS: "1000",
        ECS_ENDPOINT: relay.url,
        // Worker secrets, as `wrangler secret put` makes them.
        ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
        PROD__ALIBABA_CLOUD_ACCESS_KEY_ID: STS.accessKeyId,
        PROD__ALIBABA_CLOUD_ACCESS_KEY_SECRET: STS.accessKeySecret,
        PROD__ALIBABA_CLOUD_SECURITY_TOKEN: STS.securityToken,
      },
      queueProducers: { CLEANUP_QUEUE: QUEUE },
      queueConsumers: {
        [QUEUE]: { maxBatchSize: 1, maxBatchTimeout: 1, maxRetries: 3, retryDelay: 0, deadLetterQueue: `${QUEUE}-dlq` },
      },
      handleRuntimeStdio(stdout, stderr) {
        for (const stream of [stdout, stderr]) {
          let rest = "";
          stream.setEncoding("utf8").on("data", (chunk) => {
            const lines = (rest + chunk).split("\n");
            rest = lines.pop();
            for (const line of lines) logs.push(line);
          });
        }
      },
    }),
  );
  mf[OPTIONS] = miniflareOptions;
  await mf.ready;
  worker = await mf.getWorker();
});

after(async () => {
  await mf?.dispose();
  await relay?.close();
  await emu?.close();
});

const records = () =>
  logs
    .map((l) => l.slice(l.indexOf("{")))
    .filter((l) => l.startsWith("{"))
    .map((l) => {
      try {
        return JSON.parse(l);
      } catch {
        return null;
      }
    })
    .filter(Boolean);

const DAY = 86_400_000;
const isOrphan = (e) =>
  e.Status === "Available" &&
  e.Type === "Secondary" &&
  !e.ServiceManaged &&
  Date.now() - Date.parse(e.CreationTime) >= DAY;
const orphansIn = (region) => emu.state().enis.filter((e) => e.RegionId === region && isOrphan(e));

async function until(what, check, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`timed out waiting for ${what}; logs:\n${logs.slice(-20).join("\n")}`);
}

function message(id, body, attempts = 1) {
  return { id, timestamp: new Date(), body, attempts };
}

test("the Worker bundle has the workerd loader and the orphan rule, not the CLI or Node code", () => {
  const pkg = (f) => bundleInputs.some((p) => p.endsWith(`node_modules/aliyun-eni/${f}`));
  assert.ok(pkg("workerd.js") && pkg("bulk.js"), bundleInputs.join(", "));
  for (const f of ["cli.js", "node.js", "browser.js", "credentials-node.js"]) assert.ok(!pkg(f), `${f} is bundled`);
});

test(
  "Cron Trigger: one message per (account, region) on the queue; the consumer cleans each slice",
  { timeout: 60_000 },
  async () => {
    await emu.reset({ enis: 120, seed: 41, deleteDelayMs: 50 });
    const keep = emu.state().enis.filter((e) => !isOrphan(e));
    const hz = orphansIn("cn-hangzhou").length;
    const sh = orphansIn("cn-shanghai").length;
    assert.ok(hz > 10, `${hz} orphans`);
    logs.length = 0;

    const result = await worker.scheduled({ cron: "17 * * * *" });
    assert.equal(result.outcome, "ok");
    await until("every slice to be cleaned", () => records().filter((r) => r.event === "slice").length >= 3);

    const scheduled = records().find((r) => r.event === "scheduled");
    assert.deepEqual({ enqueued: scheduled.enqueued, cron: scheduled.cron }, { enqueued: 3, cron: "17 * * * *" });
    const slices = Object.fromEntries(
      records()
        .filter((r) => r.event === "slice")
        .map((r) => [r.regionId, r]),
    );
    assert.deepEqual(Object.keys(slices).sort(), ["cn-beijing", "cn-hangzhou", "cn-shanghai"]);
    assert.equal(slices["cn-hangzhou"].deleted, hz);
    assert.equal(slices["cn-hangzhou"].candidates, hz);
    assert.equal(slices["cn-shanghai"].deleted, sh);
    assert.equal(slices["cn-beijing"].listed, 0);
    for (const s of Object.values(slices)) {
      assert.equal(s.failed, 0);
      assert.equal(s.retry, false);
      assert.equal(s.account, "default");
      assert.ok(s.subrequests <= 1000);
    }
    // The orphans are gone; nothing else changed.
    assert.deepEqual(
      orphansIn("cn-hangzhou").filter((e) => e.Status !== "Deleting"),
      [],
    );
    const now = new Map(emu.state().enis.map((e) => [e.NetworkInterfaceId, e.Status]));
    for (const e of keep) assert.equal(now.get(e.NetworkInterfaceId), e.Status, e.NetworkInterfaceId);
    // No secret in any log line.
    for (const l of logs) for (const s of SECRETS) assert.ok(!l.includes(s));
  },
);

test(
  "queue consumer: several regions in a batch, a throttling region retried, the others acked",
  { timeout: 60_000 },
  async () => {
    await emu.reset({ enis: 120, seed: 42, deleteDelayMs: 50 });
    const sh = orphansIn("cn-shanghai").map((e) => e.NetworkInterfaceId);
    relay.throttle.set("cn-shanghai", Infinity);
    logs.length = 0;
    const result = await worker.queue(QUEUE, [
      message("m-hz", { account: "default", regionId: "cn-hangzhou" }),
      message("m-sh", { account: "prod", regionId: "cn-shanghai" }),
      message("m-bj", { account: "prod", regionId: "cn-beijing" }),
      message("m-bad", { nonsense: true }),
    ]);
    relay.throttle.delete("cn-shanghai");
    assert.equal(result.outcome, "ok");
    assert.deepEqual(
      result.retryMessages.map((m) => m.msgId),
      ["m-sh"],
    );
    assert.deepEqual([...result.explicitAcks].sort(), ["m-bad", "m-bj", "m-hz"]);
    assert.deepEqual(
      orphansIn("cn-hangzhou").filter((e) => e.Status !== "Deleting"),
      [],
    );
    // The throttled region was left alone (nothing deleted there).
    assert.deepEqual(
      orphansIn("cn-shanghai").map((e) => e.NetworkInterfaceId),
      sh,
    );
    const shLog = records().find((r) => r.event === "slice" && r.regionId === "cn-shanghai");
    assert.equal(shLog.retry, true);
    assert.match(shLog.listError, /Throttling\.User/);
    assert.equal(records().find((r) => r.event === "bad-message").id, "m-bad");

    // Redelivered (as Queues does after retry()): the STS account's credentials work, it is cleaned.
    const again = await worker.queue(QUEUE, [message("m-sh", { account: "prod", regionId: "cn-shanghai" }, 2)]);
    assert.deepEqual(again.explicitAcks, ["m-sh"]);
    assert.deepEqual(again.retryMessages, []);
    assert.deepEqual(
      orphansIn("cn-shanghai").filter((e) => e.Status !== "Deleting"),
      [],
    );
  },
);

test(
  "a message retried by Queues: throttled on its first delivery, cleaned on the next",
  { timeout: 60_000 },
  async () => {
    await emu.reset({ enis: 120, seed: 43, deleteDelayMs: 50 });
    assert.ok(orphansIn("cn-shanghai").length > 0);
    // Three throttled answers: the library's three attempts of the first listing.
    relay.throttle.set("cn-shanghai", 3);
    logs.length = 0;
    const producer = await mf.getQueueProducer("CLEANUP_QUEUE");
    await producer.send({ account: "default", regionId: "cn-shanghai" });
    await until("the retried delivery", () =>
      records().some((r) => r.event === "slice" && r.regionId === "cn-shanghai" && r.retry === false),
    );
    const deliveries = records().filter((r) => r.event === "slice" && r.regionId === "cn-shanghai");
    assert.deepEqual(
      deliveries.map((r) => [r.attempts, r.retry]),
      [
        [1, true],
        [2, false],
      ],
    );
    assert.ok(deliveries[1].deleted > 0);
    assert.deepEqual(
      orphansIn("cn-shanghai").filter((e) => e.Status !== "Deleting"),
      [],
    );
  },
);

test(
  "the subrequest budget: what does not fit goes back on the queue as a new message",
  { timeout: 90_000 },
  async () => {
    await emu.reset({ enis: 120, seed: 44, deleteDelayMs: 50 });
    const hz = orphansIn("cn-hangzhou").length;
    assert.ok(hz > 30, `${hz} orphans`);
    // A budget of 40 subrequests per invocation (the Free plan has 50).
    const options = mf[OPTIONS] ?? null;
    assert.ok(options, "the Miniflare options are kept by this test");
    await mf.setOptions({ ...options, bindings: { ...options.bindings, MAX_SUBREQUESTS: "40" } });
    worker = await mf.getWorker();
    logs.length = 0;
    const producer = await mf.getQueueProducer("CLEANUP_QUEUE");
    await producer.send({ account: "default", regionId: "cn-hangzhou" });
    await until(
      "every orphan to be deleted",
      () => orphansIn("cn-hangzhou").every((e) => e.Status === "Deleting"),
      60_000,
    );
    await until("the last slice", () =>
      records().some((r) => r.event === "slice" && r.regionId === "cn-hangzhou" && r.left === 0),
    );
    const slices = records().filter((r) => r.event === "slice" && r.regionId === "cn-hangzhou");
    assert.ok(slices.length >= 2, `${slices.length} invocations`);
    for (const s of slices) assert.ok(s.subrequests <= 40, `${s.subrequests} subrequests`);
    assert.equal(
      slices.reduce((n, s) => n + s.deleted, 0),
      hz,
    );
    // Each continuation picked up where the last one stopped.
    for (let i = 1; i < slices.length; i++) assert.equal(slices[i].candidates, slices[i - 1].left);
  },
);
