//! Signing any RPC call of any Alibaba Cloud product, with either algorithm: `signRpcRequest`.
//!
//! [`sign_rpc_request`] is pure: a request, credentials, an algorithm and a
//! [`SigningContext`] (time and nonce) in, a [`SignedRequest`] (URL, method, headers, body)
//! out, ready for `fetch(url, { method, headers, body })` in any runtime:
//!
//! - `ACS3-HMAC-SHA256` (V3, the default): the parameters go in the query, the body is empty,
//!   and the request carries `Authorization` and the `x-acs-*` headers the official SDK sends
//!   (`x-acs-action`, `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce`,
//!   `x-acs-content-sha256`, and with an STS token `x-acs-accesskey-id` and
//!   `x-acs-security-token`). `host` is signed but not sent (browsers forbid setting it; `fetch`
//!   sends the URL's), so a request sent to a relay can be signed for the host the relay
//!   forwards to ([`RpcRequest::host`]).
//! - `HMAC-SHA1` (what Alibaba's docs call V2, `SignatureVersion=1.0`): the common parameters
//!   and `Signature` join the parameters, in the query for GET and as a form body for POST.

use std::borrow::Cow;

use crate::canonical::Method;
use crate::endpoint::normalize_endpoint;
use crate::input::Input;
use crate::sign::{sign, Credentials, SigningContext};
use crate::text::quoted;
use crate::time::format_timestamp;
use crate::v3::{self, CanonicalRequest, Signature, StringToSign, EMPTY_PAYLOAD_SHA256};
use crate::{msg, Error};

/// Which signature a request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SignatureAlgorithm {
    /// `ACS3-HMAC-SHA256`, Alibaba Cloud's signature V3: the default.
    #[default]
    Acs3HmacSha256,
    /// `HMAC-SHA1` with `SignatureVersion=1.0`, the scheme Alibaba's docs call V2.
    HmacSha1,
}

impl SignatureAlgorithm {
    /// The name used in JavaScript (`"ACS3-HMAC-SHA256"` or `"HMAC-SHA1"`).
    pub fn as_str(self) -> &'static str {
        match self {
            SignatureAlgorithm::Acs3HmacSha256 => v3::ALGORITHM,
            SignatureAlgorithm::HmacSha1 => "HMAC-SHA1",
        }
    }

    /// Parses the JavaScript name; `field` names the option in the error.
    pub fn parse(value: &str, field: &str) -> Result<Self, Error> {
        match value {
            "ACS3-HMAC-SHA256" => Ok(SignatureAlgorithm::Acs3HmacSha256),
            "HMAC-SHA1" => Ok(SignatureAlgorithm::HmacSha1),
            other => Err(Error::validation(
                field,
                msg!(
                    field,
                    " must be \"ACS3-HMAC-SHA256\" or \"HMAC-SHA1\", got ",
                    quoted(other)
                ),
            )),
        }
    }
}

/// Parameters the signer sets itself; a request may not carry them.
pub const RESERVED_PARAMETERS: [&str; 9] = [
    "Action",
    "Version",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "SecurityToken",
];

/// One RPC call to sign, checked by [`RpcRequest::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RpcRequest {
    endpoint: String,
    action: String,
    version: String,
    parameters: Vec<(String, String)>,
    method: Method,
    host: String,
}

/// The authority (`host[:port]`) of a normalized endpoint.
fn authority_of(endpoint: &str) -> &str {
    // Byte scans (a `str` pattern would bring the two-way searcher and a panic path into the
    // wasm); the endpoint is normalized, so it starts with `http://` or `https://`.
    let rest = endpoint
        .strip_prefix("https://")
        .or_else(|| endpoint.strip_prefix("http://"))
        .unwrap_or(endpoint);
    let end = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
    rest.get(..end).unwrap_or(rest)
}

fn check_token(field: &str, value: &str, what: &str, ok: fn(u8) -> bool) -> Result<(), Error> {
    if value.is_empty() || value.len() > 128 || !value.bytes().all(ok) {
        return Err(Error::validation(
            field,
            msg!(field, " must be ", what, ", got ", quoted(value)),
        ));
    }
    Ok(())
}

/// Checks a host to sign for: a DNS name or IP literal, with an optional port.
pub fn check_host(field: &str, host: &str) -> Result<(), Error> {
    check_token(
        field,
        host,
        "a host such as ecs.cn-hangzhou.aliyuncs.com (letters, digits, '.', '-', ':', '[', ']')",
        |b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']' | b'_'),
    )
}

