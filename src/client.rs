//! The client: sign, send, retry, decode, page, delete and wait. No JS types: the host comes in
//! as a [`Transport`], one per call, so each call can carry its own abort signal.

use core::cell::Cell;

use crate::endpoint::{normalize_endpoint, resolve_endpoint, validate_region_id};
use crate::paginate::{hits_cap, Paginator};
use crate::policy::{self, RetryEvent, RetryPolicy, Step};
use crate::request::{
    validate_network_interface_id, DescribeNetworkInterfacesRequest, API_VERSION,
};
use crate::response::{
    decode_api_error, decode_delete, page_shape_error, unparsed_page_error,
    DeleteNetworkInterfaceResponse, DescribeNetworkInterfacesResponse, HostPage, Page, PageSummary,
};
use crate::rpc::{check_host, sign_rpc_request, RpcRequest, SignatureAlgorithm};
use crate::sign::{nonce_from_bytes, Credentials, SigningContext};
use crate::transport::{HttpRequest, PageAnswer, Transport, TransportError};
use crate::{Error, ErrorKind};

/// Default per-attempt timeout.
pub const DEFAULT_TIMEOUT_MS: u64 = 10_000;
/// Default limit of a wait for deletion.
pub const DEFAULT_WAIT_TIMEOUT_MS: u64 = 120_000;
/// First pause of a wait for deletion; each next one is 1.5 times longer, up to
/// [`WAIT_MAX_INTERVAL_MS`].
pub const WAIT_FIRST_INTERVAL_MS: u64 = 250;
/// Longest pause between two polls of a wait for deletion.
pub const WAIT_MAX_INTERVAL_MS: u64 = 5_000;

/// Everything fixed for the life of a client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Sent as `RegionId`.
    pub region_id: String,
    /// Origin (and optional path) requests go to, without a trailing slash.
    pub endpoint: String,
    /// Attempts and backoff.
    pub retry: RetryPolicy,
    /// Per-attempt timeout in ms.
    pub timeout_ms: u64,
    /// The signature every request carries: V3 (`ACS3-HMAC-SHA256`) unless told otherwise.
    pub signature_algorithm: SignatureAlgorithm,
    /// The host V3 signs for when it is not the endpoint's (the endpoint is a relay that
    /// forwards to this host); `None`: the endpoint's `host[:port]`.
    pub signing_host: Option<String>,
}

impl ClientConfig {
    /// A configuration for `region_id` with the default endpoint, retries and timeout.
    pub fn new(region_id: &str) -> Result<Self, Error> {
        validate_region_id(region_id)?;
        Ok(ClientConfig {
            region_id: region_id.to_owned(),
            endpoint: resolve_endpoint(region_id, false)?,
            retry: RetryPolicy::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            signature_algorithm: SignatureAlgorithm::default(),
            signing_host: None,
        })
    }

    /// Signs with `algorithm` (`signatureAlgorithm`).
    pub fn with_signature_algorithm(mut self, algorithm: SignatureAlgorithm) -> Self {
        self.signature_algorithm = algorithm;
        self
    }

    /// Signs V3 requests for `host` (`signingHost`, `host[:port]`) while sending them to the
    /// endpoint: for a relay that forwards to that host.
    pub fn with_signing_host(mut self, host: &str) -> Result<Self, Error> {
        check_host("signingHost", host)?;
        self.signing_host = Some(host.to_owned());
        Ok(self)
    }

    /// Uses `endpoint` (an `https://` origin, or `http://` for a loopback host) instead of the
    /// default. See [`check_plain_http`].
    pub fn with_endpoint(mut self, endpoint: &str) -> Result<Self, Error> {
        let endpoint = normalize_endpoint(endpoint)?;
        check_plain_http(&endpoint)?;
        self.endpoint = endpoint;
        Ok(self)
    }

    /// Uses `endpoint`, accepting plain `http://` for any host (`allowInsecureHttp: true`): the
    /// AccessKeyId, the security token and the signature then travel in clear.
    pub fn with_insecure_endpoint(mut self, endpoint: &str) -> Result<Self, Error> {
        self.endpoint = normalize_endpoint(endpoint)?;
        Ok(self)
    }

    /// Sets the number of attempts (1 to 100).
    pub fn with_max_attempts(mut self, max_attempts: i64) -> Result<Self, Error> {
        if !(1..=100).contains(&max_attempts) {
            return Err(Error::validation(
                "maxAttempts",
                crate::msg!("maxAttempts must be between 1 and 100, got ", max_attempts),
            ));
        }
        self.retry.max_attempts = max_attempts as u32;
        Ok(self)
    }

