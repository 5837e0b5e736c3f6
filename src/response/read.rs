//! Reading the API's JSON: borrowed slices of the answer, one member kind at a time.
//!
//! Each kind of member a shape can have (text, ID, flag, count, nested object, wrapped list)
//! is a type implementing [`ReadMember`]; the shape tables of [`super::model`] name a kind per
//! member and the `shape!` macro calls these impls, so the reading rules live here once.

use crate::json::{JsonError, Kind, Reader, Seq, Str};

/// A shape error: `field` is not what the API sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON, or cut off.
    Json(JsonError),
    /// Valid JSON, but `field` was not `expected`.
    Field(&'static str, &'static str),
}

impl From<JsonError> for DecodeError {
    fn from(e: JsonError) -> Self {
        DecodeError::Json(e)
    }
}

pub(crate) type Result<T, E = DecodeError> = core::result::Result<T, E>;

/// Names `field` in a type error.
pub(crate) fn within<T>(field: &'static str, read: Result<T, JsonError>) -> Result<T> {
    read.map_err(|e| match e {
        JsonError::Type(expected) => DecodeError::Field(field, expected),
        other => DecodeError::Json(other),
    })
}

/// Starts reading the object `field`.
pub(crate) fn object(r: &mut Reader<'_>, field: &'static str) -> Result<Seq> {
    within(field, r.object())
}

/// A string value, or absent for null.
pub(crate) fn opt_str<'a>(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Str<'a>>> {
    if r.null()? {
        return Ok(None);
    }
    within(field, r.string()).map(Some)
}

/// An optional string member read leniently ([`lenient`]): a string (the common case, read
/// without a probe: it cannot be a type error), null (absent) or any other value (skipped,
/// absent).
#[inline]
pub(crate) fn lenient_str<'a>(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Str<'a>>> {
    if r.peek()? == Kind::String {
        return Ok(Some(r.string()?));
    }
    lenient(r, |r| opt_str(r, field))
}

/// Reads an optional member's value with `read`; a value of another type than `read` expects
/// (`""` where a number belongs, an object where a string does) is skipped and reads as
/// absent: one odd optional field never fails a page. JSON that is not well-formed still does.
pub(crate) fn lenient<'a, T>(
    r: &mut Reader<'a>,
    read: impl FnOnce(&mut Reader<'a>) -> Result<Option<T>>,
) -> Result<Option<T>> {
    let mut read = Some(read);
    let mut out = None;
    probe(r, &mut |r| {
        if let Some(read) = read.take() {
            out = read(r)?;
        }
        Ok(())
    })?;
    Ok(out)
}

/// The one (not generic) body of [`lenient`]: runs `read` on a probe reader and keeps its
/// position on success; on a type error skips the value. Returns whether `read` succeeded.
#[inline(never)]
fn probe<'a>(
    r: &mut Reader<'a>,
    read: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>,
) -> Result<bool> {
    if r.null()? {
        return Ok(false);
    }
    let mut probe = r.clone();
    match read(&mut probe) {
        Ok(()) => {
            *r = probe;
            Ok(true)
        }
        Err(DecodeError::Json(JsonError::Type(_)) | DecodeError::Field(..)) => {
            r.skip()?;
            Ok(false)
        }
        Err(e) => Err(e),
    }
}

/// The elements of a wrapped list, one `each` call per element (the reader at it); not generic,
/// so every list kind shares it. Lenient lists skip a malformed list or element (`each` reports
/// a type error); strict ones fail.
#[inline(never)]
fn each_element<'a>(
    r: &mut Reader<'a>,
    field: &'static str,
    inner: &'static str,
    strict: bool,
    each: &mut dyn FnMut(&mut Reader<'a>) -> Result<()>,
) -> Result<()> {
    let mut walk = |r: &mut Reader<'a>| -> Result<()> {
        let mut list = Wrapped::open(r, field, inner)?;
        while list.next(r)? {
            if strict {
                each(r)?;
            } else {
                probe(r, each)?;
            }
        }
        Ok(())
    };
    if strict {
        walk(r)
    } else {
        probe(r, &mut walk).map(|_| ())
    }
}

