// GENERATED from the shape tables of src/response/model.rs by src/response/js.rs: do not edit.
// Regenerate with `UPDATE_GENERATED=1 cargo test --lib response::js` (a test fails while this
// file is stale).
//
// The DescribeNetworkInterfaces decoder of the package: a 2xx page is parsed once by the
// engine's JSON.parse and converted to the objects of API.md here, with every rule of the Rust
// decoder (module doc of src/response/mod.rs): wrapper objects become lists, missing lists are
// empty, null is absent, `{}` AssociatedPublicIp is absent, an empty NextToken is absent, aliases,
// presence rules, member order as the tables, required members, and the same decode errors.
// 64-bit integers (ServiceID, OwnerId) stay exact: where JSON.parse rounds one, its literal is
// read from the text. tests/js/decode.test.mjs checks it against the Rust
// decoder.

const MAX_DEPTH = 64;
const ID = 1;
const COUNT = 2;
// The keys read as integers: their rule and their member's API name.
const INTEGER_KEYS = new Map([
  ["TotalCount", [COUNT, "TotalCount"]],
  ["PageNumber", [COUNT, "PageNumber"]],
  ["PageSize", [COUNT, "PageSize"]],
  ["OwnerId", [ID, "OwnerId"]],
  ["ServiceID", [ID, "ServiceID"]],
  ["ServiceId", [ID, "ServiceID"]],
  ["QueueNumber", [COUNT, "QueueNumber"]],
  ["QueuePairNumber", [COUNT, "QueuePairNumber"]],
  ["DeviceIndex", [COUNT, "DeviceIndex"]],
  ["NetworkCardIndex", [COUNT, "NetworkCardIndex"]],
]);
// How many numbers of each integer member the converter met on this page.
function newSeen() {
  return {
    TotalCount: 0,
    PageNumber: 0,
    PageSize: 0,
    OwnerId: 0,
    ServiceID: 0,
    QueueNumber: 0,
    QueuePairNumber: 0,
    DeviceIndex: 0,
    NetworkCardIndex: 0,
  };
}
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown by a strict shape that is not the API's; the error finders then word it. */
const SHAPE = { shape: true };
/** 2^64: a count JSON.parse reads as this may be 2^64 - 1 (in range) or beyond. */
const TWO_64 = 2 ** 64;
/** Thrown when a value nests deeper than the Rust reader accepts. */
const TOO_DEEP = { tooDeep: true };
/** Whether the text being converted has `\u` escapes (so strings may hold lone surrogates). */
let escapes = false;

/**
 * Makes the plain objects of API.md: `new Plain()` is an object with Object.prototype, as `{}`
 * is, but made by a constructor, so V8 sizes it for the members the converter adds (slack
 * tracking) instead of growing its property store member by member: less garbage per page.
 */
const Plain = function Object() {};
Plain.prototype = Object.prototype;

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

/** The value of a JSON number literal as a BigInt, or null when it is not an integer. */
function integerOf(lit) {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(lit);
  if (m === null) return null;
  const frac = m[3] ?? "";
  const digits = (m[2] + frac).replace(/^0+/, "");
  if (digits === "") return 0n;
  const scale = Number(m[4] ?? "0") - frac.length;
  let value;
  if (scale >= 0) {
    if (digits.length + scale > 40) return null;
    value = BigInt(digits) * 10n ** BigInt(scale);
  } else {
    const kept = digits.length + scale;
    if (kept <= 0 || !/^0*$/.test(digits.slice(kept))) return null;
    value = BigInt(digits.slice(0, kept));
  }
  return m[1] === "-" ? -value : value;
}

/** What a number literal of a key of `kind` becomes (see exactIntegers). */
function integerLiteral(kind, lit) {
  const value = integerOf(lit);
  if (value === null) return "null";
  const min = kind === ID ? -(2n ** 63n) : 0n;
  return value >= min && value < 2n ** 64n ? `"${value}"` : "null";
}

/** An ID's text from its number literal (undefined: absent). */
function idText(lit) {
  const value = integerOf(lit);
  return value !== null && value >= -(2n ** 63n) && value < 2n ** 64n ? String(value) : undefined;
}

