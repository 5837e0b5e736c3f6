// The credentials providers of Node, Deno and Bun: those of credentials.js plus the sources
// that are files. Only the node loader imports this file, so the browser and Worker builds
// never pull in a file reader.
//
// - the aliyun CLI's ~/.aliyun/config.json: `profiles[]` with `mode` AK, StsToken, RamRoleArn,
//   EcsRamRole, OIDC or ChainableRamRoleArn, the profile named by ALIBABA_CLOUD_PROFILE or
//   `current`; ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true skips it in the chain;
// - the credentials file ~/.alibabacloud/credentials (ALIBABA_CLOUD_CREDENTIALS_FILE), INI, the
//   section named by ALIBABA_CLOUD_PROFILE or `default`, `type` access_key, ecs_ram_role,
//   ram_role_arn or oidc_role_arn;
// - OIDC token files (ALIBABA_CLOUD_OIDC_TOKEN_FILE), read again at every refresh (ACK rotates
//   them).
//
// node:fs/promises, node:os and node:path are imported when a file source first runs, not when
// the package is imported: a program that never reads a credentials file does not load them
// (cold start, issue 16).
import { credentialsProviders } from "./credentials.js";
import { EcsError } from "./runtime.js";

let builtins = null;
/** `{ readFile, homedir, join }` from Node's built-in modules, loaded once, on first use. */
function nodeBuiltins() {
  builtins ??= Promise.all([import("node:fs/promises"), import("node:os"), import("node:path")]).then(
    ([fs, os, path]) => ({ readFile: fs.readFile, homedir: os.homedir, join: path.join }),
  );
  return builtins;
}

/** The UTF-8 text of `path`. */
async function readText(path) {
  const { readFile } = await nodeBuiltins();
  return readFile(path, "utf8");
}

function credentialsError(message) {
  return new EcsError(message, { kind: "credentials", code: "CredentialsError", retryable: false, attempts: 0 });
}

function str(v) {
  return typeof v === "string" && v !== "" ? v : undefined;
}

async function home(env) {
  return str(env && env.HOME) ?? str(env && env.USERPROFILE) ?? (await nodeBuiltins()).homedir();
}

/** The text of `path`, or null when there is no such file. */
async function readIfExists(path) {
  try {
    return await readText(path);
  } catch (e) {
    if (e && (e.code === "ENOENT" || e.code === "ENOTDIR" || e.name === "NotFound")) return null;
    throw credentialsError(`${path} could not be read (${(e && e.code) || "error"})`);
  }
}

/** INI as the credentials file uses it: `[section]`, `key = value`, `#` and `;` comments. */
export function parseIni(text) {
  const out = Object.create(null);
  let section = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const head = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (head) {
      section = out[head[1]] ?? (out[head[1]] = Object.create(null));
      continue;
    }
    const eq = line.indexOf("=");
    if (eq <= 0 || !section) continue;
    let value = line.slice(eq + 1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0])
      value = value.slice(1, -1);
    section[line.slice(0, eq).trim()] = value;
  }
  return out;
}

function need(profile, field, where) {
  const v = profile[field];
  if (typeof v !== "string" || v === "") throw credentialsError(`${where} has no ${field}`);
  return v;
}

