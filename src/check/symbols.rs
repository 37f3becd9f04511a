//! What the names of a checked file stand for, for the language server:
//! hover and go-to-definition answer from [`Symbols`], so that a name means
//! to the editor exactly what it means to the checker.
//!
//! The checker writes a [`Record`] while it resolves: every name it meets
//! (a declaration stands for itself) with what it resolved to, and where the
//! file declares each thing. Writing is a push of spans onto vectors, done
//! on every check; sorting and keeping the model happen only when someone
//! asks for [`Symbols`].

use std::collections::HashMap;

use super::model::Model;
use super::Checker;
use crate::syntax::ast::{Attr, Expr, Span};

/// What a name stands for: an entry of the checked [`Model`], by its place
/// there. A layer's names may stand for its base's entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// Evidence, by slot.
    Evidence(usize),
    /// A define, by its index in [`Model::defines`].
    Define(usize),
    /// An enum member: the slot whose declared type lists it, and its place
    /// in that list.
    Member(usize, usize),
    /// A theme, by its index in [`Model::themes`].
    Theme(usize),
    /// A criterion, by its index in [`Model::criteria`].
    Criterion(usize),
    /// A partner criteria name as owner, by its index in [`Model::partners`].
    Partner(usize),
}

/// Where a file declares something: its name and the whole declaration.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Place {
    pub(crate) name: Span,
    pub(crate) whole: Span,
}

/// What the checker writes down about names while it resolves them.
#[derive(Debug, Default)]
pub(super) struct Record {
    /// Every name written in the file, with what it stands for.
    names: Vec<(Span, Target)>,
    /// Names of a define written above its definition (E0252), whose
    /// index is not known yet: the name, and where the define's is written.
    /// A name that turns out to be an enum member is that.
    early: Vec<(Span, Span)>,
    /// Where the file declares each target.
    places: Vec<(Target, Place)>,
    /// The members of the enum being declared, waiting for the slot of
    /// their declaration: where each is written, its place in the list,
    /// and whether it is the first with its name.
    members: Vec<(Span, usize, bool)>,
}

impl Record {
    /// A name that stands for `target`.
    pub(super) fn name(&mut self, span: Span, target: Target) {
        self.names.push((span, target));
    }

    /// The declaration of `target`: its name stands for it.
    pub(super) fn declare(&mut self, target: Target, name: Span, whole: Span) {
        self.names.push((name, target));
        self.places.push((target, Place { name, whole }));
    }

    /// A name of the define whose name is written at `definition`, below.
    pub(super) fn early(&mut self, span: Span, definition: Span) {
        self.early.push((span, definition));
    }

    /// A member of the enum being declared; `first` unless the list named
    /// it already.
    pub(super) fn member(&mut self, span: Span, index: usize, first: bool) {
        self.members.push((span, index, first));
    }

    /// The declaration the members written since the last call belong to:
    /// the slot it takes, or `None` when it was refused.
    pub(super) fn members_of(&mut self, slot: Option<usize>) {
        let members = std::mem::take(&mut self.members);
        let Some(slot) = slot else { return };
        for (span, index, first) in members {
            let target = Target::Member(slot, index);
            if first {
                self.declare(target, span, span);
            } else {
                self.name(span, target);
            }
        }
    }

    /// The symbols of the file at `source` in `model`'s sources.
    pub(super) fn finish(self, model: Model, source: usize) -> Symbols {
        let Record {
            mut names,
            early,
            places,
            members: _,
        } = self;
        let key = |(span, _): &(Span, Target)| (span.start, span.end);
        names.sort_by_key(key);
        if !early.is_empty() {
            let defines: HashMap<(usize, usize), Target> = places
                .iter()
                .filter(|(target, _)| matches!(target, Target::Define(_)))
                .map(|(target, place)| ((place.name.start, place.name.end), *target))
                .collect();
            let found: Vec<(Span, Target)> = early
                .into_iter()
                .filter(|(span, _)| {
                    let named = names.binary_search_by_key(&(span.start, span.end), key);
                    named.is_err()
                })
                .filter_map(|(span, at)| Some((span, *defines.get(&(at.start, at.end))?)))
                .collect();
            names.extend(found);
            names.sort_by_key(key);
        }
        names.dedup_by(|a, b| (a.0.start, a.0.end, a.1) == (b.0.start, b.0.end, b.1));
        Symbols {
            names,
            places,
            model,
            source,
        }
    }
}

