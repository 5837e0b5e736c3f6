// Deterministic fake ECS data: ENIs, their VPCs, vSwitches, security groups, tags, EIPs.
// Same (enis, seed) => byte-identical data. Generation is cheap; the API JSON of an ENI
// is built on demand by `eniJson` (a page of 500 costs a few milliseconds).

/** Seeded PRNG (mulberry32): returns a function giving floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Regions the emulator answers for; only the first two hold ENIs. */
export const KNOWN_REGIONS = new Set([
  "cn-hangzhou",
  "cn-shanghai",
  "cn-qingdao",
  "cn-beijing",
  "cn-zhangjiakou",
  "cn-huhehaote",
  "cn-wulanchabu",
  "cn-shenzhen",
  "cn-heyuan",
  "cn-guangzhou",
  "cn-chengdu",
  "cn-hongkong",
  "ap-southeast-1",
  "ap-southeast-3",
  "ap-southeast-5",
  "ap-northeast-1",
  "ap-northeast-2",
  "us-west-1",
  "us-east-1",
  "eu-central-1",
  "eu-west-1",
  "me-east-1",
]);

export const STATUSES = ["Creating", "Available", "Attaching", "InUse", "Detaching", "Deleting", "CreateFailed"];

/** Number of ENIs generated in cn-shanghai, whatever --enis says. */
export const SHANGHAI_ENIS = 5;

/** ServiceIDs above 2^53 given to the first service-managed ENIs (exact in the JSON text). */
export const BIG_SERVICE_IDS = ["9007199254740993", "1234567890123456789", "9223372036854775807"];

const LONG_TEXT = "This description is deliberately long to test truncation and wrapping in tables. ".repeat(13).trim();
const CSV_INJECTION = "=cmd|' /C calc'!A0";

/**
 * ENIs with hostile names, descriptions and tag values. Their IDs never change (whatever
 * the seed); they exist in cn-hangzhou whenever --enis >= 20, all Available Secondary,
 * so UI tests can render and delete them.
 */
export const HOSTILE_ENIS = [
  {
    id: "eni-bp1hostile0000000001",
    name: "<img src=x onerror=alert(1)>",
    description: '<script>alert("xss")</script>',
    tags: [
      ["app", `"'><svg onload=alert(1)>`],
      ["owner", "<b>bold</b>&amp;"],
    ],
  },
  {
    id: "eni-bp1hostile0000000002",
    name: '<script>alert("xss")</script>',
    description: `"'><svg onload=alert(1)>`,
    tags: [["env", "<img src=x onerror=alert(1)>"]],
  },
  {
    id: "eni-bp1hostile0000000003",
    name: `"'><svg onload=alert(1)>`,
    description: "javascript:alert(1)",
    tags: [
      ["app", "javascript:alert(1)"],
      ["team", '<script>alert("xss")</script>'],
    ],
  },
  {
    id: "eni-bp1hostile0000000004",
    name: "javascript:alert(1)",
    description: LONG_TEXT,
    tags: [["team", LONG_TEXT.slice(0, 128)]],
  },
  {
    id: "eni-bp1hostile0000000005",
    name: "生产网卡-测试",
    description: "Ünïcödé — 生产环境的弹性网卡",
    tags: [
      ["owner", "张三"],
      ["env", "Ünïcödé"],
    ],
  },
  {
    id: "eni-bp1hostile0000000006",
    name: "🔥💥🚀",
    description: "emoji 🔥💥🚀 in a description",
    tags: [["app", "🔥💥🚀"]],
  },
  {
    id: "eni-bp1hostile0000000007",
    name: "invoice-\u202egpj.exe",
    description: "right-to-left override \u202e inside",
    tags: [["owner", "\u202enimda"]],
  },
  {
    id: "eni-bp1hostile0000000008",
    name: "a&b %c+d=e*f",
    description: "query characters & % + = * ? # / \\ ; and spaces",
    tags: [
      [CSV_INJECTION, CSV_INJECTION],
      ["cost-center", "1+1=2 & 100% * x"],
    ],
  },
];