    /// Sets the per-attempt timeout (1 ms to 10 minutes).
    pub fn with_timeout_ms(mut self, timeout_ms: i64) -> Result<Self, Error> {
        self.timeout_ms = check_ms("timeoutMs", timeout_ms, 1)?;
        Ok(self)
    }
}

/// Whether `host` (as in a URL: a name, an IPv4 address or a bracketed IPv6 address, with an
/// optional port) is the loopback interface: `localhost`, `127.0.0.0/8` or `[::1]`.
pub fn is_loopback_host(authority: &str) -> bool {
    let host = if let Some(v6) = authority.strip_prefix('[') {
        return v6.split(']').next() == Some("::1");
    } else {
        authority.split(':').next().unwrap_or("")
    };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4
        && octets.first() == Some(&"127")
        && octets.iter().all(|o| {
            !o.is_empty()
                && o.len() <= 3
                && o.bytes().all(|b| b.is_ascii_digit())
                && o.parse::<u8>().is_ok()
        })
}

/// Refuses a plain `http://` endpoint unless its host is loopback: over plain HTTP the
/// AccessKeyId, the STS token and the signature travel in clear. (`allowInsecureHttp: true`
/// uses [`ClientConfig::with_insecure_endpoint`] instead.)
pub fn check_plain_http(endpoint: &str) -> Result<(), Error> {
    let Some(rest) = endpoint.strip_prefix("http://") else {
        return Ok(());
    };
    let authority = rest.split('/').next().unwrap_or("");
    if is_loopback_host(authority) {
        return Ok(());
    }
    Err(Error::validation(
        "endpoint",
        crate::msg!(
            "endpoint must use https:// (over plain http:// the AccessKeyId, the security token \
             and the signature travel in clear; http:// is accepted for loopback hosts only, \
             127.0.0.0/8, localhost and [::1], or with allowInsecureHttp: true), got ",
            crate::text::quoted(endpoint)
        ),
    ))
}

/// Checks a duration in ms: `min` to 10 minutes.
pub fn check_ms(field: &str, value: i64, min: i64) -> Result<u64, Error> {
    const MAX: i64 = 600_000;
    if value < min || value > MAX {
        return Err(Error::validation(
            field,
            crate::msg!(
                field,
                " must be between ",
                min,
                " and ",
                MAX,
                " ms, got ",
                value
            ),
        ));
    }
    Ok(value as u64)
}

/// Options of [`Client::delete_network_interface`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeleteOptions {
    /// Poll until the ENI is gone.
    pub wait_until_deleted: bool,
    /// Give up waiting after this many ms.
    pub wait_timeout_ms: u64,
    /// While waiting, send the delete again when the ENI stays `Deleting` this long (doubling
    /// after each re-send, at most [`policy::MAX_REDELETES`] times; see
    /// [`policy::should_redelete`]).
    pub redelete_after_ms: u64,
}

impl Default for DeleteOptions {
    fn default() -> Self {
        DeleteOptions {
            wait_until_deleted: false,
            wait_timeout_ms: DEFAULT_WAIT_TIMEOUT_MS,
            redelete_after_ms: policy::DEFAULT_REDELETE_AFTER_MS,
        }
    }
}

/// One API operation: its name, how its answer decodes, and (for delete) what a NotFound after
/// an attempt of unknown outcome means.
struct Operation<R> {
    action: &'static str,
    decode: fn(u16, &[u8]) -> Result<R, Error>,
    /// For a page the host decodes ([`Transport::DECODES_PAGES`] and [`Page::FROM_HOST`]):
    /// builds the value from it; `None`: the answer comes as bytes.
    from_host: Option<fn(HostPage) -> Option<R>>,
    /// Builds the success value from the request ID of an `InvalidEniId.NotFound` answer that
    /// follows an attempt whose outcome is unknown.
    gone: Option<fn(Option<String>) -> R>,
}

/// `DescribeNetworkInterfaces`, decoded into `P`. When both the transport decodes pages and `P`
/// takes them, the bytes of a 2xx page only reach the core when the host could not parse them,
/// and the core only words why: `P::decode` is then not referenced (nor compiled in, for a build
/// that only uses such a transport). Otherwise the transport sends bytes and the core decodes.
fn describe<T: Transport, P: Page>() -> Operation<P> {
    let host_decodes = T::DECODES_PAGES && P::FROM_HOST;
    Operation {
        action: "DescribeNetworkInterfaces",
        decode: if host_decodes {
            |status, body| Err(unparsed_page_error(status, body))
        } else {
            P::decode
        },
        from_host: if host_decodes {
            Some(P::from_host)
        } else {
            None
        },
        gone: None,
    }
}

