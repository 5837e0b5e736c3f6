#!/usr/bin/env node
// `make demo`: the ECS emulator (250 ENIs, seed 1, CORS on) and a static server for www/, both
// on 127.0.0.1. Only this demo server tells the page the emulator's endpoint and demo keys: it
// adds a <meta name="aliyun-eni-demo-config"> to index.html and serves /demo-config.json. Any
// other static server serves www/ as it is, with nothing pre-filled.
//
//   node scripts/demo.mjs [--port N] [--emulator-port N] [--enis N] [--seed N]
//   (env: DEMO_PORT, EMULATOR_PORT; 0, the default, picks a free port)
//
// Ctrl-C stops both servers. Also exports startStaticServer() for the page's tests.

import http from "node:http";
import { existsSync, realpathSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = join(ROOT, "www");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".md": "text/markdown; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".toml": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** Served with every response; www/README.md asks real hosting to send the same. */
export const FRAME_HEADERS = { "Content-Security-Policy": "frame-ancestors 'none'", "X-Frame-Options": "DENY" };

const DEMO_META = '<meta name="aliyun-eni-demo-config" content="demo-config.json">';

/**
 * A minimal static file server for `root` (GET/HEAD only, no directory listing, nothing
 * outside root). With `demoConfig`, serves it as /demo-config.json and points index.html at it.
 * Resolves { url, port, server, close() }.
 */
export async function startStaticServer({ root = WWW, host = "127.0.0.1", port = 0, demoConfig = null } = {}) {
  const base = resolve(root);
  const server = http.createServer(async (req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, {
        "Content-Type": type,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        // No other site may frame the page (clickjacking the delete console). A meta CSP
        // cannot carry frame-ancestors, so it is a header; X-Frame-Options for old browsers.
        ...FRAME_HEADERS,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      if (req.method !== "GET" && req.method !== "HEAD") return send(405, "method not allowed\n");
      const { pathname } = new URL(req.url, "http://localhost");
      let path;
      try {
        path = decodeURIComponent(pathname);
      } catch {
        return send(400, "bad path\n");
      }
      if (path.includes("\0")) return send(400, "bad path\n");
      if (demoConfig && path === "/demo-config.json") return send(200, JSON.stringify(demoConfig), TYPES[".json"]);
      let file = resolve(base, `.${path}`);
      if (file !== base && !file.startsWith(base + sep)) return send(404, "not found\n");
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return send(404, "not found\n");
      let body = await readFile(file);
      if (demoConfig && file === join(base, "index.html")) {
        body = Buffer.from(
          body.toString("utf8").replace('<meta charset="utf-8">', `<meta charset="utf-8">\n${DEMO_META}`),
        );
      }
      return send(200, body, TYPES[extname(file).toLowerCase()] ?? "application/octet-stream");
    } catch (e) {
      return send(500, `error: ${e?.message ?? e}\n`);
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const actual = server.address().port;
  let closing = null;
  return {
    url: `http://${host}:${actual}/`,
    port: actual,
    server,
    close() {
      closing ??= new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function parseArgs(argv) {
  const opts = {
    port: Number(process.env.DEMO_PORT ?? 0),
    emulatorPort: Number(process.env.EMULATOR_PORT ?? 0),
    enis: 250,
    seed: 1,
  };
  const names = { "--port": "port", "--emulator-port": "emulatorPort", "--enis": "enis", "--seed": "seed" };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const key = names[flag];
    if (!key) throw new Error(`unknown option ${argv[i]} (options: ${Object.keys(names).join(", ")})`);
    const value = inline ?? argv[++i];
    if (value === undefined || !/^\d+$/.test(value)) throw new Error(`${flag} needs a number`);
    opts[key] = Number(value);
  }
  for (const k of ["port", "emulatorPort"])
    if (!Number.isInteger(opts[k]) || opts[k] < 0 || opts[k] > 65535) throw new Error(`bad ${k}`);
  return opts;
}

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`demo: ${e.message}\n`);
    process.exit(2);
  }
  if (!existsSync(join(WWW, "vendor", "aliyun-eni", "browser.js"))) {
    process.stderr.write(
      "demo: www/vendor/aliyun-eni/ is missing: run `make build` (or `make demo`, which builds first)\n",
    );
    process.exit(1);
  }
  const { startEmulator, DEFAULT_CREDENTIALS } = await import("../tests/emulator/server.mjs");
  const emulator = await startEmulator({
    host: "127.0.0.1",
    port: opts.emulatorPort,
    enis: opts.enis,
    seed: opts.seed,
    cors: true,
  });
  const key = DEFAULT_CREDENTIALS.find((c) => !c.securityToken);
  const site = await startStaticServer({
    port: opts.port,
    demoConfig: {
      regionId: "cn-hangzhou",
      endpoint: emulator.url,
      accessKeyId: key.accessKeyId,
      accessKeySecret: key.accessKeySecret,
    },
  }).catch(async (e) => {
    await emulator.close();
    throw e;
  });
  process.stdout.write(
    [
      `ECS emulator: ${emulator.url}  (${opts.enis} ENIs in cn-hangzhou, seed ${opts.seed}, CORS on)`,
      `Admin page:   ${site.url}  (open it; the emulator's endpoint and demo keys are filled in)`,
      "Ctrl-C stops both.",
      "",
    ].join("\n"),
  );
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\ndemo: stopping (${signal})\n`);
    await Promise.all([site.close(), emulator.close()]);
    process.exit(0);
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

function isMain() {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  main().catch((e) => {
    process.stderr.write(`demo: ${e?.stack ?? e}\n`);
    process.exit(1);
  });
}
