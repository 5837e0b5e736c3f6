// The intermediate stages of every vector of ../shared/signature-vectors-v3.json, recorded from
// the official SDK's own signing function (@alicloud/openapi-core OpenApiUtil.getAuthorization):
// the canonical request it hashes and the string to sign it HMACs are captured by wrapping its
// `hash` and `signatureMethod`. Regenerate with
//   node tests/vectors/generate-v3-stages.mjs > tests/vectors/v3-stages.json
// tests/js/signatures.test.mjs checks that the committed file is still what this produces.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const { OpenApiUtil } = require("@alicloud/openapi-core");

export const VECTORS_FILE = fileURLToPath(new URL("../../../shared/signature-vectors-v3.json", import.meta.url));

export function loadV3Vectors() {
  return JSON.parse(readFileSync(VECTORS_FILE, "utf8")).vectors;
}

// Calls getAuthorization the way the SDK does, recording each stage.
export function sdkStages(request, accessKeyId, accessKeySecret, hashedPayload) {
  const seen = {};
  const { hash, signatureMethod } = OpenApiUtil;
  OpenApiUtil.hash = (raw, algorithm) => {
    if (seen.canonicalRequest === undefined) seen.canonicalRequest = Buffer.from(raw).toString("utf8");
    return hash.call(OpenApiUtil, raw, algorithm);
  };
  OpenApiUtil.signatureMethod = (secret, source, algorithm) => {
    seen.stringToSign = source;
    const out = signatureMethod.call(OpenApiUtil, secret, source, algorithm);
    seen.signature = out.toString("hex");
    return out;
  };
  try {
    seen.authorization = OpenApiUtil.getAuthorization(
      request,
      "ACS3-HMAC-SHA256",
      hashedPayload,
      accessKeyId,
      accessKeySecret,
    );
  } finally {
    OpenApiUtil.hash = hash;
    OpenApiUtil.signatureMethod = signatureMethod;
  }
  return seen;
}

export function generate() {
  const out = {};
  for (const v of loadV3Vectors()) {
    const request = { method: v.method, pathname: v.pathname, query: v.query, headers: v.headers };
    const stages = sdkStages(request, v.accessKeyId, v.accessKeySecret, v.hashedPayload);
    if (stages.authorization !== v.authorization) {
      throw new Error(`${v.name}: the SDK gives ${stages.authorization}, the vector says ${v.authorization}`);
    }
    out[v.name] = stages;
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(
    JSON.stringify(
      {
        about:
          "Stages of ../shared/signature-vectors-v3.json recorded from @alicloud/openapi-core OpenApiUtil.getAuthorization by tests/vectors/generate-v3-stages.mjs; keyed by vector name.",
        stages: generate(),
      },
      null,
      2,
    ) + "\n",
  );
}
