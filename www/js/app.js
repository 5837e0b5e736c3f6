// ENI Console: the page's wiring. Loads the aliyun-eni package from ./vendor/ (written by
// `make build`), then: connect form -> EcsClient (credentials in memory only), filters <-> URL,
// streaming table, detail dialog, bulk delete with bounded concurrency, exports.
import { copyText, el, formatCount, icon, replace, safeHttpUrl } from "./dom.js";
import { COLUMNS, DETAIL_FIELDS, formatCreated, isDeletable, present, whyNotDeletable } from "./eni.js";
import { explainError } from "./errors.js";
import { exportFileName, toCsv, toJson } from "./export.js";
import {
  FILTERS,
  activeFilterCount,
  describeFilters,
  emptyFilters,
  filterForField,
  filtersFromQuery,
  filtersToRequest,
  sortFromQuery,
  splitList,
  viewToQuery,
} from "./filters.js";
import { runPool } from "./pool.js";
import { EniTable, badge, copyButton, visible } from "./table.js";

const PAGE_SIZE = 100; // MaxResults per DescribeNetworkInterfaces call
const DELETE_CONCURRENCY = 4;
const MAX_TAGS = 20;

const REGIONS = [
  ["cn-hangzhou", "China (Hangzhou)"],
  ["cn-shanghai", "China (Shanghai)"],
  ["cn-beijing", "China (Beijing)"],
  ["cn-shenzhen", "China (Shenzhen)"],
  ["cn-qingdao", "China (Qingdao)"],
  ["cn-zhangjiakou", "China (Zhangjiakou)"],
  ["cn-huhehaote", "China (Hohhot)"],
  ["cn-wulanchabu", "China (Ulanqab)"],
  ["cn-nanjing", "China (Nanjing)"],
  ["cn-fuzhou", "China (Fuzhou)"],
  ["cn-heyuan", "China (Heyuan)"],
  ["cn-guangzhou", "China (Guangzhou)"],
  ["cn-chengdu", "China (Chengdu)"],
  ["cn-hongkong", "China (Hong Kong)"],
  ["cn-shanghai-finance-1", "China East 2 Finance"],
  ["cn-shenzhen-finance-1", "China South 1 Finance"],
  ["ap-southeast-1", "Singapore"],
  ["ap-southeast-3", "Malaysia (Kuala Lumpur)"],
  ["ap-southeast-5", "Indonesia (Jakarta)"],
  ["ap-southeast-6", "Philippines (Manila)"],
  ["ap-southeast-7", "Thailand (Bangkok)"],
  ["ap-northeast-1", "Japan (Tokyo)"],
  ["ap-northeast-2", "South Korea (Seoul)"],
  ["us-west-1", "US (Silicon Valley)"],
  ["us-east-1", "US (Virginia)"],
  ["eu-central-1", "Germany (Frankfurt)"],
  ["eu-west-1", "UK (London)"],
  ["me-east-1", "UAE (Dubai)"],
  ["me-central-1", "Saudi Arabia (Riyadh)"],
];

const $ = (id) => document.getElementById(id);

let lib = null; // the aliyun-eni module

const state = {
  client: null, // EcsClient while connected; it alone holds the credentials (in wasm memory)
  regionId: "",
  endpoint: "",
  filters: emptyFilters(),
  sort: null,
  q: "",
  loadCtl: null,
  loadGen: 0,
  loadState: "idle", // idle | loading | done | stopped | failed
  deleteCtl: null,
  pendingDeletes: new Map(), // id -> "queued" | "deleting"
  endpointAuto: true,
};

const table = new EniTable({ table: $("eni-table"), onChange: () => scheduleToolbar() });

// ---------------------------------------------------------------------------------------
// Errors

function renderError(box, err, ctx = {}) {
  const x = explainError(err, {
    endpoint: state.endpoint,
    pageOrigin: location.origin,
    pageProtocol: location.protocol,
    ...ctx,
  });
  replace(box, errorContent(x));
  box.dataset.code = x.code ?? "";
  box.dataset.kind = x.kind ?? "";
  box.hidden = false;
  return x;
}

