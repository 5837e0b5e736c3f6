//! The one error type of the crate.
//!
//! Every failure (bad input, an API error answer, a network failure, a timeout, an abort, an
//! answer that cannot be decoded) is an [`Error`] whose [`ErrorKind`] says which. The wasm layer
//! turns it into the JavaScript `EcsError` of `API.md` field by field, so the two always agree.

use core::fmt;

/// What kind of failure an [`Error`] is. Mirrors `EcsError.kind` in JavaScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The API answered with an error body (`Code`, `Message`, ...).
    Api,
    /// The input was refused before anything was sent.
    Validation,
    /// The request could not be sent or its answer could not be read.
    Network,
    /// An attempt, or a wait for deletion, took longer than allowed.
    Timeout,
    /// The caller's `AbortSignal` fired.
    Aborted,
    /// An answer arrived but is not what the API sends (not JSON, wrong shape, truncated).
    Decode,
    /// No credentials: the provider failed (which source, and why) or returned no credentials.
    Credentials,
}

impl ErrorKind {
    /// The name used for `EcsError.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Api => "api",
            ErrorKind::Validation => "validation",
            ErrorKind::Network => "network",
            ErrorKind::Timeout => "timeout",
            ErrorKind::Aborted => "aborted",
            ErrorKind::Decode => "decode",
            ErrorKind::Credentials => "credentials",
        }
    }
}

/// Stable codes for failures that are not API errors (API errors carry the API's `Code`).
pub mod codes {
    /// Input refused before sending; `Error::field` names the field.
    pub const VALIDATION: &str = "ValidationError";
    /// The credentials provider threw or returned something that is not credentials.
    pub const CREDENTIALS: &str = "CredentialsError";
    /// `fetch` failed: DNS, refused connection, reset, CORS refusal in a browser.
    pub const NETWORK: &str = "NetworkError";
    /// One attempt exceeded `timeoutMs`.
    pub const REQUEST_TIMEOUT: &str = "RequestTimeout";
    /// The ENI did not disappear within `waitTimeoutMs`.
    pub const WAIT_TIMEOUT: &str = "WaitTimeout";
    /// The caller's `AbortSignal` fired.
    pub const ABORTED: &str = "Aborted";
    /// The answer is not a valid API answer.
    pub const INVALID_RESPONSE: &str = "InvalidResponse";
    /// The answer body is larger than the client accepts.
    pub const RESPONSE_TOO_LARGE: &str = "ResponseTooLarge";
}

/// Shortest secret [`Error::redact`] looks for.
pub const MIN_REDACT_LEN: usize = 6;

/// A failure of any kind, with everything `EcsError` exposes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of failure this is.
    pub kind: ErrorKind,
    /// The API's `Code` for [`ErrorKind::Api`], otherwise one of [`codes`].
    pub code: String,
    /// A human-readable message. Never contains a secret or a security token.
    pub message: String,
    /// For validation errors: the request field at fault (`pageSize`, `tags[2].key`, ...).
    pub field: Option<String>,
    /// The HTTP status of the answer, when there was one.
    pub http_status: Option<u16>,
    /// The API's `RequestId`, when the answer carried one.
    pub request_id: Option<String>,
    /// The API's `HostId`.
    pub host_id: Option<String>,
    /// The API's `Recommend` (a troubleshooting link).
    pub recommend: Option<String>,
    /// The API's own `Message`, as it sent it (`EcsError.apiMessage`); [`Error::message`] is
    /// composed from it and the code once, in [`Error::api`].
    pub api_message: Option<String>,
    /// Whether trying again could succeed (after the client's own retries ran out). Set by the
    /// client from [`crate::policy::next_step`] when the call gives up; `false` until then.
    pub retryable: bool,
    /// For [`ErrorKind::Decode`]: the body ended early (cut off or empty), a transport accident
    /// worth another attempt (read by [`crate::policy::retryable`]).
    pub truncated: bool,
    /// How many requests were sent for the call that failed.
    pub attempts: u32,
}