/// How one member of a shape is read from the API's JSON, borrowed from the answer.
pub(crate) trait ReadMember<'a> {
    /// Reads the member's value (the reader is at it). `field` names it in errors; `inner` is
    /// the key inside a list's wrapper object (`"Tag"` of `{"Tags": {"Tag": [...]}}`).
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, inner: &'static str) -> Result<()>;
    /// Whether the member was there (for required members and "any member" presence rules).
    fn is_present(&self) -> bool;
    /// Forgets the value, keeping any capacity.
    fn clear(&mut self);
    /// Whether an answer without this member is not the API's shape.
    const REQUIRED: bool = false;
}

/// An object shape as a member (nested object or list element).
pub(crate) trait ReadShape<'a>: Sized {
    /// Whether the shape has required members: then a malformed one fails the page (an ENI
    /// without an ID); otherwise a malformed one is left out (an odd optional member).
    const STRICT: bool;
    /// Reads one object; `None` when the shape's presence rule says the object is absent
    /// (`{}` for an EIP, a tag without a key).
    fn read_object(r: &mut Reader<'a>, field: &'static str) -> Result<Option<Self>>;
    /// Reads one object into `self`, forgetting what it held (keeping its lists' capacity);
    /// whether the presence rule keeps it.
    fn read_into(&mut self, r: &mut Reader<'a>, field: &'static str) -> Result<bool>;
}

/// The kept elements of the wrapped list `field`, as [`List`] reads them, each read into the
/// one `scratch` and handed to `each` instead of stored: no allocation per element.
pub(crate) fn each_kept<'a, S: ReadShape<'a>>(
    r: &mut Reader<'a>,
    field: &'static str,
    inner: &'static str,
    scratch: &mut S,
    each: &mut dyn FnMut(&S),
) -> Result<()> {
    each_element(r, field, inner, S::STRICT, &mut |r| {
        if scratch.read_into(r, inner)? {
            each(scratch);
        }
        Ok(())
    })
}

/// Optional text: `null` is absent; `""` is kept.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Text<'a>(pub Option<Str<'a>>);

/// Text every answer has (`RequestId`, an ENI's ID, status and type): a decode error when
/// missing.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Required<'a>(pub Option<Str<'a>>);

/// Text the `.d.ts` declares as always there (`string`): `""` when the API left it out.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct TextOr<'a>(pub Option<Str<'a>>);

/// A boolean the `.d.ts` declares as always there: `false` when the API left it out.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FlagOr(pub Option<bool>);

/// Text where `""` means absent too (`NextToken` on the last page).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Token<'a>(pub Option<Str<'a>>);

/// An ID sent as a string or a 64-bit integer (`OwnerId`, `ServiceID`), kept as decimal text;
/// `""` is absent. A number counts by its value, as `JSON.parse` sees it: `1e3` is `"1000"`, `-0`
/// is `"0"`, `1.5` or a value beyond 64 bits is absent.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Id<'a>(pub Option<IdValue<'a>>);

/// An ID as read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IdValue<'a> {
    /// A JSON string.
    Str(Str<'a>),
    /// A JSON number whose value is an integer within 64 bits (signed or unsigned).
    Int(Integer),
}

/// An optional boolean.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Flag(pub Option<bool>);

/// An optional non-negative integer that fits in a `u64`: a JSON number whose value is one
/// (`1e3` and `1.0` count, by value, as for `JSON.parse`), or its digits in a string (`""`,
/// anything else: absent).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Count<'a>(pub Option<u64>, pub core::marker::PhantomData<&'a str>);

/// The value of a JSON number that is an integer: its sign and magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Integer {
    /// Below zero (never for 0).
    pub negative: bool,
    /// The absolute value.
    pub magnitude: u64,
}

