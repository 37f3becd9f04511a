//! The language server, spoken to as an editor speaks to it.
//!
//! Most tests run [`kader::lsp::run`] on a thread over an in-memory
//! connection; [`stdio_binary_round_trip`] runs `kader lsp` as a process.
//! Sources mark the cursor with `$0` and an expected range with `[[...]]`.
//! Every wait has a timeout, so a hung server fails a test instead of
//! hanging it.
//!
//! The editor files under `editors/` are checked here too: the TextMate
//! grammar and the Vim syntax must highlight exactly the keywords of
//! `grammar/kader.pest`.

#![expect(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "the helpers are test code: a broken protocol exchange is a failed test"
)]

use std::collections::{BTreeSet, VecDeque};
use std::io::{BufReader, BufWriter};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use kader::lsp::ServerError;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::{
    DiagnosticSeverity, GotoDefinitionResponse, Hover, HoverContents, Position,
    PublishDiagnosticsParams, Range,
};
use serde_json::{json, Value};

/// How long any single answer may take.
const TIMEOUT: Duration = Duration::from_secs(20);

const URI: &str = "file:///work/kader/demo.kader";

// ---------------------------------------------------------------- the client

/// An editor talking to a server running on a thread.
struct Client {
    connection: Connection,
    /// The server's result once `run` returns.
    done: mpsc::Receiver<Result<(), ServerError>>,
    next_id: i32,
    /// Notifications that arrived while waiting for a response.
    pending: VecDeque<Notification>,
}

impl Client {
    /// A server initialized by an editor without `LocationLink` support.
    fn start() -> Client {
        Client::start_with(json!({}))
    }

    /// A server initialized with these client capabilities.
    fn start_with(capabilities: Value) -> Client {
        let mut client = Client::connect();
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        assert_eq!(result["serverInfo"]["name"], "kader");
        client.notify("initialized", json!({}));
        client
    }

    /// A server that has not been initialized yet.
    fn connect() -> Client {
        let (server, connection) = Connection::memory();
        let (report, done) = mpsc::channel();
        thread::spawn(move || {
            let _ = report.send(kader::lsp::run(server));
        });
        Client {
            connection,
            done,
            next_id: 0,
            pending: VecDeque::new(),
        }
    }

    fn send(&self, message: Message) {
        self.connection.sender.send(message).unwrap();
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(
            method.to_string(),
            params,
        )));
    }

    /// Sends a request and waits for its response, keeping notifications.
    fn respond(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(
            id.clone(),
            method.to_string(),
            params,
        )));
        loop {
            match self.receive(method) {
                Message::Response(response) if response.id == id => return response,
                Message::Notification(n) => self.pending.push_back(n),
                other => panic!("unexpected message while waiting for `{method}`: {other:?}"),
            }
        }
    }

    /// Sends a request that must succeed and returns its result.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.respond(method, params);
        assert!(
            response.error.is_none(),
            "`{method}` failed: {:?}",
            response.error
        );
        response.result.unwrap_or(Value::Null)
    }

    fn receive(&self, waiting_for: &str) -> Message {
        self.connection
            .receiver
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|e| panic!("no answer to `{waiting_for}` within {TIMEOUT:?}: {e}"))
    }

    /// The next published diagnostics.
    fn diagnostics(&mut self) -> PublishDiagnosticsParams {
        loop {
            let notification = match self.pending.pop_front() {
                Some(n) => n,
                None => match self.receive("publishDiagnostics") {
                    Message::Notification(n) => n,
                    other => panic!("expected diagnostics, got {other:?}"),
                },
            };
            if notification.method == "textDocument/publishDiagnostics" {
                return serde_json::from_value(notification.params).unwrap();
            }
        }
    }

    fn open(&mut self, text: &str) -> PublishDiagnosticsParams {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": URI, "languageId": "kader", "version": 1, "text": text,
            }}),
        );
        self.diagnostics()
    }

    fn change(&mut self, version: i32, text: &str) -> PublishDiagnosticsParams {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
        self.diagnostics()
    }

    fn hover(&mut self, at: Position) -> Option<Hover> {
        let result = self.request("textDocument/hover", position_params(at));
        serde_json::from_value(result).unwrap()
    }

    fn definition(&mut self, at: Position) -> Option<GotoDefinitionResponse> {
        let result = self.request("textDocument/definition", position_params(at));
        serde_json::from_value(result).unwrap()
    }

    /// `shutdown` then `exit`; the server must stop cleanly.
    fn shut_down(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let result = self.done.recv_timeout(TIMEOUT).unwrap();
        assert!(result.is_ok(), "server stopped with {result:?}");
    }
}

fn position_params(at: Position) -> Value {
    json!({ "textDocument": { "uri": URI }, "position": at })
}

// ---------------------------------------------------------------- markers

/// The text without its `$0`, and the cursor's position.
fn cursor(marked: &str) -> (String, Position) {
    let offset = marked
        .find("$0")
        .expect("the source marks the cursor with `$0`");
    let text = marked.replacen("$0", "", 1);
    (text.clone(), position(&text, offset))
}

