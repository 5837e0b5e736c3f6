// The detail view: every field of one ENI (fields the page does not know yet come last, so
// nothing is hidden), the raw JSON, and Delete… when it can be deleted.
import { openDialog } from "./dialogs.js";
import { el, replace } from "./dom.js";
import { ATTACHMENT_FIELDS, DETAIL_FIELDS, formatCreated, isRedelete, present, whyNotDeletable } from "./eni.js";
import { badge, copyButton, visible } from "./table.js";
import { ui } from "./ui.js";

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

const none = () => el("span", { class: "muted" }, "—");

function mono(text, copy) {
  return el(
    "span",
    { class: "value-line" },
    el("span", { class: "mono" }, visible(text)),
    copy ? copyButton(text, "value") : null,
  );
}

function detailValue(key, v) {
  if (v === undefined || v === null || v === "") return none();
  switch (key) {
    case "status":
      return badge(v);
    case "creationTime":
      return el("time", { datetime: v }, `${formatCreated(v)} (${v})`);
    case "privateIpSets":
      if (!v.length) return none();
      return el(
        "ul",
        { class: "plain" },
        v.map((p) =>
          el(
            "li",
            null,
            mono(p.privateIpAddress, true),
            p.primary ? el("span", { class: "pill" }, "primary") : null,
            p.privateDnsName ? el("span", { class: "muted mono dns" }, ` ${visible(p.privateDnsName)}`) : null,
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
            v.map((s) =>
              el("li", null, mono(s.ipv6Address, true), s.primary ? el("span", { class: "pill" }, "primary") : null),
            ),
          )
        : none();
    case "ipv4PrefixSets":
    case "ipv6PrefixSets": {
      const prefixes = v.map((p) => p.ipv4Prefix ?? p.ipv6Prefix).filter(Boolean);
      return prefixes.length
        ? el(
            "ul",
            { class: "plain" },
            prefixes.map((p) => el("li", null, mono(p, true))),
          )
        : none();
    }
    case "securityGroupIds":
      return v.length
        ? el(
            "ul",
            { class: "plain" },
            v.map((s) => el("li", null, mono(s, true))),
          )
        : none();
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
        : none();
    case "attachment":
      return el(
        "dl",
        { class: "sub-dl" },
        Object.entries(v).map(([k, x]) => [
          el("dt", { dataset: { field: k } }, ATTACHMENT_FIELDS[k] ?? k),
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

/** onDelete(id, returnFocus): Delete… was pressed for this ENI. */
export function createDetail({ table, deleter, onDelete }) {
  function open(id) {
    const eni = table.get(id);
    if (!eni) return;
    const dialog = ui.detailDialog;
    dialog.dataset.id = id;
    replace(ui.detailTitle, "Network interface ", el("span", { class: "mono" }, visible(id)));
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
    replace(ui.detailBody, dl, raw);
    const why = whyNotDeletable(eni);
    const pending = deleter.isPending(id);
    ui.detailDelete.disabled = why !== null || pending || deleter.running;
    const again = why === null && isRedelete(eni);
    ui.detailDeleteLabel.textContent = again ? "Delete again…" : "Delete…";
    ui.detailWhy.textContent = why
      ? `Cannot delete: ${why}.`
      : pending
        ? "Being deleted."
        : again
          ? "It is Deleting. If it stays there, the delete failed: send it again."
          : "";
    openDialog(dialog);
  }

  function setup() {
    ui.eniTable.tBodies[0].addEventListener("click", (ev) => {
      const button = ev.target.closest("button[data-action='open']");
      if (button) open(button.dataset.id);
    });
    ui.detailDelete.addEventListener("click", () => {
      const id = ui.detailDialog.dataset.id;
      ui.detailDialog.close();
      onDelete(id, document.querySelector(`tr[data-id="${CSS.escape(id)}"] button[data-action='open']`));
    });
  }

  return { setup, open };
}
