// Regenerates tests/vectors/hostile.json from @alicloud/pop-core:
//   node tests/vectors/generate-hostile.mjs > tests/vectors/hostile.json
// tests/interop/vectors.test.mjs checks that the committed file still matches pop-core.
import { popCoreOracle } from "./pop-core-oracle.mjs";

const base = {
  accessKeyId: "testid",
  accessKeySecret: "testsecret",
  action: "DescribeNetworkInterfaces",
  version: "2014-05-26",
};
const fixed = {
  Timestamp: "2026-11-22T01:02:03Z",
  SignatureNonce: "c0ffee00-0000-4000-8000-000000000001",
  RegionId: "cn-hangzhou",
};

export const cases = [
  { name: "non-ascii", params: { NetworkInterfaceName: "生产网卡-测试", Description: "Ünïcödé café" } },
  { name: "emoji", params: { NetworkInterfaceName: "🔥💥🚀", "Tag.1.Key": "team", "Tag.1.Value": "😀 ok" } },
  {
    name: "reserved",
    params: { NetworkInterfaceName: "!'()*~+/=&%", "Tag.1.Key": "a=b&c=d", "Tag.1.Value": "100%+1" },
  },
  { name: "spaces", params: { NetworkInterfaceName: "  two  spaces  ", "Tag.1.Key": "k v" } },
  { name: "empty-values", params: { NetworkInterfaceName: "", "Tag.1.Key": "env", "Tag.1.Value": "" } },
  { name: "sts-token", securityToken: "CAIS+token/with=chars&more==", params: { VpcId: "vpc-bp1abc" } },
  { name: "html-and-quotes", params: { NetworkInterfaceName: '<script>alert("x")</script>', Description: "'\";--" } },
  {
    name: "many-ids",
    params: Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`NetworkInterfaceId.${i + 1}`, `eni-bp1${i}`])),
  },
  {
    name: "astral-vs-bmp-key-order",
    params: { "Tag.1.Key": "\uFF01", "Tag.1.Value": "\u{1F600}", Description: "\uFFFD\u{10FFFF}" },
  },
];

export async function generate() {
  const oracle = await popCoreOracle();
  const out = [];
  try {
    for (const method of ["GET", "POST"]) {
      for (const c of cases) {
        const v = { ...base, method, securityToken: c.securityToken, params: { ...fixed, ...c.params } };
        const got = await oracle.sign(v);
        const params = {
          Action: v.action,
          Format: "JSON",
          Version: v.version,
          SignatureMethod: "HMAC-SHA1",
          SignatureVersion: "1.0",
          AccessKeyId: v.accessKeyId,
          ...(c.securityToken ? { SecurityToken: c.securityToken } : {}),
          ...v.params,
        };
        out.push({
          name: `${method.toLowerCase()}-${c.name}`,
          source: `pop-core 1.8.0, ${c.name}`,
          method,
          accessKeySecret: v.accessKeySecret,
          params,
          ...got,
        });
      }
    }
  } finally {
    await oracle.close();
  }
  return {
    about:
      "Hostile signature-v1 vectors; expected values produced by @alicloud/pop-core 1.8.0 (tests/vectors/generate-hostile.mjs).",
    vectors: out,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await generate(), null, 2));
}
