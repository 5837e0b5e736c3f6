//! Decoding API answers into the shapes of `API.md`.
//!
//! The API's wrapper objects (`{"Tags": {"Tag": [...]}}`) become plain lists and a missing list
//! is empty; an empty `AssociatedPublicIp` (`{}`) or an empty `NextToken` is absent; `ServiceID`
//! (a 64-bit integer) is kept exact as a decimal string; `null` counts as absent; unknown fields
//! are ignored. Anything else that is not the API's shape is a decode error, never a panic.
//!
//! An answer that is not well-formed JSON (cut off, not JSON, nested deeper than
//! [`crate::json::MAX_DEPTH`]) is reported as such even when a shape error comes first in it:
//! whether a body is JSON decides before its shape does, as it does for `JSON.parse`.
//!
//! Split by job: [`model`] declares each shape once (a table per shape, from which the structs,
//! the reader, the writer, the `types.d.ts` member lists and the JavaScript decoder are
//! derived), `read` reads the API's JSON into borrowed slices, `write` writes the camelCase JSON
//! of `API.md`. One decoder path in Rust: an answer is read once into its borrowed form;
//! [`decode_describe`] turns that into Rust structs and [`transcode_describe`] writes it as JSON
//! (string values copied raw, never unescaped and re-escaped; each ENI written as soon as it is
//! read, into one reused borrowed ENI, so a page costs no allocation per ENI).
//!
//! The JavaScript package does not decode pages in Rust: `src/wasm/js/decode.js`, generated
//! from the same tables by a native test (`js`), parses a page with the engine's `JSON.parse`
//! and converts it with the same rules; the page never enters wasm memory, and the core gets its
//! [`PageSummary`] ([`HostPage`]). The test also writes a corpus of answers with this decoder's
//! results (`tests/js/decode-corpus.json`), which `tests/js/decode.test.mjs` requires the
//! generated decoder to reproduce.

#[cfg(all(test, not(target_arch = "wasm32")))]
mod js;
pub mod model;
mod read;
mod write;

use crate::json::{write_string, JsonError, Reader, Str};
use crate::{msg, Error};

pub use model::{
    AssociatedPublicIp, Attachment, DescribeNetworkInterfacesResponse, Ipv4PrefixSet,
    Ipv6PrefixSet, Ipv6Set, NetworkInterface, PrivateIpSet, Tag,
};
pub use read::DecodeError;

use model::{RawEni, RawPage, ToOwnedMember};
use read::{each_kept, object, opt_str, Result};
use write::WriteShape;

/// The answer of `DeleteNetworkInterface`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeleteNetworkInterfaceResponse {
    /// The API's request ID.
    pub request_id: String,
}

impl DeleteNetworkInterfaceResponse {
    /// `{"requestId":"..."}`, the JSON `API.md` gives JavaScript.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(self.request_id.len() + 16);
        out.push_str("{\"requestId\":");
        write_string(&mut out, &self.request_id);
        out.push('}');
        out
    }
}

/// An API error answer: `{RequestId, HostId, Code, Message, Recommend}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApiErrorBody {
    /// The request ID.
    pub request_id: Option<String>,
    /// The host that answered.
    pub host_id: Option<String>,
    /// The error code (`InvalidEniId.NotFound`, `Throttling.User`, ...).
    pub code: String,
    /// The message.
    pub message: String,
    /// A troubleshooting link.
    pub recommend: Option<String>,
}

/// What the paging cursor and the delete-wait need to know about a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageSummary {
    /// The API's request ID.
    pub request_id: String,
    /// `TotalCount`.
    pub total_count: Option<u64>,
    /// `NextToken`, absent on the last page.
    pub next_token: Option<String>,
    /// How many ENIs the page holds.
    pub count: usize,
    /// ID and status of the first ENI of the page.
    pub first: Option<(String, String)>,
}

impl DescribeNetworkInterfacesResponse {
    /// The paging facts of this page.
    pub fn summary(&self) -> PageSummary {
        PageSummary {
            request_id: self.request_id.clone(),
            total_count: self.total_count,
            next_token: self.next_token.clone(),
            count: self.network_interfaces.len(),
            first: self
                .network_interfaces
                .first()
                .map(|e| (e.network_interface_id.clone(), e.status.clone())),
        }
    }
}

