// The ECS actions, after authentication: DescribeNetworkInterfaces and DeleteNetworkInterface.
// Each returns the JSON text of the success body or throws ApiError.

import { createHmac, createHash } from "node:crypto";
import { ApiError, missingParameter, invalidParameter } from "./auth.mjs";
import { KNOWN_REGIONS, STATUSES, eniJson } from "./data.mjs";
import { upperBound } from "./store.mjs";

export const API_VERSION = "2014-05-26";

/** Business checks common to every action, then dispatch. Returns the body text. */
export function runAction({ params, store, requestId, emulator }) {
  const faults = emulator ? emulator.faults : null;
  if (params.Version !== API_VERSION) {
    throw new ApiError(
      400,
      "InvalidVersion",
      `Specified parameter Version is not valid: this emulator serves ECS ${API_VERSION}, got "${params.Version}".`,
    );
  }
  const format = params.Format === undefined || params.Format === "" ? "JSON" : params.Format;
  if (format.toUpperCase() !== "JSON") {
    throw invalidParameter("Format", `only JSON is supported by this emulator, got "${format}"`);
  }
  if (!Object.hasOwn(ACTIONS, params.Action)) {
    throw new ApiError(
      404,
      "InvalidAction.NotFound",
      `Specified api is not found, please check your url and method. Action: ${params.Action}`,
    );
  }
  const action = ACTIONS[params.Action];
  for (const name of Object.keys(params)) {
    if (!COMMON_PARAMS.has(name) && !action.accepts(name)) {
      throw new ApiError(
        400,
        "UnsupportedParameter",
        `The parameter ${JSON.stringify(name.slice(0, 100))} is not supported by ${params.Action}.`,
      );
    }
  }
  if (!params.RegionId) throw missingParameter("RegionId");
  if (!KNOWN_REGIONS.has(params.RegionId)) {
    throw new ApiError(400, "InvalidRegionId.MalFormed", "The specified parameter RegionId is not valid.");
  }
  return action({ params, store, requestId, region: params.RegionId, faults });
}

/**
 * Parameters every RPC call may carry: the V2 signature's common parameters (V3 sends its own
 * in x-acs-* headers and Action/Version are put back from them).
 */
const COMMON_PARAMS = new Set([
  "Action",
  "Version",
  "Format",
  "AccessKeyId",
  "SignatureMethod",
  "SignatureVersion",
  "SignatureNonce",
  "SignatureType",
  "Timestamp",
  "Signature",
  "SecurityToken",
]);

/** Hidden account parameters both actions accept (the official SDK's request models have them). */
const OWNER_PARAMS = ["OwnerId", "OwnerAccount", "ResourceOwnerAccount", "ResourceOwnerId"];

function accepting(names, patterns = []) {
  const set = new Set([...names, ...OWNER_PARAMS]);
  return (name) => set.has(name) || patterns.some((p) => p.test(name));
}

// Each action with the parameters it defines (the doc's request table, plus Ipv6Address.N and
// the owner parameters that the official SDK's model has); anything else is
// UnsupportedParameter.
const ACTIONS = {
  DescribeNetworkInterfaces: Object.assign((ctx) => describeNetworkInterfaces(ctx), {
    accepts: accepting(
      [
        "RegionId",
        "ResourceGroupId",
        "VSwitchId",
        "VpcId",
        "PrimaryIpAddress",
        "SecurityGroupId",
        "NetworkInterfaceName",
        "Type",
        "InstanceId",
        "ServiceManaged",
        "Status",
        "PageNumber",
        "PageSize",
        "NextToken",
        "MaxResults",
      ],
      [/^Tag\.[^.]*\.(Key|Value)$/, /^(PrivateIpAddress|Ipv6Address|NetworkInterfaceId)\.[^.]*$/],
    ),
  }),
  DeleteNetworkInterface: Object.assign((ctx) => deleteNetworkInterface(ctx), {
    accepts: accepting(["RegionId", "NetworkInterfaceId"]),
  }),
};

/** What a well-formed ENI ID looks like (`eni-` and lowercase letters and digits). */
const ENI_ID = /^eni-[a-z0-9]{1,60}$/;