impl Error {
    #[cold]
    #[inline(never)]
    fn new(kind: ErrorKind, code: &str, message: String) -> Self {
        Error {
            kind,
            code: code.to_owned(),
            message,
            field: None,
            http_status: None,
            request_id: None,
            host_id: None,
            recommend: None,
            api_message: None,
            retryable: false,
            truncated: false,
            attempts: 0,
        }
    }

    /// A validation error for `field`; nothing was sent.
    #[cold]
    #[inline(never)]
    pub fn validation(field: &str, message: String) -> Self {
        let mut e = Error::new(ErrorKind::Validation, codes::VALIDATION, message);
        e.field = Some(field.to_owned());
        e
    }

    /// A failure of the credentials provider; nothing was sent for this attempt.
    #[cold]
    #[inline(never)]
    pub fn credentials(message: String) -> Self {
        let mut e = Error::new(ErrorKind::Credentials, codes::CREDENTIALS, message);
        e.field = Some("credentials".to_owned());
        e
    }

    /// A network failure.
    #[cold]
    #[inline(never)]
    pub fn network(message: String) -> Self {
        Error::new(ErrorKind::Network, codes::NETWORK, message)
    }

    /// An attempt that ran out of time.
    #[cold]
    #[inline(never)]
    pub fn request_timeout(timeout_ms: u64) -> Self {
        Error::new(
            ErrorKind::Timeout,
            codes::REQUEST_TIMEOUT,
            crate::msg!("no answer within ", timeout_ms, " ms"),
        )
    }

    /// A wait for deletion that ran out of time.
    #[cold]
    #[inline(never)]
    pub fn wait_timeout(message: String) -> Self {
        Error::new(ErrorKind::Timeout, codes::WAIT_TIMEOUT, message)
    }

    /// The caller aborted.
    #[cold]
    #[inline(never)]
    pub fn aborted() -> Self {
        Error::new(
            ErrorKind::Aborted,
            codes::ABORTED,
            "the operation was aborted".to_owned(),
        )
    }

    /// An answer that is not a valid API answer.
    #[cold]
    #[inline(never)]
    pub fn decode(http_status: u16, message: String) -> Self {
        let mut e = Error::new(ErrorKind::Decode, codes::INVALID_RESPONSE, message);
        e.http_status = Some(http_status);
        e
    }

    /// An answer body over the size limit.
    #[cold]
    #[inline(never)]
    pub fn too_large(http_status: u16, limit: usize) -> Self {
        let mut e = Error::new(
            ErrorKind::Decode,
            codes::RESPONSE_TOO_LARGE,
            crate::msg!("the response body is larger than ", limit, " bytes"),
        );
        e.http_status = Some(http_status);
        e
    }

    /// An API error answer. Its message is `Code: Message` (just `Code` when the API sent no
    /// message); the parts stay apart in `code` and `api_message`.
    #[cold]
    #[inline(never)]
    pub fn api(http_status: u16, body: crate::response::ApiErrorBody) -> Self {
        let message = if body.message.is_empty() {
            body.code.clone()
        } else {
            crate::msg!(body.code, ": ", body.message)
        };
        let api_message = Some(body.message).filter(|m| !m.is_empty());
        Error {
            kind: ErrorKind::Api,
            code: body.code,
            message,
            field: None,
            http_status: Some(http_status),
            request_id: body.request_id,
            host_id: body.host_id,
            recommend: body.recommend,
            api_message,
            retryable: false,
            truncated: false,
            attempts: 0,
        }
    }

    /// Sets how many requests were sent.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// Replaces every occurrence of `needle` (raw and percent-encoded once and twice) in the
    /// texts of this error. Used to keep a security token out of messages that quote a request.
    /// Needles shorter than [`MIN_REDACT_LEN`] are left alone: they would mangle ordinary words
    /// and no real secret or token is that short.
    pub fn redact(&mut self, needle: &str) {
        if needle.len() < MIN_REDACT_LEN {
            return;
        }
        // Encoded copies of a secret: overwritten when dropped.
        let once = zeroize::Zeroizing::new(crate::encode::percent_encode(needle));
        let twice = zeroize::Zeroizing::new(crate::encode::percent_encode(&once));
        for text in [
            Some(&mut self.message),
            self.recommend.as_mut(),
            self.host_id.as_mut(),
            self.request_id.as_mut(),
            self.api_message.as_mut(),
        ]
        .into_iter()
        .flatten()
        {
            for n in [needle, once.as_str(), twice.as_str()] {
                *text = replace_all(text, n, "***");
            }
        }
    }

