//! The binding layer, run by wasm-bindgen-test in Node (`wasm_node`) and headless Chromium
//! (`wasm_browser`). Requests go to a scripted `fetch` (ClientOptions.fetch) written in
//! JavaScript below, which checks every signature with WebCrypto, independently of the Rust
//! signer: HMAC-SHA1 (V2), which `options()` pins for the tests that read the V2 query, and V3
//! (`ACS3-HMAC-SHA256`, the default) over the request's method, query, headers and body.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use aliyun_eni::wasm::{resolve_endpoint, rpc_signature, EcsClient};
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen(inline_js = r#"
const enc = new TextEncoder();
function rfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}
async function hmacBase64(secret, text) {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret + "&"), { name: "HMAC", hash: "SHA-1" }, false, ["sign"]);
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
  return btoa(String.fromCharCode(...sig));
}
const hex = (bytes) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
async function sha256Hex(text) {
  return hex(await crypto.subtle.digest("SHA-256", enc.encode(text)));
}
async function hmacSha256Hex(secret, text) {
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return hex(await crypto.subtle.sign("HMAC", key, enc.encode(text)));
}
// V3 as the service checks it: the canonical request rebuilt from the method, the query, the
// headers received and its own host. Returns the query parameters (with Action from
// x-acs-action, SecurityToken from x-acs-security-token), or null when the signature fails.
async function verifyV3(url, init, secret) {
  const u = new URL(url);
  const headers = new Headers(init.headers);
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(headers.get("authorization") ?? "");
  if (!m || headers.has("host")) return null;
  const signed = m[2].split(";");
  for (const [name] of headers) if (name.startsWith("x-acs-") && !signed.includes(name)) return null;
  const value = (name) => (name === "host" ? u.host : (headers.get(name) ?? "").trim());
  const pairs = [...u.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  const bodyHash = await sha256Hex(init.body ?? "");
  if (headers.get("x-acs-content-sha256") !== bodyHash) return null;
  const canonical = [
    init.method, "/", pairs.map(([k, v]) => k + "=" + rfc3986(v)).join("&"),
    signed.map((h) => h + ":" + value(h) + "\n").join(""), m[2], bodyHash,
  ].join("\n");
  const expected = await hmacSha256Hex(secret, "ACS3-HMAC-SHA256\n" + (await sha256Hex(canonical)));
  if (expected !== m[3]) return null;
  const p = { ...Object.fromEntries(pairs), Action: headers.get("x-acs-action"), Nonce: headers.get("x-acs-signature-nonce") };
  if (headers.has("x-acs-security-token")) p.SecurityToken = headers.get("x-acs-security-token");
  return p;
}
function json(status, body, headers = {}) {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}
function apiError(status, code) {
  return json(status, { RequestId: "REQ-" + code, HostId: "ecs.aliyuncs.com", Code: code, Message: "message of " + code, Recommend: "https://api.aliyun.com/troubleshoot?q=" + code });
}

export function parse(text) { return JSON.parse(text); }
export function prop(obj, key) { return obj[key]; }
export function isEcsError(e) { return e instanceof Error && e.name === "EcsError" && typeof e.kind === "string"; }
export function errorText(e) { return [String(e), e.message, e.stack, JSON.stringify(e)].join("\n"); }

// A fake ECS: `total` ENIs, NextToken and PageNumber paging, delete through Deleting, faults from
// a script. Signatures are checked with WebCrypto.
export function fakeEcs(total, secret, script) {
  const enis = Array.from({ length: total }, (_, i) => ({
    NetworkInterfaceId: "eni-" + String(i).padStart(5, "0"),
    Status: "Available", Type: "Secondary", VpcId: "vpc-1",
    AssociatedPublicIp: {}, Tags: { Tag: [{ TagKey: "n", TagValue: String(i) }] },
    SecurityGroupIds: { SecurityGroupId: ["sg-1"] }, ServiceID: i === 0 ? 9007199254740993 : undefined,
  }));
  const state = { calls: 0, urls: [], inits: [], params: [], deleting: new Map(), providerCalls: 0 };
  const steps = script ? [...script] : [];
  async function fetch(url, init) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    state.calls++;
    state.urls.push(url);
    state.inits.push({ method: init.method, headers: init.headers, body: init.body });
    const step = steps.shift();
    if (step === "network") throw new TypeError("fetch failed");
    if (step === "hang") {
      return new Promise((_, reject) => init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))));
    }
    if (typeof step === "number") return apiError(step, step === 503 ? "ServiceUnavailable" : step === 500 ? "InternalError" : "Throttling.User");
    if (typeof step === "string" && step.startsWith("raw:")) return new Response(step.slice(4), { status: 200 });
    if (typeof step === "string" && step.startsWith("code:")) return apiError(400, step.slice(5));
    if (typeof step === "string" && step.startsWith("throttle:")) {
      return json(400, { RequestId: "T", Code: "Throttling.User", Message: "Request was denied due to user flow control." },
        { "x-acs-retry-after": step.slice(9) });
    }
    let p;
    if (new Headers(init.headers).has("authorization")) {
      p = await verifyV3(url, init, secret);
      if (!p) return apiError(400, "SignatureDoesNotMatch");
      state.params.push(p);
    } else {
      p = Object.fromEntries(new URL(url).searchParams);
      state.params.push(p);
      const { Signature, ...rest } = p;
      const canonical = Object.keys(rest).sort().map((k) => rfc3986(k) + "=" + rfc3986(rest[k])).join("&");
      if ((await hmacBase64(secret, "GET&%2F&" + rfc3986(canonical))) !== Signature) return apiError(400, "SignatureDoesNotMatch");
    }
    if (p.Action === "DeleteNetworkInterface") {
      const id = p.NetworkInterfaceId;
      if (!enis.some((e) => e.NetworkInterfaceId === id)) return apiError(403, "InvalidEniId.NotFound");
      state.deleting.set(id, 2);
      return json(200, { RequestId: "DEL-1" });
    }
    let list = enis;
    if (p["NetworkInterfaceId.1"]) {
      const id = p["NetworkInterfaceId.1"];
      const left = state.deleting.get(id);
      if (left === 0) list = [];
      else {
        if (left !== undefined) state.deleting.set(id, left - 1);
        list = enis.filter((e) => e.NetworkInterfaceId === id).map((e) => ({ ...e, Status: left !== undefined ? "Deleting" : e.Status }));
      }
    }
    if (p.MaxResults) {
      const start = p.NextToken ? Number(p.NextToken) : 0;
      const end = Math.min(start + Number(p.MaxResults), list.length);
      return json(200, { RequestId: "R", TotalCount: list.length, NextToken: end < list.length ? String(end) : "",
        NetworkInterfaceSets: { NetworkInterfaceSet: list.slice(start, end) } });
    }
    const size = Number(p.PageSize || 10), number = Number(p.PageNumber || 1);
    const body = JSON.stringify({ RequestId: "R", TotalCount: list.length, PageNumber: number, PageSize: size,
      NetworkInterfaceSets: { NetworkInterfaceSet: list.slice((number - 1) * size, number * size) } });
    return json(200, body.replace('"ServiceID":9007199254740992', '"ServiceID":9007199254740993'));
  }
  return { fetch, state };
}