// ---------------------------------------------------------------------------
// DeleteNetworkInterface

function deleteNetworkInterface({ params, store, requestId, region, faults }) {
  const id = params.NetworkInterfaceId;
  if (!id) throw missingParameter("NetworkInterfaceId");
  if (!ENI_ID.test(id)) {
    throw new ApiError(
      400,
      "InvalidParams.EniId",
      `The specified EniId parameter is invalid: ${JSON.stringify(id.slice(0, 100))}`,
    );
  }
  const rec = store.find(region, id);
  if (!rec) {
    throw new ApiError(403, "InvalidEniId.NotFound", `The specified ENI ID does not exist: ${id}`);
  }
  if (rec.status === "Deleting") {
    // Deleting again is accepted; it leaves the deadline alone, except for an ENI stuck in
    // Deleting, whose deletion this retry sets going again (the doc's remedy).
    if (rec.stuck) store.unstick(rec);
    return JSON.stringify({ RequestId: requestId });
  }
  if (rec.type === "Primary") {
    throw new ApiError(403, "InvalidOperation.InvalidEniType", "The operation is not supported for a primary ENI.");
  }
  if (rec.serviceManaged) {
    throw new ApiError(
      403,
      "InvalidOperation.EniServiceManaged",
      "The ENI is managed by another cloud service and cannot be deleted.",
    );
  }
  if (rec.status !== "Available") {
    throw new ApiError(
      400,
      "InvalidOperation.InvalidEniState",
      `The operation is not supported while the ENI is ${rec.status}; it must be Available.`,
    );
  }
  store.markDeleting(rec, { stuck: faults ? faults.stuckNext() : false });
  return JSON.stringify({ RequestId: requestId });
}

// ---------------------------------------------------------------------------
// DescribeNetworkInterfaces

const LISTS = { PrivateIpAddress: 100, Ipv6Address: 100, NetworkInterfaceId: 100 };
const LIST_PARAM = /^(PrivateIpAddress|Ipv6Address|NetworkInterfaceId)\.(.*)$/;
const TAG_PARAM = /^Tag\.(.*)\.(Key|Value)$/;
const SCALAR_FILTERS = [
  "VSwitchId",
  "VpcId",
  "PrimaryIpAddress",
  "SecurityGroupId",
  "NetworkInterfaceName",
  "Type",
  "InstanceId",
  "ServiceManaged",
  "Status",
  "ResourceGroupId",
];

function listIndex(name, n, max) {
  if (!/^[1-9][0-9]*$/.test(n) || Number(n) > max) {
    throw invalidParameter(name, `N must be an integer between 1 and ${max}`);
  }
  return Number(n);
}

