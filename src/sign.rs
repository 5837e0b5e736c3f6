//! Signature v1: `base64(HMAC-SHA1(key = AccessKeySecret + "&", StringToSign))`.
//!
//! The signer never sends anything and never reads a clock: time and nonce come in through
//! [`SigningContext`], and [`sign`] returns the query to send.

use core::fmt;

use zeroize::{Zeroize, Zeroizing};

use crate::canonical::{CanonicalQuery, Method, StringToSign};
use crate::encode::percent_encode_into;
use crate::time::format_timestamp;

/// An AccessKey pair, optionally with an STS security token.
///
/// `Debug` never prints the secret or the token. Dropping it (every per-request clone
/// included) overwrites the secret and the token before their memory is freed.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: String,
    security_token: Option<String>,
}

impl Credentials {
    /// A long-term AccessKey pair.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }

    /// Adds an STS security token (sent as `SecurityToken`).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(token.into());
        self
    }

    /// The AccessKeyId (not secret).
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The AccessKeySecret.
    pub fn access_key_secret(&self) -> &str {
        &self.access_key_secret
    }

    /// The STS security token, if any.
    pub fn security_token(&self) -> Option<&str> {
        self.security_token.as_deref()
    }

    /// Checks that the id and secret are present and printable.
    pub fn validate(&self) -> Result<(), crate::Error> {
        check_credential("credentials.accessKeyId", &self.access_key_id)?;
        check_credential("credentials.accessKeySecret", &self.access_key_secret)?;
        if let Some(token) = &self.security_token {
            check_credential("credentials.securityToken", token)?;
        }
        Ok(())
    }
}

impl Drop for Credentials {
    fn drop(&mut self) {
        self.access_key_secret.zeroize();
        self.security_token.zeroize();
    }
}

/// The HMAC key of signature v1, `AccessKeySecret + "&"`, wiped when dropped.
fn v1_key(access_key_secret: &str) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(access_key_secret.len() + 1));
    key.extend_from_slice(access_key_secret.as_bytes());
    key.push(b'&');
    key
}

/// SHA-1 and SHA-256 driven block by block from here, over the crates' compression functions.
///
/// The digest crates keep the last, partial block of their input in a buffer of their own,
/// which stays behind in wasm memory (the stack is linear memory) after the hash is dropped;
/// that block may end with the STS token or, for a key hashed first, the AccessKeySecret. Here
/// whole blocks are compressed straight from the input and the partial one waits in a buffer
/// that is wiped in place when the hash is finished (it is never moved once it holds data).
pub(crate) mod hash {
    use sha1::digest::generic_array::GenericArray;
    use zeroize::Zeroize;