/// The checks of [`RpcRequest::new`], on borrowed parts: returns the normalized endpoint. (The
/// names come through a `dyn` iterator: one copy of this in the wasm for both callers, and no
/// list of them allocated.)
fn check_request(
    endpoint: &str,
    action: &str,
    version: &str,
    names: &mut dyn Iterator<Item = &str>,
    host: Option<&str>,
) -> Result<String, Error> {
    let endpoint = normalize_endpoint(endpoint).map_err(|mut e| {
        // "endpoint must be ..." -> "request.endpoint must be ..."
        e.field = Some(String::from("request.endpoint"));
        e.message = msg!("request.", e.message);
        e
    })?;
    check_token(
        "request.action",
        action,
        "an API action name such as DescribeRegions (letters and digits)",
        |b| b.is_ascii_alphanumeric(),
    )?;
    check_token(
        "request.version",
        version,
        "an API version such as 2014-05-26",
        |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'),
    )?;
    for name in names {
        if name.is_empty() {
            return Err(Error::validation(
                "request.parameters",
                String::from("request.parameters must not have an empty name"),
            ));
        }
        if RESERVED_PARAMETERS.contains(&name) {
            let field = msg!("request.parameters.", name);
            return Err(Error::validation(
                &field,
                msg!(
                    field,
                    " is set by the signer: give the action and version as request.action and request.version, not as parameters"
                ),
            ));
        }
    }
    if let Some(h) = host {
        check_host("request.host", h)?;
    }
    Ok(endpoint)
}

impl RpcRequest {
    /// Checks and builds a request. `endpoint` is an `http(s)://` origin; `host` defaults to
    /// the endpoint's `host[:port]`. Errors name the field (`request.action`, ...).
    pub fn new(
        endpoint: &str,
        action: &str,
        version: &str,
        parameters: Vec<(String, String)>,
        method: Method,
        host: Option<&str>,
    ) -> Result<Self, Error> {
        let mut names = parameters.iter().map(|(name, _)| name.as_str());
        let endpoint = check_request(endpoint, action, version, &mut names, host)?;
        let host = match host {
            Some(h) => h.to_owned(),
            None => authority_of(&endpoint).to_owned(),
        };
        Ok(RpcRequest {
            endpoint,
            action: action.to_owned(),
            version: version.to_owned(),
            parameters,
            method,
            host,
        })
    }

    /// A request built from parts the caller has already checked (the client's configuration:
    /// a normalized endpoint, a checked host, its own action and version); `host` `None` signs
    /// for the endpoint's host.
    pub fn checked(
        endpoint: &str,
        host: Option<&str>,
        action: &str,
        version: &str,
        parameters: Vec<(String, String)>,
        method: Method,
    ) -> Self {
        RpcRequest {
            endpoint: endpoint.to_owned(),
            action: action.to_owned(),
            version: version.to_owned(),
            parameters,
            method,
            host: host.unwrap_or_else(|| authority_of(endpoint)).to_owned(),
        }
    }

    /// The method the official SDKs use for an RPC call with `algorithm`: POST for V3 (the
    /// parameters stay in the query, the body is empty), GET for V2 (everything in the query).
    pub fn default_method(algorithm: SignatureAlgorithm) -> Method {
        match algorithm {
            SignatureAlgorithm::Acs3HmacSha256 => Method::Post,
            SignatureAlgorithm::HmacSha1 => Method::Get,
        }
    }

    /// The host the request is signed for.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The normalized endpoint the request is sent to.
    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }
}

/// What to send: `fetch(url, { method, headers, body })`.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedRequest {
    /// The full URL, query included.
    pub url: String,
    /// `GET` or `POST`.
    pub method: Method,
    /// Header names and values; never a forbidden header such as `Host`.
    pub headers: Vec<(String, String)>,
    /// The body (a form, for an `HMAC-SHA1` POST).
    pub body: Option<String>,
}

impl core::fmt::Debug for SignedRequest {
    /// The security token travels in a header: `Debug` shows header names only.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("SignedRequest")
            .field("method", &self.method)
            .field("headers", &names)
            .field("body", &self.body.as_ref().map(String::len))
            .finish_non_exhaustive()
    }
}

impl SignedRequest {
    /// The value of header `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `{"method","url","headers":{...},"body"?}`, the `SignedRequest` of `API.md`; wiped when
    /// dropped (the STS token is in it).
    pub fn to_json(&self) -> zeroize::Zeroizing<String> {
        use crate::transport::{request_json_buffer, write_request_members};
        let body = self.body.as_deref();
        let mut out = request_json_buffer(&self.url, &self.headers, body);
        out.push('{');
        write_request_members(&mut out, self.method, &self.url, &self.headers, body);
        out.push('}');
        out
    }
}

