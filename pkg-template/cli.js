#!/usr/bin/env node
// aliyun-eni: list, delete and clean up Alibaba Cloud ECS elastic network interfaces.
// Node 20+. Only the package's `bin` points here: no loader imports it, so it stays out of
// browser and Worker bundles.
//
// Conventions (API.md "Command line"): machine-readable output on stdout; progress and prompts
// on stderr, only when it is a terminal; colour only on a terminal and never with NO_COLOR;
// exit 0 when everything asked for succeeded, 1 when anything failed (the rest still ran),
// 2 for a usage error.
import { parseArgs } from "node:util";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const BIN = "aliyun-eni";
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

/** How many regions `--all-regions` lists at a time. */
const REGION_CONCURRENCY = 4;

class UsageError extends Error {}

// ------------------------------------------------------------------------------ options

/** One flag per request field (API.md "Requests"), kebab-case; `field` is the request's name. */
const FILTERS = {
  "vswitch-id": { field: "vSwitchId" },
  "vpc-id": { field: "vpcId" },
  "primary-ip-address": { field: "primaryIpAddress" },
  "private-ip-address": { field: "privateIpAddresses", multiple: true },
  "ipv6-address": { field: "ipv6Addresses", multiple: true },
  "security-group-id": { field: "securityGroupId" },
  "network-interface-name": { field: "networkInterfaceName" },
  type: { field: "type" },
  "instance-id": { field: "instanceId" },
  "network-interface-id": { field: "networkInterfaceIds", multiple: true },
  "service-managed": { field: "serviceManaged", boolean: true },
  status: { field: "status" },
  tag: { field: "tags", multiple: true },
  "resource-group-id": { field: "resourceGroupId" },
  "page-number": { field: "pageNumber", integer: true },
  "page-size": { field: "pageSize", integer: true },
  "next-token": { field: "nextToken" },
  "max-results": { field: "maxResults", integer: true },
};
const FILTER_OPTIONS = Object.fromEntries(
  Object.entries(FILTERS).map(([name, f]) => [name, { type: "string", multiple: !!f.multiple }]),
);
// `vSwitchId` in kebab-case, spelled both ways.
FILTER_OPTIONS["v-switch-id"] = { type: "string" };

const COMMON_OPTIONS = {
  region: { type: "string", multiple: true },
  endpoint: { type: "string" },
  profile: { type: "string" },
  "signature-algorithm": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
};

const COMMANDS = {
  list: {
    summary: "list ENIs",
    options: {
      ...COMMON_OPTIONS,
      ...FILTER_OPTIONS,
      "all-regions": { type: "boolean" },
      output: { type: "string", short: "o" },
    },
  },
  delete: {
    summary: "delete ENIs by ID (arguments, or stdin)",
    positionals: true,
    options: {
      ...COMMON_OPTIONS,
      yes: { type: "boolean", short: "y" },
      wait: { type: "boolean" },
      "wait-timeout": { type: "string" },
      concurrency: { type: "string" },
      output: { type: "string", short: "o" },
    },
  },
  cleanup: {
    summary: "find orphaned ENIs and delete them (a dry run without --yes)",
    options: {
      ...COMMON_OPTIONS,
      ...FILTER_OPTIONS,
      "all-regions": { type: "boolean" },
      "older-than": { type: "string" },
      yes: { type: "boolean", short: "y" },
      concurrency: { type: "string" },
      output: { type: "string", short: "o" },
    },
  },
};

const COMMON_HELP = `Common options:
  --region R                 region (repeatable where several make sense);
                             default: $ALIBABA_CLOUD_REGION_ID
  --endpoint URL             ECS origin instead of the region's endpoint
  --profile NAME             credentials profile (~/.alibabacloud/credentials, ~/.aliyun/config.json)
  --signature-algorithm A    ACS3-HMAC-SHA256 (default) or HMAC-SHA1
  -h, --help                 this help
  --version                  the version

Credentials: the default chain (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET,
ALIBABA_CLOUD_SECURITY_TOKEN, profiles, the ECS RAM role, ...).
Exit status: 0 all succeeded, 1 something failed (the rest still ran), 2 usage error.`;

const FILTER_HELP = `Filters (server-side, ANDed):
  --status S  --type Primary|Secondary  --vpc-id ID  --vswitch-id ID  --security-group-id ID
  --instance-id ID  --network-interface-name NAME  --resource-group-id ID
  --primary-ip-address IP  --private-ip-address IP...  --ipv6-address IP...
  --network-interface-id ENI...  --service-managed true|false  --tag KEY[=VALUE]...
Paging: --max-results N (NextToken page size)  --next-token T  --page-number N  --page-size N`;

