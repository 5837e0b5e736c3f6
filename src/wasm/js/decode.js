// GENERATED from the shape tables of src/response/model.rs by src/response/js.rs: do not edit.
// Regenerate with `UPDATE_GENERATED=1 cargo test --lib response::js` (a test fails while this
// file is stale).
//
// The DescribeNetworkInterfaces decoder of the package: a 2xx page is parsed once by the
// engine's JSON.parse and converted to the objects of API.md here, with every rule of the Rust
// decoder (module doc of src/response/mod.rs): wrapper objects become lists, missing lists are
// empty, null is absent, `{}` AssociatedPublicIp is absent, an empty NextToken is absent, aliases,
// presence rules, member order as the tables, required members, and the same decode errors.
// 64-bit integers (ServiceID, OwnerId) stay exact: their literals are quoted before parsing
// when JSON.parse would round them. tests/js/decode.test.mjs checks it against the Rust decoder.

const MAX_DEPTH = 64;
const ID = 1;
const COUNT = 2;
// The keys whose integer literals are rewritten before parsing, and their rule.
const INTEGER_KEYS = [
  ['"TotalCount"', COUNT],
  ['"PageNumber"', COUNT],
  ['"PageSize"', COUNT],
  ['"OwnerId"', ID],
  ['"ServiceID"', ID],
  ['"ServiceId"', ID],
  ['"QueueNumber"', COUNT],
  ['"QueuePairNumber"', COUNT],
  ['"DeviceIndex"', COUNT],
  ['"NetworkCardIndex"', COUNT],
];
const INTEGER_KIND = new Map([
  ["TotalCount", COUNT],
  ["PageNumber", COUNT],
  ["PageSize", COUNT],
  ["OwnerId", ID],
  ["ServiceID", ID],
  ["ServiceId", ID],
  ["QueueNumber", COUNT],
  ["QueuePairNumber", COUNT],
  ["DeviceIndex", COUNT],
  ["NetworkCardIndex", COUNT],
]);
// The same keys spelled with any \u escapes, for a text that has some.
const ESCAPED_INTEGER_KEY =
  /"((?:(?:T|\\u0054)(?:o|\\u006[fF])(?:t|\\u0074)(?:a|\\u0061)(?:l|\\u006[cC])(?:C|\\u0043)(?:o|\\u006[fF])(?:u|\\u0075)(?:n|\\u006[eE])(?:t|\\u0074)|(?:P|\\u0050)(?:a|\\u0061)(?:g|\\u0067)(?:e|\\u0065)(?:N|\\u004[eE])(?:u|\\u0075)(?:m|\\u006[dD])(?:b|\\u0062)(?:e|\\u0065)(?:r|\\u0072)|(?:P|\\u0050)(?:a|\\u0061)(?:g|\\u0067)(?:e|\\u0065)(?:S|\\u0053)(?:i|\\u0069)(?:z|\\u007[aA])(?:e|\\u0065)|(?:O|\\u004[fF])(?:w|\\u0077)(?:n|\\u006[eE])(?:e|\\u0065)(?:r|\\u0072)(?:I|\\u0049)(?:d|\\u0064)|(?:S|\\u0053)(?:e|\\u0065)(?:r|\\u0072)(?:v|\\u0076)(?:i|\\u0069)(?:c|\\u0063)(?:e|\\u0065)(?:I|\\u0049)(?:D|\\u0044)|(?:S|\\u0053)(?:e|\\u0065)(?:r|\\u0072)(?:v|\\u0076)(?:i|\\u0069)(?:c|\\u0063)(?:e|\\u0065)(?:I|\\u0049)(?:d|\\u0064)|(?:Q|\\u0051)(?:u|\\u0075)(?:e|\\u0065)(?:u|\\u0075)(?:e|\\u0065)(?:N|\\u004[eE])(?:u|\\u0075)(?:m|\\u006[dD])(?:b|\\u0062)(?:e|\\u0065)(?:r|\\u0072)|(?:Q|\\u0051)(?:u|\\u0075)(?:e|\\u0065)(?:u|\\u0075)(?:e|\\u0065)(?:P|\\u0050)(?:a|\\u0061)(?:i|\\u0069)(?:r|\\u0072)(?:N|\\u004[eE])(?:u|\\u0075)(?:m|\\u006[dD])(?:b|\\u0062)(?:e|\\u0065)(?:r|\\u0072)|(?:D|\\u0044)(?:e|\\u0065)(?:v|\\u0076)(?:i|\\u0069)(?:c|\\u0063)(?:e|\\u0065)(?:I|\\u0049)(?:n|\\u006[eE])(?:d|\\u0064)(?:e|\\u0065)(?:x|\\u0078)|(?:N|\\u004[eE])(?:e|\\u0065)(?:t|\\u0074)(?:w|\\u0077)(?:o|\\u006[fF])(?:r|\\u0072)(?:k|\\u006[bB])(?:C|\\u0043)(?:a|\\u0061)(?:r|\\u0072)(?:d|\\u0064)(?:I|\\u0049)(?:n|\\u006[eE])(?:d|\\u0064)(?:e|\\u0065)(?:x|\\u0078)))"[ \t\n\r]*:[ \t\n\r]*(-?[0-9][0-9.eE+-]*)/g;

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown by a strict shape that is not the API's; the error finders then word it. */
const SHAPE = { shape: true };
/** Thrown when a value nests deeper than the Rust reader accepts. */
const TOO_DEEP = { tooDeep: true };
/** Whether the text being converted has `\u` escapes (so strings may hold lone surrogates). */
let escapes = false;

