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

  start(client, regionId, endpoint) {
    this.#client = client;
    this.#regionId = regionId;
    this.#endpoint = endpoint;
  }

  /** `fn` runs when the session ends, before the client is freed (to abort what uses it). */
  onEnd(fn) {
    this.#onEnd.push(fn);
  }

  /** Stops everything that uses the client, then frees it (and the keys in it). */
  end() {
    for (const fn of this.#onEnd) fn();
    try {
      this.#client?.free();
    } catch {
      /* already freed */
    }
    this.#client = null;
  }
}
