// The mutable ENI state: per region a list sorted by NetworkInterfaceId plus an index.
// Deleted ENIs stay in `Deleting` until their deadline; they are removed lazily (on the
// next access after it), so no timer keeps the process alive.

import { generate, eniJson } from "./data.mjs";

export class EniStore {
  /**
   * @param {{ enis: number, seed: number, deleteDelayMs: number, emptyValues?: boolean, now?: () => number }} options
   */
  constructor({ enis, seed, deleteDelayMs, emptyValues = true, now = Date.now }) {
    this.enis = enis;
    this.seed = seed;
    this.emptyValues = emptyValues;
    this.deleteDelayMs = deleteDelayMs;
    this.now = now;
    const { ownerId, regions } = generate({ enis, seed, emptyValues });
    this.ownerId = ownerId;
    /** @type {Map<string, { list: object[], byId: Map<string, object> }>} */
    this.regions = new Map();
    for (const [region, list] of regions) {
      this.regions.set(region, { list, byId: new Map(list.map((r) => [r.id, r])) });
    }
    /** ENIs in Deleting, in deadline order. */
    this.deleting = [];
  }

  /** Remove every ENI whose deletion deadline has passed. */
  purge() {
    if (this.deleting.length === 0) return;
    const now = this.now();
    const keep = [];
    for (const rec of this.deleting) {
      if (rec.vanishAt <= now) this.remove(rec);
      else keep.push(rec);
    }
    this.deleting = keep;
  }

  remove(rec) {
    const region = this.regions.get(rec.region);
    const i = lowerBound(region.list, rec.id);
    if (region.list[i] === rec) region.list.splice(i, 1);
    region.byId.delete(rec.id);
  }

  /** Sorted ENIs of a region (empty for a known region without data). Do not mutate. */
  list(region) {
    const r = this.regions.get(region);
    return r ? r.list : [];
  }

  find(region, id) {
    const r = this.regions.get(region);
    return (r && r.byId.get(id)) || null;
  }

  /**
   * Put an ENI in Deleting; it disappears `deleteDelayMs` later, or, when `stuck`, stays
   * Deleting until `unstick` (a delete sent again).
   */
  markDeleting(rec, { stuck = false } = {}) {
    rec.status = "Deleting";
    rec.stuck = stuck;
    rec.vanishAt = stuck ? Infinity : this.now() + this.deleteDelayMs;
    this.deleting.push(rec);
  }

  /** A stuck Deleting ENI deleted again: it now disappears `deleteDelayMs` later. */
  unstick(rec) {
    rec.stuck = false;
    rec.vanishAt = this.now() + this.deleteDelayMs;
  }

  /** Every ENI, region by region, each region sorted by ID. */
  all() {
    const out = [];
    for (const { list } of this.regions.values()) out.push(...list);
    return out;
  }

  /** `{"enis":[...]}` with each ENI's API JSON plus its RegionId (ServiceID exact). */
  stateJson() {
    const parts = this.all().map((rec) => `{"RegionId":${JSON.stringify(rec.region)},${eniJson(rec).slice(1)}`);
    return `{"enis":[${parts.join(",")}]}`;
  }
}

/** First index whose id is >= key. */
export function lowerBound(list, key) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].id < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose id is > key. */
export function upperBound(list, key) {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].id <= key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
