//! Signature V3, `ACS3-HMAC-SHA256`: the scheme Alibaba Cloud's SDKs use by default.
//!
//! Three stages, each a type with `Display` so that every intermediate string can be asserted
//! on its own (the same shape as the signature-v1 types in [`crate::canonical`]):
//!
//! 1. [`CanonicalRequest`]: `METHOD\n` + canonical URI + `\n` + canonical query + `\n` +
//!    canonical headers + `\n` + signed header names joined by `;` + `\n` + hex SHA-256 of the
//!    body;
//! 2. [`StringToSign`]: `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request;
//! 3. [`Signature`]: hex HMAC-SHA256 of the string to sign, keyed with the AccessKeySecret.
//!
//! [`authorization`] then builds the `Authorization` header value. Nothing here reads a clock
//! or sends anything; [`crate::rpc`] builds whole requests (headers, time, nonce) on top of it.
//!
//! Every rule follows the official SDK's own code (`@alicloud/openapi-core`
//! `Utils.getAuthorization`): query keys are sorted by UTF-16 code units and used as they are,
//! values are RFC 3986 percent-encoded (space `%20`, `*` `%2A`, `~` kept, an empty value gives
//! `key=`); the signed headers are `host`, `content-type` and every `x-acs-*` one, names
//! lowercased, values trimmed (JavaScript's `String.prototype.trim`), several values of one name
//! sorted and joined with `,`.

use core::cmp::Ordering;
use core::fmt;
use std::borrow::Cow;

use crate::sign::hash::{self, Hash};

use crate::canonical::utf16_cmp;
use crate::encode::percent_encode_into;

/// The algorithm's name: first line of the string to sign, first word of `Authorization`.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Hex SHA-256 of the empty string: `x-acs-content-sha256` of a request without a body.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Lowercase hex of `bytes` (a digest: 32 bytes at most are written).
fn push_hex(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hex = |n: u8| HEX.get(usize::from(n & 15)).copied().unwrap_or(b'0');
    // Through a buffer: one `push_str` rather than a `push` call per digit.
    let mut buf = [0u8; 64];
    for (pair, &b) in buf.chunks_exact_mut(2).zip(bytes) {
        if let [hi, lo] = pair {
            *hi = hex(b >> 4);
            *lo = hex(b);
        }
    }
    let len = bytes.len().min(32) * 2;
    out.push_str(core::str::from_utf8(buf.get(..len).unwrap_or(&[])).unwrap_or(""));
}

/// Lowercase hex SHA-256 of `bytes` (`x-acs-content-sha256` of a body).
pub fn hex_sha256(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(64);
    push_hex(&mut out, &hash::digest::<32>(Hash::Sha256, bytes));
    out
}

/// Whether `c` is removed by JavaScript's `String.prototype.trim` (ECMAScript WhiteSpace and
/// LineTerminator), which the official SDK applies to header values. It differs from Rust's
/// `char::is_whitespace` on U+FEFF (trimmed here) and U+0085 (kept here).
fn js_trimmed(c: char) -> bool {
    matches!(
        c,
        '\u{9}'..='\u{d}'
            | ' '
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
            | '\u{feff}'
    )
}

/// `value` trimmed as JavaScript's `String.prototype.trim` does.
pub fn trim_header_value(value: &str) -> &str {
    value.trim_matches(js_trimmed)
}

/// Whether a header of this name (any case) is signed: `host`, `content-type`, `x-acs-*`.
pub fn is_signed_header(name: &str) -> bool {
    let lower = |s: &str| {
        name.len() >= s.len()
            && name
                .as_bytes()
                .iter()
                .zip(s.as_bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == *b)
    };
    (lower("host") && name.len() == 4)
        || (lower("content-type") && name.len() == 12)
        || lower("x-acs-")
}

/// Sorts `items` with `cmp` (insertion sort: a request has a handful of parameters and
/// headers, and this costs a fraction of the standard library's merge sort in wasm size).
fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 {
            let (Some(a), Some(b)) = (items.get(j - 1), items.get(j)) else {
                break;
            };
            if cmp(a, b) != Ordering::Greater {
                break;
            }
            items.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The canonical query: keys sorted by UTF-16 code units and kept as they are, values
/// percent-encoded, `key=value` joined with `&`.
pub fn canonical_query<'a, I>(query: I) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut pairs: Vec<(&str, &str)> = query.into_iter().collect();
    sort_by(&mut pairs, |a, b| {
        utf16_cmp(a.0, b.0).then_with(|| utf16_cmp(a.1, b.1))
    });
    let mut out = String::with_capacity(pairs.iter().map(|(k, v)| k.len() + v.len() * 3 + 2).sum());
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        percent_encode_into(&mut out, value);
    }
    out
}

