//! The language server behind `kader lsp`: diagnostics, hover and
//! go-to-definition for framework files in any editor that speaks the
//! Language Server Protocol.
//!
//! One synchronous loop, as in rust-analyzer: take a message, answer it, take
//! the next. Every change re-checks the whole document (a framework is a few
//! hundred lines, checked in milliseconds) and publishes its diagnostics.
//!
//! Hover and go-to-definition answer from what the checker resolved each
//! name to (`check::Symbols`) in the last text of the document that
//! parsed, so that a name means to the editor what it means to `kader
//! check`. While the current text does not parse (the author is halfway
//! through a line), those names are still used for every part of the text
//! outside the edited stretch: positions are moved across the edit, and a
//! name that was itself edited is not answered for.
//!
//! **The server never panics on client input**: every lookup a message can
//! reach uses `get` and returns nothing when it misses; a malformed request
//! gets an error response; a defect in the checker (a panic) is caught on
//! the thread that checks the text and shown as a diagnostic instead of
//! taking the editor's server down.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::thread;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, Exit, Notification as _,
    PublishDiagnostics,
};
use lsp_types::request::{GotoDefinition, HoverRequest, Initialize, Request as _, Shutdown};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverContents, HoverParams, HoverProviderCapability, Location,
    LocationLink, MarkupContent, MarkupKind, NumberOrString, OneOf, Position, PositionEncodingKind,
    PublishDiagnosticsParams, Range, ServerCapabilities, TextDocumentContentChangeEvent,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use serde::Serialize;

use crate::check::{Symbols, Target};
use crate::diagnostic::{say, Diagnostic, Diagnostics, Severity, Text};
use crate::syntax::ast::Span;
use crate::terms::Language;

mod transport;

pub use transport::MAX_MESSAGE_BYTES;

/// Why the server stopped other than by `shutdown` followed by `exit`.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The client closed the connection without sending `exit`.
    #[error("the editor closed the connection without asking the server to exit")]
    Disconnected,
    /// The client sent `exit` without `shutdown` first; the protocol asks the
    /// server to exit with a failure code then.
    #[error("the editor asked the server to exit without shutting it down first")]
    ExitWithoutShutdown,
    /// Reading or writing the connection failed, or the editor stopped
    /// reading it.
    #[error("reading from or writing to the editor failed: {0}")]
    Io(#[from] std::io::Error),
}

/// Runs the server over standard input and output until the editor sends
/// `exit`. Nothing else may write to standard output meanwhile.
///
/// Returns `Ok` after `shutdown` followed by `exit`; the caller should then
/// exit with code 0, and with a failure code on any error.
pub fn run_stdio() -> Result<(), ServerError> {
    let (sender, receiver, io_threads) = transport::stdio(MAX_MESSAGE_BYTES);
    let connection = Connection { sender, receiver };
    let result = run(connection);
    match result {
        // The reader thread stops after passing on `exit`, and has stopped
        // when the channel is closed, so joining cannot block; joining lets
        // the writer thread flush the last responses, and brings out why the
        // reader stopped (a malformed message, say).
        result @ (Ok(()) | Err(ServerError::ExitWithoutShutdown | ServerError::Disconnected)) => {
            io_threads.join()?;
            result
        }
        // The editor stopped reading; the reader may still be waiting on
        // standard input, so it is not joined.
        Err(e @ ServerError::Io(_)) => Err(e),
    }
}

/// Runs the server over an established connection until the client sends
/// `exit` (or closes the connection). Tests pass one end of
/// [`Connection::memory`].
///
/// Returns `Ok` when `exit` follows `shutdown`, as the protocol requires.
pub fn run(connection: Connection) -> Result<(), ServerError> {
    let mut server = Server {
        connection: &connection,
        phase: Phase::Uninitialized,
        documents: HashMap::new(),
        link_support: false,
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => server.on_request(request)?,
            Message::Notification(notification) => {
                if notification.method == Exit::METHOD {
                    return match server.phase {
                        Phase::ShuttingDown => Ok(()),
                        Phase::Uninitialized | Phase::Running => {
                            Err(ServerError::ExitWithoutShutdown)
                        }
                    };
                }
                server.on_notification(notification)?;
            }
            // The server sends no requests, so no response is awaited.
            Message::Response(_) => {}
        }
    }
    Err(ServerError::Disconnected)
}