/// Checks that a value sent in a header is printable ASCII (what `fetch` accepts everywhere
/// and what every AccessKeyId and STS token is).
fn check_header_value(field: &str, value: &str) -> Result<(), Error> {
    if value.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        Ok(())
    } else {
        Err(Error::validation(
            field,
            msg!(
                field,
                " must be printable ASCII to travel in a header (signature ACS3-HMAC-SHA256)"
            ),
        ))
    }
}

/// A request to sign, borrowed: from an [`RpcRequest`], or from `signRpcRequest`'s arguments
/// read by the binding layer and checked by [`RequestParts::check`].
#[derive(Debug, Clone, Copy)]
pub struct RequestParts<'a> {
    /// The normalized endpoint.
    pub endpoint: &'a str,
    /// The action.
    pub action: &'a str,
    /// The API version.
    pub version: &'a str,
    /// The parameters, in the caller's order.
    pub parameters: &'a [(&'a str, &'a str)],
    /// GET or POST.
    pub method: Method,
    /// The host signed for.
    pub host: &'a str,
}

impl<'a> RequestParts<'a> {
    /// Checks borrowed parts as [`RpcRequest::new`] does (same errors, same order) and calls
    /// `then` with them: `endpoint` is normalized first, so it is only borrowed inside.
    pub fn check<T>(
        endpoint: &str,
        action: &str,
        version: &str,
        parameters: &[(&str, &str)],
        method: Method,
        host: Option<&str>,
        then: impl FnOnce(RequestParts<'_>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut names = parameters.iter().map(|(name, _)| *name);
        let endpoint = check_request(endpoint, action, version, &mut names, host)?;
        then(RequestParts {
            endpoint: &endpoint,
            action,
            version,
            parameters,
            method,
            host: host.unwrap_or_else(|| authority_of(&endpoint)),
        })
    }
}

/// The V3 headers the official SDK signs for an RPC call without a body, `host` first, in the
/// order the SDK adds them (the caller drops `host` before sending); `date` is the formatted
/// `x-acs-date`.
fn v3_headers<'a>(
    parts: &RequestParts<'a>,
    credentials: &'a Credentials,
    date: &'a str,
    nonce: &'a str,
) -> Vec<(&'static str, &'a str)> {
    let mut headers = Vec::with_capacity(8);
    headers.extend([
        ("host", parts.host),
        ("x-acs-action", parts.action),
        ("x-acs-version", parts.version),
        ("x-acs-date", date),
        ("x-acs-signature-nonce", nonce),
        ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
    ]);
    if let Some(token) = credentials.security_token() {
        headers.push(("x-acs-accesskey-id", credentials.access_key_id()));
        headers.push(("x-acs-security-token", token));
    }
    headers
}

/// `endpoint/?` and the percent-encoded parameters, in their order (`endpoint/` when there
/// are none).
fn url_with_query(endpoint: &str, params: &[(&str, &str)]) -> String {
    use crate::encode::{append_query, query_capacity, QUERY};
    let mut out = Vec::with_capacity(endpoint.len() + 2 + query_capacity(params, &QUERY));
    out.extend_from_slice(endpoint.as_bytes());
    out.push(b'/');
    if !params.is_empty() {
        out.push(b'?');
        append_query(&mut out, params, &QUERY);
    }
    // The endpoint is a `str` and the rest is ASCII.
    String::from_utf8(out).unwrap_or_default()
}

/// Signs `request` for `credentials` with `algorithm`. Time and nonce come from `context`.
///
/// Fails only on credentials that cannot travel in a header (V3 sends the AccessKeyId and the
/// STS token as header values), with a validation error naming the field.
pub fn sign_rpc_request(
    request: &RpcRequest,
    credentials: &Credentials,
    algorithm: SignatureAlgorithm,
    context: SigningContext<'_>,
) -> Result<SignedRequest, Error> {
    sign_rpc_request_with(request, credentials, algorithm, context, |s| s.into_owned())
}

