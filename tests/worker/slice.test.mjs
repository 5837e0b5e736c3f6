// The Worker's slice code (examples/cleanup-worker/src/slice.js) in Node with the packed
// package: a listing capped at 1,000 by a tag filter is flagged and asks for another run.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { installedExample } from "./example.mjs";
import { pathToFileURL } from "node:url";
import { startEmulator, KEY } from "../js/harness.mjs";

let emu, slice;

before(async () => {
  const { dir } = installedExample();
  slice = await import(pathToFileURL(join(dir, "slice.js")).href);
  emu = await startEmulator({ enis: 10000, seed: 9, deleteDelayMs: 10 });
});

after(async () => {
  await emu?.close();
});

const env = () => ({
  ECS_ENDPOINT: emu.url,
  REGIONS: "cn-hangzhou",
  OLDER_THAN: "1d",
  TAGS: "env",
  CONCURRENCY: "16",
  MAX_SUBREQUESTS: "10000",
  ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
});

const tagged = (e) => (e.Tags?.Tag ?? []).some((t) => (t.TagKey ?? t.Key) === "env");

test(
  "a tag-filtered slice capped at 1,000 deletes what it saw and asks for another run",
  { timeout: 300_000 },
  async () => {
    const matching = emu
      .state()
      .enis.filter(
        (e) => e.RegionId === "cn-hangzhou" && e.Status === "Available" && e.Type === "Secondary" && tagged(e),
      );
    assert.ok(matching.length > 1000, `${matching.length} tagged Available Secondary ENIs`);

    const first = await slice.cleanSlice(env(), { account: "default", regionId: "cn-hangzhou" });
    assert.equal(first.capped, true);
    assert.equal(first.listed, 1000);
    assert.ok(first.deleted > 0 && first.deleted === first.candidates, JSON.stringify(first));
    assert.equal(first.more, true);

    // The next run sees past the first 1,000 (those are Deleting or gone).
    const second = await slice.cleanSlice(env(), { account: "default", regionId: "cn-hangzhou" });
    assert.ok(second.listed > 0);
    assert.ok(second.candidates > 0, JSON.stringify(second));
  },
);