    /// A hash with 64-byte blocks and a big-endian length (the SHA-1 and SHA-2 padding). One
    /// type for both (not a generic per hash): the driver is in the wasm once.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub(crate) enum Hash {
        /// SHA-1: five state words, a 20-byte digest.
        Sha1,
        /// SHA-256: eight state words, a 32-byte digest.
        Sha256,
    }

    impl Hash {
        fn init(self) -> [u32; 8] {
            match self {
                Hash::Sha1 => [
                    0x6745_2301,
                    0xefcd_ab89,
                    0x98ba_dcfe,
                    0x1032_5476,
                    0xc3d2_e1f0,
                    0,
                    0,
                    0,
                ],
                Hash::Sha256 => [
                    0x6a09_e667,
                    0xbb67_ae85,
                    0x3c6e_f372,
                    0xa54f_f53a,
                    0x510e_527f,
                    0x9b05_688c,
                    0x1f83_d9ab,
                    0x5be0_cd19,
                ],
            }
        }

        /// The digest's length in bytes.
        pub(crate) fn len(self) -> usize {
            match self {
                Hash::Sha1 => 20,
                Hash::Sha256 => 32,
            }
        }

        fn compress(self, state: &mut [u32; 8], block: &[u8; 64]) {
            let block = core::slice::from_ref(GenericArray::from_slice(block));
            match self {
                Hash::Sha1 => {
                    if let Some(state) = state.first_chunk_mut::<5>() {
                        sha1::compress(state, block);
                    }
                }
                Hash::Sha256 => sha2::compress256(state, block),
            }
        }
    }

    /// A running hash.
    pub(crate) struct Hasher {
        hash: Hash,
        state: [u32; 8],
        /// The partial block: `tail[..pos]`.
        tail: [u8; 64],
        pos: usize,
        len: u64,
    }

    impl Hasher {
        /// An empty hash.
        pub(crate) fn new(hash: Hash) -> Self {
            Hasher {
                hash,
                state: hash.init(),
                tail: [0; 64],
                pos: 0,
                len: 0,
            }
        }

        /// Feeds `data` in.
        pub(crate) fn update(&mut self, data: &[u8]) {
            self.len = self.len.wrapping_add(data.len() as u64);
            let mut data = data;
            if self.pos > 0 {
                let take = (64 - self.pos).min(data.len());
                let (head, rest) = data.split_at(take);
                if let Some(room) = self.tail.get_mut(self.pos..self.pos + take) {
                    room.copy_from_slice(head);
                }
                self.pos += take;
                data = rest;
                if self.pos < 64 {
                    return;
                }
                self.hash.compress(&mut self.state, &self.tail);
                self.pos = 0;
            }
            let mut blocks = data.chunks_exact(64);
            for block in &mut blocks {
                if let Ok(block) = <&[u8; 64]>::try_from(block) {
                    self.hash.compress(&mut self.state, block);
                }
            }
            let rest = blocks.remainder();
            if let Some(room) = self.tail.get_mut(..rest.len()) {
                room.copy_from_slice(rest);
            }
            self.pos = rest.len();
        }

        /// The digest into `out` (its first [`Hash::len`] bytes); the partial block is
        /// overwritten. The hash must not be used again.
        pub(crate) fn finish(&mut self, out: &mut [u8]) {
            let bits = self.len.wrapping_mul(8);
            if let Some(rest) = self.tail.get_mut(self.pos..) {
                rest.fill(0);
            }
            if let Some(b) = self.tail.get_mut(self.pos) {
                *b = 0x80;
            }
            if self.pos >= 56 {
                self.hash.compress(&mut self.state, &self.tail);
                self.tail.fill(0);
            }
            if let Some(length) = self.tail.get_mut(56..) {
                length.copy_from_slice(&bits.to_be_bytes());
            }
            self.hash.compress(&mut self.state, &self.tail);
            self.tail.zeroize();
            let words = self.state.get(..self.hash.len() / 4).unwrap_or(&[]);
            for (o, w) in out.chunks_exact_mut(4).zip(words) {
                o.copy_from_slice(&w.to_be_bytes());
            }
        }
    }

    /// The digest of `data`.
    pub(crate) fn digest<const N: usize>(hash: Hash, data: &[u8]) -> [u8; N] {
        let mut hasher = Hasher::new(hash);
        hasher.update(data);
        let mut out = [0; N];
        hasher.finish(&mut out);
        out
    }
}

/// HMAC (RFC 2104) over SHA-1 or SHA-256 (64-byte blocks).
///
/// Written here rather than taken from the `hmac` crate, which copies the key into stack
/// buffers of its own that outlive the call: in wasm the stack is linear memory, and the
/// AccessKeySecret was found there after signing. Here the key block is one buffer, wiped once
/// the two hashes have absorbed it (they then hold only its compression, never the key), and
/// the message's partial block is wiped by [`hash::Hasher::finish`].
pub(crate) struct Hmac {
    inner: hash::Hasher,
    outer: hash::Hasher,
}

impl Hmac {
    /// Keyed with `key` (hashed first when longer than a block, as the RFC says).
    pub(crate) fn new(hash: hash::Hash, key: &[u8]) -> Self {
        let mut block = Zeroizing::new([0u8; 64]);
        if key.len() > block.len() {
            // The digest (20 or 32 bytes, as many as the state has words), zero-padded.
            let mut hasher = hash::Hasher::new(hash);
            hasher.update(key);
            hasher.finish(&mut block[..]);
        } else if let Some(room) = block.get_mut(..key.len()) {
            room.copy_from_slice(key);
        }
        let mut mac = Hmac {
            inner: hash::Hasher::new(hash),
            outer: hash::Hasher::new(hash),
        };
        for b in block.iter_mut() {
            *b ^= 0x36;
        }
        mac.inner.update(&block[..]);
        for b in block.iter_mut() {
            *b ^= 0x36 ^ 0x5c;
        }
        mac.outer.update(&block[..]);
        mac
    }