/// [`sign_rpc_request`], the signed request handed to `then` as it is made.
pub fn sign_rpc_request_with<T>(
    request: &RpcRequest,
    credentials: &Credentials,
    algorithm: SignatureAlgorithm,
    context: SigningContext<'_>,
    then: impl FnOnce(Signed<'_>) -> T,
) -> Result<T, Error> {
    let parameters: Vec<(&str, &str)> = request
        .parameters
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let parts = RequestParts {
        endpoint: &request.endpoint,
        action: &request.action,
        version: &request.version,
        parameters: &parameters,
        method: request.method,
        host: &request.host,
    };
    sign_parts(&parts, credentials, algorithm, context).map(then)
}

/// The headers of a V3 request, in the order they are sent.
pub const V3_HEADERS: [&str; 7] = [
    "Authorization",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "accept",
];

/// The headers of a V3 request with STS credentials, in the order they are sent.
pub const V3_STS_HEADERS: [&str; 9] = [
    "Authorization",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-accesskey-id",
    "x-acs-security-token",
    "accept",
];

/// A signed request whose header values borrow from the request, the credentials and the
/// nonce: what [`sign_parts`] returns, sent to JavaScript as it is ([`Signed::to_lines`]) or
/// made a [`SignedRequest`] ([`Signed::into_owned`]).
pub struct Signed<'a> {
    /// The full URL, query included.
    pub url: String,
    /// `GET` or `POST`.
    pub method: Method,
    /// Header names and values, in the order they are sent.
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    /// The body (a form, for an `HMAC-SHA1` POST).
    pub body: Option<String>,
}

impl Signed<'_> {
    /// The owned form.
    pub fn into_owned(self) -> SignedRequest {
        SignedRequest {
            url: self.url,
            method: self.method,
            headers: self
                .headers
                .into_iter()
                .map(|(name, value)| (String::from(name), value.into_owned()))
                .collect(),
            body: self.body,
        }
    }

    /// The `SignedRequest` of `API.md` for the binding layer's `signedRequest` (`js/sign.js`):
    /// lines joined by `\n`: the shape, `method`, `url`, `+body` (or `-` without one), then
    /// the header values. Shape `3` is [`V3_HEADERS`], `4` is [`V3_STS_HEADERS`] and `1` has
    /// none (the names are in the JavaScript as object literals, the fastest way to build the
    /// object); shape `0` gives each header's name before its value. None of the parts can
    /// hold a line break: the endpoint has no control characters, the query and a form body
    /// are percent-encoded, header names are fixed and header values are checked tokens,
    /// printable ASCII or hex.
    ///
    /// It holds the STS token when the credentials have one (see [`Signed::wipe`]).
    pub fn to_lines(&self) -> String {
        let names = || self.headers.iter().map(|(name, _)| *name);
        let shape = if names().eq(V3_HEADERS) {
            '3'
        } else if names().eq(V3_STS_HEADERS) {
            '4'
        } else if self.headers.is_empty() {
            '1'
        } else {
            '0'
        };
        let body = self.body.as_deref();
        let size = self.url.len()
            + body.map_or(0, str::len)
            + self
                .headers
                .iter()
                .map(|(n, v)| n.len() + v.len() + 2)
                .sum::<usize>()
            + 12;
        let mut out = String::with_capacity(size);
        out.push(shape);
        out.push('\n');
        out.push_str(self.method.as_str());
        out.push('\n');
        out.push_str(&self.url);
        out.push('\n');
        match body {
            Some(body) => {
                out.push('+');
                out.push_str(body);
            }
            None => out.push('-'),
        }
        for (name, value) in &self.headers {
            if shape == '0' {
                out.push('\n');
                out.push_str(name);
            }
            out.push('\n');
            out.push_str(value);
        }
        out
    }

    /// Overwrites the URL and the body: with STS credentials, V2 puts the token there (V3 puts
    /// it in a header, borrowed from the credentials, which wipe themselves).
    pub fn wipe(&mut self) {
        use zeroize::Zeroize;
        self.url.zeroize();
        self.body.zeroize();
    }
}