/** A string value as the Rust decoder gives it: lone surrogates become U+FFFD. */
function text(s) {
  return escapes ? wellFormed(s) : s;
}

function wellFormed(s) {
  if (typeof s.toWellFormed === "function") return s.toWellFormed();
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value the decoder does not keep, inside a container at nesting level `d`: the Rust reader
 * still walks it, and refuses it past MAX_DEPTH levels. */
function skip(v, d) {
  if (typeof v !== "object" || v === null) return;
  if (d >= MAX_DEPTH) throw TOO_DEEP;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) skip(v[i], d + 1);
  } else {
    for (const k in v) skip(v[k], d + 1);
  }
}

/** The keys of `o` the shape does not read (`n` of its keys were read) are skipped values. */
function extra(o, d, n, known) {
  let count = 0;
  for (const _ in o) count++;
  if (count === n) return;
  for (const k in o) if (!known.has(k)) skip(o[k], d);
}

/** The value of the alias that comes last in the object (the Rust reader keeps the last). */
function alias(o, keys) {
  let found;
  for (const k in o) if (keys.includes(k)) found = o[k];
  return found;
}

/** Digits in a string as a count (`""` or anything else: undefined); at most 2^64 - 1. */
function digits(s) {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const t = s.replace(/^0+(?=.)/, "");
  if (t.length > 20 || (t.length === 20 && t > "18446744073709551615")) return undefined;
  return Number(t);
}

/** Whether the object has a member. */
function hasMember(r) {
  for (const _ in r) return true;
  return false;
}

function stringItem(v) {
  return text(v);
}

/** A list the API wraps (`{"Tag": [..]}`), bare (`[..]`) or null, at level `d + 1`; `each`
 * converts an element. A malformed list or element fails a strict list (SHAPE) and is left
 * out of a lenient one. */
function list(v, d, inner, each, strict) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") {
      if (strict) throw SHAPE;
      return out;
    }
    a = v[inner];
    let count = 0;
    for (const _ in v) count++;
    if (count !== (a === undefined ? 0 : 1)) for (const k in v) if (k !== inner) skip(v[k], d + 1);
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      if (strict) throw SHAPE;
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  const strings = each === stringItem;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (strings ? typeof x === "string" : isObject(x)) {
      const item = each(x, level + 1);
      if (item !== undefined) out.push(item);
    } else if (strict) {
      throw SHAPE;
    } else if (!strings || x !== null) {
      skip(x, level);
    }
  }
  return out;
}

/** The first error of a strict list, as the Rust reader words it, or null. */
function listError(v, field, inner, each) {
  if (v === undefined || v === null) return null;
  let a = v;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return [field, "an object"];
    a = v[inner];
    if (a === undefined || a === null) return null;
    if (!Array.isArray(a)) return [field, "an array"];
  }
  for (let i = 0; i < a.length; i++) {
    if (!isObject(a[i])) return [inner, "an object"];
    const e = each(a[i]);
    if (e !== null) return e;
  }
  return null;
}