/// The text without its `[[`/`]]`, and the marked range.
fn marked_range(marked: &str) -> (String, Range) {
    let start = marked
        .find("[[")
        .expect("the source marks a range with `[[`");
    let text = marked.replacen("[[", "", 1);
    let end = text.find("]]").expect("the range ends with `]]`");
    let text = text.replacen("]]", "", 1);
    let range = Range::new(position(&text, start), position(&text, end));
    (text, range)
}

/// An LSP position: a line and UTF-16 code units into it.
fn position(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].encode_utf16().count();
    Position::new(line as u32, character as u32)
}

/// The text a range covers.
fn text_of(text: &str, range: Range) -> String {
    let offset = |p: Position| {
        let line_start: usize = text
            .split_inclusive('\n')
            .take(p.line as usize)
            .map(str::len)
            .sum();
        let mut units = 0;
        for (i, c) in text[line_start..].char_indices() {
            if units == p.character as usize {
                return line_start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    };
    text[offset(range.start)..offset(range.end)].to_string()
}

fn hover_text(hover: &Hover) -> &str {
    match &hover.contents {
        HoverContents::Markup(markup) => &markup.value,
        other => panic!("expected Markdown, got {other:?}"),
    }
}

// ---------------------------------------------------------------- sources

/// A small framework that compiles without problems; `{}` is where tests
/// put a criterion.
const DEMO: &str = r#"framework demo "Demo" version "1"
evidence {
  school.type       : enum(po, vo)  "Onderwijssoort van de locatie"
  coordinator.name  : text          "Naam veiligheidscoördinator"
  monitor.last_run  : date          "Datum laatste monitor"
  evacuation.drills : list<date>    "Data van ontruimingsoefeningen"
}

define recent_monitor = monitor.last_run within 12 months

theme sociaal "Sociale veiligheid" {
  criterion S1 "Veiligheidscoördinator benoemd" {
    mandatory
    owner school
    require present(coordinator.name)
      else "Er is geen coördinator opgegeven."
  }
  criterion S2 "Jaarlijkse monitor" {
    weight 2
    owner school
    applies when school.type in {po, vo}
    require recent_monitor
      else "De laatste monitor is van {monitor.last_run}."
    require count(evacuation.drills within 12 months) >= 1
  }
}

scoring {
  theme passes when all mandatory pass and score >= 60%
  theme sociaal passes when all mandatory pass and score >= 50%
  certified when all themes pass
}
"#;

/// `DEMO` with the `$0` cursor placed on the `nth` (0-based) occurrence of
/// `needle`, `into` bytes into it.
fn demo_at(needle: &str, nth: usize, into: usize) -> (String, Position) {
    let offset = DEMO
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", nth + 1))
        .0;
    let at = offset + into;
    cursor(&format!("{}$0{}", &DEMO[..at], &DEMO[at..]))
}

// ---------------------------------------------------------------- life cycle

#[test]
fn initialize_announces_what_the_server_does() {
    let mut client = Client::connect();
    let result = client.request("initialize", json!({ "capabilities": {} }));
    let capabilities = &result["capabilities"];
    assert_eq!(capabilities["textDocumentSync"]["openClose"], true);
    assert_eq!(capabilities["textDocumentSync"]["change"], 1, "full sync");
    assert_eq!(capabilities["hoverProvider"], true);
    assert_eq!(capabilities["definitionProvider"], true);
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    client.notify("initialized", json!({}));
    client.shut_down();
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::connect();
    let response = client.respond("textDocument/hover", position_params(Position::new(0, 0)));
    let error = response.error.expect("an error response");
    assert_eq!(
        error.code,
        lsp_server::ErrorCode::ServerNotInitialized as i32
    );
    client.request("initialize", json!({ "capabilities": {} }));
    client.shut_down();
}

#[test]
fn requests_after_shutdown_are_refused() {
    let mut client = Client::start();
    client.request("shutdown", Value::Null);
    let response = client.respond("textDocument/hover", position_params(Position::new(0, 0)));
    let error = response.error.expect("an error response");
    assert_eq!(error.code, lsp_server::ErrorCode::InvalidRequest as i32);
    client.notify("exit", Value::Null);
    assert!(client.done.recv_timeout(TIMEOUT).unwrap().is_ok());
}

#[test]
fn exit_without_shutdown_is_a_failure() {
    let client = Client::start();
    client.notify("exit", Value::Null);
    let result = client.done.recv_timeout(TIMEOUT).unwrap();
    assert!(matches!(result, Err(ServerError::ExitWithoutShutdown)));
}

#[test]
fn a_closed_connection_stops_the_server() {
    let client = Client::start();
    let Client {
        connection, done, ..
    } = client;
    drop(connection);
    let result = done.recv_timeout(TIMEOUT).unwrap();
    assert!(matches!(result, Err(ServerError::Disconnected)));
}

// ---------------------------------------------------------------- diagnostics

/// Opens `marked` and expects exactly one diagnostic, on the `[[...]]` range,
/// with this code and severity, its text containing `message`; returns it.
fn check_diagnostic(
    marked: &str,
    code: &str,
    severity: DiagnosticSeverity,
    message: &str,
) -> lsp_types::Diagnostic {
    let (text, range) = marked_range(marked);
    let mut client = Client::start();
    let published = client.open(&text);
    assert_eq!(published.uri.as_str(), URI);
    assert_eq!(published.version, Some(1));
    let [diagnostic] = published.diagnostics.as_slice() else {
        panic!("expected one diagnostic, got {:#?}", published.diagnostics);
    };
    assert_eq!(diagnostic.range, range, "range of {:?}", diagnostic.message);
    assert_eq!(
        diagnostic.code,
        Some(lsp_types::NumberOrString::String(code.to_string()))
    );
    assert_eq!(diagnostic.severity, Some(severity));
    assert_eq!(diagnostic.source.as_deref(), Some("kader"));
    assert!(
        diagnostic.message.contains(message),
        "message {:?} does not contain {message:?}",
        diagnostic.message
    );
    client.shut_down();
    diagnostic.clone()
}

#[test]
fn syntax_error_is_published_with_its_help() {
    let diagnostic = check_diagnostic(
        r#"framework demo "Demo" version "1"
evidence { plan.adopted : date "Datum plan" }
theme t "Thema" {
  criterion C1 "Plan" {
    owner school
    [[requre]] plan.adopted within 12 months
  }
}
"#,
        "E0101",
        DiagnosticSeverity::ERROR,
        "maar `requre` gevonden",
    );
    assert!(
        diagnostic.message.contains("\ntip: "),
        "{:?}",
        diagnostic.message
    );
}

/// `ö` is two bytes and one UTF-16 unit, `🙂` four bytes and two units: the
/// range must count UTF-16 units, as the protocol says.
#[test]
fn diagnostic_range_counts_utf16_units() {
    let diagnostic = check_diagnostic(
        r#"framework demo "Demo" version "1"
evidence { coordinator.name : text "Naam veiligheidscoördinator" }
theme t "Thema" {
  criterion C1 "Coördinator 🙂" { owner school require [[coordinator.name >= 70%]] }
}
"#,
        "E0203",
        DiagnosticSeverity::ERROR,
        "een tekst en een percentage zijn niet te vergelijken\nlinks een tekst, rechts een percentage\ntip: vergelijk waarden van dezelfde soort",
    );
    // Counted by hand: 54 characters, 55 UTF-16 units, 57 bytes precede it.
    assert_eq!(diagnostic.range.start, Position::new(3, 55));
    assert_eq!(diagnostic.range.end, Position::new(3, 78));
}

#[test]
fn duplicate_points_at_the_first_declaration() {
    let diagnostic = check_diagnostic(
        r#"framework demo "Demo" version "1"
evidence { plan.adopted : date "Datum plan" }
theme t "Thema" {
  criterion C1 "Plan" { owner school require plan.adopted within 12 months }
  criterion [[C1]] "Nog een plan" { owner school require plan.adopted within 24 months }
}
"#,
        "E0231",
        DiagnosticSeverity::ERROR,
        "criterium `C1` is twee keer gedeclareerd",
    );
    let related = diagnostic
        .related_information
        .expect("the first declaration");
    let [first] = related.as_slice() else {
        panic!("expected one related place, got {related:#?}");
    };
    assert_eq!(first.location.uri.as_str(), URI);
    assert_eq!(
        first.location.range,
        Range::new(Position::new(3, 12), Position::new(3, 14))
    );
    assert_eq!(first.message, "hier voor het eerst gedeclareerd");
}

#[test]
fn warnings_of_a_compiling_file_are_published() {
    check_diagnostic(
        r#"framework demo "Demo" version "1"
evidence { plan.adopted : date "Datum plan" }
theme t "Thema" {
  criterion [[C1]] "Plan" { require plan.adopted within 12 months }
}
"#,
        "W0234",
        DiagnosticSeverity::WARNING,
        "criterium `C1` heeft geen eigenaar; tekortkomingen gaan naar de school",
    );
}

#[test]
fn fixing_the_file_clears_its_diagnostics() {
    let mut client = Client::start();
    let broken = DEMO.replace("require recent_monitor", "require recent_monitr");
    let published = client.open(&broken);
    assert_eq!(
        published.diagnostics.len(),
        1,
        "{:#?}",
        published.diagnostics
    );
    let published = client.change(2, DEMO);
    assert_eq!(published.version, Some(2));
    assert_eq!(published.diagnostics, vec![]);
    client.shut_down();
}

#[test]
fn closing_the_file_clears_its_diagnostics() {
    let mut client = Client::start();
    let published = client.open("framework");
    assert!(!published.diagnostics.is_empty());
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let published = client.diagnostics();
    assert_eq!(published.diagnostics, vec![]);
    assert_eq!(published.version, None);
    client.shut_down();
}

#[test]
fn the_shipped_basiskader_has_no_diagnostics() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks/basiskader.kader"),
    )
    .unwrap();
    let mut client = Client::start();
    assert_eq!(client.open(&source).diagnostics, vec![]);
    client.shut_down();
}

