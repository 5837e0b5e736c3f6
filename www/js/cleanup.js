// Cleanup candidates: the loaded ENIs that the package's one orphan rule (`cleanupVerdict`, the
// same rule as the CLI's `cleanup` and the cleanup Worker) would delete, with the age threshold
// editable; why the others stay; "Show them in the table"; one action to review and delete them.
import { el, formatCount, replace } from "./dom.js";
import { hideError, renderError } from "./feedback.js";
import { ui } from "./ui.js";

const WHY = {
  "too-young": "younger than the threshold",
  "in-use": "in use (attached)",
  primary: "primary ENIs",
  "service-managed": "managed by a cloud service",
  status: "not Available",
  "no-creation-time": "no creation time",
  filter: "outside the filter",
};

/** lib(): the aliyun-eni module; overview: for "Show them in the table"; deleter: deletes. */
export function createCleanup({ lib, table, overview, deleter }) {
  let queued = false;
  let last = { candidates: [], threshold: "" };

  const available = () => typeof lib()?.cleanupVerdict === "function";

  /** The threshold in ms, or null (the error is shown). */
  function olderThanMs() {
    const text = ui.cleanupAge.value.trim();
    try {
      const ms = lib().parseDuration(text, "Older than");
      ui.cleanupAge.removeAttribute("aria-invalid");
      hideError(ui.cleanupError);
      return ms;
    } catch (e) {
      ui.cleanupAge.setAttribute("aria-invalid", "true");
      renderError(ui.cleanupError, e, { fieldLabel: "Older than" });
      return null;
    }
  }

  function verdictsOf(enis, ms, now) {
    return enis.map((eni) => ({ eni, verdict: lib().cleanupVerdict(eni, { olderThanMs: ms, now }) }));
  }

  function render() {
    if (!available() || !ui.cleanupPanel.open) return;
    const ms = olderThanMs();
    const threshold = ui.cleanupAge.value.trim();
    if (ms === null) {
      last = { candidates: [], threshold };
      ui.cleanupSummary.textContent = "";
      ui.cleanupWhy.replaceChildren();
      sync();
      return;
    }
    const enis = table.enis();
    const all = verdictsOf(enis, ms, Date.now());
    const candidates = all.filter((v) => v.verdict.candidate).map((v) => v.eni);
    last = { candidates, threshold };
    ui.cleanupSummary.dataset.total = String(enis.length);
    const others = new Map();
    for (const { verdict } of all) {
      if (verdict.candidate) continue;
      others.set(verdict.code, (others.get(verdict.code) ?? 0) + 1);
    }
    ui.cleanupSummary.textContent = `${formatCount(candidates.length)} of ${formatCount(enis.length)} loaded network interfaces ${candidates.length === 1 ? "is a candidate" : "are candidates"} (older than ${threshold}).`;
    replace(
      ui.cleanupWhy,
      [...others]
        .sort((a, b) => b[1] - a[1])
        .map(([code, n]) =>
          el("li", { dataset: { code } }, el("strong", null, formatCount(n)), ` stay: ${WHY[code] ?? code}`),
        ),
    );
    sync();
  }

  /** The count pill and the delete button. */
  function sync() {
    const n = last.candidates.length;
    ui.cleanupCount.hidden = !ui.cleanupPanel.open;
    ui.cleanupCount.textContent = formatCount(n);
    ui.cleanupDelete.disabled = n === 0 || deleter.running;
    ui.cleanupDeleteLabel.textContent = n ? `Review and delete ${formatCount(n)}…` : "Review and delete…";
    if (overview.facet?.chart === "cleanup" && overview.facet.value !== last.threshold) showInTable();
  }

  /** Recounts soon (only while the panel is open), at most about five times a second. */
  function schedule() {
    if (queued) return;
    queued = true;
    setTimeout(() => {
      queued = false;
      render();
    }, 200);
  }

  function showInTable() {
    const ms = olderThanMs();
    if (ms === null) return;
    const threshold = ui.cleanupAge.value.trim();
    const now = Date.now();
    overview.setFacet({
      chart: "cleanup",
      value: threshold,
      label: `cleanup candidates (older than ${threshold})`,
      predicate: (eni) => lib().cleanupVerdict(eni, { olderThanMs: ms, now }).candidate,
    });
  }

  function setup() {
    ui.cleanupPanel.hidden = true; // until the package is loaded and has the rule
    ui.cleanupRule.textContent =
      "A candidate is Available, Secondary, not managed by a cloud service, and created longer ago than the threshold: the package's cleanupVerdict, the same rule as the command line's cleanup and the cleanup Worker. Primary, InUse and service-managed ENIs never are.";
    ui.cleanupPanel.addEventListener("toggle", () => render());
    let timer = 0;
    ui.cleanupAge.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(render, 200);
    });
    ui.cleanupShow.addEventListener("click", showInTable);
    ui.cleanupDelete.addEventListener("click", () =>
      deleter.confirmAndDelete(
        last.candidates.map((e) => e.networkInterfaceId),
        ui.cleanupDelete,
      ),
    );
  }

  /** The package is loaded: show the panel when it has the orphan rule. */
  function ready() {
    ui.cleanupPanel.hidden = !available();
  }

  return { setup, ready, schedule };
}
