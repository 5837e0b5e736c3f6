// Bounded concurrency for bulk deletes. No DOM here.

/**
 * Runs `worker(item, index)` for every item, at most `limit` at a time, in order of start.
 * One failure never stops the others. Once `signal` aborts, items not started yet are not
 * started: they settle as { skipped: true }. Resolves to one result per item, in item order:
 * { item, ok: true, value } | { item, ok: false, error } | { item, ok: false, skipped: true }.
 */
export async function runPool(items, limit, worker, signal) {
  const results = new Array(items.length);
  let next = 0;
  async function lane() {
    while (next < items.length) {
      const i = next++;
      const item = items[i];
      if (signal?.aborted) {
        results[i] = { item, ok: false, skipped: true };
        continue;
      }
      try {
        results[i] = { item, ok: true, value: await worker(item, i) };
      } catch (error) {
        results[i] = { item, ok: false, error };
      }
    }
  }
  const lanes = [];
  for (let n = Math.max(1, Math.min(limit, items.length)); n > 0; n--) lanes.push(lane());
  await Promise.all(lanes);
  return results;
}
