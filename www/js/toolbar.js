// The toolbar over the table: the live count and load state, Stop and Reload, quick search
// (`/` focuses it), sort (column headers and the select), exports, and Delete N….
import { el, formatCount } from "./dom.js";
import { COLUMNS } from "./eni.js";
import { exportFileName, toCsv, toJson } from "./export.js";
import { toast } from "./feedback.js";
import { ui } from "./ui.js";

const LOAD_STATE_TEXT = {
  loading: "Loading…",
  done: "· all loaded",
  stopped: "· stopped",
  failed: "· failed",
  idle: "",
};

export function createToolbar({ table, loader, deleter, view, session }) {
  let queued = false;
  /** Refreshes the toolbar once, after the current task (many changes, one update). */
  function schedule() {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      update();
    });
  }

  function update() {
    const loaded = table.loadedCount;
    const shown = table.visibleCount;
    ui.count.textContent = `${formatCount(loaded)} loaded${table.filtered ? ` · ${formatCount(shown)} shown` : ""}`;
    ui.loadStatus.dataset.loaded = String(loaded);
    ui.loadStatus.dataset.state = loader.state;
    ui.loadState.textContent =
      loader.state === "done" && loader.capped ? "· stopped at ECS's 1,000 limit" : LOAD_STATE_TEXT[loader.state];
    const n = table.selected.size;
    ui.deleteSelected.disabled = n === 0 || deleter.running;
    ui.regionSwitch.disabled = deleter.running; // deletes finish in their own region first
    ui.deleteSelectedLabel.textContent = n ? `Delete ${formatCount(n)}…` : "Delete";
    ui.exportCsv.disabled = loaded === 0;
    ui.exportJson.disabled = loaded === 0;
    const nothing =
      loaded === 0
        ? loader.state === "done"
          ? "No network interfaces match these filters."
          : ""
        : shown === 0
          ? table.query
            ? "No loaded row matches the search."
            : "No loaded row matches the chart's selection."
          : "";
    ui.empty.hidden = !nothing;
    ui.empty.textContent = nothing;
  }

  function setSort(sort) {
    view.sort = sort;
    table.setSort(sort);
    syncSortSelect();
    view.syncUrl(false);
  }

  function syncSortSelect() {
    ui.sortSelect.value = view.sort ? `${view.sort.key}:${view.sort.dir}` : "";
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

  function setup() {
    ui.stop.addEventListener("click", () => loader.stop());
    ui.reload.addEventListener("click", () => loader.load());
    let timer = 0;
    ui.quickSearch.addEventListener("input", (ev) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        view.q = ev.target.value.trim();
        table.setQuery(view.q);
        view.syncUrl(false);
      }, 120);
    });
    ui.eniTable.tHead.addEventListener("click", (ev) => {
      const button = ev.target.closest("button[data-sort]");
      if (!button) return;
      const key = button.dataset.sort;
      const cur = view.sort;
      const next = cur?.key !== key ? { key, dir: "asc" } : cur.dir === "asc" ? { key, dir: "desc" } : null;
      setSort(next);
    });
    const select = ui.sortSelect;
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
    ui.exportCsv.addEventListener("click", () =>
      download(toCsv(table.enis()), "text/csv;charset=utf-8", exportFileName(session.regionId, "csv")),
    );
    ui.exportJson.addEventListener("click", () =>
      download(toJson(table.enis()), "application/json", exportFileName(session.regionId, "json")),
    );
    ui.deleteSelected.addEventListener("click", () => deleter.confirmAndDelete([...table.selected], ui.deleteSelected));
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
      if (ui.workspace.hidden) return;
      ev.preventDefault();
      ui.quickSearch.focus();
    });
  }

  /** The sort and the quick search of `view`, shown (after the URL changed). */
  function showView() {
    table.setSort(view.sort);
    syncSortSelect();
    ui.quickSearch.value = view.q;
    table.setQuery(view.q);
  }

  return { setup, schedule, showView };
}
