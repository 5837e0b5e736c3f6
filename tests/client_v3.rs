//! The client with signature V3 (`ACS3-HMAC-SHA256`, the default) over a scripted transport:
//! what each attempt sends (POST, the parameters in the query, `Authorization` and the `x-acs-*`
//! headers, no `Host`), checked by rebuilding the canonical request from what was sent and the
//! host the server is; every retry re-signed (new `x-acs-date` and nonce); the clock-skew
//! correction applied to `x-acs-date`; the host to sign for when sending to a relay; the STS token
//! in a header and never in an error; credentials that cannot travel in a header refused before
//! anything is sent. (`tests/client.rs` covers the same loop with `HMAC-SHA1`.)

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;
use support::percent_decode;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use support::block_on;

use aliyun_eni::canonical::Method;
use aliyun_eni::client::{Client, ClientConfig, DeleteOptions};
use aliyun_eni::rpc::SignatureAlgorithm;
use aliyun_eni::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use aliyun_eni::v3::{authorization, CanonicalRequest, Signature, StringToSign};
use aliyun_eni::{Credentials, DescribeNetworkInterfacesRequest, Error, ErrorKind};

const PAGE: &str = r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[]}}"#;
const SECRET: &str = "v3-secret-value";
const TOKEN: &str = "CAIS+sts/token==value";

/// What one attempt sent.
#[derive(Debug, Clone)]
struct Sent {
    method: Method,
    url: String,
    headers: BTreeMap<String, String>,
    body: Option<String>,
    at_ms: i64,
}

impl Sent {
    fn query(&self) -> BTreeMap<String, String> {
        let Some((_, q)) = self.url.split_once('?') else {
            return BTreeMap::new();
        };
        q.split('&')
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (percent_decode(k), percent_decode(v))
            })
            .collect()
    }

    /// Whether `Authorization` verifies for `host`, the way the service checks it: the
    /// canonical request rebuilt from the method, the decoded query, the received headers and
    /// its own host.
    fn verifies_for(&self, host: &str, id: &str, secret: &str) -> bool {
        let query = self.query();
        let mut headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .filter(|(k, _)| k.as_str() != "Authorization")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        headers.push(("host", host));
        let canonical = CanonicalRequest::new(
            self.method.as_str(),
            "/",
            query.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            headers,
            &self.headers["x-acs-content-sha256"],
        );
        let signature = Signature::new(secret, &StringToSign::new(&canonical));
        self.headers["Authorization"] == authorization(id, &canonical, &signature)
    }
}

type Answer = Result<(u16, String, Vec<(String, String)>), TransportError>;

struct Mock {
    script: RefCell<VecDeque<Answer>>,
    sent: RefCell<Vec<Sent>>,
    now: Cell<i64>,
    counter: Cell<u8>,
    credentials: Credentials,
}

impl Mock {
    fn new(credentials: Credentials, script: Vec<Answer>) -> Self {
        Mock {
            script: RefCell::new(script.into()),
            sent: RefCell::default(),
            now: Cell::new(1_796_032_800_000), // 2026-11-30T10:00:00Z
            counter: Cell::new(0),
            credentials,
        }
    }
}

impl Transport for Mock {
    async fn credentials(&self) -> Result<Credentials, Error> {
        Ok(self.credentials.clone())
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.sent.borrow_mut().push(Sent {
            method: request.method,
            url: request.url,
            headers: request.headers.into_iter().collect(),
            body: request.body,
            at_ms: self.now.get(),
        });
        let (status, body, headers) =
            self.script
                .borrow_mut()
                .pop_front()
                .unwrap_or(Ok((200, PAGE.to_owned(), vec![])))?;
        Ok(HttpResponse {
            status,
            body: body.into_bytes(),
            headers,
        })
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        self.now.set(self.now.get() + ms as i64);
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        self.now.get()
    }

