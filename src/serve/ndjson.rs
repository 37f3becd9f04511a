//! Evaluations of many locations in one request: NDJSON in, NDJSON out.
//!
//! The body is read a line at a time and each line (no longer than the
//! body limit) is evaluated on every core by `kader::batch::stream`, in
//! chunks, and written back in input order as soon as its chunk is done:
//! one result line per location, the result document as
//! `kader eval --format json` writes it. Both directions go through
//! bounded channels, so memory stays flat however long the stream; a
//! client that reads slowly slows the reading of its own body. A line
//! that does not load gives an error object in its place
//! (`{"line": N, "error": PROBLEM}`) and the stream goes on.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use http_body::Frame;
use http_body_util::BodyExt;
use kader::api::{self, Judging};
use kader::batch;
use serde_json::json;
use tokio::sync::{mpsc, OwnedSemaphorePermit};

use super::library::Loaded;
use super::problem::Problem;
use super::Shared;

/// Result lines waiting for the client.
const OUT_LINES: usize = 64;

/// One input line: its number, and its text or why it cannot be read.
struct Line {
    number: usize,
    text: Result<String, Problem>,
}

/// The response that streams the results of the body's lines.
pub fn stream(
    shared: Arc<Shared>,
    loaded: Arc<Loaded>,
    judging: Judging,
    body: Body,
    permit: OwnedSemaphorePermit,
) -> Response {
    let threads = batch::available_threads();
    let per_thread = batch::CHUNK_PER_THREAD;
    let (lines, mut incoming) = mpsc::channel::<Line>(per_thread.saturating_mul(threads.get()));
    let (results, outgoing) = mpsc::channel::<Bytes>(OUT_LINES);
    tokio::spawn(read_lines(
        body,
        lines,
        shared.max_body_bytes,
        shared.timeout,
    ));
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let work = |line: Line| -> String {
            let text = match line.text {
                Ok(text) => text,
                Err(problem) => return error_line(line.number, &problem),
            };
            match api::evaluate_compiled(&loaded.framework, &text, false, judging) {
                Ok(written) => {
                    if let Some(log) = &shared.decisions {
                        log.record(&written.document, &text, false, jiff::Timestamp::now());
                    }
                    written.document
                }
                Err(error) => error_line(line.number, &Problem::of_api(&error)),
            }
        };
        // A client gone stops the work: its results have nowhere to go.
        let _ = batch::stream(
            threads,
            per_thread,
            &work,
            |push| {
                while let Some(line) = incoming.blocking_recv() {
                    push(line)?;
                }
                Ok(())
            },
            &mut |result: String| results.blocking_send(Bytes::from(result)).map_err(|_| ()),
        );
    });
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/x-ndjson")],
        Body::new(Lines(outgoing)),
    )
        .into_response()
}

/// The line of a location that could not be evaluated.
fn error_line(number: usize, problem: &Problem) -> String {
    let mut text = json!({ "line": number, "error": problem.to_value() }).to_string();
    text.push('\n');
    text
}

/// Reads the body into lines, each no longer than `limit`; waits at most
/// `idle` for each piece of it.
async fn read_lines(mut body: Body, lines: mpsc::Sender<Line>, limit: usize, idle: Duration) {
    let mut reader = Splitter {
        pending: Vec::new(),
        number: 0,
        skipping: false,
        limit,
    };
    loop {
        let problem = match tokio::time::timeout(idle, body.frame()).await {
            Ok(None) => break,
            Ok(Some(Ok(frame))) => {
                let Ok(data) = frame.into_data() else {
                    continue;
                };
                for line in reader.feed(&data) {
                    if lines.send(line).await.is_err() {
                        return;
                    }
                }
                continue;
            }
            Err(_) => Problem::request_timeout(idle.as_secs()),
            Ok(Some(Err(e))) => {
                Problem::bad_request(format!("the request body could not be read: {e}"))
            }
        };
        // The body stopped short: the line it was in says why.
        let _ = lines
            .send(Line {
                number: reader.number + 1,
                text: Err(problem),
            })
            .await;
        return;
    }
    if let Some(line) = reader.finish() {
        let _ = lines.send(line).await;
    }
}

/// Cuts bytes into lines as they arrive.
struct Splitter {
    pending: Vec<u8>,
    /// Lines seen so far.
    number: usize,
    /// The current line is past the limit: drop it up to its end.
    skipping: bool,
    limit: usize,
}

impl Splitter {
    /// The lines `data` completes (blank ones left out).
    fn feed(&mut self, data: &[u8]) -> Vec<Line> {
        let mut done = Vec::new();
        let mut rest = data;
        while let Some(at) = rest.iter().position(|&b| b == b'\n') {
            let (head, tail) = rest.split_at(at);
            rest = tail.get(1..).unwrap_or_default();
            if !self.skipping {
                self.pending.extend_from_slice(head);
            }
            done.extend(self.line());
        }
        if !self.skipping {
            self.pending.extend_from_slice(rest);
            if self.pending.len() > self.limit {
                self.skipping = true;
                self.pending = Vec::new();
            }
        }
        done
    }

    /// The last line, if it did not end with a line break.
    fn finish(&mut self) -> Option<Line> {
        if self.skipping || !self.pending.is_empty() {
            self.line()
        } else {
            None
        }
    }

    /// The line gathered so far, taken.
    fn line(&mut self) -> Option<Line> {
        self.number += 1;
        let number = self.number;
        if std::mem::take(&mut self.skipping) {
            return Some(Line {
                number,
                text: Err(Problem::too_large(self.limit)),
            });
        }
        let mut bytes = std::mem::take(&mut self.pending);
        if bytes.len() > self.limit {
            return Some(Line {
                number,
                text: Err(Problem::too_large(self.limit)),
            });
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
            bytes.drain(..3);
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            Problem::bad_request(format!(
                "line {number} is not UTF-8 (at byte {}); every line is one JSON document in UTF-8",
                e.utf8_error().valid_up_to()
            ))
        });
        Some(Line { number, text })
    }
}

/// The response body: result lines as they come.
struct Lines(mpsc::Receiver<Bytes>);

impl http_body::Body for Lines {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0
            .poll_recv(cx)
            .map(|line| line.map(|b| Ok(Frame::data(b))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: Vec<Line>) -> Vec<(usize, Result<String, u16>)> {
        lines
            .into_iter()
            .map(|l| (l.number, l.text.map_err(|p| p.status().as_u16())))
            .collect()
    }

    #[test]
    fn lines_are_cut_wherever_the_pieces_break() {
        let mut splitter = Splitter {
            pending: Vec::new(),
            number: 0,
            skipping: false,
            limit: 10,
        };
        let mut all = splitter.feed(b"{\"a\":1}\r\n{\"b\"");
        all.extend(splitter.feed(b":2}\n\n  \n"));
        all.extend(splitter.feed(b"0123456789012345"));
        all.extend(splitter.feed(b"6789\n{}\n01234567890\n"));
        all.extend(splitter.feed(b"{\"c\":3}"));
        all.extend(splitter.finish());
        assert_eq!(
            texts(all),
            vec![
                (1, Ok("{\"a\":1}".to_string())),
                (2, Ok("{\"b\":2}".to_string())),
                (5, Err(413)),
                (6, Ok("{}".to_string())),
                (7, Err(413)),
                (8, Ok("{\"c\":3}".to_string())),
            ]
        );
    }
}
