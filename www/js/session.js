// The connection: the EcsClient (it alone holds the credentials, in wasm memory) and where it
// points. Only the connect module starts and ends it; the others read it.

export class Session {
  #client = null;
  #regionId = "";
  #endpoint = "";
  #onEnd = [];

  get client() {
    return this.#client;
  }
  /** The region of the current (or, after end(), the last) connection. */
  get regionId() {
    return this.#regionId;
  }
  get endpoint() {
    return this.#endpoint;
  }

  #regions = new Map(); // regionId -> { client, endpoint }: where the region switcher can go

  /**
   * `regions`: every region this session may switch to, each with its own client (created at
   * connect time from the same keys, so the keys never have to leave the wasm clients again).
   */
  start(client, regionId, endpoint, regions = new Map()) {
    this.#client = client;
    this.#regionId = regionId;
    this.#endpoint = endpoint;
    this.#regions = new Map(regions);
    this.#regions.set(regionId, { client, endpoint });
  }

  /** The regions the session can switch to. */
  get regionIds() {
    return [...this.#regions.keys()];
  }

  /** Makes `regionId` the current region; false when the session has no client for it. */
  switchTo(regionId) {
    const r = this.#regions.get(regionId);
    if (!r || !this.#client) return false;
    this.#client = r.client;
    this.#regionId = regionId;
    this.#endpoint = r.endpoint;
    return true;
  }

  /** `fn` runs when the session ends, before the client is freed (to abort what uses it). */
  onEnd(fn) {
    this.#onEnd.push(fn);
  }

  /** Stops everything that uses the client, then frees it (and the keys in it). */
  end() {
    for (const fn of this.#onEnd) fn();
    const clients = new Set([this.#client, ...[...this.#regions.values()].map((r) => r.client)]);
    for (const c of clients) {
      try {
        c?.free();
      } catch {
        /* already freed */
      }
    }
    this.#regions.clear();
    this.#client = null;
  }
}
