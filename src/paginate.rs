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

/// ECS shows at most this many ENIs to a query filtered by tags (`Tag.N`) or by
/// `ResourceGroupId` (its docs send you to ListTagResources for more).
pub const FILTERED_LISTING_CAP: u64 = 1000;

/// The filter that makes ECS cap `request`'s listing (`tags` or `resourceGroupId`), if any.
pub fn cap_filter(request: &DescribeNetworkInterfacesRequest) -> Option<&'static str> {
    if request.tags.is_some() {
        Some("tags")
    } else if request.resource_group_id.is_some() {
        Some("resourceGroupId")
    } else {
        None
    }
}

/// Whether `page`, the answer to `request` after `seen_before` ENIs of the same listing, shows
/// the listing reached ECS's cap, so it may be incomplete: the query is filtered by tags or
/// resource group, and the listing has reached [`FILTERED_LISTING_CAP`] ENIs (counted, or by
/// position in PageNumber mode) or `TotalCount` says at least that many match.
pub fn hits_cap(
    request: &DescribeNetworkInterfacesRequest,
    page: &PageSummary,
    seen_before: u64,
) -> bool {
    if cap_filter(request).is_none() {
        return false;
    }
    let count = page.count as u64;
    let seen = match (request.page_number, request.page_size) {
        (None, None) => seen_before.saturating_add(count),
        (number, size) => {
            let before = (number.unwrap_or(1).max(1) as u64 - 1)
                .saturating_mul(size.unwrap_or(API_DEFAULT_PAGE_SIZE).max(1) as u64);
            before.saturating_add(count)
        }
    };
    seen >= FILTERED_LISTING_CAP || page.total_count.is_some_and(|t| t >= FILTERED_LISTING_CAP)
}

/// The error of a capped listing when the caller asked for one (`errorIfCapped`).
pub fn capped_error(request: &DescribeNetworkInterfacesRequest) -> Error {
    let field = cap_filter(request).unwrap_or("request");
    Error::validation(
        field,
        crate::msg!(
            "the listing reached ECS's limit of ",
            FILTERED_LISTING_CAP,
            " ENIs for a query filtered by ",
            field,
            ", so it may be incomplete; narrow the filter, or list the resources with \
             ListTagResources"
        ),
    )
}

/// A cursor over every page of a `DescribeNetworkInterfaces` query.
#[derive(Debug, Clone)]
pub struct Paginator {
    next: Option<DescribeNetworkInterfacesRequest>,
    style: PagingStyle,
    pages: u64,
    seen: u64,
    capped: bool,
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
            seen: 0,
            capped: false,
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

    /// How many ENIs the pages read so far held.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// Whether the listing reached ECS's cap for tag or resource-group filters
    /// ([`hits_cap`]): it may be incomplete.
    pub fn capped(&self) -> bool {
        self.capped
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
        self.capped |= hits_cap(&request, page, self.seen);
        self.seen = self.seen.saturating_add(page.count as u64);
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
    fn a_filtered_listing_that_reaches_1000_is_capped() {
        let tagged = DescribeNetworkInterfacesRequest {
            tags: Some(vec![crate::request::TagFilter {
                key: "k".into(),
                value: None,
            }]),
            ..Default::default()
        };
        let mut p = Paginator::new(tagged.clone()).unwrap();
        for i in 0..9 {
            p.advance(&page(100, Some(&format!("t{i}")), None)).unwrap();
            assert!(!p.capped(), "after {} ENIs", (i + 1) * 100);
        }
        p.advance(&page(100, None, None)).unwrap();
        assert!(p.capped() && p.is_done());
        // 999 ENIs: complete.
        let mut p = Paginator::new(tagged.clone()).unwrap();
        p.advance(&page(500, Some("a"), None)).unwrap();
        p.advance(&page(499, None, None)).unwrap();
        assert!(!p.capped());
        // TotalCount says so.
        assert!(hits_cap(&tagged, &page(10, Some("x"), Some(1000)), 0));
        // PageNumber mode: by position.
        let numbered = DescribeNetworkInterfacesRequest {
            page_number: Some(10),
            page_size: Some(100),
            ..tagged.clone()
        };
        assert!(hits_cap(&numbered, &page(100, None, None), 0));
        assert!(!hits_cap(&numbered, &page(99, None, None), 0));
        // The resource group filter caps too; no filter never does.
        let rg = DescribeNetworkInterfacesRequest {
            resource_group_id: Some("rg-1".into()),
            ..Default::default()
        };
        assert!(hits_cap(&rg, &page(1000, None, None), 0));
        assert_eq!(cap_filter(&rg), Some("resourceGroupId"));
        let plain = DescribeNetworkInterfacesRequest::default();
        assert!(!hits_cap(&plain, &page(500, None, Some(5000)), 4000));
        let e = capped_error(&tagged);
        assert_eq!(e.field.as_deref(), Some("tags"));
        assert!(e.message.contains("1000"), "{}", e.message);
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
