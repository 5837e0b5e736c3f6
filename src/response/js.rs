//! The JavaScript decoder, generated from the shape tables of [`super::model`]: the package
//! parses a page with the engine's `JSON.parse` and converts it to the objects of `API.md` in
//! JavaScript, with the rules of this crate's decoder (module doc of [`super`]), so the page
//! never enters wasm memory.
//!
//! `shape!` describes each table as data ([`Shape`]); [`generate`] writes
//! `src/wasm/js/decode.js` from the descriptions. The test `decode_js_is_generated` fails when
//! the checked-in file is stale; `UPDATE_GENERATED=1 cargo test --lib response::js` rewrites it
//! (and the corpus below). The test `decode_corpus_is_current` writes
//! `tests/js/decode-corpus.json`: answers (the cases of `tests.rs`, hand-made edge cases and
//! seeded random ones) with this decoder's result for each, which `tests/js/decode.test.mjs`
//! requires the generated decoder to reproduce exactly.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fmt::Write as _;

use super::read::{Count, Flag, FlagOr, Id, List, Obj, Required, Strs, Text, TextOr, Token};

/// One shape's table as data.
#[derive(Debug, Clone)]
pub(crate) struct Shape {
    /// The `types.d.ts` interface name (also the generated function's name).
    pub ts: &'static str,
    /// The presence rule: `always`, `any`, `nonempty`, `present`.
    pub keep: &'static str,
    /// The Rust field the rule looks at (`nonempty`, `present`).
    pub keep_field: Option<&'static str>,
    /// Whether a malformed object of this shape fails the page.
    pub strict: bool,
    /// The members, in table order.
    pub members: Vec<Member>,
}

/// One member of a table.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// The Rust field.
    pub field: &'static str,
    /// The API's name (the one errors quote).
    pub api: &'static str,
    /// Other names the API uses for it.
    pub aliases: Vec<&'static str>,
    /// For a wrapped list, the key inside the wrapper.
    pub inner: &'static str,
    /// The `API.md` name.
    pub js: &'static str,
    /// The member kind (see [`Kind`]).
    pub kind: &'static str,
    /// The nested shape's `ts` name (objects and lists of objects).
    pub shape: Option<&'static str>,
}

/// The kind of a member type, by name, and its nested shape.
pub(crate) trait Kind {
    const KIND: &'static str;
    const SHAPE: Option<&'static str> = None;
}

/// A shape's `types.d.ts` name.
pub(crate) trait Named {
    const TS: &'static str;
}

macro_rules! kinds {
    ($($t:ty => $k:literal),* $(,)?) => { $( impl Kind for $t { const KIND: &'static str = $k; } )* };
}
kinds! {
    Text<'_> => "text",
    Required<'_> => "required",
    TextOr<'_> => "textOr",
    FlagOr => "flagOr",
    Token<'_> => "token",
    Id<'_> => "id",
    Flag => "flag",
    Count<'_> => "count",
    Strs<'_> => "strs",
}

impl<S: Named> Kind for Obj<S> {
    const KIND: &'static str = "obj";
    const SHAPE: Option<&'static str> = Some(S::TS);
}

impl<S: Named> Kind for List<S> {
    const KIND: &'static str = "list";
    const SHAPE: Option<&'static str> = Some(S::TS);
}

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// Every API name of a member (its name, then its aliases).
fn names(m: &Member) -> Vec<&'static str> {
    let mut v = vec![m.api];
    v.extend(m.aliases.iter().copied());
    v
}

/// The one pass over the source object's members (`for...in`, in the order of the answer, so
/// the last spelling of an aliased member wins as in the Rust reader): each known member's value
/// goes to its local `m<i>`; any other member is skipped (only its depth counts).
fn read_members(out: &mut String, s: &Shape) {
    for i in 0..s.members.len() {
        writeln!(out, "  let m{i};").unwrap();
    }
    writeln!(
        out,
        "  for (const k in o) {{\n    const v = o[k];\n    switch (k) {{"
    )
    .unwrap();
    for (i, m) in s.members.iter().enumerate() {
        for k in names(m) {
            writeln!(out, "      case {}:", q(k)).unwrap();
        }
        writeln!(out, "        m{i} = v;\n        break;").unwrap();
    }
    writeln!(out, "      default:\n        skip(v, d);\n    }}\n  }}").unwrap();
}

fn shape_by_ts<'s>(shapes: &'s [Shape], ts: &str) -> &'s Shape {
    shapes
        .iter()
        .find(|s| s.ts == ts)
        .unwrap_or_else(|| panic!("no shape {ts}"))
}

