// Turns an EcsError into what a person needs: a plain title, what to do, and the API's
// details (code, message, request ID, the Recommend link). No DOM here.

const ACTION_PERMISSION = {
  list: "ecs:DescribeNetworkInterfaces",
  delete: "ecs:DeleteNetworkInterface",
};

/** The API's own Message: `apiMessage` (typed by the package), else `message` without "Code: ". */
export function apiMessage(err) {
  if (typeof err?.apiMessage === "string") return err.apiMessage;
  const msg = String(err?.message ?? "");
  return err?.code && msg.startsWith(`${err.code}: `) ? msg.slice(err.code.length + 2) : msg;
}

/**
 * ctx: { endpoint, action: "list" | "delete", pageOrigin, pageProtocol, fieldLabel }
 * Returns { title, lines: string[], steps?: string[], details: [label, value, copy?][],
 *           recommend?: string, kind, code, field? }.
 */
export function explainError(err, ctx = {}) {
  const endpoint = ctx.endpoint || "the endpoint";
  const what = ctx.action === "delete" ? "delete the network interface" : "list network interfaces";
  const details = [];
  if (!err || err.name !== "EcsError") {
    return {
      title: "Something went wrong in this page",
      lines: [String(err?.message ?? err)],
      details,
      kind: "internal",
      code: "",
    };
  }
  if (err.code) details.push(["Code", err.code, false]);
  const message = apiMessage(err);
  if (message) details.push(["Message", message, false]);
  if (err.httpStatus) details.push(["HTTP status", String(err.httpStatus), false]);
  if (err.requestId) details.push(["Request ID", err.requestId, true]);
  if (err.hostId) details.push(["Host ID", err.hostId, false]);
  if (err.attempts > 1) details.push(["Attempts", String(err.attempts), false]);
  const base = { details, recommend: err.recommend, kind: err.kind, code: err.code };

  switch (err.kind) {
    case "aborted":
      return { ...base, title: "Stopped", lines: ["The request was cancelled."] };
    case "validation":
      return {
        ...base,
        field: err.field,
        title: ctx.fieldLabel ? `Check “${ctx.fieldLabel}”` : "Check the form",
        lines: [`${message}. Nothing was sent.`],
      };
    case "network": {
      const lines = [
        `The browser got no answer it could read from ${endpoint}. A browser does not tell a page why, so it is one of these:`,
      ];
      const steps = [
        `The endpoint cannot be reached: a typo in the endpoint, no network or VPN, a firewall, or the server is down. Check the endpoint and your connection.`,
        `The endpoint answered, but without CORS headers allowing this page (${ctx.pageOrigin || "this origin"}) to read it. Alibaba Cloud's ECS endpoints do not answer browser pages this way. Deploy the relay in relay/ of this site (a small Cloudflare Worker, see relay/README.md), add ${ctx.pageOrigin || "this page's origin"} to its ALLOWED_ORIGINS, and use the relay's URL as the endpoint.`,
      ];
      if (ctx.pageProtocol === "https:" && /^http:/i.test(ctx.endpoint ?? "")) {
        steps.unshift(
          "This page is served over HTTPS and the endpoint is plain HTTP: browsers block that (mixed content). Use an https:// endpoint.",
        );
      }
      return { ...base, title: `Could not reach ${endpoint}`, lines, steps };
    }
    case "timeout":
      if (err.code === "WaitTimeout") {
        return {
          ...base,
          title: "Still deleting",
          lines: [
            "The delete was accepted, but the network interface was still listed after the wait time. It may disappear later: reload the list in a while.",
          ],
        };
      }
      return {
        ...base,
        title: `${endpoint} did not answer in time`,
        lines: [
          `No answer within the time limit${err.attempts > 1 ? ` (tried ${err.attempts} times)` : ""}. The endpoint may be overloaded, or a firewall drops the connection. Try again, and check the endpoint.`,
        ],
      };
    case "decode":
      return {
        ...base,
        title: "That answer is not from the ECS API",
        lines: [
          `Something answered at ${endpoint}${err.httpStatus ? ` (HTTP ${err.httpStatus})` : ""}, but not with what the ECS API sends. Check that the endpoint is the ECS API or the relay, not a web page or another service.`,
        ],
      };
    default:
      return { ...base, ...explainApi(err, ctx, what) };
  }
}