// HMAC-SHA1 unless `extra` says otherwise: most tests here read the V2 query; the V3 default is
// driven by signs_with_v3_by_default.
export function options(fake, extra) {
  return { regionId: "cn-hangzhou", endpoint: "http://ecs.test", allowInsecureHttp: true, credentials: { accessKeyId: "id", accessKeySecret: "the-secret-key" }, fetch: fake.fetch, signatureAlgorithm: "HMAC-SHA1", ...extra };
}
// The client's options as a user writes them: no signatureAlgorithm (V3, the default).
export function defaultOptions(fake, extra) {
  const { signatureAlgorithm: _, ...rest } = options(fake, extra);
  return rest;
}

export function provider(fake) {
  return async () => { fake.state.providerCalls++; return { accessKeyId: "STS.id", accessKeySecret: "the-secret-key", securityToken: "the-sts-token" }; };
}

export async function collect(paginator, limit) {
  const ids = [];
  for await (const eni of paginator) {
    ids.push(eni.networkInterfaceId);
    if (ids.length >= limit) break;
  }
  return ids;
}

export async function collectPages(paginator) {
  const sizes = [];
  for await (const page of paginator.pages()) sizes.push(page.networkInterfaces.length);
  return sizes;
}

// The signal's `firedAt` is when the abort really happened: a loaded machine may run the
// timer late, and promptness is measured from the abort, not from the request.
export function abortAfter(ms) {
  const c = new AbortController();
  setTimeout(() => { c.signal.firedAt = Date.now(); c.abort(); }, ms);
  return c.signal;
}

export function now() { return Date.now(); }