/// The converter of one shape: `s_<ts>(o, d)` (`o` an object at nesting level `d`) returns the
/// `API.md` object, or `undefined` when the presence rule drops it; throws `SHAPE` on a shape
/// error of a strict shape, `TOO_DEEP` when a value it skips nests too deeply.
fn converter(out: &mut String, shapes: &[Shape], s: &Shape) {
    writeln!(out, "function s_{}(o, d) {{", s.ts).unwrap();
    read_members(out, s);
    writeln!(out, "  const r = new Plain();").unwrap();
    let mut keep = match s.keep {
        "always" => Some(String::from("true")),
        _ => None,
    };
    let mut any = Vec::new();
    for (i, m) in s.members.iter().enumerate() {
        let js = q(m.js);
        writeln!(out, "  // {}: {} {}", m.js, m.kind, names(m).join("|")).unwrap();
        let declare = match (i, s.members.len()) {
            (0, 1) => "const ",
            (0, _) => "let ",
            _ => "",
        };
        writeln!(out, "  {declare}v = m{i};").unwrap();
        if m.kind == "required" {
            assert!(s.strict, "{}: a required member in a lenient shape", m.api);
        }
        match m.kind {
            "required" => {
                writeln!(out, "  if (typeof v !== \"string\") throw SHAPE;").unwrap();
                writeln!(out, "  r[{js}] = text(v);").unwrap();
            }
            "text" | "textOr" | "token" => {
                let cond = if m.kind == "token" {
                    "typeof v === \"string\" && v !== \"\""
                } else {
                    "typeof v === \"string\""
                };
                writeln!(out, "  if ({cond}) r[{js}] = text(v);").unwrap();
                if m.kind == "textOr" {
                    writeln!(out, "  else {{\n    r[{js}] = \"\";\n    skip(v, d);\n  }}").unwrap();
                } else {
                    writeln!(out, "  else skip(v, d);").unwrap();
                }
            }
            "id" => {
                writeln!(
                    out,
                    "  if (typeof v === \"string\") {{\n    if (v !== \"\") r[{js}] = text(v);\n  }} else if (typeof v === \"number\") {{\n    const at = seen[{api}]++;\n    if (Number.isSafeInteger(v)) r[{js}] = String(v);\n    else if (Number.isInteger(v)) {{\n      const x = idText(literalAt({api}, at, v));\n      if (x !== undefined) r[{js}] = x;\n    }}\n  }} else skip(v, d);",
                    api = q(m.api)
                )
                .unwrap();
            }
            "flag" => {
                writeln!(
                    out,
                    "  if (typeof v === \"boolean\") r[{js}] = v;\n  else skip(v, d);"
                )
                .unwrap();
            }
            "flagOr" => {
                writeln!(out, "  if (typeof v === \"boolean\") r[{js}] = v;\n  else {{\n    r[{js}] = false;\n    skip(v, d);\n  }}").unwrap();
            }
            "count" => {
                writeln!(
                    out,
                    "  if (typeof v === \"number\") {{\n    const at = seen[{api}]++;\n    if (Number.isInteger(v) && v >= 0) {{\n      if (v < TWO_64) r[{js}] = v + 0;\n      else if (v === TWO_64) {{\n        const x = countValue(literalAt({api}, at, v));\n        if (x !== undefined) r[{js}] = x;\n      }}\n    }}\n  }} else if (typeof v === \"string\") {{\n    const c = digits(v);\n    if (c !== undefined) r[{js}] = c;\n  }} else skip(v, d);",
                    api = q(m.api)
                )
                .unwrap();
            }
            "obj" => {
                let inner = shape_by_ts(shapes, m.shape.unwrap());
                assert!(
                    !inner.strict,
                    "{}: a strict nested object is not generated",
                    m.api
                );
                writeln!(
                    out,
                    "  if (isObject(v)) {{\n    const x = s_{}(v, d + 1);\n    if (x !== undefined) r[{js}] = x;\n  }} else skip(v, d);",
                    inner.ts
                )
                .unwrap();
            }
            "list" | "strs" => {
                writeln!(out, "  r[{js}] = {}(v, d);", list_name(s, m)).unwrap();
            }
            other => panic!("unknown member kind {other}"),
        }
        if s.keep_field == Some(m.field) {
            let cond = match (s.keep, m.kind) {
                ("nonempty", "textOr") => format!("r[{js}] !== \"\""),
                ("present", "textOr") => String::from("typeof v === \"string\""),
                (rule, kind) => panic!("presence rule {rule} on a {kind} member is not generated"),
            };
            writeln!(out, "  const keep = {cond};").unwrap();
            keep = Some(String::from("keep"));
        }
        if s.keep == "any" {
            match m.kind {
                "text" | "token" | "id" | "flag" | "count" | "obj" => {
                    any.push(format!("r[{js}] !== undefined"))
                }
                kind => panic!("presence rule any with a {kind} member is not generated"),
            }
        }
    }
    if s.keep == "any" {
        // Every member is optional (written only when present): kept when any was written.
        assert!(!any.is_empty());
        keep = Some(String::from("hasMember(r)"));
    }
    let keep =
        keep.unwrap_or_else(|| panic!("{}: presence rule {} without its member", s.ts, s.keep));
    if keep == "true" {
        writeln!(out, "  return r;").unwrap();
    } else {
        writeln!(out, "  return {keep} ? r : undefined;").unwrap();
    }
    writeln!(out, "}}\n").unwrap();
}

fn list_name(s: &Shape, m: &Member) -> String {
    format!("l_{}_{}", s.ts, m.field)
}

/// The converter of one list member: `l_<ts>_<field>(v, d)` takes the member's value (of an
/// object at level `d`): a list the API wraps (`{"Tag": [..]}`), bare (`[..]`) or null. A
/// malformed list or element fails a strict list (SHAPE) and is left out of a lenient one.
fn list_converter(out: &mut String, shapes: &[Shape], s: &Shape, m: &Member) {
    let (strict, element, convert) = match m.kind {
        "strs" => (false, "typeof x === \"string\"", String::from("text(x)")),
        _ => {
            let inner = shape_by_ts(shapes, m.shape.unwrap());
            (
                inner.strict,
                "isObject(x)",
                format!("s_{}(x, level + 1)", inner.ts),
            )
        }
    };
    let malformed = if strict {
        "throw SHAPE;"
    } else {
        "return out;"
    };
    let bad_inner = if strict {
        String::from("throw SHAPE;")
    } else {
        String::from("{\n      skip(a, d + 1);\n      return out;\n    }")
    };
    writeln!(out, "function {}(v, d) {{", list_name(s, m)).unwrap();
    writeln!(out, "  const out = [];\n  if (v === undefined || v === null) return out;\n  let a = v;\n  let level = d + 1;").unwrap();
    writeln!(
        out,
        "  if (!Array.isArray(v)) {{\n    if (typeof v !== \"object\") {malformed}"
    )
    .unwrap();
    writeln!(out, "    a = undefined;\n    for (const k in v) {{\n      if (k === {}) a = v[k];\n      else skip(v[k], d + 1);\n    }}", q(m.inner)).unwrap();
    writeln!(out, "    if (a === undefined || a === null) return out;\n    if (!Array.isArray(a)) {bad_inner}\n    level = d + 2;\n  }}").unwrap();
    writeln!(
        out,
        "  for (let i = 0; i < a.length; i++) {{\n    const x = a[i];\n    if ({element}) {{"
    )
    .unwrap();
    if m.kind == "strs" {
        writeln!(out, "      out.push({convert});").unwrap();
    } else {
        // The element of the parsed answer is let go once converted: a collection while the
        // page is converted then does not copy the parts already done.
        writeln!(
            out,
            "      const item = {convert};\n      a[i] = undefined;\n      if (item !== undefined) out.push(item);"
        )
        .unwrap();
    }
    let other = match (strict, m.kind) {
        (true, _) => "    } else throw SHAPE;",
        (false, "strs") => "    } else if (x !== null) skip(x, level);",
        (false, _) => "    } else skip(x, level);",
    };
    writeln!(out, "{other}\n  }}\n  return out;\n}}\n").unwrap();
}

