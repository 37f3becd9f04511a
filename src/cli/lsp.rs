//! `kader lsp`: the language server over stdin and stdout.

use std::process::ExitCode;

/// Runs `kader lsp` until the editor closes the connection.
pub fn run() -> ExitCode {
    match kader::lsp::run_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kader lsp: {e}");
            ExitCode::FAILURE
        }
    }
}