// A secret and a token made at run time, so their bytes are never in the test's own wasm data.
export function runtimeSecrets() {
  const rand = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => "abcdefghijklmnopqrstuvwxyz"[b % 26]).join("");
  return { secret: "sEcReT" + rand(), token: "tOkEn" + rand() };
}
// Options with those secrets, and a fake ECS that checks signatures with them: the secrets
// stay in JavaScript (the Rust side of the test never holds a copy).
export function secretClient(s) {
  const fake = fakeEcs(3, s.secret);
  const opts = options(fake, { credentials: { accessKeyId: "STS.id", accessKeySecret: s.secret, securityToken: s.token } });
  return { fake, options: opts };
}
export function memoryHasSecret(memory, s, which) { return memoryHas(memory, s[which]); }
// Whether the bytes of `text` are anywhere in a WebAssembly.Memory.
export function memoryHas(memory, text) {
  const hay = new Uint8Array(memory.buffer);
  const needle = new TextEncoder().encode(text);
  const first = needle[0];
  outer: for (let i = hay.indexOf(first); i !== -1 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

// An onRetry observer that records each event, plus one that throws (which must not matter).
export function recorder() {
  const events = [];
  return { events, options: { onRetry: (event) => { events.push(event); } } };
}
export function throwingObserver() {
  return { onRetry: () => { throw new Error("observer failed"); } };
}

// Wrong JavaScript types, each with the field that must be named.
export function badRequests() {
  return [
    [{ vpcId: 5 }, "vpcId"], [{ vpcId: null }, "vpcId"], [{ vpcId: {} }, "vpcId"], [{ vpcId: ["a"] }, "vpcId"],
    [{ pageSize: "10" }, "pageSize"], [{ pageSize: NaN }, "pageSize"], [{ pageSize: 1.5 }, "pageSize"],
    [{ pageSize: -1 }, "pageSize"], [{ pageSize: 0 }, "pageSize"], [{ pageSize: 101 }, "pageSize"],
    [{ maxResults: 501 }, "maxResults"], [{ maxResults: Infinity }, "maxResults"], [{ pageNumber: 0 }, "pageNumber"],
    [{ networkInterfaceIds: "eni-1" }, "networkInterfaceIds"], [{ networkInterfaceIds: [] }, "networkInterfaceIds"],
    [{ networkInterfaceIds: ["eni-1", 2] }, "networkInterfaceIds[1]"], [{ privateIpAddresses: [null] }, "privateIpAddresses[0]"],
    [{ tags: [{ key: "" }] }, "tags[0].key"], [{ tags: [{ value: "v" }] }, "tags[0].key"], [{ tags: [{ key: "k", value: 1 }] }, "tags[0].value"],
    [{ tags: ["k"] }, "tags[0]"], [{ tags: {} }, "tags"], [{ type: "primary" }, "type"], [{ status: "Gone" }, "status"],
    [{ serviceManaged: "true" }, "serviceManaged"], [{ vpcid: "x" }, "vpcid"], [{ nextToken: "t", pageNumber: 2 }, "nextToken"],
    [null, "request"], [[], "request"], ["vpc-1", "request"], [42, "request"],
  ];
}

export function badOptions(fake) {
  const ok = { regionId: "cn-hangzhou", credentials: { accessKeyId: "id", accessKeySecret: "the-secret-key" } };
  return [
    [undefined, "options"], [null, "options"], [{ ...ok, regionId: undefined }, "regionId"], [{ ...ok, regionId: "Hangzhou!" }, "regionId"],
    [{ ...ok, credentials: null }, "credentials"], [{ ...ok, credentials: { accessKeyId: "id" } }, "credentials.accessKeySecret"],
    [{ ...ok, credentials: { accessKeyId: "", accessKeySecret: "s" } }, "credentials.accessKeyId"],
    [{ ...ok, credentials: { accessKeyId: "id", accessKeySecret: "s", securityToken: 7 } }, "credentials.securityToken"],
    [{ ...ok, endpoint: "ecs.aliyuncs.com" }, "endpoint"], [{ ...ok, maxAttempts: 0 }, "maxAttempts"], [{ ...ok, maxAttempts: 2.5 }, "maxAttempts"],
    [{ ...ok, timeoutMs: -5 }, "timeoutMs"], [{ ...ok, fetch: "fetch" }, "fetch"], [{ ...ok, retries: 3 }, "retries"],
    [{ ...ok, endpoint: "http://ecs.test" }, "endpoint"], [{ ...ok, endpoint: "http://ecs.test", allowInsecureHttp: "yes" }, "allowInsecureHttp"],
  ];
}
"#)]
extern "C" {
    fn parse(text: &str) -> JsValue;
    fn prop(obj: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = isEcsError)]
    fn is_ecs_error(e: &JsValue) -> bool;
    #[wasm_bindgen(js_name = errorText)]
    fn error_text(e: &JsValue) -> String;
    #[wasm_bindgen(js_name = fakeEcs)]
    fn fake_ecs(total: u32, secret: &str, script: JsValue) -> JsValue;
    fn options(fake: &JsValue, extra: JsValue) -> JsValue;
    #[wasm_bindgen(js_name = defaultOptions)]
    fn default_options(fake: &JsValue, extra: JsValue) -> JsValue;
    fn provider(fake: &JsValue) -> JsValue;
    fn collect(paginator: &JsValue, limit: u32) -> Promise;
    #[wasm_bindgen(js_name = collectPages)]
    fn collect_pages(paginator: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = abortAfter)]
    fn abort_after(ms: u32) -> JsValue;
    fn now() -> f64;
    fn recorder() -> JsValue;
    #[wasm_bindgen(js_name = runtimeSecrets)]
    fn runtime_secrets() -> JsValue;
    #[wasm_bindgen(js_name = secretClient)]
    fn secret_client(s: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = memoryHasSecret)]
    fn memory_has_secret(memory: &JsValue, s: &JsValue, which: &str) -> bool;
    #[wasm_bindgen(js_name = throwingObserver)]
    fn throwing_observer() -> JsValue;
    #[wasm_bindgen(js_name = badRequests)]
    fn bad_requests() -> Array;
    #[wasm_bindgen(js_name = badOptions)]
    fn bad_options(fake: &JsValue) -> Array;
}

