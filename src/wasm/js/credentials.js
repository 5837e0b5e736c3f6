// Credentials providers (API.md, "Credentials"): what works in every runtime. Environment
// objects, the instance metadata service, a credentials URI and STS (AssumeRole signed by the
// Rust signer, AssumeRoleWithOIDC anonymous) all go through `fetch`; files are read only
// through the `files` host that the Node/Deno/Bun loader passes in (credentials-node.js), so
// the browser and Worker builds never import a file reader.
//
// Every provider caches what it got. When to refresh (expiration, refresh window, clock skew
// from the issuer's Date header) and how long to keep still-valid credentials after a failed
// refresh are pure decisions made in Rust (src/credentials.rs, through credentialsLease,
// credentialsStep and credentialsRetryAt); this file only performs them.
//
// Secrets (AccessKeySecret, SecurityToken, OIDC tokens) never enter an error message: answers
// that carry them are never quoted, and every other text is scrubbed of the values in play.
import * as glue from "./aliyun_eni.js";
import { EcsError } from "./runtime.js";

const IMDS_ENDPOINT = "http://100.100.100.200";
/** Per request to the metadata service, as the official tooling (connect and read: 1 s). */
const IMDS_TIMEOUT_MS = 1000;
const IMDS_TOKEN_TTL_SECONDS = "21600";
const URI_TIMEOUT_MS = 5000;
const STS_TIMEOUT_MS = 10000;
const STS_VERSION = "2015-04-01";
const INSPECT = [Symbol.for("nodejs.util.inspect.custom"), Symbol.for("Deno.customInspect")];

/** A failure of one source, before it is named: `reason` is already free of secrets. */
class Failure extends Error {}

function credentialsError(message) {
  return new EcsError(message, { kind: "credentials", code: "CredentialsError", retryable: false, attempts: 0 });
}

/** `text` without any of `secrets` (as they are, and percent-encoded), cut to 300 characters. */
function scrub(text, secrets) {
  let out = String(text);
  for (const s of secrets) {
    if (typeof s !== "string" || s.length < 4) continue;
    for (const form of new Set([s, encodeURIComponent(s), encodeURIComponent(s).replace(/%20/g, "+")])) {
      out = out.split(form).join("***");
    }
  }
  return out.length > 300 ? out.slice(0, 300) + "…" : out;
}

/** An origin or URL as it may appear in a message: no user info, no query, no fragment. */
function shownUrl(url) {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "(not a URL)";
  }
}

function describeFetchFailure(e) {
  let text = e && typeof e.message === "string" && e.message ? e.message : String(e);
  const cause = e && e.cause;
  if (cause && typeof cause === "object") {
    const detail = cause.code || cause.message;
    if (detail && !text.includes(detail)) text += ` (${detail})`;
  }
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/\S*/gi, (u) => shownUrl(u));
}

/** One HTTP exchange with a timeout over the whole of it (connect, headers and body). */
async function exchange(url, init, timeoutMs) {
  const fetchFn = globalThis.fetch;
  if (typeof fetchFn !== "function") throw new Failure("no fetch function in this runtime");
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetchFn(url, { ...init, signal: controller.signal });
    const text = await res.text();
    return { status: res.status, text, date: res.headers.get("date") };
  } catch (e) {
    if (controller.signal.aborted) throw new Failure(`no answer within ${timeoutMs} ms`);
    throw new Failure(`the request failed: ${describeFetchFailure(e)}`);
  } finally {
    clearTimeout(timer);
  }
}

function parseJson(text, what) {
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return v;
  } catch {
    // reported below, without quoting what may hold a secret
  }
  throw new Failure(`${what} is not a JSON object`);
}