/** Whether `v` (at level `d`) nests deeper than the Rust reader accepts. */
function tooDeep(v) {
  try {
    skip(v, 0);
    return false;
  } catch (e) {
    if (e === TOO_DEEP) return true;
    throw e;
  }
}

/** The end of the JSON number at `i`, or -1 when none starts there. */
function numberEnd(s, i) {
  const digitsFrom = (j) => {
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    return j;
  };
  if (s.charCodeAt(i) === 45) i++;
  const c = s.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) i = digitsFrom(i);
  else return -1;
  if (s.charCodeAt(i) === 46) {
    const j = digitsFrom(i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = s.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const k = digitsFrom(j);
    if (k === j) return -1;
    i = k;
  }
  return i;
}

/** What an integer literal of a key of `kind` becomes before parsing: unchanged when
 * JSON.parse keeps it exact (up to 15 digits, non-negative), quoted when the Rust decoder keeps
 * its digits (an ID within 64 bits, a count: the string rule then applies), null when it reads
 * as absent (a fraction or an exponent; an ID beyond 64 bits). */
function integerLiteral(kind, lit) {
  if (/^(?:0|[1-9][0-9]{0,14})$/.test(lit)) return lit;
  const m = /^(-?)(0|[1-9][0-9]*)$/.exec(lit);
  if (m === null) return "null";
  if (kind === COUNT) return `"${lit}"`;
  const d = m[2];
  const limit = m[1] === "-" ? "9223372036854775808" : "18446744073709551615";
  const fits = d.length < limit.length || (d.length === limit.length && d <= limit);
  return fits ? `"${lit}"` : "null";
}

function isSpace(c) {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** `text` with the integer literals of INTEGER_KEYS rewritten (see integerLiteral). */
function exactIntegers(text) {
  if (escapes) {
    return text.replace(ESCAPED_INTEGER_KEY, (match, key, lit) => {
      const end = numberEnd(lit, 0);
      if (end !== lit.length) return match;
      const kind = INTEGER_KIND.get(JSON.parse(`"${key}"`));
      return match.slice(0, match.length - lit.length) + integerLiteral(kind, lit);
    });
  }
  let edits = null;
  for (const [key, kind] of INTEGER_KEYS) {
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + key.length)) {
      let i = at + key.length;
      while (isSpace(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== 58) continue;
      i++;
      while (isSpace(text.charCodeAt(i))) i++;
      const end = numberEnd(text, i);
      if (end === -1) continue;
      const lit = text.slice(i, end);
      const to = integerLiteral(kind, lit);
      if (to !== lit) (edits ??= []).push([i, end, to]);
    }
  }
  if (edits === null) return text;
  edits.sort((a, b) => a[0] - b[0]);
  let out = "";
  let from = 0;
  for (const [start, end, to] of edits) {
    out += text.slice(from, start) + to;
    from = end;
  }
  return out + text.slice(from);
}

// ---- one converter per shape, from the tables ----