// ---------------------------------------------------------------- hover

/// Hovers at `$0` in `DEMO` and expects every one of `expected` in the text,
/// and the hovered range to cover `name`.
fn check_hover(needle: &str, nth: usize, into: usize, name: &str, expected: &[&str]) {
    let (text, at) = demo_at(needle, nth, into);
    let mut client = Client::start();
    assert_eq!(client.open(&text).diagnostics, vec![]);
    let hover = client
        .hover(at)
        .unwrap_or_else(|| panic!("no hover on `{needle}`"));
    let value = hover_text(&hover);
    for part in expected {
        assert!(
            value.contains(part),
            "hover on `{needle}`:\n{value}\nlacks {part:?}"
        );
    }
    assert_eq!(text_of(&text, hover.range.unwrap()), name);
    client.shut_down();
}

#[test]
fn hover_on_evidence_in_a_condition() {
    check_hover(
        "monitor.last_run within",
        0,
        3,
        "monitor.last_run",
        &[
            "monitor.last_run : date",
            "Datum laatste monitor",
            "een datum",
        ],
    );
}

#[test]
fn hover_on_evidence_in_present() {
    check_hover(
        "coordinator.name)",
        0,
        0,
        "coordinator.name",
        &["coordinator.name : text", "Naam veiligheidscoördinator"],
    );
}

