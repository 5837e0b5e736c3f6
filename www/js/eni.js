// What the page derives from one NetworkInterface: whether it can be deleted (and why not),
// its quick-search text, sort keys and display strings. No DOM here.

/**
 * Why an ENI cannot be deleted, or null when it can: Secondary, not service-managed, and
 * Available, or Deleting (ECS's docs: an ENI that stays in Deleting failed to delete, and the
 * fix is to send the delete again).
 */
export function whyNotDeletable(eni) {
  if (eni.serviceManaged) {
    return `Managed by another Alibaba Cloud service${eni.serviceId ? ` (service ${eni.serviceId})` : ""}: delete it through that service`;
  }
  if (eni.type === "Primary") return "A primary ENI is released together with its instance";
  if (eni.status === "Deleting")
    return eni.type === "Secondary" ? null : `Type ${eni.type}: only secondary ENIs can be deleted`;
  if (eni.status === "InUse") return `In use${eni.instanceId ? ` by ${eni.instanceId}` : ""}: detach it first`;
  if (eni.status === "Attaching" || eni.status === "Detaching" || eni.status === "Creating") {
    return `${eni.status}: only Available ENIs can be deleted; wait and reload`;
  }
  if (eni.status !== "Available") return `Status ${eni.status}: only Available ENIs can be deleted`;
  if (eni.type !== "Secondary") return `Type ${eni.type}: only secondary ENIs can be deleted`;
  return null;
}

export const isDeletable = (eni) => whyNotDeletable(eni) === null;

/** A delete of this ENI is a second try: it is already Deleting (maybe stuck there). */
export const isRedelete = (eni) => eni.status === "Deleting" && isDeletable(eni);

/** "" and undefined both mean absent in the API. */
export const present = (v) => (v === undefined || v === null || v === "" ? undefined : v);

export function publicIps(eni) {
  const out = [];
  if (eni.associatedPublicIp?.publicIpAddress) out.push(eni.associatedPublicIp.publicIpAddress);
  for (const p of eni.privateIpSets ?? []) {
    const ip = p.associatedPublicIp?.publicIpAddress;
    if (ip && !out.includes(ip)) out.push(ip);
  }
  return out;
}

/** The primary private IP first, then the secondary ones. */
export function privateIps(eni) {
  const out = [];
  if (eni.privateIpAddress) out.push(eni.privateIpAddress);
  for (const p of eni.privateIpSets ?? [])
    if (p.privateIpAddress && !out.includes(p.privateIpAddress)) out.push(p.privateIpAddress);
  return out;
}

export const tagText = (t) => (t.value ? `${t.key}=${t.value}` : t.key);

/** "2019-11-12T07:50:29Z" -> "2019-11-12 07:50 UTC" (unchanged when it is not that shape). */
export function formatCreated(text) {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2})?Z$/.exec(text ?? "");
  return m ? `${m[1]} ${m[2]} UTC` : (text ?? "");
}

/** Lowercased text the quick search looks in. */
export function searchText(eni) {
  return [
    eni.networkInterfaceId,
    eni.networkInterfaceName,
    eni.description,
    eni.status,
    eni.type,
    eni.vpcId,
    eni.vSwitchId,
    eni.zoneId,
    eni.instanceId,
    eni.macAddress,
    eni.resourceGroupId,
    ...privateIps(eni),
    ...publicIps(eni),
    ...(eni.ipv6Sets ?? []).map((s) => s.ipv6Address),
    ...(eni.securityGroupIds ?? []),
    ...(eni.tags ?? []).map(tagText),
  ]
    .filter(Boolean)
    .join("\n")
    .toLowerCase();
}

/** A key that sorts IPv4 addresses numerically ("10.0.0.9" before "10.0.0.10"). */
export function ipSortKey(ip) {
  if (!ip) return "";
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  return m
    ? m
        .slice(1)
        .map((x) => x.padStart(3, "0"))
        .join(".")
    : ip;
}

