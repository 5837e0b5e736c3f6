// Loading the list: pages stream into the table; Stop cancels; a newer load, or the end of the
// session, makes an older one stale (one check, `current()`), so it never touches the page again.
import { el, formatCount, replace } from "./dom.js";
import { hideError, renderError } from "./feedback.js";
import { filtersToRequest } from "./filters.js";
import { ui } from "./ui.js";

const PAGE_SIZE = 100; // MaxResults per DescribeNetworkInterfaces call
const CAP = 1000; // what ECS shows at most with Tag.N or ResourceGroupId

/** An error that means "this connection does not work" (shown on the connect form). */
export function isConnectionError(err) {
  if (!err || err.name !== "EcsError") return false;
  if (err.kind === "network" || err.kind === "timeout" || err.kind === "decode") return true;
  if (err.kind !== "api") return false;
  return /^(SignatureDoesNotMatch|IncompleteSignature|InvalidAccessKeyId|InvalidSecurityToken|InvalidTimeStamp|InvalidRegionId|Relay\.)/.test(
    err.code ?? "",
  );
}

/**
 * session, table, view (the filters), filtersForm (for validation errors on a filter), and:
 * onEnter(): the first page arrived, or a problem that is not the connection's; show the workspace.
 * onConnectFailure(err): connecting failed (the connection is wrong); back to the form.
 * onRows(): a page was added (row states such as "deleting" are re-applied).
 * onStateChange(): the load state changed.
 */
export function createLoader({ session, table, view, filtersForm, onEnter, onConnectFailure, onRows, onStateChange }) {
  let run = null; // the current load: { ctl }
  let loadState = "idle"; // idle | loading | done | stopped | failed
  let capped = false; // a page of this listing was flagged capped (ECS's 1,000 limit)

  function setState(s) {
    loadState = s;
    ui.stop.disabled = s !== "loading";
    onStateChange();
  }

  async function load({ connecting = false } = {}) {
    const client = session.client;
    if (!client) return;
    run?.ctl.abort();
    const mine = { ctl: new AbortController() };
    run = mine;
    const current = () => run === mine;
    table.clear();
    hideError(ui.listError);
    hideError(ui.filterError);
    filtersForm.clearInvalid();
    setState("loading");
    let entered = !connecting;
    const enter = () => {
      if (entered) return;
      entered = true;
      onEnter();
    };
    const request = { ...filtersToRequest(view.filters), maxResults: PAGE_SIZE };
    showCapped(false);
    try {
      for await (const page of client.listNetworkInterfaces(request, { signal: mine.ctl.signal }).pages()) {
        if (!current()) return;
        enter();
        table.appendPage(page.networkInterfaces);
        onRows();
        // With a tag or resource-group filter ECS shows at most 1,000 ENIs; the package flags
        // the page where the listing hit that cap. Said plainly, never taken for complete.
        if (page.capped) showCapped(true);
      }
      if (!current()) return;
      enter();
      setState("done");
    } catch (e) {
      if (!current()) return;
      if (e?.kind === "aborted") {
        setState("stopped");
        return;
      }
      if (!entered && isConnectionError(e)) {
        onConnectFailure(e);
        return;
      }
      enter();
      setState("failed");
      showListError(e);
    } finally {
      if (run === mine) run = null;
    }
  }

  function showCapped(on) {
    capped = on;
    ui.cappedNote.hidden = !on;
    ui.loadStatus.dataset.capped = String(on);
    if (!on) return ui.cappedNote.replaceChildren();
    replace(
      ui.cappedNote,
      el("strong", null, "This list is incomplete. "),
      `With a tag or resource group filter, ECS returns at most ${formatCount(CAP)} network interfaces, and this listing reached that limit: there are more that match. Narrow the filters (a VPC, vSwitch, status or type) to see the rest, each view under ${formatCount(CAP)}.`,
    );
  }

  function showListError(e) {
    if (filtersForm.showFieldError(e)) return;
    renderError(ui.listError, e, { action: "list", endpoint: session.endpoint });
    ui.listError.focus();
  }

  return {
    load,
    get state() {
      return loadState;
    },
    get capped() {
      return capped;
    },
    /** Stop: the load ends as "stopped". */
    stop() {
      run?.ctl.abort();
    },
    /** The session ends: the load is dropped without a word. */
    abandon() {
      const r = run;
      run = null;
      r?.ctl.abort();
    },
    reset() {
      setState("idle");
    },
  };
}
