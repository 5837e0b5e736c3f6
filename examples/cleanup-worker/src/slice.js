// One (account, region) slice of the cleanup: list, judge by the orphan rule, delete within a
// subrequest budget. No Worker APIs here, so it also runs in Node (the CPU measurement).
import { EcsClient, cleanupVerdict, fromEnv, parseDuration } from "aliyun-eni";

/** What one invocation may send before it stops starting deletes. */
const DEFAULT_MAX_SUBREQUESTS = 1000;
/** A slice starts only with this many subrequests left (a listing of 1,000 ENIs is 2 pages). */
const MIN_TO_START = 20;
/** Subrequests kept in reserve: the deletes in flight may each still retry. */
const RESERVE_PER_DELETE = 3;

const list = (text) =>
  String(text ?? "")
    .split(/[\s,]+/)
    .filter(Boolean);

/** The (account, region) slices of this configuration. */
export function slicesOf(env) {
  const accounts = list(env.ACCOUNTS);
  const regions = list(env.REGIONS);
  if (regions.length === 0) throw new Error("REGIONS is empty: set it to a comma-separated list of region IDs");
  return (accounts.length ? accounts : ["default"]).flatMap((account) =>
    regions.map((regionId) => ({ account, regionId })),
  );
}

/**
 * The variables `fromEnv` reads, for one account: "default" uses ALIBABA_CLOUD_ACCESS_KEY_ID,
 * _SECRET and _SECURITY_TOKEN; account "prod" uses PROD__ALIBABA_CLOUD_ACCESS_KEY_ID and so on.
 */
export function accountEnv(env, account) {
  const prefix = account === "default" ? "" : `${account.toUpperCase().replace(/[^A-Z0-9]/g, "_")}__`;
  const out = {};
  for (const name of [
    "ALIBABA_CLOUD_ACCESS_KEY_ID",
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
    "ALIBABA_CLOUD_SECURITY_TOKEN",
  ]) {
    if (typeof env[prefix + name] === "string" && env[prefix + name] !== "") out[name] = env[prefix + name];
  }
  return out;
}

/** Credentials of an account: the library's `fromEnv` over that account's secrets. */
function credentialsOf(env, account) {
  return fromEnv(accountEnv(env, account));
}

/** The orphan rule's options from the configuration. */
function ruleOf(env) {
  const rule = {};
  if (env.OLDER_THAN) rule.olderThanMs = parseDuration(env.OLDER_THAN, "OLDER_THAN");
  const tags = list(env.TAGS).map((t) => {
    const eq = t.indexOf("=");
    return eq < 0 ? { key: t } : { key: t.slice(0, eq), value: t.slice(eq + 1) };
  });
  if (tags.length) rule.tags = tags;
  if (env.VPC_ID) rule.vpcId = env.VPC_ID;
  return rule;
}

/** A subrequest budget shared by everything one invocation sends. */
export function budget(env) {
  const max = Number(env.MAX_SUBREQUESTS) || DEFAULT_MAX_SUBREQUESTS;
  const b = {
    max,
    used: 0,
    get left() {
      return b.max - b.used;
    },
    fetch: (input, init) => {
      b.used++;
      return fetch(input, init);
    },
  };
  return b;
}

const isRetryable = (e) => !!(e && (e.retryable || /throttl/i.test(e.code ?? "")));

/**
 * Cleans one (account, region) slice. Returns the summary (also what is logged):
 * { account, regionId, listed, candidates, deleted, failed, throttled, left, retry, ... }.
 * `left`: candidates not attempted for lack of subrequests; `retry`: the slice should run again
 * (a failure that may pass: throttling, network, a listing that failed).
 */
export async function cleanSlice(env, slice, b = budget(env)) {
  const started = Date.now();
  if (b.left < MIN_TO_START) {
    // Not enough subrequests left in this invocation to list: run it in another one.
    return { event: "slice", account: slice.account, regionId: slice.regionId, deferred: true, left: 0, retry: false };
  }
  const summary = {
    event: "slice",
    account: slice.account,
    regionId: slice.regionId,
    dryRun: env.DRY_RUN === "true",
    listed: 0,
    candidates: 0,
    deleted: 0,
    failed: 0,
    throttled: 0,
    left: 0,
    retry: false,
    errors: {},
  };
  const options = { regionId: slice.regionId, credentials: credentialsOf(env, slice.account), fetch: b.fetch };
  if (env.ECS_ENDPOINT) options.endpoint = env.ECS_ENDPOINT;
  const client = new EcsClient(options);
  try {
    const rule = ruleOf(env);
    const request = { status: "Available", type: "Secondary", maxResults: 500 };
    if (rule.tags) request.tags = rule.tags;
    if (rule.vpcId) request.vpcId = rule.vpcId;
    const ids = [];
    try {
      const listing = client.listNetworkInterfaces(request);
      for await (const eni of listing) {
        summary.listed++;
        if (cleanupVerdict(eni, rule).candidate) ids.push(eni.networkInterfaceId);
      }
      // With TAGS, ECS lists at most 1,000 ENIs: what is past them is seen once these are gone.
      if (listing.capped === true) summary.capped = true;
    } catch (e) {
      summary.retry = true;
      summary.errors[e.code ?? "Error"] = 1;
      summary.listError = `${e.code ?? ""}: ${e.message}`.slice(0, 300);
      return summary;
    }
    summary.candidates = ids.length;
    if (summary.dryRun) {
      summary.wouldDelete = ids.slice(0, 50);
      return summary;
    }
    const concurrency = Number(env.CONCURRENCY) || 4;
    // Start a delete only while the budget covers it and the retries of those in flight.
    let next = 0;
    const within = {
      [Symbol.iterator]() {
        return this;
      },
      next() {
        if (next < ids.length && b.left > RESERVE_PER_DELETE * (concurrency + 1))
          return { value: ids[next++], done: false };
        return { value: undefined, done: true };
      },
    };
    const it = client.deleteNetworkInterfaces(within, { concurrency });
    for await (const o of it) {
      if (o.ok) {
        summary.deleted++;
      } else {
        summary.failed++;
        summary.errors[o.error.code] = (summary.errors[o.error.code] ?? 0) + 1;
        if (isRetryable(o.error)) summary.retry = true;
      }
    }
    summary.throttled = it.stats.throttled;
    summary.left = ids.length - next;
    // A capped listing that made progress goes on in another invocation (a fresh listing).
    if (summary.capped && summary.deleted > 0 && summary.left === 0) summary.more = true;
    return summary;
  } finally {
    client.free();
    summary.subrequests = b.used;
    summary.ms = Date.now() - started;
  }
}