function explainApi(err, ctx, what) {
  const code = err.code ?? "";
  const is = (...prefixes) => prefixes.some((p) => code === p || code.startsWith(`${p}.`));
  if (code === "SignatureDoesNotMatch") {
    return {
      title: "The AccessKeySecret is wrong",
      lines: [
        "Alibaba Cloud could not verify the request's signature. This almost always means the AccessKeySecret does not belong to this AccessKeyId. Paste the secret again, checking for missing characters or extra spaces.",
      ],
      credentials: true,
    };
  }
  if (code === "InvalidAccessKeyId.Inactive") {
    return {
      title: "This AccessKey is disabled",
      lines: ["Enable it in the RAM console, or use another AccessKey."],
      credentials: true,
    };
  }
  if (is("InvalidAccessKeyId")) {
    return {
      title: "The AccessKeyId is not known",
      lines: [
        "No AccessKey has this ID. Check it for typos. It may also have been deleted, or belong to the other Alibaba Cloud site (China / international).",
      ],
      credentials: true,
    };
  }
  if (is("InvalidSecurityToken")) {
    return {
      title: "The SecurityToken is wrong or has expired",
      lines: [
        "STS credentials come as three values (AccessKeyId, AccessKeySecret, SecurityToken) that expire together. Get a fresh set and connect again; with a permanent AccessKey, leave the SecurityToken empty.",
      ],
      credentials: true,
    };
  }
  if (is("InvalidTimeStamp")) {
    return {
      title: "Your computer's clock is off",
      lines: [
        "The request's time is more than 15 minutes away from Alibaba Cloud's clock. Set your clock to update automatically, then try again.",
      ],
    };
  }
  if (is("Forbidden", "NoPermission", "Forbidden.RAM", "Forbidden.NotAuthorized")) {
    const perm = ACTION_PERMISSION[ctx.action] ?? ACTION_PERMISSION.list;
    return {
      title: "Not allowed",
      lines: [
        `The AccessKey is valid, but its RAM user or role may not ${what}. Ask an administrator to grant ${perm}.`,
      ],
    };
  }
  if (code.startsWith("Relay.") || code === "Throttling.Relay") return explainRelay(err, code);
  if (is("Throttling")) {
    return {
      title: "Too many requests",
      lines: ["Alibaba Cloud is throttling this account (the page already retried). Wait a minute and try again."],
    };
  }
  if (is("InvalidRegionId")) {
    return { title: "Unknown region", lines: ["Check the region ID, for example cn-hangzhou."] };
  }
  if (is("InvalidNextToken")) {
    return { title: "The list changed while loading", lines: ["Reload the list."] };
  }
  if (code === "InvalidEniId.NotFound") {
    return {
      title: "This network interface does not exist",
      lines: ["It may have been deleted already (reload the list), or it is in another region."],
    };
  }
  if (code === "InvalidOperation.InvalidEniState") {
    return {
      title: "Not Available",
      lines: [
        "Only Available network interfaces can be deleted: detach it from its instance first, or wait until it is Available.",
      ],
    };
  }
  if (code === "InvalidOperation.InvalidEniType") {
    return {
      title: "Primary network interfaces cannot be deleted",
      lines: ["A primary network interface is released with its instance."],
    };
  }
  if (code === "InvalidOperation.EniServiceManaged") {
    return {
      title: "Managed by another service",
      lines: ["Delete it through the Alibaba Cloud service that created it."],
    };
  }
  if (is("ServiceUnavailable", "InternalError", "UnknownError")) {
    return {
      title: "Alibaba Cloud had a problem",
      lines: [
        "The service failed to answer (the page already retried). Try again later; if it persists, give the request ID to Alibaba Cloud support.",
      ],
    };
  }
  if (is("InvalidParameter", "MissingParameter", "InvalidVersion", "InvalidAction")) {
    return { title: "The API refused the request", lines: [`${apiMessage(err)}`] };
  }
  return { title: `ECS refused to ${what}`, lines: [apiMessage(err) || code] };
}

/** The relay's own refusals (www/relay/): what to change in the page or in the relay. */
function explainRelay(err, code) {
  const why = {
    "Relay.Unauthorized": [
      "The relay refused: wrong or missing relay secret",
      "Enter the relay's secret (its RELAY_SECRET) in “Relay secret”, or use the relay behind Cloudflare Access.",
    ],
    "Relay.OriginNotAllowed": [
      "The relay does not serve this page",
      "Add this page's origin to the relay's ALLOWED_ORIGINS.",
    ],
    "Relay.NotConfigured": [
      "The relay has no access control set up",
      "Set RELAY_SECRET (or Cloudflare Access) on the relay, then enter the secret here.",
    ],
    "Throttling.Relay": ["Too many requests through the relay", "Wait a minute and try again."],
  }[code] ?? ["The relay refused the request", apiMessage(err) || code];
  return { title: why[0], lines: [why[1]], relay: true };
}
