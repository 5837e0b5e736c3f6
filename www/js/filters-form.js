// The filters form: one control per request field, up to 20 tag rows, its summary, and the
// note on the connect form when a shared link carries filters.
import { el, icon, replace } from "./dom.js";
import { renderError } from "./feedback.js";
import { FILTERS, activeFilterCount, describeFilters, emptyFilters, filterForField, splitList } from "./filters.js";
import { ui } from "./ui.js";

const MAX_TAGS = 20;

/**
 * onApply(filters): the form was submitted (or cleared) with these filters.
 * toast(text): a short notice.
 */
export function createFiltersForm({ onApply, toast }) {
  function build() {
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
      ui.filterFields.append(el("div", { class: "field" }, el("label", { for: id }, d.label), control));
    }
    ui.addTag.addEventListener("click", () => {
      addTagRow({ key: "", value: "" }).querySelector("input").focus();
    });
    ui.tagRows.addEventListener("click", (ev) => {
      const button = ev.target.closest("button[data-remove-tag]");
      if (!button) return;
      const row = button.closest(".tag-row");
      const next = row.nextElementSibling ?? row.previousElementSibling;
      row.remove();
      renumberTags();
      (next?.querySelector("input") ?? ui.addTag).focus();
    });
    ui.filterForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      onApply(read());
    });
    ui.clearFilters.addEventListener("click", () => {
      write(emptyFilters());
      onApply(emptyFilters());
    });
  }

  function addTagRow({ key, value }) {
    const rows = ui.tagRows;
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
    [...ui.tagRows.children].forEach((row, i) => {
      row.querySelector(".tag-key").setAttribute("aria-label", `Tag ${i + 1} key`);
      row.querySelector(".tag-value").setAttribute("aria-label", `Tag ${i + 1} value`);
      row.querySelector("button").setAttribute("aria-label", `Remove tag ${i + 1}`);
    });
    ui.addTag.disabled = ui.tagRows.children.length >= MAX_TAGS;
  }

  function read() {
    const f = emptyFilters();
    for (const control of ui.filterFields.querySelectorAll("[data-filter]")) {
      const d = FILTERS.find((x) => x.key === control.dataset.filter);
      f[d.key] = d.kind === "list" ? splitList(control.value) : control.value.trim();
    }
    f.tags = [...ui.tagRows.children]
      .map((row) => ({
        key: row.querySelector(".tag-key").value.trim(),
        value: row.querySelector(".tag-value").value.trim(),
      }))
      .filter((t) => t.key || t.value);
    return f;
  }

  function write(f) {
    for (const control of ui.filterFields.querySelectorAll("[data-filter]")) {
      const v = f[control.dataset.filter];
      control.value = Array.isArray(v) ? v.join(", ") : v;
      control.removeAttribute("aria-invalid");
    }
    ui.tagRows.replaceChildren();
    for (const t of f.tags) addTagRow(t);
    renumberTags();
    showSummary(f);
  }

  function showSummary(f) {
    const n = activeFilterCount(f);
    ui.filterCount.hidden = n === 0;
    ui.filterCount.textContent = `${n} active`;
    ui.filterSummary.textContent = describeFilters(f).join(" · ");
  }

  /** The note on the connect form: this link opens a filtered view. */
  function showPending(f) {
    const parts = describeFilters(f);
    ui.pendingFilters.hidden = parts.length === 0;
    if (parts.length)
      replace(
        ui.pendingFilters,
        el("strong", null, "This link opens a filtered view. "),
        parts.join(" · "),
        ". The filters apply once you connect.",
      );
  }

  function clearInvalid() {
    for (const c of ui.filterForm.querySelectorAll("[aria-invalid]")) c.removeAttribute("aria-invalid");
  }

  /**
   * A validation error about a filter: shown in the form, on its control. Returns false when
   * the error is not about a filter (the caller shows it elsewhere).
   */
  function showFieldError(e) {
    const target = filterForField(e?.field);
    if (e?.kind !== "validation" || !target) return false;
    ui.filtersPanel.open = true;
    renderError(ui.filterError, e, { action: "list", fieldLabel: target.filter.label });
    const input =
      target.filter.kind === "tags"
        ? ui.tagRows.children[target.index ?? 0]?.querySelector(/value/.test(e.field) ? ".tag-value" : ".tag-key")
        : document.getElementById(`f-${target.filter.key}`);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } else ui.filterError.focus();
    return true;
  }

  return { build, read, write, showSummary, showPending, clearInvalid, showFieldError };
}
