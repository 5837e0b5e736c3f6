// Asks Alibaba Cloud's own SDK, @alicloud/pop-core, to sign requests, and reads what it sent.
//
// pop-core lets caller params override its defaults, so a fixed Timestamp and SignatureNonce make
// its signature deterministic. Requests go to a local capture server; nothing leaves the machine.
import { createServer } from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const RPCClient = require("@alicloud/pop-core").RPCClient;

/** Starts a capture server; returns { sign(vector), close() }. */
export async function popCoreOracle() {
  let last = null;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      last = { method: req.method, url: req.url, body };
      res.setHeader("content-type", "application/json");
      res.end('{"RequestId":"captured"}');
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${server.address().port}`;

  /**
   * vector: { method, accessKeyId, accessKeySecret, securityToken?, action, version, params }
   * where params includes Timestamp and SignatureNonce. Returns the canonical query (everything
   * pop-core sent but Signature, in its order), the string to sign and the signature.
   */
  async function sign(v) {
    const client = new RPCClient({
      accessKeyId: v.accessKeyId,
      accessKeySecret: v.accessKeySecret,
      securityToken: v.securityToken,
      endpoint,
      apiVersion: v.version,
      opts: { timeout: 5000 },
    });
    await client.request(v.action, v.params, { method: v.method, formatParams: false, timeout: 5000 });
    const sent = v.method === "POST" ? last.body : last.url.replace(/^\/\?/, "");
    const pairs = sent.split("&");
    const sigPair = pairs.find((p) => p.startsWith("Signature="));
    const canonicalQuery = pairs.filter((p) => p !== sigPair).join("&");
    const signature = decodeURIComponent(sigPair.slice("Signature=".length));
    const stringToSign = `${v.method}&%2F&${encodeRfc3986(canonicalQuery)}`;
    return { canonicalQuery, stringToSign, signature };
  }

  return { sign, close: () => new Promise((r) => server.close(r)) };
}

function encodeRfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}
