// The `aliyun-eni` command as a user runs it: the bin of the packed package, child processes
// against the emulator, credentials from the environment.
/* eslint-disable no-control-regex -- the tests read what a terminal receives */
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KNOWN_REGIONS } from "../emulator/data.mjs";
import { run, runInPty, finalScreen, regionRelay, cliEnv, startEmulator, SECRETS, KEY } from "./_helpers.mjs";

let emu;

before(async () => {
  emu = await startEmulator({ enis: 60, seed: 31, deleteDelayMs: 50 });
});

after(async () => {
  await emu?.close();
});

const hz = (extra = []) => ["--region", "cn-hangzhou", "--endpoint", emu.url, ...extra];
const stateIn = (region) => emu.state().enis.filter((e) => e.RegionId === region);
const isOrphan = (e) => e.Status === "Available" && e.Type === "Secondary" && !e.ServiceManaged;

function noSecrets(...texts) {
  for (const t of texts) for (const s of SECRETS) assert.ok(!t.includes(s), "a secret was printed");
}

/** Every line a plain `list` printed is an error or nothing on stderr; one line per error. */
function oneLineError(stderr, pattern) {
  const lines = stderr.trimEnd().split("\n");
  assert.equal(lines.length, 1, stderr);
  assert.match(lines[0], pattern);
}

// ------------------------------------------------------------------ basics

test("--version, --help, help per command; usage errors exit 2 with one line", async () => {
  const v = await run(["--version"]);
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^aliyun-eni \d+\.\d+\.\d+/);

  const h = await run(["--help"]);
  assert.equal(h.code, 0);
  for (const c of ["list", "delete", "cleanup"]) assert.match(h.stdout, new RegExp(`\\b${c}\\b`));
  assert.ok(h.stdout.split("\n").length < 40, "help fits a screen");

  for (const c of ["list", "delete", "cleanup"]) {
    const r = await run([c, "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, new RegExp(`^Usage: aliyun-eni ${c}`));
  }
  const lh = await run(["list", "--help"]);
  for (const flag of [
    "--status",
    "--type",
    "--vpc-id",
    "--vswitch-id",
    "--tag",
    "--network-interface-id",
    "--all-regions",
  ]) {
    assert.ok(lh.stdout.includes(flag), flag);
  }
  assert.match((await run(["cleanup", "--help"])).stdout, /--older-than/);

  for (const [args, pattern] of [
    [["frobnicate"], /unknown command "frobnicate"/],
    [["list", "--bogus"], /Unknown option '--bogus'/],
    [["list", ...hz(["--output", "xml"])], /--output must be one of table, json, ndjson, csv, got "xml"/],
    [["list", ...hz(["--status", "Sleeping"])], /--status: status must be one of/],
    [["list", ...hz(["--service-managed", "maybe"])], /--service-managed must be true or false/],
    [["list", ...hz(["--tag", "=x"])], /--tag must be KEY or KEY=VALUE/],
    [["list", "--endpoint", emu.url], /no region: pass --region R or set ALIBABA_CLOUD_REGION_ID/],
    [["list", "--region", "CN_HZ", "--endpoint", emu.url], /--region: regionId must be a region ID/],
    [["cleanup", ...hz(["--older-than", "7 days"])], /--older-than must be a duration/],
    [["cleanup", ...hz(["--concurrency", "64"])], /--concurrency must be an integer between 1 and 32/],
    [["delete", ...hz()], /no ENI IDs/],
    [["list", "extra"], /list takes no arguments/],
  ]) {
    const r = await run(args, { input: "" });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stdout, "");
    oneLineError(r.stderr, pattern);
  }
});

test("region from ALIBABA_CLOUD_REGION_ID; no credentials is one clear line, exit 1", async () => {
  const r = await run(["list", "--endpoint", emu.url, "-o", "ndjson"], {
    env: cliEnv({ ALIBABA_CLOUD_REGION_ID: "cn-shanghai" }),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout.trim().split("\n").length, stateIn("cn-shanghai").length);

  const n = await run(["list", ...hz()], {
    env: cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_ID: undefined, ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined }),
  });
  assert.equal(n.code, 1);
  assert.equal(n.stdout, "");
  assert.equal(n.stderr.trimEnd().split("\n").length, 1, n.stderr);
  assert.match(n.stderr, /credentials|ALIBABA_CLOUD_ACCESS_KEY_ID/i);

  const bad = await run(["list", ...hz()], { env: cliEnv({ ALIBABA_CLOUD_ACCESS_KEY_SECRET: "wrong-secret-value" }) });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /cn-hangzhou: SignatureDoesNotMatch: .*\(request ID [0-9A-F-]{36}\)/);
  assert.ok(!bad.stderr.includes("wrong-secret-value"));
});

