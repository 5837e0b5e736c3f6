// CORS relay for the ENI Console and the aliyun-eni package: a Cloudflare Worker that forwards an
// already signed ECS request, unchanged, to the regional ECS endpoint, and adds the CORS headers a
// browser page needs. See README.md in this folder.
//
// - Both signatures: V3 (ACS3-HMAC-SHA256: an Authorization header and x-acs-* headers, POST or
//   GET, parameters in the query) and V2 (HMAC-SHA1: a Signature parameter, GET query or POST
//   form). For V3 the client signs for the ECS host (the package's `signingHost` /
//   signRpcRequest's `host`) while sending to the relay; the relay forwards exactly the signed
//   headers, the query and the body.
// - Only from ALLOWED_ORIGINS, only the actions DescribeNetworkInterfaces and
//   DeleteNetworkInterface (no lookalike `action` / `Action ` parameter), only to
//   https://*.aliyuncs.com (or the UPSTREAM origin set for tests).
// - Access control: a shared secret (RELAY_SECRET, sent as X-Relay-Secret) and/or Cloudflare
//   Access (ACCESS_TEAM_DOMAIN + ACCESS_AUD: the Cf-Access-Jwt-Assertion JWT is verified). With
//   neither, the relay refuses everything unless ALLOW_UNAUTHENTICATED = "true".
// - A rate limit per client IP: the RATE_LIMITER binding (Cloudflare's rate limiting) when
//   bound, else a per-isolate window of RATE_LIMIT_PER_MINUTE requests (default 120).
// - The relay never sees the AccessKeySecret; it does not store or log requests.
//
// Environment (wrangler.toml [vars], secrets, bindings):
//   ALLOWED_ORIGINS        origins allowed to call, separated by commas or spaces (required)
//   RELAY_SECRET           secret (wrangler secret put RELAY_SECRET); requests must send it in
//                          X-Relay-Secret
//   ACCESS_TEAM_DOMAIN     e.g. "yourteam.cloudflareaccess.com": verify Cloudflare Access's JWT
//   ACCESS_AUD             the Access application's audience tag
//   ALLOW_UNAUTHENTICATED  "true" to run with the origin check only (not recommended)
//   RATE_LIMIT_PER_MINUTE  per client IP and isolate when no RATE_LIMITER binding (default 120)
//   RATE_LIMITER           optional rate limiting binding ([[unsafe.bindings]] type "ratelimit")
//   UPSTREAM               optional, tests only: send everything to this origin instead of ECS

const ACTIONS = new Set(["DescribeNetworkInterfaces", "DeleteNetworkInterface"]);

// The same rule as the package's resolveEndpoint() (src/endpoint.rs, the official SDK's endpoint
// map for ECS), so that V3 requests, signed for that host, arrive there: the map's regions whose
// host is not `ecs.{region}.aliyuncs.com`, that default otherwise. tests/www/relay.test.mjs
// compares the two for every region of the map and of regionIds().
const HANGZHOU = "ecs-cn-hangzhou.aliyuncs.com";
const CENTRAL = "ecs.aliyuncs.com";
const NEBULA = "ecs.cn-qingdao-nebula.aliyuncs.com";
const MAPPED = new Map([
  ...[
    "cn-hangzhou",
    "cn-shanghai-finance-1",
    "cn-shenzhen-finance-1",
    "cn-beijing-nu16-b01",
    "cn-fujian",
    "cn-haidian-cm12-c01",
    "cn-hangzhou-bj-b01",
    "cn-hangzhou-internal-prod-1",
    "cn-hangzhou-internal-test-1",
    "cn-hangzhou-internal-test-2",
    "cn-hangzhou-internal-test-3",
    "cn-hangzhou-test-306",
    "cn-shanghai-et15-b01",
    "cn-shanghai-et2-b01",
    "cn-shanghai-internal-test-1",
    "cn-shenzhen-st4-d01",
    "cn-shenzhen-su18-b01",
    "cn-zhangbei-na61-b01",
  ].map((r) => [r, HANGZHOU]),
  ...[
    "cn-north-2-gov-1",
    "ap-northeast-2-pop",
    "cn-beijing-finance-pop",
    "cn-beijing-gov-1",
    "cn-hangzhou-finance",
    "cn-hongkong-finance-pop",
    "cn-shanghai-inner",
    "cn-shenzhen-inner",
    "cn-wuhan",
    "cn-yushanfang",
    "cn-zhangbei",
    "rus-west-1-pop",
  ].map((r) => [r, CENTRAL]),
  ...["cn-edge-1", "cn-huhehaote-nebula-1", "cn-zhengzhou-nebula-1"].map((r) => [r, NEBULA]),
  ["cn-zhangjiakou-na62-a01", "ecs.cn-zhangjiakou.aliyuncs.com"],
  ["eu-west-1-oxs", "ecs.cn-shenzhen-cloudstone.aliyuncs.com"],
]);
const REGION_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const EXPOSE = "Date, Retry-After, x-acs-retry-after, x-acs-request-id";
const PASS_HEADERS = ["content-type", "date", "retry-after", "x-acs-retry-after", "x-acs-request-id"];
const SECRET_HEADER = "x-relay-secret";
const MAX_BODY = 64 * 1024;
const DEFAULT_RATE = 120;