/// [`sign_rpc_request`] of borrowed parts.
pub fn sign_parts<'a>(
    request: &RequestParts<'a>,
    credentials: &'a Credentials,
    algorithm: SignatureAlgorithm,
    context: SigningContext<'a>,
) -> Result<Signed<'a>, Error> {
    credentials.validate()?;
    match algorithm {
        SignatureAlgorithm::Acs3HmacSha256 => {
            check_header_value("credentials.accessKeyId", credentials.access_key_id())?;
            if let Some(token) = credentials.security_token() {
                check_header_value("credentials.securityToken", token)?;
            }
            let date = format_timestamp(context.epoch_ms);
            let signed_headers = v3_headers(request, credentials, &date, context.nonce);
            let canonical = CanonicalRequest::new(
                request.method.as_str(),
                "/",
                request.parameters.iter().copied(),
                signed_headers.iter().copied(),
                EMPTY_PAYLOAD_SHA256,
            );
            let signature = Signature::new(
                credentials.access_key_secret(),
                &StringToSign::new(&canonical),
            );
            let authorization =
                v3::authorization(credentials.access_key_id(), &canonical, &signature);
            let mut headers: Vec<(&'static str, Cow<'a, str>)> =
                Vec::with_capacity(signed_headers.len() + 1);
            headers.push(("Authorization", Cow::Owned(authorization)));
            let borrowed = |(name, value): (&'static str, &'a str)| (name, Cow::Borrowed(value));
            headers.extend([
                borrowed(("x-acs-action", request.action)),
                borrowed(("x-acs-version", request.version)),
                ("x-acs-date", Cow::Owned(date)),
                borrowed(("x-acs-signature-nonce", context.nonce)),
                borrowed(("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256)),
            ]);
            if let Some(token) = credentials.security_token() {
                headers.push(borrowed((
                    "x-acs-accesskey-id",
                    credentials.access_key_id(),
                )));
                headers.push(borrowed(("x-acs-security-token", token)));
            }
            headers.push(borrowed(("accept", "application/json")));
            Ok(Signed {
                url: url_with_query(request.endpoint, request.parameters),
                method: request.method,
                headers,
                body: None,
            })
        }
        SignatureAlgorithm::HmacSha1 => {
            let has_format = request.parameters.iter().any(|(k, _)| *k == "Format");
            let common = [("Action", request.action), ("Version", request.version)];
            let format = (!has_format).then_some(("Format", "JSON"));
            let params = common
                .into_iter()
                .chain(format)
                .chain(request.parameters.iter().copied());
            let signed = sign(params, credentials, context, request.method);
            // The query holds the STS token: wiped when dropped, and the URL is built at its
            // final size so that no grown-and-freed copy of it stays behind.
            let query = zeroize::Zeroizing::new(signed.to_query_string());
            Ok(match request.method {
                Method::Get => Signed {
                    url: {
                        let mut url =
                            String::with_capacity(request.endpoint.len() + 2 + query.len());
                        url.push_str(request.endpoint);
                        url.push_str("/?");
                        url.push_str(&query);
                        url
                    },
                    method: Method::Get,
                    headers: Vec::new(),
                    body: None,
                },
                Method::Post => Signed {
                    url: msg!(request.endpoint, "/"),
                    method: Method::Post,
                    headers: vec![(
                        "content-type",
                        Cow::Borrowed("application/x-www-form-urlencoded"),
                    )],
                    body: Some(String::from(query.as_str())),
                },
            })
        }
    }
}

/// `request.method`.
fn parse_method(value: &str) -> Result<Method, Error> {
    match value {
        "GET" => Ok(Method::Get),
        "POST" => Ok(Method::Post),
        other => Err(Error::validation(
            "request.method",
            msg!(
                "request.method must be \"GET\" or \"POST\", got ",
                quoted(other)
            ),
        )),
    }
}

/// An optional member of the flat form: `""` when absent.
fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// The value of one lowercase hex digit.
fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        _ => None,
    }
}

