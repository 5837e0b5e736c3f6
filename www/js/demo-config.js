// The demo configuration: only `make demo` (scripts/demo.mjs) adds the meta tag and serves the
// file; served by anything else, the page never looks for it.
import { ui } from "./ui.js";

/** prefill({ regionId, endpoint, accessKeyId, accessKeySecret }) fills the connect form. */
export async function loadDemoConfig(prefill) {
  const meta = document.querySelector('meta[name="aliyun-eni-demo-config"]');
  if (!meta) return;
  const url = new URL(meta.content, location.href);
  if (url.origin !== location.origin) return;
  try {
    const res = await fetch(url, { cache: "no-store", credentials: "omit" });
    if (!res.ok) return;
    prefill(await res.json());
    ui.demoNote.hidden = false;
  } catch {
    /* no demo */
  }
}