function errorContent(x) {
  const parts = [el("p", { class: "error-title" }, icon("alert"), el("strong", null, x.title))];
  for (const line of x.lines ?? []) parts.push(el("p", null, line));
  if (x.steps?.length)
    parts.push(
      el(
        "ol",
        { class: "error-steps" },
        x.steps.map((s) => el("li", null, s)),
      ),
    );
  if (x.details?.length) {
    const dl = el("dl", { class: "error-details" });
    for (const [label, value, copy] of x.details) {
      // A long API message (SignatureDoesNotMatch quotes the whole string to sign) folds away.
      const shown =
        value.length > 140
          ? el(
              "details",
              { class: "long-message" },
              el("summary", null, el("span", { class: "mono" }, `${value.slice(0, 90)}…`)),
              el("span", { class: "mono" }, value),
            )
          : el("span", { class: "mono" }, value);
      dl.append(el("dt", null, label), el("dd", null, shown, copy ? copyButton(value, label) : null));
    }
    parts.push(dl);
  }
  if (x.recommend) {
    const href = safeHttpUrl(x.recommend);
    parts.push(
      el(
        "p",
        { class: "error-recommend" },
        href
          ? [
              "Alibaba Cloud suggests: ",
              el("a", { href, target: "_blank", rel: "noopener noreferrer" }, "troubleshooting for this error"),
              el("span", { class: "visually-hidden" }, " (opens in a new tab)"),
            ]
          : ["Recommend (not a web link): ", el("span", { class: "mono" }, x.recommend)],
      ),
    );
  }
  return parts;
}

function hideError(box) {
  box.hidden = true;
  box.replaceChildren();
}

function isConnectionError(err) {
  if (!err || err.name !== "EcsError") return false;
  if (err.kind === "network" || err.kind === "timeout" || err.kind === "decode") return true;
  if (err.kind !== "api") return false;
  return /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|InvalidTimeStamp|InvalidRegionId)/.test(
    err.code ?? "",
  );
}

// ---------------------------------------------------------------------------------------
// Connect / disconnect

function defaultEndpoint(regionId) {
  if (!lib || !regionId) return "";
  try {
    return lib.resolveEndpoint(regionId);
  } catch {
    return "";
  }
}

function setupConnectForm() {
  const list = $("region-list");
  for (const [id, name] of REGIONS) list.append(el("option", { value: id }, name));
  const region = $("region");
  const endpoint = $("endpoint");
  region.addEventListener("input", () => {
    if (state.endpointAuto) endpoint.value = defaultEndpoint(region.value.trim());
  });
  endpoint.addEventListener("input", () => {
    state.endpointAuto = endpoint.value.trim() === "" || endpoint.value.trim() === defaultEndpoint(region.value.trim());
  });
  $("connect-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    connect();
  });
  $("disconnect").addEventListener("click", () => disconnect());
}

function fieldError(input, message) {
  input.setAttribute("aria-invalid", "true");
  const box = $("connect-error");
  replace(box, el("p", { class: "error-title" }, icon("alert"), el("strong", null, message)));
  box.dataset.code = "";
  box.hidden = false;
  input.focus();
}