impl Integer {
    /// The value of the JSON number `raw` (valid JSON number grammar) when it is an integer
    /// whose magnitude fits in a `u64`: `12`, `-0` (0), `1.0`, `1.5e1`, `2E+3`.
    pub(crate) fn of(raw: &str) -> Option<Integer> {
        // Plain digits (JSON allows no leading zero): the value, or `None` beyond 64 bits.
        if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
            return crate::json::parse_u64(raw).map(|magnitude| Integer {
                negative: false,
                magnitude,
            });
        }
        let (negative, rest) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(at) => (rest.get(..at)?, rest.get(at + 1..)?),
            None => (rest, "0"),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        // The digits, and the power of ten they are scaled by.
        let digits = || int.bytes().chain(frac.bytes());
        let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
        let exponent: i64 = match exponent.parse::<i64>() {
            Ok(e) => e,
            // Beyond i64: zero stays zero whatever the exponent; anything else is not in range
            // or not an integer.
            Err(_) => {
                return digits().all(|d| d == b'0').then_some(Integer {
                    negative: false,
                    magnitude: 0,
                })
            }
        };
        let scale = exponent - frac.len() as i64;
        let significant: Vec<u8> = digits().skip_while(|d| *d == b'0').collect();
        if significant.is_empty() {
            return Some(Integer {
                negative: false,
                magnitude: 0,
            });
        }
        let kept = if scale >= 0 {
            significant.len()
        } else {
            let drop = usize::try_from(-scale).ok()?;
            let kept = significant.len().checked_sub(drop)?;
            if significant.get(kept..)?.iter().any(|d| *d != b'0') {
                return None;
            }
            kept
        };
        let mut magnitude: u64 = 0;
        for d in significant.get(..kept)? {
            magnitude = magnitude
                .checked_mul(10)?
                .checked_add(u64::from(d - b'0'))?;
        }
        if scale > 0 {
            for _ in 0..scale {
                magnitude = magnitude.checked_mul(10)?;
            }
        }
        Some(Integer {
            negative: negative && magnitude != 0,
            magnitude,
        })
    }

    /// Whether it fits in an `i64` or a `u64`.
    fn fits_64_bits(&self) -> bool {
        !self.negative || self.magnitude <= 1 << 63
    }

    /// As decimal text (`-` only below zero).
    pub(crate) fn to_text(self) -> String {
        let mut out = String::with_capacity(21);
        if self.negative {
            out.push('-');
        }
        crate::text::push_u64(&mut out, self.magnitude);
        out
    }
}

/// A nested object shape; absent when `null` or when the shape's presence rule says so.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Obj<S>(pub Option<S>);

/// A list of object shapes, wrapped (`{"Key": [..]}`), bare (`[..]`) or null; elements the
/// shape's presence rule drops are left out.
#[derive(Debug, Clone)]
pub(crate) struct List<S>(pub Vec<S>);

/// A list of strings, wrapped, bare or null; `null` elements are left out.
#[derive(Debug, Default, Clone)]
pub(crate) struct Strs<'a>(pub Vec<Str<'a>>);

/// `is_present` and `clear` of a member that reads into an `Option` (its tuple field).
macro_rules! optional_member {
    () => {
        fn is_present(&self) -> bool {
            self.0.is_some()
        }
        fn clear(&mut self) {
            self.0 = None;
        }
    };
}

impl<S> Default for Obj<S> {
    fn default() -> Self {
        Obj(None)
    }
}

impl<S> Default for List<S> {
    fn default() -> Self {
        List(Vec::new())
    }
}

impl<'a> ReadMember<'a> for Text<'a> {
    #[inline]
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = lenient_str(r, field)?;
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for Required<'a> {
    const REQUIRED: bool = true;
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = opt_str(r, field)?;
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for TextOr<'a> {
    #[inline]
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = lenient_str(r, field)?;
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for FlagOr {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, inner: &'static str) -> Result<()> {
        let mut f = Flag(None);
        f.read(r, field, inner)?;
        self.0 = f.0;
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for Token<'a> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = lenient_str(r, field)?.filter(|t| !t.is_empty());
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for Id<'a> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        // The common case first: a string cannot be a type error, so no probe is needed.
        if r.peek()? == Kind::String {
            self.0 = Some(r.string()?)
                .filter(|s| !s.is_empty())
                .map(IdValue::Str);
            return Ok(());
        }
        self.0 = lenient(r, |r| {
            Ok(match r.peek()? {
                Kind::String => Some(r.string()?)
                    .filter(|s| !s.is_empty())
                    .map(IdValue::Str),
                Kind::Number => Integer::of(r.number()?)
                    .filter(Integer::fits_64_bits)
                    .map(IdValue::Int),
                _ => return Err(DecodeError::Field(field, "a string or an integer")),
            })
        })?;
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for Flag {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = if r.peek()? == Kind::Bool {
            // A boolean cannot be a type error: no probe.
            Some(r.boolean()?)
        } else {
            lenient(r, |r| within(field, r.boolean()).map(Some))?
        };
        Ok(())
    }
    optional_member!();
}

