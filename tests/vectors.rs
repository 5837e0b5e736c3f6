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
    name: String,
    source: String,
    method: String,
    access_key_secret: String,
    params: BTreeMap<String, String>,
    canonical_query: String,
    string_to_sign: String,
    signature: String,
}

/// The vector named `name` (names are unique within a file).
fn load(json: &str, name: &str) -> Vector {
    let file: File = serde_json::from_str(json).unwrap();
    let mut found: Vec<Vector> = file
        .vectors
        .into_iter()
        .filter(|v| v.name == name)
        .collect();
    assert_eq!(found.len(), 1, "one vector named {name}");
    found.pop().unwrap()
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
    ($file:literal, $check:path, $($test:ident = $name:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                $check(&load(include_str!($file), $name));
            }
        )*
        /// Every vector of the file has its test, and names are unique.
        #[test]
        #[allow(non_snake_case)]
        fn every_vector_of_the_file_has_a_test() {
            let file: File = serde_json::from_str(include_str!($file)).unwrap();
            let mut names: Vec<&str> = file.vectors.iter().map(|v| v.name.as_str()).collect();
            names.sort_unstable();
            let mut tested = vec![$($name),*];
            tested.sort_unstable();
            assert_eq!(names, tested, "vectors of {} and their tests", $file);
        }
    };
}

mod published {
    use super::*;
    vector_tests!(
        "vectors/published.json",
        check_stages,
        ecs_doc_describe_regions = "ecs-doc-describe-regions",
        ecs_doc_timestamp_spelling = "ecs-doc-timestamp-spelling",
        java_and_cpp_sdk = "java-and-cpp-sdk",
        libcloud = "libcloud",
        darabonba = "darabonba",
    );
}

mod hostile {
    use super::*;
    vector_tests!(
        "vectors/hostile.json",
        check_stages,
        get_non_ascii = "get-non-ascii",
        get_emoji = "get-emoji",
        get_reserved = "get-reserved",
        get_spaces = "get-spaces",
        get_empty_values = "get-empty-values",
        get_sts_token = "get-sts-token",
        get_html_and_quotes = "get-html-and-quotes",
        get_many_ids = "get-many-ids",
        get_astral_vs_bmp = "get-astral-vs-bmp-key-order",
        post_non_ascii = "post-non-ascii",
        post_emoji = "post-emoji",
        post_reserved = "post-reserved",
        post_spaces = "post-spaces",
        post_empty_values = "post-empty-values",
        post_sts_token = "post-sts-token",
        post_html_and_quotes = "post-html-and-quotes",
        post_many_ids = "post-many-ids",
        post_astral_vs_bmp = "post-astral-vs-bmp-key-order",
    );
}

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