    /// The error as JSON, for the binding layer to build the JavaScript `EcsError` from:
    /// `{"message","kind","code","retryable","attempts"}` plus `field`, `httpStatus`,
    /// `requestId`, `hostId`, `recommend`, `apiMessage` when present.
    pub fn to_json(&self) -> String {
        use crate::json::write_string;
        let mut out = String::with_capacity(self.message.len() + 128);
        out.push_str("{\"message\":");
        write_string(&mut out, &self.message);
        out.push_str(",\"kind\":\"");
        out.push_str(self.kind.as_str());
        out.push_str("\",\"code\":");
        write_string(&mut out, &self.code);
        let texts = [
            ("field", &self.field),
            ("requestId", &self.request_id),
            ("hostId", &self.host_id),
            ("recommend", &self.recommend),
            ("apiMessage", &self.api_message),
        ];
        for (name, value) in texts {
            if let Some(v) = value {
                out.push_str(",\"");
                out.push_str(name);
                out.push_str("\":");
                write_string(&mut out, v);
            }
        }
        if let Some(status) = self.http_status {
            out.push_str(",\"httpStatus\":");
            crate::text::push_u64(&mut out, u64::from(status));
        }
        out.push_str(",\"retryable\":");
        out.push_str(if self.retryable { "true" } else { "false" });
        out.push_str(",\"attempts\":");
        crate::text::push_u64(&mut out, u64::from(self.attempts));
        out.push('}');
        out
    }

    /// Whether this is the API error `code`.
    pub fn is_api_code(&self, code: &str) -> bool {
        self.kind == ErrorKind::Api && self.code == code
    }
}

/// `text` with every `needle` replaced by `with` (a plain scan: `str::replace` brings a
/// two-way searcher that costs more wasm than this whole function).
fn replace_all(text: &str, needle: &str, with: &str) -> String {
    let (t, n) = (text.as_bytes(), needle.as_bytes());
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    let mut i = 0;
    while i + n.len() <= t.len() {
        if t.get(i..i + n.len()) == Some(n) {
            out.push_str(text.get(start..i).unwrap_or(""));
            out.push_str(with);
            i += n.len();
            start = i;
        } else {
            i += 1;
        }
    }
    out.push_str(text.get(start..).unwrap_or(""));
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_raw_and_encoded_forms() {
        let mut e = Error::network(String::from(
            "GET /?SecurityToken=a%2Bbcd%3D and a+bcd= and a%252Bbcd%253D",
        ));
        e.redact("a+bcd=");
        assert_eq!(e.message, "GET /?SecurityToken=*** and *** and ***");
        e.redact("bad");
        let mut short = Error::network(String::from("bad port"));
        short.redact("b");
        assert_eq!(short.message, "bad port");
    }

    #[test]
    fn json_form() {
        let mut e = Error::validation("tags[0].key", String::from("tags[0].key must be \"x\""));
        e.attempts = 2;
        assert_eq!(
            e.to_json(),
            r#"{"message":"tags[0].key must be \"x\"","kind":"validation","code":"ValidationError","field":"tags[0].key","retryable":false,"attempts":2}"#
        );
        let mut e = Error::network(String::from("down"));
        e.http_status = Some(503);
        e.request_id = Some(String::from("R"));
        // Set by the client from the policy's decision when the call gives up.
        e.retryable = true;
        assert!(e
            .to_json()
            .contains(r#""requestId":"R","httpStatus":503,"retryable":true"#));
    }

    #[test]
    fn kinds_have_api_md_names() {
        let names: Vec<_> = [
            ErrorKind::Api,
            ErrorKind::Validation,
            ErrorKind::Network,
            ErrorKind::Timeout,
            ErrorKind::Aborted,
            ErrorKind::Decode,
        ]
        .iter()
        .map(|k| k.as_str())
        .collect();
        assert_eq!(
            names,
            [
                "api",
                "validation",
                "network",
                "timeout",
                "aborted",
                "decode"
            ]
        );
    }
}