/// A page already in the JSON shape `API.md` gives JavaScript, with its paging facts.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageJson {
    /// `{"requestId":...,"networkInterfaces":[...]}` in camelCase.
    pub json: String,
    /// Paging facts.
    pub summary: PageSummary,
    /// Whether the listing reached ECS's cap for filtered queries at this page (the JSON then
    /// has `"capped":true`).
    pub capped: bool,
}

/// A 2xx `DescribeNetworkInterfaces` page the host decoded itself (the JavaScript transport,
/// with `JSON.parse` and the generated decoder): the facts the core needs, and the host's own
/// value of the page, which the core only carries.
pub struct HostPage {
    /// The HTTP status (2xx).
    pub status: u16,
    /// The paging facts.
    pub summary: PageSummary,
    /// The page as the host holds it (a JavaScript object for the wasm layer).
    pub value: Box<dyn core::any::Any>,
}

impl core::fmt::Debug for HostPage {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("HostPage")
            .field("status", &self.status)
            .field("summary", &self.summary)
            .finish_non_exhaustive()
    }
}

/// A decoded page, whatever its representation.
pub trait Page: Sized {
    /// Decodes a successful (2xx) answer.
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error>;
    /// Whether [`Page::from_host`] takes pages a host decoded; a representation that needs the
    /// bytes (the Rust structs, [`PageJson`]) is decoded by the core from the bytes, whatever the
    /// transport.
    const FROM_HOST: bool = false;
    /// Takes a page the host decoded ([`crate::transport::Transport::DECODES_PAGES`]);
    /// `None` when it is not the host's kind of value.
    fn from_host(page: HostPage) -> Option<Self> {
        let _ = page;
        None
    }
    /// The paging facts.
    fn summary(&self) -> PageSummary;
    /// Marks the page as the one where the listing reached ECS's cap for filtered queries
    /// (`crate::paginate::hits_cap`). The Rust structs carry no mark: ask
    /// `Paginator::capped`.
    fn mark_capped(&mut self) {}
}

impl Page for DescribeNetworkInterfacesResponse {
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        decode_describe(status, body)
    }
    fn summary(&self) -> PageSummary {
        DescribeNetworkInterfacesResponse::summary(self)
    }
}

/// Only the paging facts: what the wait for a deletion needs of its polls.
impl Page for PageSummary {
    const FROM_HOST: bool = true;
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        read_page(body)
            .map(|page| summary_of(&page))
            .map_err(|e| page_error(status, body, e))
    }
    fn from_host(page: HostPage) -> Option<Self> {
        Some(page.summary)
    }
    fn summary(&self) -> PageSummary {
        self.clone()
    }
}

/// A page the host decoded, kept as the host's own value (the JavaScript object in the wasm
/// layer), with its paging facts. [`Page::mark_capped`] only records the mark: the host applies
/// it to its value when it hands the page out. Its bytes never reach the core; if a transport
/// gave them anyway, they are the error of a page the host could not parse.
#[derive(Debug)]
pub struct HeldPage<V> {
    /// The host's value of the page.
    pub value: V,
    /// Its paging facts.
    pub summary: PageSummary,
    /// Whether the listing reached ECS's cap for filtered queries at this page.
    pub capped: bool,
}

impl<V: 'static> Page for HeldPage<V> {
    const FROM_HOST: bool = true;
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        Err(unparsed_page_error(status, body))
    }
    fn from_host(page: HostPage) -> Option<Self> {
        let value = page.value.downcast::<V>().ok()?;
        Some(HeldPage {
            value: *value,
            summary: page.summary,
            capped: false,
        })
    }
    fn summary(&self) -> PageSummary {
        self.summary.clone()
    }
    fn mark_capped(&mut self) {
        self.capped = true;
    }
}

