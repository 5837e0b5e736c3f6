// ENI Console: boots the page. Loads the aliyun-eni package from ./vendor/ (written by
// `make build`) and wires the modules, each owning its part of the page:
//   connect.js       the connect form, the client, Disconnect     session.js  the client
//   filters-form.js  the filters form       view.js     filters, sort and search <-> URL
//   loading.js       streaming the list     toolbar.js  count, Stop, sort, search, exports
//   detail.js        the detail dialog      deleting.js confirm, bulk delete, progress
//   overview.js      charts, the facet      cleanup.js  cleanup candidates (the orphan rule)
//   ui.js            the one map of element ids
import { createCleanup } from "./cleanup.js";
import { createConnect } from "./connect.js";
import { createDeleter } from "./deleting.js";
import { loadDemoConfig } from "./demo-config.js";
import { createDetail } from "./detail.js";
import { setupDialogs } from "./dialogs.js";
import { hideError, setupCopyButtons, toast } from "./feedback.js";
import { createFiltersForm } from "./filters-form.js";
import { createLoader } from "./loading.js";
import { createOverview } from "./overview.js";
import { Session } from "./session.js";
import { EniTable } from "./table.js";
import { createToolbar } from "./toolbar.js";
import { bindUi, ui } from "./ui.js";
import { View } from "./view.js";

/**
 * Inside a frame the page refuses to run: another site could otherwise overlay it and trick a
 * click on Delete (clickjacking). The server's `frame-ancestors 'none'` / `X-Frame-Options:
 * DENY` headers stop framing first (see README); this covers servers that cannot send them.
 */
function refuseFramed() {
  let framed;
  try {
    framed = window.self !== window.top;
  } catch {
    framed = true;
  }
  if (!framed) return false;
  document.documentElement.dataset.framed = "true";
  ui.connectView.remove();
  ui.workspace.remove();
  ui.bootError.textContent =
    "This page does not run inside a frame of another page, so that no other site can trick you into deleting anything. Open it in its own tab.";
  ui.bootError.hidden = false;
  return true;
}

async function boot() {
  bindUi();
  if (refuseFramed()) return;
  let lib = null; // the aliyun-eni module
  const session = new Session();
  const view = new View(() => session.regionId || ui.region.value.trim());
  // Rows, selection or a running delete changed: what summarises them follows (once per task).
  const refresh = () => {
    toolbar.schedule();
    overview.schedule();
    cleanup.schedule();
  };
  const table = new EniTable({ table: ui.eniTable, onChange: refresh });
  const filtersForm = createFiltersForm({ onApply: applyFilters, toast });
  const deleter = createDeleter({ session, table, onChange: refresh });
  const loader = createLoader({
    session,
    table,
    view,
    filtersForm,
    onEnter: () => connect.enterWorkspace(),
    onConnectFailure: (e) => connect.connectFailed(e),
    onRows: () => deleter.reapplyRowStates(),
    onStateChange: () => toolbar.schedule(),
  });
  const toolbar = createToolbar({ table, loader, deleter, view, session });
  const overview = createOverview({ table });
  const cleanup = createCleanup({ lib: () => lib, table, overview, deleter });
  const detail = createDetail({
    table,
    deleter,
    onDelete: (id, returnFocus) => deleter.confirmAndDelete([id], returnFocus),
  });
  const connect = createConnect({
    lib: () => lib,
    session,
    view,
    load: (opts) => loader.load(opts),
    onDisconnect() {
      deleter.reset();
      overview.setFacet(null);
      table.clear();
      loader.reset();
      hideError(ui.listError);
      hideError(ui.filterError);
      filtersForm.showPending(view.filters);
    },
    onRegionSwitched({ fromUrl }) {
      overview.setFacet(null);
      if (!fromUrl) view.syncUrl(true);
      loader.load();
    },
  });
  session.onEnd(() => {
    loader.abandon();
    deleter.abandon();
  });

  function applyFilters(f) {
    view.filters = f;
    filtersForm.showSummary(f);
    view.syncUrl(true);
    if (session.client) loader.load();
  }

  /** The view in the URL, shown (at boot, and on Back/Forward). */
  function restoreFromUrl() {
    const { warnings, region } = view.readUrl(location.search);
    filtersForm.write(view.filters);
    toolbar.showView();
    for (const w of warnings) console.warn(`ENI Console: ${w}`);
    if (region && !session.client) connect.setRegion(region);
    // Connected: Back/Forward across a region switch switches back (when it lists anyway).
    return region && session.client && region !== session.regionId ? region : null;
  }

  // On a phone the charts start folded, so the table is near the top.
  if (window.matchMedia?.("(max-width: 720px)").matches) ui.overviewPanel.open = false;
  connect.setup();
  filtersForm.build();
  toolbar.setup();
  overview.setup();
  cleanup.setup();
  setupCopyButtons();
  setupDialogs();
  detail.setup();
  deleter.setup();
  try {
    lib = await import("../vendor/aliyun-eni/browser.js");
  } catch (e) {
    ui.bootError.textContent = `Could not load the aliyun-eni package from vendor/aliyun-eni/ (${e?.message ?? e}). Run \`make build\`, which copies it there.`;
    ui.bootError.hidden = false;
    ui.connectBtn.disabled = true;
    return;
  }
  cleanup.ready();
  restoreFromUrl();
  connect.setRegion(ui.region.value.trim() || "cn-hangzhou");
  filtersForm.showPending(view.filters);
  window.addEventListener("popstate", () => {
    const before = JSON.stringify(view.filters);
    const region = restoreFromUrl();
    if (region && connect.switchRegion(region, { fromUrl: true })) return; // it lists
    if (JSON.stringify(view.filters) !== before && session.client) loader.load();
    else filtersForm.showSummary(view.filters);
  });
  await loadDemoConfig(connect.prefill);
  document.documentElement.dataset.ready = "true";
}

boot();
