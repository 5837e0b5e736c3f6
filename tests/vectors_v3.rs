//! Signature vectors of both schemes, one `#[test]` per vector, found by the vector's name.
//!
//! - `vectors/published-v3.json` (a copy of `../shared/signature-vectors-v3.json`: one vector
//!   from Alibaba's Go SDK tests, four computed with the official SDK): every stage of V3
//!   (`ACS3-HMAC-SHA256`): canonical request, string to sign, signature and `Authorization`.
//!   The expected canonical request and string to sign are what the official SDK's own
//!   `getAuthorization` hashed and signed (`vectors/v3-stages.json`, recorded by
//!   `vectors/generate-v3-stages.mjs`; `tests/js/signatures.test.mjs` keeps it current). The
//!   vectors shaped like an ECS RPC call are also reproduced whole by `sign_rpc_request`, from
//!   the request, the credentials, the time and the nonce: every header it sends, the URL and
//!   `Authorization`.
//! - `vectors/published.json` (the signature-v1 vectors, `../shared/signature-vectors.json`),
//!   named here after their source: canonical query, string to sign and signature; the one
//!   shaped like a whole call is reproduced by `sign_rpc_request` with `HMAC-SHA1`.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;
use support::percent_decode;

use std::collections::BTreeMap;

use aliyun_eni::canonical::{CanonicalQuery, Method, StringToSign as V1StringToSign};
use aliyun_eni::rpc::{sign_rpc_request, RpcRequest, SignatureAlgorithm};
use aliyun_eni::sign::{signature as v1_signature, Credentials, SigningContext};
use aliyun_eni::v3::{authorization, CanonicalRequest, Signature, StringToSign};
use serde::Deserialize;

