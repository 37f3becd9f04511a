//! Every word of kader's diagnostics, in English ([`english`]) and Dutch
//! ([`dutch`]): a message id a text, its arguments in placeholders `{0}`,
//! `{1}`, ... in the order [`say!`](super::say) gives them. Keywords of the
//! language stay as written, in backticks, in both.
//!
//! A match over every id in each language: a message without its Dutch or
//! English words does not compile.

/// The id of one message, label or help text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Msg {
    /// A text that is the same in every language.
    Verbatim,
    Error,
    Warning,
    At,
    OneError,
    Errors,
    OneWarning,
    Warnings,
    Many,
    Found,
    FoundBoth,
    Help,
    HoverEvidence,
    HoverOneCriterion,
    HoverCriteria,
    HoverTheme,
    HoverCriterion,
    HoverInTheme,
    HoverMandatory,
    HoverWeight,
    HoverOwner,
    BaseErrorNote,
    Note,
    HelpWord,
    NoneFound,
    // end of ids
}

/// The English words of `id`.
pub(crate) fn english(id: Msg) -> &'static str {
    use Msg::*;
    match id {
        Verbatim => "{0}",
        Error => "error",
        Warning => "warning",
        At => "at",
        OneError => "1 error",
        Errors => "errors",
        OneWarning => "1 warning",
        Warnings => "warnings",
        Many => "{0} {1}",
        Found => "{0} found",
        FoundBoth => "{0} and {1} found",
        Help => "help: {0}",
        HoverEvidence => "Evidence: {0}.",
        HoverOneCriterion => "1 criterion",
        HoverCriteria => "{0} criteria",
        HoverTheme => "theme `{0}` · {1}",
        HoverCriterion => "criterion `{0}`",
        HoverInTheme => "in theme `{0}`",
        HoverMandatory => "mandatory",
        HoverWeight => "weight {0}",
        HoverOwner => "owner `{0}`",
        BaseErrorNote => "{0}: error[{1}]: {2}",
        Note => "note",
        HelpWord => "help",
        NoneFound => "no problems found",
        // end of english
    }
}

/// The Dutch words of `id`.
pub(crate) fn dutch(id: Msg) -> &'static str {
    use Msg::*;
    match id {
        Verbatim => "{0}",
        Error => "fout",
        Warning => "waarschuwing",
        At => "op",
        OneError => "1 fout",
        Errors => "fouten",
        OneWarning => "1 waarschuwing",
        Warnings => "waarschuwingen",
        Many => "{0} {1}",
        Found => "{0} gevonden",
        FoundBoth => "{0} en {1} gevonden",
        Help => "tip: {0}",
        HoverEvidence => "Bewijsstuk: {0}.",
        HoverOneCriterion => "1 criterium",
        HoverCriteria => "{0} criteria",
        HoverTheme => "thema `{0}` · {1}",
        HoverCriterion => "criterium `{0}`",
        HoverInTheme => "in thema `{0}`",
        HoverMandatory => "verplicht",
        HoverWeight => "gewicht {0}",
        HoverOwner => "eigenaar `{0}`",
        BaseErrorNote => "{0}: fout[{1}]: {2}",
        Note => "opmerking",
        HelpWord => "tip",
        NoneFound => "geen problemen gevonden",
        // end of dutch
    }
}