/** The API error of a non-200 answer, as far as it can be told without quoting secrets. */
function apiFailure(service, res, secrets) {
  let detail = "";
  try {
    const body = JSON.parse(res.text);
    if (body && typeof body.Code === "string") {
      detail = ` ${body.Code}`;
      if (typeof body.Message === "string") detail += `: ${body.Message}`;
      if (typeof body.RequestId === "string") detail += ` (RequestId ${body.RequestId})`;
    }
  } catch {
    // not JSON: the status says enough
  }
  return new Failure(scrub(`${service} answered HTTP ${res.status}${detail}`, secrets));
}

/** `{ AccessKeyId, AccessKeySecret, SecurityToken?, Expiration? }` to our shape, checked. */
function readIssued(obj, what, date) {
  if (!obj || typeof obj !== "object") throw new Failure(`${what} has no credentials`);
  for (const field of ["AccessKeyId", "AccessKeySecret"]) {
    if (typeof obj[field] !== "string" || obj[field] === "") throw new Failure(`${what} has no ${field}`);
  }
  for (const field of ["SecurityToken", "Expiration"]) {
    if (obj[field] !== undefined && obj[field] !== null && typeof obj[field] !== "string")
      throw new Failure(`${what} has a ${field} that is not a string`);
  }
  const out = { accessKeyId: obj.AccessKeyId, accessKeySecret: obj.AccessKeySecret };
  if (obj.SecurityToken) out.securityToken = obj.SecurityToken;
  if (obj.Expiration) out.expiration = obj.Expiration;
  return { credentials: out, date };
}

/** A copy the caller may keep; printing it (console.log, util.inspect, String) hides the secrets. */
function handOut(c) {
  const out = { accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret };
  if (c.securityToken !== undefined) out.securityToken = c.securityToken;
  if (c.expiration !== undefined) out.expiration = c.expiration;
  const shown = () =>
    `Credentials { accessKeyId: ${JSON.stringify(c.accessKeyId)}, accessKeySecret: ** redacted **` +
    (c.securityToken !== undefined ? ", securityToken: ** redacted **" : "") +
    (c.expiration !== undefined ? `, expiration: ${JSON.stringify(c.expiration)}` : "") +
    " }";
  Object.defineProperty(out, "toString", { value: shown });
  for (const sym of INSPECT) Object.defineProperty(out, sym, { value: shown });
  return out;
}

/**
 * The caching provider around `load` (an async function returning `{ credentials, date? }`,
 * throwing a `Failure`): one refresh shared by concurrent callers, refreshed before the
 * expiration, still-valid credentials kept when a refresh fails. `source` names it in errors.
 */
function cachingProvider(source, load) {
  let value = null;
  let lease; // undefined: nothing cached; null: never expires; else { refreshAtMs, expiresAtMs }
  let retryAtMs = 0;
  let failures = 0;
  let inflight = null;

  async function refresh() {
    let got;
    try {
      got = await load();
    } catch (e) {
      failures++;
      if (lease) retryAtMs = glue.credentialsRetryAt(lease, Date.now(), failures, Math.random());
      if (e instanceof EcsError) throw e;
      const reason = e instanceof Failure ? e.message : `failed: ${describeFetchFailure(e)}`;
      throw credentialsError(`${source()}: ${reason}`);
    }
    const c = got.credentials;
    let next = null;
    if (c.expiration !== undefined) {
      try {
        next = glue.credentialsLease(c.expiration, Date.now(), got.date ?? null);
      } catch (e) {
        throw credentialsError(`${source()}: ${e.message}`);
      }
    }
    value = c;
    lease = next;
    failures = 0;
    retryAtMs = 0;
  }

  const provider = async () => {
    const step = glue.credentialsStep(lease, Date.now(), retryAtMs);
    if (step !== "use") {
      if (!inflight) inflight = refresh().finally(() => (inflight = null));
      try {
        await inflight;
      } catch (e) {
        // A still-valid credential is kept when a refresh fails.
        if (step === "refreshOrUse" && value && glue.credentialsStep(lease, Date.now(), Infinity) === "use")
          return handOut(value);
        throw e;
      }
    }
    return handOut(value);
  };
  return named(provider, source);
}