/// The canonical headers (`name:value\n` each) and the signed header names (joined by `;`).
///
/// Only `host`, `content-type` and `x-acs-*` headers are kept. Names are HTTP tokens (ASCII),
/// so ASCII lowercasing is the whole of JavaScript's `toLowerCase` on them.
pub fn canonical_headers<'a, I>(headers: I) -> (String, String)
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut kept: Vec<(Cow<'_, str>, &str)> = headers
        .into_iter()
        .filter(|(name, _)| is_signed_header(name))
        .map(|(name, value)| {
            let name = if name.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(name.to_ascii_lowercase())
            } else {
                Cow::Borrowed(name)
            };
            (name, trim_header_value(value))
        })
        .collect();
    // Sorting by (name, value) groups the values of a name in sorted order.
    sort_by(&mut kept, |a, b| {
        utf16_cmp(&a.0, &b.0).then_with(|| utf16_cmp(a.1, b.1))
    });
    // `lines` may hold the STS token: allocated once at its final size (no grown-and-freed copy).
    let mut lines = String::with_capacity(kept.iter().map(|(n, v)| n.len() + v.len() + 2).sum());
    let mut names = String::new();
    let mut previous: Option<&str> = None;
    for (name, value) in &kept {
        if previous == Some(name.as_ref()) {
            lines.pop(); // the '\n' of this name's line
            lines.push(',');
        } else {
            if previous.is_some() {
                names.push(';');
            }
            names.push_str(name);
            lines.push_str(name);
            lines.push(':');
        }
        lines.push_str(value);
        lines.push('\n');
        previous = Some(name);
    }
    (lines, names)
}

/// The canonical URI of `pathname`, as the official SDK computes it (`/` for RPC calls).
fn canonical_uri(pathname: &str) -> Cow<'_, str> {
    if pathname == "/" {
        return Cow::Borrowed(pathname);
    }
    let mut out = String::with_capacity(pathname.len());
    let mut rest = pathname;
    while let Some(c) = rest.chars().next() {
        if rest.starts_with("%7E") {
            out.push('~');
            rest = rest.get(3..).unwrap_or("");
            continue;
        }
        match c {
            '+' => out.push_str("%20"),
            '*' => out.push_str("%2A"),
            c => out.push(c),
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    Cow::Owned(out)
}

/// Stage 1: the canonical request.
///
/// `Display` gives the whole text (an STS token is in it, as `x-acs-security-token`); `Debug`
/// shows only the signed header names and the length.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    text: String,
    signed_headers: String,
    /// Whether `text` holds the STS token (`x-acs-security-token` is signed).
    holds_token: bool,
}

/// The text may hold the STS token (`x-acs-security-token`): then it is overwritten when
/// dropped (nothing else in it is secret).
impl Drop for CanonicalRequest {
    fn drop(&mut self) {
        if self.holds_token {
            zeroize::Zeroize::zeroize(&mut self.text);
        }
    }
}

impl fmt::Debug for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalRequest")
            .field("signed_headers", &self.signed_headers)
            .field("len", &self.text.len())
            .finish_non_exhaustive()
    }
}

impl CanonicalRequest {
    /// The canonical request of a request sent with `method` to `pathname` (`/` for RPC), with
    /// `query` (decoded names and values), `headers` (any case; only the signed ones are used)
    /// and a body whose hex SHA-256 is `hashed_payload`.
    pub fn new<'q, 'h, Q, H>(
        method: &str,
        pathname: &str,
        query: Q,
        headers: H,
        hashed_payload: &str,
    ) -> Self
    where
        Q: IntoIterator<Item = (&'q str, &'q str)>,
        H: IntoIterator<Item = (&'h str, &'h str)>,
    {
        let query = canonical_query(query);
        let (mut header_lines, signed_headers) = canonical_headers(headers);
        let holds_token = signed_headers
            .split(';')
            .any(|name| name == "x-acs-security-token");
        let uri = canonical_uri(pathname);
        let mut text = String::with_capacity(
            method.len()
                + uri.len()
                + query.len()
                + header_lines.len()
                + signed_headers.len()
                + hashed_payload.len()
                + 5,
        );
        for (i, part) in [
            method,
            &uri,
            &query,
            &header_lines,
            &signed_headers,
            hashed_payload,
        ]
        .iter()
        .enumerate()
        {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(part);
        }
        if holds_token {
            zeroize::Zeroize::zeroize(&mut header_lines);
        }
        CanonicalRequest {
            text,
            signed_headers,
            holds_token,
        }
    }

