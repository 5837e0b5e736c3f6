//! Signature vectors, every stage asserted on its own: canonical query, string to sign,
//! signature.
//!
//! - `published.json`: the five published vectors (Alibaba's docs and SDK test suites);
//! - `hostile.json`: non-ASCII, emoji, reserved characters, spaces, empty values and an STS
//!   token, GET and POST, with expected values produced by `@alicloud/pop-core`
//!   (`tests/vectors/generate-hostile.mjs`; `tests/interop/vectors.test.mjs` keeps it current).

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use aliyun_eni::canonical::{CanonicalQuery, Method, StringToSign};
use aliyun_eni::sign::{sign, sign_params, signature, Credentials, SigningContext};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct File {
    vectors: Vec<Vector>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Vector {
    source: String,
    method: String,
    access_key_secret: String,
    params: BTreeMap<String, String>,
    canonical_query: String,
    string_to_sign: String,
    signature: String,
}

fn load(json: &str, index: usize) -> Vector {
    let mut file: File = serde_json::from_str(json).unwrap();
    assert!(index < file.vectors.len(), "no vector {index}");
    file.vectors.swap_remove(index)
}

fn method(v: &Vector) -> Method {
    match v.method.as_str() {
        "GET" => Method::Get,
        "POST" => Method::Post,
        other => panic!("unknown method {other}"),
    }
}

/// Canonical query, string to sign and signature, each on its own.
fn check_stages(v: &Vector) {
    let pairs = v.params.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let canonical = CanonicalQuery::new(pairs.clone());
    assert_eq!(
        canonical.to_string(),
        v.canonical_query,
        "canonical query of {}",
        v.source
    );
    let sts = StringToSign::new(method(v), &canonical);
    assert_eq!(
        sts.to_string(),
        v.string_to_sign,
        "string to sign of {}",
        v.source
    );
    assert_eq!(
        signature(&v.access_key_secret, &sts),
        v.signature,
        "signature of {}",
        v.source
    );
    assert_eq!(
        sign_params(pairs, &v.access_key_secret, method(v)),
        v.signature
    );
}

/// The whole `sign()` path: common parameters added from credentials and context.
fn check_sign(v: &Vector) {
    let p = &v.params;
    let mut credentials = Credentials::new(&p["AccessKeyId"], &v.access_key_secret);
    if let Some(token) = p.get("SecurityToken") {
        credentials = credentials.with_security_token(token);
    }
    let added = [
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "SecurityToken",
    ];
    let own = p
        .iter()
        .filter(|(k, _)| !added.contains(&k.as_str()))
        .map(|(k, v)| (k.as_str(), v.as_str()));
    let epoch_ms = parse_timestamp(&p["Timestamp"]);
    let signed = sign(
        own,
        &credentials,
        SigningContext {
            epoch_ms,
            nonce: &p["SignatureNonce"],
        },
        method(v),
    );
    assert_eq!(
        signed.canonical().as_str(),
        v.canonical_query,
        "{}",
        v.source
    );
    assert_eq!(signed.signature(), v.signature, "{}", v.source);
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

macro_rules! vector_tests {
    ($file:literal, $check:path, $($name:ident = $index:literal),* $(,)?) => {$(
        #[test]
        fn $name() {
            $check(&load(include_str!($file), $index));
        }
    )*};
}

vector_tests!(
    "vectors/published.json",
    check_stages,
    published_ecs_doc_describe_regions = 0,
    published_ecs_doc_timestamp_spelling = 1,
    published_java_and_cpp_sdk = 2,
    published_libcloud = 3,
    published_darabonba = 4,
);

vector_tests!(
    "vectors/hostile.json",
    check_stages,
    hostile_get_non_ascii = 0,
    hostile_get_emoji = 1,
    hostile_get_reserved = 2,
    hostile_get_spaces = 3,
    hostile_get_empty_values = 4,
    hostile_get_sts_token = 5,
    hostile_get_html_and_quotes = 6,
    hostile_get_many_ids = 7,
    hostile_get_astral_vs_bmp = 8,
    hostile_post_non_ascii = 9,
    hostile_post_emoji = 10,
    hostile_post_reserved = 11,
    hostile_post_spaces = 12,
    hostile_post_empty_values = 13,
    hostile_post_sts_token = 14,
    hostile_post_html_and_quotes = 15,
    hostile_post_many_ids = 16,
    hostile_post_astral_vs_bmp = 17,
);

#[test]
fn hostile_vectors_through_sign() {
    let file: File = serde_json::from_str(include_str!("vectors/hostile.json")).unwrap();
    assert_eq!(file.vectors.len(), 18);
    for v in &file.vectors {
        check_sign(v);
    }
}

#[test]
fn timestamp_parser_matches_formatter() {
    for ms in [0, 1_456_231_584_000, 1_795_309_323_000, 951_782_400_000] {
        assert_eq!(parse_timestamp(&aliyun_eni::time::format_timestamp(ms)), ms);
    }
}