async function connect() {
  if (!lib) return;
  const box = $("connect-error");
  hideError(box);
  for (const input of $("connect-form").querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const regionId = $("region").value.trim();
  let endpoint = $("endpoint").value.trim() || defaultEndpoint(regionId);
  const accessKeyId = $("access-key-id").value.trim();
  const accessKeySecret = $("access-key-secret").value;
  const securityToken = $("security-token").value.trim();
  if (!regionId) return fieldError($("region"), "Enter a region, for example cn-hangzhou.");
  if (!endpoint || !safeHttpUrl(endpoint))
    return fieldError($("endpoint"), "The endpoint must be an http:// or https:// URL.");
  endpoint = endpoint.replace(/\/+$/, "");
  if (!accessKeyId) return fieldError($("access-key-id"), "Enter the AccessKeyId.");
  if (!accessKeySecret) return fieldError($("access-key-secret"), "Enter the AccessKeySecret.");

  let client;
  try {
    client = new lib.EcsClient({
      regionId,
      endpoint,
      credentials: securityToken ? { accessKeyId, accessKeySecret, securityToken } : { accessKeyId, accessKeySecret },
    });
  } catch (e) {
    const x = renderError(box, e, {
      fieldLabel: e.field === "endpoint" ? "Endpoint" : e.field === "regionId" ? "Region" : undefined,
    });
    const input = { endpoint: "endpoint", regionId: "region", credentials: "access-key-id" }[x.field];
    if (input) $(input).setAttribute("aria-invalid", "true");
    box.focus();
    return;
  }
  state.client = client;
  state.regionId = regionId;
  state.endpoint = endpoint;
  const button = $("connect-btn");
  button.disabled = true;
  button.textContent = "Connecting…";
  try {
    await load({ connecting: true });
  } finally {
    button.disabled = false;
    button.textContent = "Connect";
  }
}

/** The first page arrived (or a non-connection problem): show the workspace. */
function enterWorkspace() {
  // The client holds the keys now; the form fields do not need to.
  $("access-key-secret").value = "";
  $("security-token").value = "";
  $("connect-view").hidden = true;
  $("workspace").hidden = false;
  $("session").hidden = false;
  $("session-region").textContent = state.regionId;
  $("session-endpoint").textContent = state.endpoint;
  $("session-endpoint").title = state.endpoint;
  syncUrl(false);
}

function dropClient() {
  state.loadGen++;
  state.loadCtl?.abort();
  state.loadCtl = null;
  state.deleteCtl?.abort();
  state.deleteCtl = null;
  try {
    state.client?.free();
  } catch {
    /* already freed */
  }
  state.client = null;
}

function disconnect() {
  dropClient();
  for (const id of ["access-key-id", "access-key-secret", "security-token"]) $(id).value = "";
  state.pendingDeletes.clear();
  table.clear();
  setLoadState("idle");
  hideError($("list-error"));
  hideError($("filter-error"));
  $("progress-panel").hidden = true;
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
  $("workspace").hidden = true;
  $("session").hidden = true;
  $("connect-view").hidden = false;
  showPendingFilters();
  $("access-key-id").focus();
  toast("Disconnected: the keys are gone from this page.");
}

// ---------------------------------------------------------------------------------------
// Filters <-> form <-> URL

function buildFilterForm() {
  const grid = $("filter-fields");
  for (const d of FILTERS) {
    if (d.kind === "tags") continue;
    const id = `f-${d.key}`;
    let control;
    if (d.kind === "select" || d.kind === "bool") {
      control = el("select", { id, dataset: { filter: d.key } }, el("option", { value: "" }, "Any"));
      const options =
        d.kind === "bool"
          ? [
              ["true", "Yes"],
              ["false", "No"],
            ]
          : d.options.map((o) => [o, o]);
      for (const [value, label] of options) control.append(el("option", { value }, label));
    } else {
      control = el("input", {
        id,
        type: "text",
        dataset: { filter: d.key },
        placeholder: d.placeholder,
        spellcheck: "false",
        autocomplete: "off",
        autocapitalize: "off",
        "aria-describedby": d.kind === "list" ? "filter-list-hint" : undefined,
      });
    }
    grid.append(el("div", { class: "field" }, el("label", { for: id }, d.label), control));
  }
  $("add-tag").addEventListener("click", () => {
    addTagRow({ key: "", value: "" }).querySelector("input").focus();
  });
  $("tag-rows").addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-remove-tag]");
    if (!button) return;
    const row = button.closest(".tag-row");
    const next = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    renumberTags();
    (next?.querySelector("input") ?? $("add-tag")).focus();
  });
  $("filter-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    applyFilters(readFilterForm());
  });
  $("clear-filters").addEventListener("click", () => {
    writeFilterForm(emptyFilters());
    applyFilters(emptyFilters());
  });
}

function addTagRow({ key, value }) {
  const rows = $("tag-rows");
  if (rows.children.length >= MAX_TAGS) {
    toast(`At most ${MAX_TAGS} tags.`);
    return rows.lastElementChild;
  }
  const row = el(
    "div",
    { class: "tag-row" },
    el("input", { type: "text", class: "tag-key", placeholder: "key", spellcheck: "false", autocomplete: "off" }),
    el("span", { class: "tag-eq", "aria-hidden": "true" }, "="),
    el("input", {
      type: "text",
      class: "tag-value",
      placeholder: "value (any)",
      spellcheck: "false",
      autocomplete: "off",
    }),
    el("button", { type: "button", class: "icon-btn", dataset: { removeTag: "" } }, icon("close")),
  );
  row.querySelector(".tag-key").value = key;
  row.querySelector(".tag-value").value = value;
  rows.append(row);
  renumberTags();
  return row;
}

function renumberTags() {
  [...$("tag-rows").children].forEach((row, i) => {
    row.querySelector(".tag-key").setAttribute("aria-label", `Tag ${i + 1} key`);
    row.querySelector(".tag-value").setAttribute("aria-label", `Tag ${i + 1} value`);
    row.querySelector("button").setAttribute("aria-label", `Remove tag ${i + 1}`);
  });
  $("add-tag").disabled = $("tag-rows").children.length >= MAX_TAGS;
}

function readFilterForm() {
  const f = emptyFilters();
  for (const control of $("filter-fields").querySelectorAll("[data-filter]")) {
    const d = FILTERS.find((x) => x.key === control.dataset.filter);
    f[d.key] = d.kind === "list" ? splitList(control.value) : control.value.trim();
  }
  f.tags = [...$("tag-rows").children]
    .map((row) => ({
      key: row.querySelector(".tag-key").value.trim(),
      value: row.querySelector(".tag-value").value.trim(),
    }))
    .filter((t) => t.key || t.value);
  return f;
}

