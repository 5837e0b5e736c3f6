//! Percent-encoding for signature v1.
//!
//! UTF-8 bytes; the unreserved characters `A-Z a-z 0-9 - _ . ~` are kept and every other byte
//! becomes `%XY` with uppercase hex. So a space is `%20` (never `+`), `*` is `%2A`, `+` is `%2B`
//! and `~` stays `~`: exactly what Alibaba Cloud's servers compute, and what
//! `encodeURIComponent` followed by escaping `!'()*` gives in JavaScript.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but `A-Z a-z 0-9 - _ . ~` is encoded.
const SIGNATURE_V1: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Appends the signature-v1 encoding of `value` to `out`.
pub fn percent_encode_into(out: &mut String, value: &str) {
    out.extend(utf8_percent_encode(value, SIGNATURE_V1));
}

/// The signature-v1 encoding of `value`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + value.len() / 2);
    percent_encode_into(&mut out, value);
    out
}

#[cfg(test)]
mod tests {
    use super::percent_encode;

    #[test]
    fn keeps_unreserved() {
        let unreserved = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";
        assert_eq!(percent_encode(unreserved), unreserved);
    }

    #[test]
    fn encodes_reserved_and_special() {
        assert_eq!(percent_encode(" "), "%20");
        assert_eq!(percent_encode("*"), "%2A");
        assert_eq!(percent_encode("+"), "%2B");
        assert_eq!(percent_encode("!'()"), "%21%27%28%29");
        assert_eq!(percent_encode("/=&%:"), "%2F%3D%26%25%3A");
        assert_eq!(percent_encode(""), "");
    }

    #[test]
    fn encodes_utf8_bytes_uppercase() {
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("网"), "%E7%BD%91");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode("\u{0}"), "%00");
    }
}
