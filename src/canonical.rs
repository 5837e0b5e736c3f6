//! The two strings signature v1 is computed over: the canonical query and the string to sign.
//!
//! Each is a type with `Display`, so every stage can be asserted on its own against vectors.

use core::cmp::Ordering;
use core::fmt;

use crate::encode::{append_query, ascii_string, percent_encode, query_capacity, QUERY};

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
///
/// UTF-8 byte order is code point order, so only the first differing byte matters: both
/// strings agree before it, so it starts a character in both or lies inside characters with
/// the same lead byte (same length, same order either way). Lead bytes `EE`/`EF` (U+E000..
/// U+FFFF, one UTF-16 unit) and `F0..F4` (above U+FFFF, a surrogate pair `D800..DBFF` first)
/// are the one pair whose order UTF-16 reverses.
pub fn utf16_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).find(|(x, y)| x != y) {
        None => a.len().cmp(&b.len()),
        Some((&x, &y)) => match (x, y) {
            (0xEE..=0xEF, 0xF0..) => Ordering::Greater,
            (0xF0.., 0xEE..=0xEF) => Ordering::Less,
            _ => x.cmp(&y),
        },
    }
}

/// Sorts parameters by name, then value, in UTF-16 order (see [`utf16_cmp`]).
///
/// Insertion sort: requests have a handful of parameters (a few hundred at the very most), and
/// it is a fraction of the size of the standard library's merge sort.
pub(crate) fn sort_params(pairs: &mut [(&str, &str)]) {
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
        sort_params(&mut pairs);
        let mut out = Vec::with_capacity(query_capacity(&pairs, &QUERY));
        append_query(&mut out, &pairs, &QUERY);
        let out = ascii_string(out);
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
    fn utf16_cmp_is_utf16_order_on_every_kind_of_character() {
        let chars = [
            "",
            "a",
            "A",
            "~",
            "\u{7f}",
            "\u{80}",
            "é",
            "\u{7ff}",
            "\u{800}",
            "网",
            "\u{d7ff}",
            "\u{e000}",
            "\u{ff01}",
            "\u{ffff}",
            "\u{10000}",
            "😀",
            "\u{10ffff}",
        ];
        let mut strings: Vec<String> = Vec::new();
        for a in chars {
            for b in chars {
                strings.push(format!("{a}{b}"));
                strings.push(format!("k{a}x{b}"));
            }
        }
        for a in &strings {
            for b in &strings {
                assert_eq!(
                    utf16_cmp(a, b),
                    a.encode_utf16().cmp(b.encode_utf16()),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    #[test]
    fn utf16_order_differs_from_byte_order_above_bmp() {
        // U+FF01 (fullwidth !) vs U+1F600: bytes say FF01 < 1F600, UTF-16 says D83D < FF01.
        assert_eq!(utf16_cmp("\u{FF01}", "\u{1F600}"), Ordering::Greater);
        assert_eq!("\u{FF01}".cmp("\u{1F600}"), Ordering::Less);
    }
}