function writeFilterForm(f) {
  for (const control of $("filter-fields").querySelectorAll("[data-filter]")) {
    const v = f[control.dataset.filter];
    control.value = Array.isArray(v) ? v.join(", ") : v;
    control.removeAttribute("aria-invalid");
  }
  $("tag-rows").replaceChildren();
  for (const t of f.tags) addTagRow(t);
  renumberTags();
  updateFilterSummary(f);
}

function updateFilterSummary(f) {
  const n = activeFilterCount(f);
  const pill = $("filter-count");
  pill.hidden = n === 0;
  pill.textContent = `${n} active`;
  $("filter-summary").textContent = describeFilters(f).join(" · ");
}

function showPendingFilters() {
  const box = $("pending-filters");
  const parts = describeFilters(state.filters);
  box.hidden = parts.length === 0;
  if (parts.length)
    replace(
      box,
      el("strong", null, "This link opens a filtered view. "),
      parts.join(" · "),
      ". The filters apply once you connect.",
    );
}

function applyFilters(f) {
  state.filters = f;
  updateFilterSummary(f);
  syncUrl(true);
  if (state.client) load();
}

function syncUrl(push) {
  const query = viewToQuery({
    regionId: state.regionId || $("region").value.trim(),
    filters: state.filters,
    sort: state.sort,
    q: state.q,
  }).toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}`;
  if (url === `${location.pathname}${location.search}`) return;
  history[push ? "pushState" : "replaceState"](null, "", url);
}

function restoreFromUrl() {
  const { filters, warnings } = filtersFromQuery(location.search);
  state.filters = filters;
  state.sort = sortFromQuery(location.search);
  state.q = new URLSearchParams(location.search).get("q") ?? "";
  writeFilterForm(filters);
  table.setSort(state.sort);
  syncSortSelect();
  $("quick-search").value = state.q;
  table.setQuery(state.q);
  for (const w of warnings) console.warn(`ENI Console: ${w}`);
  const region = new URLSearchParams(location.search).get("region");
  if (region && !state.client) {
    $("region").value = region;
    if (state.endpointAuto) $("endpoint").value = defaultEndpoint(region);
  }
}

// ---------------------------------------------------------------------------------------
// Loading

function setLoadState(s) {
  state.loadState = s;
  $("stop").disabled = s !== "loading";
  scheduleToolbar();
}

async function load({ connecting = false } = {}) {
  const client = state.client;
  if (!client) return;
  state.loadCtl?.abort();
  const ctl = new AbortController();
  state.loadCtl = ctl;
  const gen = ++state.loadGen;
  table.clear();
  hideError($("list-error"));
  hideError($("filter-error"));
  for (const c of $("filter-form").querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  setLoadState("loading");
  let entered = !connecting;
  const request = { ...filtersToRequest(state.filters), maxResults: PAGE_SIZE };
  try {
    for await (const page of client.listNetworkInterfaces(request, { signal: ctl.signal }).pages()) {
      if (gen !== state.loadGen) return;
      if (!entered) {
        entered = true;
        enterWorkspace();
      }
      table.appendPage(page.networkInterfaces);
      for (const [id, s] of state.pendingDeletes) table.setRowState(id, s);
    }
    if (gen !== state.loadGen) return;
    if (!entered) enterWorkspace();
    setLoadState("done");
  } catch (e) {
    if (gen !== state.loadGen) return;
    if (e?.kind === "aborted") {
      setLoadState("stopped");
      return;
    }
    if (!entered && isConnectionError(e)) {
      dropClient();
      const box = $("connect-error");
      const x = renderError(box, e, { action: "list" });
      if (x.credentials || e.code === "SignatureDoesNotMatch") {
        const input =
          e.code === "SignatureDoesNotMatch"
            ? "access-key-secret"
            : /SecurityToken/.test(e.code)
              ? "security-token"
              : "access-key-id";
        $(input).setAttribute("aria-invalid", "true");
        if (input !== "access-key-id") $(input).value = "";
      } else if (e.kind !== "api") $("endpoint").setAttribute("aria-invalid", "true");
      box.focus();
      return;
    }
    if (!entered) enterWorkspace();
    setLoadState("failed");
    showListError(e);
  } finally {
    if (state.loadCtl === ctl) state.loadCtl = null;
  }
}

function showListError(e) {
  const target = filterForField(e?.field);
  if (e?.kind === "validation" && target) {
    $("filters-panel").open = true;
    const box = $("filter-error");
    renderError(box, e, { action: "list", fieldLabel: target.filter.label });
    const input =
      target.filter.kind === "tags"
        ? $("tag-rows").children[target.index ?? 0]?.querySelector(/value/.test(e.field) ? ".tag-value" : ".tag-key")
        : document.getElementById(`f-${target.filter.key}`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else box.focus();
    return;
  }
  const box = $("list-error");
  renderError(box, e, { action: "list" });
  box.focus();
}

// ---------------------------------------------------------------------------------------
// Toolbar, count, sort, quick search

let toolbarQueued = false;
function scheduleToolbar() {
  if (toolbarQueued) return;
  toolbarQueued = true;
  queueMicrotask(() => {
    toolbarQueued = false;
    updateToolbar();
  });
}

function updateToolbar() {
  const loaded = table.loadedCount;
  const shown = table.visibleCount;
  $("count").textContent = `${formatCount(loaded)} loaded${table.query ? ` · ${formatCount(shown)} shown` : ""}`;
  $("load-status").dataset.loaded = String(loaded);
  $("load-status").dataset.state = state.loadState;
  const stateText = { loading: "Loading…", done: "· all loaded", stopped: "· stopped", failed: "· failed", idle: "" }[
    state.loadState
  ];
  $("load-state").textContent = stateText;
  const n = table.selected.size;
  const del = $("delete-selected");
  del.disabled = n === 0 || state.deleteCtl !== null;
  $("delete-selected-label").textContent = n ? `Delete ${formatCount(n)}…` : "Delete";
  $("export-csv").disabled = loaded === 0;
  $("export-json").disabled = loaded === 0;
  const empty = $("empty");
  const nothing =
    loaded === 0
      ? state.loadState === "done"
        ? "No network interfaces match these filters."
        : ""
      : shown === 0
        ? "No loaded row matches the search."
        : "";
  empty.hidden = !nothing;
  empty.textContent = nothing;
}

function setupToolbar() {
  $("stop").addEventListener("click", () => state.loadCtl?.abort());
  $("reload").addEventListener("click", () => load());
  let timer = 0;
  $("quick-search").addEventListener("input", (ev) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      state.q = ev.target.value.trim();
      table.setQuery(state.q);
      syncUrl(false);
    }, 120);
  });
  $("eni-table").tHead.addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-sort]");
    if (!button) return;
    const key = button.dataset.sort;
    const cur = state.sort;
    const next = cur?.key !== key ? { key, dir: "asc" } : cur.dir === "asc" ? { key, dir: "desc" } : null;
    setSort(next);
  });
  const select = $("sort-select");
  select.append(el("option", { value: "" }, "Sort: as listed"));
  for (const c of COLUMNS) {
    select.append(
      el("option", { value: `${c.key}:asc` }, `Sort: ${c.label} ↑`),
      el("option", { value: `${c.key}:desc` }, `Sort: ${c.label} ↓`),
    );
  }
  select.addEventListener("change", () => {
    const [key, dir] = select.value.split(":");
    setSort(key ? { key, dir } : null);
  });
  $("export-csv").addEventListener("click", () =>
    download(toCsv(table.enis()), "text/csv;charset=utf-8", exportFileName(state.regionId, "csv")),
  );
  $("export-json").addEventListener("click", () =>
    download(toJson(table.enis()), "application/json", exportFileName(state.regionId, "json")),
  );
  $("delete-selected").addEventListener("click", () => confirmAndDelete([...table.selected], $("delete-selected")));
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "/" || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (
      t instanceof HTMLInputElement ||
      t instanceof HTMLTextAreaElement ||
      t instanceof HTMLSelectElement ||
      document.querySelector("dialog[open]")
    )
      return;
    if ($("workspace").hidden) return;
    ev.preventDefault();
    $("quick-search").focus();
  });
}

function setSort(sort) {
  state.sort = sort;
  table.setSort(sort);
  syncSortSelect();
  syncUrl(false);
}

function syncSortSelect() {
  $("sort-select").value = state.sort ? `${state.sort.key}:${state.sort.dir}` : "";
}

function download(text, type, name) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  toast(`Exported ${formatCount(table.loadedCount)} rows to ${name}`);
}

// ---------------------------------------------------------------------------------------
// Copy buttons, toast

let toastTimer = 0;
function toast(text) {
  const t = $("toast");
  t.textContent = text;
  t.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.remove("show"), 2500);
}

function setupCopy() {
  document.addEventListener("click", async (ev) => {
    const button = ev.target.closest?.("button[data-action='copy']");
    if (!button) return;
    const ok = await copyText(button.dataset.copy);
    toast(ok ? `Copied ${visible(button.dataset.copy)}` : "Could not copy: select the text instead");
    if (ok) {
      button.replaceChildren(icon("check"));
      button.classList.add("copied");
      setTimeout(() => {
        button.replaceChildren(icon("copy"));
        button.classList.remove("copied");
      }, 1500);
    }
  });
}

// ---------------------------------------------------------------------------------------
// Dialogs

/** Opens a modal dialog, focuses `focus`, and returns focus to where it was when it closes. */
function openDialog(dialog, focus) {
  const back = document.activeElement;
  dialog.showModal();
  (focus ?? dialog.querySelector("[data-close]"))?.focus();
  dialog.addEventListener(
    "close",
    () => {
      const target =
        back && back.isConnected && !back.closest("[hidden]") ? back : $("eni-table").closest(".table-wrap");
      target?.focus?.();
    },
    { once: true },
  );
}

function setupDialogs() {
  for (const d of document.querySelectorAll("dialog")) {
    d.addEventListener("click", (ev) => {
      if (ev.target.closest("[data-close]")) d.close();
      else if (ev.target === d) {
        // a click on the backdrop
        const r = d.getBoundingClientRect();
        const inside = ev.clientX >= r.left && ev.clientX <= r.right && ev.clientY >= r.top && ev.clientY <= r.bottom;
        if (!inside) d.close();
      }
    });
  }
  $("eni-table").tBodies[0].addEventListener("click", (ev) => {
    const button = ev.target.closest("button[data-action='open']");
    if (button) openDetail(button.dataset.id);
  });
  $("detail-delete").addEventListener("click", () => {
    const id = $("detail-dialog").dataset.id;
    $("detail-dialog").close();
    confirmAndDelete([id], document.querySelector(`tr[data-id="${CSS.escape(id)}"] button[data-action='open']`));
  });
}

const COPYABLE = new Set([
  "networkInterfaceId",
  "vpcId",
  "vSwitchId",
  "instanceId",
  "macAddress",
  "privateIpAddress",
  "ownerId",
  "resourceGroupId",
  "serviceId",
]);

function detailValue(key, v) {
  const mono = (text, copy) =>
    el(
      "span",
      { class: "value-line" },
      el("span", { class: "mono" }, visible(text)),
      copy ? copyButton(text, "value") : null,
    );
  if (v === undefined || v === null || v === "") return el("span", { class: "muted" }, "—");
  switch (key) {
    case "status":
      return badge(v);
    case "creationTime":
      return el("time", { datetime: v }, `${formatCreated(v)} (${v})`);
    case "privateIpSets":
      if (!v.length) return el("span", { class: "muted" }, "—");
      return el(
        "ul",
        { class: "plain" },
        v.map((p) =>
          el(
            "li",
            null,
            mono(p.privateIpAddress, true),
            p.primary ? el("span", { class: "pill" }, "primary") : null,
            p.associatedPublicIp
              ? [
                  " → EIP ",
                  el("span", { class: "mono" }, visible(p.associatedPublicIp.publicIpAddress)),
                  p.associatedPublicIp.allocationId
                    ? el("span", { class: "muted" }, ` (${visible(p.associatedPublicIp.allocationId)})`)
                    : null,
                ]
              : null,
          ),
        ),
      );
    case "associatedPublicIp":
      return el(
        "span",
        null,
        mono(v.publicIpAddress, true),
        v.allocationId ? el("span", { class: "muted" }, ` (${visible(v.allocationId)})`) : null,
      );
    case "ipv6Sets":
      return v.length
        ? el(
            "ul",
            { class: "plain" },
            v.map((s) => el("li", null, mono(s.ipv6Address, true))),
          )
        : el("span", { class: "muted" }, "—");
    case "securityGroupIds":
      return v.length
        ? el(
            "ul",
            { class: "plain" },
            v.map((s) => el("li", null, mono(s, true))),
          )
        : el("span", { class: "muted" }, "—");
    case "tags":
      return v.length
        ? el(
            "ul",
            { class: "plain tag-list" },
            v.map((t) =>
              el(
                "li",
                null,
                el("span", { class: "tag", dir: "auto" }, visible(t.key)),
                " = ",
                el("span", { class: "tag-value-text", dir: "auto" }, visible(t.value)),
              ),
            ),
          )
        : el("span", { class: "muted" }, "—");
    case "attachment":
      return el(
        "dl",
        { class: "sub-dl" },
        Object.entries(v).map(([k, x]) => [
          el("dt", null, k),
          el("dd", null, el("span", { class: "mono" }, visible(String(x)))),
        ]),
      );
    default:
      if (typeof v === "boolean") return v ? "Yes" : "No";
      if (typeof v === "number") return String(v);
      if (typeof v === "string")
        return COPYABLE.has(key) ? mono(v, true) : el("span", { class: "wrap", dir: "auto" }, visible(v));
      return el("pre", { class: "json" }, JSON.stringify(v, null, 2));
  }
}

function openDetail(id) {
  const eni = table.get(id);
  if (!eni) return;
  const dialog = $("detail-dialog");
  dialog.dataset.id = id;
  replace($("detail-title"), "Network interface ", el("span", { class: "mono" }, visible(id)));
  const dl = el("dl", { class: "detail-grid" });
  const known = new Set(DETAIL_FIELDS.map(([k]) => k));
  const fields = [
    ...DETAIL_FIELDS,
    ...Object.keys(eni)
      .filter((k) => !known.has(k))
      .map((k) => [k, k]),
  ];
  for (const [key, label] of fields) {
    if (key === "serviceId" && !present(eni.serviceId)) continue;
    dl.append(
      el(
        "div",
        { class: "detail-row", dataset: { field: key } },
        el("dt", null, label),
        el("dd", null, detailValue(key, eni[key])),
      ),
    );
  }
  const raw = el(
    "details",
    { class: "raw" },
    el("summary", null, "All fields as JSON"),
    el("pre", { class: "json" }, JSON.stringify(eni, null, 2)),
  );
  replace($("detail-body"), dl, raw);
  const why = whyNotDeletable(eni);
  const pending = state.pendingDeletes.has(id);
  $("detail-delete").disabled = why !== null || pending || state.deleteCtl !== null;
  $("detail-why").textContent = why ? `Cannot delete: ${why}.` : pending ? "Being deleted." : "";
  openDialog(dialog);
}

/** Resolves true when the user confirms deleting `enis`. */
function confirmDialog(enis) {
  return new Promise((resolve) => {
    const dialog = $("confirm-dialog");
    const n = enis.length;
    const what = n === 1 ? "network interface" : "network interfaces";
    $("confirm-title").textContent = `Delete ${formatCount(n)} ${what}?`;
    $("confirm-desc").textContent =
      `This cannot be undone. ${n === 1 ? "This network interface" : `These ${formatCount(n)} network interfaces`} will be deleted from ${state.regionId}:`;
    replace(
      $("confirm-list"),
      enis.map((e) =>
        el(
          "li",
          null,
          el("span", { class: "mono" }, visible(e.networkInterfaceId)),
          e.networkInterfaceName
            ? el("span", { class: "confirm-name", dir: "auto" }, visible(e.networkInterfaceName))
            : null,
          el("span", { class: "muted confirm-meta" }, [e.vpcId, e.zoneId].filter(Boolean).map(visible).join(" · ")),
        ),
      ),
    );
    $("confirm-ok").textContent = `Delete ${formatCount(n)} ${what}`;
    let answer = false;
    const ok = () => {
      answer = true;
      dialog.close();
    };
    const cancel = () => dialog.close();
    $("confirm-ok").addEventListener("click", ok);
    $("confirm-cancel").addEventListener("click", cancel);
    dialog.addEventListener(
      "close",
      () => {
        $("confirm-ok").removeEventListener("click", ok);
        $("confirm-cancel").removeEventListener("click", cancel);
        resolve(answer);
      },
      { once: true },
    );
    openDialog(dialog, $("confirm-cancel"));
  });
}

// ---------------------------------------------------------------------------------------
// Deleting

async function confirmAndDelete(ids, returnFocus) {
  const enis = ids
    .map((id) => table.get(id))
    .filter((e) => e && isDeletable(e) && !state.pendingDeletes.has(e.networkInterfaceId));
  if (!enis.length || state.deleteCtl) return;
  if (returnFocus) returnFocus.focus();
  if (!(await confirmDialog(enis))) return;
  await deleteEnis(enis);
}

async function deleteEnis(enis) {
  const client = state.client;
  if (!client) return;
  const ctl = new AbortController();
  state.deleteCtl = ctl;
  const total = enis.length;
  let deleted = 0;
  let failed = 0;
  let finished = 0;
  const panel = $("progress-panel");
  panel.hidden = false;
  panel.dataset.state = "running";
  delete panel.dataset.result;
  $("progress-title").textContent = `Deleting ${formatCount(total)} network interface${total === 1 ? "" : "s"}`;
  $("progress-summary").replaceChildren();
  $("cancel-deletes").hidden = false;
  $("cancel-deletes").disabled = false;
  $("dismiss-progress").hidden = true;
  const bar = $("progress-bar");
  bar.max = total;
  bar.value = 0;
  const progressText = () => {
    const parts = [`${formatCount(finished)} of ${formatCount(total)} done`];
    if (deleted) parts.push(`${formatCount(deleted)} deleted`);
    if (failed) parts.push(`${formatCount(failed)} failed`);
    $("progress-text").textContent = parts.join(" · ");
    bar.value = finished;
    panel.dataset.done = String(finished);
  };
  progressText();
  for (const e of enis) {
    state.pendingDeletes.set(e.networkInterfaceId, "queued");
    table.setRowState(e.networkInterfaceId, "queued");
  }
  table.clearSelection();
  scheduleToolbar();

  const results = await runPool(
    enis,
    DELETE_CONCURRENCY,
    async (eni) => {
      const id = eni.networkInterfaceId;
      state.pendingDeletes.set(id, "deleting");
      table.setRowState(id, "deleting");
      try {
        await client.deleteNetworkInterface(id, { waitUntilDeleted: true, signal: ctl.signal });
        deleted++;
        state.pendingDeletes.delete(id);
        table.remove(id);
      } catch (e) {
        failed++;
        state.pendingDeletes.delete(id);
        try {
          table.setRowState(id, null);
          table.markFailed(id, explainError(e, { action: "delete" }).title);
        } catch {
          // decorating the row must never replace the delete's own error
        }
        throw e;
      } finally {
        finished++;
        progressText();
      }
    },
    ctl.signal,
  );

  const skipped = results.filter((r) => r.skipped);
  for (const r of skipped) {
    state.pendingDeletes.delete(r.item.networkInterfaceId);
    table.setRowState(r.item.networkInterfaceId, null);
  }
  if (state.deleteCtl === ctl) state.deleteCtl = null;
  if (state.client !== client) return; // disconnected (and maybe connected again) meanwhile
  bar.value = total;
  panel.dataset.state = "finished";
  panel.dataset.result = results.some((r) => !r.ok && !r.skipped) ? "errors" : "ok";
  const failures = results.filter((r) => !r.ok && !r.skipped);
  const summary = [`${formatCount(deleted)} deleted`];
  if (failures.length) summary.push(`${formatCount(failures.length)} failed`);
  if (skipped.length) summary.push(`${formatCount(skipped.length)} not started (cancelled)`);
  $("progress-title").textContent = failures.length ? "Finished with errors" : skipped.length ? "Cancelled" : "Deleted";
  $("progress-text").textContent = summary.join(" · ");
  const box = $("progress-summary");
  if (failures.length) {
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
          : explainError(e, {
              action: "delete",
              endpoint: state.endpoint,
              pageOrigin: location.origin,
              pageProtocol: location.protocol,
            });
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
  $("cancel-deletes").hidden = true;
  $("dismiss-progress").hidden = false;
  scheduleToolbar();
}

function setupDeletes() {
  $("cancel-deletes").addEventListener("click", () => {
    state.deleteCtl?.abort();
    $("cancel-deletes").disabled = true;
  });
  $("dismiss-progress").addEventListener("click", () => {
    $("progress-panel").hidden = true;
    $("delete-selected").focus();
  });
}

// ---------------------------------------------------------------------------------------
// Demo configuration (only `make demo` adds the meta tag and serves the file)

async function loadDemoConfig() {
  const meta = document.querySelector('meta[name="aliyun-eni-demo-config"]');
  if (!meta) return;
  const url = new URL(meta.content, location.href);
  if (url.origin !== location.origin) return;
  try {
    const res = await fetch(url, { cache: "no-store", credentials: "omit" });
    if (!res.ok) return;
    const c = await res.json();
    if (c.regionId) $("region").value = c.regionId;
    if (c.endpoint) {
      $("endpoint").value = c.endpoint;
      state.endpointAuto = false;
    }
    if (c.accessKeyId) $("access-key-id").value = c.accessKeyId;
    if (c.accessKeySecret) $("access-key-secret").value = c.accessKeySecret;
    $("demo-note").hidden = false;
  } catch {
    /* no demo */
  }
}

// ---------------------------------------------------------------------------------------
// Boot

async function boot() {
  setupConnectForm();
  buildFilterForm();
  setupToolbar();
  setupCopy();
  setupDialogs();
  setupDeletes();
  try {
    lib = await import("../vendor/aliyun-eni/browser.js");
  } catch (e) {
    const box = $("boot-error");
    box.textContent = `Could not load the aliyun-eni package from vendor/aliyun-eni/ (${e?.message ?? e}). Run \`make build\`, which copies it there.`;
    box.hidden = false;
    $("connect-btn").disabled = true;
    return;
  }
  restoreFromUrl();
  if (!$("region").value) $("region").value = "cn-hangzhou";
  if (state.endpointAuto) $("endpoint").value = defaultEndpoint($("region").value.trim());
  showPendingFilters();
  window.addEventListener("popstate", () => {
    const before = JSON.stringify(state.filters);
    restoreFromUrl();
    if (JSON.stringify(state.filters) !== before && state.client) load();
    else updateFilterSummary(state.filters);
  });
  await loadDemoConfig();
  document.documentElement.dataset.ready = "true";
}

boot();
