//! The JavaScript binding layer: the only module with `#[wasm_bindgen]`.
//!
//! - `bindings`: raw imports (the `js/runtime.js` file: `EcsError`, `fetch` with timeout and
//!   abort, abortable sleep, secure random bytes, the async-iterable paginator);
//! - `convert`: JavaScript values to Rust inputs with field-named validation errors, Rust
//!   results to JavaScript values;
//! - `transport`: the core's `Transport` over those imports;
//! - this file: the exports of `API.md` and their TypeScript declarations (`types.d.ts`,
//!   emitted as a custom section so the `.d.ts` is exact and carries doc comments).

mod bindings;
mod convert;
mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::canonical::Method;
use crate::client::{check_ms, Client, ClientConfig, DeleteOptions, DEFAULT_WAIT_TIMEOUT_MS};
use crate::paginate::Paginator;
use crate::request::validate_network_interface_id;
use crate::response::PageJson;
use crate::sign::sign_params;
use crate::Error;

use convert::{error_to_js, json_to_js, Fields};
use transport::{CredentialSource, JsTransport, Shared};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

fn reject(e: Error) -> Promise {
    Promise::reject(&error_to_js(e))
}

const CLIENT_OPTIONS: [&str; 6] = [
    "regionId",
    "credentials",
    "endpoint",
    "maxAttempts",
    "timeoutMs",
    "fetch",
];

fn client_from_options(options: &JsValue) -> Result<Shared, Error> {
    let Some(f) = Fields::read(options, "options", &CLIENT_OPTIONS)? else {
        return Err(Error::validation(
            "options",
            String::from("options must be an object with regionId and credentials"),
        ));
    };
    let region_id = f.required_string("regionId")?;
    let mut config = ClientConfig::new(&region_id)?;
    if let Some(endpoint) = f.string("endpoint")? {
        config = config.with_endpoint(&endpoint)?;
    }
    if let Some(n) = f.integer("maxAttempts")? {
        config = config.with_max_attempts(n)?;
    }
    if let Some(ms) = f.integer("timeoutMs")? {
        config = config.with_timeout_ms(ms)?;
    }
    let raw = f.get("credentials")?;
    let credentials = if raw.is_function() {
        CredentialSource::Provider(raw.unchecked_into())
    } else {
        CredentialSource::Static(convert::credentials(&raw, "credentials")?)
    };
    let fetch = f
        .function("fetch")?
        .map(JsValue::from)
        .unwrap_or(JsValue::UNDEFINED);
    Ok(Shared {
        client: Client::new(config),
        credentials,
        fetch,
    })
}

fn call_signal(options: &JsValue, known: &[&str]) -> Result<(Option<Fields>, JsValue), Error> {
    let fields = Fields::read(options, "options", known)?;
    let signal = match &fields {
        Some(f) => f.signal("signal")?,
        None => JsValue::UNDEFINED,
    };
    Ok((fields, signal))
}

/// An ECS client for one region (see `types.d.ts` for the documented declaration).
#[wasm_bindgen(skip_typescript)]
pub struct EcsClient {
    shared: Rc<Shared>,
}

#[wasm_bindgen]
impl EcsClient {
    /// `new EcsClient(options)`.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> Result<EcsClient, JsValue> {
        let shared = client_from_options(&options).map_err(error_to_js)?;
        Ok(EcsClient {
            shared: Rc::new(shared),
        })
    }

    /// One `DescribeNetworkInterfaces` call.
    #[wasm_bindgen(js_name = describeNetworkInterfaces)]
    pub fn describe_network_interfaces(&self, request: JsValue, options: JsValue) -> Promise {
        let prepared = convert::describe_request(&request)
            .and_then(|r| Ok((r, call_signal(&options, &["signal"])?.1)));
        let (request, signal) = match prepared {
            Ok(p) => p,
            Err(e) => return reject(e),
        };
        let shared = Rc::clone(&self.shared);
        future_to_promise(async move {
            let io = JsTransport {
                shared: &shared,
                signal: &signal,
            };
            match shared.client.describe::<_, PageJson>(&io, &request).await {
                Ok(page) => json_to_js(&page.json),
                Err(e) => Err(error_to_js(e)),
            }
        })
    }

    /// Every ENI across pages, as an async iterator with `.pages()`.
    #[wasm_bindgen(js_name = listNetworkInterfaces)]
    pub fn list_network_interfaces(&self, request: JsValue, options: JsValue) -> JsValue {
        // Input errors surface from the first next(), like every other failure: as a rejection.
        let state = convert::describe_request(&request)
            .and_then(Paginator::new)
            .and_then(|p| Ok((p, call_signal(&options, &["signal"])?.1)));
        let cursor = match state {
            Ok((paginator, signal)) => PageCursor {
                shared: Rc::clone(&self.shared),
                state: Rc::new(RefCell::new(Ok(paginator))),
                signal,
            },
            Err(e) => PageCursor {
                shared: Rc::clone(&self.shared),
                state: Rc::new(RefCell::new(Err(e))),
                signal: JsValue::UNDEFINED,
            },
        };
        bindings::create_paginator(cursor.into())
    }

    /// `DeleteNetworkInterface`, optionally waiting until the ENI is gone.
    #[wasm_bindgen(js_name = deleteNetworkInterface)]
    pub fn delete_network_interface(
        &self,
        network_interface_id: JsValue,
        options: JsValue,
    ) -> Promise {
        let prepared = (|| {
            let id = network_interface_id.as_string().ok_or_else(|| {
                Error::validation(
                    "networkInterfaceId",
                    crate::msg!(
                        "networkInterfaceId must be a string, got ",
                        convert::type_name(&network_interface_id)
                    ),
                )
            })?;
            validate_network_interface_id(&id)?;
            let (fields, signal) =
                call_signal(&options, &["signal", "waitUntilDeleted", "waitTimeoutMs"])?;
            let mut delete = DeleteOptions::default();
            if let Some(f) = fields {
                delete.wait_until_deleted = f.boolean("waitUntilDeleted")?.unwrap_or(false);
                let wait = f
                    .integer("waitTimeoutMs")?
                    .unwrap_or(DEFAULT_WAIT_TIMEOUT_MS as i64);
                delete.wait_timeout_ms = check_ms("waitTimeoutMs", wait, 1)?;
            }
            Ok((id, delete, signal))
        })();
        let (id, delete, signal) = match prepared {
            Ok(p) => p,
            Err(e) => return reject(e),
        };
        let shared = Rc::clone(&self.shared);
        future_to_promise(async move {
            let io = JsTransport {
                shared: &shared,
                signal: &signal,
            };
            match shared
                .client
                .delete_network_interface(&io, &id, delete)
                .await
            {
                Ok(r) => json_to_js(&r.to_json()),
                Err(e) => Err(error_to_js(e)),
            }
        })
    }
}

