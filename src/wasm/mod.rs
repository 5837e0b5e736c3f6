//! The JavaScript binding layer: the only module with `#[wasm_bindgen]`.
//!
//! - `bindings`: raw imports (the `js/runtime.js` file: `EcsError`, the JSON form of
//!   arguments, `fetch` with timeout and abort, abortable sleep, secure random bytes, the
//!   async-iterable paginator);
//! - `convert`: arguments to their JSON form (read and checked by the core's `input` module),
//!   results and errors to JavaScript values;
//! - `transport`: the core's `Transport` over those imports;
//! - this file: the exports of `API.md` and their TypeScript declarations (`types.d.ts`,
//!   emitted as a custom section so the `.d.ts` is exact and carries doc comments).

mod bindings;
mod convert;
mod credentials;
mod sign;
mod transport;

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use crate::client::Client;
use crate::input::{self, CredentialsInput};
use crate::paginate::{capped_error, Paginator};
use crate::request::validate_network_interface_id;
use crate::response::HeldPage;
use crate::Error;

use convert::{error_to_js, json_of, json_to_js};
use transport::{CallHooks, CredentialSource, JsTransport, Shared};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// What a call resolves with.
enum Output {
    /// `API.md` JSON, handed to `JSON.parse`.
    Json(String),
    /// A value already built on the JavaScript side (a page `decode.js` decoded).
    Value(JsValue),
    /// `undefined`.
    Nothing,
}

/// A call of the core, boxed so that one `future_to_promise` serves every export.
type Call = core::pin::Pin<Box<dyn core::future::Future<Output = Result<Output, Error>>>>;

/// Runs one call of the core for JavaScript. The call was prepared synchronously (arguments
/// read and checked when the method is called; an error there sends nothing); it returns its
/// [`Output`]. The promise resolves with it as plain objects or rejects with the `EcsError`.
fn spawn(call: Result<Call, Error>) -> Promise {
    let call = match call {
        Ok(call) => call,
        Err(e) => return Promise::reject(&error_to_js(e)),
    };
    future_to_promise(async move {
        match call.await {
            Ok(Output::Json(json)) => json_to_js(&json),
            Ok(Output::Value(value)) => Ok(value),
            Ok(Output::Nothing) => Ok(JsValue::UNDEFINED),
            Err(e) => Err(error_to_js(e)),
        }
    })
}

fn client_from_options(options: &JsValue) -> Result<Shared, Error> {
    let read = input::client_options(&json_of(options, "options")?)?;
    let credentials = match read.credentials {
        CredentialsInput::Fixed(c) => CredentialSource::Static(c),
        CredentialsInput::Provider => {
            CredentialSource::Provider(bindings::member(options, "credentials").unchecked_into())
        }
        CredentialsInput::Default => {
            CredentialSource::Provider(bindings::default_credentials().unchecked_into())
        }
    };
    let fetch = if read.fetch {
        bindings::member(options, "fetch")
    } else {
        JsValue::UNDEFINED
    };
    Ok(Shared {
        client: Client::new(read.config),
        credentials,
        fetch,
    })
}

/// `CallOptions` (or `DeleteOptions`): the options, the AbortSignal and the `onRetry` observer
/// (each `undefined` if not given).
fn call_options(
    options: &JsValue,
    delete: bool,
) -> Result<(input::CallOptionsInput, CallHooks), Error> {
    let read = input::call_options(&json_of(options, "options")?, delete)?;
    let member = |given: bool, name: &str| {
        if given {
            bindings::member(options, name)
        } else {
            JsValue::UNDEFINED
        }
    };
    let hooks = CallHooks {
        signal: member(read.signal, "signal"),
        on_retry: member(read.on_retry, "onRetry"),
        error_if_capped: read.error_if_capped,
    };
    Ok((read, hooks))
}

fn describe_request(request: &JsValue) -> Result<crate::DescribeNetworkInterfacesRequest, Error> {
    input::describe_request(&json_of(request, "request")?)
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
        let shared = Rc::clone(&self.shared);
        spawn(describe_request(&request).and_then(|request| {
            let (_, hooks) = call_options(&options, false)?;
            Ok(Box::pin(async move {
                let io = JsTransport {
                    shared: &shared,
                    hooks: &hooks,
                };
                let page = shared.client.describe::<_, JsPage>(&io, &request).await?;
                if page.capped && hooks.error_if_capped {
                    return Err(capped_error(&request));
                }
                Ok(Output::Value(page_value(page)))
            }) as Call)
        }))
    }

    /// Every ENI across pages, as an async iterator with `.pages()`.
    #[wasm_bindgen(js_name = listNetworkInterfaces)]
    pub fn list_network_interfaces(&self, request: JsValue, options: JsValue) -> JsValue {
        // Input errors surface from the first next(), like every other failure: as a rejection.
        let state = describe_request(&request)
            .and_then(Paginator::new)
            .and_then(|p| Ok((p, call_options(&options, false)?.1)));
        let (state, hooks) = match state {
            Ok((paginator, hooks)) => (Ok(paginator), hooks),
            Err(e) => (
                Err(e),
                CallHooks {
                    signal: JsValue::UNDEFINED,
                    on_retry: JsValue::UNDEFINED,
                    error_if_capped: false,
                },
            ),
        };
        let cursor = PageCursor {
            shared: Rc::clone(&self.shared),
            state: Rc::new(RefCell::new(state)),
            hooks,
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
        let shared = Rc::clone(&self.shared);
        spawn((|| {
            let id = input::Input::new(&json_of(&network_interface_id, "networkInterfaceId")?)
                .string("networkInterfaceId")?;
            validate_network_interface_id(&id)?;
            let (read, hooks) = call_options(&options, true)?;
            let delete = read.delete;
            Ok(Box::pin(async move {
                let io = JsTransport {
                    shared: &shared,
                    hooks: &hooks,
                };
                let deleted = shared
                    .client
                    .delete_network_interface(&io, &id, delete)
                    .await?;
                Ok(Output::Json(deleted.to_json()))
            }) as Call)
        })())
    }
}