/** The ECS origin for a region, or null when the region ID is not one. */
export function ecsOrigin(regionId) {
  if (typeof regionId !== "string" || !REGION_ID.test(regionId)) return null;
  const host = MAPPED.get(regionId) ?? `ecs.${regionId}.aliyuncs.com`;
  const url = new URL(`https://${host}`);
  return url.hostname.endsWith(".aliyuncs.com") ? url.origin : null;
}

export function allowedOrigins(env) {
  return new Set(
    String(env?.ALLOWED_ORIGINS ?? "")
      .split(/[\s,]+/)
      .map((s) => s.trim().replace(/\/+$/, ""))
      .filter(Boolean),
  );
}

/**
 * Whether a parameter name would read as "action" to a lenient parser: case, surrounding or
 * inner spaces and invisible characters, full-width letters (NFKC) aside.
 */
export function looksLikeAction(name) {
  const folded = String(name)
    .normalize("NFKC")
    .replace(/[\s\p{Cf}\p{Cc}\p{Z}]/gu, "")
    .toLowerCase();
  return folded === "action";
}

/** A request header the browser may send to the relay (the preflight allows these only). */
function allowedRequestHeader(name) {
  return name === "authorization" || name === "content-type" || name === SECRET_HEADER || name.startsWith("x-acs-");
}

function corsHeaders(origin) {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSE,
    Vary: "Origin",
  };
}

/** An error in the shape of the ECS API's, so clients report it like any API error. */
function refuse(status, code, message, origin, extra = {}) {
  const headers = {
    "Content-Type": "application/json;charset=utf-8",
    "Cache-Control": "no-store",
    ...(origin ? corsHeaders(origin) : { Vary: "Origin" }),
    ...extra,
  };
  const body = {
    RequestId: crypto.randomUUID().toUpperCase(),
    HostId: "relay",
    Code: code,
    Message: message,
    Recommend: "",
  };
  return new Response(JSON.stringify(body), { status, headers });
}