function seconds(v) {
  const n = typeof v === "string" ? Number(v) : v;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function stsEndpointOf(profile, opts) {
  if (str(profile.sts_endpoint)) return profile.sts_endpoint;
  if (opts.stsEndpoint !== undefined) return opts.stsEndpoint;
  const region = str(profile.sts_region);
  if (!region) return undefined;
  const vpc = profile.enable_vpc === true || String(profile.enable_vpc).toLowerCase() === "true";
  return vpc ? `https://sts-vpc.${region}.aliyuncs.com` : `https://sts.${region}.aliyuncs.com`;
}

function defined(o) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** A provider for profile `name` of the aliyun CLI's config.json `conf`. */
function cliProvider(p, conf, name, path, opts, depth = 0) {
  const where = `aliyun CLI profile "${name}" in ${path}`;
  const list = Array.isArray(conf.profiles) ? conf.profiles : [];
  const profile = list.find((x) => x && typeof x === "object" && x.name === name);
  if (!profile) throw credentialsError(`${path} has no profile named "${name}"`);
  const keys = () => ({
    accessKeyId: need(profile, "access_key_id", where),
    accessKeySecret: need(profile, "access_key_secret", where),
  });
  const role = (credentials) =>
    p.fromRamRoleArn(
      defined({
        credentials,
        roleArn: need(profile, "ram_role_arn", where),
        roleSessionName: str(profile.ram_session_name),
        durationSeconds: seconds(profile.expired_seconds),
        stsEndpoint: stsEndpointOf(profile, opts),
      }),
    );
  switch (profile.mode) {
    case "AK":
      return p.staticProvider(() => where, keys());
    case "StsToken":
      return p.staticProvider(() => where, { ...keys(), securityToken: need(profile, "sts_token", where) });
    case "RamRoleArn":
      return role(keys());
    case "ChainableRamRoleArn": {
      const from = need(profile, "source_profile", where);
      if (depth >= 5) throw credentialsError(`${where}: source_profile chains deeper than 5 profiles`);
      return role(cliProvider(p, conf, from, path, opts, depth + 1));
    }
    case "EcsRamRole":
      return p.fromEcsRamRole(defined({ roleName: str(profile.ram_role_name), endpoint: opts.ecsMetadataEndpoint }));
    case "OIDC":
      return p.fromOidcRoleArn(
        defined({
          roleArn: need(profile, "ram_role_arn", where),
          oidcProviderArn: need(profile, "oidc_provider_arn", where),
          oidcTokenFile: need(profile, "oidc_token_file", where),
          roleSessionName: str(profile.ram_session_name),
          durationSeconds: seconds(profile.duration_seconds) ?? seconds(profile.expired_seconds),
          stsEndpoint: stsEndpointOf(profile, opts),
        }),
      );
    default:
      throw credentialsError(
        `${where}: mode ${JSON.stringify(String(profile.mode)).slice(0, 40)} is not supported ` +
          "(AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole, OIDC)",
      );
  }
}

/** A provider for section `name` of the credentials file `ini`. */
function iniProvider(p, ini, name, path, opts) {
  const where = `profile "${name}" in ${path}`;
  const section = ini[name];
  if (!section) throw credentialsError(`${path} has no profile named "${name}"`);
  switch (section.type) {
    case "access_key":
      return p.staticProvider(() => where, {
        accessKeyId: need(section, "access_key_id", where),
        accessKeySecret: need(section, "access_key_secret", where),
      });
    case "ecs_ram_role":
      return p.fromEcsRamRole(defined({ roleName: str(section.role_name), endpoint: opts.ecsMetadataEndpoint }));
    case "ram_role_arn":
      return p.fromRamRoleArn(
        defined({
          credentials: {
            accessKeyId: need(section, "access_key_id", where),
            accessKeySecret: need(section, "access_key_secret", where),
          },
          roleArn: need(section, "role_arn", where),
          roleSessionName: str(section.role_session_name),
          policy: str(section.policy),
          durationSeconds: seconds(section.duration_seconds),
          stsEndpoint: stsEndpointOf(section, opts),
        }),
      );
    case "oidc_role_arn":
      return p.fromOidcRoleArn(
        defined({
          roleArn: need(section, "role_arn", where),
          oidcProviderArn: need(section, "oidc_provider_arn", where),
          oidcTokenFile: need(section, "oidc_token_file_path", where),
          roleSessionName: str(section.role_session_name),
          policy: str(section.policy),
          durationSeconds: seconds(section.duration_seconds),
          stsEndpoint: stsEndpointOf(section, opts),
        }),
      );
    default:
      throw credentialsError(
        `${where}: type ${JSON.stringify(String(section.type ?? "")).slice(0, 40)} is not supported ` +
          "(access_key, ecs_ram_role, ram_role_arn, oidc_role_arn)",
      );
  }
}

function parseCliConfig(text, path) {
  try {
    const conf = JSON.parse(text);
    if (conf && typeof conf === "object" && !Array.isArray(conf)) return conf;
  } catch {
    // a config that is not JSON is reported without quoting it (it holds secrets)
  }
  throw credentialsError(`${path} is not a JSON object`);
}

async function cliPath(env) {
  const { join } = await nodeBuiltins();
  return join(await home(env), ".aliyun", "config.json");
}
async function iniPath(env) {
  const file = str(env && env.ALIBABA_CLOUD_CREDENTIALS_FILE);
  if (file) return file;
  const { join } = await nodeBuiltins();
  return join(await home(env), ".alibabacloud", "credentials");
}

/** A provider resolved on first use by `resolve()`, then kept (its own cache does the rest). */
function lazyProvider(shown, resolve) {
  let inner = null;
  let resolving = null;
  const provider = async () => {
    if (!inner) {
      if (!resolving)
        resolving = Promise.resolve()
          .then(resolve)
          .then((p) => (inner = p))
          .finally(() => (resolving = null));
      await resolving;
    }
    return inner();
  };
  const text = () => `[CredentialsProvider ${shown()}]`;
  Object.defineProperty(provider, "toString", { value: text });
  Object.defineProperty(provider, Symbol.for("nodejs.util.inspect.custom"), { value: text });
  return provider;
}

const files = {
  readText,

  fromProfile(options, p) {
    return lazyProvider(
      () => `profile${options.profile ? ` "${options.profile}"` : ""}`,
      async () => {
        const env = p.env() ?? {};
        const opts = {};
        if (options.file !== undefined) {
          const text = await readIfExists(options.file);
          if (text === null) throw credentialsError(`profile: ${options.file} does not exist`);
          if (text.trimStart().startsWith("{")) {
            const conf = parseCliConfig(text, options.file);
            const name = options.profile ?? str(env.ALIBABA_CLOUD_PROFILE) ?? str(conf.current) ?? "default";
            return cliProvider(p, conf, name, options.file, opts);
          }
          const name = options.profile ?? str(env.ALIBABA_CLOUD_PROFILE) ?? "default";
          return iniProvider(p, parseIni(text), name, options.file, opts);
        }
        const tried = [];
        const cli = await cliPath(env);
        const cliText = await readIfExists(cli);
        if (cliText !== null) {
          const conf = parseCliConfig(cliText, cli);
          const name = options.profile ?? str(env.ALIBABA_CLOUD_PROFILE) ?? str(conf.current) ?? "default";
          const has = Array.isArray(conf.profiles) && conf.profiles.some((x) => x && x.name === name);
          if (has) return cliProvider(p, conf, name, cli, opts);
          tried.push(`${cli} has no profile named "${name}"`);
        } else tried.push(`${cli} does not exist`);
        const ini = await iniPath(env);
        const iniText = await readIfExists(ini);
        const name = options.profile ?? str(env.ALIBABA_CLOUD_PROFILE) ?? "default";
        if (iniText !== null) {
          const parsed = parseIni(iniText);
          if (parsed[name]) return iniProvider(p, parsed, name, ini, opts);
          tried.push(`${ini} has no profile named "${name}"`);
        } else tried.push(`${ini} does not exist`);
        throw credentialsError(`profile: ${tried.join("; ")}`);
      },
    );
  },

  /** The chain's two file steps (see defaultCredentials in credentials.js). */
  chainSteps(p, opts) {
    return [
      {
        name: "aliyun CLI profile",
        async find(env) {
          if (String(env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED ?? "").toLowerCase() === "true")
            return "ALIBABA_CLOUD_CLI_PROFILE_DISABLED is true";
          const path = await cliPath(env);
          const text = await readIfExists(path);
          if (text === null) return `${path} does not exist`;
          const conf = parseCliConfig(text, path);
          const name = str(env.ALIBABA_CLOUD_PROFILE) ?? str(conf.current) ?? "default";
          return cliProvider(p, conf, name, path, opts);
        },
      },
      {
        name: "credentials file",
        async find(env) {
          const path = await iniPath(env);
          const text = await readIfExists(path);
          if (text === null) return `${path} does not exist`;
          const name = str(env.ALIBABA_CLOUD_PROFILE) ?? "default";
          return iniProvider(p, parseIni(text), name, path, opts);
        },
      },
    ];
  },
};

export const {
  fromEnv,
  fromEcsRamRole,
  fromRamRoleArn,
  fromOidcRoleArn,
  fromCredentialsUri,
  fromProfile,
  defaultCredentials,
} = credentialsProviders({ files, metadataService: true });