/// Where the server is in the protocol's life cycle.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for `initialize`.
    Uninitialized,
    /// Serving requests.
    Running,
    /// `shutdown` answered; only `exit` is expected.
    ShuttingDown,
}

struct Server<'a> {
    connection: &'a Connection,
    phase: Phase,
    documents: HashMap<Uri, Document>,
    /// Whether the client takes `LocationLink`s for go-to-definition.
    link_support: bool,
}

/// An open framework file.
struct Document {
    text: String,
    version: i32,
    lines: LineIndex,
    /// The names of the last text that parsed; `None` until one did.
    symbols: Option<Symbols>,
}

impl Server<'_> {
    fn on_request(&mut self, request: Request) -> Result<(), ServerError> {
        let Request { id, method, params } = request;
        match (self.phase, method.as_str()) {
            (Phase::Uninitialized, Initialize::METHOD) => {
                self.link_support = params
                    .pointer("/capabilities/textDocument/definition/linkSupport")
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(false);
                self.phase = Phase::Running;
                self.reply(id, initialize_result())
            }
            (Phase::Uninitialized, _) => self.reply_error(
                id,
                ErrorCode::ServerNotInitialized,
                "the server has not been initialized",
            ),
            (Phase::ShuttingDown, _) => {
                self.reply_error(id, ErrorCode::InvalidRequest, "the server is shutting down")
            }
            (Phase::Running, Initialize::METHOD) => self.reply_error(
                id,
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            ),
            (Phase::Running, Shutdown::METHOD) => {
                self.phase = Phase::ShuttingDown;
                self.reply(id, serde_json::Value::Null)
            }
            (Phase::Running, HoverRequest::METHOD) => self.answer(id, params, Server::hover),
            (Phase::Running, GotoDefinition::METHOD) => self.answer(id, params, Server::definition),
            (Phase::Running, _) => self.reply_error(
                id,
                ErrorCode::MethodNotFound,
                &format!("kader does not handle `{method}`"),
            ),
        }
    }

    fn on_notification(&mut self, notification: Notification) -> Result<(), ServerError> {
        if self.phase != Phase::Running {
            return Ok(());
        }
        let Notification { method, params } = notification;
        // Notifications get no answer, so malformed ones are dropped.
        match method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidOpenTextDocumentParams>(params) else {
                    return Ok(());
                };
                let doc = params.text_document;
                self.documents.insert(
                    doc.uri.clone(),
                    Document {
                        lines: LineIndex::new(&doc.text),
                        text: doc.text,
                        version: doc.version,
                        symbols: None,
                    },
                );
                self.analyse(&doc.uri)
            }
            DidChangeTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidChangeTextDocumentParams>(params)
                else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                let Some(document) = self.documents.get_mut(&uri) else {
                    return Ok(());
                };
                for change in params.content_changes {
                    document.apply(change);
                }
                document.version = params.text_document.version;
                self.analyse(&uri)
            }
            DidCloseTextDocument::METHOD => {
                let Ok(params) = serde_json::from_value::<DidCloseTextDocumentParams>(params)
                else {
                    return Ok(());
                };
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                self.publish(PublishDiagnosticsParams {
                    uri,
                    diagnostics: Vec::new(),
                    version: None,
                })
            }
            _ => Ok(()),
        }
    }

    /// Checks a document, refreshes its names when it parses, and publishes
    /// its diagnostics.
    fn analyse(&mut self, uri: &Uri) -> Result<(), ServerError> {
        let Some(document) = self.documents.get_mut(uri) else {
            return Ok(());
        };
        let folder = document_folder(uri);
        let diagnostics = match analyse_apart(&document.text, folder.as_deref()) {
            Some(Analysis {
                symbols,
                diagnostics,
            }) => {
                if symbols.is_some() {
                    document.symbols = symbols;
                }
                let language = diagnostics.language();
                diagnostics
                    .iter()
                    .map(|d| to_lsp_diagnostic(d, uri, document, language))
                    .collect()
            }
            None => vec![defect_diagnostic()],
        };
        let params = PublishDiagnosticsParams {
            uri: uri.clone(),
            diagnostics,
            version: Some(document.version),
        };
        self.publish(params)
    }

    fn hover(&self, params: &HoverParams) -> Option<Hover> {
        let at = &params.text_document_position_params;
        let document = self.documents.get(&at.text_document.uri)?;
        let found = document.name_at(at.position)?;
        let value = describe(found.symbols, found.target)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value,
            }),
            range: Some(document.range(found.span)),
        })
    }

    fn definition(&self, params: &GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
        let at = &params.text_document_position_params;
        let uri = &at.text_document.uri;
        let document = self.documents.get(uri)?;
        let found = document.name_at(at.position)?;
        let place = found.symbols.place(found.target)?;
        let name = found.edit.to_new(place.name)?;
        let whole = found.edit.to_new(place.whole).unwrap_or(name);
        if self.link_support {
            Some(GotoDefinitionResponse::Link(vec![LocationLink {
                origin_selection_range: Some(document.range(found.span)),
                target_uri: uri.clone(),
                target_range: document.range(whole),
                target_selection_range: document.range(name),
            }]))
        } else {
            Some(GotoDefinitionResponse::Scalar(Location {
                uri: uri.clone(),
                range: document.range(name),
            }))
        }
    }

    /// Answers a request with what `with` makes of its parameters, or with
    /// an error when they are malformed.
    fn answer<P: serde::de::DeserializeOwned, R: Serialize>(
        &self,
        id: RequestId,
        params: serde_json::Value,
        with: impl FnOnce(&Self, &P) -> R,
    ) -> Result<(), ServerError> {
        match serde_json::from_value::<P>(params) {
            Ok(params) => self.reply(id, with(self, &params)),
            Err(e) => self.reply_error(id, ErrorCode::InvalidParams, &e.to_string()),
        }
    }

    fn reply(&self, id: RequestId, result: impl Serialize) -> Result<(), ServerError> {
        let response = match serde_json::to_value(result) {
            Ok(value) => Response {
                id,
                result: Some(value),
                error: None,
            },
            Err(e) => Response::new_err(id, ErrorCode::InternalError as i32, e.to_string()),
        };
        self.send(Message::Response(response))
    }

    fn reply_error(
        &self,
        id: RequestId,
        code: ErrorCode,
        message: &str,
    ) -> Result<(), ServerError> {
        let response = Response::new_err(id, code as i32, message.to_string());
        self.send(Message::Response(response))
    }

    fn publish(&self, params: PublishDiagnosticsParams) -> Result<(), ServerError> {
        // Serialising these plain structs cannot fail; if it ever did, the
        // editor would miss one update rather than lose the server.
        let Ok(params) = serde_json::to_value(params) else {
            return Ok(());
        };
        self.send(Message::Notification(Notification {
            method: PublishDiagnostics::METHOD.to_string(),
            params,
        }))
    }

    fn send(&self, message: Message) -> Result<(), ServerError> {
        self.connection.sender.send(message).map_err(|_| {
            ServerError::Io(std::io::Error::new(
                std::io::ErrorKind::BrokenPipe,
                "the editor stopped reading the server's messages",
            ))
        })
    }
}

