//! Work shared out among the machine's cores: a leaf any stage may use.

/// `f` over runs of `items` (one run per core, at most 8, each of at least `min_run`
/// items), on threads of their own when there is more than one run; one result per run,
/// in the items' order.
pub fn map_runs<T: Sync, R: Send>(
    items: &[T],
    min_run: usize,
    f: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let run = items.len().div_ceil(cores.clamp(1, 8)).max(min_run.max(1));
    if items.len() <= run {
        return vec![f(items)];
    }
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = items
            .chunks(run)
            .map(|part| scope.spawn(move || f(part)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::map_runs;

    #[test]
    fn results_come_back_in_order_whatever_the_runs() {
        let items: Vec<usize> = (0..1000).collect();
        for min_run in [1, 7, 500, 5000] {
            let sums: Vec<Vec<usize>> = map_runs(&items, min_run, |run| run.to_vec());
            assert_eq!(sums.concat(), items, "min_run {min_run}");
        }
        assert_eq!(map_runs(&[] as &[u8], 1, <[u8]>::len), vec![0]);
    }
}
