// Shared by the CLI tests: the `aliyun-eni` bin of the packed package installed as a user
// installs it, run as a child process (or in a pseudo-terminal through util-linux `script`),
// a relay that makes one region fail, and a small terminal emulator for the final screen.
import { spawn } from "node:child_process";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { installedPackage, KEY } from "../js/harness.mjs";

export { startEmulator, KEY, SECRETS } from "../js/harness.mjs";

/** The bin as npm installs it (node_modules/.bin/aliyun-eni). */
export function bin() {
  return join(installedPackage().dir, "node_modules", ".bin", "aliyun-eni");
}

/** An environment with the emulator's credentials and nothing else of the caller's. */
export function cliEnv(extra = {}) {
  const env = {
    PATH: process.env.PATH,
    HOME: "/nonexistent-home-for-cli-tests",
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.accessKeyId,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.accessKeySecret,
    // No instance metadata service to try in tests.
    ALIBABA_CLOUD_ECS_METADATA_DISABLED: "true",
    ...extra,
  };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** Runs the CLI; resolves { code, stdout, stderr }. */
export function run(args, { env = cliEnv(), input, timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin(), args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI in a real pseudo-terminal (util-linux `script`): stdin, stdout and stderr are
 * all the terminal. Resolves { code, output } with everything the terminal received.
 */
export function runInPty(args, { env = cliEnv(), columns = 120, timeoutMs = 60_000, answer } = {}) {
  const command = `stty cols ${columns} rows 40 2>/dev/null; ${[bin(), ...args].map(shellQuote).join(" ")}`;
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["-q", "-e", "-c", command, "/dev/null"], {
      env: { ...env, TERM: "xterm-256color" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let answered = answer === undefined;
    const onData = (d) => {
      output += d;
      // Typed at the prompt, as a person would.
      // eslint-disable-next-line no-control-regex
      if (!answered && /\[y\/N\] (\x1b\[\d+G)?$/.test(output)) {
        answered = true;
        child.stdin.write(answer);
      }
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * The final screen of a terminal that received `output`: enough of VT100 for what the CLI
 * writes (CR, LF, erase line `ESC[2K` / `ESC[K`, column `ESC[nG`, SGR colours, which are
 * dropped).
 */
export function finalScreen(output) {
  const lines = [""];
  let col = 0;
  // eslint-disable-next-line no-control-regex
  const re = /\x1b\[([0-9;?]*)([A-Za-z])|\r\n|\r|\n|[^\x1b\r\n]+/gy;
  let m;
  while ((m = re.exec(output)) !== null) {
    const t = m[0];
    const row = lines.length - 1;
    if (m[2]) {
      if (m[2] === "G") col = Math.max(0, Number(m[1] || 1) - 1);
      if (m[2] === "K") {
        lines[row] = m[1] === "2" ? "" : lines[row].slice(0, col);
        if (m[1] === "2") lines[row] = "".padEnd(col);
      }
      continue; // colours and anything else: no text
    }
    if (t === "\r\n" || t === "\n") {
      lines.push("");
      col = 0;
    } else if (t === "\r") {
      col = 0;
    } else {
      const cur = lines[row].padEnd(col);
      lines[row] = cur.slice(0, col) + t + cur.slice(col + t.length);
      col += t.length;
    }
  }
  return lines.map((l) => l.trimEnd()).filter((l, i, all) => l !== "" || i < all.length - 1);
}

/**
 * A relay in front of the emulator that answers for `failRegion` with an API error, and for
 * regions the emulator does not know with an empty page (they stand for real regions that
 * hold no ENIs). `relay.throttle.set(region, n)` throttles the next n requests of a region
 * (Infinity: until deleted). Resolves { url, close(), requests, throttle }.
 */
export async function regionRelay(emulatorUrl, { failRegion, knownRegions }) {
  const requests = [];
  const throttle = new Map();
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks);
    const params = new URLSearchParams(new URL(req.url, "http://x").search);
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) params.set(k, v);
    const region = params.get("RegionId") ?? req.headers["x-acs-region-id"];
    requests.push(region);
    const json = (status, value) => {
      res.writeHead(status, {
        "content-type": "application/json;charset=utf-8",
        "x-acs-request-id": "RELAY-REQUEST-ID",
      });
      res.end(JSON.stringify(value));
    };
    if (region === failRegion) {
      return json(403, {
        RequestId: "RELAY-REQUEST-ID",
        HostId: "ecs.aliyuncs.com",
        Code: "Forbidden.RAM",
        Message: `User not authorized to operate on the specified resource in ${region}.`,
      });
    }
    if (throttle.get(region) > 0) {
      throttle.set(region, throttle.get(region) - 1);
      return json(400, {
        RequestId: "RELAY-THROTTLED",
        HostId: "ecs.aliyuncs.com",
        Code: "Throttling.User",
        Message: "Request was denied due to user flow control.",
      });
    }
    if (region && !knownRegions.has(region)) {
      return json(200, {
        RequestId: "RELAY-EMPTY-PAGE",
        TotalCount: 0,
        NextToken: "",
        NetworkInterfaceSets: { NetworkInterfaceSet: [] },
      });
    }
    // Forwarded as it came, Host included (a V3 signature covers it).
    const target = new URL(emulatorUrl);
    const upstream = request({
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: req.headers,
    });
    upstream.on("response", (r) => {
      res.writeHead(r.statusCode, r.headers);
      r.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    upstream.end(body);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    requests,
    throttle,
    close: () => new Promise((r) => server.close(r)),
  };
}
