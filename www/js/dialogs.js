// Modal dialogs: open with focus inside, close on Escape, [data-close] or a backdrop click,
// and give the focus back. The delete confirmation.
import { el, formatCount, replace } from "./dom.js";
import { isRedelete } from "./eni.js";
import { visible } from "./table.js";
import { ui } from "./ui.js";

/** Opens a modal dialog, focuses `focus`, and returns focus to where it was when it closes. */
export function openDialog(dialog, focus) {
  const back = document.activeElement;
  dialog.showModal();
  (focus ?? dialog.querySelector("[data-close]"))?.focus();
  dialog.addEventListener(
    "close",
    () => {
      const target = back && back.isConnected && !back.closest("[hidden]") ? back : ui.eniTable.closest(".table-wrap");
      target?.focus?.();
    },
    { once: true },
  );
}

export function setupDialogs() {
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
}

export function closeAllDialogs() {
  for (const d of document.querySelectorAll("dialog[open]")) d.close();
}

/** Resolves true when the user confirms deleting `enis` from `regionId`. */
export function confirmDelete(enis, regionId) {
  return new Promise((resolve) => {
    const dialog = ui.confirmDialog;
    const n = enis.length;
    const what = n === 1 ? "network interface" : "network interfaces";
    ui.confirmTitle.textContent = `Delete ${formatCount(n)} ${what}?`;
    ui.confirmDesc.textContent = `This cannot be undone. ${n === 1 ? "This network interface" : `These ${formatCount(n)} network interfaces`} will be deleted from ${regionId}:`;
    replace(
      ui.confirmList,
      enis.map((e) =>
        el(
          "li",
          null,
          el("span", { class: "mono" }, visible(e.networkInterfaceId)),
          e.networkInterfaceName
            ? el("span", { class: "confirm-name", dir: "auto" }, visible(e.networkInterfaceName))
            : null,
          el("span", { class: "muted confirm-meta" }, [e.vpcId, e.zoneId].filter(Boolean).map(visible).join(" · ")),
          isRedelete(e) ? el("span", { class: "pill again" }, "Deleting: delete again") : null,
        ),
      ),
    );
    ui.confirmOk.textContent = `Delete ${formatCount(n)} ${what}`;
    let answer = false;
    const ok = () => {
      answer = true;
      dialog.close();
    };
    const cancel = () => dialog.close();
    ui.confirmOk.addEventListener("click", ok);
    ui.confirmCancel.addEventListener("click", cancel);
    dialog.addEventListener(
      "close",
      () => {
        ui.confirmOk.removeEventListener("click", ok);
        ui.confirmCancel.removeEventListener("click", cancel);
        resolve(answer);
      },
      { once: true },
    );
    openDialog(dialog, ui.confirmCancel);
  });
}
