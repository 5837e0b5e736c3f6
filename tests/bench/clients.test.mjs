// The bench's hand-written peers sign V3 as the emulator verifies it: the minimal Node client
// (fixtures/clients.mjs) pages through every ENI, each request accepted as ACS3-HMAC-SHA256.
// (The minimal Worker in fixtures/workerd/worker-list.mjs has the same algorithm on
// crypto.subtle; `make bench` checks its ENI and page counts on every sample.)
import assert from "node:assert/strict";
import { test } from "node:test";
import { startEmulator } from "../emulator/server.mjs";
import { makeLister } from "./fixtures/clients.mjs";

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
