// Writes the seed corpus of each fuzz target into fuzz/seeds/<target>/ from the signature
// vectors and from real answers of the emulator (pages, hostile ENIs, every error body).
//   node fuzz/make-seeds.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../tests/emulator/server.mjs";
import { describe, del, call, KEY } from "../tests/emulator/_helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const seeds = {};
const add = (target, name, body) => ((seeds[target] ??= {})[name] = body);

for (const file of ["published.json", "hostile.json"]) {
  const { vectors } = JSON.parse(readFileSync(join(here, "../tests/vectors", file), "utf8"));
  vectors.forEach((v, i) =>
    add(
      "canonical",
      `${file}-${i}`,
      Object.entries(v.params)
        .map(([k, x]) => `${k}=${x}`)
        .join("\n"),
    ),
  );
}

const emu = await startEmulator({ enis: 60, seed: 3, deleteDelayMs: 0 });
try {
  const first = await describe(emu.url, { MaxResults: "5" });
  add("response", "token-page", first.text);
  add("response", "token-last-page", (await describe(emu.url, { MaxResults: "500" })).text);
  add("response", "number-page", (await describe(emu.url, { PageSize: "3", PageNumber: "2" })).text);
  add(
    "response",
    "hostile",
    (
      await describe(emu.url, {
        "NetworkInterfaceId.1": "eni-bp1hostile0000000001",
        "NetworkInterfaceId.2": "eni-bp1hostile0000000005",
      })
    ).text,
  );
  add("response", "empty", (await describe(emu.url, { VpcId: "vpc-none" })).text);
  add("response", "service-ids", (await describe(emu.url, { ServiceManaged: "true", MaxResults: "10" })).text);
  add("response", "delete", (await del(emu.url, "eni-bp1hostile0000000003")).text);
  const errors = {
    signature: await describe(emu.url, {}, { secret: "wrong" }),
    "unknown-key": await describe(emu.url, {}, { cred: { accessKeyId: "nobody", accessKeySecret: "x" } }),
    missing: await call(emu.url, { Action: "DeleteNetworkInterface" }),
    action: await call(emu.url, { Action: "Nope" }),
    "not-found": await del(emu.url, "eni-missing"),
    token: await describe(emu.url, { NextToken: "bogus" }),
  };
  // The error_body target reads the HTTP status from the first two bytes (400 + n % 200).
  const withStatus = (status, text) => Buffer.concat([Buffer.from([(status - 400) % 256, 0]), Buffer.from(text)]);
  for (const [name, r] of Object.entries(errors)) add("error_body", name, withStatus(r.status, r.text));
  add(
    "error_body",
    "html",
    withStatus(502, "<html><head><title>502 Bad Gateway</title></head><body><center>Tengine</center></body></html>"),
  );
  add(
    "error_body",
    "throttled",
    withStatus(
      400,
      JSON.stringify({
        RequestId: "R",
        HostId: "ecs.aliyuncs.com",
        Code: "Throttling.User",
        Message: "Request was denied due to user flow control.",
        Recommend: "https://api.aliyun.com/troubleshoot?q=Throttling.User",
      }),
    ),
  );
  void KEY;
} finally {
  await emu.close();
}

const requests = {
  "every-filter": {
    vSwitchId: "vsw-1",
    vpcId: "vpc-1",
    primaryIpAddress: "10.0.0.1",
    privateIpAddresses: ["10.0.0.2"],
    ipv6Addresses: ["::1"],
    securityGroupId: "sg-1",
    networkInterfaceName: "n",
    type: "Secondary",
    instanceId: "i-1",
    networkInterfaceIds: ["eni-1"],
    serviceManaged: true,
    status: "Available",
    tags: [{ key: "k", value: "v" }, { key: "k2" }],
    resourceGroupId: "rg-1",
    maxResults: 500,
    nextToken: "AAAA",
  },
  "page-style": { pageNumber: 2, pageSize: 100 },
  markers: { pageSize: { "\u0000": "nan" }, vpcId: { "\u0000": "function" } },
  options: {
    regionId: "cn-hangzhou",
    endpoint: "http://127.0.0.1:9000",
    credentials: { accessKeyId: "a", accessKeySecret: "b", securityToken: "t" },
    maxAttempts: 3,
    timeoutMs: 1000,
    retry: { baseDelayMs: 1, maxDelayMs: 2 },
    fetch: { "\u0000": "function" },
  },
  "delete-options": { signal: { "\u0000": "abortSignal" }, waitUntilDeleted: true, waitTimeoutMs: 5000 },
  params: { Action: "DescribeRegions", Format: "XML" },
};
for (const [name, value] of Object.entries(requests)) add("input", name, JSON.stringify(value));

for (const [target, files] of Object.entries(seeds)) {
  const dir = join(here, "seeds", target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  console.log(`${target}: ${Object.keys(files).length} seeds`);
}