#[test]
fn hover_on_evidence_in_count() {
    check_hover(
        "evacuation.drills within",
        0,
        5,
        "evacuation.drills",
        &[
            "evacuation.drills : list<date>",
            "Data van ontruimingsoefeningen",
        ],
    );
}

#[test]
fn hover_on_evidence_in_a_message_placeholder() {
    check_hover(
        "{monitor.last_run}",
        0,
        4,
        "monitor.last_run",
        &["monitor.last_run : date", "Datum laatste monitor"],
    );
}

#[test]
fn hover_on_an_evidence_declaration() {
    check_hover(
        "school.type",
        0,
        0,
        "school.type",
        &[
            "school.type : enum(po, vo)",
            "Onderwijssoort van de locatie",
        ],
    );
}

/// The cursor right after a name (where typing leaves it) still finds it.
#[test]
fn hover_at_the_end_of_a_name() {
    check_hover(
        "school.type in",
        0,
        "school.type".len(),
        "school.type",
        &["school.type : enum(po, vo)"],
    );
}

#[test]
fn hover_on_a_define_shows_its_definition() {
    check_hover(
        "require recent_monitor",
        0,
        10,
        "recent_monitor",
        &["```kader\ndefine recent_monitor = monitor.last_run within 12 months\n```"],
    );
}

#[test]
fn hover_on_a_criterion_shows_its_title() {
    check_hover(
        "S1",
        0,
        1,
        "S1",
        &[
            "**Veiligheidscoördinator benoemd**",
            "criterium `S1`",
            "verplicht",
        ],
    );
}

#[test]
fn hover_on_a_theme_in_the_scoring_section() {
    check_hover(
        "sociaal passes",
        0,
        0,
        "sociaal",
        &["**Sociale veiligheid**", "thema `sociaal`", "2 criteria"],
    );
}

/// Enum members, keywords and literals have nothing to show.
#[test]
fn no_hover_off_names() {
    let mut client = Client::start();
    for (needle, into) in [("po, vo}", 0), ("require recent", 2), ("12 months", 0)] {
        let (text, at) = demo_at(needle, 0, into);
        client.open(&text);
        assert_eq!(client.hover(at), None, "hover on `{needle}`");
    }
    client.shut_down();
}

/// Halfway through a line the text does not parse; hover keeps working on
/// the last text that did, except on what was edited.
#[test]
fn hover_survives_a_syntax_error() {
    let mut client = Client::start();
    client.open(DEMO);
    let (broken, at) = cursor(&DEMO.replace(
        "require present(coordinator.name)",
        "require present(coord$0inator.name) and (",
    ));
    assert!(!client.change(2, &broken).diagnostics.is_empty());
    let hover = client.hover(at).expect("hover on unchanged text");
    assert!(hover_text(&hover).contains("coordinator.name : text"));
    assert_eq!(text_of(&broken, hover.range.unwrap()), "coordinator.name");

    // A name after the edit has moved; it is still found, at its new place.
    let offset = broken.find("{monitor.last_run}").unwrap() + 3;
    let hover = client
        .hover(position(&broken, offset))
        .expect("hover after the edit");
    assert_eq!(text_of(&broken, hover.range.unwrap()), "monitor.last_run");

    // The name being edited is not answered for.
    let (edited, at) =
        cursor(&DEMO.replace("present(coordinator.name)", "present(coordinator.na$0 "));
    assert!(!client.change(3, &edited).diagnostics.is_empty());
    assert_eq!(client.hover(at), None);
    client.shut_down();
}