const HELP = {
  main: `${BIN}: list, delete and clean up Alibaba Cloud ECS elastic network interfaces

Usage: ${BIN} <command> [options]

Commands:
  list      ${COMMANDS.list.summary}
  delete    ${COMMANDS.delete.summary}
  cleanup   ${COMMANDS.cleanup.summary}

'${BIN} <command> --help' for each command's options.

${COMMON_HELP}`,
  list: `Usage: ${BIN} list [--region R]... [--all-regions] [filters] [--output FORMAT]

List ENIs. Every ENI of every page, in each region asked for.

  --all-regions              every region of the endpoint table, ${REGION_CONCURRENCY} at a time; a failing
                             region is reported on stderr and the others are listed
  -o, --output FORMAT        table (default on a terminal, sized to it), json, ndjson (streams), csv

${FILTER_HELP}

${COMMON_HELP}`,
  delete: `Usage: ${BIN} delete ENI_ID... [--yes] [--wait] [--concurrency N]
       ... | ${BIN} delete [--yes]        (IDs from stdin, separated by spaces, commas or lines)

Delete ENIs (Available Secondary ones; the API refuses others). Asks first on a terminal.

  -y, --yes                  do not ask (required when stdin or stderr is not a terminal)
  --wait                     wait until each ENI is gone (it goes through Deleting)
  --wait-timeout D           give up waiting after D (e.g. 2m; default 2m)
  --concurrency N            deletes at once, 1..32 (default 4; lowered while throttled)
  -o, --output FORMAT        text (default), json or ndjson: one outcome per ID

${COMMON_HELP}`,
  cleanup: `Usage: ${BIN} cleanup [filters] [--older-than 7d] [--yes] [--concurrency N]

Find orphaned ENIs: Available, Secondary, not service-managed, created at least --older-than
ago, and matching the filters. Without --yes this is a dry run: it prints what would be
deleted and why every other ENI stays. With --yes it deletes them, with a progress bar on
stderr when it is a terminal, then a summary. Primary, InUse and service-managed ENIs are
never deleted, whatever the filters say.

  --older-than D             minimum age by CreationTime: 30m, 12h, 7d, 2w... (default 1h)
  -y, --yes                  delete (otherwise: dry run)
  --concurrency N            deletes at once, 1..32 (default 4; lowered while throttled)
  --all-regions              every region of the endpoint table
  -o, --output FORMAT        table (default), json or ndjson: every ENI with its verdict
                             (dry run) or every outcome (--yes)

${FILTER_HELP}

${COMMON_HELP}`,
};

// ------------------------------------------------------------------------------ terminal

const env = process.env;
const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
const colorOn = (stream) => !noColor && !!stream.isTTY;
const paint = (stream, code, text) => (colorOn(stream) ? `\x1b[${code}m${text}\x1b[0m` : text);
const red = (s, t) => paint(s, "31", t);
const green = (s, t) => paint(s, "32", t);
const dim = (s, t) => paint(s, "2", t);
const bold = (s, t) => paint(s, "1", t);

/** Control characters (C0, DEL, C1, bidirectional overrides) made visible: names and tags come from the API, and a
 * terminal must never receive an escape sequence from them. */
function safeText(value) {
  // eslint-disable-next-line no-control-regex
  return String(value ?? "").replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, (c) => {
    const hex = c.charCodeAt(0).toString(16).padStart(2, "0");
    return c.charCodeAt(0) > 0xff ? `\\u${hex.padStart(4, "0")}` : `\\x${hex}`;
  });
}

/** A status line on stderr that redraws itself (only when stderr is a terminal). */
class StatusLine {
  constructor(stream) {
    this.stream = stream;
    this.enabled = !!stream.isTTY;
    this.text = "";
  }
  set(text) {
    if (!this.enabled) return;
    const width = this.stream.columns || 80;
    this.text = text.length >= width ? text.slice(0, width - 1) : text;
    this.stream.write(`\r\x1b[2K${this.text}`);
  }
  /** Clears the line so that another line can be printed, then `restore()` redraws it. */
  clear() {
    if (this.enabled && this.text) this.stream.write("\r\x1b[2K");
  }
  restore() {
    if (this.enabled && this.text) this.stream.write(this.text);
  }
  done() {
    if (this.enabled && this.text) this.stream.write("\n");
    this.text = "";
    this.enabled = false;
  }
}

