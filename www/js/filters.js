// The filters of DescribeNetworkInterfaces: the form's model, its URL query form (so a view
// can be bookmarked and shared; credentials never go there) and the package's request.
// No DOM here, so Node tests can import it.

export const STATUSES = ["Available", "InUse", "Attaching", "Detaching", "Creating", "Deleting", "CreateFailed"];
export const TYPES = ["Primary", "Secondary"];

/**
 * Every request field of the API. `param` is the URL query name. Kinds: text, select, list
 * (whitespace/comma separated values), tags (key/value rows), bool (any / yes / no).
 */
export const FILTERS = [
  { key: "status", param: "status", label: "Status", kind: "select", options: STATUSES },
  { key: "type", param: "type", label: "Type", kind: "select", options: TYPES },
  { key: "vpcId", param: "vpc", label: "VPC ID", kind: "text", placeholder: "vpc-…" },
  { key: "vSwitchId", param: "vswitch", label: "vSwitch ID", kind: "text", placeholder: "vsw-…" },
  { key: "securityGroupId", param: "sg", label: "Security group ID", kind: "text", placeholder: "sg-…" },
  { key: "instanceId", param: "instance", label: "Instance ID", kind: "text", placeholder: "i-…" },
  { key: "networkInterfaceName", param: "name", label: "Name (exact)", kind: "text" },
  { key: "primaryIpAddress", param: "primaryIp", label: "Primary private IP", kind: "text", placeholder: "10.0.0.1" },
  {
    key: "privateIpAddresses",
    param: "privateIps",
    label: "Private IPs (any of)",
    kind: "list",
    max: 100,
    placeholder: "10.0.0.1, 10.0.0.2",
  },
  { key: "ipv6Addresses", param: "ipv6", label: "IPv6 addresses (any of)", kind: "list", max: 100 },
  {
    key: "networkInterfaceIds",
    param: "ids",
    label: "ENI IDs (any of)",
    kind: "list",
    max: 100,
    placeholder: "eni-…, eni-…",
  },
  { key: "resourceGroupId", param: "rg", label: "Resource group ID", kind: "text", placeholder: "rg-…" },
  { key: "serviceManaged", param: "serviceManaged", label: "Service-managed", kind: "bool" },
  { key: "tags", param: "tag", label: "Tags (all of)", kind: "tags", max: 20 },
];

export const FILTER_BY_KEY = new Map(FILTERS.map((f) => [f.key, f]));

export function emptyFilters() {
  const f = {};
  for (const d of FILTERS) f[d.key] = d.kind === "list" || d.kind === "tags" ? [] : "";
  return f;
}

/** "a, b\n c" -> ["a", "b", "c"] (IDs and addresses never hold commas or spaces). */
export function splitList(text) {
  return String(text ?? "")
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

// A tag in the query is KEY or KEY=VALUE. "%" and "=" inside the key are escaped so the first
// "=" always separates; the value is kept as it is.
export function encodeTag({ key, value }) {
  const k = key.replace(/%/g, "%25").replace(/=/g, "%3D");
  return value ? `${k}=${value}` : k;
}

export function decodeTag(text) {
  const i = text.indexOf("=");
  const rawKey = i < 0 ? text : text.slice(0, i);
  const key = rawKey.replace(/%3D/gi, "=").replace(/%25/g, "%");
  return { key, value: i < 0 ? "" : text.slice(i + 1) };
}

/** The filters a URL query holds; unknown or malformed values are dropped with a warning. */
export function filtersFromQuery(search) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const filters = emptyFilters();
  const warnings = [];
  for (const d of FILTERS) {
    if (d.kind === "tags") {
      filters.tags = params
        .getAll(d.param)
        .map(decodeTag)
        .filter((t) => t.key.trim() !== "");
      continue;
    }
    const raw = params.get(d.param);
    if (raw === null || raw.trim() === "") continue;
    if (d.kind === "list") filters[d.key] = splitList(raw);
    else if (d.kind === "select") {
      if (d.options.includes(raw)) filters[d.key] = raw;
      else warnings.push(`ignored ${d.param}=${raw}: not one of ${d.options.join(", ")}`);
    } else if (d.kind === "bool") {
      if (raw === "true" || raw === "false") filters[d.key] = raw;
      else warnings.push(`ignored ${d.param}=${raw}: not true or false`);
    } else filters[d.key] = raw.trim();
  }
  return { filters, warnings };
}

/** The URL query of a view: the region, the filters, and optionally sort and quick search. */
export function viewToQuery({ regionId, filters, sort, q }) {
  const params = new URLSearchParams();
  if (regionId) params.set("region", regionId);
  for (const d of FILTERS) {
    const v = filters[d.key];
    if (d.kind === "tags") for (const t of v) params.append(d.param, encodeTag(t));
    else if (d.kind === "list") {
      if (v.length) params.set(d.param, v.join(","));
    } else if (v) params.set(d.param, v);
  }
  if (sort && sort.key) params.set("sort", `${sort.key}:${sort.dir === "desc" ? "desc" : "asc"}`);
  if (q) params.set("q", q);
  return params;
}

export function sortFromQuery(search) {
  const raw = new URLSearchParams(search).get("sort");
  if (!raw) return null;
  const [key, dir] = raw.split(":");
  return key ? { key, dir: dir === "desc" ? "desc" : "asc" } : null;
}

/** The package's DescribeNetworkInterfacesRequest for these filters (paging added by the caller). */
export function filtersToRequest(filters) {
  const request = {};
  for (const d of FILTERS) {
    const v = filters[d.key];
    if (d.kind === "tags") {
      if (v.length) request.tags = v.map(({ key, value }) => (value ? { key, value } : { key }));
    } else if (d.kind === "list") {
      if (v.length) request[d.key] = [...v];
    } else if (d.kind === "bool") {
      if (v === "true" || v === "false") request[d.key] = v === "true";
    } else if (v) request[d.key] = v;
  }
  return request;
}

/** How many filters are set. */
export function activeFilterCount(filters) {
  let n = 0;
  for (const d of FILTERS) {
    const v = filters[d.key];
    if (Array.isArray(v) ? v.length : v) n++;
  }
  return n;
}

/** Short human text per active filter, e.g. ["Status: Available", "Tag env = prod"]. */
export function describeFilters(filters) {
  const out = [];
  for (const d of FILTERS) {
    const v = filters[d.key];
    if (d.kind === "tags")
      for (const t of v) out.push(t.value ? `Tag ${t.key} = ${t.value}` : `Tag ${t.key} (any value)`);
    else if (d.kind === "list") {
      if (v.length)
        out.push(`${d.label}: ${v.length > 3 ? `${v.slice(0, 3).join(", ")} +${v.length - 3}` : v.join(", ")}`);
    } else if (d.kind === "bool") {
      if (v) out.push(`${d.label}: ${v === "true" ? "yes" : "no"}`);
    } else if (v) out.push(`${d.label}: ${v}`);
  }
  return out;
}

/**
 * Maps a validation error's field ("privateIpAddresses[3]", "tags[1].key", "pageSize") to the
 * filter it belongs to, with the tag row index when there is one.
 */
export function filterForField(field) {
  if (typeof field !== "string") return null;
  const m = /^([A-Za-z]+)(?:\[(\d+)\])?/.exec(field);
  if (!m) return null;
  const d = FILTER_BY_KEY.get(m[1]);
  return d ? { filter: d, index: m[2] === undefined ? null : Number(m[2]) } : null;
}
