//! Work spread over cores in bounded batches, results kept in input order:
//! each batch is analysed in parallel (rayon) while the next one is read,
//! then written in order before the next starts, so at most two batches are
//! in memory whatever the length of the input.

use anyhow::{Context, Result};
use rayon::prelude::*;

/// A pool of `jobs` threads; 0 means one per core (or `RAYON_NUM_THREADS`).
pub fn pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        // The main thread's stack size, so a document that analyses there
        // also analyses on a worker.
        .stack_size(8 << 20)
        .thread_name(|i| format!("claimtrace-{i}"))
        .build()
        .context("starting worker threads")
}

/// Runs `work` on every item of every batch `next` returns (until an empty
/// one) on the pool, and gives each batch's results to `sink`, in input
/// order (a batch at a time, so the sink may write them in one call).
pub fn ordered<T, R>(
    pool: &rayon::ThreadPool,
    mut next: impl FnMut() -> Vec<T> + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(Vec<R>) -> Result<()> + Send,
) -> Result<()>
where
    T: Send,
    R: Send,
{
    pool.install(|| {
        let mut batch = next();
        while !batch.is_empty() {
            let (results, following) = rayon::join(
                || batch.into_par_iter().map(&work).collect::<Vec<R>>(),
                &mut next,
            );
            sink(results)?;
            batch = following;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_across_batches() {
        let pool = pool(3).unwrap();
        let mut batches = (0..5).map(|b| (b * 10..b * 10 + 10).collect::<Vec<u64>>());
        let mut seen = Vec::new();
        ordered(
            &pool,
            || batches.next().unwrap_or_default(),
            |n| {
                // Uneven work, so later items often finish first.
                let spin = (50 - n) * 1000;
                (0..spin).fold(n, |a, b| a ^ b) ^ (0..spin).fold(0, |a, b| a ^ b)
            },
            |results| {
                assert_eq!(results.len(), 10, "one batch at a time");
                seen.extend(results);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(seen, (0..50).collect::<Vec<u64>>());
    }
}
