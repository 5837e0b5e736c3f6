// Connecting and disconnecting: the connect form (region, endpoint that follows the region
// until edited, keys), the client it creates, the workspace it opens, and Disconnect, which
// frees the client (and the keys in it) and clears the page.
import { closeAllDialogs } from "./dialogs.js";
import { el, safeHttpUrl } from "./dom.js";
import { hideError, renderError, renderMessage, toast } from "./feedback.js";
import { REGIONS } from "./regions.js";
import { ui } from "./ui.js";

/**
 * lib(): the aliyun-eni module (null until loaded). load({ connecting }): lists with the new
 * client. onDisconnect(): clear what the other modules show. onRegionSwitched(): the session
 * now points at another region (list it).
 */
export function createConnect({ lib, session, view, load, onDisconnect, onRegionSwitched }) {
  let endpointAuto = true; // the endpoint field follows the region until edited by hand

  function defaultEndpoint(regionId) {
    if (!lib() || !regionId) return "";
    try {
      return lib().resolveEndpoint(regionId);
    } catch {
      return "";
    }
  }

  function setup() {
    for (const [id, name] of REGIONS) ui.regionList.append(el("option", { value: id }, name));
    ui.region.addEventListener("input", () => {
      if (endpointAuto) ui.endpoint.value = defaultEndpoint(ui.region.value.trim());
    });
    ui.endpoint.addEventListener("input", () => {
      const typed = ui.endpoint.value.trim();
      endpointAuto = typed === "" || typed === defaultEndpoint(ui.region.value.trim());
      // A Cloudflare Worker endpoint is almost certainly the relay.
      if (/^https:\/\/[^/]+\.workers\.dev(\/|$)/i.test(typed) && !ui.viaRelay.checked) {
        ui.viaRelay.checked = true;
        showRelay();
      }
    });
    ui.region.addEventListener("input", showRelay);
    ui.viaRelay.addEventListener("change", showRelay);
    // Not a submitted form (see index.html): the button and Enter in a field connect.
    ui.connectBtn.addEventListener("click", () => connect());
    ui.connectForm.addEventListener("keydown", (ev) => {
      if (ev.key !== "Enter" || !(ev.target instanceof HTMLInputElement) || ev.isComposing) return;
      ev.preventDefault();
      connect();
    });
    ui.disconnect.addEventListener("click", () => disconnect());
    ui.regionSwitch.addEventListener("change", () => switchRegion(ui.regionSwitch.value));
  }

  /** The host V3 signs for when sending through the relay: the region's ECS host. */
  function signingHostFor(regionId) {
    const url = defaultEndpoint(regionId);
    return url ? new URL(url).host : "";
  }

  function showRelay() {
    ui.relaySecretField.hidden = !ui.viaRelay.checked;
    ui.relayHost.textContent = signingHostFor(ui.region.value.trim()) || "the region's ECS host";
  }

  /**
   * Client options for `regionId`: through the relay, V3 signs for the region's ECS host and
   * every request carries the relay's secret (only to the relay's endpoint: it is the only
   * place this client sends anything).
   */
  function clientOptions(regionId, endpoint, credentials, { signatureAlgorithm, relay }) {
    const options = { regionId, endpoint, credentials, signatureAlgorithm };
    if (relay) {
      options.signingHost = signingHostFor(regionId);
      if (relay.secret) {
        const secret = relay.secret;
        options.fetch = (input, init) => {
          const request = new Request(input, init);
          request.headers.set("X-Relay-Secret", secret);
          return fetch(request);
        };
      }
    }
    return options;
  }

  function fieldError(input, message) {
    input.setAttribute("aria-invalid", "true");
    renderMessage(ui.connectError, message);
    input.focus();
  }

  async function connect() {
    if (!lib()) return;
    const box = ui.connectError;
    hideError(box);
    for (const input of ui.connectForm.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
    const regionId = ui.region.value.trim();
    let endpoint = ui.endpoint.value.trim() || defaultEndpoint(regionId);
    const accessKeyId = ui.accessKeyId.value.trim();
    const accessKeySecret = ui.accessKeySecret.value;
    const securityToken = ui.securityToken.value.trim();
    if (!regionId) return fieldError(ui.region, "Enter a region, for example cn-hangzhou.");
    if (!endpoint || !safeHttpUrl(endpoint))
      return fieldError(ui.endpoint, "The endpoint must be an http:// or https:// URL.");
    endpoint = endpoint.replace(/\/+$/, "");
    if (!accessKeyId) return fieldError(ui.accessKeyId, "Enter the AccessKeyId.");
    if (!accessKeySecret) return fieldError(ui.accessKeySecret, "Enter the AccessKeySecret.");

    const signatureAlgorithm = ui.signatureAlgorithm.value;
    const relay = ui.viaRelay.checked ? { secret: ui.relaySecret.value.trim() } : null;
    if (relay && !signingHostFor(regionId))
      return fieldError(ui.region, "Through the relay, the region must be one the package knows the ECS host of.");

    const credentials = securityToken
      ? { accessKeyId, accessKeySecret, securityToken }
      : { accessKeyId, accessKeySecret };
    const how = { signatureAlgorithm, relay };
    let client;
    try {
      client = new (lib().EcsClient)(clientOptions(regionId, endpoint, credentials, how));
    } catch (e) {
      const x = renderError(box, e, {
        endpoint,
        fieldLabel: e.field === "endpoint" ? "Endpoint" : e.field === "regionId" ? "Region" : undefined,
      });
      const input = { endpoint: ui.endpoint, regionId: ui.region, credentials: ui.accessKeyId }[x.field];
      if (input) input.setAttribute("aria-invalid", "true");
      box.focus();
      return;
    }
    session.start(client, regionId, endpoint, otherRegions(regionId, endpoint, credentials, how));
    const button = ui.connectBtn;
    button.disabled = true;
    button.textContent = "Connecting…";
    try {
      await load({ connecting: true });
    } finally {
      button.disabled = false;
      button.textContent = "Connect";
    }
  }

  /**
   * One client per region of the list, for the region switcher. The endpoint follows each
   * region when it was the connected region's default; a typed one (a relay, the emulator)
   * serves every region.
   */
  function otherRegions(regionId, endpoint, credentials, how) {
    const regions = new Map();
    const typed = endpoint !== defaultEndpoint(regionId).replace(/\/+$/, "");
    // The form's list and the package's endpoint table (regionIds), each region once.
    const ids = new Set([...REGIONS.map(([id]) => id), ...(lib().regionIds?.() ?? [])]);
    for (const id of ids) {
      if (id === regionId) continue;
      const ep = typed ? endpoint : defaultEndpoint(id);
      try {
        if (how.relay && !signingHostFor(id)) continue;
        const client = new (lib().EcsClient)(clientOptions(id, ep, credentials, how));
        regions.set(id, { client, endpoint: ep });
      } catch {
        // a region the package refuses is simply not offered
      }
    }
    return regions;
  }

  /** The region switcher in the session bar: the regions this session has a client for. */
  function fillRegionSwitch() {
    const names = new Map(REGIONS);
    const select = ui.regionSwitch;
    select.replaceChildren(
      ...session.regionIds.map((id) => el("option", { value: id }, names.has(id) ? `${id} · ${names.get(id)}` : id)),
    );
    select.value = session.regionId;
  }

  /** The first page arrived (or a non-connection problem): show the workspace. */
  function enterWorkspace() {
    // The client holds the keys now; the form fields do not need to.
    ui.accessKeySecret.value = "";
    ui.securityToken.value = "";
    ui.relaySecret.value = "";
    ui.connectView.hidden = true;
    ui.workspace.hidden = false;
    ui.session.hidden = false;
    showSession();
    fillRegionSwitch();
    view.syncUrl(false);
  }

  function showSession() {
    ui.sessionRegion.textContent = session.regionId;
    ui.sessionEndpoint.textContent = session.endpoint;
    ui.sessionEndpoint.title = session.endpoint;
  }

  /**
   * Another region of the session: its list replaces the table. `fromUrl`: Back/Forward
   * brought it (the URL is already right). False when the session cannot go there.
   */
  function switchRegion(regionId, { fromUrl = false } = {}) {
    if (regionId === session.regionId || !session.switchTo(regionId)) return false;
    ui.region.value = regionId;
    showSession();
    ui.regionSwitch.value = regionId;
    onRegionSwitched({ fromUrl });
    return true;
  }

  /** Connecting failed because of the connection (keys, endpoint, CORS): back on the form. */
  function connectFailed(e) {
    session.end();
    const box = ui.connectError;
    const x = renderError(box, e, { action: "list", endpoint: session.endpoint });
    if (x.credentials || e.code === "SignatureDoesNotMatch") {
      const input =
        e.code === "SignatureDoesNotMatch"
          ? ui.accessKeySecret
          : /SecurityToken/.test(e.code)
            ? ui.securityToken
            : ui.accessKeyId;
      input.setAttribute("aria-invalid", "true");
      if (input !== ui.accessKeyId) input.value = "";
    } else if (e.code === "Relay.Unauthorized") {
      ui.relaySecret.setAttribute("aria-invalid", "true");
      ui.relaySecret.value = "";
    } else if (e.kind !== "api") ui.endpoint.setAttribute("aria-invalid", "true");
    box.focus();
  }

  function disconnect() {
    session.end();
    for (const input of [ui.accessKeyId, ui.accessKeySecret, ui.securityToken, ui.relaySecret]) input.value = "";
    onDisconnect();
    closeAllDialogs();
    ui.workspace.hidden = true;
    ui.session.hidden = true;
    ui.connectView.hidden = false;
    ui.accessKeyId.focus();
    toast("Disconnected: the keys are gone from this page.");
  }

  /** A region from the URL (before connecting), with its default endpoint unless one was typed. */
  function setRegion(regionId) {
    ui.region.value = regionId;
    if (endpointAuto) ui.endpoint.value = defaultEndpoint(regionId);
    showRelay();
  }

  /** Pre-fills the form (the demo server's config). */
  function prefill({ regionId, endpoint, accessKeyId, accessKeySecret }) {
    if (regionId) ui.region.value = regionId;
    if (endpoint) {
      ui.endpoint.value = endpoint;
      endpointAuto = false;
    }
    if (accessKeyId) ui.accessKeyId.value = accessKeyId;
    if (accessKeySecret) ui.accessKeySecret.value = accessKeySecret;
  }

  return { setup, enterWorkspace, connectFailed, setRegion, switchRegion, prefill };
}
