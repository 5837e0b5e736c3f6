// The overview panel (charts of the loaded ENIs) and the facet: one picked bar, or the cleanup
// candidates, that the table shows alone until "Show all".
import { renderCharts } from "./charts.js";
import { replace } from "./dom.js";
import { describeFacet, facetPredicate } from "./summary.js";
import { ui } from "./ui.js";

export function createOverview({ table }) {
  let facet = null; // { chart, value, label, predicate }
  let queued = false;

  function setFacet(next) {
    facet = next;
    table.setFacet(next?.predicate ?? null);
    ui.facetBar.hidden = !next;
    ui.facetBar.dataset.chart = next?.chart ?? "";
    ui.facetText.textContent = next ? `Showing only: ${next.label}` : "";
    render();
  }

  /**
   * Redraws the charts soon (only while the panel is open): at most about five times a second,
   * so a listing that streams thousands of rows does not redraw them for every page.
   */
  let last = 0;
  function schedule() {
    if (queued) return;
    queued = true;
    setTimeout(
      () => {
        queued = false;
        render();
      },
      Math.max(0, 200 - (performance.now() - last)),
    );
  }

  function render() {
    if (!ui.overviewPanel.open) return;
    last = performance.now();
    const enis = table.enis();
    replace(ui.charts, renderCharts(enis, facet));
    ui.charts.dataset.total = String(enis.length); // how many ENIs the charts count now
  }

  function setup() {
    ui.overviewPanel.addEventListener("toggle", () => render());
    ui.charts.addEventListener("click", (ev) => {
      const button = ev.target.closest("button[data-chart]");
      if (!button) return;
      const { chart, value } = button.dataset;
      if (facet?.chart === chart && facet.value === value) setFacet(null);
      else
        setFacet({ chart, value, label: describeFacet({ chart, value }), predicate: facetPredicate({ chart, value }) });
      // Keep the focus on the same bar after the redraw.
      ui.charts.querySelector(`button[data-chart="${chart}"][data-value="${CSS.escape(value)}"]`)?.focus();
    });
    ui.clearFacet.addEventListener("click", () => setFacet(null));
  }

  return {
    setup,
    schedule,
    setFacet,
    get facet() {
      return facet;
    },
  };
}