impl Page for PageJson {
    fn decode(status: u16, body: &[u8]) -> Result<Self, Error> {
        transcode_describe(status, body)
    }
    fn summary(&self) -> PageSummary {
        self.summary.clone()
    }
    fn mark_capped(&mut self) {
        if !self.capped && self.json.ends_with('}') {
            self.json.pop();
            self.json.push_str(",\"capped\":true}");
            self.capped = true;
        }
    }
}

// ---- decoding entry points --------------------------------------------------------------------

/// At most this many characters of a bad body are quoted in an error message.
const EXCERPT_CHARS: usize = 120;

/// A short, printable excerpt of a body for error messages.
pub fn body_excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body.get(..512).unwrap_or(body));
    let mut out = String::with_capacity(EXCERPT_CHARS + 3);
    let mut count = 0;
    let mut last_space = false;
    for c in text.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == ' ' && last_space {
            continue;
        }
        last_space = c == ' ';
        if count >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        out.push(c);
        count += 1;
    }
    out.trim().to_owned()
}

fn decode_error(status: u16, body: &[u8], err: DecodeError) -> Error {
    let eof = matches!(err, DecodeError::Json(JsonError::Eof));
    let message = match err {
        DecodeError::Json(JsonError::Eof) if body.iter().all(u8::is_ascii_whitespace) => {
            String::from("the response body is empty")
        }
        DecodeError::Json(JsonError::Eof) => String::from("the response body is truncated JSON"),
        DecodeError::Json(JsonError::Syntax(_)) => String::from("the response body is not JSON"),
        DecodeError::Json(JsonError::TooDeep) => String::from("the response body nests too deeply"),
        DecodeError::Json(JsonError::Type(expected)) => {
            msg!(
                "the response does not have the API's shape: expected ",
                expected
            )
        }
        DecodeError::Field(field, expected) => shape_message(field, expected),
    };
    worded_decode_error(status, body, message, eof)
}

fn shape_message(field: &str, expected: &str) -> String {
    msg!(
        "the response does not have the API's shape: ",
        field,
        " is not ",
        expected
    )
}

/// The decode error with `message`, the status and an excerpt of the body appended.
fn worded_decode_error(status: u16, body: &[u8], mut message: String, truncated: bool) -> Error {
    message.push_str(&msg!(" (HTTP ", status, ")"));
    let excerpt = body_excerpt(body);
    if !excerpt.is_empty() {
        message.push_str("; body starts with: ");
        message.push_str(&excerpt);
    }
    let mut e = Error::decode(status, message);
    // Whether that is worth another attempt is the policy's call (`policy::retryable`).
    e.truncated = truncated;
    e
}

/// Whether `body` is well-formed JSON as the reader sees it (UTF-8, grammar, depth).
fn json_well_formed(body: &[u8]) -> Result<(), JsonError> {
    let mut r = Reader::new(body)?;
    r.skip()?;
    r.finish()
}

/// The decode error of a page: a shape error gives way to the body not being JSON at all.
fn page_error(status: u16, body: &[u8], err: DecodeError) -> Error {
    decode_error(status, body, page_decode_error(body, err))
}

/// Which error a page reports: `err` as read, unless the body is not JSON at all.
fn page_decode_error(body: &[u8], err: DecodeError) -> DecodeError {
    match err {
        DecodeError::Field(..) | DecodeError::Json(JsonError::Type(_)) => {
            match json_well_formed(body) {
                Err(json) => DecodeError::Json(json),
                Ok(()) => err,
            }
        }
        json => json,
    }
}

/// What the decoder makes of a page body: the page, or the error (after [`page_decode_error`]).
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) fn page_outcome(body: &[u8]) -> Result<(), DecodeError> {
    read_page(body)
        .map(drop)
        .map_err(|e| page_decode_error(body, e))
}

/// The decode error of a 2xx page the host could not parse as JSON (`JSON.parse` threw, the
/// bytes are not UTF-8, or it nests deeper than [`crate::json::MAX_DEPTH`]): worded by this
/// reader, as for a page decoded here.
pub fn unparsed_page_error(status: u16, body: &[u8]) -> Error {
    match json_well_formed(body) {
        Err(json) => decode_error(status, body, DecodeError::Json(json)),
        // The host and this reader disagree on what JSON is: still a decode error.
        Ok(()) => decode_error(status, body, DecodeError::Field("the response", "JSON")),
    }
}

