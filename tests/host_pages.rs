//! The seam of a transport that decodes pages itself (`Transport::DECODES_PAGES`, as the
//! JavaScript transport does with `JSON.parse` and the generated `decode.js`): the core never
//! decodes a page's bytes, pages and paging facts come from the host, and what the host reports
//! (not the API's shape, not JSON) becomes the same decode errors, retried by the same policy.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod support;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use support::block_on;

use aliyun_eni::client::{Client, ClientConfig, DeleteOptions};
use aliyun_eni::paginate::Paginator;
use aliyun_eni::response::{
    decode_describe, page_shape_error, unparsed_page_error, HeldPage, HostPage, Page, PageSummary,
};
use aliyun_eni::transport::{HttpRequest, HttpResponse, PageAnswer, Transport, TransportError};
use aliyun_eni::{Credentials, DescribeNetworkInterfacesRequest, Error, ErrorKind};

/// What the host answers to one request.
enum Step {
    /// A 2xx page, decoded by the "host" (here the Rust decoder stands in for decode.js).
    Page(&'static str),
    /// A 2xx answer that is JSON but not the API's shape.
    NotShape(&'static str, &'static str, &'static str),
    /// A 2xx answer that is not JSON.
    NotJson(&'static [u8]),
    /// Any answer as bytes (a non-2xx error, or a DeleteNetworkInterface answer).
    Http(u16, &'static str),
}

/// A page held by the host: the type the wasm layer uses for the JavaScript object, over a
/// string here.
type Held = HeldPage<String>;

struct Host {
    script: RefCell<VecDeque<Step>>,
    sent: RefCell<Vec<String>>,
    pages_asked: Cell<u32>,
    now: Cell<i64>,
}

impl Host {
    fn new(script: Vec<Step>) -> Self {
        Host {
            script: RefCell::new(script.into()),
            sent: RefCell::default(),
            pages_asked: Cell::new(0),
            now: Cell::new(1_795_309_323_000),
        }
    }

    fn next(&self, request: &HttpRequest) -> Step {
        self.sent.borrow_mut().push(request.url.clone());
        self.now.set(self.now.get() + 30);
        self.script
            .borrow_mut()
            .pop_front()
            .expect("script ran out")
    }
}

impl Transport for Host {
    const DECODES_PAGES: bool = true;

    async fn credentials(&self) -> Result<Credentials, Error> {
        Ok(Credentials::new("test-id", "test-secret-value"))
    }

    async fn send(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        match self.next(&request) {
            Step::Http(status, body) => Ok(HttpResponse {
                status,
                body: body.as_bytes().to_vec(),
                headers: vec![],
            }),
            _ => panic!("a page answer for a request that is not a page's"),
        }
    }

    async fn send_page(&self, request: HttpRequest) -> Result<PageAnswer, TransportError> {
        self.pages_asked.set(self.pages_asked.get() + 1);
        Ok(match self.next(&request) {
            Step::Page(body) => {
                let page = decode_describe(200, body.as_bytes()).expect("a valid page");
                PageAnswer::Decoded(HostPage {
                    status: 200,
                    summary: page.summary(),
                    value: Box::new(format!("held {}", page.request_id)),
                })
            }
            Step::NotShape(head, field, expected) => PageAnswer::NotShape {
                status: 200,
                head: head.as_bytes().to_vec(),
                field: field.to_owned(),
                expected: expected.to_owned(),
                headers: vec![],
            },
            Step::NotJson(body) => PageAnswer::NotJson(HttpResponse {
                status: 200,
                body: body.to_vec(),
                headers: vec![],
            }),
            Step::Http(status, body) => PageAnswer::Http(HttpResponse {
                status,
                body: body.as_bytes().to_vec(),
                headers: vec![],
            }),
        })
    }

    async fn sleep(&self, ms: u64) -> Result<(), TransportError> {
        self.now.set(self.now.get() + ms as i64);
        Ok(())
    }

    fn now_ms(&self) -> i64 {
        self.now.get()
    }

    fn random_bytes(&self) -> [u8; 16] {
        [7; 16]
    }

    fn random(&self) -> f64 {
        0.5
    }
}

fn client() -> Client {
    Client::new(
        ClientConfig::new("cn-hangzhou")
            .unwrap()
            .with_endpoint("http://127.0.0.1:9")
            .unwrap()
            .with_max_attempts(3)
            .unwrap(),
    )
}

const PAGE_1: &str = r#"{"RequestId":"R1","TotalCount":3,"NextToken":"t2","NetworkInterfaceSets":{"NetworkInterfaceSet":[
    {"NetworkInterfaceId":"eni-1","Status":"Available","Type":"Secondary"},
    {"NetworkInterfaceId":"eni-2","Status":"InUse","Type":"Primary"}]}}"#;
const PAGE_2: &str = r#"{"RequestId":"R2","TotalCount":3,"NextToken":"","NetworkInterfaceSets":{"NetworkInterfaceSet":[
    {"NetworkInterfaceId":"eni-3","Status":"Available","Type":"Secondary"}]}}"#;

#[test]
fn pages_and_their_facts_come_from_the_host() {
    let io = Host::new(vec![Step::Page(PAGE_1), Step::Page(PAGE_2)]);
    let c = client();
    let mut paginator = Paginator::new(DescribeNetworkInterfacesRequest {
        max_results: Some(2),
        ..Default::default()
    })
    .unwrap();
    let mut held = Vec::new();
    while let Some(page) = block_on(c.next_page::<_, Held>(&io, &mut paginator)).unwrap() {
        held.push((page.value, page.summary.count, page.capped));
    }
    assert_eq!(
        held,
        [("held R1".into(), 2, false), ("held R2".into(), 1, false)]
    );
    assert_eq!(io.pages_asked.get(), 2);
    // The second request carries the first page's NextToken.
    assert!(
        io.sent.borrow()[1].contains("NextToken=t2"),
        "{:?}",
        io.sent
    );
}

