//! JavaScript arguments, read from their JSON form.
//!
//! The binding layer hands every argument over as `JSON.stringify(value, replacer)` text, where
//! the replacer turns what JSON cannot carry into a marker object `{"\u0000": "<tag>"}` (a
//! [`Marker`]: `"nan"`, `"infinity"`, `"function"`, `"abortSignal"`, ...) and drops `undefined`
//! members (an absent field). Reading that text here keeps all input checking in plain Rust,
//! tested natively, and refuses wrong types with the field's name:
//! `pageSize must be an integer, got 1.5`, `vpcId must be a string, got a number`.

use std::borrow::Cow;

use crate::json::{JsonError, Kind, Reader, Str};
use crate::request::{DescribeNetworkInterfacesRequest, EniStatus, EniType, FromInput, TagFilter};
use crate::sign::Credentials;
use crate::{msg, Error};

/// The key of a marker object.
pub const MARKER: &str = "\\u0000";

/// What JSON cannot carry, as the replacer of `runtime.js` marks it: `{"\u0000": "<tag>"}`.
/// `runtime.js`'s frozen `Marker` object holds the same tags (a test compares the two lists);
/// messages come from [`Marker::describe`], never from the tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// `NaN`.
    NaN,
    /// `Infinity`.
    Infinity,
    /// `-Infinity`.
    NegativeInfinity,
    /// A function.
    Function,
    /// A symbol.
    Symbol,
    /// A bigint.
    BigInt,
    /// An `AbortSignal`.
    AbortSignal,
}

impl Marker {
    /// Every marker, in the order of `runtime.js`'s `Marker` object.
    pub const ALL: [Marker; 7] = [
        Marker::NaN,
        Marker::Infinity,
        Marker::NegativeInfinity,
        Marker::Function,
        Marker::Symbol,
        Marker::BigInt,
        Marker::AbortSignal,
    ];

    /// The tag on the wire (the value under the `"\u0000"` key).
    pub fn tag(self) -> &'static str {
        match self {
            Marker::NaN => "nan",
            Marker::Infinity => "infinity",
            Marker::NegativeInfinity => "-infinity",
            Marker::Function => "function",
            Marker::Symbol => "symbol",
            Marker::BigInt => "bigint",
            Marker::AbortSignal => "abortSignal",
        }
    }

    /// The marker with tag `tag`.
    pub fn from_tag(tag: &str) -> Option<Marker> {
        Marker::ALL.into_iter().find(|m| m.tag() == tag)
    }

    /// How messages name it: `pageSize must be an integer, got NaN`.
    pub fn describe(self) -> &'static str {
        match self {
            Marker::NaN => "NaN",
            Marker::Infinity => "Infinity",
            Marker::NegativeInfinity => "-Infinity",
            Marker::Function => "a function",
            Marker::Symbol => "a symbol",
            Marker::BigInt => "a bigint",
            Marker::AbortSignal => "an AbortSignal",
        }
    }
}

/// What a value is: a JSON type, or a [`Marker`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    /// A JSON value of this kind (an object that is not a marker).
    Json(Kind),
    /// A marker object.
    Marked(Marker),
}

impl What {
    /// How messages name it: "a string", "null", "NaN", "a function", ...
    fn describe(self) -> &'static str {
        match self {
            What::Json(Kind::String) => "a string",
            What::Json(Kind::Number) => "a number",
            What::Json(Kind::Bool) => "a boolean",
            What::Json(Kind::Null) => "null",
            What::Json(Kind::Array) => "an array",
            What::Json(Kind::Object) => "an object",
            What::Marked(m) => m.describe(),
        }
    }
}

/// Reads the next value and says what it is.
fn what(r: &mut Reader<'_>) -> Result<What, JsonError> {
    let kind = r.peek()?;
    if kind != Kind::Object {
        r.skip()?;
        return Ok(What::Json(kind));
    }
    let mut obj = r.object()?;
    let mut what = What::Json(Kind::Object);
    let mut first = true;
    while let Some(k) = obj.key(r)? {
        what = What::Json(Kind::Object);
        if first && k.raw() == MARKER && r.peek()? == Kind::String {
            if let Some(m) = Marker::from_tag(&r.string()?.to_cow()) {
                what = What::Marked(m);
            }
        } else {
            r.skip()?;
        }
        first = false;
    }
    Ok(what)
}

/// Reads JSON argument text; every error names a field.
pub struct Input<'a> {
    r: Reader<'a>,
}

fn unreadable(field: &str) -> impl Fn(JsonError) -> Error + '_ {
    move |_| Error::validation(field, msg!(field, " could not be read"))
}

impl<'a> Input<'a> {
    /// Input over `json`.
    pub fn new(json: &'a str) -> Self {
        Input {
            r: Reader::over_str(json),
        }
    }