/// The Rust side of a paginator: one page per `nextPage()`; `undefined` after the last.
#[wasm_bindgen(skip_typescript)]
pub struct PageCursor {
    shared: Rc<Shared>,
    state: Rc<RefCell<Result<Paginator, Error>>>,
    signal: JsValue,
}

#[wasm_bindgen]
impl PageCursor {
    /// The next page, or `undefined` when every page has been read.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self) -> Promise {
        let mut paginator = match &*self.state.borrow() {
            Ok(p) => p.clone(),
            Err(e) => return reject(e.clone()),
        };
        if paginator.is_done() {
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let shared = Rc::clone(&self.shared);
        let state = Rc::clone(&self.state);
        let signal = self.signal.clone();
        future_to_promise(async move {
            let io = JsTransport {
                shared: &shared,
                signal: &signal,
            };
            let result = shared
                .client
                .next_page::<_, PageJson>(&io, &mut paginator)
                .await;
            *state.borrow_mut() = Ok(paginator);
            match result {
                Ok(Some(page)) => json_to_js(&page.json),
                Ok(None) => Ok(JsValue::UNDEFINED),
                Err(e) => Err(error_to_js(e)),
            }
        })
    }
}

/// `resolveEndpoint(regionId, { vpc })`.
#[wasm_bindgen(js_name = resolveEndpoint, skip_typescript)]
pub fn resolve_endpoint(region_id: JsValue, options: JsValue) -> Result<String, JsValue> {
    (|| {
        let region = region_id.as_string().ok_or_else(|| {
            Error::validation(
                "regionId",
                crate::msg!(
                    "regionId must be a string, got ",
                    convert::type_name(&region_id)
                ),
            )
        })?;
        let vpc = match Fields::read(&options, "options", &["vpc"])? {
            Some(f) => f.boolean("vpc")?.unwrap_or(false),
            None => false,
        };
        crate::endpoint::resolve_endpoint(&region, vpc)
    })()
    .map_err(error_to_js)
}

/// `rpcSignature(params, accessKeySecret, method)`.
#[wasm_bindgen(js_name = rpcSignature, skip_typescript)]
pub fn rpc_signature(
    params: JsValue,
    access_key_secret: JsValue,
    method: JsValue,
) -> Result<String, JsValue> {
    (|| {
        let Some(f) = Fields::read(&params, "params", &[])? else {
            return Err(Error::validation(
                "params",
                String::from("params must be an object of strings, got undefined"),
            ));
        };
        let secret = access_key_secret.as_string().ok_or_else(|| {
            Error::validation(
                "accessKeySecret",
                crate::msg!(
                    "accessKeySecret must be a string, got ",
                    convert::type_name(&access_key_secret)
                ),
            )
        })?;
        let method = match method.as_string().as_deref() {
            _ if method.is_undefined() => Method::Get,
            Some("GET") => Method::Get,
            Some("POST") => Method::Post,
            _ => {
                return Err(Error::validation(
                    "method",
                    String::from("method must be \"GET\" or \"POST\""),
                ));
            }
        };
        let pairs = f.string_entries()?;
        Ok(sign_params(
            pairs
                .iter()
                .filter(|(k, _)| k != "Signature")
                .map(|(k, v)| (k.as_str(), v.as_str())),
            &secret,
            method,
        ))
    })()
    .map_err(error_to_js)
}
