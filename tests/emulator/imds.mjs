// Stand-ins for the credential sources that are HTTP services, each on its own loopback port:
//
// - the ECS instance metadata service (what 100.100.100.200 answers on an instance with a RAM
//   role): `PUT /latest/api/token` with `x-aliyun-ecs-metadata-token-ttl-seconds` (1..21600)
//   gives an IMDSv2 token; `GET /latest/meta-data/ram/security-credentials/` lists the role;
//   `GET .../<role>` answers `{ AccessKeyId, AccessKeySecret, Expiration, SecurityToken,
//   LastUpdated, Code: "Success" }`. Requests without a token are IMDSv1 (allowed unless
//   `imdsV1: false`, then 401). `v2: false` plays an old service without the token endpoint
//   (404). Mode "silent" accepts connections and never answers.
// - a credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI): `GET <path>` answers the same four
//   fields with `Code: "Success"`; modes "error" (500), "garbage" (200, not JSON, with a
//   secret inside) and "silent".
//
// Credentials come from `issue()` (tests pass the emulator's `emu.sts.issue`, so ECS accepts
// them and later rejects them as expired). Each server logs what it was asked.
import http from "node:http";
import { randomBytes } from "node:crypto";

async function listen(handler) {
  const sockets = new Set();
  const server = http.createServer(handler);
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  let closing = null;
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close() {
      if (!closing) {
        closing = new Promise((resolve) => server.close(() => resolve()));
        for (const s of sockets) s.destroy();
      }
      return closing;
    },
  };
}

function send(res, status, body, type = "text/plain") {
  res.writeHead(status, { "Content-Type": type, "Content-Length": Buffer.byteLength(body) }).end(body);
}

/**
 * @param {object} options
 * @param {() => object} options.issue  new `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration }`
 * @param {string|null} [options.roleName="EcsRamRoleTest"]  null: no role attached (404)
 * @param {boolean} [options.imdsV1=true]  answer requests without a token
 * @param {boolean} [options.v2=true]  offer the token endpoint
 * @param {"answer"|"silent"} [options.mode="answer"]
 */
export async function startMetadataService(options) {
  const state = { roleName: "EcsRamRoleTest", imdsV1: true, v2: true, mode: "answer", ...options };
  const tokens = new Map();
  const requests = [];
  const held = [];
  const base = "/latest/meta-data/ram/security-credentials/";
  const server = await listen((req, res) => {
    const token = req.headers["x-aliyun-ecs-metadata-token"];
    requests.push({ method: req.method, path: req.url, token: token !== undefined });
    req.resume();
    if (state.mode === "silent") {
      held.push(res);
      return;
    }
    if (req.method === "PUT" && req.url === "/latest/api/token") {
      if (!state.v2) return send(res, 404, "Not Found");
      const ttl = Number(req.headers["x-aliyun-ecs-metadata-token-ttl-seconds"]);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return send(res, 400, "Bad Request");
      const value = randomBytes(24).toString("base64url");
      tokens.set(value, Date.now() + ttl * 1000);
      return send(res, 200, value);
    }
    if (req.method !== "GET") return send(res, 405, "Method Not Allowed");
    if (token !== undefined) {
      const until = tokens.get(token);
      if (until === undefined || until < Date.now()) return send(res, 401, "Unauthorized");
    } else if (!state.imdsV1) {
      return send(res, 401, "Unauthorized");
    }
    if (req.url === base) {
      return state.roleName ? send(res, 200, state.roleName) : send(res, 404, "Not Found");
    }
    if (req.url.startsWith(base)) {
      const role = decodeURIComponent(req.url.slice(base.length));
      if (!state.roleName || role !== state.roleName) return send(res, 404, "Not Found");
      const c = state.issue();
      const body = { ...c, LastUpdated: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"), Code: "Success" };
      return send(res, 200, JSON.stringify(body), "text/plain");
    }
    send(res, 404, "Not Found");
  });
  return {
    url: server.url,
    requests,
    set(changes) {
      Object.assign(state, changes);
    },
    close() {
      for (const res of held.splice(0)) res.destroy();
      return server.close();
    },
  };
}

/**
 * @param {object} options
 * @param {() => object} options.issue
 * @param {string} [options.path="/credentials"]
 * @param {"answer"|"error"|"garbage"|"silent"} [options.mode="answer"]
 */
export async function startCredentialsUri(options) {
  const state = { path: "/credentials", mode: "answer", ...options };
  const requests = [];
  const held = [];
  const server = await listen((req, res) => {
    requests.push({ method: req.method, path: req.url });
    req.resume();
    if (state.mode === "silent") {
      held.push(res);
      return;
    }
    const path = req.url.split("?")[0];
    if (req.method !== "GET" || path !== state.path) return send(res, 404, "Not Found");
    if (state.mode === "error") {
      return send(
        res,
        500,
        JSON.stringify({ Code: "InternalError", Message: "the vault is sealed" }),
        "application/json",
      );
    }
    const c = state.issue();
    if (state.mode === "garbage") {
      // Cut in the middle of a secret: the client must not quote it.
      const text = JSON.stringify({ Code: "Success", ...c });
      return send(res, 200, text.slice(0, text.indexOf(c.AccessKeySecret) + 6), "application/json");
    }
    send(res, 200, JSON.stringify({ Code: "Success", ...c }), "application/json");
  });
  return {
    url: `${server.url}${state.path}`,
    origin: server.url,
    requests,
    set(changes) {
      Object.assign(state, changes);
    },
    close() {
      for (const res of held.splice(0)) res.destroy();
      return server.close();
    },
  };
}
