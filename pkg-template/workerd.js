// Cloudflare Workers (workerd, wrangler, Miniflare): the bundler imports the .wasm as a compiled
// WebAssembly.Module (no fetch, no eval), instantiated synchronously at module load.
import wasmModule from "./aliyun_eni_bg.wasm";
import * as glue from "./aliyun_eni.js";
import * as runtime from "./runtime.js";
import { credentialsProviders } from "./credentials.js";

glue.initSync({ module: wasmModule });

// Credentials: no file sources and no metadata service in the default chain here.
const credentials = credentialsProviders({ metadataService: false });

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