const DELETE: Operation<DeleteNetworkInterfaceResponse> = Operation {
    action: "DeleteNetworkInterface",
    decode: decode_delete,
    from_host: None,
    gone: Some(|request_id| DeleteNetworkInterfaceResponse {
        request_id: request_id.unwrap_or_default(),
    }),
};

/// An ECS client for one region. Cheap to share; the only state is the clock correction.
#[derive(Debug)]
pub struct Client {
    config: ClientConfig,
    clock_offset_ms: Cell<i64>,
}

impl Client {
    /// A client with `config`.
    pub fn new(config: ClientConfig) -> Self {
        Client {
            config,
            clock_offset_ms: Cell::new(0),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// How far the host clock is behind the server's, in ms, as learned from a
    /// `InvalidTimeStamp.Expired` answer (0 until then).
    pub fn clock_offset_ms(&self) -> i64 {
        self.clock_offset_ms.get()
    }

    /// One `DescribeNetworkInterfaces` call, decoded into Rust structs.
    pub async fn describe_network_interfaces<T: Transport>(
        &self,
        io: &T,
        request: &DescribeNetworkInterfacesRequest,
    ) -> Result<DescribeNetworkInterfacesResponse, Error> {
        self.describe(io, request).await
    }

    /// One `DescribeNetworkInterfaces` call, decoded into `P`: Rust structs
    /// ([`DescribeNetworkInterfacesResponse`]), the JSON of `API.md`
    /// ([`crate::response::PageJson`]) or what the transport decoded. A page
    /// that shows the listing reached ECS's cap for tag or resource-group filters is marked
    /// ([`Page::mark_capped`]).
    pub async fn describe<T: Transport, P: Page>(
        &self,
        io: &T,
        request: &DescribeNetworkInterfacesRequest,
    ) -> Result<P, Error> {
        let mut page: P = self.send_describe(io, request).await?;
        if hits_cap(request, &page.summary(), 0) {
            page.mark_capped();
        }
        Ok(page)
    }

    async fn send_describe<T: Transport, P: Page>(
        &self,
        io: &T,
        request: &DescribeNetworkInterfacesRequest,
    ) -> Result<P, Error> {
        let params = request.to_params()?;
        let mut sent = 0;
        self.call(io, &describe::<T, P>(), &params, None, &mut sent)
            .await
    }

    /// The next page of `paginator`, or `None` when it is done. On error the cursor stays where
    /// it was, so the same page can be asked for again.
    pub async fn next_page<T: Transport, P: Page>(
        &self,
        io: &T,
        paginator: &mut Paginator,
    ) -> Result<Option<P>, Error> {
        let Some(request) = paginator.next_request() else {
            return Ok(None);
        };
        let mut page: P = self.send_describe(io, request).await?;
        let summary = page.summary();
        if hits_cap(request, &summary, paginator.seen()) {
            page.mark_capped();
        }
        paginator.advance(&summary)?;
        Ok(Some(page))
    }

    /// `DeleteNetworkInterface`, then, with `wait_until_deleted`, polls until the ENI is gone.
    ///
    /// If an attempt's outcome is unknown (network failure or timeout) and a retry answers
    /// `InvalidEniId.NotFound`, the first attempt deleted it: that is success.
    pub async fn delete_network_interface<T: Transport>(
        &self,
        io: &T,
        network_interface_id: &str,
        options: DeleteOptions,
    ) -> Result<DeleteNetworkInterfaceResponse, Error> {
        validate_network_interface_id(network_interface_id)?;
        let params = vec![(
            "NetworkInterfaceId".to_owned(),
            network_interface_id.to_owned(),
        )];
        let mut sent = 0;
        let deleted = self.call(io, &DELETE, &params, None, &mut sent).await?;
        if !options.wait_until_deleted {
            return Ok(deleted);
        }
        self.wait_until_gone(io, network_interface_id, &params, options, &mut sent)
            .await
            .map_err(|e| e.with_attempts(sent))?;
        Ok(deleted)
    }

    async fn wait_until_gone<T: Transport>(
        &self,
        io: &T,
        id: &str,
        delete_params: &[(String, String)],
        options: DeleteOptions,
        sent: &mut u32,
    ) -> Result<(), Error> {
        let wait_timeout_ms = options.wait_timeout_ms;
        let mut deleting_since = None;
        let mut redeletes = 0;
        let deadline = io
            .now_ms()
            .saturating_add(i64::try_from(wait_timeout_ms).unwrap_or(i64::MAX));
        let request = DescribeNetworkInterfacesRequest {
            network_interface_ids: Some(vec![id.to_owned()]),
            ..Default::default()
        };
        let params = request.to_params()?;
        let mut interval = WAIT_FIRST_INTERVAL_MS;
        let mut last_status = String::from("Deleting");
        let timed_out = |status: &str| {
            Error::wait_timeout(crate::msg!(
                id,
                " was still ",
                status,
                " after waiting ",
                wait_timeout_ms,
                " ms for it to be deleted"
            ))
        };
        loop {
            let remaining = deadline.saturating_sub(io.now_ms());
            if remaining <= 0 {
                return Err(timed_out(&last_status));
            }
            io.sleep(interval.min(remaining as u64))
                .await
                .map_err(|_| Error::aborted())?;
            if io.now_ms() >= deadline {
                return Err(timed_out(&last_status));
            }
            let polled = self
                .call(
                    io,
                    &describe::<T, PageSummary>(),
                    &params,
                    Some(deadline),
                    sent,
                )
                .await;
            match polled {
                // The poll filters on this one ID, so the page holds it or nothing.
                Ok(page) => match page.first {
                    Some((found, status)) if found == id => last_status = status,
                    _ => return Ok(()),
                },
                Err(e) if e.is_api_code("InvalidEniId.NotFound") => return Ok(()),
                Err(e) if e.kind == ErrorKind::Timeout && io.now_ms() >= deadline => {
                    return Err(timed_out(&last_status));
                }
                Err(e) => return Err(e),
            }
            let now = io.now_ms();
            if last_status != "Deleting" {
                deleting_since = None;
            } else if deleting_since.is_none() {
                deleting_since = Some(now);
            }
            if policy::should_redelete(
                &last_status,
                deleting_since,
                now,
                redeletes,
                options.redelete_after_ms,
            ) {
                redeletes += 1;
                deleting_since = Some(now);
                let again = self
                    .call(io, &DELETE, delete_params, Some(deadline), sent)
                    .await;
                match again {
                    Ok(_) => {}
                    Err(e) if e.is_api_code("InvalidEniId.NotFound") => return Ok(()),
                    // Another failure of the re-send (the ENI moved on, throttling that outlived
                    // the deadline) is not the wait's failure: the polls decide.
                    Err(e) if e.kind == ErrorKind::Api || e.kind == ErrorKind::Timeout => {}
                    Err(e) => return Err(e),
                }
            }
            interval = (interval * 3 / 2).min(WAIT_MAX_INTERVAL_MS);
        }
    }

    /// Signs and sends one operation with retries, and decodes its answer. `sent` counts every
    /// request sent (it is what `EcsError.attempts` reports). With a `deadline`, no attempt or
    /// wait runs past it. What follows a failed attempt is [`policy::next_step`]'s decision;
    /// this loop only performs it.
    async fn call<T: Transport, R>(
        &self,
        io: &T,
        operation: &Operation<R>,
        params: &[(String, String)],
        deadline: Option<i64>,
        sent: &mut u32,
    ) -> Result<R, Error> {
        let mut number = 0;
        let mut earlier_outcome_unknown = false;
        let mut clock_corrected = false;
        loop {
            let credentials = io.credentials().await.map_err(|e| e.with_attempts(*sent))?;
            credentials.validate().map_err(|e| e.with_attempts(*sent))?;
            let mut timeout_ms = self.config.timeout_ms;
            if let Some(deadline) = deadline {
                let left = deadline.saturating_sub(io.now_ms()).max(1);
                timeout_ms = timeout_ms.min(left as u64);
            }
            // Signed afresh for every attempt: a new x-acs-date / Timestamp and nonce.
            let request = self
                .signed_request(io, operation.action, params, &credentials, timeout_ms)
                .map_err(|e| e.with_attempts(*sent))?;
            number += 1;
            *sent += 1;
            let answer = match operation.from_host {
                Some(_) if T::DECODES_PAGES => io.send_page(request).await,
                _ => io.send(request).await.map(PageAnswer::Http),
            };
            let (mut error, headers) = match answer {
                Ok(PageAnswer::Http(response)) if (200..300).contains(&response.status) => {
                    match (operation.decode)(response.status, &response.body) {
                        Ok(value) => return Ok(value),
                        Err(e) => (e, response.headers),
                    }
                }
                Ok(PageAnswer::Http(response)) => (
                    decode_api_error(response.status, &response.body),
                    response.headers,
                ),
                Ok(PageAnswer::Decoded(page)) => {
                    let status = page.status;
                    match operation.from_host.and_then(|build| build(page)) {
                        Some(value) => return Ok(value),
                        // The host's value is not what it said it would be.
                        None => (
                            Error::decode(
                                status,
                                String::from(
                                    "the page the host decoded is not of the expected kind",
                                ),
                            ),
                            Vec::new(),
                        ),
                    }
                }
                Ok(PageAnswer::NotShape {
                    status,
                    head,
                    field,
                    expected,
                    headers,
                }) => (page_shape_error(status, &head, &field, &expected), headers),
                Ok(PageAnswer::NotJson(response)) => (
                    unparsed_page_error(response.status, &response.body),
                    response.headers,
                ),
                Err(failure) => (failure_error(failure, timeout_ms), Vec::new()),
            };
            redact(&mut error, &credentials);
            let attempt = policy::Attempt {
                error: &error,
                headers: &headers,
                number,
                earlier_outcome_unknown,
                clock_corrected,
                delete: operation.gone.is_some(),
            };
            let clock = policy::Clock {
                now_ms: io.now_ms(),
                deadline_ms: deadline,
            };
            match policy::next_step(&self.config.retry, &attempt, clock, io.random()) {
                Step::Resign { clock_offset_ms } => {
                    self.clock_offset_ms.set(clock_offset_ms);
                    clock_corrected = true;
                    number -= 1;
                }
                Step::AlreadyDone => {
                    if let Some(gone) = operation.gone {
                        return Ok(gone(error.request_id));
                    }
                    return Err(error.with_attempts(*sent));
                }
                Step::GiveUp { retryable } => {
                    error.retryable = retryable;
                    return Err(error.with_attempts(*sent));
                }
                Step::Retry {
                    delay_ms,
                    throttled,
                } => {
                    earlier_outcome_unknown |= policy::outcome_unknown(&error);
                    io.on_retry(&RetryEvent {
                        attempt: number,
                        code: &error.code,
                        throttled,
                        delay_ms,
                    });
                    if io.sleep(delay_ms).await.is_err() {
                        return Err(Error::aborted().with_attempts(*sent));
                    }
                }
            }
        }
    }

    /// The request of one attempt, signed with the configured algorithm at the corrected clock
    /// with a fresh nonce: V3 as the official SDK sends it (POST, the parameters in the query,
    /// `Authorization` and `x-acs-*` headers, the host signed but not sent), V2 as before (GET,
    /// everything in the query). Fails only on credentials V3 cannot carry in a header.
    fn signed_request<T: Transport>(
        &self,
        io: &T,
        action: &str,
        params: &[(String, String)],
        credentials: &Credentials,
        timeout_ms: u64,
    ) -> Result<HttpRequest, Error> {
        let nonce = nonce_from_bytes(io.random_bytes());
        let context = SigningContext {
            epoch_ms: io.now_ms().saturating_add(self.clock_offset_ms.get()),
            nonce: &nonce,
        };
        let algorithm = self.config.signature_algorithm;
        let mut parameters = Vec::with_capacity(params.len() + 1);
        parameters.push((String::from("RegionId"), self.config.region_id.clone()));
        parameters.extend(params.iter().cloned());
        let request = RpcRequest::checked(
            &self.config.endpoint,
            self.config.signing_host.as_deref(),
            action,
            API_VERSION,
            parameters,
            RpcRequest::default_method(algorithm),
        );
        let signed = sign_rpc_request(&request, credentials, algorithm, context)?;
        Ok(HttpRequest {
            method: signed.method,
            url: signed.url,
            headers: signed.headers,
            body: signed.body,
            timeout_ms,
        })
    }
}

/// The error of an attempt that got no answer.
fn failure_error(failure: TransportError, timeout_ms: u64) -> Error {
    match failure {
        TransportError::Aborted => Error::aborted(),
        TransportError::Timeout => Error::request_timeout(timeout_ms),
        TransportError::Network(message) => Error::network(message),
        TransportError::TooLarge { status, limit } => Error::too_large(status, limit),
    }
}

/// Keeps the secret and the token out of an error's texts.
fn redact(error: &mut Error, credentials: &Credentials) {
    if let Some(token) = credentials.security_token() {
        error.redact(token);
    }
    error.redact(credentials.access_key_secret());
}
