// CSV and JSON exports of the loaded ENIs. No DOM here.
import { privateIps, publicIps, tagText } from "./eni.js";

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection): such
// cells get a leading apostrophe, which spreadsheets show as text. Spreadsheets skip leading
// spaces and invisible characters and read full-width signs as their ASCII twins, so those
// are looked through first: " =1+1", "\u200b=1+1", "\ufeff@x", "＝1+1" and "|calc" are all guarded.
const FORMULA_START = /^[=+\-@|\t\r\n\uff1d\uff0b\uff0d\uff20\uff5c]/;
// White space (\s covers NBSP, U+3000 and the other Unicode spaces), soft hyphen, Mongolian
// vowel separator, zero-width and bidi marks, word joiner and invisible operators, BOM.
const LEADING_INVISIBLE = /^[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+/;

/** Whether a spreadsheet could run `text` as a formula. */
export function looksLikeFormula(text) {
  const s = String(text);
  return FORMULA_START.test(s) || FORMULA_START.test(s.replace(LEADING_INVISIBLE, ""));
}

export function csvCell(value) {
  let text = value === undefined || value === null ? "" : String(value);
  if (looksLikeFormula(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  ["NetworkInterfaceId", (e) => e.networkInterfaceId],
  ["NetworkInterfaceName", (e) => e.networkInterfaceName],
  ["Status", (e) => e.status],
  ["Type", (e) => e.type],
  ["VpcId", (e) => e.vpcId],
  ["VSwitchId", (e) => e.vSwitchId],
  ["ZoneId", (e) => e.zoneId],
  ["PrivateIpAddress", (e) => e.privateIpAddress],
  ["PrivateIpAddresses", (e) => privateIps(e).join(" ")],
  ["PublicIpAddresses", (e) => publicIps(e).join(" ")],
  ["Ipv6Addresses", (e) => (e.ipv6Sets ?? []).map((s) => s.ipv6Address).join(" ")],
  ["InstanceId", (e) => e.instanceId],
  ["SecurityGroupIds", (e) => (e.securityGroupIds ?? []).join(" ")],
  ["Tags", (e) => (e.tags ?? []).map(tagText).join("; ")],
  ["MacAddress", (e) => e.macAddress],
  ["CreationTime", (e) => e.creationTime],
  ["ResourceGroupId", (e) => e.resourceGroupId],
  ["OwnerId", (e) => e.ownerId],
  ["ServiceManaged", (e) => (e.serviceManaged === undefined ? "" : String(e.serviceManaged))],
  ["ServiceId", (e) => e.serviceId],
  ["Description", (e) => e.description],
];

/** RFC 4180 CSV (CRLF line ends) with a BOM so spreadsheets read it as UTF-8. */
export function toCsv(enis) {
  const lines = [CSV_COLUMNS.map(([h]) => csvCell(h)).join(",")];
  for (const e of enis) lines.push(CSV_COLUMNS.map(([, f]) => csvCell(f(e))).join(","));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

export function toJson(enis) {
  return `${JSON.stringify(enis, null, 2)}\n`;
}

/** "enis-cn-hangzhou-20250102-0304.csv" */
export function exportFileName(regionId, ext, now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const region = String(regionId || "region").replace(/[^A-Za-z0-9-]/g, "_");
  return `enis-${region}-${stamp}.${ext}`;
}
