// Cloudflare Workers (workerd, wrangler, Miniflare): the bundler imports the .wasm as a compiled
// WebAssembly.Module (no fetch, no eval), instantiated synchronously at module load.
import wasmModule from "./aliyun_eni_bg.wasm";
import * as glue from "./aliyun_eni.js";
import * as runtime from "./runtime.js";

glue.initSync({ module: wasmModule });

export const EcsClient = glue.EcsClient;
export const resolveEndpoint = glue.resolveEndpoint;
export const regionIds = glue.regionIds;
export const rpcSignature = glue.rpcSignature;
export const EcsError = runtime.EcsError;
export { cleanupVerdict, parseDuration } from "./bulk.js";
