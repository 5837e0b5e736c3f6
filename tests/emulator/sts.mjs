// STS stand-in (version 2015-04-01), served by the emulator beside ECS:
//
// - AssumeRole: authenticated like every ECS call (V2 HMAC-SHA1 or V3 ACS3-HMAC-SHA256, by the
//   emulator's own checks, with the same credentials Map), RoleArn, RoleSessionName,
//   DurationSeconds (900..43200), Policy (JSON), ExternalId;
// - AssumeRoleWithOIDC: anonymous (no signature), checked against the test OIDC provider and
//   token below.
//
// Both answer as the real STS: { RequestId, AssumedRoleUser: { AssumedRoleId, Arn },
// Credentials: { AccessKeyId, AccessKeySecret, SecurityToken, Expiration } } (plus
// OIDCTokenInfo for OIDC). Issued keys go into the emulator's credentials Map with their
// securityToken and expiresAtMs, so ECS accepts them and later rejects them as expired
// (InvalidSecurityToken.Expired). Every STS call is logged (`sts.log()`).
//
// The emulator registers `stsAction` for Version 2015-04-01 and lets `isAnonymousSts`
// requests through without a signature; tests reach the state through `emu.sts`.
import { randomBytes } from "node:crypto";
import { ApiError, invalidParameter, missingParameter } from "./auth.mjs";

export const STS_VERSION = "2015-04-01";
export const TEST_ACCOUNT_ID = "1234567890123456";
export const TEST_OIDC_PROVIDER_ARN = `acs:ram::${TEST_ACCOUNT_ID}:oidc-provider/ack-rrsa-test`;
/** A JWT-shaped token the stand-in accepts (it checks equality; the signature part is fake). */
export const TEST_OIDC_TOKEN =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6InRlc3QifQ." +
  Buffer.from(
    JSON.stringify({
      iss: "https://oidc-ack.test",
      sub: "system:serviceaccount:default:app",
      aud: ["sts.aliyuncs.com"],
    }),
  ).toString("base64url") +
  ".c3RhbmQtaW4tc2lnbmF0dXJl";

const ROLE_ARN = /^acs:ram::(\d+):role\/([A-Za-z0-9._@-]{1,64})$/i;
const SESSION_NAME = /^[A-Za-z0-9._@-]{2,64}$/;

/** The STS state of one emulator. */
export class StsState {
  constructor(emulator) {
    this.emulator = emulator;
    /** When set, issued credentials live this long (ms) whatever DurationSeconds asks. */
    this.lifetimeMs = null;
    this.oidcProviderArn = TEST_OIDC_PROVIDER_ARN;
    this.oidcToken = TEST_OIDC_TOKEN;
    this.calls = [];
  }

  /** Every STS call so far: { seq, time, requestId, action, roleArn, issuedAccessKeyId, status, code }. */
  log() {
    return this.calls.map((c) => ({ ...c }));
  }

  clearLog() {
    this.calls = [];
  }

