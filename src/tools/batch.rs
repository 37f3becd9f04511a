//! Batch evaluation across cores: an ordered, streaming map.
//!
//! Locations arrive one at a time (a JSON Lines file read line by line),
//! are gathered into a chunk, evaluated on every core, and handed on in the
//! order they arrived. At most one chunk is in memory, so memory stays flat
//! however large the input; order is kept, so the output of a batch is the
//! same whatever the number of threads.
//!
//! ```
//! use std::num::NonZeroUsize;
//! use kader::batch::Ordered;
//!
//! let mut squares = Vec::new();
//! let threads = NonZeroUsize::new(2).unwrap_or(NonZeroUsize::MIN);
//! let mut batch = Ordered::new(threads, 4, |n: u64| n * n);
//! for n in 1..=10 {
//!     batch.push(n, &mut |sq| { squares.push(sq); Ok::<(), ()>(()) })?;
//! }
//! batch.finish(&mut |sq| { squares.push(sq); Ok::<(), ()>(()) })?;
//! assert_eq!(squares, [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]);
//! # Ok::<(), ()>(())
//! ```

use std::num::NonZeroUsize;

/// How many threads to use by default: one a core.
pub fn available_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// Items in a chunk per thread: large enough that starting a thread (tens
/// of microseconds) is lost in the work, small enough to keep memory flat.
pub const CHUNK_PER_THREAD: usize = 256;

/// An ordered map over a stream: `push` items, get `work(item)` back in the
/// same order through `sink`, `threads` at a time.
pub struct Ordered<T, F> {
    work: F,
    pending: Vec<T>,
    chunk: usize,
    threads: NonZeroUsize,
}

impl<T: Send, U: Send, F: Fn(T) -> U + Sync> Ordered<T, F> {
    /// A map on `threads` threads that gathers `per_thread` items for each
    /// thread before it works.
    pub fn new(threads: NonZeroUsize, per_thread: usize, work: F) -> Ordered<T, F> {
        let chunk = per_thread.max(1).saturating_mul(threads.get());
        Ordered {
            work,
            pending: Vec::with_capacity(chunk),
            chunk,
            threads,
        }
    }

    /// Adds an item; when a chunk is full, works it and passes the results
    /// to `sink` in order.
    pub fn push<E>(&mut self, item: T, sink: &mut impl FnMut(U) -> Result<(), E>) -> Result<(), E> {
        self.pending.push(item);
        if self.pending.len() >= self.chunk {
            self.flush(sink)?;
        }
        Ok(())
    }

    /// Works what is left and passes it to `sink`.
    pub fn finish<E>(mut self, sink: &mut impl FnMut(U) -> Result<(), E>) -> Result<(), E> {
        self.flush(sink)
    }

    fn flush<E>(&mut self, sink: &mut impl FnMut(U) -> Result<(), E>) -> Result<(), E> {
        let items = std::mem::replace(&mut self.pending, Vec::with_capacity(self.chunk));
        for result in map_ordered(items, self.threads, &self.work) {
            sink(result)?;
        }
        Ok(())
    }
}

/// A streaming, ordered map that overlaps reading with working: `feed`
/// pushes items; every `per_thread × threads` items are worked on
/// `threads` threads while the caller goes on reading the next chunk, and
/// the results reach `sink` in input order as each chunk completes. At
/// most two chunks are in memory at any time.
///
/// ```
/// use std::num::NonZeroUsize;
/// let threads = NonZeroUsize::new(2).unwrap_or(NonZeroUsize::MIN);
/// let mut squares = Vec::new();
/// kader::batch::stream(
///     threads,
///     3,
///     &|n: u64| n * n,
///     |push| (1..=10).try_for_each(|n| push(n)),
///     &mut |sq| {
///         squares.push(sq);
///         Ok::<(), ()>(())
///     },
/// )?;
/// assert_eq!(squares, [1, 4, 9, 16, 25, 36, 49, 64, 81, 100]);
/// # Ok::<(), ()>(())
/// ```
pub fn stream<T: Send, U: Send, E>(
    threads: NonZeroUsize,
    per_thread: usize,
    work: &(impl Fn(T) -> U + Sync),
    feed: impl FnOnce(&mut dyn FnMut(T) -> Result<(), E>) -> Result<(), E>,
    sink: &mut impl FnMut(U) -> Result<(), E>,
) -> Result<(), E> {
    let per_thread = per_thread.max(1);
    let chunk_size = per_thread.saturating_mul(threads.get());
    std::thread::scope(|scope| {
        // The chunk being worked on: one handle a part, in order.
        let mut running: Vec<std::thread::ScopedJoinHandle<'_, Vec<U>>> = Vec::new();
        let mut chunk: Vec<T> = Vec::with_capacity(chunk_size);
        let drain = |handles: Vec<std::thread::ScopedJoinHandle<'_, Vec<U>>>,
                     sink: &mut dyn FnMut(U) -> Result<(), E>|
         -> Result<(), E> {
            for handle in handles {
                match handle.join() {
                    Ok(part) => part.into_iter().try_for_each(&mut *sink)?,
                    Err(payload) => std::panic::resume_unwind(payload),
                }
            }
            Ok(())
        };
        let spawn = |items: Vec<T>| -> Vec<std::thread::ScopedJoinHandle<'_, Vec<U>>> {
            let mut rest = items.into_iter();
            let mut handles = Vec::with_capacity(threads.get());
            loop {
                let part: Vec<T> = rest.by_ref().take(per_thread).collect();
                if part.is_empty() {
                    break;
                }
                handles.push(scope.spawn(move || part.into_iter().map(work).collect()));
            }
            handles
        };
        let mut push = |item: T| -> Result<(), E> {
            chunk.push(item);
            if chunk.len() >= chunk_size {
                let started = spawn(std::mem::replace(
                    &mut chunk,
                    Vec::with_capacity(chunk_size),
                ));
                let previous = std::mem::replace(&mut running, started);
                drain(previous, sink)?;
            }
            Ok(())
        };
        let fed = feed(&mut push);
        // Whatever happened, let the threads finish before leaving.
        let last = spawn(std::mem::take(&mut chunk));
        let previous = std::mem::take(&mut running);
        fed?;
        drain(previous, sink)?;
        drain(last, sink)
    })
}