/**
 * The table's columns: key (for sort and the URL), label, and the value sorted on. The
 * rendering lives in table.js.
 */
export const COLUMNS = [
  { key: "id", label: "ID", sortValue: (e) => e.networkInterfaceId },
  { key: "name", label: "Name", sortValue: (e) => e.networkInterfaceName ?? "" },
  { key: "status", label: "Status", sortValue: (e) => e.status },
  { key: "type", label: "Type", sortValue: (e) => e.type },
  { key: "vpc", label: "VPC", sortValue: (e) => e.vpcId ?? "" },
  { key: "vswitch", label: "vSwitch", sortValue: (e) => e.vSwitchId ?? "" },
  { key: "zone", label: "Zone", sortValue: (e) => e.zoneId ?? "" },
  { key: "privateIp", label: "Private IPs", sortValue: (e) => ipSortKey(e.privateIpAddress) },
  { key: "publicIp", label: "Public IP", sortValue: (e) => ipSortKey(publicIps(e)[0]) },
  { key: "instance", label: "Instance", sortValue: (e) => e.instanceId ?? "" },
  { key: "sg", label: "Security groups", sortValue: (e) => (e.securityGroupIds ?? []).join(" ") },
  { key: "tags", label: "Tags", sortValue: (e) => (e.tags ?? []).map(tagText).join(" ") },
  { key: "created", label: "Created", sortValue: (e) => e.creationTime ?? "" },
];

export const COLUMN_BY_KEY = new Map(COLUMNS.map((c) => [c.key, c]));

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** A comparator for a column; empty values always sort last; ties fall back to the ID. */
export function comparator(sort) {
  const col = COLUMN_BY_KEY.get(sort?.key);
  if (!col) return null;
  const sign = sort.dir === "desc" ? -1 : 1;
  return (a, b) => {
    const x = col.sortValue(a);
    const y = col.sortValue(b);
    if (x === y) return collator.compare(a.networkInterfaceId, b.networkInterfaceId);
    if (!x) return 1;
    if (!y) return -1;
    return sign * collator.compare(x, y) || collator.compare(a.networkInterfaceId, b.networkInterfaceId);
  };
}

/**
 * Every field of a NetworkInterface in a fixed, readable order, for the detail view; fields
 * the page does not know (a newer package) come last, so nothing is hidden.
 */
export const DETAIL_FIELDS = [
  ["networkInterfaceId", "ID"],
  ["networkInterfaceName", "Name"],
  ["description", "Description"],
  ["status", "Status"],
  ["type", "Type"],
  ["vpcId", "VPC"],
  ["vSwitchId", "vSwitch"],
  ["zoneId", "Zone"],
  ["instanceId", "Instance"],
  ["macAddress", "MAC address"],
  ["privateIpAddress", "Primary private IP"],
  ["privateIpSets", "Private IPs"],
  ["associatedPublicIp", "Public IP (EIP)"],
  ["ipv6Sets", "IPv6 addresses"],
  ["securityGroupIds", "Security groups"],
  ["tags", "Tags"],
  ["creationTime", "Created"],
  ["ownerId", "Owner (account) ID"],
  ["resourceGroupId", "Resource group"],
  ["serviceManaged", "Service-managed"],
  ["serviceId", "Service ID"],
  ["networkInterfaceTrafficMode", "Traffic mode"],
  ["queueNumber", "Queues"],
  ["queuePairNumber", "Queue pairs"],
  ["deleteOnRelease", "Deleted with the instance"],
  ["sourceDestCheck", "Source/destination check"],
  ["ipv4PrefixSets", "IPv4 prefixes"],
  ["ipv6PrefixSets", "IPv6 prefixes"],
  ["attachment", "Attachment"],
];

/** Labels of the attachment's fields (others show by their name). */
export const ATTACHMENT_FIELDS = {
  instanceId: "Instance",
  deviceIndex: "Device index",
  networkCardIndex: "Network card index",
  trunkNetworkInterfaceId: "Trunk ENI",
};