    /// The signed header names, sorted and joined by `;` (the `SignedHeaders` of
    /// `Authorization`).
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// The canonical request as a string.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Stage 2: `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign(String);

impl StringToSign {
    /// The string to sign of `canonical`.
    pub fn new(canonical: &CanonicalRequest) -> Self {
        let mut out = String::with_capacity(ALGORITHM.len() + 65);
        out.push_str(ALGORITHM);
        out.push('\n');
        push_hex(
            &mut out,
            &hash::digest::<32>(Hash::Sha256, canonical.as_str().as_bytes()),
        );
        StringToSign(out)
    }

    /// The string to sign as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for StringToSign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Stage 3: the signature, lowercase hex of HMAC-SHA256(AccessKeySecret, string to sign).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature(String);

impl Signature {
    /// Signs `string_to_sign` with `access_key_secret`.
    pub fn new(access_key_secret: &str, string_to_sign: &StringToSign) -> Self {
        let mut out = String::with_capacity(64);
        let mut mac = crate::sign::Hmac::new(Hash::Sha256, access_key_secret.as_bytes());
        mac.update(string_to_sign.as_str().as_bytes());
        let mut digest = [0; 32];
        mac.finish(&mut digest);
        push_hex(&mut out, &digest);
        Signature(out)
    }

    /// The signature as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The `Authorization` header value:
/// `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<names>,Signature=<hex>`.
pub fn authorization(
    access_key_id: &str,
    canonical: &CanonicalRequest,
    signature: &Signature,
) -> String {
    let mut out = String::with_capacity(
        ALGORITHM.len() + access_key_id.len() + canonical.signed_headers().len() + 110,
    );
    out.push_str(ALGORITHM);
    out.push_str(" Credential=");
    out.push_str(access_key_id);
    out.push_str(",SignedHeaders=");
    out.push_str(canonical.signed_headers());
    out.push_str(",Signature=");
    out.push_str(signature.as_str());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_payload_hash_is_sha256_of_nothing() {
        assert_eq!(hex_sha256(b""), EMPTY_PAYLOAD_SHA256);
    }

    #[test]
    fn query_keys_raw_values_encoded_empty_kept() {
        let q = canonical_query([("b", "x y*~"), ("a", ""), ("A", "/+=")]);
        assert_eq!(q, "A=%2F%2B%3D&a=&b=x%20y%2A~");
        assert_eq!(canonical_query([("k y", "v")]), "k y=v");
    }

    #[test]
    fn headers_filtered_lowercased_trimmed_grouped() {
        let (lines, names) = canonical_headers([
            ("X-Acs-B", " 2 "),
            ("user-agent", "ignored"),
            ("x-acs-b", "1"),
            ("Host", "h"),
            ("Content-Type", "\u{feff}ct\u{3000}"),
            ("x-acsfoo", "ignored"),
            ("hostname", "ignored"),
        ]);
        assert_eq!(lines, "content-type:ct\nhost:h\nx-acs-b:1,2\n");
        assert_eq!(names, "content-type;host;x-acs-b");
        assert_eq!(canonical_headers([]), (String::new(), String::new()));
    }

    #[test]
    fn debug_hides_header_values() {
        let c = CanonicalRequest::new(
            "POST",
            "/",
            [],
            [("x-acs-security-token", "token-secret-value")],
            EMPTY_PAYLOAD_SHA256,
        );
        let debug = format!("{c:?}");
        assert!(!debug.contains("token-secret-value"), "{debug}");
        assert!(debug.contains("x-acs-security-token"));
        assert!(c.to_string().contains("token-secret-value"));
    }

    #[test]
    fn trim_is_javascripts() {
        assert_eq!(trim_header_value("\u{85}a\u{85}"), "\u{85}a\u{85}");
        assert_eq!(trim_header_value("\u{feff}\t a \n\u{2028}"), "a");
    }

    #[test]
    fn uri_as_the_sdk_rewrites_it() {
        assert_eq!(canonical_uri("/"), "/");
        assert_eq!(canonical_uri("/a+b*c%7Ed%7e"), "/a%20b%2Ac~d%7e");
        assert_eq!(canonical_uri("/é"), "/é");
    }

    #[test]
    fn stages_fit_together() {
        let c = CanonicalRequest::new("POST", "/", [], [("host", "h")], EMPTY_PAYLOAD_SHA256);
        assert_eq!(
            c.to_string(),
            format!("POST\n/\n\nhost:h\n\nhost\n{EMPTY_PAYLOAD_SHA256}")
        );
        let s = StringToSign::new(&c);
        assert!(s.as_str().starts_with("ACS3-HMAC-SHA256\n"));
        assert_eq!(s.as_str().len(), 17 + 64);
        let sig = Signature::new("secret", &s);
        assert_eq!(sig.as_str().len(), 64);
        assert!(sig.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            authorization("id", &c, &sig),
            format!("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host,Signature={sig}")
        );
    }
}
