//! The response decoder: any bytes give a page or a decode error, never a panic; the struct and
//! the JSON outputs agree, and the JSON output is valid JSON of the `API.md` shape.
#![no_main]

use aliyun_eni::response::{decode_delete, decode_describe, transcode_describe};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let decoded = decode_describe(200, data);
    let transcoded = transcode_describe(200, data);
    let _ = decode_delete(200, data);
    match (decoded, transcoded) {
        (Ok(page), Ok(json)) => {
            let v: serde_json::Value = serde_json::from_str(&json.json).expect("transcoded JSON parses");
            let enis = v["networkInterfaces"].as_array().expect("networkInterfaces is an array");
            assert_eq!(enis.len(), page.network_interfaces.len());
            assert_eq!(json.summary, page.summary());
            for (e, p) in enis.iter().zip(&page.network_interfaces) {
                assert_eq!(e["networkInterfaceId"].as_str(), Some(p.network_interface_id.as_str()));
                assert_eq!(e["tags"].as_array().map(Vec::len), Some(p.tags.len()));
            }
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b);
            assert_eq!(a.kind, aliyun_eni::ErrorKind::Decode);
            assert!(a.message.len() < 1024);
        }
        (a, b) => panic!("outputs disagree: {a:?} / {b:?}"),
    }
});
