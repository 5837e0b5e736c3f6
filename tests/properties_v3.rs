//! Property tests of signature V3 (`ACS3-HMAC-SHA256`) against an independent implementation
//! written here from the spec (the official SDK's `getAuthorization`): its own percent-encoding,
//! UTF-16 sort keys, header grouping through a map, JavaScript's `trim`, and HMAC-SHA256 built
//! by hand over SHA-256. Also: what `sign_rpc_request` sends verifies when the canonical request
//! is rebuilt from the URL and headers alone, and no input panics.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;
use support::{percent_decode, spec_encode};

use std::collections::BTreeMap;

use aliyun_eni::canonical::Method;
use aliyun_eni::rpc::{read_sign_rpc_arguments, sign_rpc_request, RpcRequest, SignatureAlgorithm};
use aliyun_eni::sign::{Credentials, SigningContext};
use aliyun_eni::v3::{authorization, CanonicalRequest, Signature, StringToSign};
use proptest::prelude::*;
use sha2::{Digest, Sha256};

// ---- the independent implementation --------------------------------------------------------------

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// ECMAScript WhiteSpace and LineTerminator, what `String.prototype.trim` removes.
fn spec_trim(s: &str) -> &str {
    const JS_SPACE: &[char] = &[
        '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{a0}', '\u{1680}', '\u{2000}', '\u{2001}',
        '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}', '\u{2006}', '\u{2007}', '\u{2008}',
        '\u{2009}', '\u{200a}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}', '\u{3000}',
        '\u{feff}',
    ];
    s.trim_matches(JS_SPACE)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn spec_hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let inner = Sha256::new()
        .chain_update(k.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(k.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// Returns (canonical request, string to sign, signature, Authorization).
fn spec_sign(
    method: &str,
    query: &[(String, String)],
    headers: &[(String, String)],
    payload_hash: &str,
    id: &str,
    secret: &str,
) -> (String, String, String, String) {
    let mut q: Vec<&(String, String)> = query.iter().collect();
    q.sort_by_key(|(k, v)| (utf16(k), utf16(v)));
    let canonical_query = q
        .iter()
        .map(|(k, v)| format!("{k}={}", spec_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut grouped: BTreeMap<Vec<u16>, (String, Vec<String>)> = BTreeMap::new();
    for (name, value) in headers {
        let lower = name.to_ascii_lowercase();
        if lower == "host" || lower == "content-type" || lower.starts_with("x-acs-") {
            grouped
                .entry(utf16(&lower))
                .or_insert_with(|| (lower.clone(), Vec::new()))
                .1
                .push(spec_trim(value).to_owned());
        }
    }
    let mut lines = String::new();
    let mut names = Vec::new();
    for (_, (name, mut values)) in grouped {
        values.sort_by_key(|v| utf16(v));
        lines += &format!("{name}:{}\n", values.join(","));
        names.push(name);
    }
    let signed = names.join(";");
    let canonical = format!("{method}\n/\n{canonical_query}\n{lines}\n{signed}\n{payload_hash}");
    let sts = format!(
        "ACS3-HMAC-SHA256\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let sig = hex(&spec_hmac_sha256(secret.as_bytes(), sts.as_bytes()));
    let auth = format!("ACS3-HMAC-SHA256 Credential={id},SignedHeaders={signed},Signature={sig}");
    (canonical, sts, sig, auth)
}

// ---- strategies ----------------------------------------------------------------------------------

/// Text from every class that encodes, sorts or trims differently.
fn text() -> impl Strategy<Value = String> {
    let chars = prop_oneof![
        Just('a'),
        Just('Z'),
        Just('0'),
        Just('-'),
        Just('~'),
        Just('*'),
        Just(' '),
        Just('+'),
        Just('/'),
        Just('='),
        Just('&'),
        Just('%'),
        Just('\t'),
        Just('\u{85}'),
        Just('\u{a0}'),
        Just('\u{feff}'),
        Just('\u{3000}'),
        Just('é'),
        Just('网'),
        Just('\u{ff01}'),
        Just('\u{e000}'),
        Just('😀'),
        Just('\u{10ffff}'),
        any::<char>(),
    ];
    proptest::collection::vec(chars, 0..12).prop_map(|v| v.into_iter().collect())
}

fn header_name() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("host".to_owned()),
        Just("Host".to_owned()),
        Just("content-type".to_owned()),
        Just("Content-Type".to_owned()),
        Just("x-acs-date".to_owned()),
        Just("X-Acs-Date".to_owned()),
        Just("x-acs-a".to_owned()),
        Just("x-acs-".to_owned()),
        Just("x-acsb".to_owned()),
        Just("user-agent".to_owned()),
        Just("hostx".to_owned()),
        "x-acs-[a-z0-9-]{1,8}",
        "[A-Za-z-]{1,10}",
    ]
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("GET".to_owned()),
        Just("POST".to_owned()),
        Just(String::new())
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn every_stage_matches_the_independent_implementation(
        method in method(),
        query in proptest::collection::btree_map(text(), text(), 0..8),
        headers in proptest::collection::vec((header_name(), text()), 0..10),
        payload in proptest::collection::vec(any::<u8>(), 0..40),
        id in "[A-Za-z0-9.*]{1,24}",
        secret in text(),
    ) {
        let query: Vec<(String, String)> = query.into_iter().collect();
        let payload_hash = hex(&Sha256::digest(&payload));
        prop_assert_eq!(aliyun_eni::v3::hex_sha256(&payload), payload_hash.clone());
        let (want_canonical, want_sts, want_sig, want_auth) =
            spec_sign(&method, &query, &headers, &payload_hash, &id, &secret);
        let canonical = CanonicalRequest::new(
            &method,
            "/",
            query.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            &payload_hash,
        );
        prop_assert_eq!(canonical.to_string(), want_canonical);
        let sts = StringToSign::new(&canonical);
        prop_assert_eq!(sts.to_string(), want_sts);
        let sig = Signature::new(&secret, &sts);
        prop_assert_eq!(sig.to_string(), want_sig);
        prop_assert_eq!(authorization(&id, &canonical, &sig), want_auth);
    }

    /// What `sign_rpc_request` returns verifies when the receiver rebuilds the canonical request
    /// from the URL, the headers it got and the host it is (which was never sent).
    #[test]
    fn a_signed_rpc_request_verifies_from_what_is_sent(
        params in proptest::collection::btree_map("[A-Za-z][A-Za-z0-9.]{0,12}", text(), 0..8),
        get in any::<bool>(),
        sts in proptest::option::of("[A-Za-z0-9+/=]{6,40}"),
        host in proptest::option::of("[a-z0-9.-]{1,20}(:[0-9]{1,5})?"),
        epoch_ms in 0i64..253_402_300_799_000,
        nonce in "[a-f0-9-]{1,36}",
    ) {
        let params: Vec<(String, String)> = params
            .into_iter()
            .filter(|(k, _)| !aliyun_eni::rpc::RESERVED_PARAMETERS.contains(&k.as_str()))
            .collect();
        let method = if get { Method::Get } else { Method::Post };
        let request = RpcRequest::new(
            "https://relay.example.com:8443/ecs",
            "DescribeRegions",
            "2014-05-26",
            params.clone(),
            method,
            host.as_deref(),
        )
        .unwrap();
        let mut credentials = Credentials::new("LTAIid", "se/cr+et=");
        if let Some(token) = &sts {
            credentials = credentials.with_security_token(token);
        }
        let signed = sign_rpc_request(
            &request,
            &credentials,
            SignatureAlgorithm::Acs3HmacSha256,
            SigningContext { epoch_ms, nonce: &nonce },
        )
        .unwrap();
        // What the receiver sees: the query, decoded; the headers; its own host.
        let (base, query) = signed.url.split_once('?').unwrap_or((&signed.url, ""));
        prop_assert_eq!(base, "https://relay.example.com:8443/ecs/");
        let decoded: Vec<(String, String)> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap();
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        let mut sorted = params.clone();
        sorted.sort();
        let mut got = decoded.clone();
        got.sort();
        prop_assert_eq!(&got, &sorted);
        for (name, _) in &signed.headers {
            let lower = name.to_ascii_lowercase();
            prop_assert!(lower != "host" && lower != "content-length" && lower != "cookie");
        }
        let mut received = signed.headers.clone();
        let host = host.unwrap_or_else(|| "relay.example.com:8443".to_owned());
        received.push(("Host".to_owned(), host));
        let auth = signed.header("authorization").unwrap().to_owned();
        received.retain(|(k, _)| !k.eq_ignore_ascii_case("authorization"));
        let (_, _, _, want) = spec_sign(
            method.as_str(),
            &decoded,
            &received,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "LTAIid",
            "se/cr+et=",
        );
        prop_assert_eq!(auth, want);
    }

    #[test]
    fn canonicalization_never_panics(
        method in text(),
        path in text(),
        query in proptest::collection::vec((text(), text()), 0..6),
        headers in proptest::collection::vec((text(), text()), 0..6),
        payload_hash in text(),
        secret in text(),
    ) {
        let c = CanonicalRequest::new(
            &method,
            &path,
            query.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            &payload_hash,
        );
        let s = Signature::new(&secret, &StringToSign::new(&c));
        prop_assert_eq!(s.as_str().len(), 64);
    }

    #[test]
    fn argument_reader_never_panics(request in text(), credentials in text(), options in text()) {
        let _ = read_sign_rpc_arguments(&request, &credentials, &options);
    }
}
