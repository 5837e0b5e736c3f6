use aliyun_eni::wasm::rpc_signature;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn smoke() {
    let params = js_sys::JSON::parse(r#"{"query":"test","body":"test"}"#).unwrap();
    let s = rpc_signature(params, JsValue::from_str("secret"), JsValue::UNDEFINED).unwrap();
    assert_eq!(s, "XlUyV4sXjOuX5FnjUz9IF9tm5rU=");
}
