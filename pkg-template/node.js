// Node, Deno and Bun: read the module next to this file and instantiate it synchronously, so
// `import { EcsClient } from "aliyun-eni"` needs no init call and no top-level await.
import { readFileSync } from "node:fs";
import * as glue from "./aliyun_eni.js";
import * as runtime from "./runtime.js";
import * as credentials from "./credentials-node.js";

glue.initSync({ module: readFileSync(new URL("./aliyun_eni_bg.wasm", import.meta.url)) });

export const EcsClient = glue.EcsClient;
export const resolveEndpoint = glue.resolveEndpoint;
export const regionIds = glue.regionIds;
export const rpcSignature = glue.rpcSignature;
export const signRpcRequest = glue.signRpcRequest;
export const EcsError = runtime.EcsError;
export { cleanupVerdict, parseDuration } from "./bulk.js";

export const {
  fromEnv,
  fromEcsRamRole,
  fromRamRoleArn,
  fromOidcRoleArn,
  fromCredentialsUri,
  fromProfile,
  defaultCredentials,
} = credentials;
runtime.setDefaultCredentials(credentials.defaultCredentials);