/// The names of one checked file and what each stands for, with the model
/// they were checked into (errors or not).
#[derive(Debug)]
pub(crate) struct Symbols {
    /// Sorted by position.
    names: Vec<(Span, Target)>,
    places: Vec<(Target, Place)>,
    model: Model,
    /// The file's index in the model's sources.
    source: usize,
}

impl Symbols {
    /// The name at a byte offset: under it, or just after it (the cursor
    /// often sits at a word's end).
    pub(crate) fn at(&self, offset: usize) -> Option<(Span, Target)> {
        let inside = |(s, _): &&(Span, Target)| s.start <= offset && offset < s.end;
        let at_end = |(s, _): &&(Span, Target)| s.start < offset && offset == s.end;
        let mut names = self.names.iter();
        names
            .clone()
            .find(inside)
            .or_else(|| names.find(at_end))
            .copied()
    }

    /// Where the file declares `target`; `None` for what only a base
    /// declares. For a base theme that the file adds criteria to, its first
    /// block in the file.
    pub(crate) fn place(&self, target: Target) -> Option<Place> {
        self.places
            .iter()
            .find(|(t, _)| *t == target)
            .map(|(_, place)| *place)
    }

    /// The checked model, which a name's [`Target`] indexes.
    pub(crate) fn model(&self) -> &Model {
        &self.model
    }

    /// The text of the file.
    pub(crate) fn text(&self) -> &str {
        self.model
            .sources
            .get(self.source)
            .map_or("", |s| s.text.as_str())
    }

    /// Every name that stands for `target`, its declaration included.
    #[cfg(test)]
    pub(crate) fn references(&self, target: Target) -> impl Iterator<Item = Span> + '_ {
        self.names
            .iter()
            .filter(move |(_, t)| *t == target)
            .map(|(span, _)| *span)
    }

    /// Every place the file declares something.
    #[cfg(test)]
    pub(crate) fn places(&self) -> impl Iterator<Item = (Target, Place)> + '_ {
        self.places.iter().copied()
    }

    /// Every name written in the file, in order.
    #[cfg(test)]
    pub(crate) fn names(&self) -> &[(Span, Target)] {
        &self.names
    }
}

impl Checker {
    /// Resolves the names of an expression that the checker refuses whole
    /// (a define in a circle, a line given twice), for the record only:
    /// what it would report about it is dropped.
    pub(super) fn names_only(&mut self, expr: &Expr) {
        let reported = self.diagnostics.len();
        let _ = self.expr(expr);
        self.diagnostics.truncate(reported);
    }