    fn wrong(&mut self, field: &str, expected: &str) -> Error {
        if self.is_empty() {
            return Error::validation(field, msg!(field, " must be ", expected, ", got undefined"));
        }
        match what(&mut self.r) {
            Ok(got) => Error::validation(
                field,
                msg!(field, " must be ", expected, ", got ", got.describe()),
            ),
            Err(_) => Error::validation(field, msg!(field, " could not be read")),
        }
    }

    /// The kind of the next value; nothing at all (`undefined`) reads as null, which no
    /// reader accepts, so the message says "got undefined".
    fn kind(&mut self, field: &str) -> Result<Kind, Error> {
        if self.is_empty() {
            return Ok(Kind::Null);
        }
        self.r.peek().map_err(unreadable(field))
    }

    /// Whether nothing is there (the whole argument was `undefined`).
    pub fn is_empty(&self) -> bool {
        self.r.is_empty()
    }

    /// A string.
    pub fn string(&mut self, field: &str) -> Result<String, Error> {
        match self.kind(field)? {
            Kind::String => self
                .r
                .string()
                .map(|s| s.decode())
                .map_err(unreadable(field)),
            _ => Err(self.wrong(field, "a string")),
        }
    }

    /// A boolean.
    pub fn boolean(&mut self, field: &str) -> Result<bool, Error> {
        match self.kind(field)? {
            Kind::Bool => self.r.boolean().map_err(unreadable(field)),
            _ => Err(self.wrong(field, "a boolean")),
        }
    }

    /// An integer (a JavaScript number without a fraction).
    pub fn integer(&mut self, field: &str) -> Result<i64, Error> {
        if self.kind(field)? != Kind::Number {
            return Err(self.wrong(field, "an integer"));
        }
        let raw = self.r.number().map_err(unreadable(field))?;
        let digits = raw.strip_prefix('-').unwrap_or(raw);
        if digits.bytes().all(|b| b.is_ascii_digit()) {
            let magnitude = crate::json::parse_u64(digits)
                .unwrap_or(u64::MAX)
                .min(i64::MAX as u64) as i64;
            return Ok(if raw.starts_with('-') {
                -magnitude
            } else {
                magnitude
            });
        }
        Err(Error::validation(
            field,
            msg!(field, " must be an integer, got ", raw),
        ))
    }

    /// A list of strings.
    pub fn strings(&mut self, field: &str) -> Result<Vec<String>, Error> {
        if self.kind(field)? != Kind::Array {
            return Err(self.wrong(field, "an array of strings"));
        }
        let mut list = self.r.array().map_err(unreadable(field))?;
        let mut out = Vec::new();
        while list.element(&mut self.r).map_err(unreadable(field))? {
            out.push(self.string(&msg!(field, "[", out.len(), "]"))?);
        }
        Ok(out)
    }

    /// A function marker (the binding layer fetches the function itself).
    pub fn function(&mut self, field: &str) -> Result<(), Error> {
        self.marker(field, Marker::Function)
    }

    /// An AbortSignal marker.
    pub fn signal(&mut self, field: &str) -> Result<(), Error> {
        self.marker(field, Marker::AbortSignal)
    }

    /// Whether the next value is the marker `m` (nothing is read).
    fn is(&self, m: Marker) -> bool {
        let mut probe = Reader::over_str(self.r.rest());
        matches!(what(&mut probe), Ok(What::Marked(got)) if got == m)
    }

    fn marker(&mut self, field: &str, m: Marker) -> Result<(), Error> {
        if self.is(m) {
            return self.r.skip().map_err(unreadable(field));
        }
        Err(self.wrong(field, m.describe()))
    }

    /// The members of an object named `field` (`request`, `options`, `tags[0]` ...): calls
    /// `member(input, key, name)` with `name` the full field name (`tags[0].key`); `member`
    /// must read the value, or return `Ok(false)` for an unknown key, which is refused with
    /// a hint when only the case differs from one of `known`.
    pub fn object(
        &mut self,
        field: &str,
        known: &[&str],
        member: &mut dyn FnMut(&mut Self, &str, &str) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        if self.kind(field)? != Kind::Object || self.is_marker() {
            return Err(self.wrong(field, "an object"));
        }
        let mut obj = self.r.object().map_err(unreadable(field))?;
        let top = matches!(field, "request" | "options");
        while let Some(key) = obj.key(&mut self.r).map_err(unreadable(field))? {
            let key: Str<'_> = key;
            let key = key.decode();
            let name = if top {
                key.clone()
            } else {
                msg!(field, ".", key)
            };
            if !member(self, &key, &name)? {
                let hint = known
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(&key))
                    .map(|k| msg!(" (did you mean ", k, "?)"))
                    .unwrap_or_default();
                return Err(Error::validation(
                    &name,
                    msg!(name, " is not a field of ", field, hint),
                ));
            }
        }
        Ok(())
    }

    fn is_marker(&self) -> bool {
        let mut probe = Reader::over_str(self.r.rest());
        matches!(what(&mut probe), Ok(What::Marked(_)))
    }

    /// Checks that the whole text was read.
    pub fn finish(mut self, field: &str) -> Result<(), Error> {
        self.r.finish().map_err(unreadable(field))
    }
}