    /// Feeds `data` in.
    pub(crate) fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The MAC into `out` (20 bytes for SHA-1, 32 for SHA-256).
    pub(crate) fn finish(&mut self, out: &mut [u8]) {
        let mut inner = [0u8; 32];
        if let Some(inner) = inner.get_mut(..out.len().min(32)) {
            self.inner.finish(inner);
            self.outer.update(inner);
        }
        self.outer.finish(out);
    }
}

fn check_credential(field: &str, value: &str) -> Result<(), crate::Error> {
    if value.is_empty() {
        return Err(crate::Error::validation(
            field,
            crate::msg!(field, " must not be empty"),
        ));
    }
    // Control characters are C0, DEL and C1 (U+0080..U+009F, `C2 80`..`C2 9F` in UTF-8): a byte
    // scan finds them without decoding characters.
    let mut bytes = value.bytes().peekable();
    let mut control = false;
    while let Some(b) = bytes.next() {
        control |= b < 0x20 || b == 0x7f || (b == 0xc2 && bytes.peek().is_some_and(|&n| n < 0xa0));
    }
    if control {
        return Err(crate::Error::validation(
            field,
            crate::msg!(field, " must not contain control characters"),
        ));
    }
    Ok(())
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"** redacted **")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// What makes one signature unique: the request time and a nonce. Both are inputs, so signing
/// is a pure function and the core never reads a clock (which panics on `wasm32-unknown-unknown`).
#[derive(Debug, Clone, Copy)]
pub struct SigningContext<'a> {
    /// Milliseconds since the Unix epoch; sent as `Timestamp` (`yyyy-MM-ddTHH:mm:ssZ`).
    pub epoch_ms: i64,
    /// Sent as `SignatureNonce`; must be unique per request.
    pub nonce: &'a str,
}

/// The signature v1 value for `string_to_sign`.
pub fn signature(access_key_secret: &str, string_to_sign: &StringToSign) -> String {
    // HMAC accepts keys of any length, so this cannot fail; fall back to an empty MAC rather
    // than panic if that ever changed.
    let mut mac = Hmac::new(hash::Hash::Sha1, &v1_key(access_key_secret));
    mac.update(string_to_sign.as_str().as_bytes());
    base64(&mac_sha1(&mut mac))
}

/// Standard base64 with padding (20 bytes of SHA-1 in, 28 characters out).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let symbol = |n: u32| char::from(ALPHABET.get((n & 63) as usize).copied().unwrap_or(b'='));
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
        let n = (b(0) << 16) | (b(1) << 8) | b(2);
        out.push(symbol(n >> 18));
        out.push(symbol(n >> 12));
        out.push(if chunk.len() > 1 { symbol(n >> 6) } else { '=' });
        out.push(if chunk.len() > 2 { symbol(n) } else { '=' });
    }
    out
}

/// The signature of already-flattened parameters (everything but `Signature`), the value
/// `rpcSignature` returns in JavaScript.
///
/// The same value as [`signature_of_canonical`] of their [`CanonicalQuery`], computed without
/// building it: each sorted parameter is encoded twice straight into the HMAC's input.
pub fn sign_params<'a, I>(params: I, access_key_secret: &str, method: Method) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    sign_pairs(params.into_iter().collect(), access_key_secret, method)
}

/// [`sign_params`], once for every kind of iterator.
#[inline(never)]
fn sign_pairs(mut pairs: Vec<(&str, &str)>, access_key_secret: &str, method: Method) -> String {
    use crate::encode::{append_query, query_capacity, QUERY_IN_STRING_TO_SIGN as STYLE};
    crate::canonical::sort_params(&mut pairs);
    let mut mac = v1_mac(access_key_secret, method);
    // The encoded canonical query, hashed in one `update`, in a buffer that never moves.
    let mut input = Vec::with_capacity(query_capacity(&pairs, &STYLE));
    append_query(&mut input, &pairs, &STYLE);
    mac.update(&input);
    // A `SecurityToken` parameter is the one secret the parameters can hold.
    if pairs.iter().any(|(name, _)| *name == "SecurityToken") {
        input.zeroize();
    }
    base64(&mac_sha1(&mut mac))
}

