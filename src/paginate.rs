//! The paging cursor: which request fetches the next page, given the last one.
//!
//! Pure state, no I/O: the client asks [`Paginator::next_request`], sends it, and hands the page
//! to [`Paginator::advance`]. NextToken/MaxResults paging is used unless the request sets
//! `pageNumber` or `pageSize`, in which case pages are numbered until `TotalCount` is reached.

use crate::request::{DescribeNetworkInterfacesRequest, PagingStyle};
use crate::response::PageSummary;
use crate::Error;

/// Page size of NextToken paging when the request does not set `maxResults`.
pub const DEFAULT_MAX_RESULTS: i64 = 100;
/// The API's own default `PageSize`.
pub const API_DEFAULT_PAGE_SIZE: i64 = 10;

/// A cursor over every page of a `DescribeNetworkInterfaces` query.
#[derive(Debug, Clone)]
pub struct Paginator {
    next: Option<DescribeNetworkInterfacesRequest>,
    style: PagingStyle,
    pages: u64,
}

impl Paginator {
    /// A cursor starting at `request` (validated here).
    pub fn new(mut request: DescribeNetworkInterfacesRequest) -> Result<Self, Error> {
        request.validate()?;
        let style = if request.page_number.is_some() || request.page_size.is_some() {
            PagingStyle::PageNumber
        } else {
            if request.max_results.is_none() {
                request.max_results = Some(DEFAULT_MAX_RESULTS);
            }
            PagingStyle::NextToken
        };
        Ok(Paginator {
            next: Some(request),
            style,
            pages: 0,
        })
    }

    /// The paging style in use.
    pub fn style(&self) -> PagingStyle {
        self.style
    }

    /// The request for the next page, or `None` when every page has been read.
    pub fn next_request(&self) -> Option<&DescribeNetworkInterfacesRequest> {
        self.next.as_ref()
    }

    /// Whether every page has been read.
    pub fn is_done(&self) -> bool {
        self.next.is_none()
    }

    /// How many pages have been read.
    pub fn pages_read(&self) -> u64 {
        self.pages
    }

    /// Moves past `page` (its [`PageSummary`]), the answer to
    /// [`next_request`](Self::next_request).
    ///
    /// Fails (and stops) when the API hands back the token it was just given, which would
    /// otherwise loop forever.
    pub fn advance(&mut self, page: &PageSummary) -> Result<(), Error> {
        let Some(mut request) = self.next.take() else {
            return Ok(());
        };
        self.pages += 1;
        match self.style {
            PagingStyle::NextToken => {
                let Some(token) = page.next_token.as_ref() else {
                    return Ok(());
                };
                if request.next_token.as_ref() == Some(token) {
                    return Err(Error::decode(
                        200,
                        String::from(
                            "the API returned the same NextToken it was sent; stopping to avoid \
                             an endless loop",
                        ),
                    ));
                }
                request.next_token = Some(token.clone());
                self.next = Some(request);
            }
            PagingStyle::PageNumber => {
                let number = request.page_number.unwrap_or(1);
                let size = request.page_size.unwrap_or(API_DEFAULT_PAGE_SIZE);
                let received = page.count as u64;
                let seen = (number as u64).saturating_mul(size as u64);
                let more = received > 0
                    && match page.total_count {
                        Some(total) => seen < total,
                        None => received >= size as u64,
                    };
                if more {
                    request.page_number = Some(number + 1);
                    self.next = Some(request);
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(n: usize, token: Option<&str>, total: Option<u64>) -> PageSummary {
        PageSummary {
            request_id: "r".into(),
            total_count: total,
            next_token: token.map(str::to_owned),
            count: n,
            first: None,
        }
    }

    #[test]
    fn token_mode_by_default_with_100_per_page() {
        let mut p = Paginator::new(Default::default()).unwrap();
        assert_eq!(p.style(), PagingStyle::NextToken);
        assert_eq!(p.next_request().unwrap().max_results, Some(100));
        assert_eq!(p.next_request().unwrap().next_token, None);
        p.advance(&page(100, Some("t1"), None)).unwrap();
        assert_eq!(p.next_request().unwrap().next_token.as_deref(), Some("t1"));
        p.advance(&page(100, Some("t2"), None)).unwrap();
        assert_eq!(p.next_request().unwrap().next_token.as_deref(), Some("t2"));
        p.advance(&page(3, None, None)).unwrap();
        assert!(p.is_done());
        assert_eq!(p.pages_read(), 3);
    }

    #[test]
    fn token_mode_keeps_filters_and_max_results() {
        let req = DescribeNetworkInterfacesRequest {
            vpc_id: Some("vpc-1".into()),
            max_results: Some(500),
            ..Default::default()
        };
        let mut p = Paginator::new(req).unwrap();
        p.advance(&page(500, Some("t"), None)).unwrap();
        let next = p.next_request().unwrap();
        assert_eq!(
            (next.vpc_id.as_deref(), next.max_results),
            (Some("vpc-1"), Some(500))
        );
    }

    #[test]
    fn repeated_token_is_an_error_not_a_loop() {
        let req = DescribeNetworkInterfacesRequest {
            next_token: Some("t".into()),
            ..Default::default()
        };
        let mut p = Paginator::new(req).unwrap();
        assert!(p.advance(&page(1, Some("t"), None)).is_err());
        assert!(p.is_done());
    }

    #[test]
    fn page_mode_until_total_count() {
        let req = DescribeNetworkInterfacesRequest {
            page_size: Some(10),
            ..Default::default()
        };
        let mut p = Paginator::new(req).unwrap();
        assert_eq!(p.style(), PagingStyle::PageNumber);
        assert_eq!(p.next_request().unwrap().max_results, None);
        p.advance(&page(10, None, Some(25))).unwrap();
        assert_eq!(p.next_request().unwrap().page_number, Some(2));
        p.advance(&page(10, None, Some(25))).unwrap();
        assert_eq!(p.next_request().unwrap().page_number, Some(3));
        p.advance(&page(5, None, Some(25))).unwrap();
        assert!(p.is_done());
    }

    #[test]
    fn page_mode_exact_multiple_and_empty_and_no_total() {
        let req = DescribeNetworkInterfacesRequest {
            page_number: Some(2),
            page_size: Some(10),
            ..Default::default()
        };
        let mut p = Paginator::new(req).unwrap();
        p.advance(&page(10, None, Some(20))).unwrap();
        assert!(p.is_done(), "page 2 of 10 covers all 20");

        let req = DescribeNetworkInterfacesRequest {
            page_number: Some(1),
            ..Default::default()
        };
        let mut p = Paginator::new(req).unwrap();
        p.advance(&page(10, None, None)).unwrap();
        assert_eq!(
            p.next_request().unwrap().page_number,
            Some(2),
            "default size 10, full page"
        );
        p.advance(&page(0, None, None)).unwrap();
        assert!(p.is_done());

        let mut p = Paginator::new(DescribeNetworkInterfacesRequest {
            page_size: Some(10),
            ..Default::default()
        })
        .unwrap();
        p.advance(&page(0, None, Some(50))).unwrap();
        assert!(
            p.is_done(),
            "an empty page ends paging even if TotalCount says more"
        );
    }

    #[test]
    fn invalid_request_is_refused() {
        let req = DescribeNetworkInterfacesRequest {
            page_size: Some(0),
            ..Default::default()
        };
        assert_eq!(
            Paginator::new(req).unwrap_err().field.as_deref(),
            Some("pageSize")
        );
    }
}