const SECRET: &str = "the-secret-key";

fn calls(fake: &JsValue) -> f64 {
    prop(&prop(fake, "state"), "calls").as_f64().unwrap_or(-1.0)
}

fn str_prop(v: &JsValue, key: &str) -> String {
    prop(v, key).as_string().unwrap_or_default()
}

fn num_prop(v: &JsValue, key: &str) -> f64 {
    prop(v, key).as_f64().unwrap_or(f64::NAN)
}

fn client(fake: &JsValue, extra: &str) -> EcsClient {
    match EcsClient::new(options(fake, parse(extra))) {
        Ok(c) => c,
        Err(e) => panic!("client: {}", error_text(&e)),
    }
}

async fn ok(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => v,
        Err(e) => panic!("unexpected rejection: {}", error_text(&e)),
    }
}

async fn err(p: Promise) -> JsValue {
    match JsFuture::from(p).await {
        Ok(v) => panic!("unexpected success: {v:?}"),
        Err(e) => {
            assert!(is_ecs_error(&e), "not an EcsError: {e:?}");
            assert!(
                !error_text(&e).contains(SECRET),
                "secret in {}",
                error_text(&e)
            );
            e
        }
    }
}

#[wasm_bindgen_test]
fn published_vectors_through_rpc_signature() {
    let file = parse(include_str!("../vectors/published.json"));
    let vectors: Array = prop(&file, "vectors").into();
    assert_eq!(vectors.length(), 5);
    for v in vectors.iter() {
        let sig = rpc_signature(
            prop(&v, "params"),
            prop(&v, "accessKeySecret"),
            prop(&v, "method"),
        )
        .unwrap();
        assert_eq!(sig, str_prop(&v, "signature"), "{}", str_prop(&v, "source"));
    }
    let hostile = parse(include_str!("../vectors/hostile.json"));
    for v in Array::from(&prop(&hostile, "vectors")).iter() {
        let sig = rpc_signature(
            prop(&v, "params"),
            prop(&v, "accessKeySecret"),
            prop(&v, "method"),
        )
        .unwrap();
        assert_eq!(sig, str_prop(&v, "signature"), "{}", str_prop(&v, "source"));
    }
}