/// The decode error of a 2xx page the host parsed but found is not the API's shape: `field`
/// is not `expected` (the generated decoder words both as this reader does). `head` is the
/// start of the body (512 bytes are enough for the excerpt).
pub fn page_shape_error(status: u16, head: &[u8], field: &str, expected: &str) -> Error {
    worded_decode_error(status, head, shape_message(field, expected), false)
}

/// Reads a `DescribeNetworkInterfaces` answer into its borrowed form.
fn read_page(body: &[u8]) -> Result<RawPage<'_>> {
    let mut r = Reader::new(body)?;
    let mut page = RawPage::default();
    page.read_members(&mut r, "the response", "present")?;
    r.finish()?;
    Ok(page)
}

fn summary_of(page: &RawPage<'_>) -> PageSummary {
    let decode = |s: Option<Str<'_>>| s.map(|s| s.decode()).unwrap_or_default();
    PageSummary {
        request_id: decode(page.request_id.0),
        total_count: page.total_count.0,
        next_token: page.next_token.0.map(|s| s.decode()),
        count: page.network_interfaces.0.len(),
        first: page
            .network_interfaces
            .0
            .first()
            .map(|e| (decode(e.network_interface_id.0), decode(e.status.0))),
    }
}

/// Decodes a `DescribeNetworkInterfaces` page into Rust structs.
pub fn decode_describe(
    status: u16,
    body: &[u8],
) -> Result<DescribeNetworkInterfacesResponse, Error> {
    let page = read_page(body).map_err(|e| page_error(status, body, e))?;
    Ok(page.to_owned_member())
}

/// Transcodes a `DescribeNetworkInterfaces` page into the camelCase JSON of `API.md`.
pub fn transcode_describe(status: u16, body: &[u8]) -> Result<PageJson, Error> {
    transcode_page(body).map_err(|e| page_error(status, body, e))
}

/// The page's list of ENIs, which [`transcode_page`] streams.
const ENI_LIST: (&str, &str) = ("NetworkInterfaceSets", "NetworkInterfaceSet");

/// Reads the page as [`read_page`] does, but writes each ENI as soon as it is read (into one
/// reused [`RawEni`]) instead of keeping them all: no allocation or copy per ENI.
///
/// The ENIs go straight into the output after the page's other members as read so far (the
/// API sends them first), and those are written again at the end: when a member came after the
/// list, the head is replaced. `networkInterfaces` is the table's last member, so a page written
/// with no ENI ends with `[]}`, where the ENIs go.
fn transcode_page(body: &[u8]) -> Result<PageJson> {
    let mut r = Reader::new(body)?;
    let mut page = RawPage::default();
    let mut eni = RawEni::default();
    let mut json = String::new();
    // The length of the head written before the ENIs (up to the list's `[`).
    let mut head = None;
    let mut count = 0;
    let mut first = None;
    let mut obj = object(&mut r, "the response")?;
    while let Some(k) = obj.key(&mut r)? {
        let key = k.to_cow();
        if key != ENI_LIST.0 {
            if !page.read_member(&mut r, &key)? {
                r.skip()?;
            }
            continue;
        }
        // A repeated list replaces the earlier one, as in `List::read`.
        json.clear();
        json.reserve(body.len() + 256);
        head = write_head(&page, &mut json);
        count = 0;
        first = None;
        each_kept(
            &mut r,
            ENI_LIST.0,
            ENI_LIST.1,
            &mut eni,
            &mut |e: &RawEni<'_>| {
                if count > 0 {
                    json.push(',');
                } else {
                    first = Some((text_of(e.network_interface_id.0), text_of(e.status.0)));
                }
                count += 1;
                e.write_json(&mut json);
            },
        )?;
    }
    page.check_required("present")?;
    r.finish()?;
    let mut final_head = String::with_capacity(256);
    match (head, write_head(&page, &mut final_head)) {
        (Some(at), Some(now)) => {
            if json.get(..at) != final_head.get(..now) {
                json.replace_range(..at, final_head.get(..now).unwrap_or(""));
            }
            json.push_str("]}");
        }
        // No ENI list in the answer: the page with its empty list.
        (None, Some(_)) => {
            json = final_head;
            json.push_str("]}");
        }
        // Only if the table no longer ends with the ENI list: the page read whole.
        (_, None) => {
            let page = read_page(body)?;
            json.clear();
            page.write_json(&mut json);
            return Ok(PageJson {
                json,
                summary: summary_of(&page),
                capped: false,
            });
        }
    }
    Ok(PageJson {
        json,
        summary: PageSummary {
            request_id: text_of(page.request_id.0),
            total_count: page.total_count.0,
            next_token: page.next_token.0.map(|s| s.decode()),
            count,
            first,
        },
        capped: false,
    })
}