#[wasm_bindgen]
impl EcsClient {
    /// Many deletes with bounded, self-lowering concurrency: an async iterator of one outcome
    /// per ID (the driver is `js/bulk.js`; it calls `deleteNetworkInterface` of a handle that
    /// shares this client's state, freed when the batch ends).
    #[wasm_bindgen(js_name = deleteNetworkInterfaces)]
    pub fn delete_network_interfaces(&self, ids: JsValue, options: JsValue) -> JsValue {
        let handle: JsValue = EcsClient {
            shared: Rc::clone(&self.shared),
        }
        .into();
        bindings::bulk_delete(handle, &ids, &options)
    }
}

/// The Rust side of a paginator: one page per `nextPage()`; `undefined` after the last.
#[wasm_bindgen(skip_typescript)]
pub struct PageCursor {
    shared: Rc<Shared>,
    state: Rc<RefCell<Result<Paginator, Error>>>,
    hooks: CallHooks,
}

#[wasm_bindgen]
impl PageCursor {
    /// The next page, or `undefined` when every page has been read.
    #[wasm_bindgen(js_name = nextPage)]
    pub fn next_page(&self) -> Promise {
        let mut paginator = match &*self.state.borrow() {
            Ok(p) => p.clone(),
            Err(e) => return spawn(Err(e.clone())),
        };
        if paginator.is_done() {
            return Promise::resolve(&JsValue::UNDEFINED);
        }
        let shared = Rc::clone(&self.shared);
        let state = Rc::clone(&self.state);
        let hooks = self.hooks.clone();
        spawn(Ok(Box::pin(async move {
            let io = JsTransport {
                shared: &shared,
                hooks: &hooks,
            };
            let request = paginator.next_request().cloned();
            let result = shared
                .client
                .next_page::<_, JsPage>(&io, &mut paginator)
                .await;
            *state.borrow_mut() = Ok(paginator);
            match (result?, request) {
                (Some(page), Some(request)) if page.capped && hooks.error_if_capped => {
                    Err(capped_error(&request))
                }
                (Some(page), _) => Ok(Output::Value(page_value(page))),
                (None, _) => Ok(Output::Nothing),
            }
        })))
    }
}

/// A page decoded on the JavaScript side: the object `API.md` promises, kept there.
type JsPage = HeldPage<JsValue>;

/// The page object as handed out, with `capped: true` when the listing reached ECS's cap there.
fn page_value(page: JsPage) -> JsValue {
    if page.capped {
        bindings::mark_capped(&page.value);
    }
    page.value
}

/// `resolveEndpoint(regionId, { vpc })`.
#[wasm_bindgen(js_name = resolveEndpoint, skip_typescript)]
pub fn resolve_endpoint(region_id: JsValue, options: JsValue) -> Result<String, JsValue> {
    (|| {
        let region = input::Input::new(&json_of(&region_id, "regionId")?).string("regionId")?;
        let vpc = input::endpoint_options(&json_of(&options, "options")?)?;
        crate::endpoint::resolve_endpoint(&region, vpc)
    })()
    .map_err(error_to_js)
}

/// `regionIds()`.
#[wasm_bindgen(js_name = regionIds, skip_typescript)]
pub fn region_ids() -> Vec<String> {
    crate::endpoint::REGION_IDS
        .iter()
        .map(|r| String::from(*r))
        .collect()
}

/// `rpcSignature(params, accessKeySecret, method)`.
#[wasm_bindgen(js_name = rpcSignature, skip_typescript)]
pub fn rpc_signature(
    params: JsValue,
    access_key_secret: JsValue,
    method: JsValue,
) -> Result<String, JsValue> {
    sign::rpc_signature(&params, &access_key_secret, &method).map_err(error_to_js)
}

/// `signRpcRequest(request, credentials, options)`: any RPC call signed with either algorithm,
/// at `Date.now()` with a nonce from `crypto.randomUUID` (or `crypto.getRandomValues`).
#[wasm_bindgen(js_name = signRpcRequest, skip_typescript)]
pub fn sign_rpc_request(
    request: JsValue,
    credentials: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    sign::sign_rpc_request(&request, &credentials, &options).map_err(error_to_js)
}
