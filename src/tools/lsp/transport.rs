//! The server's end of standard input and output: messages framed by
//! `Content-Length`, read with every size checked before anything is
//! allocated for it.
//!
//! lsp-server's own stdio transport reads a header line of any length and
//! allocates whatever `Content-Length` says (`99999999999` aborts the
//! process). This reader bounds a header line, the number of headers and
//! the body, and hands only a message that fits to lsp-server to parse.

use std::io::{self, BufRead, Read, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender};
use lsp_server::{Message, Notification};

/// The largest message body the server reads: four times the largest
/// framework source ([`crate::Limits`]), room for JSON's escaping of a
/// whole document sent in `didOpen` or `didChange`.
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024 * 1024;

/// The longest header line, and the most header lines in one message. The
/// protocol has two headers, each a few dozen bytes.
const MAX_HEADER_LINE: usize = 1024;
const MAX_HEADERS: usize = 32;

/// Reads one message's body: `Ok(None)` at the end of the input, an
/// `InvalidData` error for a frame that breaks the protocol or a limit.
pub(super) fn read_body(input: &mut impl BufRead, limit: usize) -> io::Result<Option<Vec<u8>>> {
    let mut length = None;
    let mut headers = 0usize;
    loop {
        let mut line = Vec::new();
        let cap = u64::try_from(MAX_HEADER_LINE).unwrap_or(u64::MAX) + 1;
        if input.by_ref().take(cap).read_until(b'\n', &mut line)? == 0 {
            return if headers == 0 {
                Ok(None)
            } else {
                Err(invalid("the input ended inside a message's headers"))
            };
        }
        headers += 1;
        if line.len() > MAX_HEADER_LINE || headers > MAX_HEADERS {
            return Err(invalid(&format!(
                "a message's headers are longer than {MAX_HEADERS} lines of {MAX_HEADER_LINE} bytes"
            )));
        }
        let Some(line) = line.strip_suffix(b"\r\n") else {
            return Err(invalid("a header line does not end in CR LF"));
        };
        if line.is_empty() {
            break;
        }
        let text = std::str::from_utf8(line).map_err(|_| invalid("a header is not UTF-8"))?;
        let Some((name, value)) = text.split_once(':') else {
            return Err(invalid(&format!("`{text}` is not a header")));
        };
        if name.trim().eq_ignore_ascii_case("Content-Length") {
            let value = value.trim();
            let n: u64 = value
                .parse()
                .map_err(|_| invalid(&format!("Content-Length `{value}` is not a number")))?;
            match usize::try_from(n) {
                Ok(n) if n <= limit => length = Some(n),
                _ => {
                    return Err(invalid(&format!(
                        "a message of {n} bytes is larger than the {limit} bytes the server reads"
                    )))
                }
            }
        }
    }
    let length = length.ok_or_else(|| invalid("a message has no Content-Length header"))?;
    // Grows with what arrives, not with what the header promised.
    let mut body = Vec::new();
    input
        .by_ref()
        .take(u64::try_from(length).unwrap_or(u64::MAX))
        .read_to_end(&mut body)?;
    if body.len() < length {
        return Err(invalid("the input ended inside a message"));
    }
    Ok(Some(body))
}

fn invalid(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

/// Reads one message from `input`, at most `limit` bytes of body.
pub(super) fn read_message(input: &mut impl BufRead, limit: usize) -> io::Result<Option<Message>> {
    let Some(body) = read_body(input, limit)? else {
        return Ok(None);
    };
    // lsp-server parses the message; it gets a frame that is known to fit.
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(&body);
    Message::read(&mut io::Cursor::new(frame))
}

/// The reader and writer threads of a connection over stdin and stdout.
pub(super) struct Threads {
    reader: thread::JoinHandle<io::Result<()>>,
    writer: thread::JoinHandle<io::Result<()>>,
}

impl Threads {
    /// Waits for the writer to send what is left, then for the reader;
    /// returns why either stopped, if it failed.
    pub(super) fn join(self) -> io::Result<()> {
        let writer = self
            .writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer stopped")));
        let reader = self
            .reader
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the reader stopped")));
        reader.and(writer)
    }
}

/// A connection over standard input and output: `(sender, receiver)` for
/// the server, and the threads that move the messages. A message past
/// `limit` stops the reader: the editor is told why (`window/showMessage`)
/// and the connection closes, so the server ends instead of aborting.
pub(super) fn stdio(limit: usize) -> (Sender<Message>, Receiver<Message>, Threads) {
    // Unbuffered, as lsp-server's own: the reader never runs ahead of the
    // server by more than one message.
    let (to_server, incoming) = crossbeam_channel::bounded::<Message>(0);
    let (outgoing, to_editor) = crossbeam_channel::bounded::<Message>(0);
    let notices = outgoing.clone();
    let writer = thread::spawn(move || -> io::Result<()> {
        let stdout = io::stdout();
        let mut out = stdout.lock();
        for message in to_editor {
            message.write(&mut out)?;
        }
        out.flush()
    });
    let reader = thread::spawn(move || -> io::Result<()> {
        let stdin = io::stdin();
        let mut input = stdin.lock();
        loop {
            match read_message(&mut input, limit) {
                Ok(None) => return Ok(()),
                Ok(Some(message)) => {
                    let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                    if to_server.send(message).is_err() || exit {
                        return Ok(());
                    }
                }
                Err(e) => {
                    let _ = notices.send(Message::Notification(Notification::new(
                        "window/showMessage".to_string(),
                        serde_json::json!({
                            "type": 1,
                            "message": format!("kader lsp stops: {e}"),
                        }),
                    )));
                    return Err(e);
                }
            }
        }
    });
    (outgoing, incoming, Threads { reader, writer })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8]) -> io::Result<Option<Vec<u8>>> {
        read_body(&mut io::BufReader::new(input), 100)
    }

    #[test]
    fn an_oversized_content_length_is_refused_before_anything_is_allocated() {
        let error = read(b"Content-Length: 99999999999\r\n\r\n{}").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a message of 99999999999 bytes is larger than the 100 bytes the server reads"
        );
        let error = read(b"Content-Length: 999999999999999999999999\r\n\r\n").unwrap_err();
        assert!(error.to_string().contains("is not a number"), "{error}");
    }

    #[test]
    fn an_endless_header_line_is_refused_after_its_limit() {
        let long = vec![b'a'; 10 * MAX_HEADER_LINE];
        let error = read(&long).unwrap_err();
        assert!(error.to_string().contains("headers are longer"), "{error}");
        let many = b"X-A: 1\r\n".repeat(MAX_HEADERS + 1);
        assert!(read(&many).is_err());
    }

    #[test]
    fn a_message_that_fits_is_read_and_a_short_one_is_an_error() {
        assert_eq!(
            read(b"content-length: 2\r\nContent-Type: x\r\n\r\n{}").unwrap(),
            Some(b"{}".to_vec())
        );
        assert_eq!(read(b"").unwrap(), None);
        assert!(read(b"Content-Length: 10\r\n\r\n{}").is_err());
        assert!(read(b"Content-Length: 2\n\n{}").is_err());
    }
}