/// Appends the page's JSON without its ENIs and its end (`...,"networkInterfaces":[`) and
/// returns the length appended; `None` when the page's JSON does not end with its (empty) ENI
/// list (then [`transcode_page`] does not use `out`).
fn write_head(page: &RawPage<'_>, out: &mut String) -> Option<usize> {
    let from = out.len();
    page.write_json(out);
    if out.ends_with("[]}") {
        out.truncate(out.len() - 2);
        Some(out.len() - from)
    } else {
        None
    }
}

/// Decoded text, `""` when absent.
fn text_of(s: Option<Str<'_>>) -> String {
    s.map(|s| s.decode()).unwrap_or_default()
}

/// Decodes a `DeleteNetworkInterface` answer.
pub fn decode_delete(status: u16, body: &[u8]) -> Result<DeleteNetworkInterfaceResponse, Error> {
    let read = || -> Result<Option<Str<'_>>> {
        let mut r = Reader::new(body)?;
        let mut request_id = None;
        let mut obj = object(&mut r, "the response")?;
        while let Some(k) = obj.key(&mut r)? {
            if k.raw() == "RequestId" {
                request_id = opt_str(&mut r, "RequestId")?;
            } else {
                r.skip()?;
            }
        }
        r.finish()?;
        Ok(request_id)
    };
    match read() {
        Ok(Some(id)) => Ok(DeleteNetworkInterfaceResponse {
            request_id: id.decode(),
        }),
        Ok(None) => Err(decode_error(
            status,
            body,
            DecodeError::Field("RequestId", "present"),
        )),
        Err(e) => Err(decode_error(status, body, e)),
    }
}

/// Decodes an error answer (non-2xx) into an API error, or a decode error when the body is not
/// the API's error shape (an HTML page from a proxy, say).
pub fn decode_api_error(status: u16, body: &[u8]) -> Error {
    let read = || -> Result<ApiErrorBody> {
        let mut r = Reader::new(body)?;
        let mut b = ApiErrorBody::default();
        let mut obj = object(&mut r, "the error response")?;
        while let Some(k) = obj.key(&mut r)? {
            let (name, slot) = match k.raw() {
                "RequestId" => ("RequestId", &mut b.request_id),
                "HostId" => ("HostId", &mut b.host_id),
                "Recommend" => ("Recommend", &mut b.recommend),
                "Code" => {
                    b.code = opt_str(&mut r, "Code")?
                        .map(|s| s.decode())
                        .unwrap_or_default();
                    continue;
                }
                "Message" => {
                    b.message = opt_str(&mut r, "Message")?
                        .map(|s| s.decode())
                        .unwrap_or_default();
                    continue;
                }
                _ => {
                    r.skip()?;
                    continue;
                }
            };
            *slot = opt_str(&mut r, name)?
                .map(|s| s.decode())
                .filter(|s| !s.is_empty());
        }
        r.finish()?;
        Ok(b)
    };
    match read() {
        Ok(b) if !b.code.is_empty() => Error::api(status, b),
        Ok(_) => Error::decode(
            status,
            msg!(
                "the error response has no Code (HTTP ",
                status,
                "); body starts with: ",
                body_excerpt(body)
            ),
        ),
        Err(err) => decode_error(status, body, err),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