/// The error finder of a strict shape: `e_<ts>(o)` returns `[field, expected]` of the first
/// shape error the Rust reader meets (keys in order, then the required members in table
/// order), or `null`.
fn error_finder(out: &mut String, shapes: &[Shape], s: &Shape) {
    writeln!(out, "function e_{}(o) {{", s.ts).unwrap();
    writeln!(
        out,
        "  for (const k in o) {{\n    const v = o[k];\n    switch (k) {{"
    )
    .unwrap();
    for m in &s.members {
        let strict_list = m.kind == "list" && shape_by_ts(shapes, m.shape.unwrap()).strict;
        if m.kind != "required" && !strict_list {
            continue;
        }
        for k in names(m) {
            writeln!(out, "      case {}:", q(k)).unwrap();
        }
        if m.kind == "required" {
            writeln!(
                out,
                "        if (v !== null && typeof v !== \"string\") return [{}, \"a string\"];\n        break;",
                q(m.api)
            )
            .unwrap();
        } else {
            writeln!(
                out,
                "        {{\n          const e = listError(v, {}, {}, e_{});\n          if (e !== null) return e;\n        }}\n        break;",
                q(m.api),
                q(m.inner),
                m.shape.unwrap()
            )
            .unwrap();
        }
    }
    writeln!(out, "    }}\n  }}").unwrap();
    for m in s.members.iter().filter(|m| m.kind == "required") {
        assert!(
            m.aliases.is_empty(),
            "{}: a required member with aliases",
            m.api
        );
        writeln!(
            out,
            "  if (typeof o[{}] !== \"string\") return [{}, \"present\"];",
            q(m.api),
            q(m.api)
        )
        .unwrap();
    }
    writeln!(out, "  return null;\n}}\n").unwrap();
}

/// The API names read as integers: each spelling, its member's rule and its member's API name.
fn integer_keys(shapes: &[Shape]) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut keys: Vec<(&'static str, &'static str, &'static str)> = Vec::new();
    for s in shapes {
        for m in &s.members {
            if m.kind == "id" || m.kind == "count" {
                for k in names(m) {
                    // Integer literals are found in the text by key alone, and matched to the
                    // values the converter meets in order: one member per key.
                    assert!(
                        !keys.iter().any(|(n, _, _)| *n == k),
                        "{k} is read by two integer members"
                    );
                    keys.push((k, m.kind, m.api));
                }
            }
        }
    }
    // Rewriting integer literals applies to a key wherever it appears: no other shape may read
    // the same key as something else.
    for s in shapes {
        for m in &s.members {
            for k in names(m) {
                if let Some((_, kind, _)) = keys.iter().find(|(n, _, _)| *n == k) {
                    assert_eq!(*kind, m.kind, "{k} is read as {kind} and as {}", m.kind);
                }
            }
        }
    }
    keys
}

/// `src/wasm/js/decode.js`.
pub(crate) fn generate(shapes: &[Shape]) -> String {
    let page = &shapes[0];
    let eni_member = page
        .members
        .iter()
        .find(|m| m.js == "networkInterfaces")
        .expect("the page has networkInterfaces");
    let eni = shape_by_ts(shapes, eni_member.shape.unwrap());
    for (s, js) in [
        (page, "requestId"),
        (page, "totalCount"),
        (page, "nextToken"),
        (eni, "networkInterfaceId"),
        (eni, "status"),
    ] {
        assert!(
            s.members.iter().any(|m| m.js == js),
            "the summary reads {js}"
        );
    }
    assert!(page.strict && eni.strict);

    let ints = integer_keys(shapes);
    let mut out = String::from(HEADER);
    writeln!(
        out,
        "// The keys read as integers: their rule and their member's API name."
    )
    .unwrap();
    writeln!(out, "const INTEGER_KEYS = new Map([").unwrap();
    for (k, kind, api) in &ints {
        writeln!(
            out,
            "  [{}, [{}, {}]],",
            q(k),
            if *kind == "id" { "ID" } else { "COUNT" },
            q(api)
        )
        .unwrap();
    }
    writeln!(out, "]);").unwrap();
    let members: Vec<&str> = ints.iter().fold(Vec::new(), |mut v, (_, _, api)| {
        if !v.contains(api) {
            v.push(api);
        }
        v
    });
    writeln!(
        out,
        "// How many numbers of each integer member the converter met on this page.\nfunction newSeen() {{\n  return {{\n{}  }};\n}}",
        members.iter().map(|m| format!("    {m}: 0,\n")).collect::<String>()
    )
    .unwrap();
    for (k, _, _) in &ints {
        assert!(
            k.chars().all(|c| c.is_ascii_alphanumeric()),
            "{k}: only letters and digits are generated"
        );
    }
    out.push_str(RUNTIME);
    writeln!(
        out,
        "// ---- one converter per shape, from the tables ----\n"
    )
    .unwrap();
    for s in shapes {
        converter(&mut out, shapes, s);
        for m in s
            .members
            .iter()
            .filter(|m| m.kind == "list" || m.kind == "strs")
        {
            list_converter(&mut out, shapes, s, m);
        }
    }
    writeln!(
        out,
        "// ---- the first shape error, in the order the Rust reader meets it ----\n"
    )
    .unwrap();
    for s in shapes.iter().filter(|s| s.strict) {
        error_finder(&mut out, shapes, s);
    }
    writeln!(
        out,
        "/** The paging facts of a converted page (`PageSummary` in Rust). */\nfunction summaryOf(page) {{\n  const list = page.networkInterfaces;\n  const first = list.length > 0 ? list[0] : undefined;\n  return {{\n    requestId: page.requestId,\n    totalCount: page.totalCount,\n    nextToken: page.nextToken,\n    count: list.length,\n    firstId: first === undefined ? undefined : first.networkInterfaceId,\n    firstStatus: first === undefined ? undefined : first.status,\n  }};\n}}\n"
    )
    .unwrap();
    writeln!(
        out,
        "const convertShape = s_{};\nconst pageError = e_{};",
        page.ts, page.ts
    )
    .unwrap();
    out.push_str(ENTRY);
    out
}

const HEADER: &str = r#"// GENERATED from the shape tables of src/response/model.rs by src/response/js.rs: do not edit.
// Regenerate with `UPDATE_GENERATED=1 cargo test --lib response::js` (a test fails while this
// file is stale).
//
// The DescribeNetworkInterfaces decoder of the package: a 2xx page is parsed once by the
// engine's JSON.parse and converted to the objects of API.md here, with every rule of the Rust
// decoder (module doc of src/response/mod.rs): wrapper objects become lists, missing lists are
// empty, null is absent, `{}` AssociatedPublicIp is absent, an empty NextToken is absent, aliases,
// presence rules, member order as the tables, required members, and the same decode errors.
// 64-bit integers (ServiceID, OwnerId) stay exact: where JSON.parse rounds one, its literal is
// read from the text. tests/js/decode.test.mjs checks it against the Rust
// decoder.

const MAX_DEPTH = 64;
const ID = 1;
const COUNT = 2;
"#;

const RUNTIME: &str = r#"const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
/** Thrown by a strict shape that is not the API's; the error finders then word it. */
const SHAPE = { shape: true };
/** 2^64: a count JSON.parse reads as this may be 2^64 - 1 (in range) or beyond. */
const TWO_64 = 2 ** 64;
/** Thrown when a value nests deeper than the Rust reader accepts. */
const TOO_DEEP = { tooDeep: true };
/** Whether the text being converted has `\u` escapes (so strings may hold lone surrogates). */
let escapes = false;