/** Compares two strings in time independent of where they differ. */
function sameSecret(a, b) {
  const x = new TextEncoder().encode(String(a));
  const y = new TextEncoder().encode(String(b));
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

function base64UrlDecode(s) {
  const b64 = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const jwksCache = new Map(); // team domain -> { keys, at }

async function accessKeys(teamDomain, refresh) {
  const cached = jwksCache.get(teamDomain);
  if (cached && !refresh && Date.now() - cached.at < 10 * 60_000) return cached.keys;
  const res = await fetch(`https://${teamDomain}/cdn-cgi/access/certs`);
  if (!res.ok) throw new Error(`certs: HTTP ${res.status}`);
  const { keys } = await res.json();
  jwksCache.set(teamDomain, { keys, at: Date.now() });
  return keys;
}

/** Verifies Cloudflare Access's JWT (RS256, audience, issuer, expiry). Returns an error text or null. */
export async function verifyAccessJwt(token, { teamDomain, audience, now = Date.now() }) {
  if (!token) return "no Cf-Access-Jwt-Assertion header";
  const parts = token.split(".");
  if (parts.length !== 3) return "malformed token";
  let header, claims;
  try {
    header = JSON.parse(new TextDecoder().decode(base64UrlDecode(parts[0])));
    claims = JSON.parse(new TextDecoder().decode(base64UrlDecode(parts[1])));
  } catch {
    return "malformed token";
  }
  if (header.alg !== "RS256") return "unexpected algorithm";
  const data = new TextEncoder().encode(`${parts[0]}.${parts[1]}`);
  const signature = base64UrlDecode(parts[2]);
  let verified = false;
  for (const refresh of [false, true]) {
    const jwk = (await accessKeys(teamDomain, refresh)).find((k) => k.kid === header.kid);
    if (!jwk) continue;
    const key = await crypto.subtle.importKey("jwk", jwk, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, [
      "verify",
    ]);
    verified = await crypto.subtle.verify("RSASSA-PKCS1-v1_5", key, signature, data);
    break;
  }
  if (!verified) return "bad signature";
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(audience)) return "wrong audience";
  if (claims.iss !== `https://${teamDomain}`) return "wrong issuer";
  const seconds = now / 1000;
  if (typeof claims.exp !== "number" || claims.exp < seconds) return "expired";
  if (typeof claims.nbf === "number" && claims.nbf > seconds + 60) return "not yet valid";
  return null;
}

/** Access control: null when the request may pass, else the refusal. */
async function authorize(request, env, origin) {
  const secret = env?.RELAY_SECRET;
  const access = env?.ACCESS_TEAM_DOMAIN && env?.ACCESS_AUD;
  if (!secret && !access) {
    if (String(env?.ALLOW_UNAUTHENTICATED) === "true") return null;
    return refuse(
      500,
      "Relay.NotConfigured",
      'The relay has no access control: set RELAY_SECRET and/or ACCESS_TEAM_DOMAIN + ACCESS_AUD (or ALLOW_UNAUTHENTICATED = "true").',
      origin,
    );
  }
  if (secret && !sameSecret(request.headers.get(SECRET_HEADER) ?? "", secret)) {
    return refuse(401, "Relay.Unauthorized", "Send the relay's secret in the X-Relay-Secret header.", origin);
  }
  if (access) {
    let why;
    try {
      why = await verifyAccessJwt(request.headers.get("Cf-Access-Jwt-Assertion"), {
        teamDomain: env.ACCESS_TEAM_DOMAIN,
        audience: env.ACCESS_AUD,
      });
    } catch {
      why = "could not read the Access certificates";
    }
    if (why) return refuse(401, "Relay.Unauthorized", `Cloudflare Access refused the request: ${why}.`, origin);
  }
  return null;
}

const windows = new Map(); // client -> { start, count }

/** Rate limit: null when under it, else the refusal. */
async function rateLimit(request, env, origin) {
  const client = request.headers.get("CF-Connecting-IP") ?? "unknown";
  const retry = { "Retry-After": "60" };
  const message = "Too many requests through the relay; try again later.";
  if (env?.RATE_LIMITER && typeof env.RATE_LIMITER.limit === "function") {
    const { success } = await env.RATE_LIMITER.limit({ key: client });
    return success ? null : refuse(429, "Throttling.Relay", message, origin, retry);
  }
  const limit = Number(env?.RATE_LIMIT_PER_MINUTE ?? DEFAULT_RATE);
  if (!(limit > 0)) return null;
  const now = Date.now();
  let w = windows.get(client);
  if (!w || now - w.start >= 60_000) {
    w = { start: now, count: 0 };
    windows.set(client, w);
    if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= 60_000) windows.delete(k);
  }
  w.count++;
  if (w.count > limit) {
    return refuse(429, "Throttling.Relay", message, origin, {
      "Retry-After": String(Math.max(1, Math.ceil((w.start + 60_000 - now) / 1000))),
    });
  }
  return null;
}

