//! Bounds on what kader accepts from untrusted input. The defaults fit real
//! use with a wide margin; a host can set its own.

/// How much kader accepts from a framework source or an evidence document.
///
/// Exceeding a limit is a clear error (a diagnostic for a framework, an
/// evidence problem naming the path for evidence), never a crash or a hang.
/// Nesting can be bounded lower than kader's own ceilings (brackets 64 deep,
/// expressions 128 deep, evidence JSON 128 deep: see `docs/security.md`),
/// never higher: the ceilings are what keeps a parser off the end of its
/// stack.
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
    /// How deep brackets may nest in a framework (default and ceiling
    /// [`crate::syntax::MAX_NESTING`], 64; E0102).
    pub max_nesting: usize,
    /// How deep objects and lists may nest in an evidence document
    /// (default and ceiling [`Limits::EVIDENCE_DEPTH_CEILING`], 128).
    pub max_evidence_depth: usize,
    /// How many segments one declared evidence path may have: `a.b.c` has
    /// three (default 32, ceiling [`Limits::PATH_DEPTH_CEILING`]; E0217).
    pub max_path_depth: usize,
}

impl Limits {
    /// The deepest evidence document any host can allow: the JSON
    /// reader's own bound.
    pub const EVIDENCE_DEPTH_CEILING: usize = 128;

    /// The deepest evidence path any host can allow: the value of a path
    /// of this many segments sits as deep as the JSON reader goes (the
    /// document's own object and `evidence` are two levels above the path's
    /// groups).
    pub const PATH_DEPTH_CEILING: usize = Limits::EVIDENCE_DEPTH_CEILING - 2;

    /// The path depth in force: the host's, never above the ceiling.
    pub(crate) fn path_depth(&self) -> usize {
        self.max_path_depth.min(Limits::PATH_DEPTH_CEILING)
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_source_bytes: 4 * 1024 * 1024,
            max_criteria: 10_000,
            max_evidence_bytes: 16 * 1024 * 1024,
            max_text_chars: 10_000,
            max_list_items: 100_000,
            max_nesting: crate::syntax::MAX_NESTING,
            max_evidence_depth: Limits::EVIDENCE_DEPTH_CEILING,
            max_path_depth: 32,
        }
    }
}
