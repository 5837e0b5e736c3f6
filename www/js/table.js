// The ENI table: rows built once per ENI (text nodes only), inserted a page at a time, sorted
// by insertion (binary search) so streaming stays cheap, filtered by quick search with
// `hidden`, selection of deletable rows, per-row delete state.
import { append, el, icon } from "./dom.js";
import {
  COLUMNS,
  comparator,
  formatCreated,
  isRedelete,
  privateIps,
  publicIps,
  searchText,
  tagText,
  whyNotDeletable,
} from "./eni.js";

const STATUS_CLASS = {
  Available: "ok",
  InUse: "info",
  Attaching: "busy",
  Detaching: "busy",
  Creating: "busy",
  Deleting: "warn",
  CreateFailed: "bad",
};

// Bidirectional controls can make "invoice-\u202egpj.exe" read as "invoice-exe.jpg": shown as a
// visible marker instead. Exports and copies keep the exact value.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export function visible(text) {
  return String(text ?? "").replace(BIDI, (c) => `⟦U+${c.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}⟧`);
}

export function badge(status, extraClass) {
  return el("span", { class: ["badge", `badge-${STATUS_CLASS[status] ?? "other"}`, extraClass] }, visible(status));
}

export function copyButton(value, what) {
  return el(
    "button",
    {
      type: "button",
      class: "icon-btn copy",
      dataset: { action: "copy", copy: value },
      "aria-label": `Copy ${what} ${value}`,
      title: `Copy ${what}`,
    },
    icon("copy"),
  );
}

const dash = () => el("span", { class: "muted", "aria-label": "none" }, "—");

/** "first +N" with the full list in the title. */
function listCell(values, mono = true) {
  if (!values.length) return dash();
  const first = el("span", { class: mono ? "mono" : undefined }, visible(values[0]));
  if (values.length === 1) return first;
  return el(
    "span",
    { title: values.map(visible).join("\n") },
    first,
    " ",
    el("span", { class: "more" }, `+${values.length - 1}`),
  );
}

const CELL = {
  id: (e) => [
    el(
      "button",
      {
        type: "button",
        class: "link mono",
        dataset: { action: "open", id: e.networkInterfaceId },
        title: "Show every field",
      },
      visible(e.networkInterfaceId),
    ),
    copyButton(e.networkInterfaceId, "ID"),
  ],
  name: (e) => {
    const name = e.networkInterfaceName;
    const title = [name, e.description].filter(Boolean).map(visible).join("\n");
    return name ? el("span", { class: "clip", title, dir: "auto" }, visible(name)) : dash();
  },
  status: (e) => badge(e.status, "status"),
  type: (e) => visible(e.type),
  vpc: (e) => (e.vpcId ? el("span", { class: "mono" }, visible(e.vpcId)) : dash()),
  vswitch: (e) => (e.vSwitchId ? el("span", { class: "mono" }, visible(e.vSwitchId)) : dash()),
  zone: (e) => (e.zoneId ? visible(e.zoneId) : dash()),
  privateIp: (e) => listCell(privateIps(e)),
  publicIp: (e) => listCell(publicIps(e)),
  instance: (e) => (e.instanceId ? el("span", { class: "mono" }, visible(e.instanceId)) : dash()),
  sg: (e) => listCell(e.securityGroupIds ?? []),
  tags: (e) => {
    const tags = e.tags ?? [];
    if (!tags.length) return dash();
    const shown = tags
      .slice(0, 2)
      .map((t) => el("span", { class: "tag", title: visible(tagText(t)), dir: "auto" }, visible(tagText(t))));
    if (tags.length > 2)
      shown.push(
        el("span", { class: "more", title: tags.map((t) => visible(tagText(t))).join("\n") }, `+${tags.length - 2}`),
      );
    return el("span", { class: "tags" }, shown);
  },
  created: (e) =>
    e.creationTime
      ? el("time", { datetime: e.creationTime, title: e.creationTime }, formatCreated(e.creationTime))
      : dash(),
};

