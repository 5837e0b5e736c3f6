//! The error-body decoder: any status and bytes give an API error or a decode error carrying
//! that status, with a short message, never a panic.
#![no_main]

use aliyun_eni::response::decode_api_error;
use aliyun_eni::ErrorKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data {
        [a, b, rest @ ..] => (400 + u16::from_le_bytes([*a, *b]) % 200, rest),
        _ => (500, data),
    };
    let e = decode_api_error(status, body);
    assert_eq!(e.http_status, Some(status));
    assert!(matches!(e.kind, ErrorKind::Api | ErrorKind::Decode));
    if e.kind == ErrorKind::Api {
        assert!(!e.code.is_empty());
    } else {
        assert!(e.message.len() < 1024, "{}", e.message);
    }
});
