//! What several commands share: the global flags, and the flag types of the
//! commands that evaluate and write reports (`eval`, `plan`, `report`).

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use clap::ValueEnum;
use kader::report::Format;
use kader::{Date, Language, Stage};

/// The global flags, handed to every command that reads files.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `--frameworks DIR`: where the frameworks a layer extends are found.
    pub frameworks: Option<PathBuf>,
    /// `--verbose`: list the files of a directory that are not read.
    pub verbose: bool,
}

/// `--lang`: the language of the words kader writes.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    Nl,
    En,
}

/// Reads a `YYYY-MM-DD` flag.
pub(crate) fn parse_date(s: &str) -> Result<Date, String> {
    // The same reading as `as_of` in an evidence file.
    kader::parse_date(s).map_err(|e| format!("{e}; write YYYY-MM-DD, such as 2026-11-30"))
}

/// Today's date (UTC) on this machine's clock: the command line's default as-of
/// date where a command judges without evidence of its own (the library
/// never reads a clock).
pub(crate) fn today() -> Date {
    jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// Output formats of a report.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum FormatArg {
    /// Plain text for a terminal.
    Text,
    /// Markdown, for sharing.
    Md,
    /// One self-contained HTML file.
    Html,
    /// JSON.
    Json,
}

impl FormatArg {
    pub(crate) fn format(self) -> Format {
        match self {
            FormatArg::Text => Format::Text,
            FormatArg::Md => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

/// `--format` and `--lang` of a command that writes a document about
/// frameworks (`diff`, `verify`).
#[derive(clap::Args)]
pub(crate) struct Written {
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Language of the words kader writes (default: the (new) framework's).
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

impl Written {
    /// The format asked for, and how to write in it for the readers of
    /// `framework`: in its language unless `--lang` says otherwise, in
    /// colour only on a terminal.
    pub(crate) fn rendering(
        &self,
        framework: &kader::Framework,
    ) -> (Format, kader::report::Options) {
        let format = self.format.format();
        (format, for_people(language(self.lang, framework), format))
    }
}

/// How a document for people is written in `format`: in `language`, in
/// colour only on a terminal, without the technical appendix.
pub(crate) fn for_people(language: Language, format: Format) -> kader::report::Options {
    kader::report::Options {
        language,
        color: color(format),
        technical: false,
        group_by: None,
    }
}

/// The stage to evaluate at.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum StageArg {
    /// Lenient: missing evidence is to be supplied, not a failure.
    Intake,
    /// Strict: what is not demonstrated fails; a positive result gives a
    /// certificate.
    Audit,
}

impl StageArg {
    pub(crate) fn stage(self) -> Stage {
        match self {
            StageArg::Intake => Stage::Intake,
            StageArg::Audit => Stage::Audit,
        }
    }
}

/// The language asked for, or the framework's.
pub(crate) fn language(lang: Option<Lang>, framework: &kader::Framework) -> Language {
    match lang {
        Some(Lang::Nl) => Language::Nl,
        Some(Lang::En) => Language::En,
        None => framework.language(),
    }
}

/// Diagnostics in the language asked for, or else the framework's.
pub(crate) fn worded(lang: Option<Lang>, diagnostics: kader::Diagnostics) -> kader::Diagnostics {
    match lang {
        Some(Lang::Nl) => diagnostics.in_language(Language::Nl),
        Some(Lang::En) => diagnostics.in_language(Language::En),
        None => diagnostics,
    }
}

/// Colours only for text on a terminal, and never with `NO_COLOR`.
pub(crate) fn color(format: Format) -> bool {
    format == Format::Text && std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal()
}