/** A count from its number literal (undefined: absent). */
function countValue(lit) {
  const value = integerOf(lit);
  return value !== null && value >= 0n && value < 2n ** 64n ? Number(value) : undefined;
}

/** The entry of INTEGER_KEYS of a key as spelled in the text. */
function integerKey(key) {
  return INTEGER_KEYS.get(escapes ? JSON.parse(`"${key}"`) : key);
}

/** The page's text, while it is converted. */
let pageText = "";
/** Numbers met per integer member on this page (see newSeen). */
let seen = null;
/** The number literals of each integer member in the order of the text (the order the
 * converter meets them), by the member's API name; found the first time a page needs one. */
let exact = null;

/** Thrown when the literals found in the text do not line up with the values parsed. */
const MISALIGNED = { misaligned: true };

/** The keys of INTEGER_KEYS (spelled with any `\u00XX` escapes of their letters, which
 * JSON.parse reads as the same key) and the number after them; made when first needed. */
let integerMember = null;
function integerMembers() {
  if (integerMember !== null) return integerMember;
  const spelled = (c) => {
    const hex = c.charCodeAt(0).toString(16);
    const digit = (h) => (h >= "a" ? `[${h}${h.toUpperCase()}]` : h);
    return `(?:${c}|\\\\u00${digit(hex[0])}${digit(hex[1])})`;
  };
  const keys = [...INTEGER_KEYS.keys()].map((k) => [...k].map(spelled).join(""));
  integerMember = new RegExp(`"((?:${keys.join("|")}))"[ \\t\\n\\r]*:[ \\t\\n\\r]*(-?[0-9][0-9.eE+-]*)`, "g");
  return integerMember;
}

function integerLiterals(text) {
  const found = new Map();
  for (const m of text.matchAll(integerMembers())) {
    const api = integerKey(m[1])[1];
    let lits = found.get(api);
    if (lits === undefined) found.set(api, (lits = []));
    lits.push(m[2]);
  }
  return found;
}

/** The literal of `v`, the number `at` (from 0) of the member `api` on this page. */
function literalAt(api, at, v) {
  exact ??= integerLiterals(pageText);
  const lits = exact.get(api);
  const lit = lits === undefined ? undefined : lits[at];
  if (lit === undefined || Number(lit) !== v) throw MISALIGNED;
  return lit;
}

/** `text` with every number of an integer member rewritten as the Rust decoder reads it: its
 * value's digits as a string when it is an integer in range (a count then reads its digits, an
 * ID keeps them), null when it reads as absent. The fallback when the literals do not line up
 * (a key twice in an object, integer keys in members the decoder skips): a second parse. */
function exactIntegers(text) {
  return text.replace(integerMembers(), (match, key, lit) => {
    if (numberEnd(lit, 0) !== lit.length) return match;
    return match.slice(0, match.length - lit.length) + integerLiteral(integerKey(key)[0], lit);
  });
}

/** Converts the parsed page `root` of `text`. */
function convertPage(root, text) {
  pageText = text;
  seen = newSeen();
  exact = null;
  try {
    const page = convertShape(root, 1);
    if (exact !== null) for (const [api, lits] of exact) if (seen[api] !== lits.length) throw MISALIGNED;
    return page;
  } catch (e) {
    if (e !== MISALIGNED) throw e;
  } finally {
    exact = null;
    pageText = "";
  }
  seen = newSeen();
  return convertShape(JSON.parse(exactIntegers(text)), 1);
}

// ---- one converter per shape, from the tables ----