/// The 20 bytes of an HMAC-SHA1.
fn mac_sha1(mac: &mut Hmac) -> [u8; 20] {
    let mut out = [0; 20];
    mac.finish(&mut out);
    out
}

/// HMAC-SHA1 keyed with `AccessKeySecret + "&"`, fed `METHOD&%2F&`.
fn v1_mac(access_key_secret: &str, method: Method) -> Hmac {
    let mut mac = Hmac::new(hash::Hash::Sha1, &v1_key(access_key_secret));
    mac.update(method.as_str().as_bytes());
    mac.update(b"&%2F&");
    mac
}

/// The signature of `canonical` sent with `method`: the same value as
/// [`signature`]`(secret, &StringToSign::new(method, canonical))`, computed without building the
/// string to sign (its encoded copy of the canonical query is hashed, then wiped: it may hold
/// the STS token).
pub fn signature_of_canonical(
    access_key_secret: &str,
    method: Method,
    canonical: &CanonicalQuery,
) -> String {
    let mut mac = v1_mac(access_key_secret, method);
    let bytes = canonical.as_str().as_bytes();
    let mut input = Zeroizing::new(Vec::with_capacity(
        bytes.len() + 2 * crate::encode::escaped(bytes),
    ));
    crate::encode::percent_encode_bytes(&mut input, bytes, b"%");
    mac.update(&input);
    base64(&mac_sha1(&mut mac))
}

/// The common parameters an API call adds to its own, besides `Signature`.
pub const SIGNATURE_METHOD: &str = "HMAC-SHA1";
/// `SignatureVersion`.
pub const SIGNATURE_VERSION: &str = "1.0";

/// A signed request, ready to send: `query()` for GET, or the same string as a form body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedQuery {
    canonical: CanonicalQuery,
    signature: String,
}

impl SignedQuery {
    /// The canonical query that was signed.
    pub fn canonical(&self) -> &CanonicalQuery {
        &self.canonical
    }

    /// The signature.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The full query string: the canonical query, then `&Signature=...`.
    pub fn to_query_string(&self) -> String {
        // "&Signature=" and 28 base64 characters, each percent-encoded at worst: sized so that
        // no reallocation leaves a copy of the query (it may hold the STS token) behind.
        let mut out = String::with_capacity(self.canonical.as_str().len() + 11 + 3 * 28);
        out.push_str(self.canonical.as_str());
        out.push_str("&Signature=");
        percent_encode_into(&mut out, &self.signature);
        out
    }
}

/// Signs `params` (the operation's own, with `Action`, `Version`, `Format` and `RegionId`) for
/// `credentials`: adds `AccessKeyId`, `SignatureMethod`, `SignatureVersion`, `SignatureNonce`,
/// `Timestamp` and `SecurityToken` (when the credentials carry one), and computes `Signature`.
pub fn sign<'a, I>(
    params: I,
    credentials: &'a Credentials,
    context: SigningContext<'a>,
    method: Method,
) -> SignedQuery
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let timestamp = format_timestamp(context.epoch_ms);
    let mut all: Vec<(&str, &str)> = params.into_iter().collect();
    all.push(("AccessKeyId", credentials.access_key_id()));
    all.push(("SignatureMethod", SIGNATURE_METHOD));
    all.push(("SignatureVersion", SIGNATURE_VERSION));
    all.push(("SignatureNonce", context.nonce));
    all.push(("Timestamp", &timestamp));
    if let Some(token) = credentials.security_token() {
        all.push(("SecurityToken", token));
    }
    let canonical = CanonicalQuery::new(all);
    let signature = signature_of_canonical(credentials.access_key_secret(), method, &canonical);
    SignedQuery {
        canonical,
        signature,
    }
}

