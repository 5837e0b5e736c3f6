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
    fn quoting() {
        assert_eq!(quoted("a\"b"), "\"a\\\"b\"");
        assert_eq!(quoted("x\ny"), "\"x�y\"");
        assert_eq!(quoted(&"z".repeat(100)).chars().count(), 64 + 3);
    }
}