export class EniTable {
  /**
   * @param {{ table: HTMLTableElement, onChange: () => void }} opts
   * onChange: rows, visibility or selection changed (the app refreshes counts and buttons).
   */
  constructor({ table, onChange }) {
    this.table = table;
    this.tbody = table.tBodies[0];
    this.onChange = onChange;
    this.rows = new Map(); // id -> { eni, tr, text, checkbox, statusCell, state }
    this.order = []; // records, in display order
    this.sort = null;
    this.cmp = null;
    this.query = "";
    this.facet = null; // a predicate from the overview's charts, or null
    this.selected = new Set();
    this.visibleCount = 0;
    this.buildHead();
    this.tbody.addEventListener("change", (ev) => {
      const box = ev.target;
      if (!(box instanceof HTMLInputElement) || box.dataset.action !== "select") return;
      const id = box.closest("tr")?.dataset.id;
      if (!id) return;
      if (box.checked) this.selected.add(id);
      else this.selected.delete(id);
      box.closest("tr").classList.toggle("selected", box.checked);
      this.syncSelectAll();
      this.onChange();
    });
    this.selectAll.addEventListener("change", () => this.setAllSelected(this.selectAll.checked));
  }

  buildHead() {
    const tr = this.table.tHead.rows[0];
    this.selectAll = el("input", {
      type: "checkbox",
      id: "select-all",
      "aria-label": "Select every deletable row shown",
    });
    tr.append(el("th", { scope: "col", role: "columnheader", class: "col-select" }, this.selectAll));
    this.headers = new Map();
    for (const c of COLUMNS) {
      const button = el("button", { type: "button", class: "sort", dataset: { sort: c.key } }, c.label, icon("sort"));
      const th = el("th", { scope: "col", role: "columnheader", class: `col-${c.key}`, "aria-sort": "none" }, button);
      this.headers.set(c.key, th);
      tr.append(th);
    }
  }

  get loadedCount() {
    return this.order.length;
  }

  clear() {
    this.rows.clear();
    this.order = [];
    this.selected.clear();
    this.visibleCount = 0;
    this.tbody.replaceChildren();
    this.syncSelectAll();
    this.onChange();
  }

  buildRow(eni) {
    const reason = whyNotDeletable(eni);
    const id = eni.networkInterfaceId;
    const checkbox = el("input", {
      type: "checkbox",
      dataset: { action: "select" },
      disabled: reason !== null,
      "aria-label":
        reason !== null
          ? `${visible(id)} cannot be deleted: ${reason}`
          : isRedelete(eni)
            ? `Select ${visible(id)} to delete it again (it is Deleting; stuck ENIs need a second delete)`
            : `Select ${visible(id)}`,
    });
    const tr = el("tr", { role: "row", dataset: { id } });
    const title = reason ?? (isRedelete(eni) ? "Deleting: select it to send the delete again" : undefined);
    tr.append(el("td", { role: "cell", class: "col-select", title }, checkbox));
    let statusCell = null;
    for (const c of COLUMNS) {
      const td = el("td", { role: "cell", class: `col-${c.key}`, dataset: { label: c.label } }, CELL[c.key](eni));
      if (c.key === "status") statusCell = td;
      tr.append(td);
    }
    return { eni, tr, text: searchText(eni), checkbox, statusCell, reason, state: null };
  }

  matches(rec) {
    return (!this.query || rec.text.includes(this.query)) && (!this.facet || this.facet(rec.eni));
  }

  /** Whether rows are hidden by the quick search or a facet. */
  get filtered() {
    return this.query !== "" || this.facet !== null;
  }

