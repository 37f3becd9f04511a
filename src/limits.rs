//! Bounds on what kader accepts from untrusted input. The defaults fit real
//! use with a wide margin; a host can set its own.

/// How much kader accepts from a framework source or an evidence document.
///
/// Exceeding a limit is a clear error (a diagnostic for a framework, an
/// evidence problem naming the path for evidence), never a crash or a hang.
/// Nesting depth is bounded separately and always: brackets 64 deep,
/// expressions 128 deep (see `docs/security.md`), evidence JSON 128 deep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest framework source, in bytes (default 4 MiB; the
    /// basiskader is about 40 KiB).
    pub max_source_bytes: usize,
    /// The most criteria a framework may have, layers included (default 10,000).
    pub max_criteria: usize,
    /// The largest evidence document, in bytes (default 16 MiB).
    pub max_evidence_bytes: usize,
    /// The longest text value in evidence, in characters (default 10,000).
    pub max_text_chars: usize,
    /// The most elements of one evidence list (default 100,000).
    pub max_list_items: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_source_bytes: 4 * 1024 * 1024,
            max_criteria: 10_000,
            max_evidence_bytes: 16 * 1024 * 1024,
            max_text_chars: 10_000,
            max_list_items: 100_000,
        }
    }
}