#[derive(Deserialize)]
struct V3File {
    vectors: Vec<V3Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V3Vector {
    name: String,
    method: String,
    pathname: String,
    query: BTreeMap<String, String>,
    headers: BTreeMap<String, String>,
    hashed_payload: String,
    access_key_id: String,
    access_key_secret: String,
    authorization: String,
    signature: String,
}

#[derive(Deserialize)]
struct StagesFile {
    stages: BTreeMap<String, Stages>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Stages {
    canonical_request: String,
    string_to_sign: String,
    signature: String,
    authorization: String,
}

fn v3_vector(name: &str) -> (V3Vector, Stages) {
    let file: V3File = serde_json::from_str(include_str!("vectors/published-v3.json")).unwrap();
    let mut stages: StagesFile =
        serde_json::from_str(include_str!("vectors/v3-stages.json")).unwrap();
    let v = file
        .vectors
        .into_iter()
        .find(|v| v.name == name)
        .unwrap_or_else(|| panic!("no V3 vector named {name}"));
    let s = stages
        .stages
        .remove(name)
        .unwrap_or_else(|| panic!("no recorded stages for {name}"));
    (v, s)
}

/// Every stage of a V3 vector, each on its own.
fn check_v3_stages(name: &str) {
    let (v, expected) = v3_vector(name);
    let canonical = CanonicalRequest::new(
        &v.method,
        &v.pathname,
        v.query.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        v.headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        &v.hashed_payload,
    );
    assert_eq!(
        canonical.to_string(),
        expected.canonical_request,
        "canonical request of {name}"
    );
    let string_to_sign = StringToSign::new(&canonical);
    assert_eq!(
        string_to_sign.to_string(),
        expected.string_to_sign,
        "string to sign of {name}"
    );
    let signature = Signature::new(&v.access_key_secret, &string_to_sign);
    assert_eq!(signature.to_string(), v.signature, "signature of {name}");
    assert_eq!(signature.to_string(), expected.signature);
    let auth = authorization(&v.access_key_id, &canonical, &signature);
    assert_eq!(auth, v.authorization, "Authorization of {name}");
    assert_eq!(auth, expected.authorization);
}

/// `yyyy-MM-ddTHH:mm:ssZ` to epoch ms, independently of the crate's formatter.
fn parse_timestamp(s: &str) -> i64 {
    let n = |a: usize, b: usize| s[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let days_before_month = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days = (1970..y)
        .map(|y| if leap(y) { 366 } else { 365 })
        .sum::<i64>();
    days += days_before_month[(m - 1) as usize] + d - 1 + i64::from(m > 2 && leap(y));
    ((days * 24 + n(11, 13)) * 60 + n(14, 16)) * 60_000 + n(17, 19) * 1000
}

/// A V3 vector shaped like an ECS RPC call (empty body, the SDK's headers), rebuilt whole by
/// `sign_rpc_request` from its parts: the URL's query decodes to the vector's query, every
/// header sent is the vector's (host excepted: it is signed, not sent) and `Authorization` is
/// the vector's.
fn check_v3_rpc(name: &str) {
    let (v, _) = v3_vector(name);
    let h = |n: &str| v.headers[n].as_str();
    let mut credentials = Credentials::new(&v.access_key_id, &v.access_key_secret);
    if let Some(token) = v.headers.get("x-acs-security-token") {
        credentials = credentials.with_security_token(token);
    }
    let method = match v.method.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => panic!("{name}: not an RPC method {other}"),
    };
    let request = RpcRequest::new(
        &format!("https://{}", h("host")),
        h("x-acs-action"),
        h("x-acs-version"),
        v.query
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        method,
        None,
    )
    .unwrap();
    let signed = sign_rpc_request(
        &request,
        &credentials,
        SignatureAlgorithm::Acs3HmacSha256,
        SigningContext {
            epoch_ms: parse_timestamp(h("x-acs-date")),
            nonce: h("x-acs-signature-nonce"),
        },
    )
    .unwrap();
    assert_eq!(signed.method, method);
    assert_eq!(signed.body, None);
    assert_eq!(
        signed.header("Authorization"),
        Some(v.authorization.as_str()),
        "{name}"
    );
    let sent: BTreeMap<String, String> = signed
        .headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-acs-"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut expected = v.headers.clone();
    expected.remove("host");
    assert_eq!(sent, expected, "x-acs-* headers of {name}");
    assert!(signed.header("host").is_none());
    let (origin, query) = signed.url.split_once('?').unwrap_or((&signed.url, ""));
    assert_eq!(origin, format!("https://{}/", h("host")));
    let decoded: BTreeMap<String, String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap();
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    assert_eq!(decoded, v.query, "query of {name}");
}

macro_rules! v3_tests {
    ($($test:ident = $name:literal $(+ $rpc:ident)?),* $(,)?) => {$(
        #[test]
        fn $test() {
            check_v3_stages($name);
            $( $rpc($name); )?
        }
    )*};
}

v3_tests!(
    v3_go_util_get_authorization = "go-util-get-authorization",
    v3_ecs_describe_get = "ecs-describe-get" + check_v3_rpc,
    v3_ecs_describe_post_hostile = "ecs-describe-post-hostile" + check_v3_rpc,
    v3_ecs_delete_sts = "ecs-delete-sts" + check_v3_rpc,
    v3_ecs_describe_form_body = "ecs-describe-form-body",
);

#[test]
fn every_v3_vector_has_a_test() {
    let file: V3File = serde_json::from_str(include_str!("vectors/published-v3.json")).unwrap();
    let names: Vec<&str> = file.vectors.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "go-util-get-authorization",
            "ecs-describe-get",
            "ecs-describe-post-hostile",
            "ecs-delete-sts",
            "ecs-describe-form-body"
        ]
    );
}

// ---- signature v1 ("V2" in Alibaba's docs), by name ---------------------------------------------