const KEYS_DescribeNetworkInterfacesResponse = new Set([
  "RequestId",
  "TotalCount",
  "PageNumber",
  "PageSize",
  "NextToken",
  "NetworkInterfaceSets",
]);
function s_DescribeNetworkInterfacesResponse(o, d) {
  let n = 0;
  const r = {};
  // requestId: required RequestId
  let v = o["RequestId"];
  if (v !== undefined) n++;
  if (typeof v !== "string") throw SHAPE;
  r["requestId"] = text(v);
  // totalCount: count TotalCount
  v = o["TotalCount"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["totalCount"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["totalCount"] = c;
  } else skip(v, d);
  // pageNumber: count PageNumber
  v = o["PageNumber"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["pageNumber"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["pageNumber"] = c;
  } else skip(v, d);
  // pageSize: count PageSize
  v = o["PageSize"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["pageSize"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["pageSize"] = c;
  } else skip(v, d);
  // nextToken: token NextToken
  v = o["NextToken"];
  if (v !== undefined) n++;
  if (typeof v === "string" && v !== "") r["nextToken"] = text(v);
  else skip(v, d);
  // networkInterfaces: list NetworkInterfaceSets
  v = o["NetworkInterfaceSets"];
  if (v !== undefined) n++;
  r["networkInterfaces"] = list(v, d, "NetworkInterfaceSet", s_NetworkInterface, true);
  extra(o, d, n, KEYS_DescribeNetworkInterfacesResponse);
  return r;
}

const KEYS_NetworkInterface = new Set([
  "NetworkInterfaceId",
  "NetworkInterfaceName",
  "Description",
  "Status",
  "Type",
  "VpcId",
  "VSwitchId",
  "ZoneId",
  "InstanceId",
  "MacAddress",
  "PrivateIpAddress",
  "CreationTime",
  "OwnerId",
  "ResourceGroupId",
  "ServiceID",
  "ServiceId",
  "ServiceManaged",
  "QueueNumber",
  "QueuePairNumber",
  "NetworkInterfaceTrafficMode",
  "DeleteOnRelease",
  "SourceDestCheck",
  "AssociatedPublicIp",
  "Attachment",
  "PrivateIpSets",
  "Ipv6Sets",
  "Ipv4PrefixSets",
  "Ipv6PrefixSets",
  "SecurityGroupIds",
  "Tags",
]);
function s_NetworkInterface(o, d) {
  let n = 0;
  const r = {};
  // networkInterfaceId: required NetworkInterfaceId
  let v = o["NetworkInterfaceId"];
  if (v !== undefined) n++;
  if (typeof v !== "string") throw SHAPE;
  r["networkInterfaceId"] = text(v);
  // networkInterfaceName: text NetworkInterfaceName
  v = o["NetworkInterfaceName"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["networkInterfaceName"] = text(v);
  else skip(v, d);
  // description: text Description
  v = o["Description"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["description"] = text(v);
  else skip(v, d);
  // status: required Status
  v = o["Status"];
  if (v !== undefined) n++;
  if (typeof v !== "string") throw SHAPE;
  r["status"] = text(v);
  // type: required Type
  v = o["Type"];
  if (v !== undefined) n++;
  if (typeof v !== "string") throw SHAPE;
  r["type"] = text(v);
  // vpcId: text VpcId
  v = o["VpcId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["vpcId"] = text(v);
  else skip(v, d);
  // vSwitchId: text VSwitchId
  v = o["VSwitchId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["vSwitchId"] = text(v);
  else skip(v, d);
  // zoneId: text ZoneId
  v = o["ZoneId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["zoneId"] = text(v);
  else skip(v, d);
  // instanceId: text InstanceId
  v = o["InstanceId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["instanceId"] = text(v);
  else skip(v, d);
  // macAddress: text MacAddress
  v = o["MacAddress"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["macAddress"] = text(v);
  else skip(v, d);
  // privateIpAddress: text PrivateIpAddress
  v = o["PrivateIpAddress"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["privateIpAddress"] = text(v);
  else skip(v, d);
  // creationTime: text CreationTime
  v = o["CreationTime"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["creationTime"] = text(v);
  else skip(v, d);
  // ownerId: id OwnerId
  v = o["OwnerId"];
  if (v !== undefined) n++;
  if (typeof v === "string") {
    if (v !== "") r["ownerId"] = text(v);
  } else if (typeof v === "number") r["ownerId"] = String(v);
  else skip(v, d);
  // resourceGroupId: text ResourceGroupId
  v = o["ResourceGroupId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["resourceGroupId"] = text(v);
  else skip(v, d);
  // serviceId: id ServiceID|ServiceId
  v = o["ServiceID"];
  if (v !== undefined) n++;
  {
    let found = v === undefined ? 0 : 1;
    {
      const w = o["ServiceId"];
      if (w !== undefined) {
        n++;
        found++;
        v = w;
      }
    }
    if (found > 1) v = alias(o, ["ServiceID", "ServiceId"]);
  }
  if (typeof v === "string") {
    if (v !== "") r["serviceId"] = text(v);
  } else if (typeof v === "number") r["serviceId"] = String(v);
  else skip(v, d);
  // serviceManaged: flag ServiceManaged
  v = o["ServiceManaged"];
  if (v !== undefined) n++;
  if (typeof v === "boolean") r["serviceManaged"] = v;
  else skip(v, d);
  // queueNumber: count QueueNumber
  v = o["QueueNumber"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["queueNumber"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["queueNumber"] = c;
  } else skip(v, d);
  // queuePairNumber: count QueuePairNumber
  v = o["QueuePairNumber"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["queuePairNumber"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["queuePairNumber"] = c;
  } else skip(v, d);
  // networkInterfaceTrafficMode: text NetworkInterfaceTrafficMode
  v = o["NetworkInterfaceTrafficMode"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["networkInterfaceTrafficMode"] = text(v);
  else skip(v, d);
  // deleteOnRelease: flag DeleteOnRelease
  v = o["DeleteOnRelease"];
  if (v !== undefined) n++;
  if (typeof v === "boolean") r["deleteOnRelease"] = v;
  else skip(v, d);
  // sourceDestCheck: flag SourceDestCheck
  v = o["SourceDestCheck"];
  if (v !== undefined) n++;
  if (typeof v === "boolean") r["sourceDestCheck"] = v;
  else skip(v, d);
  // associatedPublicIp: obj AssociatedPublicIp
  v = o["AssociatedPublicIp"];
  if (v !== undefined) n++;
  if (isObject(v)) {
    const x = s_AssociatedPublicIp(v, d + 1);
    if (x !== undefined) r["associatedPublicIp"] = x;
  } else skip(v, d);
  // attachment: obj Attachment
  v = o["Attachment"];
  if (v !== undefined) n++;
  if (isObject(v)) {
    const x = s_NetworkInterfaceAttachment(v, d + 1);
    if (x !== undefined) r["attachment"] = x;
  } else skip(v, d);
  // privateIpSets: list PrivateIpSets
  v = o["PrivateIpSets"];
  if (v !== undefined) n++;
  r["privateIpSets"] = list(v, d, "PrivateIpSet", s_PrivateIpSet, false);
  // ipv6Sets: list Ipv6Sets
  v = o["Ipv6Sets"];
  if (v !== undefined) n++;
  r["ipv6Sets"] = list(v, d, "Ipv6Set", s_Ipv6Set, false);
  // ipv4PrefixSets: list Ipv4PrefixSets
  v = o["Ipv4PrefixSets"];
  if (v !== undefined) n++;
  r["ipv4PrefixSets"] = list(v, d, "Ipv4PrefixSet", s_Ipv4PrefixSet, false);
  // ipv6PrefixSets: list Ipv6PrefixSets
  v = o["Ipv6PrefixSets"];
  if (v !== undefined) n++;
  r["ipv6PrefixSets"] = list(v, d, "Ipv6PrefixSet", s_Ipv6PrefixSet, false);
  // securityGroupIds: strs SecurityGroupIds
  v = o["SecurityGroupIds"];
  if (v !== undefined) n++;
  r["securityGroupIds"] = list(v, d, "SecurityGroupId", stringItem, false);
  // tags: list Tags
  v = o["Tags"];
  if (v !== undefined) n++;
  r["tags"] = list(v, d, "Tag", s_Tag, false);
  extra(o, d, n, KEYS_NetworkInterface);
  return r;
}

const KEYS_AssociatedPublicIp = new Set(["PublicIpAddress", "AllocationId"]);
function s_AssociatedPublicIp(o, d) {
  let n = 0;
  const r = {};
  // publicIpAddress: textOr PublicIpAddress
  let v = o["PublicIpAddress"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["publicIpAddress"] = text(v);
  else {
    r["publicIpAddress"] = "";
    skip(v, d);
  }
  const keep = r["publicIpAddress"] !== "";
  // allocationId: text AllocationId
  v = o["AllocationId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["allocationId"] = text(v);
  else skip(v, d);
  extra(o, d, n, KEYS_AssociatedPublicIp);
  return keep ? r : undefined;
}

const KEYS_NetworkInterfaceAttachment = new Set([
  "DeviceIndex",
  "InstanceId",
  "TrunkNetworkInterfaceId",
  "NetworkCardIndex",
]);
function s_NetworkInterfaceAttachment(o, d) {
  let n = 0;
  const r = {};
  // deviceIndex: count DeviceIndex
  let v = o["DeviceIndex"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["deviceIndex"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["deviceIndex"] = c;
  } else skip(v, d);
  // instanceId: text InstanceId
  v = o["InstanceId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["instanceId"] = text(v);
  else skip(v, d);
  // trunkNetworkInterfaceId: text TrunkNetworkInterfaceId
  v = o["TrunkNetworkInterfaceId"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["trunkNetworkInterfaceId"] = text(v);
  else skip(v, d);
  // networkCardIndex: count NetworkCardIndex
  v = o["NetworkCardIndex"];
  if (v !== undefined) n++;
  if (typeof v === "number") r["networkCardIndex"] = v;
  else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["networkCardIndex"] = c;
  } else skip(v, d);
  extra(o, d, n, KEYS_NetworkInterfaceAttachment);
  return hasMember(r) ? r : undefined;
}

const KEYS_PrivateIpSet = new Set(["PrivateIpAddress", "Primary", "AssociatedPublicIp", "PrivateDnsName"]);
function s_PrivateIpSet(o, d) {
  let n = 0;
  const r = {};
  // privateIpAddress: textOr PrivateIpAddress
  let v = o["PrivateIpAddress"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["privateIpAddress"] = text(v);
  else {
    r["privateIpAddress"] = "";
    skip(v, d);
  }
  // primary: flagOr Primary
  v = o["Primary"];
  if (v !== undefined) n++;
  if (typeof v === "boolean") r["primary"] = v;
  else {
    r["primary"] = false;
    skip(v, d);
  }
  // associatedPublicIp: obj AssociatedPublicIp
  v = o["AssociatedPublicIp"];
  if (v !== undefined) n++;
  if (isObject(v)) {
    const x = s_AssociatedPublicIp(v, d + 1);
    if (x !== undefined) r["associatedPublicIp"] = x;
  } else skip(v, d);
  // privateDnsName: text PrivateDnsName
  v = o["PrivateDnsName"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["privateDnsName"] = text(v);
  else skip(v, d);
  extra(o, d, n, KEYS_PrivateIpSet);
  return r;
}

const KEYS_Ipv6Set = new Set(["Ipv6Address", "Primary"]);
function s_Ipv6Set(o, d) {
  let n = 0;
  const r = {};
  // ipv6Address: textOr Ipv6Address
  let v = o["Ipv6Address"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["ipv6Address"] = text(v);
  else {
    r["ipv6Address"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  // primary: flag Primary
  v = o["Primary"];
  if (v !== undefined) n++;
  if (typeof v === "boolean") r["primary"] = v;
  else skip(v, d);
  extra(o, d, n, KEYS_Ipv6Set);
  return keep ? r : undefined;
}

const KEYS_Ipv4PrefixSet = new Set(["Ipv4Prefix"]);
function s_Ipv4PrefixSet(o, d) {
  let n = 0;
  const r = {};
  // ipv4Prefix: textOr Ipv4Prefix
  const v = o["Ipv4Prefix"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["ipv4Prefix"] = text(v);
  else {
    r["ipv4Prefix"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  extra(o, d, n, KEYS_Ipv4PrefixSet);
  return keep ? r : undefined;
}

const KEYS_Ipv6PrefixSet = new Set(["Ipv6Prefix"]);
function s_Ipv6PrefixSet(o, d) {
  let n = 0;
  const r = {};
  // ipv6Prefix: textOr Ipv6Prefix
  const v = o["Ipv6Prefix"];
  if (v !== undefined) n++;
  if (typeof v === "string") r["ipv6Prefix"] = text(v);
  else {
    r["ipv6Prefix"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  extra(o, d, n, KEYS_Ipv6PrefixSet);
  return keep ? r : undefined;
}

const KEYS_Tag = new Set(["TagKey", "Key", "TagValue", "Value"]);
function s_Tag(o, d) {
  let n = 0;
  const r = {};
  // key: textOr TagKey|Key
  let v = o["TagKey"];
  if (v !== undefined) n++;
  {
    let found = v === undefined ? 0 : 1;
    {
      const w = o["Key"];
      if (w !== undefined) {
        n++;
        found++;
        v = w;
      }
    }
    if (found > 1) v = alias(o, ["TagKey", "Key"]);
  }
  if (typeof v === "string") r["key"] = text(v);
  else {
    r["key"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  // value: textOr TagValue|Value
  v = o["TagValue"];
  if (v !== undefined) n++;
  {
    let found = v === undefined ? 0 : 1;
    {
      const w = o["Value"];
      if (w !== undefined) {
        n++;
        found++;
        v = w;
      }
    }
    if (found > 1) v = alias(o, ["TagValue", "Value"]);
  }
  if (typeof v === "string") r["value"] = text(v);
  else {
    r["value"] = "";
    skip(v, d);
  }
  extra(o, d, n, KEYS_Tag);
  return keep ? r : undefined;
}

// ---- the first shape error, in the order the Rust reader meets it ----

function e_DescribeNetworkInterfacesResponse(o) {
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "RequestId":
        if (v !== null && typeof v !== "string") return ["RequestId", "a string"];
        break;
      case "NetworkInterfaceSets":
        {
          const e = listError(v, "NetworkInterfaceSets", "NetworkInterfaceSet", e_NetworkInterface);
          if (e !== null) return e;
        }
        break;
    }
  }
  if (typeof o["RequestId"] !== "string") return ["RequestId", "present"];
  return null;
}

function e_NetworkInterface(o) {
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "NetworkInterfaceId":
        if (v !== null && typeof v !== "string") return ["NetworkInterfaceId", "a string"];
        break;
      case "Status":
        if (v !== null && typeof v !== "string") return ["Status", "a string"];
        break;
      case "Type":
        if (v !== null && typeof v !== "string") return ["Type", "a string"];
        break;
    }
  }
  if (typeof o["NetworkInterfaceId"] !== "string") return ["NetworkInterfaceId", "present"];
  if (typeof o["Status"] !== "string") return ["Status", "present"];
  if (typeof o["Type"] !== "string") return ["Type", "present"];
  return null;
}

/** The paging facts of a converted page (`PageSummary` in Rust). */
function summaryOf(page) {
  const list = page.networkInterfaces;
  const first = list.length > 0 ? list[0] : undefined;
  return {
    requestId: page.requestId,
    totalCount: page.totalCount,
    nextToken: page.nextToken,
    count: list.length,
    firstId: first === undefined ? undefined : first.networkInterfaceId,
    firstStatus: first === undefined ? undefined : first.status,
  };
}

const convertPage = s_DescribeNetworkInterfacesResponse;
const pageError = e_DescribeNetworkInterfacesResponse;

const UNPARSED = Object.freeze({ unparsed: true });

/**
 * Decodes the body of a 2xx DescribeNetworkInterfaces answer. Returns
 * - `{ page, summary }`: the page as API.md gives it, and its paging facts;
 * - `{ shapeError: { field, expected } }`: JSON, but not the API's shape (`field` is not
 *   `expected`, as the Rust decoder words it);
 * - `{ unparsed: true }`: not JSON as the Rust reader accepts it (not UTF-8, cut off, not JSON,
 *   nested too deeply): the Rust side words why from the bytes.
 */
export function decodeDescribePage(bytes) {
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return UNPARSED;
  }
  escapes = text.indexOf("\\u") !== -1;
  let root;
  try {
    root = JSON.parse(exactIntegers(text));
  } catch {
    return UNPARSED;
  }
  if (isObject(root)) {
    try {
      const page = convertPage(root, 1);
      return { page, summary: summaryOf(page) };
    } catch (e) {
      if (e === TOO_DEEP) return UNPARSED;
      if (e !== SHAPE) throw e;
    }
  }
  // Whether the body is JSON decides before its shape, as in the Rust decoder.
  if (tooDeep(root)) return UNPARSED;
  const error = isObject(root) ? pageError(root) : ["the response", "an object"];
  if (error === null) throw new Error("aliyun-eni: the page decoder found an error it cannot name");
  return { shapeError: { field: error[0], expected: error[1] } };
}

/** Marks a page as the one where the listing reached ECS's cap for filtered queries. */
export function markCapped(page) {
  page.capped = true;
}