// ---------------------------------------------------------------- definition

/// Go-to-definition at `$0` in `DEMO` lands on the `nth` occurrence of
/// `target` (a plain `Location`).
fn check_definition(needle: &str, nth: usize, into: usize, target: &str, target_nth: usize) {
    let (text, at) = demo_at(needle, nth, into);
    let mut client = Client::start();
    client.open(&text);
    let Some(GotoDefinitionResponse::Scalar(location)) = client.definition(at) else {
        panic!("expected one location for `{needle}`");
    };
    assert_eq!(location.uri.as_str(), URI);
    let offset = text.match_indices(target).nth(target_nth).unwrap().0;
    let expected = Range::new(
        position(&text, offset),
        position(&text, offset + target.len()),
    );
    assert_eq!(location.range, expected, "definition of `{needle}`");
    client.shut_down();
}

#[test]
fn definition_of_a_define_use() {
    check_definition("require recent_monitor", 0, 11, "recent_monitor", 0);
}

#[test]
fn definition_of_evidence_in_a_placeholder() {
    check_definition("{monitor.last_run}", 0, 1, "monitor.last_run", 0);
}

#[test]
fn definition_of_evidence_in_count() {
    check_definition("evacuation.drills within", 0, 0, "evacuation.drills", 0);
}

#[test]
fn definition_of_a_theme_in_the_scoring_section() {
    check_definition("sociaal passes", 0, 2, "sociaal", 0);
}

/// An editor that takes links gets the whole declaration as well as the
/// name, and the range it jumped from.
#[test]
fn definition_as_a_link() {
    let (text, at) = demo_at("require recent_monitor", 0, 8);
    let mut client = Client::start_with(json!({
        "textDocument": { "definition": { "linkSupport": true } }
    }));
    client.open(&text);
    let Some(GotoDefinitionResponse::Link(links)) = client.definition(at) else {
        panic!("expected a link");
    };
    let [link] = links.as_slice() else {
        panic!("expected one link, got {links:#?}");
    };
    assert_eq!(
        text_of(&text, link.target_range),
        "define recent_monitor = monitor.last_run within 12 months"
    );
    assert_eq!(
        text_of(&text, link.target_selection_range),
        "recent_monitor"
    );
    assert_eq!(
        text_of(&text, link.origin_selection_range.unwrap()),
        "recent_monitor"
    );
    client.shut_down();
}

/// An enum member stands for its place in the enum of the evidence it is
/// tested against.
#[test]
fn definition_of_an_enum_member() {
    check_definition("po, vo}", 0, 0, "po", 0);
    check_definition("vo}", 0, 1, "vo", 0);
}

/// Hover names a type in the words the diagnostics use.
#[test]
fn hover_names_a_type_as_the_diagnostics_do() {
    check_hover(
        "school.type in",
        0,
        0,
        "school.type",
        &["Bewijsstuk: een keuze uit po, vo."],
    );
}

// ---------------------------------------------------------------- layers

/// A `file:` URI for `name` in `frameworks/lokaal/`, where the server finds
/// the basiskader a layer extends (in the folder above).
fn layer_uri(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("frameworks/lokaal")
        .join(name);
    let mut uri = "file://".to_string();
    for byte in path.to_str().unwrap().bytes() {
        match byte {
            b'/' | b'-' | b'.' | b'_' | b'~' => uri.push(char::from(byte)),
            b if b.is_ascii_alphanumeric() => uri.push(char::from(b)),
            b => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri
}

impl Client {
    fn open_uri(&mut self, uri: &str, text: &str) -> PublishDiagnosticsParams {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "kader", "version": 1, "text": text,
            }}),
        );
        self.diagnostics()
    }

    fn hover_in(&mut self, uri: &str, at: Position) -> Option<Hover> {
        let params = json!({ "textDocument": { "uri": uri }, "position": at });
        serde_json::from_value(self.request("textDocument/hover", params)).unwrap()
    }

    fn definition_in(&mut self, uri: &str, at: Position) -> Option<GotoDefinitionResponse> {
        let params = json!({ "textDocument": { "uri": uri }, "position": at });
        serde_json::from_value(self.request("textDocument/definition", params)).unwrap()
    }
}