    fn random_bytes(&self) -> [u8; 16] {
        let n = self.counter.get().wrapping_add(1);
        self.counter.set(n);
        [n; 16]
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn config() -> ClientConfig {
    ClientConfig::new("cn-hangzhou")
        .unwrap()
        .with_endpoint("http://127.0.0.1:9")
        .unwrap()
}

fn api_error(status: u16, code: &str, message: &str) -> Answer {
    Ok((
        status,
        format!(r#"{{"RequestId":"req","Code":"{code}","Message":"{message}"}}"#),
        vec![],
    ))
}

#[test]
fn v3_is_the_default_and_sends_what_the_official_sdk_sends() {
    assert_eq!(
        config().signature_algorithm,
        SignatureAlgorithm::Acs3HmacSha256
    );
    let io = Mock::new(Credentials::new("v3-id", SECRET), vec![]);
    let client = Client::new(config());
    let request = DescribeNetworkInterfacesRequest {
        network_interface_ids: Some(vec!["eni-1".into(), "eni-2".into()]),
        max_results: Some(50),
        ..Default::default()
    };
    block_on(client.describe_network_interfaces(&io, &request)).unwrap();
    let sent = io.sent.borrow()[0].clone();
    assert_eq!(sent.method, Method::Post);
    assert_eq!(sent.body, None);
    assert!(sent.url.starts_with("http://127.0.0.1:9/?"));
    let query = sent.query();
    assert_eq!(query["RegionId"], "cn-hangzhou");
    assert_eq!(query["NetworkInterfaceId.2"], "eni-2");
    assert_eq!(query["MaxResults"], "50");
    assert!(!query.contains_key("Action") && !query.contains_key("Signature"));
    let names: Vec<&str> = sent.headers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Authorization",
            "accept",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-signature-nonce",
            "x-acs-version"
        ]
    );
    assert_eq!(sent.headers["x-acs-action"], "DescribeNetworkInterfaces");
    assert_eq!(sent.headers["x-acs-version"], "2014-05-26");
    assert_eq!(sent.headers["x-acs-date"], "2026-11-30T10:00:00Z");
    assert!(sent.verifies_for("127.0.0.1:9", "v3-id", SECRET));
    assert!(!sent.verifies_for("ecs-cn-hangzhou.aliyuncs.com", "v3-id", SECRET));
}

#[test]
fn every_retry_is_signed_afresh() {
    let io = Mock::new(
        Credentials::new("v3-id", SECRET),
        vec![
            api_error(503, "ServiceUnavailable", "busy"),
            Err(TransportError::Network("reset".into())),
            Ok((200, r#"{"RequestId":"d"}"#.to_owned(), vec![])),
        ],
    );
    let client = Client::new(config().with_max_attempts(3).unwrap());
    block_on(client.delete_network_interface(&io, "eni-1", DeleteOptions::default())).unwrap();
    let sent = io.sent.borrow().clone();
    assert_eq!(sent.len(), 3);
    let nonces: std::collections::BTreeSet<&str> = sent
        .iter()
        .map(|s| s.headers["x-acs-signature-nonce"].as_str())
        .collect();
    assert_eq!(nonces.len(), 3, "a new nonce each attempt");
    for s in &sent {
        assert!(s.verifies_for("127.0.0.1:9", "v3-id", SECRET));
        assert_eq!(s.headers["x-acs-action"], "DeleteNetworkInterface");
        assert_eq!(s.query()["NetworkInterfaceId"], "eni-1");
        // x-acs-date is the clock at the attempt (whole seconds).
        assert_eq!(
            s.headers["x-acs-date"],
            aliyun_eni::time::format_timestamp(s.at_ms)
        );
    }
    assert!(sent[2].at_ms > sent[0].at_ms, "the backoff moved the clock");
    let first = &sent[0].headers["Authorization"];
    assert!(sent[1..]
        .iter()
        .all(|s| &s.headers["Authorization"] != first));
}

#[test]
fn a_skewed_clock_is_corrected_in_x_acs_date() {
    // The server is 20 minutes ahead: the first attempt's x-acs-date is stale to it.
    let server_date = "Mon, 30 Nov 2026 10:20:00 GMT";
    let io = Mock::new(
        Credentials::new("v3-id", SECRET),
        vec![Ok((
            400,
            r#"{"RequestId":"t","Code":"InvalidTimeStamp.Expired","Message":"Specified time stamp or date value is expired."}"#.to_owned(),
            vec![("date".to_owned(), server_date.to_owned())],
        ))],
    );
    let client = Client::new(config().with_max_attempts(1).unwrap());
    block_on(client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()))
        .unwrap();
    let sent = io.sent.borrow().clone();
    assert_eq!(sent.len(), 2, "one corrected retry even with maxAttempts 1");
    assert_eq!(sent[0].headers["x-acs-date"], "2026-11-30T10:00:00Z");
    assert_eq!(sent[1].headers["x-acs-date"], "2026-11-30T10:20:00Z");
    assert!(sent[1].verifies_for("127.0.0.1:9", "v3-id", SECRET));
    assert!(client.clock_offset_ms() > 19 * 60_000);
    // Later calls keep the correction.
    block_on(client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()))
        .unwrap();
    assert_eq!(
        io.sent.borrow()[2].headers["x-acs-date"],
        "2026-11-30T10:20:00Z"
    );
}

#[test]
fn signs_for_the_signing_host_while_sending_to_a_relay() {
    let io = Mock::new(Credentials::new("v3-id", SECRET), vec![]);
    let client = Client::new(
        ClientConfig::new("cn-hangzhou")
            .unwrap()
            .with_endpoint("https://relay.example.com/ecs")
            .unwrap()
            .with_signing_host("ecs-cn-hangzhou.aliyuncs.com")
            .unwrap(),
    );
    block_on(client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()))
        .unwrap();
    let sent = io.sent.borrow()[0].clone();
    assert!(sent.url.starts_with("https://relay.example.com/ecs/?"));
    assert!(sent.verifies_for("ecs-cn-hangzhou.aliyuncs.com", "v3-id", SECRET));
    assert!(!sent.verifies_for("relay.example.com", "v3-id", SECRET));
    for bad in ["", "a/b", "host name", "h?x"] {
        let e = config().with_signing_host(bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("signingHost"), "{bad}");
    }
}