/// Signs `signRpcRequest`'s arguments in their flat form (`signRequestArgs` of the binding
/// layer's `js/sign.js`: 16 random bytes in hex or as a UUID, the time, the credentials, the request, the
/// algorithm, the parameters), with the same checks, in the same order, as
/// [`read_sign_rpc_arguments`] and [`sign_rpc_request`], so the same errors. `None` when the
/// text is not in that form (the caller then reads the JSON form). The signed request is
/// handed to `then` with whether the credentials carry an STS token (then it holds it).
pub fn sign_flat_arguments<T>(
    text: &str,
    then: impl FnOnce(Signed<'_>, bool) -> T,
) -> Option<Result<T, Error>> {
    let (
        [hex, epoch, secret, token, id, endpoint, action, version, method, host, algorithm],
        parameters,
    ) = crate::input::flat_fields::<11>(text)?;
    // 32 hex digits, or a UUID (the same with four dashes).
    let mut digits = hex.bytes().filter(|&b| b != b'-');
    let mut random = [0u8; 16];
    for byte in &mut random {
        *byte = (hex_value(digits.next()?)? << 4) | hex_value(digits.next()?)?;
    }
    if digits.next().is_some() || hex.len() > 36 {
        return None;
    }
    let epoch_ms = match epoch.strip_prefix('-') {
        Some(digits) => -i64::try_from(crate::json::parse_u64(digits)?).ok()?,
        None => i64::try_from(crate::json::parse_u64(epoch)?).ok()?,
    };
    Some((|| {
        let method = match some(method) {
            Some(m) => parse_method(m)?,
            None => Method::Post,
        };
        RequestParts::check(
            endpoint,
            action,
            version,
            &parameters,
            method,
            some(host),
            |request| {
                let mut credentials = Credentials::new(id, secret);
                if let Some(token) = some(token) {
                    credentials = credentials.with_security_token(token);
                }
                credentials.validate()?;
                let algorithm = match some(algorithm) {
                    Some(a) => SignatureAlgorithm::parse(a, "options.signatureAlgorithm")?,
                    None => SignatureAlgorithm::default(),
                };
                let nonce = crate::sign::nonce_from_bytes(random);
                let context = SigningContext {
                    epoch_ms,
                    nonce: &nonce,
                };
                let token = credentials.security_token().is_some();
                let signed = sign_parts(&request, &credentials, algorithm, context)?;
                Ok(then(signed, token))
            },
        )
    })())
}

/// The arguments of `signRpcRequest(request, credentials, options)`, read from their JSON form.
pub fn read_sign_rpc_arguments(
    request: &str,
    credentials: &str,
    options: &str,
) -> Result<(RpcRequest, Credentials, SignatureAlgorithm), Error> {
    const KNOWN: [&str; 6] = [
        "endpoint",
        "action",
        "version",
        "parameters",
        "method",
        "host",
    ];
    let mut input = Input::new(request);
    if input.is_empty() {
        return Err(Error::validation(
            "request",
            String::from(
                "request must be an object { endpoint, action, version, ... }, got undefined",
            ),
        ));
    }
    let (mut endpoint, mut action, mut version, mut host) = (None, None, None, None);
    let mut method = Method::Post;
    let mut parameters = Vec::new();
    input.object("request", &KNOWN, &mut |i, key, name| {
        match key {
            "endpoint" => endpoint = Some(i.string(name)?),
            "action" => action = Some(i.string(name)?),
            "version" => version = Some(i.string(name)?),
            "host" => host = Some(i.string(name)?),
            "method" => method = parse_method(&i.string(name)?)?,
            "parameters" => i.object(name, &[], &mut |i, key, name| {
                let value = i.string(&msg!("request.", name))?;
                parameters.push((key.to_owned(), value));
                Ok(true)
            })?,
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    input.finish("request")?;
    let required = |value: Option<String>, field: &str| {
        value.ok_or_else(|| {
            Error::validation(field, msg!(field, " must be a string, got undefined"))
        })
    };
    let endpoint = required(endpoint, "request.endpoint")?;
    let action = required(action, "request.action")?;
    let version = required(version, "request.version")?;
    let request = RpcRequest::new(
        &endpoint,
        &action,
        &version,
        parameters,
        method,
        host.as_deref(),
    )?;

    let mut input = Input::new(credentials);
    if input.is_empty() {
        return Err(Error::validation(
            "credentials",
            String::from(
                "credentials must be an object { accessKeyId, accessKeySecret, securityToken? }, got undefined",
            ),
        ));
    }
    let credentials = crate::input::credentials(&mut input, "credentials")?;
    input.finish("credentials")?;

    let mut algorithm = SignatureAlgorithm::default();
    let mut input = Input::new(options);
    if !input.is_empty() {
        input.object("options", &["signatureAlgorithm"], &mut |i, key, name| {
            if key != "signatureAlgorithm" {
                return Ok(false);
            }
            algorithm = SignatureAlgorithm::parse(&i.string(name)?, "options.signatureAlgorithm")?;
            Ok(true)
        })?;
        input.finish("options")?;
    }
    Ok((request, credentials, algorithm))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> SigningContext<'static> {
        SigningContext {
            epoch_ms: 1_796_032_800_000, // 2026-11-30T10:00:00Z
            nonce: "3d1c6f0e-8a5b-4d4f-9b8e-0f6a2c1d9e7b",
        }
    }

    fn request(params: &[(&str, &str)], method: Method, host: Option<&str>) -> RpcRequest {
        RpcRequest::new(
            "https://ecs.cn-hangzhou.aliyuncs.com/",
            "DescribeRegions",
            "2014-05-26",
            params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
            method,
            host,
        )
        .unwrap()
    }

    #[test]
    fn v3_sends_no_host_and_signs_it() {
        let r = request(&[("RegionId", "cn-hangzhou")], Method::Post, None);
        assert_eq!(r.host(), "ecs.cn-hangzhou.aliyuncs.com");
        let c = Credentials::new("id", "secret");
        let s = sign_rpc_request(&r, &c, SignatureAlgorithm::default(), context()).unwrap();
        assert_eq!(
            s.url,
            "https://ecs.cn-hangzhou.aliyuncs.com/?RegionId=cn-hangzhou"
        );
        assert_eq!(s.method, Method::Post);
        assert!(s.body.is_none());
        assert!(s.header("host").is_none());
        let auth = s.header("authorization").unwrap();
        assert!(auth.starts_with(
            "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature="
        ));
        assert_eq!(s.header("x-acs-date"), Some("2026-11-30T10:00:00Z"));
        // Signing for another host changes the signature, nothing else.
        let relayed = RpcRequest {
            host: String::from("ecs.cn-shanghai.aliyuncs.com"),
            ..r.clone()
        };
        let t = sign_rpc_request(&relayed, &c, SignatureAlgorithm::default(), context()).unwrap();
        assert_ne!(t.header("authorization"), s.header("authorization"));
        assert_eq!(t.url, s.url);
    }

    #[test]
    fn v3_sts_headers_and_debug_hides_the_token() {
        let r = request(&[], Method::Get, Some("example.com:8443"));
        let c = Credentials::new("STS.id", "secret").with_security_token("token-value-123");
        let s = sign_rpc_request(&r, &c, SignatureAlgorithm::default(), context()).unwrap();
        assert_eq!(s.url, "https://ecs.cn-hangzhou.aliyuncs.com/");
        assert_eq!(s.header("x-acs-security-token"), Some("token-value-123"));
        assert_eq!(s.header("x-acs-accesskey-id"), Some("STS.id"));
        assert!(s
            .header("authorization")
            .unwrap()
            .contains("x-acs-accesskey-id;x-acs-action"));
        let debug = format!("{s:?}");
        assert!(!debug.contains("token-value-123"), "{debug}");
        assert!(!debug.contains("secret"));
    }

    #[test]
    fn v2_get_and_post() {
        let c = Credentials::new("testid", "testsecret");
        let ctx = context();
        let get = request(&[("RegionId", "cn-hangzhou")], Method::Get, None);
        let s = sign_rpc_request(&get, &c, SignatureAlgorithm::HmacSha1, ctx).unwrap();
        assert!(s.url.starts_with("https://ecs.cn-hangzhou.aliyuncs.com/?AccessKeyId=testid&Action=DescribeRegions&Format=JSON&RegionId=cn-hangzhou&"));
        assert!(s.url.contains("&Signature="));
        assert!(s.headers.is_empty() && s.body.is_none());
        let post = request(
            &[("RegionId", "cn-hangzhou"), ("Format", "XML")],
            Method::Post,
            None,
        );
        let s = sign_rpc_request(&post, &c, SignatureAlgorithm::HmacSha1, ctx).unwrap();
        assert_eq!(s.url, "https://ecs.cn-hangzhou.aliyuncs.com/");
        let body = s.body.unwrap();
        assert!(body.contains("&Format=XML&") && !body.contains("JSON"));
        assert_eq!(
            s.headers,
            [(
                String::from("content-type"),
                String::from("application/x-www-form-urlencoded")
            )]
        );
    }

    #[test]
    fn refuses_bad_requests_naming_the_field() {
        let field = |r: Result<RpcRequest, Error>| r.unwrap_err().field.unwrap();
        let new = |endpoint: &str, action: &str, version: &str, params: &[(&str, &str)], host| {
            RpcRequest::new(
                endpoint,
                action,
                version,
                params
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                    .collect(),
                Method::Post,
                host,
            )
        };
        let ok = "https://ecs.cn-hangzhou.aliyuncs.com";
        assert_eq!(
            field(new("ftp://x", "A", "1", &[], None)),
            "request.endpoint"
        );
        assert_eq!(field(new(ok, "", "1", &[], None)), "request.action");
        assert_eq!(field(new(ok, "A\nB", "1", &[], None)), "request.action");
        assert_eq!(field(new(ok, "A", "1 0", &[], None)), "request.version");
        assert_eq!(
            field(new(ok, "A", "1", &[("Signature", "x")], None)),
            "request.parameters.Signature"
        );
        assert_eq!(
            field(new(ok, "A", "1", &[("", "x")], None)),
            "request.parameters"
        );
        assert_eq!(field(new(ok, "A", "1", &[], Some("a/b"))), "request.host");
        assert_eq!(field(new(ok, "A", "1", &[], Some(""))), "request.host");
    }

    #[test]
    fn refuses_credentials_that_cannot_be_headers() {
        let r = request(&[], Method::Post, None);
        let c = Credentials::new("id", "s").with_security_token("tøken");
        let e = sign_rpc_request(&r, &c, SignatureAlgorithm::default(), context()).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("credentials.securityToken"));
        assert!(!e.message.contains("tøken"));
        // V2 sends the token in the query: fine.
        assert!(sign_rpc_request(&r, &c, SignatureAlgorithm::HmacSha1, context()).is_ok());
    }

    #[test]
    fn lines_for_javascript_name_their_shape() {
        let lines = |params: &[(&str, &str)], method, credentials: &Credentials, algorithm| {
            let r = request(params, method, None);
            sign_rpc_request_with(&r, credentials, algorithm, context(), |s| {
                (s.to_lines(), s.headers.len())
            })
            .unwrap()
        };
        let key = Credentials::new("id", "secret");
        let sts = Credentials::new("STS.id", "secret").with_security_token("tok");
        let v3 = SignatureAlgorithm::Acs3HmacSha256;
        let v2 = SignatureAlgorithm::HmacSha1;
        for (params, method, credentials, algorithm, shape, values) in [
            (&[("a", "b c")][..], Method::Get, &key, v3, "3", 7),
            (&[][..], Method::Post, &sts, v3, "4", 9),
            (&[("a", "b")][..], Method::Get, &sts, v2, "1", 0),
            (&[("a", "b")][..], Method::Post, &key, v2, "0", 2),
        ] {
            let (text, headers) = lines(params, method, credentials, algorithm);
            let parts: Vec<&str> = text.split('\n').collect();
            assert_eq!(parts[0], shape, "{text}");
            assert_eq!(parts[1], method.as_str());
            assert!(parts[2].starts_with("https://ecs.cn-hangzhou.aliyuncs.com/"));
            assert_eq!(
                parts[3].starts_with('+'),
                method == Method::Post && algorithm == v2
            );
            assert_eq!(parts.len(), 4 + values, "{text}");
            assert_eq!(headers * if shape == "0" { 2 } else { 1 }, values);
        }
    }

    #[test]
    fn reads_javascript_arguments() {
        let (r, c, a) = read_sign_rpc_arguments(
            r#"{"endpoint":"http://127.0.0.1:9000","action":"DescribeRegions","version":"2014-05-26","parameters":{"RegionId":"cn-hangzhou"},"method":"GET"}"#,
            r#"{"accessKeyId":"id","accessKeySecret":"secret"}"#,
            r#"{"signatureAlgorithm":"HMAC-SHA1"}"#,
        )
        .unwrap();
        assert_eq!(r.host(), "127.0.0.1:9000");
        assert_eq!(r.method, Method::Get);
        assert_eq!(c.access_key_id(), "id");
        assert_eq!(a, SignatureAlgorithm::HmacSha1);
        let (r, _, a) = read_sign_rpc_arguments(
            r#"{"endpoint":"https://relay.example","action":"A","version":"1","host":"ecs.cn-beijing.aliyuncs.com"}"#,
            r#"{"accessKeyId":"id","accessKeySecret":"secret"}"#,
            "",
        )
        .unwrap();
        assert_eq!(r.host(), "ecs.cn-beijing.aliyuncs.com");
        assert_eq!(r.method, Method::Post);
        assert_eq!(a, SignatureAlgorithm::Acs3HmacSha256);

        let err = |req: &str, creds: &str, opts: &str| {
            read_sign_rpc_arguments(req, creds, opts)
                .unwrap_err()
                .field
                .unwrap()
        };
        let creds = r#"{"accessKeyId":"id","accessKeySecret":"secret"}"#;
        let req = r#"{"endpoint":"https://x","action":"A","version":"1"}"#;
        assert_eq!(err("", creds, ""), "request");
        assert_eq!(
            err(r#"{"action":"A","version":"1"}"#, creds, ""),
            "request.endpoint"
        );
        assert_eq!(
            err(
                r#"{"endpoint":"https://x","action":"A","version":"1","parameters":{"a":1}}"#,
                creds,
                ""
            ),
            "request.parameters.a"
        );
        assert_eq!(
            err(
                r#"{"endpoint":"https://x","action":"A","version":"1","method":"PUT"}"#,
                creds,
                ""
            ),
            "request.method"
        );
        assert_eq!(
            err(
                r#"{"endpoint":"https://x","action":"A","version":"1","Action":"B"}"#,
                creds,
                ""
            ),
            "Action"
        );
        assert_eq!(err(req, "", ""), "credentials");
        assert_eq!(
            err(req, r#"{"accessKeyId":"id"}"#, ""),
            "credentials.accessKeySecret"
        );
        assert_eq!(
            err(req, creds, r#"{"signatureAlgorithm":"v2"}"#),
            "options.signatureAlgorithm"
        );
        assert_eq!(err(req, creds, r#"{"algorithm":"HMAC-SHA1"}"#), "algorithm");
    }
}