/**
 * Makes the plain objects of API.md: `new Plain()` is an object with Object.prototype, as `{}`
 * is, but made by a constructor, so V8 sizes it for the members the converter adds (slack
 * tracking) instead of growing its property store member by member: less garbage per page.
 */
const Plain = function Object() {};
Plain.prototype = Object.prototype;

/** A string value as the Rust decoder gives it: lone surrogates become U+FFFD. */
function text(s) {
  return escapes ? wellFormed(s) : s;
}

function wellFormed(s) {
  if (typeof s.toWellFormed === "function") return s.toWellFormed();
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}

function isObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A value the decoder does not keep, inside a container at nesting level `d`: the Rust reader
 * still walks it, and refuses it past MAX_DEPTH levels. */
function skip(v, d) {
  if (typeof v !== "object" || v === null) return;
  if (d >= MAX_DEPTH) throw TOO_DEEP;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) skip(v[i], d + 1);
  } else {
    for (const k in v) skip(v[k], d + 1);
  }
}

/** Digits in a string as a count (`""` or anything else: undefined); at most 2^64 - 1. */
function digits(s) {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const t = s.replace(/^0+(?=.)/, "");
  if (t.length > 20 || (t.length === 20 && t > "18446744073709551615")) return undefined;
  return Number(t);
}

/** Whether the object has a member. */
function hasMember(r) {
  for (const _ in r) return true;
  return false;
}

/** The first error of a strict list, as the Rust reader words it, or null. */
function listError(v, field, inner, each) {
  if (v === undefined || v === null) return null;
  let a = v;
  if (!Array.isArray(v)) {
    if (typeof v !== "object") return [field, "an object"];
    a = v[inner];
    if (a === undefined || a === null) return null;
    if (!Array.isArray(a)) return [field, "an array"];
  }
  for (let i = 0; i < a.length; i++) {
    if (!isObject(a[i])) return [inner, "an object"];
    const e = each(a[i]);
    if (e !== null) return e;
  }
  return null;
}

/** Whether `v` (at level `d`) nests deeper than the Rust reader accepts. */
function tooDeep(v) {
  try {
    skip(v, 0);
    return false;
  } catch (e) {
    if (e === TOO_DEEP) return true;
    throw e;
  }
}

/** The end of the JSON number at `i`, or -1 when none starts there. */
function numberEnd(s, i) {
  const digitsFrom = (j) => {
    while (j < s.length && s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) j++;
    return j;
  };
  if (s.charCodeAt(i) === 45) i++;
  const c = s.charCodeAt(i);
  if (c === 48) i++;
  else if (c >= 49 && c <= 57) i = digitsFrom(i);
  else return -1;
  if (s.charCodeAt(i) === 46) {
    const j = digitsFrom(i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  const e = s.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = s.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    const k = digitsFrom(j);
    if (k === j) return -1;
    i = k;
  }
  return i;
}

/** The value of a JSON number literal as a BigInt, or null when it is not an integer. */
function integerOf(lit) {
  const m = /^(-?)([0-9]+)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(lit);
  if (m === null) return null;
  const frac = m[3] ?? "";
  const digits = (m[2] + frac).replace(/^0+/, "");
  if (digits === "") return 0n;
  const scale = Number(m[4] ?? "0") - frac.length;
  let value;
  if (scale >= 0) {
    if (digits.length + scale > 40) return null;
    value = BigInt(digits) * 10n ** BigInt(scale);
  } else {
    const kept = digits.length + scale;
    if (kept <= 0 || !/^0*$/.test(digits.slice(kept))) return null;
    value = BigInt(digits.slice(0, kept));
  }
  return m[1] === "-" ? -value : value;
}

/** What a number literal of a key of `kind` becomes (see exactIntegers). */
function integerLiteral(kind, lit) {
  const value = integerOf(lit);
  if (value === null) return "null";
  const min = kind === ID ? -(2n ** 63n) : 0n;
  return value >= min && value < 2n ** 64n ? `"${value}"` : "null";
}

/** An ID's text from its number literal (undefined: absent). */
function idText(lit) {
  const value = integerOf(lit);
  return value !== null && value >= -(2n ** 63n) && value < 2n ** 64n ? String(value) : undefined;
}

/** A count from its number literal (undefined: absent). */
function countValue(lit) {
  const value = integerOf(lit);
  return value !== null && value >= 0n && value < 2n ** 64n ? Number(value) : undefined;
}

/** The entry of INTEGER_KEYS of a key as spelled in the text. */
function integerKey(key) {
  return INTEGER_KEYS.get(escapes ? JSON.parse(`"${key}"`) : key);
}

/** The page's text, while it is converted. */
let pageText = "";
/** Numbers met per integer member on this page (see newSeen). */
let seen = null;
/** The number literals of each integer member in the order of the text (the order the
 * converter meets them), by the member's API name; found the first time a page needs one. */
let exact = null;

/** Thrown when the literals found in the text do not line up with the values parsed. */
const MISALIGNED = { misaligned: true };

/** The keys of INTEGER_KEYS (spelled with any `\u00XX` escapes of their letters, which
 * JSON.parse reads as the same key) and the number after them; made when first needed. */
let integerMember = null;
function integerMembers() {
  if (integerMember !== null) return integerMember;
  const spelled = (c) => {
    const hex = c.charCodeAt(0).toString(16);
    const digit = (h) => (h >= "a" ? `[${h}${h.toUpperCase()}]` : h);
    return `(?:${c}|\\\\u00${digit(hex[0])}${digit(hex[1])})`;
  };
  const keys = [...INTEGER_KEYS.keys()].map((k) => [...k].map(spelled).join(""));
  integerMember = new RegExp(`"((?:${keys.join("|")}))"[ \\t\\n\\r]*:[ \\t\\n\\r]*(-?[0-9][0-9.eE+-]*)`, "g");
  return integerMember;
}

function integerLiterals(text) {
  const found = new Map();
  for (const m of text.matchAll(integerMembers())) {
    const api = integerKey(m[1])[1];
    let lits = found.get(api);
    if (lits === undefined) found.set(api, (lits = []));
    lits.push(m[2]);
  }
  return found;
}

/** The literal of `v`, the number `at` (from 0) of the member `api` on this page. */
function literalAt(api, at, v) {
  exact ??= integerLiterals(pageText);
  const lits = exact.get(api);
  const lit = lits === undefined ? undefined : lits[at];
  if (lit === undefined || Number(lit) !== v) throw MISALIGNED;
  return lit;
}

/** `text` with every number of an integer member rewritten as the Rust decoder reads it: its
 * value's digits as a string when it is an integer in range (a count then reads its digits, an
 * ID keeps them), null when it reads as absent. The fallback when the literals do not line up
 * (a key twice in an object, integer keys in members the decoder skips): a second parse. */
function exactIntegers(text) {
  return text.replace(integerMembers(), (match, key, lit) => {
    if (numberEnd(lit, 0) !== lit.length) return match;
    return match.slice(0, match.length - lit.length) + integerLiteral(integerKey(key)[0], lit);
  });
}

/** Converts the parsed page `root` of `text`. */
function convertPage(root, text) {
  pageText = text;
  seen = newSeen();
  exact = null;
  try {
    const page = convertShape(root, 1);
    if (exact !== null) for (const [api, lits] of exact) if (seen[api] !== lits.length) throw MISALIGNED;
    return page;
  } catch (e) {
    if (e !== MISALIGNED) throw e;
  } finally {
    exact = null;
    pageText = "";
  }
  seen = newSeen();
  return convertShape(JSON.parse(exactIntegers(text)), 1);
}

"#;

const ENTRY: &str = r#"
const UNPARSED = Object.freeze({ unparsed: true });

/**
 * Decodes the body of a 2xx DescribeNetworkInterfaces answer. Returns
 * - `{ page, summary }`: the page as API.md gives it, and its paging facts;
 * - `{ shapeError: { field, expected } }`: JSON, but not the API's shape (`field` is not
 *   `expected`, as the Rust decoder words it);
 * - `{ unparsed: true }`: not JSON as the Rust reader accepts it (not UTF-8, cut off, not JSON,
 *   nested too deeply): the Rust side words why from the bytes.
 */
export function decodeDescribePage(bytes) {
  let text;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return UNPARSED;
  }
  escapes = text.indexOf("\\u") !== -1;
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    return UNPARSED;
  }
  if (isObject(root)) {
    try {
      const page = convertPage(root, text);
      return { page, summary: summaryOf(page) };
    } catch (e) {
      if (e === TOO_DEEP) return UNPARSED;
      if (e !== SHAPE) throw e;
    }
    // The converter let go of what it had converted: parse again to name the error.
    root = JSON.parse(text);
  }
  // Whether the body is JSON decides before its shape, as in the Rust decoder.
  if (tooDeep(root)) return UNPARSED;
  const error = isObject(root) ? pageError(root) : ["the response", "an object"];
  if (error === null) throw new Error("aliyun-eni: the page decoder found an error it cannot name");
  return { shapeError: { field: error[0], expected: error[1] } };
}

