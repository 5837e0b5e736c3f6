// The one place that maps index.html's element ids to names. Every module reads its elements
// from `ui` (filled once by bindUi() at boot); a missing id fails the boot with its name.

const IDS = {
  bootError: "boot-error",
  // session bar
  session: "session",
  sessionRegion: "session-region",
  regionSwitch: "region-switch",
  sessionEndpoint: "session-endpoint",
  disconnect: "disconnect",
  // connect form
  connectView: "connect-view",
  demoNote: "demo-note",
  pendingFilters: "pending-filters",
  connectForm: "connect-form",
  region: "region",
  regionList: "region-list",
  endpoint: "endpoint",
  accessKeyId: "access-key-id",
  accessKeySecret: "access-key-secret",
  securityToken: "security-token",
  signatureAlgorithm: "signature-algorithm",
  viaRelay: "via-relay",
  relayHost: "relay-host",
  relaySecretField: "relay-secret-field",
  relaySecret: "relay-secret",
  connectError: "connect-error",
  connectBtn: "connect-btn",
  // workspace and filters
  workspace: "workspace",
  filtersPanel: "filters-panel",
  filterCount: "filter-count",
  filterSummary: "filter-summary",
  filterForm: "filter-form",
  filterFields: "filter-fields",
  tagRows: "tag-rows",
  addTag: "add-tag",
  filterError: "filter-error",
  clearFilters: "clear-filters",
  // overview and cleanup
  overviewPanel: "overview-panel",
  charts: "charts",
  facetBar: "facet-bar",
  facetText: "facet-text",
  clearFacet: "clear-facet",
  cleanupPanel: "cleanup-panel",
  cleanupCount: "cleanup-count",
  cleanupRule: "cleanup-rule",
  cleanupAge: "cleanup-age",
  cleanupShow: "cleanup-show",
  cleanupDelete: "cleanup-delete",
  cleanupDeleteLabel: "cleanup-delete-label",
  cleanupError: "cleanup-error",
  cleanupSummary: "cleanup-summary",
  cleanupWhy: "cleanup-why",
  // toolbar
  loadStatus: "load-status",
  count: "count",
  loadState: "load-state",
  stop: "stop",
  reload: "reload",
  quickSearch: "quick-search",
  sortSelect: "sort-select",
  exportCsv: "export-csv",
  exportJson: "export-json",
  deleteSelected: "delete-selected",
  deleteSelectedLabel: "delete-selected-label",
  listError: "list-error",
  cappedNote: "capped-note",
  // delete progress
  progressPanel: "progress-panel",
  progressTitle: "progress-title",
  progressText: "progress-text",
  progressBar: "progress-bar",
  progressSummary: "progress-summary",
  cancelDeletes: "cancel-deletes",
  dismissProgress: "dismiss-progress",
  // table
  eniTable: "eni-table",
  empty: "empty",
  // dialogs
  detailDialog: "detail-dialog",
  detailTitle: "detail-title",
  detailBody: "detail-body",
  detailWhy: "detail-why",
  detailDelete: "detail-delete",
  detailDeleteLabel: "detail-delete-label",
  confirmDialog: "confirm-dialog",
  confirmTitle: "confirm-title",
  confirmDesc: "confirm-desc",
  confirmList: "confirm-list",
  confirmCancel: "confirm-cancel",
  confirmOk: "confirm-ok",
  toast: "toast",
};

/** @type {Record<keyof typeof IDS, HTMLElement>} */
export const ui = {};

export function bindUi(doc = document) {
  for (const [name, id] of Object.entries(IDS)) {
    const node = doc.getElementById(id);
    if (!node) throw new Error(`index.html has no element #${id}`);
    ui[name] = node;
  }
  return ui;
}