/// The shipped layer, opened where it lies: the theme blocks that add to a
/// base theme are where the layer has that theme; what only the base
/// declares (another file) is not answered for.
#[test]
fn names_in_the_shipped_layer() {
    let text = read("frameworks/lokaal/voorbeeldstad.kader");
    let uri = layer_uri("voorbeeldstad.kader");
    let mut client = Client::start();
    assert_eq!(client.open_uri(&uri, &text).diagnostics, vec![]);
    let at = |needle: &str| position(&text, text.find(needle).unwrap());

    let Some(GotoDefinitionResponse::Scalar(location)) =
        client.definition_in(&uri, at("omgeving passes"))
    else {
        panic!("expected one location for `omgeving`");
    };
    assert_eq!(text_of(&text, location.range), "omgeving");
    assert_eq!(location.range.start, at("omgeving {"));

    // The block tells the base's theme: its title, and all its criteria.
    let hover = client
        .hover_in(&uri, at("samenwerking {"))
        .expect("hover on a theme block");
    let value = hover_text(&hover);
    assert!(value.contains("**Samenwerking met partners**"), "{value}");
    assert!(value.contains("thema `samenwerking`"), "{value}");

    let hover = client
        .hover_in(&uri, at("L4"))
        .expect("hover on a criterion of the layer");
    let value = hover_text(&hover);
    assert!(
        value.contains("criterium `L4` in thema `middelen` · verplicht · eigenaar `ggd`"),
        "{value}"
    );

    for base_name in ["monitor.response_rate >=", "S4", "school.type == po"] {
        assert_eq!(client.hover_in(&uri, at(base_name)), None, "{base_name}");
        assert_eq!(
            client.definition_in(&uri, at(base_name)),
            None,
            "{base_name}"
        );
    }
    client.shut_down();
}

/// The message of a layer's `tighten` names evidence like any other.
#[test]
fn definition_of_evidence_in_a_tighten_message() {
    let (text, at) = cursor(
        r#"framework t "T" version "1"
extends basiskader version "2026.1"
evidence { halt.visit : date "Datum Halt-bezoek" }
tighten S4 { require halt.visit within 12 months else "Laatste bezoek: {halt.vi$0sit}." }
"#,
    );
    let uri = layer_uri("tightened.kader");
    let mut client = Client::start();
    client.open_uri(&uri, &text);
    let Some(GotoDefinitionResponse::Scalar(location)) = client.definition_in(&uri, at) else {
        panic!("expected one location");
    };
    let declared = text.find("halt.visit").unwrap();
    assert_eq!(location.range.start, position(&text, declared));
    assert_eq!(text_of(&text, location.range), "halt.visit");
    client.shut_down();
}

// ---------------------------------------------------------------- robustness

/// Whatever an editor sends, the server answers and keeps answering.
#[test]
fn odd_input_gets_answers_not_a_crash() {
    let mut client = Client::start();
    let texts = [
        String::new(),
        "\r".to_string(),
        "\u{FEFF}framework 🙂".to_string(),
        "\"".repeat(1000),
        format!("{}{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!(
            "framework d \"D\" version \"1\"\ndefine x = {}1",
            "1 + ".repeat(5000)
        ),
        DEMO.replace('\n', "\r\n"),
        DEMO.replace('\n', "\r"),
    ];
    client.open(DEMO);
    for (version, text) in (2..).zip(&texts) {
        client.change(version, text);
        for at in [
            Position::new(0, 0),
            Position::new(0, u32::MAX),
            Position::new(3, 7),
            Position::new(u32::MAX, u32::MAX),
        ] {
            client.hover(at);
            client.definition(at);
        }
    }

    // Malformed and unknown requests get error responses.
    let response = client.respond("textDocument/hover", json!({ "position": "here" }));
    assert_eq!(
        response.error.unwrap().code,
        lsp_server::ErrorCode::InvalidParams as i32
    );
    let response = client.respond("textDocument/formatting", json!({}));
    assert_eq!(
        response.error.unwrap().code,
        lsp_server::ErrorCode::MethodNotFound as i32
    );
    // Malformed notifications and changes to unknown files are dropped.
    client.notify("textDocument/didOpen", json!({ "textDocument": 7 }));
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": "file:///elsewhere.kader", "version": 2 },
            "contentChanges": [{ "text": "framework" }],
        }),
    );
    client.notify("$/cancelRequest", json!({ "id": 1 }));

    // Still serving.
    client.open(DEMO);
    let (_, at) = demo_at("school.type", 0, 0);
    assert!(client.hover(at).is_some());
    client.shut_down();
}

/// A client that sends ranged changes despite full sync is followed.
#[test]
fn ranged_changes_are_applied() {
    let mut client = Client::start();
    let broken = DEMO.replace("require recent_monitor", "require recent_monitr");
    client.open(&broken);
    let offset = broken.find("recent_monitr").unwrap() + "recent_monit".len();
    let at = position(&broken, offset);
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": URI, "version": 2 },
            "contentChanges": [{ "range": { "start": at, "end": at }, "text": "o" }],
        }),
    );
    assert_eq!(client.diagnostics().diagnostics, vec![]);
    client.shut_down();
}

// ---------------------------------------------------------------- over stdio

/// Writes one framed message to the server's standard input.
fn write_message(stdin: &mut impl std::io::Write, message: Message) {
    message.write(stdin).unwrap();
}