  /** Adds a page of ENIs (one DOM insertion per page when unsorted). */
  appendPage(enis) {
    const fresh = [];
    for (const eni of enis) {
      if (this.rows.has(eni.networkInterfaceId)) continue; // a list that changed under us
      const rec = this.buildRow(eni);
      rec.tr.hidden = !this.matches(rec);
      if (!rec.tr.hidden) this.visibleCount++;
      this.rows.set(eni.networkInterfaceId, rec);
      fresh.push(rec);
    }
    if (!this.cmp) {
      const frag = document.createDocumentFragment();
      for (const rec of fresh) {
        frag.append(rec.tr);
        this.order.push(rec);
      }
      this.tbody.append(frag);
    } else {
      for (const rec of fresh) {
        let lo = 0;
        let hi = this.order.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (this.cmp(this.order[mid].eni, rec.eni) <= 0) lo = mid + 1;
          else hi = mid;
        }
        this.tbody.insertBefore(rec.tr, this.order[lo]?.tr ?? null);
        this.order.splice(lo, 0, rec);
      }
    }
    this.syncSelectAll();
    this.onChange();
  }

  setSort(sort) {
    this.sort = sort && this.headers.has(sort.key) ? sort : null;
    this.cmp = comparator(this.sort);
    for (const [key, th] of this.headers) {
      th.setAttribute(
        "aria-sort",
        this.sort?.key === key ? (this.sort.dir === "desc" ? "descending" : "ascending") : "none",
      );
    }
    if (this.cmp) this.order.sort((a, b) => this.cmp(a.eni, b.eni));
    else this.order.sort((a, b) => (a.eni.networkInterfaceId < b.eni.networkInterfaceId ? -1 : 1));
    const frag = document.createDocumentFragment();
    for (const rec of this.order) frag.append(rec.tr);
    this.tbody.append(frag);
  }

  setQuery(q) {
    this.query = q.trim().toLowerCase();
    this.refilter();
  }

  /** Shows only the rows whose ENI passes `predicate` (a chart's bar); null shows all. */
  setFacet(predicate) {
    this.facet = predicate ?? null;
    this.refilter();
  }

  refilter() {
    let n = 0;
    for (const rec of this.order) {
      const show = this.matches(rec);
      rec.tr.hidden = !show;
      if (show) n++;
    }
    this.visibleCount = n;
    this.syncSelectAll();
    this.onChange();
  }

  get(id) {
    return this.rows.get(id)?.eni;
  }

  /** ENIs in display order; `visibleOnly` skips rows hidden by the quick search. */
  enis(visibleOnly = false) {
    return this.order.filter((r) => !visibleOnly || !r.tr.hidden).map((r) => r.eni);
  }

  selectable(rec) {
    return rec.reason === null && rec.state === null;
  }

  setAllSelected(on) {
    for (const rec of this.order) {
      if (rec.tr.hidden || !this.selectable(rec)) continue;
      rec.checkbox.checked = on;
      rec.tr.classList.toggle("selected", on);
      if (on) this.selected.add(rec.eni.networkInterfaceId);
      else this.selected.delete(rec.eni.networkInterfaceId);
    }
    this.syncSelectAll();
    this.onChange();
  }

  clearSelection() {
    for (const id of this.selected) {
      const rec = this.rows.get(id);
      if (!rec) continue;
      rec.checkbox.checked = false;
      rec.tr.classList.remove("selected");
    }
    this.selected.clear();
    this.syncSelectAll();
    this.onChange();
  }

  syncSelectAll() {
    let candidates = 0;
    let on = 0;
    for (const rec of this.order) {
      if (rec.tr.hidden || !this.selectable(rec)) continue;
      candidates++;
      if (this.selected.has(rec.eni.networkInterfaceId)) on++;
    }
    this.selectAll.disabled = candidates === 0;
    this.selectAll.checked = candidates > 0 && on === candidates;
    this.selectAll.indeterminate = on > 0 && on < candidates;
  }

  /** state: "queued" | "deleting" | null (back to the ENI's own status). */
  setRowState(id, state) {
    const rec = this.rows.get(id);
    if (!rec) return;
    rec.state = state;
    rec.tr.classList.toggle("pending", state !== null);
    if (state) rec.tr.setAttribute("aria-busy", "true");
    else rec.tr.removeAttribute("aria-busy");
    if (state) {
      this.selected.delete(id);
      rec.checkbox.checked = false;
      rec.tr.classList.remove("selected");
    }
    rec.checkbox.disabled = !this.selectable(rec);
    const label = state === "queued" ? "Queued" : state === "deleting" ? "Deleting" : null;
    rec.statusCell.replaceChildren(
      label
        ? el("span", { class: ["badge", "badge-warn", "status", state === "deleting" && "spin"] }, label)
        : badge(rec.eni.status, "status"),
    );
    this.syncSelectAll();
    this.onChange();
  }

  /** Marks a row as failed (kept, with its error as a title), after a failed delete. */
  markFailed(id, text) {
    const rec = this.rows.get(id);
    if (!rec) return;
    rec.tr.classList.add("failed");
    append(rec.statusCell, [" ", el("span", { class: "badge badge-bad", title: text }, "Delete failed")]);
  }

  remove(id) {
    const rec = this.rows.get(id);
    if (!rec) return;
    rec.tr.remove();
    this.rows.delete(id);
    this.selected.delete(id);
    const i = this.order.indexOf(rec);
    if (i >= 0) this.order.splice(i, 1);
    if (!rec.tr.hidden) this.visibleCount--;
    this.syncSelectAll();
    this.onChange();
  }
}
