// A Cloudflare Worker that deletes leaked ENIs on a schedule, by the library's orphan rule.
//
// - `scheduled` (Cron Trigger): one message per (account, region) on the CLEANUP_QUEUE queue;
//   without a queue binding it cleans every slice itself (small setups).
// - `queue` (the consumer): lists one slice, judges each ENI with `cleanupVerdict`, deletes the
//   candidates with `deleteNetworkInterfaces`, logs one JSON summary line. A slice that could
//   not finish (throttled, a network error, the listing failed) is retried by Queues
//   (`msg.retry()`; max_retries and the dead-letter queue are in wrangler.toml, not here).
// - Every invocation keeps to a subrequest budget (MAX_SUBREQUESTS, default 1000 = the paid
//   plan's limit; 50 on the free plan): when the deletes of a slice would exceed it, the rest of
//   the slice goes back on the queue as a new message.
//
// Configuration (wrangler.toml [vars] and secrets): see README.md.
import { budget, cleanSlice, slicesOf } from "./slice.js";

function log(record) {
  console.log(JSON.stringify(record));
}

export default {
  /** Cron Trigger: fan out one message per (account, region), or clean them all here. */
  async scheduled(controller, env) {
    const slices = slicesOf(env);
    if (env.CLEANUP_QUEUE) {
      for (let i = 0; i < slices.length; i += 100) {
        await env.CLEANUP_QUEUE.sendBatch(slices.slice(i, i + 100).map((body) => ({ body, contentType: "json" })));
      }
      log({ event: "scheduled", cron: controller.cron, enqueued: slices.length });
      return;
    }
    const b = budget(env);
    const totals = { event: "scheduled", cron: controller.cron, slices: slices.length, deleted: 0, failed: 0, left: 0 };
    for (const slice of slices) {
      const s = await cleanSlice(env, slice, b);
      log(s);
      totals.deleted += s.deleted;
      totals.failed += s.failed;
      totals.left += s.left;
    }
    log(totals);
  },

  /** Queue consumer: one slice per message. */
  async queue(batch, env) {
    const b = budget(env);
    for (const msg of batch.messages) {
      const slice = msg.body;
      if (!slice || typeof slice.regionId !== "string" || typeof slice.account !== "string") {
        log({ event: "bad-message", id: msg.id });
        msg.ack(); // retrying cannot fix it
        continue;
      }
      let summary;
      try {
        summary = await cleanSlice(env, slice, b);
      } catch (e) {
        log({
          event: "slice-error",
          account: slice.account,
          regionId: slice.regionId,
          attempts: msg.attempts,
          error: String(e?.message ?? e).slice(0, 300),
        });
        msg.retry();
        continue;
      }
      summary.attempts = msg.attempts;
      log(summary);
      if (summary.retry) {
        msg.retry();
      } else {
        if ((summary.left > 0 || summary.deferred || summary.more) && env.CLEANUP_QUEUE) {
          // Out of subrequests for this invocation: the rest of the slice is a new message.
          await env.CLEANUP_QUEUE.send(slice, { contentType: "json" });
        }
        msg.ack();
      }
    }
  },
};
