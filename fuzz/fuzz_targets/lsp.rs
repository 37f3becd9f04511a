//! The language server's document handling: open any text, change it, ask
//! for hover and definition at several places, shut down — never a crash,
//! always an answer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::json;

fn request(id: i32, method: &str, params: serde_json::Value) -> Message {
    Message::Request(Request::new(
        RequestId::from(id),
        method.to_string(),
        params,
    ))
}

fn notify(method: &str, params: serde_json::Value) -> Message {
    Message::Notification(Notification::new(method.to_string(), params))
}

fuzz_target!(|data: &[u8]| {
    if data.len() > kader_fuzz::MAX_INPUT {
        return;
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (server, client) = Connection::memory();
    let handle = std::thread::spawn(move || kader::lsp::run(server));
    let uri = "file:///fuzz/layer.kader";
    let mut messages = vec![
        request(1, "initialize", json!({ "capabilities": {} })),
        notify("initialized", json!({})),
        notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "kader", "version": 1, "text": text } }),
        ),
    ];
    let lines = text.lines().count() as u32;
    let mut id = 2;
    for line in [lines / 2, lines + 3] {
        for character in [11u32, 1000] {
            let position = json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
            messages.push(request(id, "textDocument/hover", position.clone()));
            messages.push(request(id + 1, "textDocument/definition", position));
            id += 2;
        }
    }
    let half: String = text.chars().take(text.chars().count() / 2).collect();
    messages.push(notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri, "version": 2 }, "contentChanges": [{ "text": half }] }),
    ));
    messages.push(notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    ));
    messages.push(request(id, "shutdown", serde_json::Value::Null));
    messages.push(notify("exit", serde_json::Value::Null));
    for message in messages {
        if client.sender.send(message).is_err() {
            break;
        }
    }
    // Drain what the server says until it stops.
    drop(client.sender);
    while client.receiver.recv().is_ok() {}
    match handle.join() {
        Ok(result) => assert!(
            result.is_ok(),
            "the server did not shut down cleanly: {result:?}"
        ),
        Err(_) => panic!("the language server panicked"),
    }
});