impl FromInput for Option<String> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(i.string(name)?);
        Ok(())
    }
}

impl FromInput for Option<Vec<String>> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(i.strings(name)?);
        Ok(())
    }
}

impl FromInput for Option<bool> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(i.boolean(name)?);
        Ok(())
    }
}

impl FromInput for Option<i64> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(i.integer(name)?);
        Ok(())
    }
}

impl FromInput for Option<EniType> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(EniType::parse(name, &i.string(name)?)?);
        Ok(())
    }
}

impl FromInput for Option<EniStatus> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(EniStatus::parse(name, &i.string(name)?)?);
        Ok(())
    }
}

impl FromInput for Option<Vec<TagFilter>> {
    fn read_from(&mut self, i: &mut Input<'_>, name: &str) -> Result<(), Error> {
        *self = Some(tags(i, name)?);
        Ok(())
    }
}

/// A `DescribeNetworkInterfacesRequest` from its JSON form (empty text: `undefined`, no
/// filter), validated. The fields and their readers come from the request's table.
pub fn describe_request(json: &str) -> Result<DescribeNetworkInterfacesRequest, Error> {
    let mut req = DescribeNetworkInterfacesRequest::default();
    let mut input = Input::new(json);
    if input.is_empty() {
        return Ok(req);
    }
    input.object(
        "request",
        DescribeNetworkInterfacesRequest::FIELDS,
        &mut |i, key, name| req.read_member(key, &mut |v| v.read_from(i, name)),
    )?;
    input.finish("request")?;
    req.validate()?;
    Ok(req)
}