// ------------------------------------------------------------------ list

test("list: json, ndjson and csv carry every ENI; table fits the terminal width", async () => {
  const want = stateIn("cn-hangzhou")
    .map((e) => e.NetworkInterfaceId)
    .sort();

  const json = await run(["list", ...hz(["--output", "json"])]);
  assert.equal(json.code, 0, json.stderr);
  const enis = JSON.parse(json.stdout);
  assert.deepEqual(enis.map((e) => e.networkInterfaceId).sort(), want);
  assert.ok(enis.every((e) => e.regionId === "cn-hangzhou" && Array.isArray(e.tags)));
  assert.equal(json.stderr, "");

  const nd = await run(["list", ...hz(["-o", "ndjson"])]);
  const lines = nd.stdout.trimEnd().split("\n");
  assert.deepEqual(lines.map((l) => JSON.parse(l).networkInterfaceId).sort(), want);

  const csv = await run(["list", ...hz(["-o", "csv"])]);
  const rows = csv.stdout.trimEnd().split("\n");
  assert.match(rows[0], /^regionId,networkInterfaceId,status,type,vpcId,vSwitchId/);
  // Hostile ENI 8 has a tag "=cmd|' /C calc'!A0": neutralised with a leading quote.
  const row8 = rows.find((r) => r.includes("eni-bp1hostile0000000008"));
  assert.ok(row8.includes(`"'=cmd|' /C calc'!A0='=cmd|' /C calc'!A0;`) || row8.includes(`'=cmd|`), row8);
  for (const cell of row8.split(",")) assert.doesNotMatch(cell.replace(/^"/, ""), /^[=+@]/, cell);
  // Quotes inside cells are doubled; the description with a comma is quoted.
  const row1 = rows.find((r) => r.includes("eni-bp1hostile0000000002"));
  assert.ok(row1.includes(`"<script>alert(""xss"")</script>"`), row1);
  assert.equal(rows.length, want.length + 1);

  const table = await run(["list", ...hz()], { env: cliEnv({ COLUMNS: "90" }) });
  const tl = table.stdout.trimEnd().split("\n");
  assert.match(tl[0], /^ID\s+STATUS\s+TYPE\s+VPC/);
  assert.equal(tl.length, want.length + 1);
  for (const l of tl) assert.ok([...l].length <= 90, `${[...l].length}: ${l}`);
  // A right-to-left override from the API is shown escaped, never sent to the terminal.
  assert.ok(!table.stdout.includes("\u202e"));
  assert.ok(!table.stdout.includes("\x1b"));
  noSecrets(json.stdout, nd.stdout, csv.stdout, table.stdout, table.stderr);
});

test("list: filters are flags (status, type, tag, network-interface-id, service-managed, vpc-id)", async () => {
  const all = stateIn("cn-hangzhou");
  const ids = async (args) => {
    const r = await run(["list", ...hz([...args, "-o", "ndjson"])]);
    assert.equal(r.code, 0, r.stderr);
    return r.stdout
      .trimEnd()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  };
  const avail = await ids(["--status", "Available", "--type", "Secondary"]);
  assert.equal(avail.length, all.filter((e) => e.Status === "Available" && e.Type === "Secondary").length);
  assert.ok(avail.every((e) => e.status === "Available" && e.type === "Secondary"));

  const two = all.slice(0, 2).map((e) => e.NetworkInterfaceId);
  const picked = await ids(["--network-interface-id", two[0], "--network-interface-id", two[1]]);
  assert.deepEqual(picked.map((e) => e.networkInterfaceId).sort(), [...two].sort());

  const managed = await ids(["--service-managed", "true"]);
  assert.ok(managed.length > 0 && managed.every((e) => e.serviceManaged === true));

  const vpc = all[0].VpcId;
  const inVpc = await ids(["--vpc-id", vpc]);
  assert.equal(inVpc.length, all.filter((e) => e.VpcId === vpc).length);

  const tagged = all.find((e) => (e.Tags?.Tag ?? []).length > 0);
  const t = tagged.Tags.Tag[0];
  const withTag = await ids(["--tag", `${t.TagKey ?? t.Key}=${t.TagValue ?? t.Value}`]);
  assert.ok(withTag.some((e) => e.networkInterfaceId === tagged.NetworkInterfaceId));
  assert.ok(
    withTag.every((e) => e.tags.some((x) => x.key === (t.TagKey ?? t.Key) && x.value === (t.TagValue ?? t.Value))),
  );

  const paged = await ids(["--max-results", "7"]);
  assert.equal(paged.length, all.length);
});

test("list --all-regions: every region, a failing one reported, the rest listed, exit 1", async () => {
  const relay = await regionRelay(emu.url, { failRegion: "cn-beijing", knownRegions: KNOWN_REGIONS });
  try {
    const r = await run(["list", "--all-regions", "--endpoint", relay.url, "-o", "ndjson"]);
    assert.equal(r.code, 1, r.stderr);
    const got = r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    const want = [...stateIn("cn-hangzhou"), ...stateIn("cn-shanghai")].map((e) => e.NetworkInterfaceId).sort();
    assert.deepEqual(got.map((e) => e.networkInterfaceId).sort(), want);
    assert.ok(got.filter((e) => e.networkInterfaceId.startsWith("eni-uf6")).every((e) => e.regionId === "cn-shanghai"));
    // One line for the failing region, with the API's code, message and request ID.
    const errors = r.stderr.trimEnd().split("\n");
    assert.equal(errors.length, 1, r.stderr);
    assert.match(errors[0], /^aliyun-eni: cn-beijing: Forbidden\.RAM: .*\(request ID RELAY-REQUEST-ID\)$/);
    // Every region was asked (more than 20 of them).
    assert.ok(new Set(relay.requests).size >= 20, `${new Set(relay.requests).size} regions`);
    assert.ok(relay.requests.includes("ap-southeast-1"));

    const table = await run(["list", "--all-regions", "--endpoint", relay.url]);
    assert.equal(table.code, 1);
    assert.match(table.stdout.split("\n")[0], /^ID\s+REGION\s+STATUS/);
  } finally {
    await relay.close();
  }
});

// ------------------------------------------------------------------ delete

test("delete: IDs as arguments and from stdin with --yes; refuses without a terminal; failures exit 1", async () => {
  await emu.reset({ enis: 60, seed: 31, deleteDelayMs: 50 });
  const orphans = stateIn("cn-hangzhou").filter(isOrphan);
  const [a, b, c, d] = orphans.map((e) => e.NetworkInterfaceId);

  // No terminal and no --yes: nothing is deleted.
  const refused = await run(["delete", ...hz([a])]);
  assert.equal(refused.code, 2);
  oneLineError(refused.stderr, /pass --yes/);
  assert.equal(emu.state().enis.find((e) => e.NetworkInterfaceId === a).Status, "Available");

  const args = await run(["delete", ...hz(["--yes", a, b])]);
  assert.equal(args.code, 0, args.stderr);
  assert.deepEqual(args.stdout.trimEnd().split("\n").sort(), [`deleted ${a}`, `deleted ${b}`].sort());
  assert.equal(args.stderr, "");

  const stdin = await run(["delete", ...hz(["--yes", "-o", "ndjson"])], {
    input: `${c}\n${d}, eni-bp1doesnotexist0001\n`,
  });
  assert.equal(stdin.code, 1);
  const outcomes = stdin.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    outcomes
      .filter((o) => o.ok)
      .map((o) => o.networkInterfaceId)
      .sort(),
    [c, d].sort(),
  );
  const failed = outcomes.find((o) => !o.ok);
  assert.equal(failed.networkInterfaceId, "eni-bp1doesnotexist0001");
  assert.equal(failed.error.code, "InvalidEniId.NotFound");
  oneLineError(
    stdin.stderr,
    /^aliyun-eni: eni-bp1doesnotexist0001: InvalidEniId\.NotFound: .*\(request ID [0-9A-F-]{36}\)$/,
  );

  const gone = new Map(emu.state().enis.map((e) => [e.NetworkInterfaceId, e.Status]));
  for (const id of [a, b, c, d]) assert.ok(!gone.has(id) || gone.get(id) === "Deleting", id);

  // A Primary ENI: the API refuses, exit 1, the message says why.
  const primary = stateIn("cn-hangzhou").find((e) => e.Type === "Primary").NetworkInterfaceId;
  const p = await run(["delete", ...hz(["--yes", primary])]);
  assert.equal(p.code, 1);
  oneLineError(p.stderr, /InvalidOperation\.InvalidEniType/);
});

test("delete --wait: returns once the ENI is gone", async () => {
  const id = stateIn("cn-hangzhou").find(isOrphan).NetworkInterfaceId;
  const r = await run(["delete", ...hz(["--yes", "--wait", id])]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(!emu.state().enis.some((e) => e.NetworkInterfaceId === id));
  const log = emu.log().requests;
  const del = log.findLastIndex((q) => q.action === "DeleteNetworkInterface");
  assert.ok(
    log.slice(del + 1).some((q) => q.action === "DescribeNetworkInterfaces"),
    "it polled",
  );
});

// ------------------------------------------------------------------ cleanup

test("cleanup: a dry run by default, what would go and why the others stay; never Primary, InUse or service-managed", async () => {
  await emu.reset({ enis: 60, seed: 31, deleteDelayMs: 50 });
  const before = emu.state().enis.length;
  const dry = await run(["cleanup", ...hz(["--older-than", "30d"])], { env: cliEnv({ COLUMNS: "200" }) });
  assert.equal(dry.code, 0, dry.stderr);
  assert.equal(emu.state().enis.length, before);
  assert.ok(!emu.log().requests.some((q) => q.action === "DeleteNetworkInterface"), "nothing deleted");
  const orphans = stateIn("cn-hangzhou").filter(isOrphan);
  assert.match(dry.stdout, new RegExp(`^Would delete ${orphans.length} ENIs:`, "m"));
  for (const e of orphans) assert.ok(dry.stdout.includes(e.NetworkInterfaceId), e.NetworkInterfaceId);
  assert.match(dry.stdout, /^Keeping \d+ ENIs:/m);
  assert.match(dry.stdout, /service-managed: /);
  assert.match(dry.stdout, /Primary: /);
  assert.match(dry.stdout, /Dry run: nothing was deleted/);

  // Every ENI with its verdict, by the library's one rule.
  const nd = await run(["cleanup", ...hz(["--older-than", "30d", "-o", "ndjson"])]);
  const verdicts = nd.stdout
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  assert.equal(verdicts.length, stateIn("cn-hangzhou").length);
  for (const v of verdicts) {
    const e = v.eni;
    const expected = e.status === "Available" && e.type === "Secondary" && e.serviceManaged !== true;
    assert.equal(v.candidate, expected, JSON.stringify(v));
    assert.equal(typeof v.reason, "string");
  }

  // Filters cannot make Primary, InUse or service-managed ENIs candidates.
  for (const filter of [
    ["--type", "Primary"],
    ["--status", "InUse"],
    ["--service-managed", "true"],
  ]) {
    const r = await run(["cleanup", ...hz([...filter, "--older-than", "0s", "-o", "json"])]);
    assert.equal(r.code, 0, r.stderr);
    const list = JSON.parse(r.stdout);
    assert.ok(list.length > 0, filter.join(" "));
    assert.deepEqual(
      list.filter((v) => v.candidate),
      [],
      filter.join(" "),
    );
    assert.ok(list.every((v) => ["primary", "in-use", "service-managed"].includes(v.code)));
  }

  // Age: nothing in the emulator is younger than ten years... than 100 weeks, some are.
  const young = await run(["cleanup", ...hz(["--older-than", "100w", "-o", "json"])]);
  assert.ok(JSON.parse(young.stdout).some((v) => v.code === "too-young"));
});

test("cleanup --yes deletes the orphans only (no terminal: no progress), then a summary", async () => {
  await emu.reset({ enis: 60, seed: 31, deleteDelayMs: 50 });
  const before = stateIn("cn-hangzhou");
  const orphans = before.filter(isOrphan).map((e) => e.NetworkInterfaceId);
  const r = await run(["cleanup", ...hz(["--older-than", "1d", "--yes", "--concurrency", "8"])]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(
    r.stdout
      .trimEnd()
      .split("\n")
      .map((l) => l.replace(/^deleted /, ""))
      .sort(),
    [...orphans].sort(),
  );
  // No progress bar and no colour when stderr is not a terminal: only the summary.
  assert.doesNotMatch(r.stderr, /\r|\x1b/);
  assert.match(
    r.stderr.trim(),
    new RegExp(
      `^Deleted ${orphans.length} of ${orphans.length} orphaned ENIs in [\\d.]+s; 0 failed; \\d+ throttled; kept ${before.length - orphans.length}$`,
    ),
  );
  const after = new Map(emu.state().enis.map((e) => [e.NetworkInterfaceId, e]));
  for (const e of before) {
    if (orphans.includes(e.NetworkInterfaceId))
      assert.ok(!after.has(e.NetworkInterfaceId) || after.get(e.NetworkInterfaceId).Status === "Deleting");
    else assert.equal(after.get(e.NetworkInterfaceId)?.Status, e.Status, e.NetworkInterfaceId);
  }
});

test("cleanup --yes in a real terminal: live progress bar on stderr, final screen", { timeout: 120_000 }, async () => {
  await emu.reset({ enis: 120, seed: 32, deleteDelayMs: 50 });
  const orphans = stateIn("cn-hangzhou").filter(isOrphan);
  emu.setFaults({ latencyMs: 40 });
  const running = runInPty(["cleanup", ...hz(["--older-than", "1d", "--yes", "--concurrency", "4"])], { columns: 120 });
  // Once the deletes have begun (the listing is over), six requests are throttled.
  const deadline = Date.now() + 30_000;
  while (!emu.log().requests.some((q) => q.action === "DeleteNetworkInterface") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  emu.setFaults({ throttle: { count: 6 } });
  const r = await running;
  emu.clearFaults();
  const throttled = emu.log().requests.filter((q) => q.code === "Throttling.User");
  assert.equal(throttled.length, 6);
  assert.ok(throttled.every((q) => q.action === "DeleteNetworkInterface"));
  assert.equal(r.code, 0, r.output);
  // It redrew itself (several frames), coloured (a terminal, NO_COLOR unset).
  assert.ok((r.output.match(/\r\x1b\[2K\[/g) || []).length >= 3, "progress frames");
  assert.match(r.output, /\x1b\[32mdeleted\x1b\[0m/);
  const screen = finalScreen(r.output);
  const n = orphans.length;
  const bar = screen.find((l) => l.startsWith("[#"));
  assert.ok(bar, screen.join("\n"));
  assert.match(
    bar,
    new RegExp(`^\\[#{10,30}\\] ${n}/${n} · ${n} deleted · 0 failed · 6 throttled · [\\d.]+/s · ETA 0s$`),
  );
  assert.match(
    screen.at(-1),
    new RegExp(`^Deleted ${n} of ${n} orphaned ENIs in [\\d.]+s; 0 failed; 6 throttled; kept \\d+$`),
  );
  // No line was left half-overwritten: every "deleted" line is whole.
  for (const l of screen.filter((x) => x.startsWith("deleted"))) assert.match(l, /^deleted eni-[a-z0-9]+$/);
  assert.equal(screen.filter((x) => x.startsWith("deleted")).length, n);
});

test("NO_COLOR in a terminal: no colour; the dry run in a terminal", async () => {
  await emu.reset({ enis: 60, seed: 31, deleteDelayMs: 50 });
  const r = await runInPty(["cleanup", ...hz(["--older-than", "1d"])], {
    env: cliEnv({ NO_COLOR: "1" }),
    columns: 100,
  });
  assert.equal(r.code, 0, r.output);
  assert.doesNotMatch(r.output, /\x1b\[\d+m/);
  const screen = finalScreen(r.output);
  assert.ok(
    screen.some((l) => /^Would delete \d+ ENIs:$/.test(l)),
    screen.join("\n"),
  );
  for (const l of screen) assert.ok(l.length <= 100, l);
});

test("delete on a terminal asks first: no keeps the ENI, yes deletes it", { timeout: 60_000 }, async () => {
  await emu.reset({ enis: 60, seed: 33, deleteDelayMs: 50 });
  const [a, b] = stateIn("cn-hangzhou")
    .filter(isOrphan)
    .map((e) => e.NetworkInterfaceId);
  const no = await runInPty(["delete", ...hz([a, b])], { answer: "n\r" });
  assert.match(no.output, new RegExp(`Delete 2 ENIs in cn-hangzhou \\(${a}, ${b}\\)\\? \\[y/N\\] `));
  assert.match(no.output, /nothing deleted/);
  assert.equal(no.code, 1);
  assert.ok(!emu.log().requests.some((q) => q.action === "DeleteNetworkInterface"));

  const yes = await runInPty(["delete", ...hz([a])], { answer: "y\r" });
  assert.equal(yes.code, 0, yes.output);
  assert.match(finalScreen(yes.output).at(-1), new RegExp(`^deleted ${a}$`));
  assert.notEqual(emu.state().enis.find((e) => e.NetworkInterfaceId === a)?.Status, "Available");
});

test("--profile reads the credentials file (the default chain otherwise)", async () => {
  const home = mkdtempSync(join(tmpdir(), "aliyun-eni-cli-"));
  try {
    mkdirSync(join(home, ".alibabacloud"));
    writeFileSync(
      join(home, ".alibabacloud", "credentials"),
      `[default]\ntype = access_key\naccess_key_id = nobody\naccess_key_secret = nothing\n\n` +
        `[ops]\ntype = access_key\naccess_key_id = ${KEY.accessKeyId}\naccess_key_secret = ${KEY.accessKeySecret}\n`,
    );
    const env = cliEnv({
      HOME: home,
      ALIBABA_CLOUD_ACCESS_KEY_ID: undefined,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: undefined,
    });
    const want = stateIn("cn-shanghai").length;
    const ops = await run(
      ["list", "--region", "cn-shanghai", "--endpoint", emu.url, "--profile", "ops", "-o", "ndjson"],
      { env },
    );
    assert.equal(ops.code, 0, ops.stderr);
    assert.equal(ops.stdout.trimEnd().split("\n").length, want);
    // The default profile's key is unknown to the emulator: one line naming the API's code.
    const dflt = await run(["list", "--region", "cn-shanghai", "--endpoint", emu.url, "-o", "ndjson"], { env });
    assert.equal(dflt.code, 1);
    oneLineError(dflt.stderr, /cn-shanghai: InvalidAccessKeyId\.NotFound/);
    const missing = await run(["list", "--region", "cn-shanghai", "--endpoint", emu.url, "--profile", "nope"], { env });
    assert.equal(missing.code, 1);
    oneLineError(missing.stderr, /nope/);
    noSecrets(ops.stdout, ops.stderr, dflt.stderr, missing.stderr);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test("--signature-algorithm picks the signature", async () => {
  emu.clearLog();
  for (const algorithm of ["HMAC-SHA1", "ACS3-HMAC-SHA256"]) {
    const r = await run([
      "list",
      "--region",
      "cn-shanghai",
      "--endpoint",
      emu.url,
      "--signature-algorithm",
      algorithm,
      "-o",
      "json",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).length, stateIn("cn-shanghai").length);
  }
  const log = emu.log().requests;
  assert.ok(
    log.some((q) => q.params.SignatureMethod === "HMAC-SHA1"),
    "a V2 request",
  );
  assert.ok(
    log.some((q) => q.params.SignatureMethod === undefined),
    "a V3 request",
  );
  const bad = await run(["list", ...hz(["--signature-algorithm", "MD5"])]);
  assert.equal(bad.code, 2);
  oneLineError(bad.stderr, /--signature-algorithm must be ACS3-HMAC-SHA256 or HMAC-SHA1/);
});

test(
  "list says when the API capped a listing at 1,000 (tag or resource group filter)",
  { timeout: 60_000 },
  async () => {
    await emu.reset({ enis: 4000, seed: 1, deleteDelayMs: 50 });
    try {
      const withEnv = stateIn("cn-hangzhou").filter((e) =>
        (e.Tags?.Tag ?? []).some((t) => (t.TagKey ?? t.Key) === "env"),
      );
      assert.ok(withEnv.length > 1000, `${withEnv.length} ENIs tagged env`);
      const r = await run(["list", ...hz(["--tag", "env", "-o", "ndjson"])]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.trimEnd().split("\n").length, 1000);
      oneLineError(r.stderr, /^aliyun-eni: cn-hangzhou: capped: the API lists at most 1,000 ENIs/);
      // Under the cap: nothing said.
      const few = await run(["list", ...hz(["--tag", "env", "--status", "Creating", "-o", "ndjson"])]);
      assert.equal(few.code, 0);
      assert.equal(few.stderr, "");
    } finally {
      await emu.reset({ enis: 60, seed: 31, deleteDelayMs: 50 });
    }
  },
);