function s_DescribeNetworkInterfacesResponse(o, d) {
  let m0;
  let m1;
  let m2;
  let m3;
  let m4;
  let m5;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "RequestId":
        m0 = v;
        break;
      case "TotalCount":
        m1 = v;
        break;
      case "PageNumber":
        m2 = v;
        break;
      case "PageSize":
        m3 = v;
        break;
      case "NextToken":
        m4 = v;
        break;
      case "NetworkInterfaceSets":
        m5 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // requestId: required RequestId
  let v = m0;
  if (typeof v !== "string") throw SHAPE;
  r["requestId"] = text(v);
  // totalCount: count TotalCount
  v = m1;
  if (typeof v === "number") {
    const at = seen["TotalCount"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["totalCount"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("TotalCount", at, v));
        if (x !== undefined) r["totalCount"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["totalCount"] = c;
  } else skip(v, d);
  // pageNumber: count PageNumber
  v = m2;
  if (typeof v === "number") {
    const at = seen["PageNumber"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["pageNumber"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("PageNumber", at, v));
        if (x !== undefined) r["pageNumber"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["pageNumber"] = c;
  } else skip(v, d);
  // pageSize: count PageSize
  v = m3;
  if (typeof v === "number") {
    const at = seen["PageSize"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["pageSize"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("PageSize", at, v));
        if (x !== undefined) r["pageSize"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["pageSize"] = c;
  } else skip(v, d);
  // nextToken: token NextToken
  v = m4;
  if (typeof v === "string" && v !== "") r["nextToken"] = text(v);
  else skip(v, d);
  // networkInterfaces: list NetworkInterfaceSets
  v = m5;
  r["networkInterfaces"] = l_DescribeNetworkInterfacesResponse_network_interfaces(v, d);
  return r;
}

function l_DescribeNetworkInterfacesResponse_network_interfaces(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") throw SHAPE;
    a = undefined;
    for (const k in v) {
      if (k === "NetworkInterfaceSet") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) throw SHAPE;
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_NetworkInterface(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else throw SHAPE;
  }
  return out;
}

function s_NetworkInterface(o, d) {
  let m0;
  let m1;
  let m2;
  let m3;
  let m4;
  let m5;
  let m6;
  let m7;
  let m8;
  let m9;
  let m10;
  let m11;
  let m12;
  let m13;
  let m14;
  let m15;
  let m16;
  let m17;
  let m18;
  let m19;
  let m20;
  let m21;
  let m22;
  let m23;
  let m24;
  let m25;
  let m26;
  let m27;
  let m28;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "NetworkInterfaceId":
        m0 = v;
        break;
      case "NetworkInterfaceName":
        m1 = v;
        break;
      case "Description":
        m2 = v;
        break;
      case "Status":
        m3 = v;
        break;
      case "Type":
        m4 = v;
        break;
      case "VpcId":
        m5 = v;
        break;
      case "VSwitchId":
        m6 = v;
        break;
      case "ZoneId":
        m7 = v;
        break;
      case "InstanceId":
        m8 = v;
        break;
      case "MacAddress":
        m9 = v;
        break;
      case "PrivateIpAddress":
        m10 = v;
        break;
      case "CreationTime":
        m11 = v;
        break;
      case "OwnerId":
        m12 = v;
        break;
      case "ResourceGroupId":
        m13 = v;
        break;
      case "ServiceID":
      case "ServiceId":
        m14 = v;
        break;
      case "ServiceManaged":
        m15 = v;
        break;
      case "QueueNumber":
        m16 = v;
        break;
      case "QueuePairNumber":
        m17 = v;
        break;
      case "NetworkInterfaceTrafficMode":
        m18 = v;
        break;
      case "DeleteOnRelease":
        m19 = v;
        break;
      case "SourceDestCheck":
        m20 = v;
        break;
      case "AssociatedPublicIp":
        m21 = v;
        break;
      case "Attachment":
        m22 = v;
        break;
      case "PrivateIpSets":
        m23 = v;
        break;
      case "Ipv6Sets":
        m24 = v;
        break;
      case "Ipv4PrefixSets":
        m25 = v;
        break;
      case "Ipv6PrefixSets":
        m26 = v;
        break;
      case "SecurityGroupIds":
        m27 = v;
        break;
      case "Tags":
        m28 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // networkInterfaceId: required NetworkInterfaceId
  let v = m0;
  if (typeof v !== "string") throw SHAPE;
  r["networkInterfaceId"] = text(v);
  // networkInterfaceName: text NetworkInterfaceName
  v = m1;
  if (typeof v === "string") r["networkInterfaceName"] = text(v);
  else skip(v, d);
  // description: text Description
  v = m2;
  if (typeof v === "string") r["description"] = text(v);
  else skip(v, d);
  // status: required Status
  v = m3;
  if (typeof v !== "string") throw SHAPE;
  r["status"] = text(v);
  // type: required Type
  v = m4;
  if (typeof v !== "string") throw SHAPE;
  r["type"] = text(v);
  // vpcId: text VpcId
  v = m5;
  if (typeof v === "string") r["vpcId"] = text(v);
  else skip(v, d);
  // vSwitchId: text VSwitchId
  v = m6;
  if (typeof v === "string") r["vSwitchId"] = text(v);
  else skip(v, d);
  // zoneId: text ZoneId
  v = m7;
  if (typeof v === "string") r["zoneId"] = text(v);
  else skip(v, d);
  // instanceId: text InstanceId
  v = m8;
  if (typeof v === "string") r["instanceId"] = text(v);
  else skip(v, d);
  // macAddress: text MacAddress
  v = m9;
  if (typeof v === "string") r["macAddress"] = text(v);
  else skip(v, d);
  // privateIpAddress: text PrivateIpAddress
  v = m10;
  if (typeof v === "string") r["privateIpAddress"] = text(v);
  else skip(v, d);
  // creationTime: text CreationTime
  v = m11;
  if (typeof v === "string") r["creationTime"] = text(v);
  else skip(v, d);
  // ownerId: id OwnerId
  v = m12;
  if (typeof v === "string") {
    if (v !== "") r["ownerId"] = text(v);
  } else if (typeof v === "number") {
    const at = seen["OwnerId"]++;
    if (Number.isSafeInteger(v)) r["ownerId"] = String(v);
    else if (Number.isInteger(v)) {
      const x = idText(literalAt("OwnerId", at, v));
      if (x !== undefined) r["ownerId"] = x;
    }
  } else skip(v, d);
  // resourceGroupId: text ResourceGroupId
  v = m13;
  if (typeof v === "string") r["resourceGroupId"] = text(v);
  else skip(v, d);
  // serviceId: id ServiceID|ServiceId
  v = m14;
  if (typeof v === "string") {
    if (v !== "") r["serviceId"] = text(v);
  } else if (typeof v === "number") {
    const at = seen["ServiceID"]++;
    if (Number.isSafeInteger(v)) r["serviceId"] = String(v);
    else if (Number.isInteger(v)) {
      const x = idText(literalAt("ServiceID", at, v));
      if (x !== undefined) r["serviceId"] = x;
    }
  } else skip(v, d);
  // serviceManaged: flag ServiceManaged
  v = m15;
  if (typeof v === "boolean") r["serviceManaged"] = v;
  else skip(v, d);
  // queueNumber: count QueueNumber
  v = m16;
  if (typeof v === "number") {
    const at = seen["QueueNumber"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["queueNumber"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("QueueNumber", at, v));
        if (x !== undefined) r["queueNumber"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["queueNumber"] = c;
  } else skip(v, d);
  // queuePairNumber: count QueuePairNumber
  v = m17;
  if (typeof v === "number") {
    const at = seen["QueuePairNumber"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["queuePairNumber"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("QueuePairNumber", at, v));
        if (x !== undefined) r["queuePairNumber"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["queuePairNumber"] = c;
  } else skip(v, d);
  // networkInterfaceTrafficMode: text NetworkInterfaceTrafficMode
  v = m18;
  if (typeof v === "string") r["networkInterfaceTrafficMode"] = text(v);
  else skip(v, d);
  // deleteOnRelease: flag DeleteOnRelease
  v = m19;
  if (typeof v === "boolean") r["deleteOnRelease"] = v;
  else skip(v, d);
  // sourceDestCheck: flag SourceDestCheck
  v = m20;
  if (typeof v === "boolean") r["sourceDestCheck"] = v;
  else skip(v, d);
  // associatedPublicIp: obj AssociatedPublicIp
  v = m21;
  if (isObject(v)) {
    const x = s_AssociatedPublicIp(v, d + 1);
    if (x !== undefined) r["associatedPublicIp"] = x;
  } else skip(v, d);
  // attachment: obj Attachment
  v = m22;
  if (isObject(v)) {
    const x = s_NetworkInterfaceAttachment(v, d + 1);
    if (x !== undefined) r["attachment"] = x;
  } else skip(v, d);
  // privateIpSets: list PrivateIpSets
  v = m23;
  r["privateIpSets"] = l_NetworkInterface_private_ip_sets(v, d);
  // ipv6Sets: list Ipv6Sets
  v = m24;
  r["ipv6Sets"] = l_NetworkInterface_ipv6_sets(v, d);
  // ipv4PrefixSets: list Ipv4PrefixSets
  v = m25;
  r["ipv4PrefixSets"] = l_NetworkInterface_ipv4_prefix_sets(v, d);
  // ipv6PrefixSets: list Ipv6PrefixSets
  v = m26;
  r["ipv6PrefixSets"] = l_NetworkInterface_ipv6_prefix_sets(v, d);
  // securityGroupIds: strs SecurityGroupIds
  v = m27;
  r["securityGroupIds"] = l_NetworkInterface_security_group_ids(v, d);
  // tags: list Tags
  v = m28;
  r["tags"] = l_NetworkInterface_tags(v, d);
  return r;
}

function l_NetworkInterface_private_ip_sets(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "PrivateIpSet") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_PrivateIpSet(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else skip(x, level);
  }
  return out;
}

function l_NetworkInterface_ipv6_sets(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "Ipv6Set") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_Ipv6Set(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else skip(x, level);
  }
  return out;
}

function l_NetworkInterface_ipv4_prefix_sets(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "Ipv4PrefixSet") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_Ipv4PrefixSet(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else skip(x, level);
  }
  return out;
}

function l_NetworkInterface_ipv6_prefix_sets(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "Ipv6PrefixSet") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_Ipv6PrefixSet(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else skip(x, level);
  }
  return out;
}

function l_NetworkInterface_security_group_ids(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "SecurityGroupId") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x === "string") {
      out.push(text(x));
    } else if (x !== null) skip(x, level);
  }
  return out;
}

function l_NetworkInterface_tags(v, d) {
  const out = [];
  if (v === undefined || v === null) return out;
  let a = v;
  let level = d + 1;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return out;
    a = undefined;
    for (const k in v) {
      if (k === "Tag") a = v[k];
      else skip(v[k], d + 1);
    }
    if (a === undefined || a === null) return out;
    if (!Array.isArray(a)) {
      skip(a, d + 1);
      return out;
    }
    level = d + 2;
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (isObject(x)) {
      const item = s_Tag(x, level + 1);
      a[i] = undefined;
      if (item !== undefined) out.push(item);
    } else skip(x, level);
  }
  return out;
}

function s_AssociatedPublicIp(o, d) {
  let m0;
  let m1;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "PublicIpAddress":
        m0 = v;
        break;
      case "AllocationId":
        m1 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // publicIpAddress: textOr PublicIpAddress
  let v = m0;
  if (typeof v === "string") r["publicIpAddress"] = text(v);
  else {
    r["publicIpAddress"] = "";
    skip(v, d);
  }
  const keep = r["publicIpAddress"] !== "";
  // allocationId: text AllocationId
  v = m1;
  if (typeof v === "string") r["allocationId"] = text(v);
  else skip(v, d);
  return keep ? r : undefined;
}

function s_NetworkInterfaceAttachment(o, d) {
  let m0;
  let m1;
  let m2;
  let m3;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "DeviceIndex":
        m0 = v;
        break;
      case "InstanceId":
        m1 = v;
        break;
      case "TrunkNetworkInterfaceId":
        m2 = v;
        break;
      case "NetworkCardIndex":
        m3 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // deviceIndex: count DeviceIndex
  let v = m0;
  if (typeof v === "number") {
    const at = seen["DeviceIndex"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["deviceIndex"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("DeviceIndex", at, v));
        if (x !== undefined) r["deviceIndex"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["deviceIndex"] = c;
  } else skip(v, d);
  // instanceId: text InstanceId
  v = m1;
  if (typeof v === "string") r["instanceId"] = text(v);
  else skip(v, d);
  // trunkNetworkInterfaceId: text TrunkNetworkInterfaceId
  v = m2;
  if (typeof v === "string") r["trunkNetworkInterfaceId"] = text(v);
  else skip(v, d);
  // networkCardIndex: count NetworkCardIndex
  v = m3;
  if (typeof v === "number") {
    const at = seen["NetworkCardIndex"]++;
    if (Number.isInteger(v) && v >= 0) {
      if (v < TWO_64) r["networkCardIndex"] = v + 0;
      else if (v === TWO_64) {
        const x = countValue(literalAt("NetworkCardIndex", at, v));
        if (x !== undefined) r["networkCardIndex"] = x;
      }
    }
  } else if (typeof v === "string") {
    const c = digits(v);
    if (c !== undefined) r["networkCardIndex"] = c;
  } else skip(v, d);
  return hasMember(r) ? r : undefined;
}

function s_PrivateIpSet(o, d) {
  let m0;
  let m1;
  let m2;
  let m3;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "PrivateIpAddress":
        m0 = v;
        break;
      case "Primary":
        m1 = v;
        break;
      case "AssociatedPublicIp":
        m2 = v;
        break;
      case "PrivateDnsName":
        m3 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // privateIpAddress: textOr PrivateIpAddress
  let v = m0;
  if (typeof v === "string") r["privateIpAddress"] = text(v);
  else {
    r["privateIpAddress"] = "";
    skip(v, d);
  }
  // primary: flagOr Primary
  v = m1;
  if (typeof v === "boolean") r["primary"] = v;
  else {
    r["primary"] = false;
    skip(v, d);
  }
  // associatedPublicIp: obj AssociatedPublicIp
  v = m2;
  if (isObject(v)) {
    const x = s_AssociatedPublicIp(v, d + 1);
    if (x !== undefined) r["associatedPublicIp"] = x;
  } else skip(v, d);
  // privateDnsName: text PrivateDnsName
  v = m3;
  if (typeof v === "string") r["privateDnsName"] = text(v);
  else skip(v, d);
  return r;
}

function s_Ipv6Set(o, d) {
  let m0;
  let m1;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "Ipv6Address":
        m0 = v;
        break;
      case "Primary":
        m1 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // ipv6Address: textOr Ipv6Address
  let v = m0;
  if (typeof v === "string") r["ipv6Address"] = text(v);
  else {
    r["ipv6Address"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  // primary: flag Primary
  v = m1;
  if (typeof v === "boolean") r["primary"] = v;
  else skip(v, d);
  return keep ? r : undefined;
}

function s_Ipv4PrefixSet(o, d) {
  let m0;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "Ipv4Prefix":
        m0 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // ipv4Prefix: textOr Ipv4Prefix
  const v = m0;
  if (typeof v === "string") r["ipv4Prefix"] = text(v);
  else {
    r["ipv4Prefix"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  return keep ? r : undefined;
}

function s_Ipv6PrefixSet(o, d) {
  let m0;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "Ipv6Prefix":
        m0 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // ipv6Prefix: textOr Ipv6Prefix
  const v = m0;
  if (typeof v === "string") r["ipv6Prefix"] = text(v);
  else {
    r["ipv6Prefix"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  return keep ? r : undefined;
}

function s_Tag(o, d) {
  let m0;
  let m1;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      case "TagKey":
      case "Key":
        m0 = v;
        break;
      case "TagValue":
      case "Value":
        m1 = v;
        break;
      default:
        skip(v, d);
    }
  }
  const r = new Plain();
  // key: textOr TagKey|Key
  let v = m0;
  if (typeof v === "string") r["key"] = text(v);
  else {
    r["key"] = "";
    skip(v, d);
  }
  const keep = typeof v === "string";
  // value: textOr TagValue|Value
  v = m1;
  if (typeof v === "string") r["value"] = text(v);
  else {
    r["value"] = "";
    skip(v, d);
  }
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

const convertShape = s_DescribeNetworkInterfacesResponse;
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
    root = JSON.parse(text);
  } catch {
    return UNPARSED;
  }
  if (isObject(root)) {
    try {
      const page = convertPage(root, text);
      return { page, summary: summaryOf(page) };
    } catch (e) {
      if (e === TOO_DEEP) return UNPARSED;
      if (e !== SHAPE) throw e;
    }
    // The converter let go of what it had converted: parse again to name the error.
    root = JSON.parse(text);
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