fn tags(i: &mut Input<'_>, field: &str) -> Result<Vec<TagFilter>, Error> {
    if i.kind(field)? != Kind::Array {
        return Err(i.wrong(field, "an array of { key, value? }"));
    }
    let mut list = i.r.array().map_err(unreadable(field))?;
    let mut out = Vec::new();
    while list.element(&mut i.r).map_err(unreadable(field))? {
        let name = msg!(field, "[", out.len(), "]");
        let (mut key, mut value) = (None, None);
        i.object(&name, &["key", "value"], &mut |i, k, full| {
            match k {
                "key" => key = Some(i.string(full)?),
                "value" => value = Some(i.string(full)?),
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        let Some(key) = key else {
            let field = msg!(name, ".key");
            return Err(Error::validation(
                &field,
                msg!(field, " must be a string, got undefined"),
            ));
        };
        out.push(TagFilter { key, value });
    }
    Ok(out)
}

/// Credentials from `{ accessKeyId, accessKeySecret, securityToken? }` (other members, such as
/// an expiration from an STS helper, are ignored). `field` names the argument.
pub fn credentials(input: &mut Input<'_>, field: &str) -> Result<Credentials, Error> {
    let (mut id, mut secret, mut token) = (None, None, None);
    input.object(field, &[], &mut |i, key, name| {
        match key {
            "accessKeyId" => id = Some(i.string(name)?),
            "accessKeySecret" => secret = Some(i.string(name)?),
            "securityToken" => {
                if i.kind(name)? == Kind::Null {
                    i.r.skip().map_err(unreadable(name))?;
                } else {
                    token = Some(i.string(name)?);
                }
            }
            _ => i.r.skip().map_err(unreadable(name))?,
        }
        Ok(true)
    })?;
    let missing = |what: &str| {
        let f = msg!(field, ".", what);
        Error::validation(&f, msg!(f, " must be a string, got undefined"))
    };
    let mut c = Credentials::new(
        id.ok_or_else(|| missing("accessKeyId"))?,
        secret.ok_or_else(|| missing("accessKeySecret"))?,
    );
    if let Some(t) = token {
        c = c.with_security_token(t);
    }
    c.validate()?;
    Ok(c)
}

/// Where credentials come from, as given in `ClientOptions.credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialsInput {
    /// A fixed object.
    Fixed(Credentials),
    /// A provider function (the binding layer holds it).
    Provider,
    /// None given: the binding layer uses `defaultCredentials()`.
    Default,
}

/// `ClientOptions`, read from JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientOptionsInput {
    /// The client configuration.
    pub config: crate::ClientConfig,
    /// The credentials, or the fact that a provider was given.
    pub credentials: CredentialsInput,
    /// Whether a `fetch` function was given.
    pub fetch: bool,
}

/// The members of `ClientOptions.retry`, in the order of [`crate::policy::RetryPolicy`]'s delays.
const RETRY_FIELDS: [&str; 3] = ["baseDelayMs", "throttlingBaseDelayMs", "maxDelayMs"];

/// `ClientOptions` from its JSON form.
pub fn client_options(json: &str) -> Result<ClientOptionsInput, Error> {
    const KNOWN: [&str; 10] = [
        "regionId",
        "credentials",
        "endpoint",
        "maxAttempts",
        "timeoutMs",
        "retry",
        "fetch",
        "allowInsecureHttp",
        "signatureAlgorithm",
        "signingHost",
    ];
    let mut input = Input::new(json);
    if input.is_empty() {
        return Err(Error::validation(
            "options",
            String::from("options must be an object with regionId, got undefined"),
        ));
    }
    let (mut region, mut endpoint, mut attempts, mut timeout, mut creds, mut fetch) =
        (None, None, None, None, None, false);
    let mut insecure = false;
    let mut delays: [Option<i64>; 3] = [None; 3];
    let (mut algorithm, mut signing_host) = (None, None);
    input.object("options", &KNOWN, &mut |i, key, name| {
        match key {
            "regionId" => region = Some(i.string(name)?),
            "signatureAlgorithm" => {
                algorithm = Some(crate::rpc::SignatureAlgorithm::parse(
                    &i.string(name)?,
                    name,
                )?)
            }
            "signingHost" => signing_host = Some(i.string(name)?),
            "endpoint" => endpoint = Some(i.string(name)?),
            "allowInsecureHttp" => insecure = i.boolean(name)?,
            "maxAttempts" => attempts = Some(i.integer(name)?),
            "timeoutMs" => timeout = Some(i.integer(name)?),
            "retry" => i.object(name, &RETRY_FIELDS, &mut |i, key, full| {
                let slot = RETRY_FIELDS
                    .iter()
                    .position(|f| *f == key)
                    .and_then(|p| delays.get_mut(p));
                let Some(slot) = slot else {
                    return Ok(false);
                };
                *slot = Some(i.integer(full)?);
                Ok(true)
            })?,
            "fetch" => {
                i.function(name)?;
                fetch = true;
            }
            "credentials" => {
                creds = Some(if i.is(Marker::Function) {
                    i.function(name)?;
                    CredentialsInput::Provider
                } else if i.kind(name)? == Kind::Object {
                    CredentialsInput::Fixed(credentials(i, name)?)
                } else {
                    return Err(i.wrong(
                        name,
                        "an object { accessKeyId, accessKeySecret, securityToken? } or a function",
                    ));
                });
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    input.finish("options")?;
    let region = region.ok_or_else(|| {
        Error::validation(
            "regionId",
            String::from("regionId must be a string, got undefined"),
        )
    })?;
    let mut config = crate::ClientConfig::new(&region)?;
    if let Some(e) = endpoint {
        config = if insecure {
            config.with_insecure_endpoint(&e)?
        } else {
            config.with_endpoint(&e)?
        };
    }
    if let Some(n) = attempts {
        config = config.with_max_attempts(n)?;
    }
    if let Some(ms) = timeout {
        config = config.with_timeout_ms(ms)?;
    }
    if let Some(a) = algorithm {
        config = config.with_signature_algorithm(a);
    }
    if let Some(h) = signing_host {
        config = config.with_signing_host(&h)?;
    }
    let policy = &mut config.retry;
    let slots = [
        &mut policy.base_delay_ms,
        &mut policy.throttling_base_delay_ms,
        &mut policy.max_delay_ms,
    ];
    for ((field, value), slot) in RETRY_FIELDS.iter().zip(delays).zip(slots) {
        if let Some(ms) = value {
            *slot = crate::client::check_ms(&msg!("retry.", field), ms, 0)?;
        }
    }
    let credentials = creds.unwrap_or(CredentialsInput::Default);
    Ok(ClientOptionsInput {
        config,
        credentials,
        fetch,
    })
}

/// `CallOptions` / `DeleteOptions`, read from JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CallOptionsInput {
    /// Whether an AbortSignal was given (the binding layer holds it).
    pub signal: bool,
    /// Whether an `onRetry` function was given (the binding layer holds it).
    pub on_retry: bool,
    /// `errorIfCapped`: reject instead of flagging a listing that reached ECS's cap.
    pub error_if_capped: bool,
    /// `waitUntilDeleted` and `waitTimeoutMs`.
    pub delete: crate::DeleteOptions,
}

/// `CallOptions` (or `DeleteOptions` when `delete` is true) from its JSON form.
pub fn call_options(json: &str, delete: bool) -> Result<CallOptionsInput, Error> {
    let mut out = CallOptionsInput::default();
    let mut input = Input::new(json);
    if input.is_empty() {
        return Ok(out);
    }
    let known: &[&str] = if delete {
        &[
            "signal",
            "onRetry",
            "waitUntilDeleted",
            "waitTimeoutMs",
            "redeleteAfterMs",
        ]
    } else {
        &["signal", "onRetry", "errorIfCapped"]
    };
    input.object("options", known, &mut |i, key, name| {
        match key {
            "signal" => {
                i.signal(name)?;
                out.signal = true;
            }
            "onRetry" => {
                i.function(name)?;
                out.on_retry = true;
            }
            "errorIfCapped" if !delete => out.error_if_capped = i.boolean(name)?,
            "waitUntilDeleted" if delete => out.delete.wait_until_deleted = i.boolean(name)?,
            "waitTimeoutMs" if delete => {
                let ms = i.integer(name)?;
                out.delete.wait_timeout_ms = crate::client::check_ms(name, ms, 1)?;
            }
            "redeleteAfterMs" if delete => {
                let ms = i.integer(name)?;
                out.delete.redelete_after_ms = crate::client::check_ms(name, ms, 1)?;
            }
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    input.finish("options")?;
    Ok(out)
}

/// A name and a value, borrowed from the JSON text when they hold no escape.
pub type Param<'a> = (Cow<'a, str>, Cow<'a, str>);

/// The parameters of `rpcSignature`: an object of strings.
pub fn string_map<'a>(json: &'a str, field: &str) -> Result<Vec<Param<'a>>, Error> {
    let mut input = Input::new(json);
    if input.is_empty() {
        return Err(Error::validation(
            field,
            msg!(field, " must be an object of strings, got undefined"),
        ));
    }
    if input.kind(field)? != Kind::Object || input.is_marker() {
        return Err(input.wrong(field, "an object"));
    }
    // A plain loop over borrowed slices (not `Input::object`): signing runs this per call.
    let mut obj = input.r.object().map_err(unreadable(field))?;
    let mut out = Vec::new();
    while let Some(key) = obj.key(&mut input.r).map_err(unreadable(field))? {
        if input.r.peek().map_err(unreadable(field))? != Kind::String {
            let name = msg!(field, ".", key.decode());
            return Err(input.wrong(&name, "a string"));
        }
        let value = input.r.string().map_err(unreadable(field))?;
        out.push((key.to_cow(), value.to_cow()));
    }
    input.finish(field)?;
    Ok(out)
}

/// The lead fields and the parameters of a flat form (see [`flat_fields`]).
pub type Flat<'a, const LEAD: usize> = ([&'a str; LEAD], Vec<(&'a str, &'a str)>);

/// The flat form the binding layer's `js/sign.js` gives the signing exports' arguments in:
/// `LEAD` fields, then a name and a value per parameter, then the number of parameters, all
/// separated by U+0000. `None` when the count does not match the fields (a string held U+0000
/// itself): the caller then reads the JSON form.
pub fn flat_fields<const LEAD: usize>(text: &str) -> Option<Flat<'_, LEAD>> {
    let (fields, count) = split_flat(text)?;
    // A separator inside a string adds a field: the count is off, so nothing is misread.
    if Some(fields.len()) != count.checked_mul(2).and_then(|n| n.checked_add(LEAD)) {
        return None;
    }
    let mut fields = fields.into_iter();
    let mut head = [""; LEAD];
    for field in &mut head {
        *field = fields.next()?;
    }
    let mut pairs = Vec::with_capacity(count);
    while let (Some(name), Some(value)) = (fields.next(), fields.next()) {
        pairs.push((name, value));
    }
    Some((head, pairs))
}

/// The fields of a flat form and its trailing count (byte scans: `str::split` with a pattern
/// brings a searcher into the wasm).
fn split_flat(text: &str) -> Option<(Vec<&str>, usize)> {
    let bytes = text.as_bytes();
    let last = bytes.iter().rposition(|&b| b == 0)?;
    let count = usize::try_from(crate::json::parse_u64(text.get(last + 1..)?)?).ok()?;
    let mut fields = Vec::with_capacity(count.saturating_mul(2).saturating_add(16).min(last));
    let mut start = 0;
    while start <= last {
        let len = bytes.get(start..)?.iter().position(|&b| b == 0)?;
        fields.push(text.get(start..start + len)?);
        start += len + 1;
    }
    Some((fields, count))
}

/// `{ vpc?: boolean }` of `resolveEndpoint`.
pub fn endpoint_options(json: &str) -> Result<bool, Error> {
    let mut input = Input::new(json);
    if input.is_empty() {
        return Ok(false);
    }
    let mut vpc = false;
    input.object("options", &["vpc"], &mut |i, key, name| {
        if key != "vpc" {
            return Ok(false);
        }
        vpc = i.boolean(name)?;
        Ok(true)
    })?;
    input.finish("options")?;
    Ok(vpc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_and_message(json: &str) -> (String, String) {
        let e = describe_request(json).unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Validation, "{json}");
        (e.field.unwrap_or_default(), e.message)
    }

    #[test]
    fn reads_every_request_field() {
        let r = describe_request(
            r#"{"vSwitchId":"vsw","vpcId":"vpc","primaryIpAddress":"10.0.0.1","privateIpAddresses":["10.0.0.2"],
                "ipv6Addresses":["::1"],"securityGroupId":"sg","networkInterfaceName":"n","type":"Secondary",
                "instanceId":"i","networkInterfaceIds":["eni-1","eni-2"],"serviceManaged":false,"status":"Available",
                "tags":[{"key":"k","value":"v"},{"key":"only"}],"resourceGroupId":"rg","pageNumber":2,"pageSize":50}"#,
        )
        .unwrap();
        assert_eq!(r.v_switch_id.as_deref(), Some("vsw"));
        assert_eq!(r.network_interface_ids.as_ref().map(Vec::len), Some(2));
        assert_eq!(r.eni_type, Some(EniType::Secondary));
        assert_eq!(r.status, Some(EniStatus::Available));
        assert_eq!(r.service_managed, Some(false));
        assert_eq!(
            r.tags.as_ref().unwrap()[1],
            TagFilter {
                key: "only".into(),
                value: None
            }
        );
        assert_eq!((r.page_number, r.page_size), (Some(2), Some(50)));
        assert_eq!(
            describe_request("").unwrap(),
            DescribeNetworkInterfacesRequest::default()
        );
        assert_eq!(
            describe_request("{}").unwrap(),
            DescribeNetworkInterfacesRequest::default()
        );
    }

    #[test]
    fn names_the_field_of_every_wrong_type() {
        for (json, field, message) in [
            (
                r#"{"vpcId":5}"#,
                "vpcId",
                "vpcId must be a string, got a number",
            ),
            (
                r#"{"vpcId":null}"#,
                "vpcId",
                "vpcId must be a string, got null",
            ),
            (
                r#"{"vpcId":{}}"#,
                "vpcId",
                "vpcId must be a string, got an object",
            ),
            (
                r#"{"vpcId":["a"]}"#,
                "vpcId",
                "vpcId must be a string, got an array",
            ),
            (
                r#"{"vpcId":{"\u0000":"function"}}"#,
                "vpcId",
                "vpcId must be a string, got a function",
            ),
            (
                r#"{"pageSize":"10"}"#,
                "pageSize",
                "pageSize must be an integer, got a string",
            ),
            (
                r#"{"pageSize":{"\u0000":"nan"}}"#,
                "pageSize",
                "pageSize must be an integer, got NaN",
            ),
            (
                r#"{"pageSize":1.5}"#,
                "pageSize",
                "pageSize must be an integer, got 1.5",
            ),
            (
                r#"{"pageSize":-1}"#,
                "pageSize",
                "pageSize must be between 1 and 100, got -1",
            ),
            (
                r#"{"maxResults":{"\u0000":"infinity"}}"#,
                "maxResults",
                "maxResults must be an integer, got Infinity",
            ),
            (
                r#"{"maxResults":1e+21}"#,
                "maxResults",
                "maxResults must be an integer, got 1e+21",
            ),
            (
                r#"{"networkInterfaceIds":"eni-1"}"#,
                "networkInterfaceIds",
                "networkInterfaceIds must be an array of strings, got a string",
            ),
            (
                r#"{"networkInterfaceIds":["eni-1",2]}"#,
                "networkInterfaceIds[1]",
                "networkInterfaceIds[1] must be a string, got a number",
            ),
            (
                r#"{"privateIpAddresses":[null]}"#,
                "privateIpAddresses[0]",
                "privateIpAddresses[0] must be a string, got null",
            ),
            (
                r#"{"tags":[{"value":"v"}]}"#,
                "tags[0].key",
                "tags[0].key must be a string, got undefined",
            ),
            (
                r#"{"tags":[{"key":"k","value":1}]}"#,
                "tags[0].value",
                "tags[0].value must be a string, got a number",
            ),
            (
                r#"{"tags":[{"key":"k","Value":"v"}]}"#,
                "tags[0].Value",
                "tags[0].Value is not a field of tags[0] (did you mean value?)",
            ),
            (
                r#"{"tags":["k"]}"#,
                "tags[0]",
                "tags[0] must be an object, got a string",
            ),
            (
                r#"{"tags":{}}"#,
                "tags",
                "tags must be an array of { key, value? }, got an object",
            ),
            (
                r#"{"serviceManaged":"true"}"#,
                "serviceManaged",
                "serviceManaged must be a boolean, got a string",
            ),
            (
                r#"{"vpcid":"x"}"#,
                "vpcid",
                "vpcid is not a field of request (did you mean vpcId?)",
            ),
            ("null", "request", "request must be an object, got null"),
            ("[]", "request", "request must be an object, got an array"),
            (
                "\"vpc-1\"",
                "request",
                "request must be an object, got a string",
            ),
            (
                r#"{"\u0000":"function"}"#,
                "request",
                "request must be an object, got a function",
            ),
        ] {
            assert_eq!(
                field_and_message(json),
                (field.to_owned(), message.to_owned()),
                "{json}"
            );
        }
    }

    #[test]
    fn client_options() {
        let o = super::client_options(
            r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s","expiration":"x"},
                "endpoint":"http://127.0.0.1:1","maxAttempts":5,"timeoutMs":100,"fetch":{"\u0000":"function"}}"#,
        )
        .unwrap();
        assert!(o.fetch);
        assert_eq!(o.config.retry.max_attempts, 5);
        assert_eq!(o.config.endpoint, "http://127.0.0.1:1");
        assert_eq!(
            o.credentials,
            CredentialsInput::Fixed(Credentials::new("a", "s"))
        );
        let o = super::client_options(
            r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},
                "retry":{"baseDelayMs":5,"throttlingBaseDelayMs":20,"maxDelayMs":40}}"#,
        )
        .unwrap();
        let r = o.config.retry;
        assert_eq!(
            (r.base_delay_ms, r.throttling_base_delay_ms, r.max_delay_ms),
            (5, 20, 40)
        );
        let o = super::client_options(
            r#"{"regionId":"cn-hangzhou","credentials":{"\u0000":"function"}}"#,
        )
        .unwrap();
        assert_eq!(o.credentials, CredentialsInput::Provider);
        let o = super::client_options(r#"{"regionId":"cn-hangzhou"}"#).unwrap();
        assert_eq!(o.credentials, CredentialsInput::Default);
        for (json, field) in [
            ("", "options"),
            ("null", "options"),
            (
                r#"{"credentials":{"accessKeyId":"a","accessKeySecret":"s"}}"#,
                "regionId",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a"}}"#,
                "credentials.accessKeySecret",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s","securityToken":7}}"#,
                "credentials.securityToken",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":"key"}"#,
                "credentials",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},"fetch":"f"}"#,
                "fetch",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},"retries":3}"#,
                "retries",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},"retry":{"maxDelayMs":-1}}"#,
                "retry.maxDelayMs",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},"retry":{"baseDelay":1}}"#,
                "retry.baseDelay",
            ),
            (
                r#"{"regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"s"},"maxAttempts":2.5}"#,
                "maxAttempts",
            ),
        ] {
            let e = super::client_options(json).unwrap_err();
            assert_eq!(e.field.as_deref(), Some(field), "{json}: {}", e.message);
        }
    }

    #[test]
    fn plain_http_needs_loopback_or_the_opt_in() {
        let base =
            r#""regionId":"cn-hangzhou","credentials":{"accessKeyId":"a","accessKeySecret":"b"}"#;
        let e = super::client_options(&format!(r#"{{{base},"endpoint":"http://ecs.test"}}"#))
            .unwrap_err();
        assert_eq!(e.field.as_deref(), Some("endpoint"));
        let o = super::client_options(&format!(
            r#"{{{base},"endpoint":"http://ecs.test","allowInsecureHttp":true}}"#
        ))
        .unwrap();
        assert_eq!(o.config.endpoint, "http://ecs.test");
        super::client_options(&format!(r#"{{{base},"endpoint":"http://127.0.0.1:9000"}}"#))
            .unwrap();
        let e = super::client_options(&format!(r#"{{{base},"allowInsecureHttp":1}}"#)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("allowInsecureHttp"));
    }

    #[test]
    fn markers_match_runtime_js() {
        // The frozen `Marker` object of runtime.js, entry by entry.
        let js = include_str!("wasm/js/runtime.js");
        let start = js.find("export const Marker = Object.freeze({").unwrap();
        let body = &js[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find("})").unwrap()];
        let tags: Vec<&str> = body
            .split(',')
            .filter_map(|entry| entry.split_once(':'))
            .map(|(_, tag)| tag.trim().trim_matches('"'))
            .collect();
        let rust: Vec<&str> = Marker::ALL.iter().map(|m| m.tag()).collect();
        assert_eq!(tags, rust);
        for m in Marker::ALL {
            assert_eq!(Marker::from_tag(m.tag()), Some(m));
            // A marker object reads as its marker; the message comes from the enum.
            let json = format!(r#"{{"vpcId":{{"\u0000":"{}"}}}}"#, m.tag());
            let e = describe_request(&json).unwrap_err();
            assert_eq!(
                e.message,
                format!("vpcId must be a string, got {}", m.describe())
            );
        }
        // An unknown tag, or a marker key among others, is an ordinary object.
        for json in [
            r#"{"vpcId":{"\u0000":"a function"}}"#,
            r#"{"vpcId":{"\u0000":"function","x":1}}"#,
        ] {
            assert_eq!(
                describe_request(json).unwrap_err().message,
                "vpcId must be a string, got an object"
            );
        }
    }

    #[test]
    fn call_and_delete_options() {
        assert!(
            call_options(r#"{"signal":{"\u0000":"abortSignal"}}"#, false)
                .unwrap()
                .signal
        );
        let o = call_options(r#"{"onRetry":{"\u0000":"function"}}"#, true).unwrap();
        assert!(o.on_retry && !o.signal);
        assert!(
            call_options(r#"{"errorIfCapped":true}"#, false)
                .unwrap()
                .error_if_capped
        );
        let d = call_options(r#"{"waitUntilDeleted":true,"waitTimeoutMs":500}"#, true).unwrap();
        assert_eq!(
            (d.delete.wait_until_deleted, d.delete.wait_timeout_ms),
            (true, 500)
        );
        let d = call_options(r#"{"redeleteAfterMs":7000}"#, true).unwrap();
        assert_eq!(d.delete.redelete_after_ms, 7000);
        for (json, delete, field) in [
            (r#"{"signal":true}"#, false, "signal"),
            (r#"{"onRetry":true}"#, false, "onRetry"),
            (r#"{"errorIfCapped":1}"#, false, "errorIfCapped"),
            (r#"{"errorIfCapped":true}"#, true, "errorIfCapped"),
            (r#"{"redeleteAfterMs":0}"#, true, "redeleteAfterMs"),
            (r#"{"redeleteAfterMs":5}"#, false, "redeleteAfterMs"),
            (r#"{"onretry":{"\u0000":"function"}}"#, false, "onretry"),
            (r#"{"waitUntilDeleted":true}"#, false, "waitUntilDeleted"),
            (r#"{"waitTimeoutMs":"1"}"#, true, "waitTimeoutMs"),
            (r#"{"waitTimeoutMs":0}"#, true, "waitTimeoutMs"),
        ] {
            assert_eq!(
                call_options(json, delete).unwrap_err().field.as_deref(),
                Some(field),
                "{json}"
            );
        }
    }

    #[test]
    fn flat_fields_read_only_well_formed_text() {
        // `|` stands for the separator, U+0000.
        let text = |s: &str| s.replace('|', "\0");
        let t = text("GET|s|a|1|b||2");
        let (head, pairs) = flat_fields::<2>(&t).unwrap();
        assert_eq!(head, ["GET", "s"]);
        assert_eq!(pairs, [("a", "1"), ("b", "")]);
        let t = text("x|0");
        let (head, pairs) = flat_fields::<1>(&t).unwrap();
        assert_eq!((head, pairs.len()), (["x"], 0));
        // A separator inside a name or a value (or a lead field) shifts the fields: refused.
        for t in [
            "GET|s|a|x|y|b||2",
            "GET|s|a|x||1|b||2",
            "GET|s|t|a|1|1",
            "GET|s|a|1|b||3",
            "GET|s|a|1|b||1",
            "GET|s|a|1|",
            "GET|s|a|1|x",
            "",
            "GET",
        ] {
            assert!(flat_fields::<2>(&text(t)).is_none(), "{t:?}");
        }
    }

    #[test]
    fn string_maps_and_endpoint_options() {
        assert_eq!(
            string_map(r#"{"a":"1","b":"","c\u0021":"\u00e9"}"#, "params").unwrap(),
            [
                ("a".into(), "1".into()),
                ("b".into(), "".into()),
                ("c!".into(), "é".into())
            ]
        );
        assert_eq!(
            string_map(r#"{"a":1}"#, "params")
                .unwrap_err()
                .field
                .as_deref(),
            Some("params.a")
        );
        assert_eq!(
            string_map("[]", "params").unwrap_err().field.as_deref(),
            Some("params")
        );
        assert!(endpoint_options(r#"{"vpc":true}"#).unwrap());
        assert!(!endpoint_options("").unwrap());
        let e = credentials(&mut Input::new(""), "credentials").unwrap_err();
        assert_eq!(e.message, "credentials must be an object, got undefined");
        assert_eq!(
            Input::new("").string("regionId").unwrap_err().message,
            "regionId must be a string, got undefined"
        );
        assert_eq!(
            endpoint_options(r#"{"vpc":1}"#)
                .unwrap_err()
                .field
                .as_deref(),
            Some("vpc")
        );
    }
}