#[test]
fn a_cut_off_page_the_host_cannot_parse_is_retried() {
    let cut = &br#"{"RequestId":"R1","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Netw"#[..];
    let io = Host::new(vec![Step::NotJson(cut), Step::Page(PAGE_2)]);
    let page = block_on(client().describe::<_, Held>(&io, &Default::default())).unwrap();
    assert_eq!(page.value, "held R2");
    assert_eq!(io.pages_asked.get(), 2);

    // Cut off every time: the error is the one the Rust decoder gives for those bytes.
    let io = Host::new(vec![
        Step::NotJson(cut),
        Step::NotJson(cut),
        Step::NotJson(cut),
    ]);
    let e = block_on(client().describe::<_, Held>(&io, &Default::default())).unwrap_err();
    let want = unparsed_page_error(200, cut);
    assert_eq!((e.kind, &e.message), (ErrorKind::Decode, &want.message));
    assert!(e.message.contains("truncated JSON"), "{}", e.message);
    assert!(e.truncated && e.retryable);
    assert_eq!(e.attempts, 3);
    assert_eq!(
        e.message,
        decode_describe(200, cut).unwrap_err().message,
        "worded as the Rust decoder words the same body"
    );
}

#[test]
fn a_page_that_is_not_the_api_shape_fails_at_once() {
    let body = r#"{"RequestId":"r","NetworkInterfaceSets":{"NetworkInterfaceSet":[{"Status":"A","Type":"S"}]}}"#;
    let io = Host::new(vec![Step::NotShape(body, "NetworkInterfaceId", "present")]);
    let e = block_on(client().describe::<_, Held>(&io, &Default::default())).unwrap_err();
    assert_eq!(e, {
        let mut want = page_shape_error(200, body.as_bytes(), "NetworkInterfaceId", "present");
        want.attempts = 1;
        want
    });
    assert_eq!(
        e.message,
        decode_describe(200, body.as_bytes()).unwrap_err().message
    );
    assert!(!e.retryable);
    assert_eq!(io.pages_asked.get(), 1);
}

#[test]
fn api_errors_stay_bytes_decoded_by_the_core() {
    let throttled = r#"{"RequestId":"R9","Code":"Throttling.User","Message":"slow down"}"#;
    let io = Host::new(vec![Step::Http(400, throttled), Step::Page(PAGE_1)]);
    let page = block_on(client().describe::<_, Held>(&io, &Default::default())).unwrap();
    assert_eq!(page.value, "held R1");
    let io = Host::new(vec![Step::Http(
        404,
        r#"{"RequestId":"R9","Code":"InvalidEniId.NotFound","Message":"gone"}"#,
    )]);
    let e = block_on(client().describe::<_, Held>(&io, &Default::default())).unwrap_err();
    assert_eq!(
        (e.kind, e.code.as_str(), e.request_id.as_deref()),
        (ErrorKind::Api, "InvalidEniId.NotFound", Some("R9"))
    );
}

#[test]
fn the_wait_for_a_deletion_polls_pages_the_host_decodes() {
    let deleted = r#"{"RequestId":"D1"}"#;
    let deleting = r#"{"RequestId":"P1","NetworkInterfaceSets":{"NetworkInterfaceSet":[
        {"NetworkInterfaceId":"eni-1","Status":"Deleting","Type":"Secondary"}]}}"#;
    let gone = r#"{"RequestId":"P2","NetworkInterfaceSets":{"NetworkInterfaceSet":[]}}"#;
    let io = Host::new(vec![
        Step::Http(200, deleted),
        Step::Page(deleting),
        Step::Page(gone),
    ]);
    let options = DeleteOptions {
        wait_until_deleted: true,
        ..Default::default()
    };
    let r = block_on(client().delete_network_interface(&io, "eni-1", options)).unwrap();
    assert_eq!(r.request_id, "D1");
    assert_eq!(io.pages_asked.get(), 2);
}

/// A representation that needs the bytes (the Rust structs) is decoded by the core from the
/// bytes, whatever the transport.
#[test]
fn a_representation_that_needs_bytes_gets_them() {
    let io = Host::new(vec![Step::Http(200, PAGE_1)]);
    let page = block_on(client().describe_network_interfaces(&io, &Default::default())).unwrap();
    assert_eq!(page.network_interfaces[1].network_interface_id, "eni-2");
    assert_eq!(io.pages_asked.get(), 0);
}

/// The host's value must be what the page type expects: a decode error otherwise, never a panic.
#[test]
fn a_host_value_of_another_kind_is_an_error() {
    struct Other;
    impl Page for Other {
        const FROM_HOST: bool = true;
        fn decode(_: u16, _: &[u8]) -> Result<Self, Error> {
            panic!("never from bytes")
        }
        fn from_host(page: HostPage) -> Option<Self> {
            page.value.downcast::<u64>().ok().map(|_| Other)
        }
        fn summary(&self) -> PageSummary {
            PageSummary::default()
        }
    }
    let io = Host::new(vec![Step::Page(PAGE_1)]);
    let e = match block_on(client().describe::<_, Other>(&io, &Default::default())) {
        Ok(_) => panic!("a String is not a u64"),
        Err(e) => e,
    };
    assert_eq!(e.kind, ErrorKind::Decode);
    assert!(
        e.message.contains("not of the expected kind"),
        "{}",
        e.message
    );
}