/** Marks a page as the one where the listing reached ECS's cap for filtered queries. */
export function markCapped(page) {
  page.capped = true;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn path(rel: &str) -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    /// Compares `text` with the checked-in file `rel`, or writes it with `UPDATE_GENERATED=1`.
    fn check_generated(rel: &str, text: &str) {
        let file = path(rel);
        if std::env::var_os("UPDATE_GENERATED").is_some() {
            std::fs::write(&file, text).unwrap();
            return;
        }
        let current = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            current == text,
            "{rel} is stale: regenerate it with `UPDATE_GENERATED=1 cargo test --lib response::js`"
        );
    }

    // ---- the differential corpus -------------------------------------------------------------

    use super::super::read::DecodeError;
    use super::super::{page_outcome, page_shape_error, transcode_describe, unparsed_page_error};
    use crate::json::JsonError;
    use serde_json::{json, Value};

    /// A small deterministic generator (xorshift64*), so the corpus is the same on every run.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'x, T>(&mut self, items: &'x [T]) -> &'x T {
            &items[self.below(items.len())]
        }
        fn chance(&mut self, percent: usize) -> bool {
            self.below(100) < percent
        }
    }

    /// String contents as raw JSON text: plain, empty, unicode, every escape, lone surrogates.
    const STRINGS: &[&str] = &[
        "eni-bp1abc",
        "",
        "Available",
        "InUse",
        "é😀中文",
        r"\u00e9\u4e2d",
        r#"a\"b\\c\/d\n\t\r\b\f"#,
        r"\ud83d\ude00",
        r"\ud800x",
        r"x\udc00",
        r"\ud800\ud800\udc00",
        "\u{2028}\u{2029}",
        r"\u0000",
        "123",
        "0042",
        "18446744073709551615",
        "18446744073709551616",
        "-5",
        " 7",
        "1.0",
        "<img src=x onerror=alert(1)>",
    ];

    /// Number literals: small, signed, fractions, exponents, beyond 2^53, beyond 64 bits.
    const NUMBERS: &[&str] = &[
        "0",
        "7",
        "-1",
        "-0",
        "1.0",
        "1e3",
        "2.5",
        "0.0",
        "1E+2",
        "123456789012345",
        "1234567890123456",
        "9007199254740993",
        "18446744073709551615",
        "18446744073709551616",
        "9223372036854775807",
        "-9223372036854775808",
        "-9223372036854775809",
        "100000000000000000000000",
    ];

    fn string(rng: &mut Rng) -> String {
        format!("\"{}\"", rng.pick(STRINGS))
    }

    /// `levels` nested arrays around `inner`.
    fn nest(levels: usize, inner: &str) -> String {
        format!("{}{}{}", "[".repeat(levels), inner, "]".repeat(levels))
    }

    /// Any JSON value at nesting level `level` (the container it is in).
    fn any_value(rng: &mut Rng, level: usize) -> String {
        match rng.below(60) {
            0..=11 => string(rng),
            12..=23 => (*rng.pick(NUMBERS)).to_owned(),
            24..=31 => (*rng.pick(&["true", "false"])).to_owned(),
            32..=39 => "null".to_owned(),
            40..=47 => (*rng.pick(&["{}", "[]"])).to_owned(),
            48..=53 => format!("{{\"x\":{}}}", string(rng)),
            54..=58 => format!("[{},{}]", rng.pick(NUMBERS), string(rng)),
            // Right at the limit of 64 levels, or one past it.
            _ => nest((64 - level.min(63)) + rng.below(2), "1"),
        }
    }

    /// A value of member `m`: usually its own type, sometimes absent (`None`), null or anything.
    fn member_value(rng: &mut Rng, shapes: &[Shape], m: &Member, level: usize) -> Option<String> {
        match rng.below(20) {
            0..=1 => return None,
            2 => return Some("null".to_owned()),
            3..=5 => return Some(any_value(rng, level)),
            _ => {}
        }
        Some(match m.kind {
            "required" | "text" | "textOr" | "token" => string(rng),
            "id" => {
                if rng.chance(50) {
                    (*rng.pick(NUMBERS)).to_owned()
                } else {
                    string(rng)
                }
            }
            "count" => {
                if rng.chance(70) {
                    (*rng.pick(NUMBERS)).to_owned()
                } else {
                    string(rng)
                }
            }
            "flag" | "flagOr" => (*rng.pick(&["true", "false"])).to_owned(),
            "obj" => object(
                rng,
                shapes,
                shape_by_ts(shapes, m.shape.unwrap()),
                level + 1,
            ),
            "list" | "strs" => {
                let n = rng.below(3);
                let items: Vec<String> = (0..n)
                    .map(|_| {
                        if m.kind == "strs" {
                            if rng.chance(80) {
                                string(rng)
                            } else {
                                any_value(rng, level + 3)
                            }
                        } else if rng.chance(85) {
                            object(
                                rng,
                                shapes,
                                shape_by_ts(shapes, m.shape.unwrap()),
                                level + 3,
                            )
                        } else {
                            any_value(rng, level + 3)
                        }
                    })
                    .collect();
                let list = format!("[{}]", items.join(","));
                match rng.below(10) {
                    0 => list,
                    1 => format!("{{{}:null}}", q(m.inner)),
                    2 => "{}".to_owned(),
                    3 => format!(
                        "{{\"Other\":{},{}:{list}}}",
                        any_value(rng, level + 1),
                        q(m.inner)
                    ),
                    _ => format!("{{{}:{list}}}", q(m.inner)),
                }
            }
            other => panic!("{other}"),
        })
    }

    /// An object of `shape`, members in a random order, sometimes with aliases, unknown members
    /// and keys spelled with escapes.
    fn object(rng: &mut Rng, shapes: &[Shape], shape: &Shape, level: usize) -> String {
        let mut members = Vec::new();
        for m in &shape.members {
            if let Some(v) = member_value(rng, shapes, m, level) {
                let mut key = (*rng.pick(&names(m))).to_owned();
                if rng.chance(2) {
                    // The same key with an escaped first letter.
                    let first = key.remove(0);
                    key = format!("\\u{:04x}{key}", first as u32);
                }
                members.push(format!("\"{key}\":{v}"));
                if !m.aliases.is_empty() && rng.chance(5) {
                    // Two spellings in one object: the last one counts.
                    let other = names(m)[1];
                    let v2 = member_value(rng, shapes, m, level).unwrap_or_else(|| "null".into());
                    members.push(format!("\"{other}\":{v2}"));
                }
            }
        }
        if rng.chance(10) {
            members.push(format!("\"Unknown\":{}", any_value(rng, level)));
        }
        for i in (1..members.len()).rev() {
            members.swap(i, rng.below(i + 1));
        }
        format!("{{{}}}", members.join(","))
    }

    /// A whole random page, sometimes cut off.
    fn random_page(rng: &mut Rng, shapes: &[Shape]) -> Vec<u8> {
        let page = &shapes[0];
        let eni = shape_by_ts(shapes, "NetworkInterface");
        let n = rng.below(3);
        let enis: Vec<String> = (0..n).map(|_| object(rng, shapes, eni, 4)).collect();
        let mut members = vec![format!("\"RequestId\":{}", string(rng))];
        for m in &page.members {
            if m.kind == "count" || m.kind == "token" {
                if let Some(v) = member_value(rng, shapes, m, 1) {
                    members.push(format!("{}:{v}", q(m.api)));
                }
            }
        }
        if rng.chance(3) {
            members.remove(0);
        }
        members.push(format!(
            "\"NetworkInterfaceSets\":{{\"NetworkInterfaceSet\":[{}]}}",
            enis.join(",")
        ));
        for i in (1..members.len()).rev() {
            members.swap(i, rng.below(i + 1));
        }
        let mut body = format!("{{{}}}", members.join(",")).into_bytes();
        if rng.chance(8) {
            body.truncate(rng.below(body.len()));
        }
        body
    }

    /// Hand-made answers: the bodies of `tests.rs`, the fuzz seeds, and edge cases of every rule.
    fn fixed_cases() -> Vec<(String, Vec<u8>)> {
        let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
        let mut add = |name: &str, body: &[u8]| cases.push((name.to_owned(), body.to_vec()));
        for (name, body) in [
            (
                "seed token-page",
                include_bytes!("../../fuzz/seeds/response/token-page").as_slice(),
            ),
            (
                "seed token-last-page",
                include_bytes!("../../fuzz/seeds/response/token-last-page"),
            ),
            (
                "seed number-page",
                include_bytes!("../../fuzz/seeds/response/number-page"),
            ),
            (
                "seed hostile",
                include_bytes!("../../fuzz/seeds/response/hostile"),
            ),
            (
                "seed service-ids",
                include_bytes!("../../fuzz/seeds/response/service-ids"),
            ),
            (
                "seed empty",
                include_bytes!("../../fuzz/seeds/response/empty"),
            ),
            (
                "seed delete",
                include_bytes!("../../fuzz/seeds/response/delete"),
            ),
            (
                "seed lone surrogate",
                include_bytes!("../../fuzz/seeds/response/regression-lone-surrogate"),
            ),
        ] {
            add(name, body);
        }
        add("doc example", super::super::tests::DOC_EXAMPLE.as_bytes());
        let eni = |members: &str| {
            format!(
                r#"{{"RequestId":"r","NetworkInterfaceSets":{{"NetworkInterfaceSet":[{{"NetworkInterfaceId":"e","Status":"s","Type":"t"{members}}}]}}}}"#
            )
        };
        // tests.rs
        add(
            "escapes",
            r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-\u0031","Status":"Available","Type":"Secondary",
         "NetworkInterfaceName":"<img src=x onerror=alert(1)>\"\\\n\u2028😀\ud83d\ude00",
         "Tags":{"Tag":[{"TagKey":"=cmd|' /C calc'!A0","TagValue":null}]}}]}}"#
                .as_bytes(),
        );
        add(
            "empty wrappers",
            br#"{"RequestId":"r","NextToken":"","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary",
         "Tags":{"Tag":[]},"SecurityGroupIds":{},"Ipv6Sets":null,"Description":null,
         "Attachment":{"DeviceIndex":null,"InstanceId":null},"Unknown":{"Deep":[1,2,{"x":[]}]},
         "AssociatedPublicIp":{"PublicIpAddress":"","AllocationId":""}}]}}"#,
        );
        add("only a request id", br#"{"RequestId":"r"}"#);
        add(
            "null list",
            br#"{"RequestId":"r","NetworkInterfaceSets":null}"#,
        );
        add("bare list", br#"{"RequestId":"r","NetworkInterfaceSets":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","SecurityGroupIds":["sg-1"]}]}"#);
        for raw in [
            "9007199254740993",
            "18446744073709551615",
            "-5",
            "\"12345678910\"",
            "1e30",
            "1.5",
            "18446744073709551616",
            "true",
            "{}",
            "-0",
            "0",
            "-9223372036854775808",
            "-9223372036854775809",
            "\"\"",
            "[1]",
            "1234567890123456",
        ] {
            add(
                &format!("ServiceID {raw}"),
                eni(&format!(",\"ServiceID\":{raw}")).as_bytes(),
            );
            add(
                &format!("OwnerId {raw}"),
                eni(&format!(",\"OwnerId\" : {raw}")).as_bytes(),
            );
            add(
                &format!("QueueNumber {raw}"),
                eni(&format!(",\"QueueNumber\":\n{raw}")).as_bytes(),
            );
            add(
                &format!("TotalCount {raw}"),
                format!(r#"{{"RequestId":"r","TotalCount":{raw}}}"#).as_bytes(),
            );
        }
        add(
            "public ips and attachment",
            br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"e","Status":"s","Type":"t",
         "AssociatedPublicIp":{"PublicIpAddress":"1.2.3.4","AllocationId":"eip-1"},
         "Attachment":{"DeviceIndex":1,"InstanceId":"i-1"},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":false,
            "AssociatedPublicIp":{"PublicIpAddress":"5.6.7.8"}}]}}]}}"#,
        );
        for (name, body) in [
            ("empty body", &b""[..]),
            ("blank body", b"   "),
            ("html", b"<html><body>502 Bad Gateway</body></html>"),
            ("cut in a key", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Netw"#),
            ("request id a number", br#"{"RequestId":5}"#),
            ("no request id", br#"{"NetworkInterfaceSets":{}}"#),
            ("no eni id", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Status":"A","Type":"S"}]}}"#),
            ("eni id a number", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":5,"Status":"A","Type":"S"}]}}"#),
            ("list a string", br#"{"RequestId":"r","NetworkInterfaceSets":"nope"}"#),
            ("trailing garbage", br#"{"RequestId":"r"} x"#),
            ("status empty type null", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"","Type":null}]}}"#),
            ("status a number", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":1,"Type":"t"}]}}"#),
            ("request id null", br#"{"RequestId":null}"#),
            ("cut in an optional member", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","Description":{"a":"#),
            ("odd optional values", br#"{"RequestId":"r","TotalCount":"","PageNumber":null,"PageSize":"10","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary",
         "QueueNumber":"","QueuePairNumber":null,"ServiceManaged":"","DeleteOnRelease":null,
         "OwnerId":"","ServiceID":[1],"Description":7,"VpcId":{"x":1},"ZoneId":true,
         "Attachment":"","AssociatedPublicIp":[],"Ipv6Sets":"none","SecurityGroupIds":{"SecurityGroupId":["sg-1",2,null,"sg-2"]},
         "Tags":{"Tag":[{"TagKey":1},"tag",{"TagKey":"k","TagValue":5},{"TagKey":"k2","TagValue":"v2"}]},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":""},
            {"PrivateIpAddress":"10.0.0.2","Primary":"yes","AssociatedPublicIp":"x"}]}},
        {"NetworkInterfaceId":"eni-2","Status":"InUse","Type":"Primary","QueueNumber":"8","ServiceManaged":true}]}}"#),
            ("official model fields", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"e","Status":"s","Type":"t","SourceDestCheck":false,"DeleteOnRelease":true,
         "Attachment":{"NetworkCardIndex":1},
         "Ipv4PrefixSets":{"Ipv4PrefixSet":[{"Ipv4Prefix":"10.0.0.0/28"}]},
         "Ipv6PrefixSets":{"Ipv6PrefixSet":[{"Ipv6Prefix":"2408::/80"},{}]},
         "Ipv6Sets":{"Ipv6Set":[{"Ipv6Address":"2408::1","Primary":true}]},
         "PrivateIpSets":{"PrivateIpSet":[{"PrivateIpAddress":"10.0.0.1","Primary":true,"PrivateDnsName":"ip-10-0-0-1.local"}]}}]}}"#),
            // Edge cases of the rules.
            ("root an array", b"[]"),
            ("root a string", b"\"x\""),
            ("root null", b"null"),
            ("bom", b"\xef\xbb\xbf{\"RequestId\":\"r\"}"),
            ("invalid utf-8", b"{\"RequestId\":\"r\xff\"}"),
            ("cut in a utf-8 sequence", b"{\"RequestId\":\"r\xe4\xb8"),
            ("overlong utf-8", b"{\"RequestId\":\"\xc0\xaf\"}"),
            ("encoded surrogate", b"{\"RequestId\":\"\xed\xa0\x80\"}"),
            ("nbsp is not whitespace", "{\"RequestId\":\"r\"}\u{a0}".as_bytes()),
            ("escaped keys", br#"{"Request\u0049d":"r","Network\u0049nterfaceSets":{"Network\u0049nterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","Tag\u0073":{"T\u0061g":[{"TagKey":"k"}]},"Owner\u0049d":12345678901234567890,"\u0051ueueNumber":1.0}]}}"#),
            ("aliases", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceId":"7","Tags":{"Tag":[{"Key":"k","Value":"v"},{"TagKey":"a","Key":"b","TagValue":1,"Value":"w"},{"Key":"x","TagKey":null}]}}]}}"#),
            ("both service id spellings", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"ServiceId":"1","NetworkInterfaceId":"e","Status":"s","Type":"t","ServiceID":2}]}}"#),
            ("type error before missing", br#"{"NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Status":5}]},"RequestId":"r"}"#),
            ("errors in key order", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Type":false,"NetworkInterfaceId":5}]}}"#),
            ("request id error after the list", br#"{"NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t"}]},"RequestId":[]}"#),
            ("eni not an object", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[5]}}"#),
            ("eni null", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[null]}}"#),
            ("eni list not an array", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":{}}}"#),
            ("eni list null inside", br#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":null,"X":1}}"#),
            ("shape error then cut", br#"{"RequestId":5,"NetworkInterfaceSets":{"#),
            ("shape error then garbage", br#"{"RequestId":5} x"#),
            ("escaped digits count", br#"{"RequestId":"r","TotalCount":"\u0031\u0032"}"#),
            ("empty next token", br#"{"RequestId":"r","NextToken":""}"#),
            ("next token null", br#"{"RequestId":"r","NextToken":null}"#),
            ("duplicate value, last wins", br#"{"RequestId":"a","RequestId":"b"}"#),
            ("integer-like unknown keys", br#"{"1":{"2":[]},"RequestId":"r"}"#),
            ("string containing a key", br#"{"RequestId":"\"OwnerId\":12345678901234567890"}"#),
            ("unknown key named like an id", br#"{"RequestId":"r","X":{"OwnerId":1.5,"ServiceID":-0}}"#),
            ("public ip present but empty", &eni(r#","AssociatedPublicIp":{"PublicIpAddress":"","AllocationId":"eip"}"#).into_bytes()),
            ("ipv6 set without address", &eni(r#","Ipv6Sets":{"Ipv6Set":[{"Primary":true},{"Ipv6Address":""}]}"#).into_bytes()),
            ("attachment of nulls", &eni(r#","Attachment":{"DeviceIndex":null,"NetworkCardIndex":"x"}"#).into_bytes()),
            ("attachment with one", &eni(r#","Attachment":{"DeviceIndex":"0"}"#).into_bytes()),
            ("wrappers with other keys", &eni(r#","Tags":{"X":[[[]]],"Tag":[{"TagKey":"k"}]},"SecurityGroupIds":{"SecurityGroupId":"sg"}"#).into_bytes()),
            ("beyond 2^53 after a decoy", &eni(r#","X":{"ServiceID":5},"ServiceID":9007199254740993,"OwnerId":-9223372036854775808"#).into_bytes()),
            ("beyond 2^53 twice in one object", &eni(r#","ServiceID":1,"ServiceID":9007199254740993"#).into_bytes()),
            ("beyond 2^53 with an escaped key", &eni(r#","Service\u0049D":18446744073709551615,"QueueNumber":18446744073709551615.0"#).into_bytes()),
            ("beyond 2^53 in several members", br#"{"RequestId":"r","TotalCount":18446744073709551614,"NetworkInterfaceSets":[{"NetworkInterfaceId":"a","Status":"s","Type":"t","ServiceId":12345678901234567890,"Attachment":{"DeviceIndex":18446744073709551616}},{"NetworkInterfaceId":"b","Status":"s","Type":"t","OwnerId":"x","ServiceID":-12345678901234567,"QueuePairNumber":9007199254740993}]}"#),
            ("whitespace everywhere", b" \r\n\t{ \"RequestId\" : \"r\" , \"TotalCount\" :\t 18446744073709551615 } \n"),
        ] {
            add(name, body);
        }
        // Nesting right at the limit and one past it, in an unknown member, in an odd value,
        // in a wrapper and in a list element.
        for levels in [62, 63, 64] {
            add(
                &format!("unknown nesting {levels}"),
                format!(r#"{{"RequestId":"r","X":{}}}"#, nest(levels, "1")).as_bytes(),
            );
            add(
                &format!("odd value nesting {levels}"),
                eni(&format!(",\"Description\":{}", nest(levels - 3, "{}"))).as_bytes(),
            );
            add(
                &format!("wrapper nesting {levels}"),
                eni(&format!(",\"Tags\":{{\"X\":{}}}", nest(levels - 4, "0"))).as_bytes(),
            );
            add(
                &format!("element nesting {levels}"),
                eni(&format!(
                    ",\"SecurityGroupIds\":{{\"SecurityGroupId\":[{}]}}",
                    nest(levels - 5, "0")
                ))
                .as_bytes(),
            );
            add(
                &format!("deep and a shape error {levels}"),
                format!(r#"{{"RequestId":5,"X":{}}}"#, nest(levels, "1")).as_bytes(),
            );
        }
        // Every cut of a small page.
        let small = r#"{"RequestId":"r","TotalCount":1,"NextToken":"t","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"NetworkInterfaceId":"e","Status":"s","Type":"t","OwnerId":12345678901234567,"Tags":{"Tag":[{"TagKey":"k","TagValue":"é"}]}}]}}"#.as_bytes();
        for cut in 0..small.len() {
            add(&format!("cut at {cut}"), &small[..cut]);
        }
        cases
    }

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// One corpus entry, one line of JSON: the body and what the Rust decoder makes of it (the
    /// page as the transcoder writes it, members in table order). Also checks that the
    /// functions the wasm layer words the JavaScript decoder's errors with give the same errors.
    fn entry(name: &str, body: &[u8]) -> String {
        let mut e = json!({ "name": name });
        match std::str::from_utf8(body) {
            Ok(text) => e["body"] = json!(text),
            Err(_) => e["bodyHex"] = json!(hex(body)),
        }
        match transcode_describe(200, body) {
            Ok(page) => {
                assert!(page_outcome(body).is_ok());
                let mut summary = json!({
                    "requestId": page.summary.request_id,
                    "count": page.summary.count,
                });
                if let Some(n) = page.summary.total_count {
                    summary["totalCount"] = json!(n);
                }
                if let Some(t) = &page.summary.next_token {
                    summary["nextToken"] = json!(t);
                }
                if let Some((id, status)) = &page.summary.first {
                    summary["firstId"] = json!(id);
                    summary["firstStatus"] = json!(status);
                }
                e["summary"] = summary;
                let _: Value =
                    serde_json::from_str(&page.json).expect("the transcoder writes JSON");
                // serde_json sorts members: the page goes in as written.
                let mut line = e.to_string();
                line.pop();
                return format!("{line},\"page\":{}}}", page.json);
            }
            Err(error) => {
                let shape = match page_outcome(body) {
                    Err(DecodeError::Field(field, expected)) => {
                        let head = &body[..body.len().min(512)];
                        assert_eq!(
                            page_shape_error(200, head, field, expected),
                            error,
                            "{name}"
                        );
                        json!([field, expected])
                    }
                    Err(DecodeError::Json(JsonError::Type(t))) => {
                        panic!("{name}: a type error the JavaScript decoder cannot name: {t}")
                    }
                    Err(DecodeError::Json(_)) => {
                        assert_eq!(unparsed_page_error(200, body), error, "{name}");
                        Value::Null
                    }
                    Ok(()) => panic!("{name}: the outcomes disagree"),
                };
                e["error"] = json!({
                    "message": error.message,
                    "truncated": error.truncated,
                    "shape": shape,
                });
            }
        }
        e.to_string()
    }

    #[test]
    fn decode_corpus_is_current() {
        let shapes = super::super::model::described_shapes();
        let mut entries: Vec<String> = fixed_cases()
            .iter()
            .map(|(name, body)| entry(name, body))
            .collect();
        let mut rng = Rng(0x5eed_1234_abcd_0001);
        for i in 0..300 {
            let body = random_page(&mut rng, &shapes);
            entries.push(entry(&format!("random {i}"), &body));
        }
        let text = format!(
            "{{\"generated\": \"by `UPDATE_GENERATED=1 cargo test --lib response::js` from the Rust decoder: do not edit\",\n\"cases\": [\n{}\n]}}\n",
            entries.join(",\n")
        );
        check_generated("tests/js/decode-corpus.json", &text);
    }

    #[test]
    fn decode_js_is_generated() {
        check_generated(
            "src/wasm/js/decode.js",
            &generate(&super::super::model::described_shapes()),
        );
    }
}