#[derive(Deserialize)]
struct V1File {
    vectors: Vec<V1Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V1Vector {
    source: String,
    method: String,
    access_key_secret: String,
    params: BTreeMap<String, String>,
    canonical_query: String,
    string_to_sign: String,
    signature: String,
}

/// The v1 vectors have no names: they are named after their source.
fn v1_vector(name: &str) -> V1Vector {
    let file: V1File = serde_json::from_str(include_str!("vectors/published.json")).unwrap();
    let source = match name {
        "ecs-doc-describe-regions" => "ECS signature doc example (DescribeRegions)",
        "ecs-doc-timestamp-spelling" => "ECS signature doc example, parameter spelled TimeStamp",
        "java-and-cpp-sdk" => "aliyun-java-sdk-core AuthTest / C++ SDK HmacSha1Signer test",
        "libcloud" => "apache libcloud test_aliyun",
        "darabonba-openapi-util" => "darabonba openapi-util getRPCSignature test",
        other => panic!("no v1 vector named {other}"),
    };
    file.vectors
        .into_iter()
        .find(|v| v.source == source)
        .unwrap_or_else(|| panic!("no v1 vector from {source}"))
}

fn v1_method(v: &V1Vector) -> Method {
    match v.method.as_str() {
        "GET" => Method::Get,
        _ => Method::Post,
    }
}

fn check_v1_stages(name: &str) {
    let v = v1_vector(name);
    let canonical = CanonicalQuery::new(v.params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    assert_eq!(canonical.to_string(), v.canonical_query, "{name}");
    let sts = V1StringToSign::new(v1_method(&v), &canonical);
    assert_eq!(sts.to_string(), v.string_to_sign, "{name}");
    assert_eq!(
        v1_signature(&v.access_key_secret, &sts),
        v.signature,
        "{name}"
    );
}

/// A v1 vector that is a whole call, rebuilt by `sign_rpc_request` with `HMAC-SHA1`.
fn check_v1_rpc(name: &str) {
    let v = v1_vector(name);
    let p = &v.params;
    let own: Vec<(String, String)> = p
        .iter()
        .filter(|(k, _)| !aliyun_eni::rpc::RESERVED_PARAMETERS.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let request = RpcRequest::new(
        "https://ecs.aliyuncs.com",
        &p["Action"],
        &p["Version"],
        own,
        v1_method(&v),
        None,
    )
    .unwrap();
    let signed = sign_rpc_request(
        &request,
        &Credentials::new(&p["AccessKeyId"], &v.access_key_secret),
        SignatureAlgorithm::HmacSha1,
        SigningContext {
            epoch_ms: parse_timestamp(&p["Timestamp"]),
            nonce: &p["SignatureNonce"],
        },
    )
    .unwrap();
    let mut encoded_signature = String::new();
    aliyun_eni::encode::percent_encode_into(&mut encoded_signature, &v.signature);
    assert_eq!(
        signed.url,
        format!(
            "https://ecs.aliyuncs.com/?{}&Signature={encoded_signature}",
            v.canonical_query
        ),
        "{name}"
    );
    assert!(signed.headers.is_empty());
}

macro_rules! v1_tests {
    ($($test:ident = $name:literal $(+ $rpc:ident)?),* $(,)?) => {$(
        #[test]
        fn $test() {
            check_v1_stages($name);
            $( $rpc($name); )?
        }
    )*};
}

v1_tests!(
    v1_ecs_doc_describe_regions = "ecs-doc-describe-regions" + check_v1_rpc,
    v1_ecs_doc_timestamp_spelling = "ecs-doc-timestamp-spelling",
    v1_java_and_cpp_sdk = "java-and-cpp-sdk",
    v1_libcloud = "libcloud",
    v1_darabonba_openapi_util = "darabonba-openapi-util",
);

#[test]
fn timestamp_parser_matches_formatter() {
    for ms in [0, 1_456_231_584_000, 1_796_032_800_000, 951_782_400_000] {
        assert_eq!(parse_timestamp(&aliyun_eni::time::format_timestamp(ms)), ms);
    }
}