const HEX = "0123456789abcdef";
const ALNUM_CODES = [..."abcdefghijklmnopqrstuvwxyz0123456789"].map((c) => c.charCodeAt(0));

const REGION_LAYOUT = {
  "cn-hangzhou": {
    prefix: "bp1",
    zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"],
    // [first octets, vSwitch step in the second/third octet, weight]
    vpcs: [
      { cidr: [10, 0], zoneShift: 16, weight: 0.5 },
      { cidr: [172, 16], zoneShift: 16, weight: 0.3 },
      { cidr: [192, 168], zoneShift: 6, weight: 0.2 },
    ],
    publicPrefixes: ["47.96", "118.31", "120.55", "116.62"],
    ipv6: "2408:4005:3a1",
  },
  "cn-shanghai": {
    prefix: "uf6",
    zones: ["cn-shanghai-b", "cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g"],
    vpcs: [{ cidr: [172, 24], zoneShift: 4, weight: 1 }],
    publicPrefixes: ["106.14", "47.100"],
    ipv6: "240e:e0:f3c",
  },
};

const TAG_VALUES = {
  env: ["prod", "staging", "dev", "test", "perf"],
  team: ["network", "platform", "data", "payments", "search", "sre"],
  owner: ["alice", "bob", "li.wei", "zhang.min", "ops-bot"],
  app: ["web", "api", "db", "cache", "mq", "gateway", "k8s-node"],
  "cost-center": ["cc-1001", "cc-2002", "cc-3003"],
  project: ["atlas", "hermes", "orion", "phoenix"],
};
const TAG_KEYS = Object.keys(TAG_VALUES);
/** Per key (in TAG_KEYS order), every [key, value] pair: shared by the ENIs that carry it. */
const TAG_PAIRS = TAG_KEYS.map((k) => TAG_VALUES[k].map((v) => Object.freeze([k, v])));

const NAME_APPS = ["web", "api", "db", "cache", "mq", "gateway", "batch", "terway"];
const DESCRIPTIONS = [
  "",
  "",
  "managed by terraform",
  "Created by terway",
  "ENI for the payments VPC",
  "secondary ENI for failover",
  "test eni",
  "DescriptionTest",
];
const SERVICE_DESCRIPTIONS = ["Created by NAT Gateway", "Created by ALB", "Created by PrivateLink", "Created by NLB"];

const EMPTY = Object.freeze([]);

/** One ENI. Plain fields; the API JSON is produced by `eniJson`. */
class Eni {
  constructor(id, region, vpc, vsw, ownerId) {
    this.id = id;
    this.region = region;
    this.type = "Secondary";
    this.status = "Available";
    /** '' when not attached; null when the field is omitted (service-managed ENIs). */
    this.instanceId = "";
    this.vpcId = vpc.vpcId;
    this.vSwitchId = vsw.id;
    this.zoneId = vsw.zoneId;
    this.name = "";
    this.description = "";
    /** The last 24 bits of the MAC address (00:16:3e:xx:xx:xx). */
    this.mac = 0;
    /** Seconds since the epoch. */
    this.created = 0;
    this.ownerId = ownerId;
    this.resourceGroupId = "";
    /** The primary private IP and its EIP (null or { AllocationId, PublicIpAddress }). */
    this.ip = "";
    this.eip = null;
    /** Secondary private IPs: [{ ip, eip }]. */
    this.secondaryIps = EMPTY;
    this.ipv6 = EMPTY;
    this.securityGroupIds = EMPTY;
    /** [[key, value], ...] */
    this.tags = EMPTY;
    this.serviceManaged = false;
    /** Decimal string (may exceed 2^53) or null when absent. */
    this.serviceId = null;
    this.trafficMode = "Standard";
    this.queueNumber = -1;
    this.queuePairNumber = -1;
    /** null or { DeviceIndex, InstanceId, TrunkNetworkInterfaceId? } */
    this.attachment = null;
    /** Whether empty Ipv6Sets/Tags/prefix sets are left out (true) or sent as empty wrappers. */
    this.omitEmptyLists = false;
    /** true/false, or null when unset (then written per `unset`). */
    this.deleteOnRelease = null;
    this.sourceDestCheck = null;
    /** How this ENI's unset optional values go over the wire: "omit", "null" or "empty" (""). */
    this.unset = "omit";
    /** QueueNumber of an Available Secondary ENI whose queue count was never changed: "" when true. */
    this.queueEmpty = false;
    this.ipv4Prefixes = EMPTY;
    this.ipv6Prefixes = EMPTY;
    /** Whether PrivateIpSet entries carry PrivateDnsName, Ipv6Set entries Primary. */
    this.privateDns = false;
    this.ipv6Primary = false;
    /** Stuck in Deleting (a fault): stays until the delete is sent again. */
    this.stuck = false;
    /** When a Deleting ENI disappears (ms since epoch). */
    this.vanishAt = 0;
  }
}