#[wasm_bindgen_test]
fn rpc_signature_refuses_non_strings() {
    for (params, field) in [
        (r#"{"a":1}"#, "params.a"),
        (r#"{"a":null}"#, "params.a"),
        ("[]", "params"),
    ] {
        let e =
            rpc_signature(parse(params), JsValue::from_str("s"), JsValue::UNDEFINED).unwrap_err();
        assert!(is_ecs_error(&e));
        assert_eq!(str_prop(&e, "field"), field);
    }
    let e = rpc_signature(
        parse("{}"),
        JsValue::from_str("s"),
        JsValue::from_str("PUT"),
    )
    .unwrap_err();
    assert_eq!(str_prop(&e, "field"), "method");
}

#[wasm_bindgen_test]
fn resolves_endpoints() {
    let r = |region: &str, opts: &str| resolve_endpoint(JsValue::from_str(region), parse(opts));
    assert_eq!(
        r("cn-hangzhou", "{}").unwrap(),
        "https://ecs-cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        r("cn-shenzhen-finance-1", "{}").unwrap(),
        "https://ecs-cn-hangzhou.aliyuncs.com"
    );
    assert_eq!(
        r("eu-central-1", "{}").unwrap(),
        "https://ecs.eu-central-1.aliyuncs.com"
    );
    assert_eq!(
        r("cn-hangzhou", r#"{"vpc":true}"#).unwrap(),
        "https://ecs-vpc.cn-hangzhou.aliyuncs.com"
    );
    let e = r("not a region", "{}").unwrap_err();
    assert_eq!(
        (str_prop(&e, "kind"), str_prop(&e, "field")),
        ("validation".into(), "regionId".into())
    );
    let e = resolve_endpoint(JsValue::from_f64(1.0), JsValue::UNDEFINED).unwrap_err();
    assert_eq!(str_prop(&e, "field"), "regionId");
}

#[wasm_bindgen_test]
fn constructor_refuses_bad_options_naming_the_field() {
    let fake = fake_ecs(1, SECRET, JsValue::UNDEFINED);
    for case in bad_options(&fake).iter() {
        let case: Array = case.into();
        let want = case.get(1).as_string().unwrap();
        let e = match EcsClient::new(case.get(0)) {
            Ok(_) => panic!("accepted bad options for {want}"),
            Err(e) => e,
        };
        assert!(is_ecs_error(&e), "{want}");
        assert_eq!(str_prop(&e, "kind"), "validation", "{want}");
        assert_eq!(str_prop(&e, "field"), want, "{}", str_prop(&e, "message"));
    }
}

#[wasm_bindgen_test]
async fn wrong_input_types_name_the_field_and_send_nothing() {
    let fake = fake_ecs(3, SECRET, JsValue::UNDEFINED);
    let c = client(&fake, "{}");
    for case in bad_requests().iter() {
        let case: Array = case.into();
        let want = case.get(1).as_string().unwrap();
        let e = err(c.describe_network_interfaces(case.get(0), JsValue::UNDEFINED)).await;
        assert_eq!(
            (str_prop(&e, "kind"), str_prop(&e, "field")),
            ("validation".into(), want.clone()),
            "{}",
            str_prop(&e, "message")
        );
        assert_eq!(num_prop(&e, "attempts"), 0.0);
        assert_eq!(prop(&e, "retryable").as_bool(), Some(false));
        let paginator = c.list_network_interfaces(case.get(0), JsValue::UNDEFINED);
        let e = err(collect(&paginator, 10)).await;
        assert_eq!(str_prop(&e, "field"), want);
    }
    for (id, field) in [
        (JsValue::from_f64(5.0), "networkInterfaceId"),
        (JsValue::from_str(""), "networkInterfaceId"),
    ] {
        let e = err(c.delete_network_interface(id, JsValue::UNDEFINED)).await;
        assert_eq!(str_prop(&e, "field"), field);
    }
    let e = err(c.delete_network_interface(
        JsValue::from_str("eni-1"),
        parse(r#"{"waitTimeoutMs":"1"}"#),
    ))
    .await;
    assert_eq!(str_prop(&e, "field"), "waitTimeoutMs");
    let e =
        err(c.describe_network_interfaces(JsValue::UNDEFINED, parse(r#"{"signal":true}"#))).await;
    assert_eq!(str_prop(&e, "field"), "signal");
    assert_eq!(calls(&fake), 0.0, "nothing was sent");
}

#[wasm_bindgen_test]
async fn describe_signs_sends_and_decodes() {
    let fake = fake_ecs(3, SECRET, JsValue::UNDEFINED);
    let c = client(&fake, "{}");
    let page = ok(c.describe_network_interfaces(
        parse(r#"{"pageSize":2,"vpcId":"vpc-1","tags":[{"key":"n"}]}"#),
        JsValue::UNDEFINED,
    ))
    .await;
    assert_eq!(str_prop(&page, "requestId"), "R");
    assert_eq!(num_prop(&page, "totalCount"), 3.0);
    let enis: Array = prop(&page, "networkInterfaces").into();
    assert_eq!(enis.length(), 2);
    let first = enis.get(0);
    assert_eq!(str_prop(&first, "networkInterfaceId"), "eni-00000");
    assert_eq!(
        str_prop(&first, "serviceId"),
        "9007199254740993",
        "ServiceID stays exact"
    );
    assert!(
        prop(&first, "associatedPublicIp").is_undefined(),
        "{{}} becomes absent"
    );
    assert_eq!(
        Array::from(&prop(&first, "securityGroupIds"))
            .get(0)
            .as_string()
            .unwrap(),
        "sg-1"
    );
    assert_eq!(
        str_prop(&Array::from(&prop(&first, "tags")).get(0), "key"),
        "n"
    );
    assert!(
        Array::is_array(&prop(&first, "ipv6Sets")),
        "a missing list is []"
    );
    assert!(prop(&page, "nextToken").is_undefined());
    let sent = Array::from(&prop(&prop(&fake, "state"), "params")).get(0);
    for (k, v) in [
        ("VpcId", "vpc-1"),
        ("PageSize", "2"),
        ("Tag.1.Key", "n"),
        ("RegionId", "cn-hangzhou"),
        ("Format", "JSON"),
    ] {
        assert_eq!(str_prop(&sent, k), v, "{k}");
    }
    assert!(prop(&sent, "Tag.1.Value").is_undefined());
}

#[wasm_bindgen_test]
async fn lists_every_eni_once_in_both_paging_styles_and_stops_on_break() {
    let fake = fake_ecs(250, SECRET, JsValue::UNDEFINED);
    let c = client(&fake, "{}");
    let ids: Array = ok(collect(
        &c.list_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED),
        10_000,
    ))
    .await
    .into();
    assert_eq!(ids.length(), 250);
    assert_eq!(calls(&fake), 3.0, "NextToken paging, 100 per page");
    let sent: Array = prop(&prop(&fake, "state"), "params").into();
    assert_eq!(str_prop(&sent.get(0), "MaxResults"), "100");
    assert_eq!(str_prop(&sent.get(1), "NextToken"), "100");

    let before = calls(&fake);
    let sizes: Array = ok(collect_pages(
        &c.list_network_interfaces(parse(r#"{"pageSize":100}"#), JsValue::UNDEFINED),
    ))
    .await
    .into();
    assert_eq!(
        sizes
            .iter()
            .map(|s| s.as_f64().unwrap())
            .collect::<Vec<_>>(),
        [100.0, 100.0, 50.0]
    );
    assert_eq!(
        calls(&fake) - before,
        3.0,
        "PageNumber paging until TotalCount"
    );

    let before = calls(&fake);
    let ids: Array = ok(collect(
        &c.list_network_interfaces(parse(r#"{"maxResults":10}"#), JsValue::UNDEFINED),
        15,
    ))
    .await
    .into();
    assert_eq!(ids.length(), 15);
    assert_eq!(
        calls(&fake) - before,
        2.0,
        "break stops fetching; nothing is read ahead"
    );
}

#[wasm_bindgen_test]
async fn deletes_and_waits_until_gone() {
    let fake = fake_ecs(5, SECRET, JsValue::UNDEFINED);
    let c = client(&fake, "{}");
    let r =
        ok(c.delete_network_interface(JsValue::from_str("eni-00002"), JsValue::UNDEFINED)).await;
    assert_eq!(str_prop(&r, "requestId"), "DEL-1");
    assert_eq!(calls(&fake), 1.0);
    let r = ok(c.delete_network_interface(
        JsValue::from_str("eni-00003"),
        parse(r#"{"waitUntilDeleted":true}"#),
    ))
    .await;
    assert_eq!(str_prop(&r, "requestId"), "DEL-1");
    assert_eq!(
        calls(&fake),
        5.0,
        "one delete, then Deleting twice, then gone"
    );
    let e =
        err(c.delete_network_interface(JsValue::from_str("eni-99999"), JsValue::UNDEFINED)).await;
    assert_eq!(str_prop(&e, "code"), "InvalidEniId.NotFound");
    assert_eq!(num_prop(&e, "httpStatus"), 403.0);
    assert_eq!(str_prop(&e, "requestId"), "REQ-InvalidEniId.NotFound");
    assert_eq!(
        str_prop(&e, "recommend"),
        "https://api.aliyun.com/troubleshoot?q=InvalidEniId.NotFound"
    );
}

#[wasm_bindgen_test]
async fn retries_what_is_retryable_only() {
    let fake = fake_ecs(2, SECRET, parse(r#"[503, "network", 429]"#));
    let c = client(&fake, r#"{"maxAttempts":4}"#);
    ok(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(calls(&fake), 4.0);
    let urls: Array = prop(&prop(&fake, "state"), "urls").into();
    let unique: std::collections::BTreeSet<String> =
        urls.iter().map(|u| u.as_string().unwrap()).collect();
    assert_eq!(unique.len(), 4, "every attempt is signed afresh");

    let fake = fake_ecs(2, SECRET, parse(r#"["code:InvalidParameter"]"#));
    let c = client(&fake, r#"{"maxAttempts":4}"#);
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        (str_prop(&e, "kind"), str_prop(&e, "code")),
        ("api".into(), "InvalidParameter".into())
    );
    assert_eq!(
        (num_prop(&e, "attempts"), num_prop(&e, "httpStatus")),
        (1.0, 400.0)
    );
    assert_eq!(prop(&e, "retryable").as_bool(), Some(false));

    let fake = fake_ecs(2, SECRET, parse("[500, 500]"));
    let c = client(&fake, r#"{"maxAttempts":2}"#);
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        (str_prop(&e, "code"), num_prop(&e, "attempts")),
        ("InternalError".into(), 2.0)
    );
    assert_eq!(prop(&e, "retryable").as_bool(), Some(true));

    let fake = fake_ecs(2, SECRET, parse(r#"["network"]"#));
    let c = client(&fake, r#"{"maxAttempts":1}"#);
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        (str_prop(&e, "kind"), str_prop(&e, "code")),
        ("network".into(), "NetworkError".into())
    );
}

#[wasm_bindgen_test]
async fn throttling_at_400_waits_the_acs_hint_and_tells_on_retry() {
    let fake = fake_ecs(2, SECRET, parse(r#"["throttle:300", 503]"#));
    let c = client(&fake, r#"{"maxAttempts":3}"#);
    let observer = recorder();
    let start = now();
    ok(c.describe_network_interfaces(JsValue::UNDEFINED, prop(&observer, "options"))).await;
    assert!(
        now() - start >= 300.0,
        "the x-acs-retry-after hint was waited"
    );
    assert_eq!(calls(&fake), 3.0);
    let events: Array = prop(&observer, "events").into();
    assert_eq!(events.length(), 2);
    let first = events.get(0);
    assert_eq!(
        (
            num_prop(&first, "attempt"),
            str_prop(&first, "code"),
            prop(&first, "throttled").as_bool(),
            num_prop(&first, "delayMs")
        ),
        (1.0, "Throttling.User".into(), Some(true), 300.0)
    );
    let second = events.get(1);
    assert_eq!(
        (
            num_prop(&second, "attempt"),
            str_prop(&second, "code"),
            prop(&second, "throttled").as_bool()
        ),
        (2.0, "ServiceUnavailable".into(), Some(false))
    );
    // fetch got a named request: method and headers.
    let inits: Array = prop(&prop(&fake, "state"), "inits").into();
    let init = inits.get(0);
    assert_eq!(str_prop(&init, "method"), "GET");
    assert!(prop(&init, "headers").is_object());
    assert!(prop(&init, "body").is_undefined());

    // An observer that throws changes nothing.
    let fake = fake_ecs(2, SECRET, parse("[503]"));
    let c = client(&fake, r#"{"maxAttempts":2}"#);
    ok(c.describe_network_interfaces(JsValue::UNDEFINED, throwing_observer())).await;
    assert_eq!(calls(&fake), 2.0);
    // onRetry must be a function.
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, parse(r#"{"onRetry":1}"#))).await;
    assert_eq!(str_prop(&e, "field"), "onRetry");
}

#[wasm_bindgen_test]
async fn v3_by_default_headers_cross_the_boundary_by_name() {
    let fake = fake_ecs(2, SECRET, JsValue::UNDEFINED);
    let c = client(
        &fake,
        r#"{"signatureAlgorithm":"ACS3-HMAC-SHA256","maxAttempts":1}"#,
    );
    // The fake verifies V3 too; what matters here is what fetch was given.
    ok(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let inits: Array = prop(&prop(&fake, "state"), "inits").into();
    let headers = prop(&inits.get(0), "headers");
    assert!(
        str_prop(&headers, "Authorization").starts_with("ACS3-HMAC-SHA256 ")
            || str_prop(&headers, "authorization").starts_with("ACS3-HMAC-SHA256 "),
        "{}",
        error_text(&headers)
    );
    assert_eq!(
        str_prop(&headers, "x-acs-action"),
        "DescribeNetworkInterfaces"
    );
}

/// Issue 15: after `free()`, the AccessKeySecret and the STS token are nowhere in wasm memory
/// (options JSON, per-request credential clones, HMAC keys, requests are overwritten).
#[wasm_bindgen_test]
async fn secrets_are_wiped_from_wasm_memory_after_free() {
    // Signature V2 carries the token in the query, V3 in a header and the canonical request.
    for algorithm in ["HMAC-SHA1", "ACS3-HMAC-SHA256"] {
        secrets_wiped_with(algorithm).await;
    }
}

async fn secrets_wiped_with(algorithm: &str) {
    let s = runtime_secrets();
    let memory = wasm_bindgen::memory();
    let has = |which: &str| memory_has_secret(&memory, &s, which);
    assert!(
        !has("secret") && !has("token"),
        "fresh secrets are not in memory yet"
    );
    let setup = secret_client(&s);
    let options = prop(&setup, "options");
    Reflect::set(&options, &"signatureAlgorithm".into(), &algorithm.into()).unwrap();
    let c = match EcsClient::new(options) {
        Ok(c) => c,
        Err(e) => panic!("client: {}", error_text(&e)),
    };
    // The live client holds the secret: the scan finds it (so the scan works).
    assert!(has("secret"));
    ok(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    let page =
        ok(c.describe_network_interfaces(parse(r#"{"pageSize":2}"#), JsValue::UNDEFINED)).await;
    assert!(prop(&page, "networkInterfaces").is_object());
    drop(c);
    assert!(
        !has("secret"),
        "{algorithm}: the AccessKeySecret is still in wasm memory after free()"
    );
    assert!(
        !has("token"),
        "{algorithm}: the security token is still in wasm memory after free()"
    );
}

#[wasm_bindgen_test]
async fn times_out_and_aborts_promptly() {
    let fake = fake_ecs(2, SECRET, parse(r#"["hang", "hang"]"#));
    let c = client(&fake, r#"{"maxAttempts":2,"timeoutMs":40}"#);
    let start = now();
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        (str_prop(&e, "kind"), str_prop(&e, "code")),
        ("timeout".into(), "RequestTimeout".into())
    );
    assert_eq!(num_prop(&e, "attempts"), 2.0);
    // Two 40 ms attempts, against 2 x 10 s at the default timeout.
    assert!(
        now() - start < 5_000.0,
        "ended {} ms after the start",
        now() - start
    );

    let fake = fake_ecs(2, SECRET, parse(r#"["hang"]"#));
    let c = client(&fake, "{}");
    let signal = abort_after(30);
    let options = js_sys::Object::new();
    Reflect::set(&options, &"signal".into(), &signal).unwrap();
    let start = now();
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, options.into())).await;
    assert_eq!(
        (str_prop(&e, "kind"), str_prop(&e, "code")),
        ("aborted".into(), "Aborted".into())
    );
    // The request hangs until the abort: the call ends when the abort fires, not at the
    // 10-second default timeout (bounds leave room for a loaded CI machine).
    let after_abort = now() - num_prop(&signal, "firedAt");
    assert!(
        after_abort < 500.0 && now() - start < 5_000.0,
        "ended {after_abort} ms after the abort, {} ms after the start",
        now() - start
    );

    // An abort during a wait for deletion.
    let fake = fake_ecs(5, SECRET, JsValue::UNDEFINED);
    let c = client(&fake, "{}");
    let options = parse(r#"{"waitUntilDeleted":true}"#);
    // Polls at 250 ms and 625 ms: an abort at 300 ms lands in the 375 ms pause, which must
    // end at the abort rather than run its course.
    let signal = abort_after(300);
    Reflect::set(&options, &"signal".into(), &signal).unwrap();
    let start = now();
    let e = err(c.delete_network_interface(JsValue::from_str("eni-00001"), options)).await;
    assert_eq!(str_prop(&e, "kind"), "aborted");
    let after_abort = now() - num_prop(&signal, "firedAt");
    assert!(
        after_abort < 200.0 && now() - start < 5_000.0,
        "ended {after_abort} ms after the abort, {} ms after the start",
        now() - start
    );
}

#[wasm_bindgen_test]
async fn bad_answers_are_decode_errors_and_the_client_keeps_working() {
    let fake = fake_ecs(
        2,
        SECRET,
        parse(
            r#"["raw:<html>oops</html>", "raw:", "raw:{\"RequestId\":5}", "raw:{\"RequestId\":\"r\",\"NetworkInterfaceSets\":{\"NetworkInterfaceSet\":[{\"NetworkInterfaceId\":"]"#,
        ),
    );
    let c = client(&fake, r#"{"maxAttempts":1}"#);
    for _ in 0..4 {
        let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
        assert_eq!(
            str_prop(&e, "kind"),
            "decode",
            "{}",
            str_prop(&e, "message")
        );
        assert_eq!(num_prop(&e, "httpStatus"), 200.0);
    }
    let page = ok(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(
        Array::from(&prop(&page, "networkInterfaces")).length(),
        2,
        "no trap: the instance still works"
    );
}

#[wasm_bindgen_test]
async fn credentials_provider_is_called_before_every_request() {
    let fake = fake_ecs(250, SECRET, JsValue::UNDEFINED);
    let opts = options(&fake, parse("{}"));
    Reflect::set(&opts, &"credentials".into(), &provider(&fake)).unwrap();
    let c = EcsClient::new(opts).unwrap();
    let ids: Array = ok(collect(
        &c.list_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED),
        1000,
    ))
    .await
    .into();
    assert_eq!(ids.length(), 250);
    assert_eq!(num_prop(&prop(&fake, "state"), "providerCalls"), 3.0);
    let sent = Array::from(&prop(&prop(&fake, "state"), "params")).get(0);
    assert_eq!(str_prop(&sent, "SecurityToken"), "the-sts-token");

    let opts = options(&fake, parse("{}"));
    let throwing = js_sys::Function::new_no_args("throw new Error('vault unreachable')");
    Reflect::set(&opts, &"credentials".into(), &throwing).unwrap();
    let c = EcsClient::new(opts).unwrap();
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(str_prop(&e, "code"), "CredentialsError");
    assert!(str_prop(&e, "message").contains("vault unreachable"));
}

#[wasm_bindgen_test]
async fn signs_with_v3_by_default() {
    // 250 ENIs over three pages, a retried 503, delete-and-wait, an STS provider: every request
    // verified as V3 by the WebCrypto fake; each attempt with its own nonce.
    let fake = fake_ecs(250, SECRET, parse("[503]"));
    let opts = default_options(&fake, parse("{}"));
    Reflect::set(&opts, &"credentials".into(), &provider(&fake)).unwrap();
    let c = EcsClient::new(opts).unwrap();
    let ids: Array = ok(collect(
        &c.list_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED),
        1000,
    ))
    .await
    .into();
    assert_eq!(ids.length(), 250);
    ok(c.delete_network_interface("eni-00007".into(), parse(r#"{"waitUntilDeleted":true}"#))).await;
    let params = Array::from(&prop(&prop(&fake, "state"), "params"));
    assert!(params.length() >= 5);
    let mut nonces = std::collections::BTreeSet::new();
    for p in params.iter() {
        assert_eq!(str_prop(&p, "SecurityToken"), "the-sts-token");
        assert!(prop(&p, "Signature").is_undefined(), "no V2 signature");
        nonces.insert(str_prop(&p, "Nonce"));
    }
    assert_eq!(
        nonces.len() as u32,
        params.length(),
        "a fresh nonce every attempt"
    );
    let actions: Vec<String> = params.iter().map(|p| str_prop(&p, "Action")).collect();
    assert!(actions.contains(&"DeleteNetworkInterface".to_owned()));
    let inits: Array = prop(&prop(&fake, "state"), "inits").into();
    let init = inits.get(0);
    assert_eq!(str_prop(&init, "method"), "POST");
    assert!(prop(&init, "body").is_undefined());

    // A wrong secret is refused by the fake (the check is real), and never shown.
    let fake = fake_ecs(2, "another-secret", JsValue::UNDEFINED);
    let c = EcsClient::new(default_options(&fake, parse(r#"{"maxAttempts":1}"#))).unwrap();
    let e = err(c.describe_network_interfaces(JsValue::UNDEFINED, JsValue::UNDEFINED)).await;
    assert_eq!(str_prop(&e, "code"), "SignatureDoesNotMatch");
}