#[test]
fn the_sts_token_travels_in_a_header_and_never_in_an_error() {
    let credentials = Credentials::new("STS.v3-id", SECRET).with_security_token(TOKEN);
    // An error that quotes the canonical request (as a SignatureDoesNotMatch message does),
    // with the token raw and percent-encoded, and the secret.
    let quoted =
        format!("canonical x-acs-security-token:{TOKEN} CAIS%2Bsts%2Ftoken%3D%3Dvalue {SECRET}");
    let io = Mock::new(
        credentials,
        vec![api_error(400, "SignatureDoesNotMatch", &quoted)],
    );
    let client = Client::new(config());
    let e = block_on(
        client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()),
    )
    .unwrap_err();
    let sent = io.sent.borrow()[0].clone();
    assert_eq!(sent.headers["x-acs-security-token"], TOKEN);
    assert_eq!(sent.headers["x-acs-accesskey-id"], "STS.v3-id");
    assert!(!sent.url.contains("SecurityToken"));
    assert!(sent.verifies_for("127.0.0.1:9", "STS.v3-id", SECRET));
    assert_eq!(e.code, "SignatureDoesNotMatch");
    let shown = format!("{e} {e:?} {}", e.to_json());
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(!shown.contains("CAIS%2Bsts%2Ftoken%3D%3Dvalue"), "{shown}");
    assert!(!shown.contains(SECRET), "{shown}");
}

#[test]
fn credentials_v3_cannot_send_are_refused_before_anything_is_sent() {
    let io = Mock::new(
        Credentials::new("v3-id", SECRET).with_security_token("tøken-value"),
        vec![],
    );
    let client = Client::new(config());
    let e = block_on(
        client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()),
    )
    .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Validation);
    assert_eq!(e.field.as_deref(), Some("credentials.securityToken"));
    assert_eq!(e.attempts, 0);
    assert!(io.sent.borrow().is_empty());
    assert!(!e.message.contains("tøken-value"));
}

#[test]
fn hmac_sha1_stays_available() {
    let io = Mock::new(Credentials::new("v2-id", SECRET), vec![]);
    let client = Client::new(config().with_signature_algorithm(SignatureAlgorithm::HmacSha1));
    block_on(client.describe_network_interfaces(&io, &DescribeNetworkInterfacesRequest::default()))
        .unwrap();
    let sent = io.sent.borrow()[0].clone();
    assert_eq!(sent.method, Method::Get);
    assert!(sent.headers.is_empty() && sent.body.is_none());
    let q = sent.query();
    assert_eq!(q["Action"], "DescribeNetworkInterfaces");
    assert_eq!(q["SignatureMethod"], "HMAC-SHA1");
    assert_eq!(q["SignatureVersion"], "1.0");
    assert_eq!(q["Format"], "JSON");
    assert_eq!(q["RegionId"], "cn-hangzhou");
    let mut params: Vec<(&str, &str)> = q
        .iter()
        .filter(|(k, _)| k.as_str() != "Signature")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    params.sort();
    assert_eq!(
        q["Signature"],
        aliyun_eni::sign::sign_params(params, SECRET, Method::Get)
    );
}

#[test]
fn client_options_read_the_algorithm_and_the_signing_host() {
    use aliyun_eni::input::client_options;
    let creds = r#""credentials":{"accessKeyId":"a","accessKeySecret":"b"}"#;
    let read =
        |extra: &str| client_options(&format!(r#"{{"regionId":"cn-hangzhou",{creds}{extra}}}"#));
    let c = read("").unwrap().config;
    assert_eq!(c.signature_algorithm, SignatureAlgorithm::Acs3HmacSha256);
    assert_eq!(c.signing_host, None);
    let c =
        read(r#","signatureAlgorithm":"HMAC-SHA1","signingHost":"ecs.cn-beijing.aliyuncs.com""#)
            .unwrap()
            .config;
    assert_eq!(c.signature_algorithm, SignatureAlgorithm::HmacSha1);
    assert_eq!(
        c.signing_host.as_deref(),
        Some("ecs.cn-beijing.aliyuncs.com")
    );
    let c = read(r#","signatureAlgorithm":"ACS3-HMAC-SHA256""#)
        .unwrap()
        .config;
    assert_eq!(c.signature_algorithm, SignatureAlgorithm::Acs3HmacSha256);
    for (extra, field) in [
        (r#","signatureAlgorithm":"v3""#, "signatureAlgorithm"),
        (r#","signatureAlgorithm":1"#, "signatureAlgorithm"),
        (r#","signingHost":"a/b""#, "signingHost"),
        (r#","signingHost":true"#, "signingHost"),
        (r#","signatureAlgoritm":"HMAC-SHA1""#, "signatureAlgoritm"),
    ] {
        let e = read(extra).unwrap_err();
        assert_eq!(e.field.as_deref(), Some(field), "{extra}: {}", e.message);
        assert_eq!(e.kind, ErrorKind::Validation);
    }
}