fn initialize_result() -> serde_json::Value {
    let capabilities = ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    };
    serde_json::json!({
        "capabilities": capabilities,
        "serverInfo": { "name": "kader", "version": env!("CARGO_PKG_VERSION") },
    })
}

// ---------------------------------------------------------------- analysis

struct Analysis {
    /// The names of the text, when it parses.
    symbols: Option<Symbols>,
    /// Errors and warnings, as `kader check` reports them, in the
    /// framework's language.
    diagnostics: Diagnostics,
}

/// The stack of the thread that checks a text: deep enough for any framework
/// a person writes, and the same whichever thread runs the server.
const CHECK_STACK: usize = 32 * 1024 * 1024;

/// Checks a text on a thread of its own, so that a defect in the checker
/// (a panic) costs one analysis and not the server; `None` after a defect.
fn analyse_apart(text: &str, folder: Option<&std::path::Path>) -> Option<Analysis> {
    thread::scope(|scope| {
        let spawned = thread::Builder::new()
            .name("kader-check".to_string())
            .stack_size(CHECK_STACK)
            .spawn_scoped(scope, || analyse(text, folder));
        match spawned {
            Ok(handle) => handle.join().ok(),
            Err(_) => panic::catch_unwind(AssertUnwindSafe(|| analyse(text, folder))).ok(),
        }
    })
}