  /**
   * New temporary credentials, added to the emulator's credentials Map. `lifetimeMs` defaults to
   * this.lifetimeMs, else `durationSeconds` (default 3600). Expiration is whole seconds of the
   * server clock, as STS writes it; expiresAtMs is that same instant.
   */
  issue({ durationSeconds = 3600, lifetimeMs } = {}) {
    const life = lifetimeMs ?? this.lifetimeMs ?? durationSeconds * 1000;
    const expiresAtMs = Math.floor((this.emulator.serverNow() + life) / 1000) * 1000;
    const credentials = {
      AccessKeyId: `STS.NT${randomBytes(12).toString("hex")}`,
      AccessKeySecret: randomBytes(24).toString("base64url"),
      SecurityToken: `CAIS${randomBytes(48).toString("base64")}`,
      Expiration: new Date(expiresAtMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
    };
    this.emulator.credentials.set(credentials.AccessKeyId, {
      accessKeyId: credentials.AccessKeyId,
      accessKeySecret: credentials.AccessKeySecret,
      securityToken: credentials.SecurityToken,
      expiresAtMs,
    });
    return credentials;
  }
}

function stateOf(emulator) {
  if (!emulator.sts) emulator.sts = new StsState(emulator);
  return emulator.sts;
}

/** Whether a request may skip authentication: AssumeRoleWithOIDC is anonymous. */
export function isAnonymousSts(params) {
  return params.Version === STS_VERSION && params.Action === "AssumeRoleWithOIDC";
}

function required(params, name) {
  const v = params[name];
  if (v === undefined || v === "") throw missingParameter(name);
  return v;
}

function roleOf(params) {
  const arn = required(params, "RoleArn");
  const m = ROLE_ARN.exec(arn);
  if (!m) throw new ApiError(400, "InvalidParameter.RoleArn", "The parameter RoleArn is wrongly formed.");
  return { arn, account: m[1], name: m[2] };
}

function durationOf(params) {
  if (params.DurationSeconds === undefined) return 3600;
  const d = Number(params.DurationSeconds);
  if (!/^\d+$/.test(params.DurationSeconds) || d < 900 || d > 43200) {
    throw new ApiError(400, "InvalidParameter.DurationSeconds", "The Min/Max value of DurationSeconds is 15min/12hr.");
  }
  return d;
}

function sessionOf(params, required_) {
  const name = params.RoleSessionName;
  if (name === undefined || name === "") {
    if (required_) throw missingParameter("RoleSessionName");
    return `oidc-${Date.now()}`;
  }
  if (!SESSION_NAME.test(name)) {
    throw new ApiError(400, "InvalidParameter.RoleSessionName", "The parameter RoleSessionName is wrongly formed.");
  }
  return name;
}

function checkPolicy(params) {
  if (params.Policy === undefined) return;
  try {
    const p = JSON.parse(params.Policy);
    if (p && typeof p === "object" && !Array.isArray(p)) return;
  } catch {
    // below
  }
  throw new ApiError(400, "InvalidParameter.PolicyGrammar", "The parameter Policy has not passed grammar check.");
}

function answer(requestId, role, session, credentials, extra = {}) {
  return JSON.stringify({
    RequestId: requestId,
    AssumedRoleUser: {
      AssumedRoleId: `3${role.account.slice(0, 8)}${role.name.length}:${session}`,
      Arn: `acs:ram::${role.account}:assumed-role/${role.name}/${session}`,
    },
    Credentials: credentials,
    ...extra,
  });
}

/** The emulator's product handler for Version 2015-04-01 (params already authenticated). */
export function stsAction({ params, requestId, emulator }) {
  const sts = stateOf(emulator);
  const entry = {
    seq: sts.calls.length + 1,
    time: new Date().toISOString(),
    requestId,
    action: params.Action ?? null,
    roleArn: params.RoleArn ?? null,
    issuedAccessKeyId: null,
    status: 200,
    code: null,
  };
  sts.calls.push(entry);
  try {
    if ((params.Format ?? "JSON").toUpperCase() !== "JSON") {
      throw invalidParameter("Format", "only JSON is implemented by this stand-in");
    }
    let text;
    switch (params.Action) {
      case "AssumeRole": {
        const role = roleOf(params);
        const session = sessionOf(params, true);
        const durationSeconds = durationOf(params);
        checkPolicy(params);
        const credentials = sts.issue({ durationSeconds });
        entry.issuedAccessKeyId = credentials.AccessKeyId;
        text = answer(requestId, role, session, credentials);
        break;
      }
      case "AssumeRoleWithOIDC": {
        const provider = required(params, "OIDCProviderArn");
        const token = required(params, "OIDCToken");
        const role = roleOf(params);
        const session = sessionOf(params, false);
        const durationSeconds = durationOf(params);
        checkPolicy(params);
        if (provider !== sts.oidcProviderArn) {
          throw new ApiError(404, "EntityNotExist.OIDCProvider", "The specified OIDC provider does not exist.");
        }
        if (token !== sts.oidcToken) {
          throw new ApiError(400, "AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.");
        }
        const credentials = sts.issue({ durationSeconds });
        entry.issuedAccessKeyId = credentials.AccessKeyId;
        text = answer(requestId, role, session, credentials, {
          OIDCTokenInfo: {
            Subject: "system:serviceaccount:default:app",
            Issuer: "https://oidc-ack.test",
            ClientIds: "sts.aliyuncs.com",
          },
        });
        break;
      }
      default:
        throw new ApiError(
          404,
          "InvalidAction.NotFound",
          `Specified api is not found, please check your url and method (action ${String(params.Action).slice(0, 60)}).`,
        );
    }
    return text;
  } catch (err) {
    if (err instanceof ApiError) {
      entry.status = err.status;
      entry.code = err.code;
    }
    throw err;
  }
}

/** The handle tests get as `emu.sts`. */
export function stsControl(emulator) {
  const sts = stateOf(emulator);
  return {
    log: () => sts.log(),
    clearLog: () => sts.clearLog(),
    issue: (o) => sts.issue(o),
    /** Issued credentials live `ms` (null: as DurationSeconds asks). */
    setLifetimeMs: (ms) => {
      sts.lifetimeMs = ms;
    },
    get oidcToken() {
      return sts.oidcToken;
    },
    get oidcProviderArn() {
      return sts.oidcProviderArn;
    },
  };
}
