//! Property tests: canonicalization and signing against an independent implementation written
//! here from the spec, and decoders/validators that never panic whatever they are fed.
//! (`make fuzz` runs the same ground for much longer with cargo-fuzz.)

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;
use support::spec_encode;

use aliyun_eni::canonical::{CanonicalQuery, Method, StringToSign};
use aliyun_eni::request::{DescribeNetworkInterfacesRequest, TagFilter};
use aliyun_eni::response::{decode_api_error, decode_delete, decode_describe};
use aliyun_eni::sign::signature;
use proptest::prelude::*;
use sha1::{Digest, Sha1};

// ---- an independent signature-v1 implementation ------------------------------------------------

fn spec_canonical(params: &[(String, String)]) -> String {
    let mut sorted: Vec<_> = params.to_vec();
    // Java's TreeMap and JavaScript's sort compare UTF-16 code units.
    sorted.sort_by_key(|(k, v)| {
        (
            k.encode_utf16().collect::<Vec<u16>>(),
            v.encode_utf16().collect::<Vec<u16>>(),
        )
    });
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", spec_encode(k), spec_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn spec_hmac_sha1(key: &[u8], message: &[u8]) -> [u8; 20] {
    let mut k = [0u8; 64];
    if key.len() > 64 {
        k[..20].copy_from_slice(&Sha1::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let inner = Sha1::new()
        .chain_update(k.map(|b| b ^ 0x36))
        .chain_update(message)
        .finalize();
    Sha1::new()
        .chain_update(k.map(|b| b ^ 0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

fn spec_base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn params_strategy() -> impl Strategy<Value = Vec<(String, String)>> {
    // Unique names (a map), arbitrary Unicode, biased towards reserved characters.
    let text = prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9 !'()*~+/=&%.:_-]{0,12}",
        "[\\u{E000}-\\u{FFFF}\\u{10000}-\\u{10FFFF}a]{0,4}",
    ];
    prop::collection::btree_map(text.clone(), text, 0..12).prop_map(|m| m.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn canonicalization_and_signature_match_the_spec(
        params in params_strategy(),
        secret in any::<String>(),
        post in any::<bool>(),
    ) {
        let method = if post { Method::Post } else { Method::Get };
        let canonical = CanonicalQuery::new(params.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let expected = spec_canonical(&params);
        prop_assert_eq!(canonical.as_str(), expected.as_str());

        let sts = StringToSign::new(method, &canonical);
        let expected_sts = format!("{}&%2F&{}", method.as_str(), spec_encode(&expected));
        prop_assert_eq!(sts.as_str(), expected_sts.as_str());

        let key = format!("{secret}&");
        let expected_sig = spec_base64(&spec_hmac_sha1(key.as_bytes(), expected_sts.as_bytes()));
        prop_assert_eq!(signature(&secret, &sts), expected_sig);
    }

    #[test]
    fn decoders_never_panic_on_bytes(body in prop::collection::vec(any::<u8>(), 0..512), status in 100u16..600) {
        let _ = decode_describe(status, &body);
        let _ = decode_delete(status, &body);
        let e = decode_api_error(status, &body);
        prop_assert!(e.http_status == Some(status));
    }

    #[test]
    fn decoders_never_panic_on_json_shaped_input(json in json_value(4)) {
        let body = json.to_string();
        let _ = decode_describe(200, body.as_bytes());
        let wrapped = format!(r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[{body}]}}}}"#);
        let _ = decode_describe(200, wrapped.as_bytes());
        let _ = decode_api_error(400, body.as_bytes());
    }

    #[test]
    fn requests_never_panic_and_errors_name_a_field(
        page_size in prop::option::of(any::<i64>()),
        page_number in prop::option::of(any::<i64>()),
        max_results in prop::option::of(any::<i64>()),
        ids in prop::option::of(prop::collection::vec(any::<String>(), 0..120)),
        tags in prop::option::of(prop::collection::vec((any::<String>(), prop::option::of(any::<String>())), 0..25)),
        vpc in prop::option::of(any::<String>()),
    ) {
        let r = DescribeNetworkInterfacesRequest {
            page_size, page_number, max_results, network_interface_ids: ids, vpc_id: vpc,
            tags: tags.map(|t| t.into_iter().map(|(key, value)| TagFilter { key, value }).collect()),
            ..Default::default()
        };
        match r.to_params() {
            Ok(params) => prop_assert!(params.iter().all(|(k, _)| !k.is_empty())),
            Err(e) => {
                prop_assert_eq!(e.kind, aliyun_eni::ErrorKind::Validation);
                prop_assert!(e.field.is_some());
                prop_assert!(e.message.starts_with(e.field.as_deref().unwrap_or("")) || e.message.contains("paging"));
            }
        }
    }
}

fn json_value(depth: u32) -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let keys = prop_oneof![
        Just("NetworkInterfaceId".to_owned()),
        Just("Status".to_owned()),
        Just("Type".to_owned()),
        Just("Tags".to_owned()),
        Just("Tag".to_owned()),
        Just("ServiceID".to_owned()),
        Just("AssociatedPublicIp".to_owned()),
        Just("PrivateIpSets".to_owned()),
        Just("Code".to_owned()),
        Just("RequestId".to_owned()),
        any::<String>(),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(keys.clone(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn spec_helpers_agree_with_known_values() {
    assert_eq!(spec_base64(b"hello"), "aGVsbG8=");
    assert_eq!(spec_encode("a b*~"), "a%20b%2A~");
    // RFC 2202 test case 2.
    assert_eq!(
        spec_hmac_sha1(b"Jefe", b"what do ya want for nothing?"),
        [
            0xef, 0xfc, 0xdf, 0x6a, 0xe5, 0xeb, 0x2f, 0xa2, 0xd2, 0x74, 0x16, 0xd5, 0xf1, 0x84,
            0xdf, 0x9c, 0x25, 0x9a, 0x7c, 0x79
        ]
    );
}
