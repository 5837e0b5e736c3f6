//! Percent-encoding for signature v1.
//!
//! UTF-8 bytes; the unreserved characters `A-Z a-z 0-9 - _ . ~` are kept and every other byte
//! becomes `%XY` with uppercase hex. So a space is `%20` (never `+`), `*` is `%2A`, `+` is `%2B`
//! and `~` stays `~`: exactly what Alibaba Cloud's servers compute, and what
//! `encodeURIComponent` followed by escaping `!'()*` gives in JavaScript.

/// Bit `b % 64` of word `b / 64` is whether ASCII byte `b` is kept: a shift and a mask per
/// byte, where the comparisons cost several branches (this test runs on every byte signed).
const UNRESERVED: [u64; 2] = {
    let mut set = [0u64; 2];
    let mut b = 0u8;
    while b < 128 {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            if b < 64 {
                set[0] |= 1 << b;
            } else {
                set[1] |= 1 << (b - 64);
            }
        }
        b += 1;
    }
    set
};

/// Whether `b` is kept as it is: `A-Z a-z 0-9 - _ . ~`.
#[inline(always)]
pub(crate) fn unreserved(b: u8) -> bool {
    let [low, high] = UNRESERVED;
    let word = match b {
        0..=63 => low,
        64..=127 => high,
        _ => 0,
    };
    (word >> (b & 63)) & 1 != 0
}

/// Uppercase hex digit of the low four bits of `n`.
#[inline(always)]
pub(crate) fn hex_upper(n: u8) -> u8 {
    let n = n & 15;
    if n < 10 {
        b'0' + n
    } else {
        b'A' - 10 + n
    }
}

/// How a query is written: between two pairs, between a name and its value, and before the
/// two hex digits of an escaped byte.
pub(crate) struct QueryStyle {
    sep: &'static [u8],
    eq: &'static [u8],
    escape: &'static [u8],
}

/// `a=b&c=d`, each name and value encoded once: the canonical query and the URL's query.
pub(crate) const QUERY: QueryStyle = QueryStyle {
    sep: b"&",
    eq: b"=",
    escape: b"%",
};

/// The canonical query encoded once more, as it stands in the signature-v1 string to sign:
/// `&` and `=` become `%26` and `%3D`, and an escaped byte `%XY` becomes `%25XY`.
pub(crate) const QUERY_IN_STRING_TO_SIGN: QueryStyle = QueryStyle {
    sep: b"%26",
    eq: b"%3D",
    escape: b"%25",
};

/// Appends the signature-v1 encoding of `value` to `out`, each escaped byte as `escape` and
/// two uppercase hex digits (ASCII only goes in).
///
/// Runs of unreserved characters are copied whole; every other byte is escaped. This is the
/// loop signing spends its time in (every parameter is encoded once for the query and again
/// for the string to sign), so it works on bytes: the crate is built for size, and
/// `String::push` of a `char` is a call per character there.
#[inline]
pub(crate) fn percent_encode_bytes(out: &mut Vec<u8>, value: &[u8], escape: &[u8]) {
    let mut start = 0;
    for (i, &b) in value.iter().enumerate() {
        if !unreserved(b) {
            out.extend_from_slice(value.get(start..i).unwrap_or(&[]));
            out.extend_from_slice(escape);
            out.extend_from_slice(&[hex_upper(b >> 4), hex_upper(b)]);
            start = i + 1;
        }
    }
    out.extend_from_slice(value.get(start..).unwrap_or(&[]));
}

/// The most bytes [`append_query`] writes for `pairs` in `style` (every byte escaped), so that
/// a buffer of this capacity never moves: a reallocation would leave a copy of the query (it
/// may hold the STS token) behind.
pub(crate) fn query_capacity(pairs: &[(&str, &str)], style: &QueryStyle) -> usize {
    let per_byte = style.escape.len() + 2;
    pairs
        .iter()
        .map(|(k, v)| (k.len() + v.len()) * per_byte + style.sep.len() + style.eq.len())
        .sum()
}

/// Appends `pairs`, in their order, to `out` in `style`.
pub(crate) fn append_query(out: &mut Vec<u8>, pairs: &[(&str, &str)], style: &QueryStyle) {
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(style.sep);
        }
        percent_encode_bytes(out, name.as_bytes(), style.escape);
        out.extend_from_slice(style.eq);
        percent_encode_bytes(out, value.as_bytes(), style.escape);
    }
}

/// How many bytes of `value` are escaped.
#[inline]
pub(crate) fn escaped(value: &[u8]) -> usize {
    value.iter().filter(|&&b| !unreserved(b)).count()
}

/// ASCII bytes (what the encoders write) as a string: never fails for their output (the
/// fallback, an empty string, only guards against a bug).
pub(crate) fn ascii_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// Appends the signature-v1 encoding of `value` to `out`.
pub fn percent_encode_into(out: &mut String, value: &str) {
    let mut start = 0;
    for (i, &b) in value.as_bytes().iter().enumerate() {
        if !unreserved(b) {
            // `start..i` is a run of ASCII bytes, so both ends are char boundaries.
            out.push_str(value.get(start..i).unwrap_or(""));
            let escape = [b'%', hex_upper(b >> 4), hex_upper(b)];
            out.push_str(core::str::from_utf8(&escape).unwrap_or(""));
            start = i + 1;
        }
    }
    out.push_str(value.get(start..).unwrap_or(""));
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
    fn every_byte_as_the_rfc_says() {
        for c in 0u32..0x250 {
            let Some(ch) = char::from_u32(c) else {
                continue;
            };
            let s = ch.to_string();
            let want: String =
                if s.len() == 1 && (ch.is_ascii_alphanumeric() || "-_.~".contains(ch)) {
                    s.clone()
                } else {
                    s.bytes().map(|b| format!("%{b:02X}")).collect()
                };
            assert_eq!(percent_encode(&s), want, "{c:#x}");
        }
        assert_eq!(percent_encode("a b+c"), "a%20b%2Bc");
    }

    #[test]
    fn encodes_utf8_bytes_uppercase() {
        assert_eq!(percent_encode("é"), "%C3%A9");
        assert_eq!(percent_encode("网"), "%E7%BD%91");
        assert_eq!(percent_encode("😀"), "%F0%9F%98%80");
        assert_eq!(percent_encode("\u{0}"), "%00");
    }
}