/// `items.map(work)` on up to `threads` threads, results in input order.
pub fn map_ordered<T: Send, U: Send>(
    items: Vec<T>,
    threads: NonZeroUsize,
    work: &(impl Fn(T) -> U + Sync),
) -> Vec<U> {
    let threads = threads.get().min(items.len());
    if threads <= 1 {
        return items.into_iter().map(work).collect();
    }
    let per_thread = items.len().div_ceil(threads);
    let mut rest = items.into_iter();
    let mut parts: Vec<Vec<T>> = (0..threads)
        .map(|_| rest.by_ref().take(per_thread).collect())
        .collect();
    let first = if parts.is_empty() {
        Vec::new()
    } else {
        parts.remove(0)
    };
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(work).collect::<Vec<U>>()))
            .collect();
        // This thread takes the first part rather than wait idle.
        let mut results: Vec<U> = first.into_iter().map(work).collect();
        for handle in handles {
            match handle.join() {
                Ok(part) => results.extend(part),
                Err(payload) => std::panic::resume_unwind(payload),
            }
        }
        results
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_keeps_input_order_and_stops_at_the_first_error() {
        for t in 1..=3 {
            for per_thread in [1, 2, 7, 256] {
                let mut out = Vec::new();
                stream(
                    threads(t),
                    per_thread,
                    &|n: usize| n * 2,
                    |push| (0..1000).try_for_each(push),
                    &mut |r| {
                        out.push(r);
                        Ok::<(), ()>(())
                    },
                )
                .unwrap();
                assert_eq!(out, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
            }
        }
        let mut seen = 0;
        let result = stream(
            threads(2),
            4,
            &|n: usize| n,
            |push| (0..1000).try_for_each(push),
            &mut |n| {
                seen += 1;
                if n == 20 {
                    Err(n)
                } else {
                    Ok(())
                }
            },
        );
        assert_eq!(result, Err(20));
        assert_eq!(seen, 21);
    }

    fn threads(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).unwrap_or(NonZeroUsize::MIN)
    }

    #[test]
    fn keeps_input_order_whatever_the_threads_and_chunk() {
        for t in 1..=4 {
            for chunk in [1, 3, 256] {
                let mut out = Vec::new();
                let mut batch = Ordered::new(threads(t), chunk, |n: usize| n * 2);
                for n in 0..1000 {
                    batch
                        .push(n, &mut |r| {
                            out.push(r);
                            Ok::<(), ()>(())
                        })
                        .unwrap();
                }
                batch
                    .finish(&mut |r| {
                        out.push(r);
                        Ok::<(), ()>(())
                    })
                    .unwrap();
                assert_eq!(out, (0..1000).map(|n| n * 2).collect::<Vec<_>>());
            }
        }
    }

    #[test]
    fn holds_at_most_one_chunk() {
        let mut seen = 0;
        let mut batch = Ordered::new(threads(2), 4, |n: usize| n);
        for n in 0..7 {
            batch
                .push(n, &mut |_| {
                    seen += 1;
                    Ok::<(), ()>(())
                })
                .unwrap();
        }
        // One chunk of 8 is not full yet: nothing has come out.
        assert_eq!(seen, 0);
        batch
            .push(7, &mut |_| {
                seen += 1;
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(seen, 8);
    }

    #[test]
    fn an_error_from_the_sink_stops_the_batch() {
        let mut batch = Ordered::new(threads(2), 1, |n: usize| n);
        let result = batch.push(0, &mut |_| Ok::<(), usize>(()));
        assert_eq!(result, Ok(()));
        assert_eq!(batch.push(1, &mut |n| Err(n)), Err(0));
    }
}