/// The folder of a `file:` document, where the frameworks a layer extends
/// are looked for (and in the folder above it).
fn document_folder(uri: &Uri) -> Option<std::path::PathBuf> {
    let path = uri.as_str().strip_prefix("file://")?;
    let bytes = path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                decoded.push(v);
                i += 3;
            }
            _ => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let path = std::path::PathBuf::from(String::from_utf8(decoded).ok()?);
    path.parent().map(std::path::Path::to_path_buf)
}

/// Resolves a layer's base in the document's folder, then the one above.
struct FolderResolver<'a> {
    folder: &'a std::path::Path,
}

impl crate::resolve::Resolver for FolderResolver<'_> {
    fn resolve(&self, id: &str) -> Result<crate::resolve::Source, crate::resolve::ResolveError> {
        let here = crate::resolve::DirResolver::new(self.folder).and_then(|r| r.resolve(id));
        match (here, self.folder.parent()) {
            (Ok(source), _) => Ok(source),
            (Err(first), Some(parent)) => crate::resolve::DirResolver::new(parent)
                .and_then(|r| r.resolve(id))
                .map_err(|_| first),
            (Err(first), None) => Err(first),
        }
    }
}

fn analyse(text: &str, folder: Option<&std::path::Path>) -> Analysis {
    let resolver = folder.map(|folder| FolderResolver { folder });
    let resolver = resolver
        .as_ref()
        .map(|r| r as &dyn crate::resolve::Resolver);
    let limits = crate::Limits::default();
    let (loaded, symbols) = crate::resolve::load_with_symbols(text, "", resolver, &limits);
    let compiled = loaded.and_then(|(model, warnings)| crate::compile::compile(&model, warnings));
    let diagnostics = match compiled {
        Ok(framework) => framework.warnings().clone(),
        Err(diagnostics) => diagnostics,
    };
    Analysis {
        symbols,
        diagnostics,
    }
}

fn to_lsp_diagnostic(
    d: &Diagnostic,
    uri: &Uri,
    document: &Document,
    language: Language,
) -> lsp_types::Diagnostic {
    let words = |text: &Text| text.words(language);
    let mut message = words(&d.message);
    // The label under the underline, unless it only repeats the message.
    if let Some(label) = d
        .label
        .as_ref()
        .map(words)
        .filter(|l| !message.contains(l.as_str()))
    {
        message.push('\n');
        message.push_str(&label);
    }
    if let Some(help) = &d.help {
        message.push('\n');
        message.push_str(&say!(Help, words(help)).words(language));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|(span, label)| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: document.range(*span),
            },
            message: words(label),
        })
        .collect();
    lsp_types::Diagnostic {
        range: document.range(d.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_string())),
        source: Some("kader".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

/// Shown instead of the diagnostics when checking the text hit a defect.
fn defect_diagnostic() -> lsp_types::Diagnostic {
    lsp_types::Diagnostic {
        range: Range::default(),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("E0000".to_string())),
        source: Some("kader".to_string()),
        message: "kader stopped while checking this file\nhelp: this is a defect in kader; \
                  please report it with the file"
            .to_string(),
        ..lsp_types::Diagnostic::default()
    }
}