/**
 * Generate the whole dataset. With `emptyValues` (the default), a realistic share of ENIs send
 * unset optional values as `null` or `""` (never `""` for a boolean) and Available Secondary
 * ENIs whose queue count was never changed send `"QueueNumber": ""`, as the doc says; without
 * it, unset optional values are left out.
 * @returns {{ ownerId: string, regions: Map<string, Eni[]> }} ENIs per region, sorted by
 *   NetworkInterfaceId (plain string comparison = byte order for these ASCII IDs).
 */
export function generate({ enis = 250, seed = 1, emptyValues = true } = {}) {
  const rng = mulberry32(seed);
  // The fields added later (issue 12) draw from their own stream, so the original fields of
  // every seed stay what they were.
  const rng2 = mulberry32((seed ^ 0x12f1e1d) >>> 0);
  const chance2 = (p) => rng2() < p;
  const pick2 = (arr) => arr[Math.floor(rng2() * arr.length)];
  const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(rng() * arr.length)];
  const chance = (p) => rng() < p;
  // head + n lowercase alphanumerics (five per PRNG draw), built as one flat string.
  const codes = [];
  const alnum = (n, head = "") => {
    codes.length = head.length + n;
    for (let i = 0; i < head.length; i++) codes[i] = head.charCodeAt(i);
    for (let i = head.length; i < codes.length; i += 5) {
      let x = Math.floor(rng() * 60466176); // 36^5
      for (let k = i; k < i + 5 && k < codes.length; k++) {
        codes[k] = ALNUM_CODES[x % 36];
        x = Math.floor(x / 36);
      }
    }
    return String.fromCharCode.apply(null, codes);
  };
  const hex4 = () =>
    Math.floor(rng() * 65536)
      .toString(16)
      .padStart(4, "0");

  // 17 random base-36 characters: a collision among a million IDs has a probability
  // around 1e-15, so IDs are not checked one by one (ENI IDs are checked after sorting).
  const randomId = (head, n = 17) => alnum(n, head);
  const macBits = new Uint8Array(1 << 21); // one bit per 24-bit NIC part
  const uniqueMac = () => {
    for (;;) {
      const m = Math.floor(rng() * 16777216);
      if (!(macBits[m >>> 3] & (1 << (m & 7)))) {
        macBits[m >>> 3] |= 1 << (m & 7);
        return m;
      }
    }
  };
  // Seconds since the epoch, 2019-01-01 .. 2025-06-30.
  const creationTime = () => int(1546300800, 1751241600);

  const ownerId = "1" + String(int(10000, 99999)) + String(int(1000000000, 9999999999));
  const resourceGroups = [0, 1, 2, 3].map(() => "rg-acfm" + alnum(11));
  let publicCounter = int(0, 1000);
  // Names repeat a lot: keep one copy of each.
  const names = new Map();
  const internedName = (n) => {
    let v = names.get(n);
    if (v === undefined) names.set(n, (v = n));
    return v;
  };
  let serviceCount = 0;

  const regions = new Map();
  for (const [regionId, layout] of Object.entries(REGION_LAYOUT)) {
    const p = layout.prefix;
    const count = regionId === "cn-hangzhou" ? enis : SHANGHAI_ENIS;
    // Topology: VPCs, one vSwitch per (VPC, zone), four security groups per VPC.
    const vpcs = layout.vpcs.map((v, vi) => {
      const vpcId = randomId(`vpc-${p}`);
      const vswitches = layout.zones.map((zoneId, zi) => {
        // CIDR base as a 32-bit integer: 10.(z+1).0.0/16 style, or the zone in the third octet.
        const second = v.cidr[1] + (v.zoneShift === 16 ? zi + 1 : 0);
        const third = v.zoneShift === 16 ? 0 : zi << v.zoneShift;
        return {
          id: randomId(`vsw-${p}`),
          zoneId,
          base: ((v.cidr[0] << 24) | (second << 16) | (third << 8)) >>> 0,
          next: 0,
          ipv6: `${layout.ipv6}:${HEX[vi]}${HEX[zi + 1]}00`,
          nextV6: int(16, 4096),
        };
      });
      const sgs = [0, 1, 2, 3].map(() => randomId(`sg-${p}`, 16));
      // The security-group lists ENIs get: 1..3 consecutive groups from any start,
      // shared between ENIs (they are never modified).
      const sgSets = [];
      for (let n = 1; n <= 3; n++) {
        for (let start = 0; start < 4; start++)
          sgSets.push(Object.freeze(Array.from({ length: n }, (_, k) => sgs[(start + k) & 3])));
      }
      return { vpcId, vswitches, sgSets, weight: v.weight };
    });
    const pickVpc = () => {
      let r = rng();
      for (const v of vpcs) {
        if ((r -= v.weight) < 0) return v;
      }
      return vpcs[vpcs.length - 1];
    };
    const allocIp = (vsw) => {
      for (;;) {
        const n = (vsw.base + 3 + vsw.next) >>> 0;
        vsw.next += chance(0.2) ? 2 : 1;
        const last = n & 255;
        if (last !== 0 && last < 253) return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${last}`;
      }
    };
    const allocIpv6 = (vsw) => {
      vsw.nextV6 += 1;
      return `${vsw.ipv6}:${hex4()}:${hex4()}:${hex4()}:${vsw.nextV6.toString(16)}`;
    };
    const eip = () => {
      const c = publicCounter++;
      const pre = layout.publicPrefixes[c % layout.publicPrefixes.length];
      const host = (c / layout.publicPrefixes.length) | 0;
      return {
        AllocationId: randomId(`eip-${p}`),
        PublicIpAddress: `${pre}.${((host / 253) | 0) & 255}.${(host % 253) + 1}`,
      };
    };
    // Fields of the official SDK's model beyond the doc table, from the second stream.
    const extras = (rec, vsw) => {
      rec.unset = pick2(["omit", "omit", "null", "empty"]);
      // The doc: an InUse secondary ENI reports its (default) queue count.
      if (rec.status === "InUse" && rec.queueNumber < 0) rec.queueNumber = pick2([1, 2]);
      if (rec.type === "Primary") rec.deleteOnRelease = true;
      else if (rec.status === "InUse" || chance2(0.6)) rec.deleteOnRelease = chance2(0.3);
      if (!rec.serviceManaged && chance2(0.7)) rec.sourceDestCheck = chance2(0.1);
      rec.queueEmpty =
        rec.type === "Secondary" && rec.status === "Available" && !rec.serviceManaged && rec.queueNumber < 0
          ? chance2(0.85)
          : false;
      if (!rec.serviceManaged && chance2(0.06)) {
        const base = vsw.base >>> 0;
        const n = 1 + (chance2(0.3) ? 1 : 0);
        rec.ipv4Prefixes = [];
        for (let k = 0; k < n; k++) {
          const at = (base + 4096 + (Math.floor(rng2() * 256) << 4)) >>> 0;
          rec.ipv4Prefixes.push(`${at >>> 24}.${(at >>> 16) & 255}.${(at >>> 8) & 255}.${at & 240}/28`);
        }
      }
      if (rec.ipv6.length && chance2(0.25)) {
        rec.ipv6Prefixes = [`${vsw.ipv6}:${Math.floor(rng2() * 65536).toString(16)}::/80`];
      }
      rec.privateDns = chance2(0.5);
      rec.ipv6Primary = rec.ipv6.length > 0 && chance2(0.6);
      if (rec.attachment) rec.attachment.NetworkCardIndex = chance2(0.9) ? 0 : 1;
      if (!emptyValues) {
        // Unset optional values left out, and no "" QueueNumber (the same draws were made).
        rec.unset = "omit";
        rec.queueEmpty = false;
      }
    };
    const instancesByZone = new Map();
    const instanceIn = (zoneId) => {
      const list = instancesByZone.get(zoneId);
      return list && list.length && chance(0.8) ? pick(list) : randomId(`i-${p}`);
    };

    const records = [];
    const hostile = regionId === "cn-hangzhou" && count >= 20 ? HOSTILE_ENIS : [];
    for (let i = 0; i < count; i++) {
      const fixture = hostile[i];
      const vpc = fixture ? vpcs[0] : pickVpc();
      const vsw = pick(vpc.vswitches);
      const rec = new Eni(fixture ? fixture.id : randomId(`eni-${p}`), regionId, vpc, vsw, ownerId);
      rec.mac = uniqueMac();
      rec.created = creationTime();
      rec.resourceGroupId = pick(resourceGroups);
      rec.omitEmptyLists = chance(0.5);
      rec.securityGroupIds = fixture ? vpc.sgSets[0] : pick(vpc.sgSets);

      if (fixture) {
        rec.name = fixture.name;
        rec.description = fixture.description;
        rec.tags = fixture.tags.map((t) => t.slice());
        rec.ip = allocIp(vsw);
        extras(rec, vsw);
        records.push(rec);
        continue;
      }

      const serial = records.length - hostile.length; // 0-based among the random ENIs
      const forcedService = regionId === "cn-hangzhou" && count >= 20 && serial < BIG_SERVICE_IDS.length;
      const roll = rng();
      if (forcedService || roll < 0.05) {
        // Service-managed: created by another cloud service; no InstanceId field.
        rec.serviceManaged = true;
        rec.serviceId = forcedService ? BIG_SERVICE_IDS[serial] : String(int(10000000000, 99999999999));
        rec.status = chance(0.7) ? "InUse" : "Available";
        rec.description = SERVICE_DESCRIPTIONS[serviceCount++ % SERVICE_DESCRIPTIONS.length];
        rec.name = chance(0.5) ? "" : `svc-eni-${alnum(6)}`;
        rec.instanceId = null;
      } else if (roll < 0.35) {
        rec.type = "Primary";
        rec.status = "InUse";
        rec.instanceId = randomId(`i-${p}`);
        let zoneList = instancesByZone.get(rec.zoneId);
        if (!zoneList) instancesByZone.set(rec.zoneId, (zoneList = []));
        zoneList.push(rec.instanceId);
        rec.queueNumber = pick([1, 2, 4, 8]);
        rec.description = chance(0.5) ? "" : "Primary ENI of the instance";
        rec.name = chance(0.6) ? "" : internedName(`${pick(NAME_APPS)}-primary-${int(1, 99)}`);
        if (chance(0.5)) rec.attachment = { DeviceIndex: 0, InstanceId: rec.instanceId };
      } else {
        const s = rng();
        rec.status =
          s < 0.6
            ? "Available"
            : s < 0.8
              ? "InUse"
              : s < 0.85
                ? "Attaching"
                : s < 0.9
                  ? "Detaching"
                  : s < 0.95
                    ? "Creating"
                    : "CreateFailed";
        if (rec.status === "InUse" || rec.status === "Attaching" || rec.status === "Detaching") {
          rec.instanceId = instanceIn(rec.zoneId);
        }
        if (rec.status === "InUse") {
          rec.queueNumber = pick([1, 2, 4]);
          if (chance(0.5)) {
            rec.attachment = { DeviceIndex: int(1, 3), InstanceId: rec.instanceId };
            if (chance(0.1)) rec.attachment.TrunkNetworkInterfaceId = randomId(`eni-${p}`);
          }
        }
        rec.name = chance(0.25) ? "" : internedName(`${pick(NAME_APPS)}-eni-${int(1, 999)}`);
        rec.description = pick(DESCRIPTIONS);
      }
      if (!rec.serviceManaged && chance(0.05)) {
        rec.trafficMode = "HighPerformance";
        rec.queuePairNumber = pick([4, 8, 16]);
      }

      // Private IPs: the primary one plus 0..3 secondary; EIPs on some of them.
      rec.ip = allocIp(vsw);
      rec.eip = chance(0.15) ? eip() : null;
      if (chance(0.3)) {
        rec.secondaryIps = [];
        for (let s = int(1, 3); s > 0; s--)
          rec.secondaryIps.push({ ip: allocIp(vsw), eip: chance(0.2) ? eip() : null });
      }
      if (chance(0.2)) {
        rec.ipv6 = [allocIpv6(vsw)];
        if (chance(0.5)) rec.ipv6.push(allocIpv6(vsw));
      }
      const r = rng();
      const nTags = r < 0.25 ? 0 : r < 0.5 ? 1 : r < 0.75 ? 2 : r < 0.9 ? 3 : 4;
      if (nTags) {
        // Distinct keys: consecutive ones, forwards or backwards, from a random start.
        const k0 = int(0, TAG_KEYS.length - 1);
        const step = chance(0.5) ? 1 : 5;
        rec.tags = new Array(nTags);
        for (let t = 0; t < nTags; t++) rec.tags[t] = pick(TAG_PAIRS[(k0 + t * step) % TAG_KEYS.length]);
      }
      extras(rec, vsw);
      records.push(rec);
    }
    records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let i = 1; i < records.length; i++) {
      if (records[i - 1].id === records[i].id)
        throw new Error(`seed ${seed} produced the ENI ID ${records[i].id} twice`);
    }
    regions.set(regionId, records);
  }
  return { ownerId, regions };
}

// --- API JSON -------------------------------------------------------------------------
// Hand-written so a page of 500 ENIs out of 100,000 costs about a millisecond; fields in
// the order of the doc's response table. ServiceID is written as an exact integer literal.

const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/; // nothing JSON would escape
const str = (s) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));
const publicIp = (e) =>
  e ? `{"AllocationId":${str(e.AllocationId)},"PublicIpAddress":${str(e.PublicIpAddress)}}` : "{}";

/** The ENI's API JSON text (one element of NetworkInterfaceSets.NetworkInterfaceSet). */
/**
 * `,"Name":value`, or for an unset value what the ENI's `unset` style sends: nothing, `null`,
 * or `""`. A boolean is never `""` (the official SDK refuses a string for a boolean field, so
 * the service cannot be sending one); it is `null` then.
 */
function optional(r, name, value, { boolean = false } = {}) {
  if (value !== null && value !== undefined) return `,"${name}":${value}`;
  if (r.unset === "null" || (r.unset === "empty" && boolean)) return `,"${name}":null`;
  return r.unset === "empty" ? `,"${name}":""` : "";
}

/** `,"Sets":{"Set":[...]}` unless empty and this ENI leaves empty lists out. */
function list(r, outer, inner, items) {
  if (!items.length && r.omitEmptyLists) return "";
  return `,"${outer}":{"${inner}":[${items.join(",")}]}`;
}

export function eniJson(r) {
  let j = `{"AssociatedPublicIp":${publicIp(r.eip)}`;
  if (r.attachment) {
    const a = r.attachment;
    j += `,"Attachment":{"DeviceIndex":${a.DeviceIndex},"InstanceId":${str(a.InstanceId)}`;
    if (a.NetworkCardIndex !== undefined) j += `,"NetworkCardIndex":${a.NetworkCardIndex}`;
    if (a.TrunkNetworkInterfaceId !== undefined) j += `,"TrunkNetworkInterfaceId":${str(a.TrunkNetworkInterfaceId)}`;
    j += "}";
  }
  const created = new Date(r.created * 1000).toISOString();
  j += `,"CreationTime":"${created.slice(0, 19)}Z"`;
  j += optional(r, "DeleteOnRelease", r.deleteOnRelease, { boolean: true });
  j += `,"Description":${str(r.description)}`;
  if (r.instanceId !== null) j += `,"InstanceId":${str(r.instanceId)}`;
  j += list(
    r,
    "Ipv4PrefixSets",
    "Ipv4PrefixSet",
    r.ipv4Prefixes.map((p) => `{"Ipv4Prefix":${str(p)}}`),
  );
  j += list(
    r,
    "Ipv6PrefixSets",
    "Ipv6PrefixSet",
    r.ipv6Prefixes.map((p) => `{"Ipv6Prefix":${str(p)}}`),
  );
  if (r.ipv6.length || !r.omitEmptyLists) {
    const v6 = r.ipv6Primary
      ? (a, i) => `{"Ipv6Address":${str(a)},"Primary":${i === 0}}`
      : (a) => `{"Ipv6Address":${str(a)}}`;
    j += `,"Ipv6Sets":{"Ipv6Set":[${r.ipv6.map(v6).join(",")}]}`;
  }
  const mac = r.mac.toString(16).padStart(6, "0");
  j += `,"MacAddress":"00:16:3e:${mac.slice(0, 2)}:${mac.slice(2, 4)}:${mac.slice(4)}","NetworkInterfaceId":${str(r.id)},"NetworkInterfaceName":${str(r.name)}`;
  j += `,"NetworkInterfaceTrafficMode":"${r.trafficMode}","OwnerId":"${r.ownerId}","PrivateIpAddress":${str(r.ip)}`;
  const dns = (ip) => (r.privateDns ? `,"PrivateDnsName":"${dnsName(ip, r.region)}"` : "");
  j += `,"PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":${str(r.ip)},"Primary":true,"AssociatedPublicIp":${publicIp(r.eip)}${dns(r.ip)}}`;
  for (const p of r.secondaryIps)
    j += `,{"PrivateIpAddress":${str(p.ip)},"Primary":false,"AssociatedPublicIp":${publicIp(p.eip)}${dns(p.ip)}}`;
  j += "]}";
  if (r.queueNumber >= 0) j += `,"QueueNumber":${r.queueNumber}`;
  else if (r.queueEmpty) j += `,"QueueNumber":""`;
  else j += optional(r, "QueueNumber", null);
  j += optional(r, "QueuePairNumber", r.queuePairNumber >= 0 ? r.queuePairNumber : null);
  j += `,"ResourceGroupId":${str(r.resourceGroupId)}`;
  j += `,"SecurityGroupIds":{"SecurityGroupId":[${r.securityGroupIds.map(str).join(",")}]}`;
  if (r.serviceId !== null) j += `,"ServiceID":${r.serviceId}`;
  j += `,"ServiceManaged":${r.serviceManaged}`;
  j += optional(r, "SourceDestCheck", r.sourceDestCheck, { boolean: true });
  j += `,"Status":"${r.status}"`;
  if (r.tags.length || !r.omitEmptyLists) {
    j += `,"Tags":{"Tag":[${r.tags.map(([k, v]) => `{"TagKey":${str(k)},"TagValue":${str(v)}}`).join(",")}]}`;
  }
  j += `,"Type":"${r.type}","VSwitchId":${str(r.vSwitchId)},"VpcId":${str(r.vpcId)},"ZoneId":${str(r.zoneId)}}`;
  return j;
}

/** The private DNS name ECS gives a private IP (`ip-10-0-0-1.cn-hangzhou.ecs.internal` style). */
function dnsName(ip, region) {
  return `ip-${ip.replaceAll(".", "-")}.${region}.ecs.internal`;
}

/**
 * The ENI as a JS object shaped like its API JSON plus RegionId. ServiceID is a number
 * when it is a safe integer and a BigInt otherwise (a JS number cannot hold it exactly).
 */
export function eniObject(r) {
  const o = { RegionId: r.region, ...JSON.parse(eniJson(r)) };
  if (r.serviceId !== null) {
    const n = Number(r.serviceId);
    o.ServiceID = Number.isSafeInteger(n) ? n : BigInt(r.serviceId);
  }
  return o;
}
