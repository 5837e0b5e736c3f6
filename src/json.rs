//! A small pull reader for the JSON the API answers with.
//!
//! It validates as it goes (UTF-8, string escapes, number grammar, nesting depth) and hands out
//! borrowed slices: a string value is its raw text between the quotes, which is already valid
//! JSON string content, so transcoding copies it without unescaping and re-escaping. It never
//! panics and never recurses deeper than [`MAX_DEPTH`], so hostile input cannot trap the wasm
//! instance.

/// Deepest nesting accepted (the API's answers nest 5 levels).
pub const MAX_DEPTH: u32 = 64;

/// Why reading failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonError {
    /// The text ended in the middle of a value (truncated, or empty).
    Eof,
    /// Not JSON at this byte offset.
    Syntax(usize),
    /// Valid JSON so far, but not the expected type: the name of what was expected.
    Type(&'static str),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
}

/// The type of the next value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `{`
    Object,
    /// `[`
    Array,
    /// `"`
    String,
    /// `-` or a digit
    Number,
    /// `true` or `false`
    Bool,
    /// `null`
    Null,
}

/// A string value: its raw text between the quotes (escapes intact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Str<'a> {
    raw: &'a str,
    escaped: bool,
    /// Has a `\\u` escape of a surrogate without its pair: the raw text is not valid Unicode
    /// once parsed, so it is written decoded (with U+FFFD) instead of copied.
    lone_surrogate: bool,
}

impl<'a> Str<'a> {
    /// Whether the raw text escapes a surrogate without its pair (see [`Str::decode`]).
    pub fn has_lone_surrogate(&self) -> bool {
        self.lone_surrogate
    }

    /// The raw JSON text between the quotes, valid inside a JSON string as it is.
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// Whether the decoded text is empty.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Whether the decoded text equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        if self.escaped {
            self.decode() == s
        } else {
            self.raw == s
        }
    }

    /// The decoded text, borrowed when there is no escape to decode.
    pub fn to_cow(&self) -> std::borrow::Cow<'a, str> {
        if self.escaped {
            std::borrow::Cow::Owned(self.decode())
        } else {
            std::borrow::Cow::Borrowed(self.raw)
        }
    }

    /// The decoded text. Lone surrogate escapes become U+FFFD.
    pub fn decode(&self) -> String {
        if !self.escaped {
            return self.raw.to_owned();
        }
        let mut out = String::with_capacity(self.raw.len());
        let mut chars = self.raw.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('u') => {
                    let hi = hex4(&mut chars);
                    let c = if (0xD800..0xDC00).contains(&hi) {
                        let mut ahead = chars.clone();
                        if ahead.next() == Some('\\') && ahead.next() == Some('u') {
                            let lo = hex4(&mut ahead);
                            if (0xDC00..0xE000).contains(&lo) {
                                chars = ahead;
                                char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                            } else {
                                None
                            }
                        } else {
                            None
                        }
                    } else {
                        char::from_u32(hi)
                    };
                    out.push(c.unwrap_or('\u{FFFD}'));
                }
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }
}

fn hex4(chars: &mut core::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

/// Reads values from a JSON text, front to back. A clone reads on from the same place (a probe
/// that can be dropped).
#[derive(Clone)]
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
    depth: u32,
}

impl<'a> Reader<'a> {
    /// A reader over `bytes`, which must be UTF-8.
    pub fn new(bytes: &'a [u8]) -> Result<Self, JsonError> {
        match core::str::from_utf8(bytes) {
            Ok(text) => Ok(Reader {
                text,
                pos: 0,
                depth: 0,
            }),
            Err(e) => Err(match e.error_len() {
                None => JsonError::Eof,
                Some(_) => JsonError::Syntax(e.valid_up_to()),
            }),
        }
    }

    /// A reader over text already known to be UTF-8.
    pub fn over_str(text: &'a str) -> Self {
        Reader {
            text,
            pos: 0,
            depth: 0,
        }
    }

    /// Whether only whitespace is left.
    pub fn is_empty(&self) -> bool {
        self.bytes()
            .get(self.pos..)
            .unwrap_or(&[])
            .iter()
            .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
    }