/// The `kader lsp` binary over real standard input and output: initialize,
/// open a broken file, hover, shut down, exit with code 0.
#[test]
fn stdio_binary_round_trip() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_kader"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = BufWriter::new(child.stdin.take().unwrap());
    let stdout = child.stdout.take().unwrap();
    let (messages, received) = mpsc::channel();
    thread::spawn(move || {
        let mut stdout = BufReader::new(stdout);
        while let Ok(Some(message)) = Message::read(&mut stdout) {
            if messages.send(message).is_err() {
                break;
            }
        }
    });
    let next = || {
        received
            .recv_timeout(TIMEOUT)
            .unwrap_or_else(|e| panic!("no message from `kader lsp` within {TIMEOUT:?}: {e}"))
    };

    let request = |id: i32, method: &str, params: Value| {
        Message::Request(Request::new(
            RequestId::from(id),
            method.to_string(),
            params,
        ))
    };
    let notification = |method: &str, params: Value| {
        Message::Notification(Notification::new(method.to_string(), params))
    };

    write_message(
        &mut stdin,
        request(1, "initialize", json!({ "capabilities": {} })),
    );
    std::io::Write::flush(&mut stdin).unwrap();
    let Message::Response(initialized) = next() else {
        panic!("expected the initialize response");
    };
    assert_eq!(initialized.result.unwrap()["serverInfo"]["name"], "kader");
    write_message(&mut stdin, notification("initialized", json!({})));

    let broken = DEMO.replace("require recent_monitor", "require recent_monitr");
    write_message(
        &mut stdin,
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": URI, "languageId": "kader", "version": 1, "text": broken,
            }}),
        ),
    );
    std::io::Write::flush(&mut stdin).unwrap();
    let Message::Notification(published) = next() else {
        panic!("expected diagnostics");
    };
    let published: PublishDiagnosticsParams = serde_json::from_value(published.params).unwrap();
    let [diagnostic] = published.diagnostics.as_slice() else {
        panic!("expected one diagnostic, got {:#?}", published.diagnostics);
    };
    assert_eq!(text_of(&broken, diagnostic.range), "recent_monitr");

    let offset = broken.find("school.type in").unwrap();
    write_message(
        &mut stdin,
        request(
            2,
            "textDocument/hover",
            position_params(position(&broken, offset)),
        ),
    );
    std::io::Write::flush(&mut stdin).unwrap();
    let Message::Response(hover) = next() else {
        panic!("expected the hover response");
    };
    let hover: Hover = serde_json::from_value(hover.result.unwrap()).unwrap();
    assert!(hover_text(&hover).contains("Onderwijssoort van de locatie"));

    write_message(&mut stdin, request(3, "shutdown", Value::Null));
    std::io::Write::flush(&mut stdin).unwrap();
    let Message::Response(shutdown) = next() else {
        panic!("expected the shutdown response");
    };
    assert_eq!(shutdown.id, RequestId::from(3));
    write_message(&mut stdin, notification("exit", Value::Null));
    std::io::Write::flush(&mut stdin).unwrap();

    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`kader lsp` did not exit within {TIMEOUT:?} after `exit`");
        }
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "`kader lsp` exited with {status}");
}

/// Regression: `Content-Length: 99999999999` made the server allocate
/// 100 GB and abort. The size is checked before anything is allocated: the
/// editor is told why, and the server ends with a failure code, while the
/// editor still holds the connection open.
#[test]
fn an_oversized_message_ends_the_server_cleanly_without_allocating_it() {
    use std::io::{Read, Write};
    let mut child = Command::new(env!("CARGO_BIN_EXE_kader"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Content-Length: 99999999999\r\n\r\n{\"jsonrpc\":")
        .unwrap();
    stdin.flush().unwrap();
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("`kader lsp` did not stop within {TIMEOUT:?} after an oversized message");
        }
        thread::sleep(Duration::from_millis(20));
    };
    drop(stdin);
    let (mut stdout, mut stderr) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(1), "{status}: {stderr}");
    let limit = kader::lsp::MAX_MESSAGE_BYTES;
    let why =
        format!("a message of 99999999999 bytes is larger than the {limit} bytes the server reads");
    assert!(stderr.contains(&why), "{stderr}");
    let mut reader = BufReader::new(stdout.as_bytes());
    let Ok(Some(Message::Notification(notice))) = Message::read(&mut reader) else {
        panic!("expected a message to the editor: {stdout}");
    };
    assert_eq!(notice.method, "window/showMessage");
    assert!(notice.params["message"].as_str().unwrap().contains(&why));
}

// ---------------------------------------------------------------- editors/

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The words of `grammar/kader.pest` that are keywords: those of the
/// `keyword` rule (which identifiers may not be) and of every `kw_*` rule.
fn pest_keywords() -> BTreeSet<String> {
    let grammar = read("grammar/kader.pest");
    let mut words = BTreeSet::new();
    let mut in_keyword_rule = false;
    for line in grammar.lines() {
        let trimmed = line.trim_start();
        let starts_rule = |name: &str| {
            trimmed
                .strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        };
        if starts_rule("keyword") {
            in_keyword_rule = true;
        }
        let is_kw_rule = trimmed.starts_with("kw_") && trimmed.contains('=');
        if in_keyword_rule || is_kw_rule {
            words.extend(quoted(line).filter(|w| w.chars().all(|c| c.is_ascii_alphabetic())));
        }
        if in_keyword_rule && line.trim_end().ends_with('}') {
            in_keyword_rule = false;
        }
    }
    assert!(
        words.len() > 30,
        "found only {words:?} in grammar/kader.pest"
    );
    words
}

