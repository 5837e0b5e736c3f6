// Deleting: the confirmation, the deletes (the package's deleteNetworkInterfaces), each row's Queued -> Deleting,
// the progress panel, Cancel the rest, and the summary of what failed.
import { confirmDelete } from "./dialogs.js";
import { el, formatCount } from "./dom.js";
import { isDeletable } from "./eni.js";
import { errorContent, explain } from "./feedback.js";
import { visible } from "./table.js";
import { ui } from "./ui.js";

const DELETE_CONCURRENCY = 4;

/** onChange(): what the toolbar shows may have changed (selection, a delete running or not). */
export function createDeleter({ session, table, onChange }) {
  let ctl = null; // the running bulk delete
  const pending = new Map(); // id -> "queued" | "deleting"

  async function confirmAndDelete(ids, returnFocus) {
    const enis = ids
      .map((id) => table.get(id))
      .filter((e) => e && isDeletable(e) && !pending.has(e.networkInterfaceId));
    if (!enis.length || ctl) return;
    if (returnFocus) returnFocus.focus();
    if (!(await confirmDelete(enis, session.regionId))) return;
    await deleteEnis(enis);
  }

  async function deleteEnis(enis) {
    const client = session.client;
    if (!client) return;
    const mine = new AbortController();
    ctl = mine;
    const total = enis.length;
    let deleted = 0;
    let failed = 0;
    let finished = 0;
    const panel = ui.progressPanel;
    panel.hidden = false;
    panel.dataset.state = "running";
    delete panel.dataset.result;
    ui.progressTitle.textContent = `Deleting ${formatCount(total)} network interface${total === 1 ? "" : "s"}`;
    ui.progressSummary.replaceChildren();
    ui.cancelDeletes.hidden = false;
    ui.cancelDeletes.disabled = false;
    ui.dismissProgress.hidden = true;
    const bar = ui.progressBar;
    bar.max = total;
    bar.value = 0;
    let throttled = () => null; // the bulk delete's counters, once it runs
    const progressText = () => {
      const parts = [`${formatCount(finished)} of ${formatCount(total)} done`];
      if (deleted) parts.push(`${formatCount(deleted)} deleted`);
      if (failed) parts.push(`${formatCount(failed)} failed`);
      const stats = throttled();
      if (stats?.throttled) {
        parts.push(`throttled ${formatCount(stats.throttled)}× (now ${stats.concurrency} at once)`);
        panel.dataset.concurrency = String(stats.concurrency);
      }
      ui.progressText.textContent = parts.join(" · ");
      bar.value = finished;
      panel.dataset.done = String(finished);
    };
    progressText();
    for (const e of enis) {
      pending.set(e.networkInterfaceId, "queued");
      table.setRowState(e.networkInterfaceId, "queued");
    }
    table.clearSelection();
    onChange();

    // The package's bulk delete: bounded concurrency that lowers itself while ECS throttles,
    // each ID deleted once, an outcome per ID as it finishes; aborting starts nothing more.
    const outcomes = new Map(); // id -> { ok, error? }
    const iterator = client.deleteNetworkInterfaces(
      enis.map((e) => e.networkInterfaceId),
      {
        concurrency: DELETE_CONCURRENCY,
        waitUntilDeleted: true,
        signal: mine.signal,
        onStart(id) {
          pending.set(id, "deleting");
          table.setRowState(id, "deleting");
        },
      },
    );
    throttled = () => iterator.stats;
    try {
      for await (const outcome of iterator) {
        const id = outcome.networkInterfaceId;
        outcomes.set(id, outcome);
        pending.delete(id);
        if (outcome.ok) {
          deleted++;
          table.remove(id);
        } else {
          failed++;
          try {
            table.setRowState(id, null);
            table.markFailed(id, explain(outcome.error, { action: "delete" }).title);
          } catch {
            // decorating the row must never replace the delete's own error
          }
        }
        finished++;
        progressText();
      }
    } catch (e) {
      // The batch itself failed (not one delete): every ID without an outcome failed with it.
      for (const { networkInterfaceId: id } of enis) {
        if (outcomes.has(id)) continue;
        outcomes.set(id, { ok: false, error: e });
        pending.delete(id);
        table.setRowState(id, null);
      }
    }
    const results = enis.map((item) =>
      outcomes.has(item.networkInterfaceId)
        ? { item, ...outcomes.get(item.networkInterfaceId) }
        : { item, ok: false, skipped: true },
    );

    const skipped = results.filter((r) => r.skipped);
    for (const r of skipped) {
      pending.delete(r.item.networkInterfaceId);
      table.setRowState(r.item.networkInterfaceId, null);
    }
    if (ctl === mine) ctl = null;
    if (session.client !== client) return; // disconnected (and maybe connected again) meanwhile
    bar.value = total;
    panel.dataset.state = "finished";
    panel.dataset.result = results.some((r) => !r.ok && !r.skipped) ? "errors" : "ok";
    const failures = results.filter((r) => !r.ok && !r.skipped);
    const summary = [`${formatCount(deleted)} deleted`];
    if (failures.length) summary.push(`${formatCount(failures.length)} failed`);
    if (skipped.length) summary.push(`${formatCount(skipped.length)} not started (cancelled)`);
    ui.progressTitle.textContent = failures.length ? "Finished with errors" : skipped.length ? "Cancelled" : "Deleted";
    ui.progressText.textContent = summary.join(" · ");
    if (failures.length) showFailures(failures);
    ui.cancelDeletes.hidden = true;
    ui.dismissProgress.hidden = false;
    onChange();
  }

  function showFailures(failures) {
    const box = ui.progressSummary;
    box.append(el("h3", { class: "failures-title" }, `What failed (${formatCount(failures.length)})`));
    const list = el("ul", { class: "failures" });
    for (const f of failures) {
      const e = f.error;
      const x =
        e?.kind === "aborted"
          ? {
              title: "Cancelled while waiting",
              lines: ["The delete may already have been accepted: reload the list to see."],
              details: [],
            }
          : explain(e, { action: "delete", endpoint: session.endpoint });
      list.append(
        el(
          "li",
          { class: "failure", dataset: { id: f.item.networkInterfaceId, code: e?.code ?? "" } },
          el(
            "p",
            { class: "failure-head" },
            el("span", { class: "mono" }, visible(f.item.networkInterfaceId)),
            f.item.networkInterfaceName
              ? el("span", { class: "muted", dir: "auto" }, ` ${visible(f.item.networkInterfaceName)}`)
              : null,
          ),
          el("div", { class: "error-box inline" }, errorContent(x)),
        ),
      );
    }
    box.append(list);
  }

  function setup() {
    ui.cancelDeletes.addEventListener("click", () => {
      ctl?.abort();
      ui.cancelDeletes.disabled = true;
    });
    ui.dismissProgress.addEventListener("click", () => {
      ui.progressPanel.hidden = true;
      ui.deleteSelected.focus();
    });
  }

  return {
    setup,
    confirmAndDelete,
    get running() {
      return ctl !== null;
    },
    isPending: (id) => pending.has(id),
    /** After a page of rows arrived: rows being deleted show it again. */
    reapplyRowStates() {
      for (const [id, s] of pending) table.setRowState(id, s);
    },
    /** The session ends: stop every delete. */
    abandon() {
      ctl?.abort();
      ctl = null;
    },
    /** Disconnected: forget the rows in flight and hide the panel. */
    reset() {
      pending.clear();
      ui.progressPanel.hidden = true;
    },
  };
}