export default {
  async fetch(request, env) {
    const origin = request.headers.get("Origin");
    const allowed = origin !== null && allowedOrigins(env).has(origin);

    if (request.method === "OPTIONS") {
      if (!allowed) return new Response(null, { status: 403, headers: { Vary: "Origin" } });
      const requested = (request.headers.get("Access-Control-Request-Headers") ?? "")
        .split(",")
        .map((h) => h.trim().toLowerCase())
        .filter((h) => h && allowedRequestHeader(h));
      return new Response(null, {
        status: 204,
        headers: {
          ...corsHeaders(origin),
          "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
          ...(requested.length ? { "Access-Control-Allow-Headers": requested.join(", ") } : {}),
          "Access-Control-Max-Age": "600",
          Vary: "Origin, Access-Control-Request-Headers",
        },
      });
    }

    // No CORS headers for a refused origin: the browser then keeps the answer from the page.
    if (!allowed)
      return refuse(
        403,
        "Relay.OriginNotAllowed",
        "This origin may not use the relay: add it to ALLOWED_ORIGINS.",
        null,
      );
    if (request.method !== "GET" && request.method !== "POST")
      return refuse(405, "Relay.MethodNotAllowed", "The relay forwards GET and POST requests only.", origin);

    const denied = (await authorize(request, env, origin)) ?? (await rateLimit(request, env, origin));
    if (denied) return denied;

    // The raw query, sliced from the request URL: a URL object may re-encode it (workerd's
    // legacy URL parser turns %20 into +), and it must go on exactly as it was signed.
    const q = request.url.indexOf("?");
    const query = q < 0 ? "" : request.url.slice(q + 1).split("#")[0];
    let body = "";
    const contentType = request.headers.get("content-type");
    if (request.method === "POST") {
      body = await request.text();
      if (body.length > MAX_BODY) return refuse(413, "Relay.BodyTooLarge", "The request body is too large.", origin);
    }
    const form =
      request.method === "POST" && /^application\/x-www-form-urlencoded\b/i.test(contentType ?? "") ? body : "";
    const params = [...new URLSearchParams(query), ...new URLSearchParams(form)];

    // V3 carries the action in x-acs-action; V2 in exactly one Action parameter. Either way no
    // parameter may look like another action to a lenient parser.
    const v3Action = request.headers.get("x-acs-action");
    const authorization = request.headers.get("Authorization");
    const v3 = v3Action !== null || authorization !== null;
    const actionParams = params.filter(([k]) => looksLikeAction(k));
    const v2Ok = !v3 && actionParams.length === 1 && actionParams[0][0] === "Action" && ACTIONS.has(actionParams[0][1]);
    const v3Ok = v3 && actionParams.length === 0 && ACTIONS.has(v3Action ?? "") && !v3Action.includes(",");
    if (!v2Ok && !v3Ok) {
      return refuse(403, "Relay.ActionNotAllowed", `The relay forwards only ${[...ACTIONS].join(" and ")}.`, origin);
    }

    const regions = params.filter(([k]) => k === "RegionId").map(([, v]) => v);
    let target;
    if (env?.UPSTREAM) {
      target = new URL(env.UPSTREAM).origin;
    } else {
      target = regions.length === 1 ? ecsOrigin(regions[0]) : null;
      if (!target)
        return refuse(
          400,
          "Relay.InvalidRegionId",
          "The request needs exactly one RegionId such as cn-hangzhou.",
          origin,
        );
    }

    // Forward exactly what was signed: V3's Authorization and the headers its SignedHeaders
    // names (host aside: fetch sets it to the target's, the host the client signed for); V2's
    // form content type. Nothing else (no cookie, no relay secret).
    const forward = new Headers({ Accept: "application/json" });
    if (v3) {
      const signed = /SignedHeaders=([^,\s]*)/.exec(authorization ?? "")?.[1];
      if (!authorization || signed === undefined)
        return refuse(400, "Relay.InvalidAuthorization", "The Authorization header is not a V3 signature.", origin);
      forward.set("Authorization", authorization);
      for (const name of signed.split(";")) {
        if (name === "host" || !name) continue;
        const value = request.headers.get(name);
        if (value !== null) forward.set(name, value);
      }
    } else if (form) {
      forward.set("Content-Type", contentType);
    }

    let upstream;
    try {
      upstream = await fetch(`${target}/${query ? `?${query}` : ""}`, {
        method: request.method,
        headers: forward,
        body: request.method === "POST" ? body : undefined,
        redirect: "manual",
      });
    } catch {
      return refuse(502, "Relay.UpstreamUnreachable", "The relay could not reach the ECS endpoint.", origin);
    }
    if (upstream.status >= 300 && upstream.status < 400) {
      await upstream.body?.cancel();
      return refuse(
        502,
        "Relay.UpstreamRedirect",
        "The ECS endpoint answered with a redirect, which the relay does not follow.",
        origin,
      );
    }
    const headers = new Headers(corsHeaders(origin));
    for (const name of PASS_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    headers.set("Cache-Control", "no-store");
    return new Response(upstream.body, { status: upstream.status, headers });
  },
};
