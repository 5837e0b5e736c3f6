//! The client over a scripted transport: signing per attempt, retries and backoff, clock skew,
//! delete-and-wait, paging, redaction. No JavaScript, no network: `cargo test` covers it.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;
use support::percent_decode;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use support::block_on;

use aliyun_eni::client::{Client, ClientConfig, DeleteOptions};
use aliyun_eni::paginate::Paginator;
use aliyun_eni::response::PageJson;
use aliyun_eni::transport::{HttpRequest, HttpResponse, Transport, TransportError};
use aliyun_eni::{
    Credentials, DescribeNetworkInterfacesRequest, DescribeNetworkInterfacesResponse, Error,
    ErrorKind,
};

enum Step {
    Answer(u16, String, Vec<(&'static str, String)>),
    Network,
    Timeout,
    Aborted,
}

fn ok(body: &str) -> Step {
    Step::Answer(200, body.to_owned(), vec![])
}

fn api_error(status: u16, code: &str) -> Step {
    Step::Answer(
        status,
        format!(
            r#"{{"RequestId":"req-{code}","HostId":"ecs.aliyuncs.com","Code":"{code}","Message":"m","Recommend":"https://r"}}"#
        ),
        vec![],
    )
}

/// Answers a request (its decoded parameters) at a time.
type Handler = Box<dyn Fn(&BTreeMap<String, String>, i64) -> Step>;

/// A transport that answers from a script, or from a handler when the script is empty, and
/// records what was sent and every sleep.
struct Mock {
    script: RefCell<VecDeque<Step>>,
    handler: Option<Handler>,
    sent: RefCell<Vec<BTreeMap<String, String>>>,
    sleeps: RefCell<Vec<u64>>,
    retries: RefCell<Vec<String>>,
    now: Cell<i64>,
    counter: Cell<u8>,
    credentials: Credentials,
    random: f64,
    abort_sleeps: bool,
}

impl Mock {
    fn new(script: Vec<Step>) -> Self {
        Mock {
            script: RefCell::new(script.into()),
            handler: None,
            sent: RefCell::default(),
            sleeps: RefCell::default(),
            retries: RefCell::default(),
            now: Cell::new(1_795_309_323_000),
            counter: Cell::new(0),
            credentials: Credentials::new("test-id", "test-secret-value"),
            random: 0.5,
            abort_sleeps: false,
        }
    }

    fn with_handler(handler: impl Fn(&BTreeMap<String, String>, i64) -> Step + 'static) -> Self {
        let mut m = Mock::new(vec![]);
        m.handler = Some(Box::new(handler));
        m
    }

    fn sent(&self, i: usize) -> BTreeMap<String, String> {
        self.sent.borrow()[i].clone()
    }
}

fn decode_query(url: &str) -> BTreeMap<String, String> {
    let query = url.split_once("/?").unwrap().1;
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap();
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

impl Transport for Mock {
    async fn credentials(&self) -> Result<Credentials, Error> {
        Ok(self.credentials.clone())
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        assert_eq!(request.method, aliyun_eni::canonical::Method::Get);
        assert!(request.body.is_none() && request.headers.is_empty());
        let params = decode_query(&request.url);
        self.sent.borrow_mut().push(params.clone());
        self.now.set(self.now.get() + 30);
        let step = match self.script.borrow_mut().pop_front() {
            Some(step) => step,
            None => (self.handler.as_ref().expect("script ran out"))(&params, self.now.get()),
        };
        match step {
            Step::Answer(status, body, headers) => Ok(HttpResponse {
                status,
                body: body.into_bytes(),
                headers: headers
                    .into_iter()
                    .map(|(n, v)| (n.to_owned(), v))
                    .collect(),
            }),
            Step::Network => Err(TransportError::Network("connection reset".into())),
            Step::Timeout => Err(TransportError::Timeout),
            Step::Aborted => Err(TransportError::Aborted),
        }
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        if self.abort_sleeps {
            return Err(TransportError::Aborted);
        }
        self.sleeps.borrow_mut().push(ms);
        self.now.set(self.now.get() + ms as i64);
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        self.now.get()
    }

    fn random_bytes(&self) -> [u8; 16] {
        let n = self.counter.get().wrapping_add(1);
        self.counter.set(n);
        [n; 16]
    }

    fn random(&self) -> f64 {
        self.random
    }

    fn on_retry(&self, event: &aliyun_eni::policy::RetryEvent<'_>) {
        self.retries.borrow_mut().push(event.to_json());
    }
}

fn client(max_attempts: i64) -> Client {
    Client::new(
        ClientConfig::new("cn-hangzhou")
            .unwrap()
            .with_endpoint("http://127.0.0.1:9")
            .unwrap()
            .with_max_attempts(max_attempts)
            .unwrap()
            // These tests read the HMAC-SHA1 ("V2") query; tests/client_v3.rs drives the V3
            // default through the same attempt loop.
            .with_signature_algorithm(aliyun_eni::rpc::SignatureAlgorithm::HmacSha1),
    )
}

const PAGE: &str = r#"{"RequestId":"R1","NetworkInterfaceSets":{"NetworkInterfaceSet":[
    {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary"}]}}"#;

fn describe(c: &Client, io: &Mock) -> Result<aliyun_eni::DescribeNetworkInterfacesResponse, Error> {
    block_on(c.describe_network_interfaces(io, &DescribeNetworkInterfacesRequest::default()))
}

#[test]
fn sends_the_common_parameters() {
    let io = Mock::new(vec![ok(PAGE)]);
    let page = describe(&client(3), &io).unwrap();
    assert_eq!(page.network_interfaces[0].network_interface_id, "eni-1");
    let p = io.sent(0);
    for (k, v) in [
        ("Action", "DescribeNetworkInterfaces"),
        ("Version", "2014-05-26"),
        ("Format", "JSON"),
        ("RegionId", "cn-hangzhou"),
        ("AccessKeyId", "test-id"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("Timestamp", "2026-11-22T01:02:03Z"),
    ] {
        assert_eq!(p.get(k).map(String::as_str), Some(v), "{k}");
    }
    assert!(p.contains_key("SignatureNonce") && p.contains_key("Signature"));
    assert!(!p.contains_key("SecurityToken"));
    // The signature covers exactly what was sent.
    let rest: Vec<(&str, &str)> = p
        .iter()
        .filter(|(k, _)| *k != "Signature")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let expected = aliyun_eni::sign::sign_params(
        rest,
        "test-secret-value",
        aliyun_eni::canonical::Method::Get,
    );
    assert_eq!(p["Signature"], expected);
}

#[test]
fn sends_the_sts_token() {
    let mut io = Mock::new(vec![ok(PAGE)]);
    io.credentials = Credentials::new("STS.id", "secret-secret").with_security_token("token-value");
    describe(&client(1), &io).unwrap();
    assert_eq!(io.sent(0)["SecurityToken"], "token-value");
}

#[test]
fn retries_retryable_failures_with_fresh_signatures() {
    let io = Mock::new(vec![
        api_error(400, "Throttling.User"),
        api_error(503, "ServiceUnavailable"),
        api_error(500, "InternalError"),
        Step::Network,
        Step::Timeout,
        Step::Answer(502, "<html>bad gateway</html>".into(), vec![]),
        ok(PAGE),
    ]);
    describe(&client(10), &io).unwrap();
    let sent = io.sent.borrow();
    assert_eq!(sent.len(), 7);
    let nonces: std::collections::BTreeSet<_> =
        sent.iter().map(|p| p["SignatureNonce"].clone()).collect();
    let signatures: std::collections::BTreeSet<_> =
        sent.iter().map(|p| p["Signature"].clone()).collect();
    assert_eq!(
        (nonces.len(), signatures.len()),
        (7, 7),
        "every attempt is signed afresh"
    );
    assert_eq!(io.sleeps.borrow().len(), 6);
}

#[test]
fn never_retries_validation_auth_or_other_4xx() {
    for code in [
        "SignatureDoesNotMatch",
        "InvalidAccessKeyId.NotFound",
        "InvalidParameter",
        "MissingParameter",
    ] {
        let io = Mock::new(vec![api_error(400, code)]);
        let e = describe(&client(5), &io).unwrap_err();
        assert_eq!(
            (e.kind, e.code.as_str(), e.attempts, e.retryable),
            (ErrorKind::Api, code, 1, false)
        );
        assert_eq!(e.http_status, Some(400));
        assert_eq!(e.request_id.as_deref(), Some(&*format!("req-{code}")));
        assert!(io.sleeps.borrow().is_empty());
    }
    let io = Mock::new(vec![]);
    let bad = DescribeNetworkInterfacesRequest {
        page_size: Some(500),
        ..Default::default()
    };
    let e = block_on(client(5).describe_network_interfaces(&io, &bad)).unwrap_err();
    assert_eq!((e.kind, e.attempts), (ErrorKind::Validation, 0));
    assert!(io.sent.borrow().is_empty(), "nothing is sent for bad input");
}

#[test]
fn max_attempts_bounds_retries() {
    let io = Mock::with_handler(|_, _| api_error(503, "ServiceUnavailable"));
    let e = describe(&client(4), &io).unwrap_err();
    assert_eq!(
        (e.attempts, e.retryable, e.code.as_str()),
        (4, true, "ServiceUnavailable")
    );
    assert_eq!(io.sent.borrow().len(), 4);
    let io = Mock::with_handler(|_, _| Step::Network);
    let e = describe(&client(1), &io).unwrap_err();
    assert_eq!((e.kind, e.attempts), (ErrorKind::Network, 1));
}

#[test]
fn backoff_grows_respects_the_cap_and_the_hint() {
    let mut io = Mock::with_handler(|_, _| api_error(503, "ServiceUnavailable"));
    io.random = 0.999_999;
    describe(&client(9), &io).unwrap_err();
    let sleeps = io.sleeps.borrow().clone();
    assert_eq!(sleeps.len(), 8);
    assert!(
        sleeps.windows(2).all(|w| w[1] >= w[0]),
        "waits grow: {sleeps:?}"
    );
    assert!(
        sleeps.iter().all(|&s| s <= 10_000),
        "waits are capped: {sleeps:?}"
    );
    assert_eq!(sleeps[0], 99);
    assert_eq!(*sleeps.last().unwrap(), 9_999);

    let mut io = Mock::with_handler(|_, _| api_error(400, "Throttling.User"));
    io.random = 0.999_999;
    describe(&client(2), &io).unwrap_err();
    assert_eq!(
        io.sleeps.borrow()[0],
        499,
        "throttling starts from a longer base"
    );

    let io = Mock::new(vec![
        Step::Answer(
            503,
            r#"{"Code":"ServiceUnavailable","Message":"busy"}"#.into(),
            vec![("retry-after", "3".into())],
        ),
        ok(PAGE),
    ]);
    describe(&client(2), &io).unwrap();
    assert_eq!(*io.sleeps.borrow(), [3000], "Retry-After is honoured");
}

#[test]
fn corrects_a_skewed_clock_once_and_keeps_the_correction() {
    // A server 20 minutes ahead that rejects timestamps more than 15 minutes off.
    let io = Mock::with_handler(|p, local_now| {
        let server_now = local_now + 20 * 60_000;
        let sent = aliyun_eni::time::format_timestamp(server_now);
        let ts = &p["Timestamp"];
        // Compare the minute: "yyyy-MM-ddTHH:mm".
        if ts[..16] == sent[..16] {
            ok(PAGE)
        } else {
            let date = http_date(server_now);
            Step::Answer(
                400,
                r#"{"Code":"InvalidTimeStamp.Expired","Message":"expired"}"#.into(),
                vec![("date", date)],
            )
        }
    });
    let c = client(1);
    describe(&c, &io).unwrap();
    assert_eq!(
        io.sent.borrow().len(),
        2,
        "one corrected retry, even with maxAttempts 1"
    );
    assert!(
        (c.clock_offset_ms() - 20 * 60_000).abs() < 2_000,
        "offset {}",
        c.clock_offset_ms()
    );
    describe(&c, &io).unwrap();
    assert_eq!(
        io.sent.borrow().len(),
        3,
        "later requests use the corrected clock"
    );

    // Without a Date header nothing can be corrected: the error stands.
    // (A Date more than a day away is ignored too: a_far_off_server_date_is_ignored.)
    let io = Mock::with_handler(|_, _| api_error(400, "InvalidTimeStamp.Expired"));
    let e = describe(&client(3), &io).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.attempts),
        ("InvalidTimeStamp.Expired", 1)
    );
}

fn http_date(ms: i64) -> String {
    let ts = aliyun_eni::time::format_timestamp(ms);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let m: usize = ts[5..7].parse().unwrap();
    format!(
        "Sat, {} {} {} {} GMT",
        &ts[8..10],
        months[m - 1],
        &ts[0..4],
        &ts[11..19]
    )
}

#[test]
fn delete_after_an_unknown_outcome_counts_not_found_as_done() {
    let io = Mock::new(vec![Step::Timeout, api_error(403, "InvalidEniId.NotFound")]);
    let r = block_on(client(3).delete_network_interface(&io, "eni-1", DeleteOptions::default()))
        .unwrap();
    assert_eq!(r.request_id, "req-InvalidEniId.NotFound");
    assert_eq!(io.sent(0)["NetworkInterfaceId"], "eni-1");
    assert_eq!(io.sent(0)["Action"], "DeleteNetworkInterface");

    // Without an earlier unknown outcome, NotFound is an error.
    let io = Mock::new(vec![api_error(403, "InvalidEniId.NotFound")]);
    let e = block_on(client(3).delete_network_interface(&io, "eni-1", DeleteOptions::default()))
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.http_status, e.attempts),
        ("InvalidEniId.NotFound", Some(403), 1)
    );
}

fn eni_page(status: Option<&str>) -> Step {
    match status {
        Some(s) => ok(&format!(
            r#"{{"RequestId":"P","NetworkInterfaceSets":{{"NetworkInterfaceSet":[{{"NetworkInterfaceId":"eni-1","Status":"{s}","Type":"Secondary"}}]}}}}"#
        )),
        None => ok(r#"{"RequestId":"P","NetworkInterfaceSets":{"NetworkInterfaceSet":[]}}"#),
    }
}

#[test]
fn delete_and_wait_polls_with_growing_intervals_until_gone() {
    let io = Mock::new(vec![
        ok(r#"{"RequestId":"D"}"#),
        eni_page(Some("Deleting")),
        eni_page(Some("Deleting")),
        eni_page(Some("Deleting")),
        eni_page(None),
    ]);
    let options = DeleteOptions {
        wait_until_deleted: true,
        wait_timeout_ms: 60_000,
        ..DeleteOptions::default()
    };
    let r = block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap();
    assert_eq!(r.request_id, "D");
    assert_eq!(io.sent.borrow().len(), 5);
    assert_eq!(io.sent(1)["NetworkInterfaceId.1"], "eni-1");
    assert_eq!(io.sent(1)["Action"], "DescribeNetworkInterfaces");
    let sleeps = io.sleeps.borrow().clone();
    assert_eq!(sleeps, [250, 375, 562, 843]);

    let io = Mock::new(vec![
        ok(r#"{"RequestId":"D"}"#),
        api_error(404, "InvalidEniId.NotFound"),
    ]);
    block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap();
}

#[test]
fn delete_and_wait_times_out() {
    let io = Mock::with_handler(|p, _| {
        if p["Action"] == "DeleteNetworkInterface" {
            ok(r#"{"RequestId":"D"}"#)
        } else {
            eni_page(Some("Deleting"))
        }
    });
    let options = DeleteOptions {
        wait_until_deleted: true,
        wait_timeout_ms: 3_000,
        ..DeleteOptions::default()
    };
    let start = io.now.get();
    let e = block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str()),
        (ErrorKind::Timeout, "WaitTimeout")
    );
    assert!(
        e.message.contains("eni-1") && e.message.contains("Deleting"),
        "{}",
        e.message
    );
    let elapsed = io.now.get() - start;
    assert!(
        (3_000..3_200).contains(&elapsed),
        "ended {elapsed} ms after the start"
    );
    assert_eq!(e.attempts as usize, io.sent.borrow().len());
}

#[test]
fn aborts_during_backoff() {
    let mut io = Mock::new(vec![api_error(503, "ServiceUnavailable")]);
    io.abort_sleeps = true;
    let e = describe(&client(3), &io).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str(), e.attempts),
        (ErrorKind::Aborted, "Aborted", 1)
    );
    let io = Mock::new(vec![Step::Aborted]);
    let e = describe(&client(3), &io).unwrap_err();
    assert_eq!((e.kind, e.attempts), (ErrorKind::Aborted, 1));
}

#[test]
fn decode_errors_retry_only_when_the_body_was_cut_off() {
    let io = Mock::new(vec![
        ok(r#"{"RequestId":"R","NetworkInterfaceSets":{"Netw"#),
        ok(PAGE),
    ]);
    describe(&client(3), &io).unwrap();
    assert_eq!(io.sent.borrow().len(), 2);
    let io = Mock::new(vec![ok(r#"{"RequestId":5}"#)]);
    let e = describe(&client(3), &io).unwrap_err();
    assert_eq!(
        (e.kind, e.attempts, e.http_status),
        (ErrorKind::Decode, 1, Some(200))
    );
}

#[test]
fn secrets_and_tokens_are_redacted_from_quoted_requests() {
    let mut io = Mock::new(vec![Step::Answer(
        400,
        r#"{"Code":"SignatureDoesNotMatch","Message":"server string to sign is:GET&%2F&SecurityToken%3Dtok%252Ben%253D%26x and secret-secret"}"#.into(),
        vec![],
    )]);
    io.credentials = Credentials::new("STS.id", "secret-secret").with_security_token("tok+en=");
    let e = describe(&client(1), &io).unwrap_err();
    assert!(
        !e.message.contains("tok%252Ben%253D") && !e.message.contains("secret-secret"),
        "{}",
        e.message
    );
    assert!(e.message.contains("***"));
    let api_message = e.api_message.as_deref().unwrap();
    assert!(
        !api_message.contains("tok%252Ben%253D") && !api_message.contains("secret-secret"),
        "{api_message}"
    );
}

fn numbered_page(ids: std::ops::Range<usize>, token: Option<String>, total: usize) -> Step {
    let enis: Vec<String> = ids
        .map(|i| {
            format!(r#"{{"NetworkInterfaceId":"eni-{i}","Status":"Available","Type":"Secondary"}}"#)
        })
        .collect();
    let token = token
        .map(|t| format!(r#""NextToken":"{t}","#))
        .unwrap_or_else(|| r#""NextToken":"","#.into());
    ok(&format!(
        r#"{{"RequestId":"R",{token}"TotalCount":{total},"NetworkInterfaceSets":{{"NetworkInterfaceSet":[{}]}}}}"#,
        enis.join(",")
    ))
}

#[test]
fn pages_through_every_eni_exactly_once_in_both_styles() {
    const TOTAL: usize = 237;
    let io = Mock::with_handler(|p, _| {
        if let Some(size) = p.get("MaxResults") {
            let size: usize = size.parse().unwrap();
            let start: usize = p.get("NextToken").map(|t| t.parse().unwrap()).unwrap_or(0);
            let end = (start + size).min(TOTAL);
            numbered_page(start..end, (end < TOTAL).then(|| end.to_string()), TOTAL)
        } else {
            let size: usize = p.get("PageSize").map(|s| s.parse().unwrap()).unwrap_or(10);
            let number: usize = p.get("PageNumber").map(|s| s.parse().unwrap()).unwrap_or(1);
            let start = ((number - 1) * size).min(TOTAL);
            numbered_page(start..(start + size).min(TOTAL), None, TOTAL)
        }
    });
    let c = client(1);
    for request in [
        DescribeNetworkInterfacesRequest::default(),
        DescribeNetworkInterfacesRequest {
            max_results: Some(500),
            ..Default::default()
        },
        DescribeNetworkInterfacesRequest {
            page_size: Some(50),
            ..Default::default()
        },
        DescribeNetworkInterfacesRequest {
            page_number: Some(1),
            ..Default::default()
        },
    ] {
        io.sent.borrow_mut().clear();
        let mut paginator = Paginator::new(request.clone()).unwrap();
        let mut seen = Vec::new();
        while let Some(page) =
            block_on(c.next_page::<_, DescribeNetworkInterfacesResponse>(&io, &mut paginator))
                .unwrap()
        {
            seen.extend(
                page.network_interfaces
                    .into_iter()
                    .map(|e| e.network_interface_id),
            );
        }
        let unique: std::collections::BTreeSet<_> = seen.iter().collect();
        assert_eq!((seen.len(), unique.len()), (TOTAL, TOTAL), "{request:?}");
        let per_page =
            request
                .max_results
                .or(request.page_size)
                .unwrap_or(if request.page_number.is_some() {
                    10
                } else {
                    100
                });
        assert_eq!(
            io.sent.borrow().len(),
            TOTAL.div_ceil(per_page as usize),
            "{request:?}"
        );
        assert!(block_on(c.next_page::<_, PageJson>(&io, &mut paginator))
            .unwrap()
            .is_none());
        // The same through the JSON the wasm layer hands to JavaScript.
        let mut paginator = Paginator::new(request.clone()).unwrap();
        let mut count = 0;
        while let Some(page) = block_on(c.next_page::<_, PageJson>(&io, &mut paginator)).unwrap() {
            count += page.summary.count;
            assert!(
                page.json
                    .starts_with(r#"{"requestId":"R","totalCount":237"#),
                "{}",
                page.json
            );
        }
        assert_eq!(count, TOTAL);
    }
}

#[test]
fn a_failed_page_can_be_fetched_again() {
    let io = Mock::new(vec![
        numbered_page(0..100, Some("100".into()), 150),
        api_error(403, "Forbidden.RAM"),
        numbered_page(100..150, None, 150),
    ]);
    let c = client(1);
    let mut paginator = Paginator::new(Default::default()).unwrap();
    assert!(block_on(c.next_page::<_, PageJson>(&io, &mut paginator))
        .unwrap()
        .is_some());
    assert!(
        block_on(c.next_page::<_, DescribeNetworkInterfacesResponse>(&io, &mut paginator)).is_err()
    );
    let page = block_on(c.next_page::<_, DescribeNetworkInterfacesResponse>(&io, &mut paginator))
        .unwrap()
        .unwrap();
    assert_eq!(page.network_interfaces.len(), 50);
    assert_eq!(io.sent(2)["NextToken"], "100");
}

#[test]
fn config_limits() {
    let e = ClientConfig::new("cn-hangzhou")
        .unwrap()
        .with_max_attempts(0)
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("maxAttempts"));
    let e = ClientConfig::new("cn-hangzhou")
        .unwrap()
        .with_timeout_ms(0)
        .unwrap_err();
    assert_eq!(e.field.as_deref(), Some("timeoutMs"));
    assert_eq!(
        ClientConfig::new("cn-shanghai").unwrap().endpoint,
        "https://ecs.cn-shanghai.aliyuncs.com"
    );
}

#[test]
fn a_far_off_server_date_is_ignored() {
    // An endpoint that claims to be two days ahead cannot move the client's clock.
    let io = Mock::with_handler(|_, local_now| {
        Step::Answer(
            400,
            r#"{"Code":"InvalidTimeStamp.Expired","Message":"expired"}"#.into(),
            vec![("date", http_date(local_now + 2 * 86_400_000))],
        )
    });
    let c = client(3);
    let e = describe(&c, &io).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.attempts, e.retryable),
        ("InvalidTimeStamp.Expired", 1, false)
    );
    assert_eq!(c.clock_offset_ms(), 0);
}

#[test]
fn throttling_at_400_follows_the_acs_hint_and_tells_the_observer() {
    let throttled = |hint: &str| {
        Step::Answer(
            400,
            r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control."}"#
                .into(),
            vec![("x-acs-retry-after", hint.to_owned())],
        )
    };
    let io = Mock::new(vec![
        throttled("1200"),
        Step::Answer(
            400,
            r#"{"Code":"Rejected.Throttling","Message":"m"}"#.into(),
            vec![("retry-after", "2".into())],
        ),
        Step::Network,
        ok(PAGE),
    ]);
    describe(&client(4), &io).unwrap();
    assert_eq!(io.sleeps.borrow()[..2], [1200, 2000]);
    let events = io.retries.borrow();
    assert_eq!(events.len(), 3, "{events:?}");
    assert_eq!(
        events[0],
        r#"{"attempt":1,"code":"Throttling.User","throttled":true,"delayMs":1200}"#
    );
    assert_eq!(
        events[1],
        r#"{"attempt":2,"code":"Rejected.Throttling","throttled":true,"delayMs":2000}"#
    );
    assert!(
        events[2].starts_with(r#"{"attempt":3,"code":"NetworkError","throttled":false"#),
        "{}",
        events[2]
    );
    // Each event announced the wait that followed it.
    let sleeps = io.sleeps.borrow();
    for (event, sleep) in events.iter().zip(sleeps.iter()) {
        assert!(
            event.ends_with(&format!(r#""delayMs":{sleep}}}"#)),
            "{event}"
        );
    }
}

#[test]
fn a_tag_filtered_listing_that_hits_the_cap_is_flagged() {
    // ECS serves at most 1000 ENIs to a tag-filtered query, whatever matches.
    let io = Mock::with_handler(|p, _| {
        let size: usize = p["MaxResults"].parse().unwrap();
        let start: usize = p.get("NextToken").map(|t| t.parse().unwrap()).unwrap_or(0);
        let cap = if p.contains_key("Tag.1.Key") {
            1000
        } else {
            1500
        };
        let end = (start + size).min(cap);
        numbered_page(start..end, (end < cap).then(|| end.to_string()), 1500)
    });
    let c = client(1);
    let tagged = DescribeNetworkInterfacesRequest {
        tags: Some(vec![aliyun_eni::request::TagFilter {
            key: "team".into(),
            value: None,
        }]),
        max_results: Some(500),
        ..Default::default()
    };
    let mut paginator = Paginator::new(tagged.clone()).unwrap();
    let mut flags = Vec::new();
    while let Some(page) = block_on(c.next_page::<_, PageJson>(&io, &mut paginator)).unwrap() {
        flags.push((page.capped, page.json.ends_with(r#","capped":true}"#)));
    }
    // TotalCount (1500) already says more match than ECS shows: every page is flagged.
    assert_eq!(flags, [(true, true), (true, true)]);
    assert!(paginator.capped());

    // Without TotalCount, the count decides: the page that reaches 1000.
    let io = Mock::with_handler(|p, _| {
        let start: usize = p.get("NextToken").map(|t| t.parse().unwrap()).unwrap_or(0);
        let end = (start + 400).min(1000);
        let enis: Vec<String> = (start..end)
            .map(|i| {
                format!(
                    r#"{{"NetworkInterfaceId":"eni-{i}","Status":"Available","Type":"Secondary"}}"#
                )
            })
            .collect();
        let token = if end < 1000 {
            format!(r#""NextToken":"{end}","#)
        } else {
            String::new()
        };
        ok(&format!(
            r#"{{"RequestId":"R",{token}"NetworkInterfaceSets":{{"NetworkInterfaceSet":[{}]}}}}"#,
            enis.join(",")
        ))
    });
    let mut paginator = Paginator::new(tagged.clone()).unwrap();
    let mut flags = Vec::new();
    while let Some(page) = block_on(c.next_page::<_, PageJson>(&io, &mut paginator)).unwrap() {
        flags.push(page.capped);
    }
    assert_eq!(flags, [false, false, true]);
    assert!(paginator.capped());
    // The same listing without a tag filter is complete at 1000: no flag.
    let mut paginator = Paginator::new(DescribeNetworkInterfacesRequest::default()).unwrap();
    while block_on(c.next_page::<_, PageJson>(&io, &mut paginator))
        .unwrap()
        .is_some()
    {}
    assert!(!paginator.capped());
}

#[test]
fn a_stuck_eni_is_deleted_again_and_ends_gone() {
    // The first delete fails silently: the ENI stays Deleting until a delete is sent again.
    let deletes = std::rc::Rc::new(Cell::new(0));
    let seen = std::rc::Rc::clone(&deletes);
    let redeleted_at = std::rc::Rc::new(Cell::new(0i64));
    let at = std::rc::Rc::clone(&redeleted_at);
    let io = Mock::with_handler(move |p, now| {
        if p["Action"] == "DeleteNetworkInterface" {
            seen.set(seen.get() + 1);
            if seen.get() == 2 {
                at.set(now);
            }
            return ok(r#"{"RequestId":"D"}"#);
        }
        // Gone two seconds after the second delete.
        if seen.get() >= 2 && now - at.get() > 2_000 {
            eni_page(None)
        } else {
            eni_page(Some("Deleting"))
        }
    });
    let options = DeleteOptions {
        wait_until_deleted: true,
        wait_timeout_ms: 60_000,
        redelete_after_ms: 5_000,
    };
    let start = io.now.get();
    block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap();
    assert_eq!(deletes.get(), 2, "deleted once more");
    let stuck_for = redeleted_at.get() - start;
    assert!(
        (5_000..12_000).contains(&stuck_for),
        "re-sent after {stuck_for} ms"
    );
    let sent = io.sent.borrow();
    let redelete = sent
        .iter()
        .filter(|p| p["Action"] == "DeleteNetworkInterface")
        .nth(1)
        .unwrap();
    assert_eq!(redelete["NetworkInterfaceId"], "eni-1");

    // Forever stuck: at most MAX_REDELETES re-sends, then the wait times out.
    let deletes = std::rc::Rc::new(Cell::new(0));
    let seen = std::rc::Rc::clone(&deletes);
    let io = Mock::with_handler(move |p, _| {
        if p["Action"] == "DeleteNetworkInterface" {
            seen.set(seen.get() + 1);
            ok(r#"{"RequestId":"D"}"#)
        } else {
            eni_page(Some("Deleting"))
        }
    });
    let options = DeleteOptions {
        wait_until_deleted: true,
        wait_timeout_ms: 600_000,
        redelete_after_ms: 1_000,
    };
    let e = block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap_err();
    assert_eq!(e.code, "WaitTimeout");
    assert_eq!(deletes.get(), 1 + aliyun_eni::policy::MAX_REDELETES);

    // A re-send answered NotFound: gone.
    let io = Mock::new(vec![
        ok(r#"{"RequestId":"D"}"#),
        eni_page(Some("Deleting")),
        eni_page(Some("Deleting")),
        eni_page(Some("Deleting")),
        eni_page(Some("Deleting")),
        api_error(403, "InvalidEniId.NotFound"),
    ]);
    let options = DeleteOptions {
        wait_until_deleted: true,
        wait_timeout_ms: 60_000,
        redelete_after_ms: 1_000,
    };
    block_on(client(3).delete_network_interface(&io, "eni-1", options)).unwrap();
    assert_eq!(io.sent(5)["Action"], "DeleteNetworkInterface");
}

#[test]
fn plain_http_only_for_loopback_unless_allowed() {
    use aliyun_eni::client::is_loopback_host;
    let base = || ClientConfig::new("cn-hangzhou").unwrap();
    for ok in [
        "http://127.0.0.1:9000",
        "http://127.255.1.2",
        "http://localhost:8080",
        "http://LOCALHOST",
        "http://[::1]:9000",
        "https://ecs.test",
        "https://10.0.0.1",
    ] {
        base().with_endpoint(ok).unwrap();
    }
    for bad in [
        "http://ecs.test",
        "http://10.0.0.1:9000",
        "http://128.0.0.1",
        "http://127.0.0.1.evil.com",
        "http://localhost.evil.com",
        "http://[::2]",
        "http://127.0.0.256",
        "http://ecs.cn-hangzhou.aliyuncs.com",
    ] {
        let e = base().with_endpoint(bad).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("endpoint"), "{bad}");
        assert!(
            e.message.contains("https://") && e.message.contains("allowInsecureHttp"),
            "{}",
            e.message
        );
        // The explicit opt-in.
        assert_eq!(base().with_insecure_endpoint(bad).unwrap().endpoint, bad);
    }
    assert!(
        is_loopback_host("127.0.0.1:80") && !is_loopback_host("127.0.0") && !is_loopback_host("")
    );
}
