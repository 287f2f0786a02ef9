//! Fetching every page of a paged list with bounded concurrency.

use std::future::Future;

use futures::{StreamExt as _, TryStreamExt as _, stream};

use super::error::ApiError;
use super::models::Page;

/// Progress of a multi-page fetch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageProgress {
    /// Pages received so far.
    pub pages_done: u64,
    /// Pages in all (known after the first page).
    pub pages_total: u64,
    /// Items received so far.
    pub items_done: u64,
    /// Items in all, as the server's `total` says.
    pub items_total: u64,
}

/// Fetches the first page to learn `total`, then the rest with at most `concurrency` requests
/// in flight. Items come back in server order; the first error stops the fetch.
pub async fn fetch_all_pages<T, F, Fut>(
    limit: u64,
    concurrency: usize,
    mut on_progress: impl FnMut(PageProgress) + Send,
    fetch: F,
) -> Result<Vec<T>, ApiError>
where
    F: Fn(u64) -> Fut,
    Fut: Future<Output = Result<Page<T>, ApiError>>,
{
    let limit = limit.max(1);
    let first = fetch(0).await?;
    let total = first.total.unwrap_or(first.items.len() as u64);
    let pages_total = total.div_ceil(limit).max(1);
    let mut progress = PageProgress {
        pages_done: 1,
        pages_total,
        items_done: first.items.len() as u64,
        items_total: total,
    };
    on_progress(progress);
    let mut items = first.items;
    // A server that ignores `limit` and sends everything at once needs no more requests.
    if items.len() as u64 >= total {
        return Ok(items);
    }
    items.reserve(usize::try_from(total).unwrap_or(0).saturating_sub(items.len()));
    let mut rest =
        stream::iter((1..pages_total).map(|page| fetch(page * limit))).buffered(concurrency.max(1));
    while let Some(page) = rest.try_next().await? {
        progress.pages_done += 1;
        progress.items_done += page.items.len() as u64;
        items.extend(page.items);
        on_progress(progress);
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(offset: u64, limit: u64, total: u64) -> Page<u64> {
        Page {
            offset,
            limit,
            total: Some(total),
            items: (offset..(offset + limit).min(total)).collect(),
        }
    }

    #[tokio::test]
    async fn collects_pages_in_order_and_reports_progress() {
        let mut seen = Vec::new();
        let items = fetch_all_pages(
            10,
            3,
            |p| seen.push(p),
            |offset| async move { Ok(page(offset, 10, 35)) },
        )
        .await
        .unwrap();
        assert_eq!(items, (0..35).collect::<Vec<_>>());
        assert_eq!(seen.len(), 4);
        assert_eq!(
            seen.last().copied(),
            Some(PageProgress {
                pages_done: 4,
                pages_total: 4,
                items_done: 35,
                items_total: 35
            })
        );
    }

    #[tokio::test]
    async fn an_empty_list_is_one_request() {
        let items = fetch_all_pages(10, 3, |_| {}, |offset| async move { Ok(page(offset, 10, 0)) })
            .await
            .unwrap();
        assert!(items.is_empty());
    }

    #[tokio::test]
    async fn a_failing_page_fails_the_fetch() {
        let result = fetch_all_pages(
            10,
            2,
            |_| {},
            |offset| async move {
                if offset == 20 {
                    Err(ApiError::Timeout)
                } else {
                    Ok(page(offset, 10, 50))
                }
            },
        )
        .await;
        assert_eq!(result, Err(ApiError::Timeout));
    }
}