/// Formats 16 random bytes as a version-4 UUID, the shape SDKs use for `SignatureNonce`.
pub fn nonce_from_bytes(bytes: [u8; 16]) -> String {
    fn hex(n: u8) -> u8 {
        let n = n & 15;
        if n < 10 {
            b'0' + n
        } else {
            b'a' + n - 10
        }
    }
    let mut b = bytes;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    // Through a buffer: one `push_str` rather than a `push` call per character.
    let mut out = [b'-'; 36];
    let mut at = out.iter_mut();
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            at.next();
        }
        for digit in [byte >> 4, byte & 0x0f] {
            if let Some(o) = at.next() {
                *o = hex(digit);
            }
        }
    }
    String::from(core::str::from_utf8(&out).unwrap_or(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streamed_signature_equals_the_string_to_sign_one() {
        for params in [
            vec![],
            vec![("a", "b")],
            vec![("x y", "é*~"), ("Tag.1.Key", "a=b&c%d"), ("k", "")],
        ] {
            let canonical = CanonicalQuery::new(params.iter().copied());
            for method in [Method::Get, Method::Post] {
                assert_eq!(
                    signature_of_canonical("secret", method, &canonical),
                    signature("secret", &StringToSign::new(method, &canonical))
                );
            }
        }
    }

    #[test]
    fn debug_redacts_secret_and_token() {
        let c = Credentials::new("id", "very-secret").with_security_token("tok-123");
        let s = format!("{c:?}");
        assert!(s.contains("id"));
        assert!(!s.contains("very-secret"));
        assert!(!s.contains("tok-123"));
        assert!(s.contains("** redacted **"));
    }

    #[test]
    fn sign_adds_common_parameters() {
        let c = Credentials::new("testid", "testsecret").with_security_token("tok");
        let signed = sign(
            [
                ("Action", "DescribeNetworkInterfaces"),
                ("RegionId", "cn-hangzhou"),
            ],
            &c,
            SigningContext {
                epoch_ms: 1_456_231_584_000,
                nonce: "n-1",
            },
            Method::Get,
        );
        assert_eq!(
            signed.canonical().as_str(),
            "AccessKeyId=testid&Action=DescribeNetworkInterfaces&RegionId=cn-hangzhou\
             &SecurityToken=tok&SignatureMethod=HMAC-SHA1&SignatureNonce=n-1\
             &SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z"
        );
        let q = signed.to_query_string();
        assert!(q.starts_with(signed.canonical().as_str()));
        assert!(q.contains("&Signature="));
        assert!(!q.contains('+') && !q.contains('/'));
    }

    #[test]
    fn nonce_is_uuid_v4_shaped() {
        let n = nonce_from_bytes([0xff; 16]);
        assert_eq!(n, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert_eq!(
            nonce_from_bytes([0; 16]),
            "00000000-0000-4000-8000-000000000000"
        );
    }

    #[test]
    fn control_characters_are_found_by_bytes_as_by_chars() {
        for value in [
            "ok",
            "a\u{0}",
            "\t",
            "\u{7f}",
            "\u{80}x",
            "x\u{9f}",
            "\u{a0}",
            "é",
            "¿",
            "\u{85}",
            "\u{2028}",
            "网",
            "😀\u{1}",
        ] {
            assert_eq!(
                check_credential("f", value).is_err(),
                value.chars().any(char::is_control),
                "{value:?}"
            );
        }
    }

    #[test]
    fn hmac_matches_the_rfc_vectors_long_keys_included() {
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        let mac = |key: &[u8], data: &[u8]| {
            let mut m = Hmac::new(hash::Hash::Sha1, key);
            m.update(data);
            let mut out = [0; 20];
            m.finish(&mut out);
            hex(&out)
        };
        let mac256 = |key: &[u8], data: &[u8]| {
            let mut m = Hmac::new(hash::Hash::Sha256, key);
            m.update(data);
            let mut out = [0; 32];
            m.finish(&mut out);
            hex(&out)
        };
        // RFC 2202 cases 2 and 6, RFC 4231 cases 2 and 6 (a key longer than a block).
        assert_eq!(
            mac(b"Jefe", b"what do ya want for nothing?"),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"
        );
        let long = b"Test Using Larger Than Block-Size Key - Hash Key First";
        assert_eq!(
            mac(&[0xaa; 80], long),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112"
        );
        assert_eq!(
            mac256(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(
            mac256(&[0xaa; 131], long),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
        assert_eq!(mac(&[], b""), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
    }

    #[test]
    fn validate_rejects_empty_parts() {
        assert!(Credentials::new("", "s").validate().is_err());
        let e = Credentials::new("a", "").validate().unwrap_err();
        assert_eq!(e.field.as_deref(), Some("credentials.accessKeySecret"));
        assert!(Credentials::new("a", "s").validate().is_ok());
    }
}
