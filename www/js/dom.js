// Tiny DOM helpers. Everything that comes from the API goes through text nodes: there is no
// innerHTML anywhere in this page (and the CSP asks Chromium to enforce it with Trusted Types).

const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * el("td", { class: "mono", title: x, dataset: { id } }, "text", childNode, [more])
 * Strings become text nodes; null/undefined/false children are skipped.
 */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) setAttrs(node, attrs);
  append(node, children);
  return node;
}

function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = Array.isArray(v) ? v.filter(Boolean).join(" ") : v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) throw new Error("use addEventListener, not attributes");
    else if (v === true) node.setAttribute(k, "");
    else node.setAttribute(k, String(v));
  }
}

export function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return node;
}

/** Replaces the children of `node`. */
export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** An icon from the sprite in index.html: <svg><use href="#i-NAME"></svg>. */
export function icon(name) {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("class", "icon");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const use = document.createElementNS(SVG_NS, "use");
  use.setAttribute("href", `#i-${name}`);
  svg.append(use);
  return svg;
}

/** Only http(s) links survive; anything else (javascript:, data:, garbage) gives null. */
export function safeHttpUrl(text) {
  if (typeof text !== "string" || !text) return null;
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
}

// Hosts whose links the page presents as Alibaba Cloud's own advice (the API's Recommend).
const ALIBABA_CLOUD_DOMAINS = ["aliyun.com", "alibabacloud.com", "aliyuncs.com"];

/** Whether `host` is one of Alibaba Cloud's domains or below one ("api.aliyun.com"). */
export function isAlibabaCloudHost(host) {
  const h = String(host ?? "")
    .toLowerCase()
    .replace(/\.$/, "");
  return ALIBABA_CLOUD_DOMAINS.some((d) => h === d || h.endsWith(`.${d}`));
}

/**
 * A Recommend link of an API error: { href, host, alibabaCloud } for an http(s) URL (the host
 * tells whether it is Alibaba Cloud's), or null for anything else.
 */
export function recommendLink(text) {
  const href = safeHttpUrl(text);
  if (!href) return null;
  const { hostname } = new URL(href);
  return { href, host: hostname, alibabaCloud: isAlibabaCloudHost(hostname) };
}

const numberFormat = new Intl.NumberFormat("en-US");
export const formatCount = (n) => numberFormat.format(n);

/** Copies text; falls back to a hidden textarea when the async clipboard is unavailable. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = el("textarea", { class: "visually-hidden", "aria-hidden": "true", tabindex: "-1" });
    area.value = text;
    document.body.append(area);
    area.select();
    let ok;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}