impl<'a> ReadMember<'a> for Count<'a> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        if r.peek()? == Kind::Number {
            // A number cannot be a type error: no probe.
            self.0 = Integer::of(r.number()?)
                .filter(|n| !n.negative)
                .map(|n| n.magnitude);
            return Ok(());
        }
        self.0 = lenient(r, |r| {
            if r.peek()? == Kind::String {
                // Digits in a string (decoded, as `JSON.parse` sees them): the number; `""` (the
                // API's "empty value") or anything else: absent.
                return Ok(crate::json::parse_u64(&r.string()?.to_cow()));
            }
            let value = within(field, r.number())?;
            Ok(Integer::of(value)
                .filter(|n| !n.negative)
                .map(|n| n.magnitude))
        })?;
        Ok(())
    }
    optional_member!();
}

impl<'a, S: ReadShape<'a>> ReadMember<'a> for Obj<S> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, _: &'static str) -> Result<()> {
        self.0 = if S::STRICT {
            if r.null()? {
                None
            } else {
                S::read_object(r, field)?
            }
        } else {
            lenient(r, |r| S::read_object(r, field))?
        };
        Ok(())
    }
    optional_member!();
}

impl<'a, S: ReadShape<'a>> ReadMember<'a> for List<S> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, inner: &'static str) -> Result<()> {
        self.0.clear();
        let items = &mut self.0;
        each_element(r, field, inner, S::STRICT, &mut |r| {
            if let Some(item) = S::read_object(r, inner)? {
                items.push(item);
            }
            Ok(())
        })
    }
    fn is_present(&self) -> bool {
        !self.0.is_empty()
    }
    fn clear(&mut self) {
        self.0.clear();
    }
}

impl<'a> ReadMember<'a> for Strs<'a> {
    fn read(&mut self, r: &mut Reader<'a>, field: &'static str, inner: &'static str) -> Result<()> {
        self.0.clear();
        let items = &mut self.0;
        each_element(r, field, inner, false, &mut |r| {
            if let Some(s) = opt_str(r, inner)? {
                items.push(s);
            }
            Ok(())
        })
    }
    fn is_present(&self) -> bool {
        !self.0.is_empty()
    }
    fn clear(&mut self) {
        self.0.clear();
    }
}

/// The elements of a list the API wraps: `{"Key": [..]}`, or a bare `[..]`, or null.
pub(crate) struct Wrapped {
    /// The wrapper object, while its members are being read.
    wrapper: Option<Seq>,
    /// The list itself, while its elements are being read.
    list: Option<Seq>,
    key: &'static str,
    field: &'static str,
}

impl Wrapped {
    /// Starts reading the list `field` whose wrapper holds it under `key`.
    pub(crate) fn open(r: &mut Reader<'_>, field: &'static str, key: &'static str) -> Result<Self> {
        let mut l = Wrapped {
            wrapper: None,
            list: None,
            key,
            field,
        };
        match r.peek()? {
            Kind::Null => drop(r.null()?),
            Kind::Array => l.list = Some(within(field, r.array())?),
            Kind::Object => l.wrapper = Some(object(r, field)?),
            _ => return Err(DecodeError::Field(field, "an object")),
        }
        Ok(l)
    }

    /// Whether another element follows; the reader is then at it.
    pub(crate) fn next(&mut self, r: &mut Reader<'_>) -> Result<bool> {
        loop {
            if let Some(list) = &mut self.list {
                if list.element(r)? {
                    return Ok(true);
                }
                self.list = None;
            }
            let Some(wrapper) = &mut self.wrapper else {
                return Ok(false);
            };
            match wrapper.key(r)? {
                None => self.wrapper = None,
                // (A null list is consumed here: it must not reach the skip below, which would
                // then skip the member after it.)
                Some(k) if k.eq_str(self.key) => {
                    if !r.null()? {
                        self.list = Some(within(self.field, r.array())?);
                    }
                }
                Some(_) => r.skip()?,
            }
        }
    }
}
