// The overview of the loaded ENIs: counts by status, type and vSwitch, and the age of the
// Available ones as a histogram; and the facet (one bar picked) that filters the table. No DOM.

const H = 3_600_000;
const D = 24 * H;

/** Age buckets of the histogram: [label, from ms (inclusive), to ms (exclusive)]. */
export const AGE_BUCKETS = [
  ["< 1 h", 0, H],
  ["1 h–1 d", H, D],
  ["1–7 d", D, 7 * D],
  ["7–30 d", 7 * D, 30 * D],
  ["30–90 d", 30 * D, 90 * D],
  ["≥ 90 d", 90 * D, Infinity],
];

/** Bars shown for vSwitches; the rest are counted as "more". */
export const TOP_VSWITCHES = 8;

/** Age in ms by creationTime, or null when unknown. */
export function ageMs(eni, now) {
  const t = typeof eni.creationTime === "string" ? Date.parse(eni.creationTime) : NaN;
  return Number.isNaN(t) ? null : Math.max(0, now - t);
}

export function ageBucket(eni, now) {
  const age = ageMs(eni, now);
  if (age === null) return null;
  return AGE_BUCKETS.findIndex(([, from, to]) => age >= from && age < to);
}

const byCount = (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * { total, status, type, vswitch, vswitchMore, age, ageUnknown }: status/type/vswitch are
 * [value, count] pairs, most first (vSwitch: the top ones, `vswitchMore` = how many other
 * vSwitches); age: one count per AGE_BUCKETS entry, over Available ENIs.
 */
export function summarize(enis, now = Date.now()) {
  const status = new Map();
  const type = new Map();
  const vswitch = new Map();
  const age = AGE_BUCKETS.map(() => 0);
  let ageUnknown = 0;
  for (const e of enis) {
    status.set(e.status, (status.get(e.status) ?? 0) + 1);
    type.set(e.type, (type.get(e.type) ?? 0) + 1);
    const vsw = e.vSwitchId || "";
    vswitch.set(vsw, (vswitch.get(vsw) ?? 0) + 1);
    if (e.status === "Available") {
      const b = ageBucket(e, now);
      if (b === null) ageUnknown++;
      else age[b]++;
    }
  }
  const vsws = [...vswitch].sort(byCount);
  return {
    total: enis.length,
    status: [...status].sort(byCount),
    type: [...type].sort(byCount),
    vswitch: vsws.slice(0, TOP_VSWITCHES),
    vswitchMore: Math.max(0, vsws.length - TOP_VSWITCHES),
    age,
    ageUnknown,
  };
}

/** A facet: { chart: "status" | "type" | "vswitch" | "age", value } -> a predicate on ENIs. */
export function facetPredicate(facet, now = Date.now()) {
  if (!facet) return null;
  switch (facet.chart) {
    case "status":
      return (e) => e.status === facet.value;
    case "type":
      return (e) => e.type === facet.value;
    case "vswitch":
      return (e) => (e.vSwitchId || "") === facet.value;
    case "age": {
      const bucket = Number(facet.value);
      return (e) => e.status === "Available" && ageBucket(e, now) === bucket;
    }
    default:
      return null;
  }
}

/** "Status: Available", "Available, aged 7–30 d" … for the chip that says what is shown. */
export function describeFacet(facet) {
  if (!facet) return "";
  if (facet.chart === "age") return `Available, aged ${AGE_BUCKETS[Number(facet.value)]?.[0] ?? "?"}`;
  const label = { status: "Status", type: "Type", vswitch: "vSwitch" }[facet.chart] ?? facet.chart;
  return `${label}: ${facet.value || "none"}`;
}