    /// [`Checker::names_only`] for every expression and message of a line.
    pub(super) fn names_only_in(&mut self, attr: &Attr) {
        let reported = self.diagnostics.len();
        match attr {
            Attr::Applies(expr) => self.names_only(expr),
            Attr::Require(requirement) => {
                self.names_only(&requirement.condition);
                if let Some(message) = &requirement.message {
                    let _ = self.template(message);
                }
            }
            Attr::Score(block) => {
                for level in &block.levels {
                    self.names_only(&level.condition);
                }
            }
            Attr::Mandatory
            | Attr::Weight(_)
            | Attr::Legal(_)
            | Attr::Owner(_)
            | Attr::Guidance(_)
            | Attr::AuditVerified => {}
        }
        self.diagnostics.truncate(reported);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    use super::{Symbols, Target};
    use crate::check::Model;
    use crate::resolve::{load_with_symbols, DirResolver};
    use crate::value::Type;

    fn symbols(text: &str) -> Symbols {
        let (_, symbols) = load_with_symbols(text, "", None, &crate::Limits::default());
        symbols.expect("the text parses")
    }

    /// The name at `$0` stands for what is declared at `$1`.
    fn check_definition(marked: &str) {
        let cursor = marked.find("$0").expect("the cursor is marked `$0`");
        let declared = marked.find("$1").expect("the declaration is marked `$1`");
        let text = marked.replacen("$0", "", 1).replacen("$1", "", 1);
        // Each marker moves what follows it by its two bytes.
        let (cursor, declared) = if cursor < declared {
            (cursor, declared - 2)
        } else {
            (cursor - 2, declared)
        };
        let symbols = symbols(&text);
        let (_, target) = symbols
            .at(cursor)
            .unwrap_or_else(|| panic!("no name at $0 in\n{marked}"));
        let place = symbols
            .place(target)
            .unwrap_or_else(|| panic!("{target:?} has no place in\n{marked}"));
        assert_eq!(place.name.start, declared, "{target:?} in\n{marked}");
    }

    const HEAD: &str = "framework d \"D\" version \"1\"\n";

    #[test]
    fn a_member_is_declared_in_the_enum_of_the_evidence_it_is_compared_with() {
        check_definition(&format!(
            "{HEAD}evidence {{ a : enum(po, vo) \"A\"\n b : enum(vo, $1po) \"B\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require b == p$0o and a == po }} }}"
        ));
        check_definition(&format!(
            "{HEAD}evidence {{ a : enum(po, $1vo) \"A\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require a in {{po, vo$0}} }} }}"
        ));
    }

    #[test]
    fn a_member_compared_with_a_define_is_its_evidence_s() {
        check_definition(&format!(
            "{HEAD}evidence {{ a : enum(po, $1vo) \"A\" }}\ndefine kind = a\ndefine also = kind\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require $0vo == also }} }}"
        ));
    }

    #[test]
    fn a_member_of_a_list_is_declared_in_the_list_s_enum() {
        check_definition(&format!(
            "{HEAD}evidence {{ p : list<enum(ggd, $1halt)> \"P\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require count(p in {{halt$0}}) >= 1 and count(p == halt) >= 1 }} }}"
        ));
        check_definition(&format!(
            "{HEAD}evidence {{ p : list<enum(ggd, $1halt)> \"P\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require count(p == ha$0lt) >= 1 }} }}"
        ));
    }

    /// A member listed twice, or evidence or a define declared twice: the
    /// second stands for the first, which every use reads.
    #[test]
    fn a_second_declaration_stands_for_the_first() {
        check_definition(&format!(
            "{HEAD}evidence {{ a : enum($1po, vo, p$0o) \"A\" }}"
        ));
        check_definition(&format!(
            "{HEAD}evidence {{ $1a : date \"A\"\n a$0 : int \"B\" }}"
        ));
        check_definition(&format!("{HEAD}define $1x = true\ndefine x$0 = false"));
    }

    /// The checker refuses these whole, and reports the refusal only; their
    /// names still stand for what they name.
    #[test]
    fn names_in_refused_parts_are_resolved() {
        // A define used above its definition.
        check_definition(&format!("{HEAD}define a = b$0\ndefine $1b = true"));
        // Defines in a circle.
        check_definition(&format!("{HEAD}define $1a = b\ndefine b = a$0"));
        // A line given twice.
        check_definition(&format!(
            "{HEAD}evidence {{ $1x : bool \"X\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school applies when x applies when not x$0 require x }} }}"
        ));
        // `tighten` outside a layer.
        check_definition(&format!(
            "{HEAD}evidence {{ $1x : bool \"X\" }}\ntighten C {{ require x$0 }}"
        ));
    }

    #[test]
    fn placeholders_and_scoring_name_what_they_read() {
        check_definition(&format!(
            "{HEAD}evidence {{ $1x : date \"X\" }}\n\
             theme t \"T\" {{ criterion C \"C\" {{ owner school require x within 1 year else \"seen {{x$0}}\" }} }}"
        ));
        check_definition(&format!(
            "{HEAD}evidence {{ x : bool \"X\" }}\ntheme $1t \"T\" {{ criterion C \"C\" {{ owner school require x }} }}\n\
             scoring {{ theme t$0 passes when all mandatory pass }}"
        ));
    }

    // ------------------------------------------------------- the frameworks

    /// Every `.kader` file under `dir`.
    fn frameworks(dir: &Path, found: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                frameworks(&path, found);
            } else if path.extension().is_some_and(|e| e == "kader") {
                found.push(path);
            }
        }
    }

    /// The name of what a target stands for, as the model has it.
    fn name_of(model: &Model, target: Target) -> Option<&str> {
        match target {
            Target::Evidence(slot) => model.evidence.get(slot).map(|d| d.path.as_str()),
            Target::Define(i) => model.define_names.get(i).map(|(n, _)| n.as_str()),
            Target::Member(slot, i) => {
                let mut ty = &model.evidence.get(slot)?.ty;
                while let Type::List(element) = ty {
                    ty = element;
                }
                match ty {
                    Type::Enum(members) => members.get(i).map(String::as_str),
                    _ => None,
                }
            }
            Target::Theme(i) => model.themes.get(i).map(|t| t.id.as_str()),
            Target::Criterion(i) => model.criteria.get(i).map(|c| c.id.as_str()),
            Target::Partner(i) => model.partners.get(i).map(|p| p.id.as_str()),
        }
    }

    /// How often each word is written as a name: outside comments, in
    /// code and in the placeholders of strings.
    fn written_words(text: &str) -> BTreeMap<&str, usize> {
        let mut words = BTreeMap::new();
        let bytes = text.as_bytes();
        let word_at = |start: usize| {
            let len = text[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(text.len() - start);
            &text[start..start + len]
        };
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'/' if bytes.get(i + 1) == Some(&b'/') => {
                    i += text[i..].find('\n').unwrap_or(text.len() - i);
                }
                b'"' => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        match bytes[i] {
                            b'\\' => i += 2,
                            b'{' => {
                                let word = word_at(i + 1);
                                *words.entry(word).or_insert(0) += 1;
                                i += 1 + word.len();
                            }
                            _ => i += 1,
                        }
                    }
                    i += 1;
                }
                b if b.is_ascii_alphanumeric() || b == b'_' => {
                    let word = word_at(i);
                    if !b.is_ascii_digit() {
                        *words.entry(word).or_insert(0) += 1;
                    }
                    i += word.len();
                }
                _ => i += 1,
            }
        }
        words
    }

    /// For every shipped framework and every name in it: go-to-definition
    /// (the name at a position, then its place) and the references of a
    /// definition agree with each other, with the names the model gives,
    /// and with the words written in the file.
    #[test]
    fn every_name_of_the_shipped_frameworks_agrees_with_its_definition() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("frameworks");
        let resolver = DirResolver::new(&root).unwrap();
        let mut paths = Vec::new();
        frameworks(&root, &mut paths);
        assert!(paths.len() >= 2, "{paths:?}");
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let shown = path.display();
            let (loaded, symbols) =
                load_with_symbols(&text, "", Some(&resolver), &crate::Limits::default());
            assert!(loaded.is_ok(), "{shown} does not compile");
            let symbols = symbols.unwrap();
            let written = |span: super::Span| &text[span.start..span.end];
            let mut names: BTreeMap<&str, usize> = BTreeMap::new();
            for &(span, target) in symbols.names() {
                let word = written(span);
                *names.entry(word).or_insert(0) += 1;
                let at = |offset| symbols.at(offset).map(|(s, t)| (s.start, s.end, t));
                let found = Some((span.start, span.end, target));
                assert_eq!(at(span.start), found, "{shown}: `{word}` at {}", span.start);
                assert_eq!(
                    at(span.end),
                    found,
                    "{shown}: `{word}` ending at {}",
                    span.end
                );
                assert_eq!(
                    name_of(symbols.model(), target),
                    Some(word),
                    "{shown}: `{word}` at {} stands for {target:?}",
                    span.start
                );
                if let Some(place) = symbols.place(target) {
                    assert_eq!(written(place.name), word, "{shown}: {target:?}");
                }
            }
            for (target, place) in symbols.places() {
                let references: Vec<usize> = symbols.references(target).map(|s| s.start).collect();
                assert!(
                    references.contains(&place.name.start),
                    "{shown}: {target:?} is declared at {} but not named there",
                    place.name.start
                );
                assert!(
                    place.whole.start <= place.name.start && place.name.end <= place.whole.end,
                    "{shown}: {target:?}"
                );
                // The shipped frameworks have no unused evidence or defines,
                // and every member of `school.type` is used somewhere.
                if matches!(target, Target::Evidence(_) | Target::Define(_)) {
                    assert!(references.len() > 1, "{shown}: {target:?} is never used");
                }
            }
            // Every word written where a name may stand is a name the
            // checker resolved, as often as it is written.
            let words = written_words(&text);
            for (word, count) in &names {
                assert_eq!(
                    words.get(word),
                    Some(count),
                    "{shown}: `{word}` is written {:?} times but resolved {count} times",
                    words.get(word)
                );
            }
            let declared: Vec<&str> = symbols.places().map(|(_, p)| written(p.name)).collect();
            for word in declared {
                assert_eq!(words.get(word), names.get(word), "{shown}: `{word}`");
            }
        }
    }
}
