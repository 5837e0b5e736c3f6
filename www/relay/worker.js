// CORS relay for the ENI Console: a Cloudflare Worker that forwards an already signed ECS GET
// request, unchanged, to the regional ECS endpoint, and adds the CORS headers a browser page
// needs. See README.md in this folder.
//
// - Only GET (and the OPTIONS preflight), only from ALLOWED_ORIGINS, only the actions
//   DescribeNetworkInterfaces and DeleteNetworkInterface, only to https://*.aliyuncs.com (or the
//   UPSTREAM origin set for tests).
// - The signature v1 does not cover the host, so the page signs for ECS and the relay forwards
//   the query byte for byte. The relay never sees the AccessKeySecret; it does not read, store
//   or log the query (which holds the AccessKeyId, the signature and maybe an STS token).
//
// Environment (wrangler.toml [vars] or the dashboard):
//   ALLOWED_ORIGINS  origins allowed to call, separated by commas or spaces,
//                    e.g. "https://eni.example.com, http://localhost:8080" (required)
//   UPSTREAM         optional, tests only: send everything to this origin instead of ECS

const ACTIONS = new Set(["DescribeNetworkInterfaces", "DeleteNetworkInterface"]);

// The same rule as the package's resolveEndpoint().
const SHARED_HANGZHOU = new Set(["cn-hangzhou", "cn-shanghai-finance-1", "cn-shenzhen-finance-1"]);
const REGION_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const EXPOSE = "Date, Retry-After, x-acs-request-id";
const PASS_HEADERS = ["content-type", "date", "retry-after", "x-acs-request-id"];

/** The ECS origin for a region, or null when the region ID is not one. */
export function ecsOrigin(regionId) {
  if (typeof regionId !== "string" || !REGION_ID.test(regionId)) return null;
  const host = SHARED_HANGZHOU.has(regionId) ? "ecs-cn-hangzhou.aliyuncs.com" : `ecs.${regionId}.aliyuncs.com`;
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

function corsHeaders(origin) {
  return {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Expose-Headers": EXPOSE,
    Vary: "Origin",
  };
}

/** An error in the shape of the ECS API's, so clients report it like any API error. */
function refuse(status, code, message, origin) {
  const headers = {
    "Content-Type": "application/json;charset=utf-8",
    "Cache-Control": "no-store",
    ...(origin ? corsHeaders(origin) : { Vary: "Origin" }),
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

export default {
  async fetch(request, env) {
    const origin = request.headers.get("Origin");
    const allowed = origin !== null && allowedOrigins(env).has(origin);

    if (request.method === "OPTIONS") {
      if (!allowed) return new Response(null, { status: 403, headers: { Vary: "Origin" } });
      const requested = (request.headers.get("Access-Control-Request-Headers") ?? "").replace(/[^A-Za-z0-9,\s-]/g, "");
      return new Response(null, {
        status: 204,
        headers: {
          ...corsHeaders(origin),
          "Access-Control-Allow-Methods": "GET, OPTIONS",
          ...(requested ? { "Access-Control-Allow-Headers": requested } : {}),
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
    if (request.method !== "GET")
      return refuse(405, "Relay.MethodNotAllowed", "The relay forwards GET requests only.", origin);

    // The raw query, sliced from the request URL: a URL object may re-encode it (workerd's
    // legacy URL parser turns %20 into +), and it must go on exactly as it was signed.
    const q = request.url.indexOf("?");
    const query = q < 0 ? "" : request.url.slice(q + 1).split("#")[0];
    const params = new URLSearchParams(query);
    const actions = params.getAll("Action");
    if (actions.length !== 1 || !ACTIONS.has(actions[0])) {
      return refuse(403, "Relay.ActionNotAllowed", `The relay forwards only ${[...ACTIONS].join(" and ")}.`, origin);
    }
    const regions = params.getAll("RegionId");
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

    let upstream;
    try {
      // The query goes on byte for byte: it is what was signed.
      upstream = await fetch(`${target}/?${query}`, {
        method: "GET",
        headers: { Accept: "application/json" },
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