/// The double-quoted pieces of a line.
fn quoted(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split('"').skip(1).step_by(2).map(str::to_string)
}

fn tm_grammar() -> Value {
    serde_json::from_str(&read("editors/vscode/syntaxes/kader.tmLanguage.json")).unwrap()
}

/// The words the TextMate grammar's `keywords` patterns highlight. Every
/// pattern there is written `\b(?:word|word|...)\b`.
fn tm_keywords(grammar: &Value) -> BTreeSet<String> {
    let patterns = grammar["repository"]["keywords"]["patterns"]
        .as_array()
        .expect("repository.keywords.patterns");
    let mut words = BTreeSet::new();
    for pattern in patterns {
        let regex = pattern["match"].as_str().expect("a `match` pattern");
        let inner = regex
            .strip_prefix(r"\b(?:")
            .and_then(|r| r.strip_suffix(r")\b"))
            .unwrap_or_else(|| panic!("keyword pattern {regex:?} is not `\\b(?:a|b)\\b`"));
        words.extend(inner.split('|').map(str::to_string));
    }
    words
}

#[test]
fn highlighting_knows_exactly_the_grammar_keywords() {
    let in_pest = pest_keywords();
    let in_editor = tm_keywords(&tm_grammar());
    let missing: Vec<_> = in_pest.difference(&in_editor).collect();
    let extra: Vec<_> = in_editor.difference(&in_pest).collect();
    assert!(
        missing.is_empty(),
        "keywords of grammar/kader.pest that editors/vscode/syntaxes/kader.tmLanguage.json does not highlight: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "words highlighted as keywords that grammar/kader.pest does not have: {extra:?}"
    );
}

/// The words of `editors/vim/syntax/kader.vim`'s keyword groups: every
/// `syn keyword` line but the scalar types and the units.
fn vim_keywords() -> BTreeSet<String> {
    let syntax = read("editors/vim/syntax/kader.vim");
    let mut words = BTreeSet::new();
    for line in syntax.lines() {
        let mut parts = line.split_whitespace();
        if (parts.next(), parts.next()) != (Some("syn"), Some("keyword")) {
            continue;
        }
        match parts.next() {
            Some("kaderType" | "kaderUnit") | None => {}
            Some(_) => words.extend(parts.map(str::to_string)),
        }
    }
    words
}

#[test]
fn vim_highlighting_knows_exactly_the_grammar_keywords() {
    let in_pest = pest_keywords();
    let in_vim = vim_keywords();
    let missing: Vec<_> = in_pest.difference(&in_vim).collect();
    let extra: Vec<_> = in_vim.difference(&in_pest).collect();
    assert!(
        missing.is_empty(),
        "keywords of grammar/kader.pest that editors/vim/syntax/kader.vim does not highlight: {missing:?}"
    );
    assert!(
        extra.is_empty(),
        "words editors/vim/syntax/kader.vim highlights as keywords that grammar/kader.pest does not have: {extra:?}"
    );
}

/// Every pattern the grammar includes exists, and the extension's manifest
/// points at files that exist.
#[test]
fn vscode_extension_is_consistent() {
    let grammar = tm_grammar();
    assert_eq!(grammar["scopeName"], "source.kader");
    let repository = grammar["repository"].as_object().unwrap();
    let mut includes = Vec::new();
    collect_includes(&grammar, &mut includes);
    for include in includes {
        if let Some(name) = include.strip_prefix('#') {
            assert!(
                repository.contains_key(name),
                "`{include}` is not in the repository"
            );
        }
    }

    let manifest: Value = serde_json::from_str(&read("editors/vscode/package.json")).unwrap();
    let language = &manifest["contributes"]["languages"][0];
    assert_eq!(language["id"], "kader");
    assert_eq!(language["extensions"][0], ".kader");
    let contributed = &manifest["contributes"]["grammars"][0];
    assert_eq!(contributed["language"], "kader");
    assert_eq!(contributed["scopeName"], "source.kader");
    for path in [&language["configuration"], &contributed["path"]] {
        let path = path.as_str().unwrap().trim_start_matches("./");
        read(&format!("editors/vscode/{path}"));
    }
    let configuration: Value =
        serde_json::from_str(&read("editors/vscode/language-configuration.json")).unwrap();
    assert_eq!(configuration["comments"]["lineComment"], "//");
}

fn collect_includes<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                match (key.as_str(), inner) {
                    ("include", Value::String(s)) => out.push(s),
                    _ => collect_includes(inner, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_includes(v, out)),
        _ => {}
    }
}