    /// The text not read yet.
    pub fn rest(&self) -> &'a str {
        self.text.get(self.pos..).unwrap_or("")
    }

    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn byte(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    #[inline(always)]
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.byte() {
            self.pos += 1;
        }
    }

    fn syntax(&self) -> JsonError {
        if self.pos >= self.text.len() {
            JsonError::Eof
        } else {
            JsonError::Syntax(self.pos)
        }
    }

    /// The type of the next value.
    #[inline(always)]
    pub fn peek(&mut self) -> Result<Kind, JsonError> {
        self.skip_ws();
        match self.byte() {
            Some(b'{') => Ok(Kind::Object),
            Some(b'[') => Ok(Kind::Array),
            Some(b'"') => Ok(Kind::String),
            Some(b'-' | b'0'..=b'9') => Ok(Kind::Number),
            Some(b't' | b'f') => Ok(Kind::Bool),
            Some(b'n') => Ok(Kind::Null),
            _ => Err(self.syntax()),
        }
    }

    /// Checks that only whitespace is left.
    pub fn finish(&mut self) -> Result<(), JsonError> {
        self.skip_ws();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            Err(JsonError::Syntax(self.pos))
        }
    }

    fn literal(&mut self, word: &str) -> Result<(), JsonError> {
        let end = self.pos + word.len();
        match self.text.get(self.pos..end) {
            Some(w) if w == word => {
                self.pos = end;
                Ok(())
            }
            _ if self.text.len() < end
                && word
                    .as_bytes()
                    .starts_with(self.bytes().get(self.pos..).unwrap_or(&[])) =>
            {
                Err(JsonError::Eof)
            }
            _ => Err(JsonError::Syntax(self.pos)),
        }
    }

    /// Consumes `null` if it comes next; returns whether it did.
    pub fn null(&mut self) -> Result<bool, JsonError> {
        if self.peek()? == Kind::Null {
            self.literal("null")?;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// A boolean.
    pub fn boolean(&mut self) -> Result<bool, JsonError> {
        match self.peek()? {
            Kind::Bool if self.byte() == Some(b't') => self.literal("true").map(|()| true),
            Kind::Bool => self.literal("false").map(|()| false),
            _ => Err(JsonError::Type("a boolean")),
        }
    }

    /// A string.
    // Inlined natively, where the transcoder runs hot; the package's wasm reads pages in
    // JavaScript, so there it stays one function (smaller).
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn string(&mut self) -> Result<Str<'a>, JsonError> {
        if self.peek()? != Kind::String {
            return Err(JsonError::Type("a string"));
        }
        let start = self.pos + 1;
        // Most strings have no escape: one run of plain bytes up to the closing quote.
        let end = plain_run(self.bytes(), start);
        if self.byte_at(end) == Some(b'"') {
            if let Some(raw) = self.text.get(start..end) {
                self.pos = end + 1;
                return Ok(Str {
                    raw,
                    escaped: false,
                    lone_surrogate: false,
                });
            }
        }
        self.escaped_string(start, end)
    }

    #[inline(always)]
    fn byte_at(&self, i: usize) -> Option<u8> {
        self.bytes().get(i).copied()
    }

    /// The rest of a string that starts at `start` (after its quote) and whose plain run ends
    /// at `i` with something other than the closing quote: an escape, a control character, or
    /// the end of the text.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn escaped_string(&mut self, start: usize, mut i: usize) -> Result<Str<'a>, JsonError> {
        let bytes = self.bytes();
        let mut escaped = false;
        let mut lone_surrogate = false;
        loop {
            match bytes.get(i) {
                None => return Err(JsonError::Eof),
                Some(b'"') => break,
                Some(b'\\') => {
                    escaped = true;
                    match bytes.get(i + 1) {
                        None => return Err(JsonError::Eof),
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                        Some(b'u') => {
                            let unit = hex_unit(bytes, i + 2)?;
                            if (0xD800..0xDC00).contains(&unit) {
                                // A high surrogate must be followed by an escaped low one.
                                let low = match (bytes.get(i + 6), bytes.get(i + 7)) {
                                    (Some(b'\\'), Some(b'u')) => Some(hex_unit(bytes, i + 8)?),
                                    _ => None,
                                };
                                match low {
                                    Some(low) if (0xDC00..0xE000).contains(&low) => i += 6,
                                    _ => lone_surrogate = true,
                                }
                            } else if (0xDC00..0xE000).contains(&unit) {
                                lone_surrogate = true;
                            }
                            i += 6;
                        }
                        Some(_) => return Err(JsonError::Syntax(i + 1)),
                    }
                }
                // A control character (plain_run stops only at these three kinds of byte).
                Some(_) => return Err(JsonError::Syntax(i)),
            }
            i = plain_run(bytes, i);
        }
        self.pos = i + 1;
        // `start..i` lies on char boundaries: both ends are ASCII bytes (`"`).
        let raw = self.text.get(start..i).ok_or(JsonError::Syntax(start))?;
        Ok(Str {
            raw,
            escaped,
            lone_surrogate,
        })
    }

    /// A number, as its raw text (validated against the JSON grammar).
    pub fn number(&mut self) -> Result<&'a str, JsonError> {
        if self.peek()? != Kind::Number {
            return Err(JsonError::Type("a number"));
        }
        let bytes = self.bytes();
        let start = self.pos;
        let mut i = start;
        let digits = |i: &mut usize| {
            let from = *i;
            while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i > from
        };
        // Where digits must follow and none do: cut off, or not a number.
        let no_digits = |i: usize| {
            if i >= bytes.len() {
                JsonError::Eof
            } else {
                JsonError::Syntax(i)
            }
        };
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'0') {
            i += 1;
        } else if !digits(&mut i) {
            return Err(no_digits(i));
        }
        if bytes.get(i) == Some(&b'.') {
            i += 1;
            if !digits(&mut i) {
                return Err(no_digits(i));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = bytes.get(i) {
                i += 1;
            }
            if !digits(&mut i) {
                return Err(no_digits(i));
            }
        }
        self.pos = i;
        self.text.get(start..i).ok_or(JsonError::Syntax(start))
    }

    /// A non-negative integer that fits in a `u64`, as its raw digits.
    pub fn unsigned(&mut self) -> Result<&'a str, JsonError> {
        let raw = self.number()?;
        if raw.bytes().all(|b| b.is_ascii_digit()) && parse_u64(raw).is_some() {
            Ok(raw)
        } else {
            Err(JsonError::Type("a non-negative integer"))
        }
    }

    /// An integer that fits in 64 bits (signed or unsigned), as its raw text.
    pub fn integer(&mut self) -> Result<&'a str, JsonError> {
        let raw = self.number()?;
        let digits = raw.strip_prefix('-').unwrap_or(raw);
        let fits = if raw.starts_with('-') {
            parse_u64(digits).is_some_and(|v| v <= 1 << 63)
        } else {
            parse_u64(digits).is_some()
        };
        if digits.bytes().all(|b| b.is_ascii_digit()) && fits {
            Ok(raw)
        } else {
            Err(JsonError::Type("an integer"))
        }
    }

    fn enter(&mut self, open: u8, what: &'static str) -> Result<(), JsonError> {
        self.skip_ws();
        match self.byte() {
            Some(b) if b == open => {}
            None => return Err(JsonError::Eof),
            Some(_) => {
                return match self.peek() {
                    Ok(_) => Err(JsonError::Type(what)),
                    Err(e) => Err(e),
                }
            }
        }
        if self.depth >= MAX_DEPTH {
            return Err(JsonError::TooDeep);
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    /// Starts reading an object; then call [`Seq::key`] until it returns `None`.
    pub fn object(&mut self) -> Result<Seq, JsonError> {
        self.enter(b'{', "an object")?;
        Ok(Seq { first: true })
    }

    /// Starts reading an array; then call [`Seq::element`] until it returns `false`.
    pub fn array(&mut self) -> Result<Seq, JsonError> {
        self.enter(b'[', "an array")?;
        Ok(Seq { first: true })
    }

    /// After an element or member, or at the start: consumes `,` and returns `true`, or consumes
    /// the closing `close` and returns `false`.
    #[inline(always)]
    fn more(&mut self, seq: &mut Seq, close: u8) -> Result<bool, JsonError> {
        self.skip_ws();
        if self.byte() == Some(close) {
            self.pos += 1;
            self.depth -= 1;
            return Ok(false);
        }
        if !seq.first {
            if self.byte() != Some(b',') {
                return Err(self.syntax());
            }
            self.pos += 1;
            self.skip_ws();
        }
        seq.first = false;
        Ok(true)
    }

    /// Reads and discards any value (iteratively: depth cannot overflow the stack).
    pub fn skip(&mut self) -> Result<(), JsonError> {
        // Each open container remembers whether it is an object (needs keys).
        let mut stack: Vec<(bool, Seq)> = Vec::new();
        loop {
            // Read one value start.
            match self.peek()? {
                Kind::Object => stack.push((true, self.object()?)),
                Kind::Array => stack.push((false, self.array()?)),
                Kind::String => drop(self.string()?),
                Kind::Number => drop(self.number()?),
                Kind::Bool => drop(self.boolean()?),
                Kind::Null => drop(self.null()?),
            }
            // Close finished containers, then position on the next value.
            loop {
                let Some((is_object, seq)) = stack.last_mut() else {
                    return Ok(());
                };
                let more = if *is_object {
                    seq.key(self)?.is_some()
                } else {
                    seq.element(self)?
                };
                if more {
                    break;
                }
                stack.pop();
            }
        }
    }
}

/// Iteration state of an object or array being read.
#[derive(Debug)]
pub struct Seq {
    first: bool,
}

impl Seq {
    /// The next member's key (the reader is then at its value, which must be read or skipped),
    /// or `None` at the end of the object.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn key<'a>(&mut self, r: &mut Reader<'a>) -> Result<Option<Str<'a>>, JsonError> {
        if !r.more(self, b'}')? {
            return Ok(None);
        }
        if r.byte() != Some(b'"') {
            return Err(r.syntax());
        }
        // A key is a string, most often plain: read here natively, not through a call (the
        // package's wasm reads no pages: there the smaller code wins).
        #[cfg(not(target_arch = "wasm32"))]
        let key = {
            let start = r.pos + 1;
            let end = plain_run(r.bytes(), start);
            match r.text.get(start..end) {
                Some(raw) if r.byte_at(end) == Some(b'"') => {
                    r.pos = end + 1;
                    Str {
                        raw,
                        escaped: false,
                        lone_surrogate: false,
                    }
                }
                _ => r.string()?,
            }
        };
        #[cfg(target_arch = "wasm32")]
        let key = r.string()?;
        r.skip_ws();
        if r.byte() != Some(b':') {
            return Err(r.syntax());
        }
        r.pos += 1;
        Ok(Some(key))
    }

    /// Whether another element follows (the reader is then at it), `false` at the end.
    pub fn element(&mut self, r: &mut Reader<'_>) -> Result<bool, JsonError> {
        r.more(self, b']')
    }
}

