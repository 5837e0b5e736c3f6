// What the page tells the person: error boxes (from explainError), the toast, copy buttons.
import { copyText, el, icon, recommendLink, replace } from "./dom.js";
import { explainError } from "./errors.js";
import { copyButton, visible } from "./table.js";
import { ui } from "./ui.js";

/** explainError with what the page knows about itself (its origin, for the CORS advice). */
export function explain(err, ctx = {}) {
  return explainError(err, { pageOrigin: location.origin, pageProtocol: location.protocol, ...ctx });
}

/** Shows `err` explained in `box`; ctx: { endpoint, action, fieldLabel }. Returns the explanation. */
export function renderError(box, err, ctx = {}) {
  const x = explain(err, ctx);
  replace(box, errorContent(x));
  box.dataset.code = x.code ?? "";
  box.dataset.kind = x.kind ?? "";
  box.hidden = false;
  return x;
}

/** A one-line problem in `box` (no API error behind it). */
export function renderMessage(box, message) {
  replace(box, el("p", { class: "error-title" }, icon("alert"), el("strong", null, message)));
  box.dataset.code = "";
  box.hidden = false;
}

export function errorContent(x) {
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
  if (x.recommend) parts.push(recommendParagraph(x.recommend));
  return parts;
}

/**
 * The API's Recommend: "Alibaba Cloud suggests" only for a link to Alibaba Cloud's own hosts;
 * any other link is shown by its host (whoever answered at the endpoint chose it).
 */
function recommendParagraph(text) {
  const link = recommendLink(text);
  const newTab = el("span", { class: "visually-hidden" }, " (opens in a new tab)");
  const a = (label) => el("a", { href: link.href, target: "_blank", rel: "noopener noreferrer" }, label);
  let content;
  if (!link) content = ["Recommend (not a web link): ", el("span", { class: "mono" }, visible(text))];
  else if (link.alibabaCloud) content = ["Alibaba Cloud suggests: ", a("troubleshooting for this error"), newTab];
  else
    content = [
      "The answer links to another site, not Alibaba Cloud: ",
      a(el("span", { class: "mono" }, visible(link.host))),
      newTab,
    ];
  return el("p", { class: "error-recommend", dataset: { host: link?.host ?? "" } }, content);
}

export function hideError(box) {
  box.hidden = true;
  box.replaceChildren();
}

let toastTimer = 0;
export function toast(text) {
  const t = ui.toast;
  t.textContent = text;
  t.classList.add("show");
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => t.classList.remove("show"), 2500);
}

/** Every button[data-action=copy] of the page copies its data-copy value. */
export function setupCopyButtons() {
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