function named(provider, source) {
  const shown = () => `[CredentialsProvider ${source()}]`;
  Object.defineProperty(provider, "toString", { value: shown });
  for (const sym of INSPECT) Object.defineProperty(provider, sym, { value: shown });
  return provider;
}

/** A string of an env object, or undefined when unset or empty. */
function envString(env, name) {
  const v = env ? env[name] : undefined;
  return typeof v === "string" && v !== "" ? v : undefined;
}

function envTrue(env, name) {
  return (envString(env, name) || "").toLowerCase() === "true";
}

function processEnv() {
  const p = globalThis.process;
  return p && p.env && typeof p.env === "object" ? p.env : undefined;
}

function check(cond, field, message) {
  if (!cond)
    throw new EcsError(message, { kind: "validation", code: "ValidationError", field, retryable: false, attempts: 0 });
}

function optionalString(options, name, where) {
  const v = options[name];
  check(v === undefined || (typeof v === "string" && v !== ""), name, `${where}: ${name} must be a non-empty string`);
  return v;
}

function checkOptions(options, where, known) {
  check(
    options === undefined || (options !== null && typeof options === "object" && !Array.isArray(options)),
    "options",
    `${where}: options must be an object`,
  );
  const o = options ?? {};
  for (const k of Object.keys(o)) check(known.includes(k), k, `${where}: unknown option ${k}`);
  return o;
}

