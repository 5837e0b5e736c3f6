// The overview's small charts, drawn by the page (SVG, no library): bars by status, type and
// vSwitch, and a histogram of the age of Available ENIs. Every bar is a button that filters the
// table to its ENIs (again to show all); colours come from the theme, so dark mode follows.
import { el, formatCount } from "./dom.js";
import { AGE_BUCKETS, summarize } from "./summary.js";
import { visible } from "./table.js";

const SVG_NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** A horizontal bar, `share` of the full width (0..1). */
function hbar(share, tone) {
  const s = svg("svg", { class: "bar", viewBox: "0 0 100 10", preserveAspectRatio: "none", "aria-hidden": "true" });
  s.append(svg("rect", { class: "bar-track", x: 0, y: 0, width: 100, height: 10, rx: 2 }));
  if (share > 0)
    s.append(
      svg("rect", { class: `bar-fill tone-${tone}`, x: 0, y: 0, width: Math.max(1.5, share * 100), height: 10, rx: 2 }),
    );
  return s;
}

/** A vertical column, `share` of the full height (0..1). */
function vbar(share) {
  const s = svg("svg", { class: "column", viewBox: "0 0 10 100", preserveAspectRatio: "none", "aria-hidden": "true" });
  s.append(svg("rect", { class: "bar-track", x: 0, y: 0, width: 10, height: 100 }));
  if (share > 0) {
    const h = Math.max(2, share * 100);
    s.append(svg("rect", { class: "bar-fill tone-age", x: 0, y: 100 - h, width: 10, height: h }));
  }
  return s;
}

const STATUS_TONE = {
  Available: "ok",
  InUse: "info",
  Attaching: "busy",
  Detaching: "busy",
  Creating: "busy",
  Deleting: "warn",
  CreateFailed: "bad",
};

function pickButton(chart, value, active, label, count, content) {
  const on = active?.chart === chart && active.value === value;
  return el(
    "button",
    {
      type: "button",
      class: ["pick", on && "on"],
      dataset: { chart, value },
      "aria-pressed": on ? "true" : "false",
      "aria-label": `${label}: ${formatCount(count)}. ${on ? "Shown alone; press to show all" : "Show only these"}`,
    },
    content,
  );
}

function barChart(title, chart, pairs, total, active, tone, more) {
  const max = Math.max(1, ...pairs.map(([, n]) => n));
  return el(
    "figure",
    { class: "chart", dataset: { chart } },
    el("figcaption", null, title),
    el(
      "ul",
      { class: "bars" },
      pairs.map(([value, n]) =>
        el(
          "li",
          null,
          pickButton(chart, value, active, value || "none", n, [
            el("span", { class: "bar-label mono", title: visible(value || "none") }, visible(value || "none")),
            hbar(n / max, tone(value)),
            el("span", { class: "bar-count" }, formatCount(n)),
          ]),
        ),
      ),
    ),
    more ? el("p", { class: "muted chart-more" }, more) : null,
    total === 0 ? el("p", { class: "muted" }, "Nothing loaded.") : null,
  );
}

function histogram(s, active) {
  const max = Math.max(1, ...s.age);
  const available = s.age.reduce((a, b) => a + b, 0) + s.ageUnknown;
  return el(
    "figure",
    { class: "chart chart-age", dataset: { chart: "age" } },
    el("figcaption", null, `Age of Available ENIs (${formatCount(available)})`),
    el(
      "ul",
      { class: "columns" },
      AGE_BUCKETS.map(([label], i) =>
        el(
          "li",
          null,
          pickButton("age", String(i), active, `Available, aged ${label}`, s.age[i], [
            el("span", { class: "bar-count" }, formatCount(s.age[i])),
            vbar(s.age[i] / max),
            el("span", { class: "bar-label" }, label),
          ]),
        ),
      ),
    ),
    s.ageUnknown ? el("p", { class: "muted chart-more" }, `${formatCount(s.ageUnknown)} with no creation time`) : null,
  );
}

/** The four charts for `enis`, with `active` (the picked facet) pressed. */
export function renderCharts(enis, active, now = Date.now()) {
  const s = summarize(enis, now);
  return [
    barChart("By status", "status", s.status, s.total, active, (v) => STATUS_TONE[v] ?? "other"),
    barChart("By type", "type", s.type, s.total, active, (v) => (v === "Secondary" ? "accent" : "other")),
    barChart(
      "By vSwitch",
      "vswitch",
      s.vswitch,
      s.total,
      active,
      () => "accent",
      s.vswitchMore ? `+${formatCount(s.vswitchMore)} more vSwitches` : "",
    ),
    histogram(s, active),
  ];
}
