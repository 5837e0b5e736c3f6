// The bench's peers sign V3 as the emulator verifies it: the minimal Node client
// (fixtures/clients.mjs) pages through every ENI, each request accepted as ACS3-HMAC-SHA256, and
// so does the official-SDK script the CLI's time to first output is compared with.
// (The minimal Worker in fixtures/workerd/worker-list.mjs has the same algorithm on
// crypto.subtle; `make bench` checks its ENI and page counts on every sample.)
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { startEmulator } from "../emulator/server.mjs";
import { makeLister } from "./fixtures/clients.mjs";

const run = promisify(execFile);

test("the minimal client signs V3 and lists every ENI", async () => {
  const emu = await startEmulator({ enis: 1200, seed: 3 });
  try {
    const lister = await makeLister("minimal", emu.url);
    const ids = [];
    let pages = 0;
    for await (const page of lister.pages()) {
      pages++;
      for (const eni of page) ids.push(lister.id(eni));
    }
    assert.equal(pages, 3);
    assert.equal(new Set(ids).size, 1200);
    const api = emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces");
    assert.equal(api.length, 3);
    for (const r of api) assert.equal(r.algorithm, "ACS3-HMAC-SHA256");
  } finally {
    await emu.close();
  }
});

test("the emulator rejects the minimal client's V3 signature under another secret", async () => {
  const emu = await startEmulator({
    enis: 10,
    credentials: [{ accessKeyId: "emulator-key-id", accessKeySecret: "another-secret" }],
  });
  try {
    const lister = await makeLister("minimal", emu.url);
    await assert.rejects(async () => {
      for await (const page of lister.pages()) void page;
    }, /SignatureDoesNotMatch/);
  } finally {
    await emu.close();
  }
});

// The aliyun-CLI-style peer of `aliyun-eni list --output ndjson` (fixtures/official-cli.cjs): the
// official SDK, V3, credentials from the environment through the official default chain. Its
// require() finds tests/bench's own packages when `make bench` has installed them, else the
// root's devDependencies (the same versions), so `make test` always runs it.
test("the official-SDK CLI script prints every ENI as one ndjson line, V3-signed, 500 a page", async () => {
  const emu = await startEmulator({ enis: 1100, seed: 4 });
  try {
    const env = { ...process.env };
    for (const k of Object.keys(env)) if (/^ALIBABA_CLOUD_|^ALICLOUD_/.test(k)) delete env[k];
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = "emulator-key-id";
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = "emulator-key-secret";
    const script = fileURLToPath(new URL("./fixtures/official-cli.cjs", import.meta.url));
    const { stdout } = await run(
      "node",
      [script, "--region", "cn-hangzhou", "--endpoint", emu.url, "--max-results", "500"],
      {
        env,
        maxBuffer: 64 << 20,
      },
    );
    const lines = stdout.split("\n");
    assert.equal(lines.pop(), "");
    assert.equal(lines.length, 1100);
    const enis = lines.map((l) => JSON.parse(l));
    assert.equal(new Set(enis.map((e) => e.networkInterfaceId)).size, 1100);
    for (const e of enis) assert.equal(e.regionId, "cn-hangzhou");
    const api = emu.log().requests.filter((r) => r.action === "DescribeNetworkInterfaces");
    assert.equal(api.length, 3);
    for (const r of api) assert.equal(r.algorithm, "ACS3-HMAC-SHA256");
  } finally {
    await emu.close();
  }
});