function isLoopback(hostname) {
  return hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** The origin of `value` (a bare host means https). With `httpsOnly`, http:// is accepted for
 * loopback hosts only: STS answers carry secrets, and signed requests the token. */
function originOf(value, field, where, httpsOnly = false) {
  let u;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    u = null;
  }
  check(
    u && (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password,
    field,
    `${where}: ${field} must be an http(s) origin such as https://sts.aliyuncs.com`,
  );
  check(
    !httpsOnly || u.protocol === "https:" || isLoopback(u.hostname),
    field,
    `${where}: ${field} must use https:// (http:// only for loopback hosts: 127.0.0.0/8, localhost, [::1])`,
  );
  return u.origin;
}

/** The STS origin: the option, else the regional / VPC one the environment asks for. */
function stsOrigin(option, env, where) {
  if (option !== undefined) return originOf(option, "stsEndpoint", where, true);
  const region = envString(env, "ALIBABA_CLOUD_STS_REGION");
  if (!region) return "https://sts.aliyuncs.com";
  check(
    /^[a-z0-9-]{1,64}$/.test(region),
    "ALIBABA_CLOUD_STS_REGION",
    `${where}: ALIBABA_CLOUD_STS_REGION is not a region ID`,
  );
  return envTrue(env, "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED")
    ? `https://sts-vpc.${region}.aliyuncs.com`
    : `https://sts.${region}.aliyuncs.com`;
}

function durationOf(options, where) {
  const d = options.durationSeconds ?? 3600;
  check(
    Number.isInteger(d) && d >= 900 && d <= 43200,
    "durationSeconds",
    `${where}: durationSeconds must be an integer between 900 and 43200, got ${String(d)}`,
  );
  return d;
}

function sessionName(options, env, where) {
  const name = optionalString(options, "roleSessionName", where) ?? envString(env, "ALIBABA_CLOUD_ROLE_SESSION_NAME");
  return name ?? `aliyun-eni-${Date.now()}`;
}

/** The `Credentials` of an STS answer. */
function stsCredentials(res, action, secrets) {
  if (res.status !== 200) throw apiFailure(`STS ${action}`, res, secrets);
  const body = parseJson(res.text, `the ${action} answer`);
  return readIssued(body.Credentials, `the ${action} answer`, res.date);
}

function formBody(params) {
  return Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
}

function isoNow() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The providers of one runtime. `host` says what the runtime has:
 * - `env()`: the default environment object (process.env where it exists);
 * - `files`: `{ readText(path), fileSources(env, options) }` in Node, Deno and Bun (absent
 *   in browsers and Workers, where the file sources are skipped);
 * - `metadataService`: whether the default chain tries the ECS instance metadata service (a
 *   browser or a Worker never runs on an ECS instance).
 */
export function credentialsProviders(host = {}) {
  const defaultEnv = () => (host.env ? host.env() : processEnv());
  const files = host.files ?? null;

  function fromEnv(env) {
    check(
      env === undefined || (env !== null && typeof env === "object"),
      "env",
      "fromEnv: env must be an object such as a Worker's env",
    );
    const source = () => "environment variables (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)";
    return cachingProvider(source, async () => {
      const e = env ?? defaultEnv();
      const id = envString(e, "ALIBABA_CLOUD_ACCESS_KEY_ID");
      const secret = envString(e, "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
      if (!id) throw new Failure("ALIBABA_CLOUD_ACCESS_KEY_ID is not set");
      if (!secret) throw new Failure("ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set");
      const c = { accessKeyId: id, accessKeySecret: secret };
      const token = envString(e, "ALIBABA_CLOUD_SECURITY_TOKEN");
      if (token) c.securityToken = token;
      return { credentials: c };
    });
  }

  function fromEcsRamRole(options) {
    const where = "fromEcsRamRole";
    const o = checkOptions(options, where, ["roleName", "disableImdsV1", "endpoint"]);
    optionalString(o, "roleName", where);
    check(
      o.disableImdsV1 === undefined || typeof o.disableImdsV1 === "boolean",
      "disableImdsV1",
      `${where}: disableImdsV1 must be a boolean`,
    );
    const origin = o.endpoint === undefined ? IMDS_ENDPOINT : originOf(o.endpoint, "endpoint", where);
    const source = () => `ECS RAM role (instance metadata service ${origin})`;
    return cachingProvider(source, async () => {
      const env = defaultEnv();
      const disableV1 = o.disableImdsV1 ?? envTrue(env, "ALIBABA_CLOUD_IMDSV1_DISABLED");
      // IMDSv2: a session token first. No answer at all means no metadata service here: the
      // chain moves on after this one timeout instead of trying IMDSv1 too.
      const put = await exchange(
        `${origin}/latest/api/token`,
        { method: "PUT", headers: { "x-aliyun-ecs-metadata-token-ttl-seconds": IMDS_TOKEN_TTL_SECONDS } },
        IMDS_TIMEOUT_MS,
      );
      let token = null;
      if (put.status === 200 && put.text.trim()) token = put.text.trim();
      else if (disableV1)
        throw new Failure(`the metadata token request answered HTTP ${put.status} and IMDSv1 is disabled`);
      const headers = token ? { "x-aliyun-ecs-metadata-token": token } : {};
      const secrets = token ? [token] : [];
      const base = `${origin}/latest/meta-data/ram/security-credentials/`;
      let role = o.roleName ?? envString(env, "ALIBABA_CLOUD_ECS_METADATA");
      if (!role) {
        const list = await exchange(base, { headers }, IMDS_TIMEOUT_MS);
        if (list.status === 404) throw new Failure("the instance has no RAM role attached");
        if (list.status !== 200) throw new Failure(`the role name request answered HTTP ${list.status}`);
        role = list.text.split("\n")[0].trim();
        if (!role) throw new Failure("the instance has no RAM role attached");
      }
      const res = await exchange(base + encodeURIComponent(role), { headers }, IMDS_TIMEOUT_MS);
      if (res.status === 404) throw new Failure(scrub(`the instance has no RAM role named ${role}`, secrets));
      if (res.status !== 200) throw new Failure(`the credentials request answered HTTP ${res.status}`);
      const body = parseJson(res.text, "the metadata answer");
      if (body.Code !== "Success")
        throw new Failure(
          `the metadata answer's Code is ${JSON.stringify(String(body.Code)).slice(0, 80)}, not "Success"`,
        );
      return readIssued(body, "the metadata answer", res.date);
    });
  }

  function fromCredentialsUri(uri) {
    const where = "fromCredentialsUri";
    check(
      uri === undefined || (typeof uri === "string" && uri !== ""),
      "uri",
      `${where}: uri must be a non-empty string`,
    );
    if (uri !== undefined) originOf(uri, "uri", where);
    let shown = uri === undefined ? "ALIBABA_CLOUD_CREDENTIALS_URI" : shownUrl(uri);
    const source = () => `credentials URI (${shown})`;
    return cachingProvider(source, async () => {
      const target = uri ?? envString(defaultEnv(), "ALIBABA_CLOUD_CREDENTIALS_URI");
      if (!target) throw new Failure("ALIBABA_CLOUD_CREDENTIALS_URI is not set");
      if (uri === undefined) {
        originOf(target, "ALIBABA_CLOUD_CREDENTIALS_URI", where);
        shown = shownUrl(target);
      }
      const res = await exchange(target, { method: "GET" }, URI_TIMEOUT_MS);
      if (res.status !== 200) throw new Failure(`it answered HTTP ${res.status}`);
      const body = parseJson(res.text, "the answer");
      if (body.Code !== undefined && body.Code !== "Success")
        throw new Failure(`the answer's Code is ${JSON.stringify(String(body.Code)).slice(0, 80)}, not "Success"`);
      return readIssued(body, "the answer", res.date);
    });
  }

  function fromRamRoleArn(options) {
    const where = "fromRamRoleArn";
    const o = checkOptions(options ?? null, where, [
      "credentials",
      "roleArn",
      "roleSessionName",
      "policy",
      "durationSeconds",
      "externalId",
      "stsEndpoint",
      "signatureAlgorithm",
      "env",
    ]);
    check(typeof o.roleArn === "string" && o.roleArn !== "", "roleArn", `${where}: roleArn must be a non-empty string`);
    const from = o.credentials;
    check(
      typeof from === "function" || (from !== null && typeof from === "object"),
      "credentials",
      `${where}: credentials must be credentials or a provider`,
    );
    for (const name of ["policy", "externalId"]) optionalString(o, name, where);
    const duration = durationOf(o, where);
    const env = o.env ?? defaultEnv();
    const origin = stsOrigin(o.stsEndpoint, env, where);
    const session = sessionName(o, env, where);
    const source = () => `RAM role ${o.roleArn} (STS AssumeRole at ${origin})`;
    return cachingProvider(source, async () => {
      let base;
      try {
        base = typeof from === "function" ? await from() : from;
      } catch (e) {
        throw new Failure(`the source credentials failed: ${e && e.message ? e.message : String(e)}`);
      }
      if (typeof glue.signRpcRequest !== "function")
        throw new Failure("this build has no signRpcRequest to sign the AssumeRole call");
      const parameters = { RoleArn: o.roleArn, RoleSessionName: session, DurationSeconds: String(duration) };
      if (o.policy) parameters.Policy = o.policy;
      if (o.externalId) parameters.ExternalId = o.externalId;
      const signOptions = o.signatureAlgorithm === undefined ? undefined : { signatureAlgorithm: o.signatureAlgorithm };
      const signed = glue.signRpcRequest(
        { endpoint: origin, action: "AssumeRole", version: STS_VERSION, parameters, method: "POST" },
        base,
        signOptions,
      );
      const secrets = [base && base.accessKeySecret, base && base.securityToken];
      const res = await exchange(
        signed.url,
        { method: signed.method, headers: signed.headers, body: signed.body },
        STS_TIMEOUT_MS,
      );
      return stsCredentials(res, "AssumeRole", secrets);
    });
  }

  function fromOidcRoleArn(options) {
    const where = "fromOidcRoleArn";
    const o = checkOptions(options ?? null, where, [
      "roleArn",
      "oidcProviderArn",
      "oidcToken",
      "oidcTokenFile",
      "roleSessionName",
      "policy",
      "durationSeconds",
      "stsEndpoint",
      "env",
    ]);
    for (const name of ["roleArn", "oidcProviderArn"])
      check(typeof o[name] === "string" && o[name] !== "", name, `${where}: ${name} must be a non-empty string`);
    check(
      o.oidcToken === undefined ||
        typeof o.oidcToken === "function" ||
        (typeof o.oidcToken === "string" && o.oidcToken !== ""),
      "oidcToken",
      `${where}: oidcToken must be a non-empty string or a function`,
    );
    optionalString(o, "oidcTokenFile", where);
    optionalString(o, "policy", where);
    check(
      (o.oidcToken === undefined) !== (o.oidcTokenFile === undefined),
      "oidcToken",
      `${where}: give exactly one of oidcToken and oidcTokenFile`,
    );
    check(
      o.oidcTokenFile === undefined || files,
      "oidcTokenFile",
      `${where}: oidcTokenFile needs a file system (Node, Deno or Bun); pass oidcToken instead`,
    );
    const duration = durationOf(o, where);
    const env = o.env ?? defaultEnv();
    const origin = stsOrigin(o.stsEndpoint, env, where);
    const session = sessionName(o, env, where);
    const source = () => `OIDC role ${o.roleArn} (STS AssumeRoleWithOIDC at ${origin})`;
    return cachingProvider(source, async () => {
      let token;
      try {
        if (o.oidcTokenFile !== undefined) token = await files.readText(o.oidcTokenFile);
        else token = typeof o.oidcToken === "function" ? await o.oidcToken() : o.oidcToken;
      } catch (e) {
        const what = o.oidcTokenFile !== undefined ? `the OIDC token file ${o.oidcTokenFile}` : "the OIDC token";
        throw new Failure(`${what} could not be read: ${e && e.code ? e.code : e && e.message}`);
      }
      token = typeof token === "string" ? token.trim() : "";
      if (!token) throw new Failure("the OIDC token is empty");
      const query = formBody({
        Action: "AssumeRoleWithOIDC",
        Format: "JSON",
        Version: STS_VERSION,
        Timestamp: isoNow(),
      });
      const form = {
        OIDCProviderArn: o.oidcProviderArn,
        OIDCToken: token,
        RoleArn: o.roleArn,
        RoleSessionName: session,
      };
      if (o.policy) form.Policy = o.policy;
      form.DurationSeconds = String(duration);
      const res = await exchange(
        `${origin}/?${query}`,
        {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: formBody(form),
        },
        STS_TIMEOUT_MS,
      );
      return stsCredentials(res, "AssumeRoleWithOIDC", [token]);
    });
  }

  function fromProfile(options) {
    const where = "fromProfile";
    const o = checkOptions(options, where, ["profile", "file"]);
    optionalString(o, "profile", where);
    optionalString(o, "file", where);
    if (!files) {
      const source = () => "profile";
      return cachingProvider(source, async () => {
        throw new Failure("profiles are files: fromProfile works in Node, Deno and Bun, not in this runtime");
      });
    }
    return files.fromProfile(o, providersForFiles);
  }

  /**
   * The official chain's order. Each step is `{ name, find(env) }`: `find` returns a provider
   * when the source is configured, or a string saying why it is absent.
   */
  function defaultCredentials(options) {
    const where = "defaultCredentials";
    const o = checkOptions(options, where, ["env", "stsEndpoint", "ecsMetadataEndpoint"]);
    check(
      o.env === undefined || (o.env !== null && typeof o.env === "object"),
      "env",
      `${where}: env must be an object`,
    );
    const steps = [
      {
        name: "environment variables",
        find: (env) =>
          envString(env, "ALIBABA_CLOUD_ACCESS_KEY_ID") ? fromEnv(env) : "ALIBABA_CLOUD_ACCESS_KEY_ID is not set",
      },
      {
        name: "OIDC role",
        find: (env) => {
          const missing = [
            "ALIBABA_CLOUD_ROLE_ARN",
            "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
            "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
          ].filter((n) => !envString(env, n));
          if (missing.length) return `${missing.join(", ")} not set`;
          if (!files) return "skipped: its token file cannot be read in this runtime";
          return fromOidcRoleArn({
            ...(o.stsEndpoint !== undefined && { stsEndpoint: o.stsEndpoint }),
            env,
            roleArn: envString(env, "ALIBABA_CLOUD_ROLE_ARN"),
            oidcProviderArn: envString(env, "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"),
            oidcTokenFile: envString(env, "ALIBABA_CLOUD_OIDC_TOKEN_FILE"),
          });
        },
      },
      ...(files
        ? files.chainSteps(providersForFiles, {
            stsEndpoint: o.stsEndpoint,
            ecsMetadataEndpoint: o.ecsMetadataEndpoint,
          })
        : [
            { name: "aliyun CLI profile", find: () => "skipped: no files in this runtime" },
            { name: "credentials file", find: () => "skipped: no files in this runtime" },
          ]),
      {
        name: "ECS RAM role",
        find: (env) => {
          if (envTrue(env, "ALIBABA_CLOUD_ECS_METADATA_DISABLED")) return "ALIBABA_CLOUD_ECS_METADATA_DISABLED is true";
          if (!host.metadataService) return "skipped: no instance metadata service in this runtime";
          const roleName = envString(env, "ALIBABA_CLOUD_ECS_METADATA");
          const endpoint = o.ecsMetadataEndpoint;
          return fromEcsRamRole({ ...(roleName && { roleName }), ...(endpoint !== undefined && { endpoint }) });
        },
      },
      {
        name: "credentials URI",
        find: (env) => {
          const uri = envString(env, "ALIBABA_CLOUD_CREDENTIALS_URI");
          return uri ? fromCredentialsUri(uri) : "ALIBABA_CLOUD_CREDENTIALS_URI is not set";
        },
      },
    ];
    let chosen = null;
    let resolving = null;

    async function resolve() {
      const env = o.env ?? defaultEnv() ?? {};
      const tried = [];
      for (const step of steps) {
        let found;
        try {
          found = await step.find(env);
        } catch (e) {
          tried.push(`${step.name}: ${e && e.message}`);
          continue;
        }
        if (typeof found === "string") {
          tried.push(`${step.name}: ${found}`);
          continue;
        }
        try {
          await found();
          chosen = found;
          return;
        } catch (e) {
          tried.push(e && e.message ? e.message : `${step.name}: ${String(e)}`);
        }
      }
      throw credentialsError(`no credentials found; tried ${tried.join("; ")}`);
    }

    const provider = async () => {
      if (chosen) return chosen();
      if (!resolving) resolving = resolve().finally(() => (resolving = null));
      await resolving;
      return chosen();
    };
    return named(provider, () => (chosen ? `default chain: ${chosen}` : "default chain"));
  }

  // What the file sources of credentials-node.js build on.
  const providersForFiles = {
    fromEnv,
    fromEcsRamRole,
    fromRamRoleArn,
    fromOidcRoleArn,
    fromCredentialsUri,
    staticProvider: (source, c) => cachingProvider(source, async () => ({ credentials: c })),
    failingProvider: (source, reason) =>
      cachingProvider(source, async () => {
        throw new Failure(reason);
      }),
    Failure,
    env: defaultEnv,
  };

  return {
    fromEnv,
    fromEcsRamRole,
    fromRamRoleArn,
    fromOidcRoleArn,
    fromCredentialsUri,
    fromProfile,
    defaultCredentials,
  };
}
