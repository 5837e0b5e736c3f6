//! List and delete Alibaba Cloud ECS elastic network interfaces (ENIs) from any JavaScript
//! runtime.
//!
//! The crate has two layers:
//!
//! - a pure core, free of JavaScript types and tested natively with `cargo test`:
//!   [`encode`] (signature-v1 percent-encoding), [`canonical`] (canonical query and string to
//!   sign), [`sign`] (HMAC-SHA1 signature and the common parameters), [`v3`] (signature V3,
//!   `ACS3-HMAC-SHA256`: canonical request, string to sign, signature), [`rpc`] (any RPC call
//!   signed with either algorithm, `signRpcRequest`), [`request`] (typed
//!   requests flattened to API parameters, with validation), [`response`] (API JSON to the
//!   shapes of `API.md`), [`paginate`] (the paging cursor), [`policy`] (after a failed attempt,
//!   what next: retry after a wait, re-sign, done, give up), [`client`] (calls, paging,
//!   delete-and-wait over a [`transport::Transport`]), [`credentials`] (when expiring
//!   credentials are refreshed: expiration, refresh window, clock skew, backoff after a failed
//!   refresh);
//! - on `wasm32`, the `wasm` module: the only place with `#[wasm_bindgen]`. It implements the
//!   transport with `fetch`, converts between JavaScript and Rust, owns the TypeScript
//!   declarations and throws `EcsError`.
//!
//! ```
//! use aliyun_eni::canonical::Method;
//! use aliyun_eni::sign::sign_params;
//!
//! let signature = sign_params(
//!     [("AccessKeyId", "testid"), ("Action", "DescribeRegions")],
//!     "testsecret",
//!     Method::Get,
//! );
//! assert_eq!(signature.len(), 28);
//! ```

pub mod canonical;
pub mod client;
pub mod credentials;
pub mod encode;
pub mod endpoint;
pub mod error;
pub mod input;
pub mod json;
pub mod paginate;
pub mod policy;
pub mod request;
pub mod response;
pub mod rpc;
pub mod sign;
pub mod text;
pub mod time;
pub mod transport;
pub mod v3;

/// The JavaScript bindings. Public only so the wasm-bindgen test suites can drive them from
/// Rust; JavaScript users see them through the npm package.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm;

/// The wasm build's allocator: talc, grown with `memory.grow` as needed (1.3 KB of code where
/// the standard library's dlmalloc takes 7.2 KB; the same CPU per page and wasm memory).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use client::{Client, ClientConfig, DeleteOptions};
pub use error::{Error, ErrorKind};
pub use request::DescribeNetworkInterfacesRequest;
pub use response::{DescribeNetworkInterfacesResponse, NetworkInterface};
pub use sign::Credentials;
