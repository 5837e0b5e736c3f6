//! Writing the camelCase JSON of `API.md` straight from what was read: string values are copied
//! raw (already valid JSON string content), never unescaped and re-escaped.
//!
//! Each member kind of [`super::read`] implements [`WriteMember`]; the `shape!` macro of
//! [`super::model`] calls them in table order.

use crate::json::{write_string, Str};

use super::read::{
    Count, Flag, FlagOr, Id, IdValue, List, Obj, Required, Strs, Text, TextOr, Token,
};

/// `,"name":`, the text that starts a member of a JSON object.
macro_rules! member {
    ($name:literal) => {
        concat!(",\"", $name, "\":")
    };
}
pub(crate) use member;

/// Writes one JSON object member by member; absent values are left out.
pub(crate) struct ObjectWriter<'o> {
    pub(crate) out: &'o mut String,
    first: bool,
}

impl<'o> ObjectWriter<'o> {
    /// Starts an object.
    pub(crate) fn new(out: &'o mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    /// Starts a member; `member` is `,"name":` (see [`member!`]), written whole or without its
    /// comma for the first member: one push per member, for every member of every ENI.
    pub(crate) fn key(&mut self, member: &str) {
        let text = if self.first {
            member.get(1..).unwrap_or("")
        } else {
            member
        };
        self.out.push_str(text);
        self.first = false;
    }

    /// Ends the object.
    pub(crate) fn end(self) {
        self.out.push('}');
    }
}

/// How one member is written: `member` is its `,"name":` text. Absent optional members are left
/// out; members the `.d.ts` declares required are always written (`""`, `false`, `[]`).
pub(crate) trait WriteMember {
    /// Appends the member to the object `o`.
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str);
}

/// An object shape, written whole.
pub(crate) trait WriteShape {
    /// Appends the object as JSON.
    fn write_json(&self, out: &mut String);
}

/// A string value, copied raw.
pub(crate) fn raw_string(out: &mut String, s: Str<'_>) {
    if s.has_lone_surrogate() {
        // The one case where the raw text is not valid Unicode once parsed: write it decoded,
        // as the struct path sees it.
        write_string(out, &s.decode());
        return;
    }
    out.push('"');
    out.push_str(s.raw());
    out.push('"');
}

fn list<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}

impl WriteMember for Text<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        if let Some(s) = self.0 {
            o.key(member);
            raw_string(o.out, s);
        }
    }
}

impl WriteMember for Required<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        text_or_empty(o, member, self.0);
    }
}

impl WriteMember for TextOr<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        text_or_empty(o, member, self.0);
    }
}

impl WriteMember for FlagOr {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        o.key(member);
        o.out.push_str(if self.0.unwrap_or(false) {
            "true"
        } else {
            "false"
        });
    }
}

impl WriteMember for Token<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        Text(self.0).write(o, member);
    }
}

impl WriteMember for Id<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        match self.0 {
            Some(IdValue::Str(s)) => {
                o.key(member);
                raw_string(o.out, s);
            }
            Some(IdValue::Int(n)) => {
                o.key(member);
                o.out.push('"');
                o.out.push_str(&n.to_text());
                o.out.push('"');
            }
            None => {}
        }
    }
}

impl WriteMember for Flag {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        if let Some(b) = self.0 {
            o.key(member);
            o.out.push_str(if b { "true" } else { "false" });
        }
    }
}

impl WriteMember for Count<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        if let Some(n) = self.0 {
            o.key(member);
            crate::text::push_u64(o.out, n);
        }
    }
}

impl<S: WriteShape> WriteMember for Obj<S> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        if let Some(s) = &self.0 {
            o.key(member);
            s.write_json(o.out);
        }
    }
}

impl<S: WriteShape> WriteMember for List<S> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        o.key(member);
        list(o.out, &self.0, |out, s| s.write_json(out));
    }
}

impl WriteMember for Strs<'_> {
    fn write(&self, o: &mut ObjectWriter<'_>, member: &'static str) {
        o.key(member);
        list(o.out, &self.0, |out, s| raw_string(out, *s));
    }
}

/// Required text (`.d.ts`: `string`), written `""` when the API left it out.
pub(crate) fn text_or_empty(o: &mut ObjectWriter<'_>, member: &'static str, s: Option<Str<'_>>) {
    o.key(member);
    match s {
        Some(v) => raw_string(o.out, v),
        None => o.out.push_str("\"\""),
    }
}