function integerParam(params, name, min, max, fallback) {
  const raw = params[name];
  if (raw === undefined || raw === "") return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw invalidParameter(name, `must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return Number(raw);
}

/**
 * Read the filters. Empty scalar values count as absent (SDKs often send them).
 * @returns {{ key: object, predicate: ((rec) => boolean) | null }}
 */
export function parseFilters(params) {
  const f = {};
  for (const name of SCALAR_FILTERS) {
    if (params[name] !== undefined && params[name] !== "") f[name] = params[name];
  }
  if (f.Type !== undefined && f.Type !== "Primary" && f.Type !== "Secondary") {
    throw invalidParameter("Type", `must be Primary or Secondary, got "${f.Type}"`);
  }
  if (f.Status !== undefined && !STATUSES.includes(f.Status)) {
    throw invalidParameter("Status", `must be one of ${STATUSES.join(", ")}, got "${f.Status}"`);
  }
  if (f.ServiceManaged !== undefined) {
    const v = f.ServiceManaged.toLowerCase();
    if (v !== "true" && v !== "false")
      throw invalidParameter("ServiceManaged", `must be true or false, got "${f.ServiceManaged}"`);
    f.ServiceManaged = v === "true";
  }
  const lists = { PrivateIpAddress: new Map(), Ipv6Address: new Map(), NetworkInterfaceId: new Map() };
  const tags = new Map();
  for (const name of Object.keys(params)) {
    let m = LIST_PARAM.exec(name);
    if (m) {
      const n = listIndex(name, m[2], LISTS[m[1]]);
      if (params[name] !== "") lists[m[1]].set(n, params[name]);
      continue;
    }
    m = TAG_PARAM.exec(name);
    if (m) {
      const n = listIndex(name, m[1], 20);
      if (!tags.has(n)) tags.set(n, {});
      tags.get(n)[m[2]] = params[name];
    }
  }
  for (const [name, map] of Object.entries(lists)) {
    if (map.size) f[name] = [...map.keys()].sort((a, b) => a - b).map((n) => map.get(n));
  }
  if (tags.size) {
    f.Tag = [];
    for (const n of [...tags.keys()].sort((a, b) => a - b)) {
      const { Key, Value } = tags.get(n);
      if (!Key) {
        if (Value !== undefined) throw invalidParameter(`Tag.${n}.Key`, `Tag.${n}.Value is given without a key`);
        continue;
      }
      f.Tag.push(Value === undefined ? [Key] : [Key, Value]);
    }
    if (!f.Tag.length) delete f.Tag;
  }
  return { key: f, predicate: Object.keys(f).length ? compile(f) : null };
}

function compile(f) {
  const checks = [];
  if (f.VSwitchId !== undefined) checks.push((r) => r.vSwitchId === f.VSwitchId);
  if (f.VpcId !== undefined) checks.push((r) => r.vpcId === f.VpcId);
  if (f.PrimaryIpAddress !== undefined) checks.push((r) => r.ip === f.PrimaryIpAddress);
  // The doc: SecurityGroupId finds secondary ENIs (primary ones are found through DescribeInstances).
  if (f.SecurityGroupId !== undefined)
    checks.push((r) => r.type === "Secondary" && r.securityGroupIds.includes(f.SecurityGroupId));
  if (f.NetworkInterfaceName !== undefined) checks.push((r) => r.name === f.NetworkInterfaceName);
  if (f.Type !== undefined) checks.push((r) => r.type === f.Type);
  if (f.InstanceId !== undefined) checks.push((r) => r.instanceId === f.InstanceId);
  if (f.ServiceManaged !== undefined) checks.push((r) => r.serviceManaged === f.ServiceManaged);
  if (f.Status !== undefined) checks.push((r) => r.status === f.Status);
  if (f.ResourceGroupId !== undefined) checks.push((r) => r.resourceGroupId === f.ResourceGroupId);
  if (f.NetworkInterfaceId) {
    const ids = new Set(f.NetworkInterfaceId);
    checks.push((r) => ids.has(r.id));
  }
  if (f.PrivateIpAddress) {
    // The doc: "Secondary private IP address N of the ENI": any of the listed addresses among
    // the ENI's secondary private IPs (PrimaryIpAddress is the filter for the primary one).
    const ips = new Set(f.PrivateIpAddress);
    checks.push((r) => r.secondaryIps.some((p) => ips.has(p.ip)));
  }
  if (f.Ipv6Address) {
    const ips = new Set(f.Ipv6Address);
    checks.push((r) => r.ipv6.some((a) => ips.has(a)));
  }
  if (f.Tag) {
    // Every given tag must be on the ENI; a key without a value matches any value.
    for (const [k, v] of f.Tag) {
      checks.push(
        v === undefined ? (r) => r.tags.some((t) => t[0] === k) : (r) => r.tags.some((t) => t[0] === k && t[1] === v),
      );
    }
  }
  return (r) => checks.every((c) => c(r));
}

// NextToken: base64 of [0,0,0,1] + 8-byte MAC + JSON {k: last returned ID, q: query hash}.
// Standard base64 (with + and /) like the real API's tokens, so clients must encode it.
const TOKEN_KEY = "aliyun-eni emulator next-token";
const TOKEN_HEAD = Buffer.from([0, 0, 0, 1]);

function tokenMac(payload) {
  return createHmac("sha256", TOKEN_KEY).update(payload).digest().subarray(0, 8);
}

function queryHash(region, filterKey) {
  return createHash("sha256")
    .update(JSON.stringify([region, filterKey]))
    .digest("base64")
    .slice(0, 12);
}

export function makeNextToken(lastId, qh) {
  const payload = Buffer.from(JSON.stringify({ k: lastId, q: qh }), "utf8");
  return Buffer.concat([TOKEN_HEAD, tokenMac(payload), payload]).toString("base64");
}

function malformedToken(why) {
  return new ApiError(400, "InvalidNextToken.Malformed", `The specified parameter NextToken is not valid: ${why}.`);
}

/** The last returned ID from a token, or an ApiError. */
export function readNextToken(token, qh) {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token) || token.length % 4 !== 0)
    throw malformedToken("not a token issued by this service");
  const raw = Buffer.from(token, "base64");
  if (raw.length < 13 || !raw.subarray(0, 4).equals(TOKEN_HEAD))
    throw malformedToken("not a token issued by this service");
  const payload = raw.subarray(12);
  if (!raw.subarray(4, 12).equals(tokenMac(payload))) throw malformedToken("checksum mismatch");
  let body;
  try {
    body = JSON.parse(payload.toString("utf8"));
  } catch {
    throw malformedToken("not a token issued by this service");
  }
  if (!body || typeof body.k !== "string") throw malformedToken("not a token issued by this service");
  if (body.q !== qh) throw malformedToken("it was issued for a different region or different filters");
  return body.k;
}

/** With Tag.N or ResourceGroupId, ECS shows at most this many ENIs in all (the doc). */
export const FILTERED_CAP = 1000;

function describeNetworkInterfaces({ params, store, requestId, region, faults }) {
  const tokenMode = params.NextToken !== undefined || params.MaxResults !== undefined;
  // With NextToken (or MaxResults), PageNumber and PageSize do not take effect (the doc): they
  // are neither used nor validated.
  const pageNumber = tokenMode ? 1 : integerParam(params, "PageNumber", 1, 2147483647, 1);
  const pageSize = tokenMode ? 10 : integerParam(params, "PageSize", 1, 100, 10);
  const maxResults = integerParam(params, "MaxResults", 1, 500, 10);
  const { key, predicate } = parseFilters(params);
  if (faults && faults.eniNotFoundOnDescribe && key.NetworkInterfaceId) {
    const missing = key.NetworkInterfaceId.find((id) => !store.find(region, id));
    if (missing !== undefined) {
      throw new ApiError(404, "InvalidEniId.NotFound", `The specified ENI ID does not exist: ${missing}`);
    }
  }
  const cap = key.Tag || key.ResourceGroupId ? FILTERED_CAP : Infinity;
  const list = store.list(region);

  let items;
  let total;
  let head;
  if (tokenMode) {
    const qh = queryHash(region, key);
    const start = params.NextToken ? upperBound(list, readNextToken(params.NextToken, qh)) : 0;
    let more;
    if (!predicate) {
      items = list.slice(start, start + maxResults);
      more = start + maxResults < list.length;
      total = list.length;
    } else {
      items = [];
      total = 0;
      more = false;
      for (let i = 0; i < list.length && total < cap; i++) {
        if (!predicate(list[i])) continue;
        total++;
        if (i < start) continue;
        if (items.length < maxResults) items.push(list[i]);
        else more = true;
      }
    }
    const next = more ? makeNextToken(items[items.length - 1].id, qh) : "";
    head = `"TotalCount":${total},"RequestId":${JSON.stringify(requestId)},"NextToken":${JSON.stringify(next)}`;
  } else {
    let matches = predicate ? list.filter(predicate) : list;
    if (matches.length > cap) matches = matches.slice(0, cap);
    total = matches.length;
    const from = (pageNumber - 1) * pageSize;
    items = from < total ? matches.slice(from, from + pageSize) : [];
    head = `"TotalCount":${total},"RequestId":${JSON.stringify(requestId)},"PageSize":${pageSize},"PageNumber":${pageNumber}`;
  }
  return `{${head},"NetworkInterfaceSets":{"NetworkInterfaceSet":[${items.map(eniJson).join(",")}]}}`;
}
