//! The readers of JavaScript arguments (their JSON form): any text gives a value or a
//! validation error naming a field, never a panic.
#![no_main]

use aliyun_eni::input::{call_options, client_options, describe_request, endpoint_options, string_map};
use aliyun_eni::ErrorKind;
use libfuzzer_sys::fuzz_target;

fn check(e: aliyun_eni::Error) {
    assert_eq!(e.kind, ErrorKind::Validation, "{e:?}");
    assert!(e.field.is_some(), "{e:?}");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Err(e) = describe_request(text) {
        check(e);
    }
    if let Err(e) = client_options(text) {
        check(e);
    }
    for delete in [false, true] {
        if let Err(e) = call_options(text, delete) {
            check(e);
        }
    }
    if let Err(e) = string_map(text, "params") {
        check(e);
    }
    if let Err(e) = endpoint_options(text) {
        check(e);
    }
});
