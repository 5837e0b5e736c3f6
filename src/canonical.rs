//! The two strings signature v1 is computed over: the canonical query and the string to sign.
//!
//! Each is a type with `Display`, so every stage can be asserted on its own against vectors.

use core::cmp::Ordering;
use core::fmt;

use crate::encode::{percent_encode, percent_encode_into};

/// The HTTP method a request is signed for. It is part of the string to sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Parameters in the query string.
    #[default]
    Get,
    /// Parameters in an `application/x-www-form-urlencoded` body.
    Post,
}

impl Method {
    /// `"GET"` or `"POST"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// Orders names by UTF-16 code units, as Alibaba Cloud's servers (Java `TreeMap`) and SDKs (JS
/// `Array.prototype.sort`) do. It differs from byte order only between a character in
/// U+E000..U+FFFF and one above U+FFFF.
pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Parameters sorted by name, each name and value percent-encoded, joined with `=` and `&`.
///
/// The same string is the query of the signed request (followed by `&Signature=...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalQuery(String);

/// It holds the `SecurityToken` of STS credentials: overwritten when dropped.
impl Drop for CanonicalQuery {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl CanonicalQuery {
    /// Canonicalizes `params` (which must not contain `Signature`).
    pub fn new<'a, I>(params: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut pairs: Vec<(&str, &str)> = params.into_iter().collect();
        // Insertion sort: requests have a handful of parameters (a few hundred at the very
        // most), and it is a fraction of the size of the standard library's merge sort.
        for i in 1..pairs.len() {
            let mut j = i;
            while j > 0 {
                let (Some(a), Some(b)) = (pairs.get(j - 1), pairs.get(j)) else {
                    break;
                };
                if utf16_cmp(a.0, b.0).then_with(|| utf16_cmp(a.1, b.1)) != Ordering::Greater {
                    break;
                }
                pairs.swap(j - 1, j);
                j -= 1;
            }
        }
        let capacity = pairs.iter().map(|(k, v)| k.len() + v.len() * 3 + 2).sum();
        let mut out = String::with_capacity(capacity);
        for (i, (name, value)) in pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            percent_encode_into(&mut out, name);
            out.push('=');
            percent_encode_into(&mut out, value);
        }
        CanonicalQuery(out)
    }

    /// The canonical query as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Takes the string out (the caller then owns the token it may hold).
    pub fn into_string(mut self) -> String {
        core::mem::take(&mut self.0)
    }
}

impl fmt::Display for CanonicalQuery {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `METHOD&%2F&` followed by the percent-encoded canonical query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringToSign(String);

impl StringToSign {
    /// The string to sign for `canonical` sent with `method`.
    pub fn new(method: Method, canonical: &CanonicalQuery) -> Self {
        let encoded = percent_encode(canonical.as_str());
        let mut out = String::with_capacity(encoded.len() + 8);
        out.push_str(method.as_str());
        out.push_str("&%2F&");
        out.push_str(&encoded);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_and_encodes() {
        let q = CanonicalQuery::new([("b", "x y"), ("a", "*"), ("A", "~")]);
        assert_eq!(q.to_string(), "A=~&a=%2A&b=x%20y");
        let s = StringToSign::new(Method::Post, &q);
        assert_eq!(s.to_string(), "POST&%2F&A%3D~%26a%3D%252A%26b%3Dx%2520y");
    }

    #[test]
    fn empty_params() {
        let q = CanonicalQuery::new([]);
        assert_eq!(q.as_str(), "");
        assert_eq!(StringToSign::new(Method::Get, &q).as_str(), "GET&%2F&");
    }

    #[test]
    fn utf16_order_differs_from_byte_order_above_bmp() {
        // U+FF01 (fullwidth !) vs U+1F600: bytes say FF01 < 1F600, UTF-16 says D83D < FF01.
        assert_eq!(utf16_cmp("\u{FF01}", "\u{1F600}"), Ordering::Greater);
        assert_eq!("\u{FF01}".cmp("\u{1F600}"), Ordering::Less);
    }
}
