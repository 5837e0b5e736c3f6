//! The encoder and the canonicalizer: any parameters (one `name=value` per line, arbitrary
//! bytes read as UTF-8) give a canonical query made only of unreserved characters, `%XY`, `=`
//! and `&`, which decodes back to exactly the parameters, sorted; and a 28-character signature.
#![no_main]

use aliyun_eni::canonical::{utf16_cmp, CanonicalQuery, Method, StringToSign};
use aliyun_eni::encode::percent_encode;
use aliyun_eni::sign::signature;
use libfuzzer_sys::fuzz_target;

fn decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).expect("hex"));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut params: Vec<(&str, &str)> = text.lines().map(|l| l.split_once('=').unwrap_or((l, ""))).collect();
    let canonical = CanonicalQuery::new(params.iter().copied());
    let q = canonical.as_str();
    assert!(q.bytes().all(|c| c.is_ascii_alphanumeric() || b"-_.~%=&".contains(&c)), "{q}");
    params.sort_by(|a, b| utf16_cmp(a.0, b.0).then_with(|| utf16_cmp(a.1, b.1)));
    let decoded: Vec<(Vec<u8>, Vec<u8>)> = if q.is_empty() && params.is_empty() {
        Vec::new()
    } else {
        q.split('&').map(|p| {
            let (k, v) = p.split_once('=').expect("name=value");
            (decode(k), decode(v))
        }).collect()
    };
    let expected: Vec<(Vec<u8>, Vec<u8>)> = params.iter().map(|(k, v)| (k.as_bytes().to_vec(), v.as_bytes().to_vec())).collect();
    assert_eq!(decoded, expected);
    assert_eq!(decode(&percent_encode(&text)), text.as_bytes());
    let sts = StringToSign::new(Method::Post, &canonical);
    assert!(sts.as_str().starts_with("POST&%2F&"));
    assert_eq!(signature(&text, &sts).len(), 28);
});
