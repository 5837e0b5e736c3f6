// Interop: the packed package's own signer (signRpcRequest, Rust) against the emulator's
// independent verifier (node:crypto), both algorithms. A relay signs for the real host and
// sends elsewhere: the emulator accepts that only when told the host (hostAliases).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { installedPackage } from "../js/harness.mjs";
import { startEmulator } from "../emulator/server.mjs";
import { HOSTILE_ENIS } from "../emulator/data.mjs";

const { signRpcRequest } = await import(installedPackage().importUrl);
const REAL_HOST = "ecs.cn-hangzhou.aliyuncs.com";
const emu = await startEmulator({ enis: 80, seed: 91, deleteDelayMs: 100, emptyValues: true });
const relayed = await startEmulator({ enis: 30, seed: 92, hostAliases: [REAL_HOST] });
after(() => Promise.all([emu.close(), relayed.close()]));

const KEY = { accessKeyId: "emulator-key-id", accessKeySecret: "emulator-key-secret" };
const STS = {
  accessKeyId: "STS.emulator-key-id",
  accessKeySecret: "emulator-sts-secret",
  securityToken: "emulator-sts-token",
};
const ALGORITHMS = ["ACS3-HMAC-SHA256", "HMAC-SHA1"];

async function send(e, action, parameters, { algorithm, method, cred = KEY, host } = {}) {
  const signed = signRpcRequest(
    { endpoint: e.url, action, version: "2014-05-26", parameters, method, ...(host ? { host } : {}) },
    cred,
    { signatureAlgorithm: algorithm },
  );
  const res = await fetch(signed.url, { method: signed.method, headers: signed.headers, body: signed.body });
  return { status: res.status, json: await res.json(), signed };
}

test("the package's requests pass the emulator's checks: both algorithms, GET and POST, STS, hostile values", async () => {
  for (const algorithm of ALGORITHMS) {
    for (const method of ["GET", "POST"]) {
      for (const cred of [KEY, STS]) {
        const r = await send(
          emu,
          "DescribeNetworkInterfaces",
          { RegionId: "cn-hangzhou", MaxResults: "5" },
          { algorithm, method, cred },
        );
        assert.equal(r.status, 200, `${algorithm} ${method} ${cred.accessKeyId}: ${JSON.stringify(r.json)}`);
        assert.equal(emu.log().requests.at(-1).algorithm, algorithm);
      }
    }
    for (const h of HOSTILE_ENIS) {
      const r = await send(
        emu,
        "DescribeNetworkInterfaces",
        {
          RegionId: "cn-hangzhou",
          NetworkInterfaceName: h.name,
          "Tag.1.Key": h.tags[0][0],
          "Tag.1.Value": h.tags[0][1],
        },
        { algorithm },
      );
      assert.equal(r.status, 200, JSON.stringify(r.json));
      assert.deepEqual(
        r.json.NetworkInterfaceSets.NetworkInterfaceSet.map((e) => e.NetworkInterfaceId),
        [h.id],
        `${algorithm} ${h.name}`,
      );
    }
  }
});

test("a delete signed by the package is accepted (V3 default); a replay of the same signed request is refused", async () => {
  const eni = emu
    .state()
    .enis.find(
      (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged && e.RegionId === "cn-hangzhou",
    );
  const r = await send(emu, "DeleteNetworkInterface", {
    RegionId: "cn-hangzhou",
    NetworkInterfaceId: eni.NetworkInterfaceId,
  });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(emu.log().requests.at(-1).algorithm, "ACS3-HMAC-SHA256");
  const replay = await fetch(r.signed.url, { method: r.signed.method, headers: r.signed.headers, body: r.signed.body });
  assert.equal(replay.status, 400);
  assert.equal((await replay.json()).Code, "SignatureNonceUsed");
});

test("signed for the real host, sent to the emulator: refused unless the emulator knows the host (hostAliases), V3 only", async () => {
  const params = { RegionId: "cn-hangzhou", MaxResults: "3" };
  const refused = await send(emu, "DescribeNetworkInterfaces", params, { host: REAL_HOST });
  assert.equal(refused.status, 400);
  assert.equal(refused.json.Code, "SignatureDoesNotMatch");
  const ok = await send(relayed, "DescribeNetworkInterfaces", params, { host: REAL_HOST });
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  // V2 does not sign the host: it passes either way.
  assert.equal(
    (await send(emu, "DescribeNetworkInterfaces", params, { host: REAL_HOST, algorithm: "HMAC-SHA1" })).status,
    200,
  );
});