// ---------------------------------------------------------------- documents

impl Document {
    /// Applies one change: the whole text, or (from clients that send them
    /// regardless of the announced full sync) a replaced range.
    fn apply(&mut self, change: TextDocumentContentChangeEvent) {
        match change.range {
            None => self.text = change.text,
            Some(range) => {
                let start = self.lines.offset(&self.text, range.start);
                let end = self.lines.offset(&self.text, range.end);
                let (start, end) = (start.min(end), start.max(end));
                if let (Some(before), Some(after)) = (self.text.get(..start), self.text.get(end..))
                {
                    self.text = format!("{before}{}{after}", change.text);
                }
            }
        }
        self.lines = LineIndex::new(&self.text);
    }

    fn range(&self, span: Span) -> Range {
        Range::new(
            self.lines.position(&self.text, span.start),
            self.lines.position(&self.text, span.end),
        )
    }

    /// The name under the cursor, looked up in the last text that parsed.
    fn name_at(&self, position: Position) -> Option<Found<'_>> {
        let symbols = self.symbols.as_ref()?;
        let edit = Edit::between(symbols.text(), &self.text);
        let offset = edit.to_old(self.lines.offset(&self.text, position))?;
        let (span, target) = symbols.at(offset)?;
        Some(Found {
            symbols,
            target,
            span: edit.to_new(span)?,
            edit,
        })
    }
}

/// A name found under the cursor.
struct Found<'a> {
    symbols: &'a Symbols,
    target: Target,
    /// Where the name is written, in the current text.
    span: Span,
    /// How the text of the names became the current one.
    edit: Edit,
}

