//! A diagnostic's words before they are worded: a message id from the
//! [catalogue](super::catalogue) and its arguments. A diagnostic is built
//! once, wherever the problem is found, and worded in Dutch or English only
//! when it is shown, so the language can be the framework's own or the
//! reader's choice.

use crate::terms::Language;
use crate::words::{fill_with, Piece};

use super::catalogue::{dutch, english, Msg};

/// One text of a diagnostic (its message, label, help, a related place's
/// label or a note), not yet in a language.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    id: Msg,
    args: Vec<Arg>,
}

/// What fills a placeholder of a message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Arg {
    /// A name, a number or a piece of code: the same in every language.
    Verbatim(String),
    /// Words of the catalogue, worded in the diagnostic's language.
    Text(Text),
    /// Alternatives, listed as `a, b or c` in the diagnostic's language.
    OneOf(Vec<Text>),
    /// A month, January as 0, named in the diagnostic's language.
    Month(usize),
}

impl Text {
    /// The message `id` with its arguments, in the order of its placeholders
    /// (`{0}`, `{1}`, ...).
    pub(crate) fn new(id: Msg, args: Vec<Arg>) -> Self {
        Text { id, args }
    }

    /// A text that is the same in every language: a resolver's reason, a
    /// base framework's diagnostics as they were worded.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Text::new(Msg::Verbatim, vec![Arg::Verbatim(text.into())])
    }

    /// The text in `language`.
    pub fn words(&self, language: Language) -> String {
        let mut out = String::new();
        self.write(language, &mut out);
        out
    }

    /// Whether the text, in either language, holds `piece`.
    pub fn contains(&self, piece: &str) -> bool {
        [Language::Nl, Language::En]
            .iter()
            .any(|l| self.words(*l).contains(piece))
    }

    fn write(&self, language: Language, out: &mut String) {
        let template = match language {
            Language::Nl => dutch(self.id),
            Language::En => english(self.id),
        };
        let names = ["0", "1", "2", "3", "4", "5"];
        let args: Vec<(&str, &Arg)> = names.iter().copied().zip(&self.args).collect();
        fill_with(template, &args, |piece| match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Value(arg) => arg.write(language, out),
        });
    }
}

/// In English, for logs and tests; a reader gets [`Text::words`] in the
/// framework's language.
impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.words(Language::En))
    }
}

impl Arg {
    fn write(&self, language: Language, out: &mut String) {
        match self {
            Arg::Verbatim(text) => out.push_str(text),
            Arg::Text(text) => text.write(language, out),
            Arg::Month(month) => {
                if let Some(name) = crate::words::words(language).months.get(*month) {
                    out.push_str(name);
                }
            }
            Arg::OneOf(texts) => {
                let last = texts.len().saturating_sub(1);
                for (i, text) in texts.iter().enumerate() {
                    if i > 0 && i == last {
                        out.push_str(match language {
                            Language::Nl => " of ",
                            Language::En => " or ",
                        });
                    } else if i > 0 {
                        out.push_str(", ");
                    }
                    text.write(language, out);
                }
            }
        }
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Self {
        Arg::Verbatim(text)
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Self {
        Arg::Verbatim(text.clone())
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Self {
        Arg::Verbatim(text.to_string())
    }
}

impl From<&&str> for Arg {
    fn from(text: &&str) -> Self {
        Arg::Verbatim((*text).to_string())
    }
}

impl From<Text> for Arg {
    fn from(text: Text) -> Self {
        Arg::Text(text)
    }
}

impl From<Vec<Text>> for Arg {
    fn from(texts: Vec<Text>) -> Self {
        Arg::OneOf(texts)
    }
}

/// A [`Text`] of the catalogue: `say!(UnknownTheme, id)` is message
/// `Msg::UnknownTheme` with `id` for `{0}`. Names, numbers and code are
/// passed as they are written (anything that is `Into<Arg>`).
macro_rules! say {
    ($id:ident $(, $arg:expr)* $(,)?) => {
        $crate::diagnostic::Text::new(
            $crate::diagnostic::Msg::$id,
            vec![$($crate::diagnostic::Arg::from($arg)),*],
        )
    };
}
pub(crate) use say;
