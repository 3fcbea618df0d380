//! Fetching every page of a list endpoint, defensively: a server that lies in `meta` must not
//! make the client loop forever or allocate without bound.

use std::future::Future;

use crate::contract::Page;
use crate::error::{ApiError, BadResponseKind};

/// Stops even if the server claims more: 10,000 pages of 100 is beyond any real account.
const MAX_PAGES: u32 = 10_000;
/// And holds no more than this many items in all, whatever the pages say.
pub const MAX_ITEMS: usize = 100_000;

/// Calls `fetch(page)` for page 1, 2, … until `page * per_page >= total` and returns every item.
pub async fn fetch_all_pages<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, ApiError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
{
    let mut items = Vec::new();
    for page_number in 1..=MAX_PAGES {
        let page = fetch(page_number).await?;
        let meta = page.meta;
        if meta.page != u64::from(page_number) || meta.per_page == 0 {
            return Err(bad(format!(
                "asked for page {page_number}, got meta page {} per_page {}",
                meta.page, meta.per_page
            )));
        }
        let last = meta.is_last();
        if page.data.is_empty() && !last {
            return Err(bad(format!("page {page_number} is empty but total is {}", meta.total)));
        }
        if page.data.len() as u64 > meta.per_page {
            return Err(bad(format!(
                "page {page_number} has {} items for per_page {}",
                page.data.len(),
                meta.per_page
            )));
        }
        if items.len() + page.data.len() > MAX_ITEMS {
            return Err(bad(format!("more than {MAX_ITEMS} items")));
        }
        items.extend(page.data);
        if last {
            return Ok(items);
        }
    }
    Err(bad(format!("more than {MAX_PAGES} pages")))
}

fn bad(detail: String) -> ApiError {
    ApiError::bad(BadResponseKind::Unexpected, detail, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::PageMeta;

    fn page(items: Vec<u32>, total: u64, page: u64, per_page: u64) -> Page<u32> {
        Page { data: items, meta: PageMeta { total, page, per_page } }
    }

    fn run<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn fetches_until_page_times_per_page_reaches_total() {
        let all: Vec<u32> = (0..5).collect();
        let result = run(fetch_all_pages(|p| {
            let start = (p as usize - 1) * 2;
            let data = all[start..(start + 2).min(5)].to_vec();
            async move { Ok(page(data, 5, u64::from(p), 2)) }
        }));
        assert_eq!(result.unwrap(), all);
    }

    #[test]
    fn empty_list_is_one_call() {
        let mut calls = 0;
        let result = run(fetch_all_pages(|p| {
            calls += 1;
            async move { Ok(page(vec![], 0, u64::from(p), 50)) }
        }));
        assert_eq!(result.unwrap(), Vec::<u32>::new());
        assert_eq!(calls, 1);
    }

    #[test]
    fn lying_meta_is_a_bad_response_not_a_loop() {
        let endless = run(fetch_all_pages(|p| async move { Ok(page(vec![], 1000, u64::from(p), 10)) }));
        assert!(matches!(endless, Err(ApiError::BadResponse { .. })));
        let zero = run(fetch_all_pages(|p| async move { Ok(page(vec![1], 10, u64::from(p), 0)) }));
        assert!(matches!(zero, Err(ApiError::BadResponse { .. })));
        let wrong_page = run(fetch_all_pages(|_| async move { Ok(page(vec![1], 10, 7, 1)) }));
        assert!(matches!(wrong_page, Err(ApiError::BadResponse { .. })));
        // More items than per_page allows, or more than can be held in all.
        let stuffed = run(fetch_all_pages(|p| async move { Ok(page(vec![1, 2, 3], 3, u64::from(p), 2)) }));
        assert!(matches!(stuffed, Err(ApiError::BadResponse { .. })));
        let huge = run(fetch_all_pages(|p| async move { Ok(page(vec![0; 100], u64::MAX, u64::from(p), 100)) }));
        assert!(
            matches!(huge, Err(ApiError::BadResponse { ref detail, .. }) if detail.contains("100000 items")),
            "{huge:?}"
        );
    }
}