/// Line starts of a text, to convert byte offsets to LSP positions (lines
/// and UTF-16 code units, the protocol's default encoding) and back.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        for (i, byte) in bytes.iter().enumerate() {
            let ends_line = match byte {
                b'\n' => true,
                b'\r' => bytes.get(i + 1) != Some(&b'\n'),
                _ => false,
            };
            if ends_line {
                starts.push(i + 1);
            }
        }
        LineIndex { starts }
    }

    fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self
            .starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let character = text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(to_u32(line), to_u32(character))
    }

    /// The byte offset of a position; past the end of a line is the line's
    /// end, past the last line the text's end.
    fn offset(&self, text: &str, position: Position) -> usize {
        let line = usize::try_from(position.line).unwrap_or(usize::MAX);
        let Some(&start) = self.starts.get(line) else {
            return text.len();
        };
        let end = self
            .starts
            .get(line.saturating_add(1))
            .copied()
            .unwrap_or(text.len());
        let line_text = text.get(start..end).unwrap_or("");
        let content = line_text.strip_suffix('\n').unwrap_or(line_text);
        let content = content.strip_suffix('\r').unwrap_or(content);
        let wanted = usize::try_from(position.character).unwrap_or(usize::MAX);
        let mut units = 0;
        for (i, c) in content.char_indices() {
            if units >= wanted {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + content.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// How an older text became a newer one, as one replaced stretch: the texts
/// share `prefix` bytes at the start and everything from `old_rest` (in the
/// old text) and `new_rest` (in the new) to their ends.
struct Edit {
    prefix: usize,
    old_rest: usize,
    new_rest: usize,
}

impl Edit {
    fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
        while !old.is_char_boundary(prefix) {
            prefix -= 1;
        }
        let room = a.len().min(b.len()) - prefix;
        let mut suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(room)
            .take_while(|(x, y)| x == y)
            .count();
        while !old.is_char_boundary(a.len() - suffix) {
            suffix -= 1;
        }
        Edit {
            prefix,
            old_rest: a.len() - suffix,
            new_rest: b.len() - suffix,
        }
    }

    /// Where a new offset was in the old text; `None` inside the edit.
    fn to_old(&self, offset: usize) -> Option<usize> {
        if offset <= self.prefix {
            Some(offset)
        } else if offset >= self.new_rest {
            Some(offset - self.new_rest + self.old_rest)
        } else {
            None
        }
    }

    /// Where an old span is in the new text; `None` when the edit touched it.
    fn to_new(&self, span: Span) -> Option<Span> {
        if span.end <= self.prefix {
            Some(span)
        } else if span.start >= self.old_rest {
            let shift = |at: usize| at - self.old_rest + self.new_rest;
            Some(Span::new(shift(span.start), shift(span.end)))
        } else {
            None
        }
    }
}

// ---------------------------------------------------------------- hover

/// The hover text of something the file declares, in Markdown; `None` for
/// what only a base declares, and for enum members, whose declaration says
/// no more than the member itself.
fn describe(symbols: &Symbols, target: Target) -> Option<String> {
    let place = symbols.place(target)?;
    let model = symbols.model();
    let language = model.language;
    let words = |text: Text| text.words(language);
    let mut out = String::new();
    match target {
        Target::Evidence(slot) => {
            let declaration = model.evidence.get(slot)?;
            let notation = declaration.ty.notation();
            code_block(&mut out, &format!("{} : {notation}", declaration.path));
            if let Some(label) = &declaration.label {
                let _ = write!(out, "\n{}\n", crate::layout::markdown::escape(label));
            }
            let ty = crate::check::type_in_words(&declaration.ty);
            let _ = write!(out, "\n{}", words(say!(HoverEvidence, ty)));
        }
        Target::Define(_) => {
            let text = symbols.text().get(place.whole.start..place.whole.end)?;
            code_block(&mut out, text);
        }
        Target::Theme(i) => {
            let theme = model.themes.get(i)?;
            let criteria = match theme.criteria.len() {
                1 => say!(HoverOneCriterion),
                n => say!(HoverCriteria, n.to_string()),
            };
            let _ = write!(
                out,
                "**{}**\n\n{}",
                crate::layout::markdown::escape(&theme.title),
                words(say!(HoverTheme, &theme.id, criteria))
            );
        }
        Target::Criterion(i) => {
            let criterion = model.criteria.get(i)?;
            let _ = write!(
                out,
                "**{}**\n\n{}",
                crate::layout::markdown::escape(&criterion.title),
                words(say!(HoverCriterion, &criterion.id))
            );
            if let Some(theme) = model.themes.get(criterion.theme) {
                let _ = write!(out, " {}", words(say!(HoverInTheme, &theme.id)));
            }
            if criterion.mandatory {
                let _ = write!(out, " · {}", words(say!(HoverMandatory)));
            }
            if criterion.weight != 1 {
                let weight = criterion.weight.to_string();
                let _ = write!(out, " · {}", words(say!(HoverWeight, weight)));
            }
            let owner = criterion.owner.as_str();
            let _ = write!(out, " · {}", words(say!(HoverOwner, owner)));
        }
        Target::Partner(i) => {
            let partner = model.partners.get(i)?;
            let name = partner.name_in(language);
            let _ = write!(
                out,
                "**{}**\n\n{}",
                crate::layout::markdown::escape(&name),
                words(say!(HoverOwner, &partner.id))
            );
        }
        Target::Member(..) => return None,
    }
    Some(out)
}

/// Appends a fenced `kader` code block, its fence longer than any run of
/// backticks inside.
fn code_block(out: &mut String, code: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in code.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let _ = write!(out, "{fence}kader\n{code}\n{fence}\n");
}