/// The index of the first byte at or after `i` that ends a run of plain string content: a
/// quote, a backslash or a control character (or the end). Eight bytes at a time: string
/// content is most of an API answer, and this is most of the reader's time.
#[inline(always)]
fn plain_run(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` is zero (or, with `less`, below n <= 128) where the result has its high bit.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    while let Some(&[a, b, c, d, e, f, g, h]) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes([a, b, c, d, e, f, g, h]);
        let stop = zero(v ^ (ONES * u64::from(b'"')))
            | zero(v ^ (ONES * u64::from(b'\\')))
            | (v.wrapping_sub(ONES * 0x20) & !v & HIGH);
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// The UTF-16 unit of the four hex digits at `at` (after `\\u`).
fn hex_unit(bytes: &[u8], at: usize) -> Result<u32, JsonError> {
    let mut unit = 0;
    for k in at..at + 4 {
        let digit = match bytes.get(k) {
            None => return Err(JsonError::Eof),
            Some(h) => char::from(*h).to_digit(16).ok_or(JsonError::Syntax(k))?,
        };
        unit = unit * 16 + digit;
    }
    Ok(unit)
}

/// Parses ASCII digits into a `u64`; `None` on overflow or a non-digit.
pub fn parse_u64(digits: &str) -> Option<u64> {
    if digits.is_empty() {
        return None;
    }
    digits.bytes().try_fold(0u64, |acc, b| {
        if b.is_ascii_digit() {
            acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        } else {
            None
        }
    })
}

/// Appends `s` as a JSON string (quoted and escaped).
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                let n = c as u8;
                for d in [n >> 4, n & 15] {
                    out.push(char::from(if d < 10 { b'0' + d } else { b'a' + d - 10 }));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(text: &str) -> Result<(), JsonError> {
        // `skip` walks any value, so it exercises the whole grammar.
        let mut r = Reader::new(text.as_bytes())?;
        r.skip()?;
        r.finish()
    }

    #[test]
    fn accepts_valid_json() {
        for t in [
            "{}",
            "[]",
            "0",
            "-0",
            "1.5e-3",
            "-12E+4",
            "\"\"",
            "true",
            "false",
            "null",
            r#"{"a":[1,{"b":null}],"c":"\u00e9\n\"\\\/"}"#,
            " \n\t[ 1 , 2 ] ",
            "\"é😀\"",
        ] {
            assert_eq!(read_all(t), Ok(()), "{t}");
        }
    }

    #[test]
    fn refuses_invalid_json() {
        for (t, eof) in [
            ("", true),
            ("{", true),
            ("[1,", true),
            ("\"abc", true),
            ("tru", true),
            ("{\"a\"", true),
            ("1.", true),
            ("-", true),
            ("{a:1}", false),
            ("[1 2]", false),
            ("01", false),
            ("1.e5", false),
            ("\"\\x\"", false),
            ("\"\u{1}\"", false),
            ("nul!", false),
            ("[1]]", false),
            ("{\"a\":1,}", false),
            ("+1", false),
            ("\"\\u12G4\"", false),
        ] {
            let e = read_all(t).unwrap_err();
            assert_eq!(e == JsonError::Eof, eof, "{t:?}: {e:?}");
        }
        assert!(matches!(
            Reader::new(b"\"\xff\""),
            Err(JsonError::Syntax(1))
        ));
        assert!(matches!(Reader::new(b"\"\xe7\xbd"), Err(JsonError::Eof)));
    }

    #[test]
    fn plain_runs_stop_at_the_right_byte() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        for stop in ['"', '\\', '\n', '\u{1f}'] {
            for at in 0..text.len() {
                let mut s = String::from(&text[..at]);
                s.push(stop);
                s.push_str(&text[at..]);
                assert_eq!(plain_run(s.as_bytes(), 0), at, "{stop:?} at {at}");
                assert_eq!(plain_run(s.as_bytes(), at.min(3)), at.max(at.min(3)));
            }
        }
        assert_eq!(plain_run(text.as_bytes(), 0), text.len());
        // Bytes >= 0x80 (UTF-8) and DEL are plain.
        assert_eq!(
            plain_run("é😀\u{7f}é😀é😀\"".as_bytes(), 0),
            "é😀\u{7f}é😀é😀".len()
        );
    }

    #[test]
    fn depth_is_bounded() {
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(read_all(&deep), Err(JsonError::TooDeep));
        let ok = "[".repeat(60) + &"]".repeat(60);
        assert_eq!(read_all(&ok), Ok(()));
    }

    #[test]
    fn strings_decode_escapes_and_surrogates() {
        let mut r = Reader::new(br#""a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x""#).unwrap();
        let s = r.string().unwrap();
        assert_eq!(s.raw(), r#"a\"b\\c\/d\n\u00e9\ud83d\ude00\ud800x"#);
        assert_eq!(s.decode(), "a\"b\\c/d\né😀\u{FFFD}x");
        let mut r = Reader::new(br#""plain""#).unwrap();
        let s = r.string().unwrap();
        assert!(s.eq_str("plain"));
    }

    #[test]
    fn integers() {
        fn int(t: &str) -> Result<&str, JsonError> {
            Reader::new(t.as_bytes()).unwrap().integer()
        }
        assert_eq!(int("9223372036854775807"), Ok("9223372036854775807"));
        assert_eq!(int("-9223372036854775808"), Ok("-9223372036854775808"));
        assert_eq!(int("18446744073709551615"), Ok("18446744073709551615"));
        assert!(int("18446744073709551616").is_err());
        assert!(int("1.0").is_err());
        assert!(int("1e3").is_err());
        fn uns(t: &str) -> Result<&str, JsonError> {
            Reader::new(t.as_bytes()).unwrap().unsigned()
        }
        assert_eq!(uns("42"), Ok("42"));
        assert!(uns("-1").is_err());
        assert_eq!(parse_u64("18446744073709551615"), Some(u64::MAX));
        assert_eq!(parse_u64("18446744073709551616"), None);
    }

    #[test]
    fn types_are_checked() {
        let mut r = Reader::new(b"5").unwrap();
        assert_eq!(r.string(), Err(JsonError::Type("a string")));
        let mut r = Reader::new(b"\"x\"").unwrap();
        assert_eq!(r.object().map(drop), Err(JsonError::Type("an object")));
    }

    #[test]
    fn writes_escaped_strings() {
        let mut out = String::new();
        write_string(&mut out, "a\"\\\n\u{1}é");
        assert_eq!(out, r#""a\"\\\n\u0001é""#);
    }
}
