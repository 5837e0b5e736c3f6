//! Building messages without `core::fmt`.
//!
//! `format!` pulls the whole formatting machinery (and float printing) into the wasm module;
//! messages here are concatenations of strings and integers, so a tiny builder does the job in a
//! fraction of the bytes. Use [`msg!`](crate::msg): `msg!(field, " must be between ", 1, " and ",
//! 100, ", got ", value)`.

/// Something that can be appended to a message.
pub trait Piece {
    /// Appends `self` to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

/// Appends the decimal digits of `v`.
pub fn push_u64(out: &mut String, mut v: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    for &d in digits.get(i..).unwrap_or(&[]) {
        out.push(char::from(d));
    }
}

/// Appends the decimal digits of `v`, with a sign when negative.
pub fn push_i64(out: &mut String, v: i64) {
    if v < 0 {
        out.push('-');
    }
    push_u64(out, v.unsigned_abs());
}

/// The decimal digits of `v`.
pub fn u64_string(v: u64) -> String {
    let mut s = String::with_capacity(20);
    push_u64(&mut s, v);
    s
}

/// The decimal digits of `v`.
pub fn i64_string(v: i64) -> String {
    let mut s = String::with_capacity(20);
    push_i64(&mut s, v);
    s
}

macro_rules! int_pieces {
    ($($t:ty => $f:ident as $as:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                $f(out, *self as $as);
            }
        }
    )*};
}
int_pieces!(u16 => push_u64 as u64, u32 => push_u64 as u64, u64 => push_u64 as u64, usize => push_u64 as u64, i32 => push_i64 as i64, i64 => push_i64 as i64);

/// A JavaScript number as JavaScript would print it, for the values messages quote: NaN,
/// infinities, integers, and decimals with up to 6 fraction digits.
pub fn push_js_number(out: &mut String, v: f64) {
    if v.is_nan() {
        out.push_str("NaN");
    } else if v.is_infinite() {
        out.push_str(if v > 0.0 { "Infinity" } else { "-Infinity" });
    } else if v.abs() >= 1e15 {
        out.push_str(if v > 0.0 {
            "a number above 10^15"
        } else {
            "a number below -10^15"
        });
    } else {
        if v < 0.0 {
            out.push('-');
        }
        let a = v.abs();
        let whole = a.trunc();
        let mut frac = ((a - whole) * 1e6).round() as u64;
        let mut whole = whole as u64;
        if frac >= 1_000_000 {
            whole += 1;
            frac -= 1_000_000;
        }
        push_u64(out, whole);
        if frac > 0 {
            let mut digits = String::with_capacity(6);
            push_u64(&mut digits, frac + 1_000_000);
            out.push('.');
            out.push_str(digits.get(1..).unwrap_or("").trim_end_matches('0'));
        }
    }
}

/// At most 64 characters of `s`, quoted, for messages that echo input.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(256) + 2);
    out.push('"');
    for (i, c) in s.chars().enumerate() {
        if i == 64 {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push('�'),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Concatenates strings and integers into a `String` without `core::fmt`.
#[macro_export]
#[doc(hidden)]
macro_rules! msg {
    ($($piece:expr),+ $(,)?) => {{
        let mut out = ::std::string::String::new();
        $( $crate::text::Piece::push_to(&$piece, &mut out); )+
        out
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        for v in [0u64, 7, 10, 99, 100, 1234567890, u64::MAX] {
            assert_eq!(u64_string(v), v.to_string());
        }
        for v in [0i64, -1, -10, i64::MIN, i64::MAX, 42] {
            assert_eq!(i64_string(v), v.to_string());
        }
        assert_eq!(
            crate::msg!("a", 1u32, "b", -2i64, 'c', String::from("d")),
            "a1b-2cd"
        );
    }

    #[test]
    fn js_numbers() {
        let s = |v: f64| {
            let mut o = String::new();
            push_js_number(&mut o, v);
            o
        };
        assert_eq!(s(1.5), "1.5");
        assert_eq!(s(-0.25), "-0.25");
        assert_eq!(s(10.0), "10");
        assert_eq!(s(2.000_000_4), "2");
        assert_eq!(s(0.999_999_9), "1");
        assert_eq!(s(f64::NAN), "NaN");
        assert_eq!(s(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(s(1e300), "a number above 10^15");
    }

    #[test]
    fn quoting() {
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        assert_eq!(quoted("x\ny"), "\"x�y\"");
        assert_eq!(quoted(&"z".repeat(100)).chars().count(), 64 + 3);
    }
}