let status = null;
function say(stream, line) {
  status?.clear();
  stream.write(line + "\n");
  status?.restore();
}
const out = (line) => say(process.stdout, line);
const err = (line) => say(process.stderr, line);

/** One line for an error: the API's code, message and request ID. */
function errorLine(e) {
  if (e && typeof e === "object" && e.name === "EcsError") {
    const message = safeText(e.message);
    // The library's messages of API errors already start with the code.
    let line = !e.code || message.startsWith(`${e.code}:`) ? message : `${e.code}: ${message}`;
    if (e.requestId) line += ` (request ID ${e.requestId})`;
    return line;
  }
  return safeText(e && e.message ? e.message : e);
}

// ------------------------------------------------------------------------------ arguments

function parse(command, args) {
  const spec = COMMANDS[command];
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec.options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(`${e.message.replace(/\. To specify a positional argument.*$/s, "")}`);
  }
  if (parsed.positionals.length && !spec.positionals && !parsed.values.help) {
    throw new UsageError(`${command} takes no arguments, got ${JSON.stringify(parsed.positionals[0])}`);
  }
  return parsed;
}

/** The flag of a request field named in a validation error ("tags[1].key" -> "--tag"). */
function flagOf(field) {
  const base = String(field ?? "").replace(/\[.*$/, "");
  const found = Object.entries(FILTERS).find(([, f]) => f.field === base);
  return found ? `--${found[0]}` : String(field ?? "input");
}

function integerFlag(name, text, min, max) {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** The DescribeNetworkInterfaces request of the filter flags. */
function requestOf(values) {
  const request = {};
  if (values["v-switch-id"] !== undefined) values["vswitch-id"] ??= values["v-switch-id"];
  for (const [name, f] of Object.entries(FILTERS)) {
    const v = values[name];
    if (v === undefined) continue;
    if (f.field === "tags") {
      request.tags = v.map((t) => {
        const eq = t.indexOf("=");
        const key = eq < 0 ? t : t.slice(0, eq);
        if (!key) throw new UsageError(`--tag must be KEY or KEY=VALUE, got ${JSON.stringify(t)}`);
        return eq < 0 ? { key } : { key, value: t.slice(eq + 1) };
      });
    } else if (f.boolean) {
      if (v !== "true" && v !== "false")
        throw new UsageError(`--${name} must be true or false, got ${JSON.stringify(v)}`);
      request[f.field] = v === "true";
    } else if (f.integer) {
      if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be an integer, got ${JSON.stringify(v)}`);
      request[f.field] = Number(v);
    } else {
      request[f.field] = v;
    }
  }
  return request;
}

function outputFormat(values, allowed, fallback) {
  const o = values.output ?? fallback;
  if (!allowed.includes(o))
    throw new UsageError(`--output must be one of ${allowed.join(", ")}, got ${JSON.stringify(o)}`);
  return o;
}

/** The regions asked for; `--all-regions`: every region of the library's endpoint table. */
async function regionsOf(values, { single = false } = {}) {
  if (values["all-regions"]) {
    if (values.region) throw new UsageError("--all-regions and --region do not go together");
    return (await library()).regionIds();
  }
  const regions = values.region ?? (env.ALIBABA_CLOUD_REGION_ID ? [env.ALIBABA_CLOUD_REGION_ID] : []);
  if (regions.length === 0) throw new UsageError("no region: pass --region R or set ALIBABA_CLOUD_REGION_ID");
  if (single && regions.length > 1) throw new UsageError("ENI IDs belong to one region: pass --region once");
  return [...new Set(regions)];
}

// ------------------------------------------------------------------------------ clients

let lib;
async function library() {
  lib ??= await import("./node.js");
  return lib;
}

async function clientFactory(values) {
  const { EcsClient, defaultCredentials, fromProfile } = await library();
  // The default chain (environment, OIDC, profiles, ECS RAM role, credentials URI), or one
  // profile. Either fails at the first request, with an error naming what it tried.
  const credentials = values.profile !== undefined ? fromProfile({ profile: values.profile }) : defaultCredentials();
  const algorithm = values["signature-algorithm"];
  if (algorithm !== undefined && algorithm !== "ACS3-HMAC-SHA256" && algorithm !== "HMAC-SHA1") {
    throw new UsageError(
      `--signature-algorithm must be ACS3-HMAC-SHA256 or HMAC-SHA1, got ${JSON.stringify(algorithm)}`,
    );
  }
  return (regionId) => {
    const options = { regionId, credentials };
    if (values.endpoint !== undefined) options.endpoint = values.endpoint;
    if (algorithm !== undefined) options.signatureAlgorithm = algorithm;
    try {
      return new EcsClient(options);
    } catch (e) {
      // Bad --region, --endpoint...: the user's input.
      if (e && e.kind === "validation") {
        const flag = { regionId: "--region", endpoint: "--endpoint", signatureAlgorithm: "--signature-algorithm" }[
          e.field
        ];
        throw new UsageError(flag ? `${flag}: ${e.message}` : e.message);
      }
      throw e;
    }
  };
}

/** Runs `task(item)` for each item, `limit` at a time, results in item order. */
async function mapLimit(items, limit, task) {
  const results = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i], i);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Lists `request` in each region (a few at a time), calling `onEni(eni, regionId)` for each ENI.
 * Returns { failed: [{ regionId, error }], capped: [regionId], counts: { regionId: n } }.
 */
async function listRegions(makeClient, regions, request, onEni) {
  const failed = [];
  const capped = [];
  const counts = {};
  await mapLimit(regions, REGION_CONCURRENCY, async (regionId) => {
    counts[regionId] = 0;
    let client;
    try {
      client = makeClient(regionId);
      const paginator = client.listNetworkInterfaces(request);
      for await (const page of paginator.pages()) {
        if (page.capped === true && !capped.includes(regionId)) capped.push(regionId);
        for (const eni of page.networkInterfaces) {
          counts[regionId]++;
          onEni(eni, regionId);
        }
      }
      if (paginator.capped === true && !capped.includes(regionId)) capped.push(regionId);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      // A filter the library refuses is the user's input, the same in every region.
      if (e && e.kind === "validation") throw new UsageError(`${flagOf(e.field)}: ${e.message}`);
      // No credentials is the same failure in every region: one line for the command.
      if (e && e.kind === "credentials") throw e;
      failed.push({ regionId, error: e });
      err(`${BIN}: ${red(process.stderr, regionId)}: ${errorLine(e)}`);
    } finally {
      client?.free?.();
    }
  });
  for (const regionId of capped) {
    err(
      `${BIN}: ${regionId}: capped: the API lists at most 1,000 ENIs with a tag or resource group filter; narrow it with other filters`,
    );
  }
  return { failed, capped, counts };
}

// ------------------------------------------------------------------------------ output

// `shrink`: which columns give up width first when the terminal is narrow (higher first).
const COLUMNS = [
  { title: "ID", get: (e) => e.networkInterfaceId, min: 8, shrink: 1 },
  { title: "REGION", get: (e) => e.regionId, min: 6, shrink: 1, multiRegionOnly: true },
  { title: "STATUS", get: (e) => e.status, min: 5, shrink: 1 },
  { title: "TYPE", get: (e) => e.type, min: 4, shrink: 1 },
  { title: "VPC", get: (e) => e.vpcId, min: 6, shrink: 3 },
  { title: "VSWITCH", get: (e) => e.vSwitchId, min: 7, shrink: 3 },
  { title: "PRIVATE IP", get: (e) => e.privateIpAddress, min: 7, shrink: 1 },
  { title: "INSTANCE", get: (e) => e.instanceId, min: 8, shrink: 3 },
  { title: "CREATED", get: (e) => e.creationTime, min: 7, shrink: 2 },
  { title: "NAME", get: (e) => e.networkInterfaceName, min: 4, shrink: 4 },
];

/** Truncates to `width` characters with an ellipsis. */
function fit(text, width) {
  return text.length <= width ? text.padEnd(width) : text.slice(0, Math.max(0, width - 1)) + "…";
}

/**
 * A table sized to the terminal (stdout's columns; $COLUMNS; unlimited when neither): columns
 * that can shrink give up width first (names, then IDs of VPCs and vSwitches, then dates).
 */
function renderTable(rows, columns, stream) {
  const cells = rows.map((r) => columns.map((c) => safeText(c.get(r) ?? "")));
  const widths = columns.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i].length)));
  const limit = stream === process.stdout ? outputWidth() : stream.columns || Infinity;
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  for (let level = 4; level >= 1 && total() > limit; level--) {
    // Shave the widest column of this level (or above) one character at a time.
    for (;;) {
      let widest = -1;
      for (let i = 0; i < columns.length; i++) {
        if (
          (columns[i].shrink ?? 0) >= level &&
          widths[i] > columns[i].min &&
          (widest < 0 || widths[i] > widths[widest])
        ) {
          widest = i;
        }
      }
      if (widest < 0 || total() <= limit) break;
      widths[widest]--;
    }
  }
  const line = (values) =>
    values
      .map((v, i) => fit(v, widths[i]))
      .join("  ")
      .trimEnd();
  const lines = [bold(stream, line(columns.map((c) => c.title)))];
  for (const row of cells) lines.push(line(row));
  return lines;
}

const CSV_FIELDS = [
  ["regionId", (e) => e.regionId],
  ["networkInterfaceId", (e) => e.networkInterfaceId],
  ["status", (e) => e.status],
  ["type", (e) => e.type],
  ["vpcId", (e) => e.vpcId],
  ["vSwitchId", (e) => e.vSwitchId],
  ["zoneId", (e) => e.zoneId],
  ["privateIpAddress", (e) => e.privateIpAddress],
  ["instanceId", (e) => e.instanceId],
  ["creationTime", (e) => e.creationTime],
  ["serviceManaged", (e) => (e.serviceManaged === undefined ? "" : String(e.serviceManaged))],
  ["networkInterfaceName", (e) => e.networkInterfaceName],
  ["description", (e) => e.description],
  ["securityGroupIds", (e) => (e.securityGroupIds || []).join(";")],
  ["tags", (e) => (e.tags || []).map((t) => `${t.key}=${t.value}`).join(";")],
];

/**
 * One CSV cell (RFC 4180), safe to open in a spreadsheet: a value that a spreadsheet would
 * read as a formula (starting with = + - @, a tab or a carriage return) gets a leading `'`.
 */
export function csvCell(value) {
  let s = String(value ?? "");
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** An output that writes ENIs as they come (json, ndjson, csv) or at the end (table). */
function eniWriter(format, multiRegion) {
  const rows = [];
  let first = true;
  return {
    begin() {
      if (format === "csv") out(CSV_FIELDS.map(([name]) => csvCell(name)).join(","));
      if (format === "json") process.stdout.write("[");
    },
    write(eni) {
      if (format === "ndjson") out(JSON.stringify(eni));
      else if (format === "json") {
        process.stdout.write((first ? "\n" : ",\n") + JSON.stringify(eni));
        first = false;
      } else if (format === "csv") out(CSV_FIELDS.map(([, get]) => csvCell(get(eni))).join(","));
      else rows.push(eni);
    },
    end() {
      if (format === "json") process.stdout.write(first ? "]\n" : "\n]\n");
      if (format === "table") {
        const columns = COLUMNS.filter((c) => multiRegion || !c.multiRegionOnly);
        for (const l of renderTable(rows, columns, process.stdout)) out(l);
      }
    },
  };
}

// ------------------------------------------------------------------------------ list

async function list(values) {
  const format = outputFormat(values, ["table", "json", "ndjson", "csv"], "table");
  const request = requestOf(values);
  const regions = await regionsOf(values);
  const makeClient = await clientFactory(values);
  const writer = eniWriter(format, regions.length > 1);
  writer.begin();
  const { failed, counts, capped } = await listRegions(makeClient, regions, request, (eni, regionId) =>
    writer.write({ regionId, ...eni }),
  );
  writer.end();
  if (format === "table" && process.stderr.isTTY) {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const note = capped.length ? ` (capped at 1,000 in ${capped.join(", ")})` : "";
    err(
      dim(
        process.stderr,
        `${total} ENI${total === 1 ? "" : "s"} in ${regions.length - failed.length} region${regions.length - failed.length === 1 ? "" : "s"}${note}`,
      ),
    );
  }
  return failed.length ? EXIT_FAILED : EXIT_OK;
}

// ------------------------------------------------------------------------------ delete

async function readStdinIds() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks)
    .toString("utf8")
    .split(/[\s,]+/)
    .filter(Boolean);
}

async function confirm(question) {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    const answer = await new Promise((resolve) => {
      rl.question(question, resolve);
      rl.once("close", () => resolve(""));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

/** Asks on the terminal unless --yes; without a terminal, --yes is required. */
async function confirmOrRefuse(values, question, stdinUsed) {
  if (values.yes) return true;
  if (stdinUsed || !process.stdin.isTTY || !process.stderr.isTTY) {
    throw new UsageError("not deleting without confirmation: pass --yes (there is no terminal to ask on)");
  }
  return confirm(question);
}

function formatRate(perSecond) {
  return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
}

function formatSeconds(s) {
  if (!Number.isFinite(s)) return "?";
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return `${m}m${String(Math.ceil(s - m * 60)).padStart(2, "0")}s`;
}

/** The progress bar: done / failed / throttled, rate, ETA. */
function progressText({ done, failed, throttled, total, startedAt, width }) {
  const finished = done + failed;
  const elapsed = (Date.now() - startedAt) / 1000;
  const rate = elapsed > 0 ? finished / elapsed : 0;
  const eta = rate > 0 ? (total - finished) / rate : Infinity;
  const barWidth = Math.max(10, Math.min(30, width - 70));
  const filled = total ? Math.round((finished / total) * barWidth) : barWidth;
  const bar = "#".repeat(filled) + "-".repeat(barWidth - filled);
  return (
    `[${bar}] ${finished}/${total} · ${done} deleted · ${failed} failed · ${throttled} throttled · ` +
    `${formatRate(rate)}/s · ETA ${finished === total ? "0s" : formatSeconds(eta)}`
  );
}

/**
 * Deletes `ids` in one region through deleteNetworkInterfaces, reporting each outcome.
 * Returns { done, failed, throttled }.
 */
async function deleteWithProgress(client, regionId, ids, values, format, totals) {
  const concurrency = integerFlag("concurrency", values.concurrency, 1, 32);
  const options = {};
  if (concurrency !== undefined) options.concurrency = concurrency;
  if (values.wait) options.waitUntilDeleted = true;
  if (values["wait-timeout"] !== undefined) {
    options.waitUntilDeleted = true;
    options.waitTimeoutMs = durationFlag("wait-timeout", values["wait-timeout"]);
  }
  const it = client.deleteNetworkInterfaces(ids, options);
  let counted = false; // it.stats.throttled is in totals once this region is over
  const draw = () =>
    status?.set(
      progressText({
        done: totals.done,
        failed: totals.failed,
        throttled: totals.throttledBefore + (counted ? 0 : it.stats.throttled),
        total: totals.total,
        startedAt: totals.startedAt,
        width: process.stderr.columns || 80,
      }),
    );
  const timer = status?.enabled ? setInterval(draw, 100) : null;
  draw();
  try {
    for await (const o of it) {
      if (o.ok) totals.done++;
      else totals.failed++;
      const record = o.ok
        ? { regionId, networkInterfaceId: o.networkInterfaceId, ok: true, requestId: o.requestId }
        : { regionId, networkInterfaceId: o.networkInterfaceId, ok: false, error: o.error.toJSON?.() ?? o.error };
      if (format === "ndjson") out(JSON.stringify(record));
      else if (format === "json") totals.records.push(record);
      else if (o.ok) out(`${green(process.stdout, "deleted")} ${o.networkInterfaceId}`);
      if (!o.ok) err(`${BIN}: ${red(process.stderr, o.networkInterfaceId)}: ${errorLine(o.error)}`);
      draw();
    }
  } finally {
    if (timer) clearInterval(timer);
    totals.throttledBefore += it.stats.throttled;
    counted = true;
    draw();
  }
}

function durationFlag(name, text) {
  try {
    return lib.parseDuration(text, `--${name}`);
  } catch (e) {
    throw new UsageError(e.message);
  }
}

async function deleteCommand(values, positionals) {
  const format = outputFormat(values, ["text", "json", "ndjson"], "text");
  const [regionId] = await regionsOf(values, { single: true });
  integerFlag("concurrency", values.concurrency, 1, 32);
  let ids = positionals.filter((p) => p !== "-");
  const fromStdin = positionals.length === 0 ? !process.stdin.isTTY : positionals.includes("-");
  if (fromStdin) ids = ids.concat(await readStdinIds());
  if (ids.length === 0) throw new UsageError("no ENI IDs: pass them as arguments or on stdin");
  const makeClient = await clientFactory(values);
  if (values["wait-timeout"] !== undefined) durationFlag("wait-timeout", values["wait-timeout"]);
  const client = makeClient(regionId);
  const shown = ids.length <= 5 ? ids.join(", ") : `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more`;
  if (
    !(await confirmOrRefuse(
      values,
      `Delete ${ids.length} ENI${ids.length === 1 ? "" : "s"} in ${regionId} (${shown})? [y/N] `,
      fromStdin,
    ))
  ) {
    err(`${BIN}: nothing deleted`);
    return EXIT_FAILED;
  }
  status = process.stderr.isTTY && ids.length > 1 ? new StatusLine(process.stderr) : null;
  const totals = {
    done: 0,
    failed: 0,
    throttledBefore: 0,
    total: new Set(ids).size,
    startedAt: Date.now(),
    records: [],
  };
  try {
    await deleteWithProgress(client, regionId, ids, values, format, totals);
  } finally {
    status?.done();
    status = null;
    client.free();
  }
  if (format === "json") out(JSON.stringify(totals.records, null, 2));
  return totals.failed ? EXIT_FAILED : EXIT_OK;
}

// ------------------------------------------------------------------------------ cleanup

const VERDICT_COLUMNS = [
  { title: "ID", get: (e) => e.networkInterfaceId, min: 8, shrink: 1 },
  { title: "REGION", get: (e) => e.regionId, min: 6, shrink: 1 },
  { title: "VPC", get: (e) => e.vpcId, min: 6, shrink: 3 },
  { title: "VSWITCH", get: (e) => e.vSwitchId, min: 7, shrink: 3 },
  { title: "CREATED", get: (e) => e.creationTime, min: 7, shrink: 2 },
  { title: "NAME", get: (e) => e.networkInterfaceName, min: 4, shrink: 4 },
  { title: "WHY", get: (e) => e.verdict.reason, min: 10, shrink: 2 },
];

/** The width of stdout: the terminal's, else $COLUMNS, else unlimited. */
function outputWidth() {
  return process.stdout.isTTY ? process.stdout.columns : Number(env.COLUMNS) || Infinity;
}

/** A line cut to the output's width. */
function clip(line) {
  const width = outputWidth();
  return line.length > width ? line.slice(0, width - 1) + "…" : line;
}

async function cleanup(values) {
  const format = outputFormat(values, ["table", "json", "ndjson"], "table");
  const request = requestOf(values);
  const regions = await regionsOf(values);
  const { cleanupVerdict } = await library();
  integerFlag("concurrency", values.concurrency, 1, 32);
  // Without --older-than, the rule's own default (one hour).
  const rule = { now: Date.now() };
  if (values["older-than"] !== undefined) rule.olderThanMs = durationFlag("older-than", values["older-than"]);
  for (const key of ["vpcId", "vSwitchId", "resourceGroupId", "securityGroupId", "networkInterfaceName"]) {
    if (request[key] !== undefined) rule[key] = request[key];
  }
  if (request.tags) rule.tags = request.tags;
  const makeClient = await clientFactory(values);

  // 1. List, and judge each ENI by the one rule.
  const judged = [];
  const listing = await listRegions(makeClient, regions, request, (eni, regionId) => {
    judged.push({ regionId, ...eni, verdict: cleanupVerdict(eni, rule) });
  });
  const candidates = judged.filter((e) => e.verdict.candidate);
  const kept = judged.filter((e) => !e.verdict.candidate);
  const listFailed = listing.failed.length > 0;

  if (!values.yes) {
    // 2a. Dry run: what would go, and why the others stay.
    if (format === "ndjson") {
      for (const e of judged) out(JSON.stringify(verdictRecord(e)));
    } else if (format === "json") {
      out(JSON.stringify(judged.map(verdictRecord), null, 2));
    } else {
      if (candidates.length) {
        out(bold(process.stdout, `Would delete ${candidates.length} ENI${candidates.length === 1 ? "" : "s"}:`));
        for (const l of renderTable(candidates, VERDICT_COLUMNS, process.stdout)) out(l);
      } else {
        out("Nothing to delete.");
      }
      if (kept.length) {
        out("");
        out(bold(process.stdout, `Keeping ${kept.length} ENI${kept.length === 1 ? "" : "s"}:`));
        const groups = new Map();
        for (const e of kept) {
          const key = e.verdict.code;
          if (!groups.has(key)) groups.set(key, []);
          groups.get(key).push(e);
        }
        for (const [code, list] of [...groups].sort((a, b) => b[1].length - a[1].length)) {
          // The reason says more than the group's title only where it varies.
          const detail = !["primary", "service-managed"].includes(code);
          const examples = list
            .slice(0, 3)
            .map((e) => (detail ? `${e.networkInterfaceId} (${safeText(e.verdict.reason)})` : e.networkInterfaceId))
            .join(", ");
          out(
            clip(
              `  ${String(list.length).padStart(5)}  ${KEPT_TITLES[code] ?? code}: ${examples}${list.length > 3 ? ", ..." : ""}`,
            ),
          );
        }
        out(dim(process.stdout, `(--output ndjson lists every ENI with its verdict)`));
      }
      out("");
      out(`Dry run: nothing was deleted. Run again with --yes to delete ${candidates.length === 1 ? "it" : "them"}.`);
    }
    return listFailed ? EXIT_FAILED : EXIT_OK;
  }

  // 2b. Delete the candidates, region by region, with one progress display over all.
  const totals = {
    done: 0,
    failed: 0,
    throttledBefore: 0,
    total: candidates.length,
    startedAt: Date.now(),
    records: [],
  };
  status = process.stderr.isTTY ? new StatusLine(process.stderr) : null;
  try {
    for (const regionId of regions) {
      const ids = candidates.filter((e) => e.regionId === regionId).map((e) => e.networkInterfaceId);
      if (ids.length === 0) continue;
      const client = makeClient(regionId);
      try {
        await deleteWithProgress(client, regionId, ids, values, format === "table" ? "text" : format, totals);
      } finally {
        client.free();
      }
    }
  } finally {
    status?.done();
    status = null;
  }
  if (format === "json") out(JSON.stringify(totals.records, null, 2));
  const seconds = ((Date.now() - totals.startedAt) / 1000).toFixed(1);
  const summary =
    `Deleted ${totals.done} of ${candidates.length} orphaned ENI${candidates.length === 1 ? "" : "s"}` +
    ` in ${seconds}s; ${totals.failed} failed; ${totals.throttledBefore} throttled; kept ${kept.length}` +
    (listFailed
      ? `; ${listing.failed.length} region${listing.failed.length === 1 ? "" : "s"} could not be listed`
      : "");
  err(totals.failed || listFailed ? red(process.stderr, summary) : summary);
  return totals.failed || listFailed ? EXIT_FAILED : EXIT_OK;
}

const KEPT_TITLES = {
  primary: "Primary",
  "in-use": "InUse",
  "service-managed": "service-managed",
  status: "not Available",
  "too-young": "too young",
  "no-creation-time": "age unknown",
  filter: "filtered out",
};

function verdictRecord(e) {
  const { verdict, ...eni } = e;
  return {
    regionId: eni.regionId,
    networkInterfaceId: eni.networkInterfaceId,
    candidate: verdict.candidate,
    code: verdict.code,
    reason: verdict.reason,
    eni,
  };
}

// ------------------------------------------------------------------------------ main

function version() {
  try {
    return JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version;
  } catch {
    return "unknown";
  }
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    const topic = command === "help" && COMMANDS[rest[0]] ? rest[0] : "main";
    process.stdout.write(HELP[topic] + "\n");
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (command === "--version" || command === "-V") {
    process.stdout.write(`${BIN} ${version()}\n`);
    return EXIT_OK;
  }
  if (!COMMANDS[command]) {
    throw new UsageError(`unknown command ${JSON.stringify(command)} (commands: list, delete, cleanup)`);
  }
  const { values, positionals } = parse(command, rest);
  if (values.help) {
    process.stdout.write(HELP[command] + "\n");
    return EXIT_OK;
  }
  if (values.version) {
    process.stdout.write(`${BIN} ${version()}\n`);
    return EXIT_OK;
  }
  if (command === "list") return list(values);
  if (command === "delete") return deleteCommand(values, positionals);
  return cleanup(values);
}

process.stdout.on("error", (e) => {
  // `aliyun-eni list | head`: the reader went away; stop quietly.
  if (e.code === "EPIPE") process.exit(EXIT_OK);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    status?.done();
    if (e instanceof UsageError) {
      const command = COMMANDS[process.argv[2]] ? ` ${process.argv[2]}` : "";
      process.stderr.write(`${BIN}${command}: ${safeText(e.message)} (see ${BIN}${command} --help)\n`);
      process.exitCode = EXIT_USAGE;
    } else {
      process.stderr.write(`${BIN}: error: ${errorLine(e)}\n`);
      process.exitCode = EXIT_FAILED;
    }
  },
);
