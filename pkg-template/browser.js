// Browsers (plain <script type="module"> or a bundler): fetch the .wasm that sits next to this
// file (bundlers see the `new URL(..., import.meta.url)` and emit it as an asset) and
// instantiate it with top-level await, so importers need no init call.
import * as glue from "./aliyun_eni.js";
import * as runtime from "./runtime.js";
import { credentialsProviders } from "./credentials.js";

await glue.default({ module_or_path: new URL("./aliyun_eni_bg.wasm", import.meta.url) });

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
