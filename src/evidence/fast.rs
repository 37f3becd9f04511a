//! The fast path for JSON evidence: serde visitors that read the document
//! straight into the framework's slots, with no tree in between.
//!
//! It only ever *accepts*: a well-formed document whose every key is
//! declared, every value fits and no key occurs twice. At the first thing
//! out of the ordinary (a syntax error, an undeclared key, a duplicate, a
//! value of the wrong type, a limit reached) it gives up, and
//! [`Evidence::from_json_with`](super::Evidence::from_json_with) loads the
//! document again through the tree, which words every error and warning.
//! So whatever it accepts, the tree would have accepted with the same
//! values; whatever it refuses, the tree reports exactly as before.
//!
//! It never reports a problem itself. The tree reports every problem of a
//! document in one list, in file order, with the warnings beside them; the
//! fast path stops at the first, so to match it byte for byte it would
//! have to read on and word each problem as the tree does: a second loader.
//! The one problem that is the whole report, a JSON syntax error, costs
//! the tree one more linear parse of a document that is broken anyway.
//!
//! Values are converted by the same [`scalar_of`] as the
//! tree uses, so both agree on every number, percentage, date and member.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::ops::Bound;

use jiff::civil::Date;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{
    no_evidence, parse_date_text, scalar_of, Evidence, Leaf, LoadOptions, Location, Supplied,
};
use crate::compile::Framework;
use crate::value::{Type, Value};

/// Loads a JSON document by the fast path; `None` when the tree must.
pub(super) fn load(framework: &Framework, text: &str, options: LoadOptions) -> Option<Evidence> {
    let mut state = State {
        framework,
        limits: options.limits,
        path: String::with_capacity(64),
        values: vec![None; framework.slots.len()],
        touched: vec![false; framework.slots.len()],
        groups: Vec::new(),
        ordered: framework.slot_by_path.len() == framework.slots.len(),
        prefix_free: None,
        next: 0,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let top = Document { state: &mut state }.deserialize(&mut de).ok()?;
    de.end().ok()?;

    let location = top.location?;
    let as_of = options.as_of.or(top.as_of)?;
    let mut warnings = Vec::new();
    if !top.evidence_seen {
        warnings.push(no_evidence());
    }
    Some(Evidence {
        location,
        as_of,
        values: state.values,
        exceptions: Vec::new(),
        warnings,
        provenance: Vec::new(),
        certificate: None,
    })
}

/// Why the fast path gave up; never shown to anyone.
fn unusual<E: de::Error>() -> E {
    E::custom("left to the tree")
}

/// What the fast path fills while it reads.
struct State<'f, 'de> {
    framework: &'f Framework,
    limits: crate::Limits,
    /// The dotted path of the object being read, extended key by key.
    path: String,
    values: Vec<Option<Supplied>>,
    /// Slots a key has named, null included: a second time goes to the tree
    /// (a duplicate key, or evidence supplied twice).
    touched: Vec<bool>,
    /// The keys naming groups in each object being read, innermost object
    /// last, to see a group key that occurs twice in one object.
    groups: Vec<Cow<'de, str>>,
    /// Whether every slot has a path of its own (the checker sees to it),
    /// so that `slots[i].path == p` means `slot_by_path[p] == i`.
    ordered: bool,
    /// Whether no path is both a slot and a group; worked out when first
    /// needed.
    prefix_free: Option<bool>,
    /// The slot after the last one read: documents tend to follow the
    /// declarations, so it is the first guess for the next key.
    next: usize,
}

/// The top of the document, as far as it is not in slots.
struct Top {
    location: Option<Location>,
    as_of: Option<Date>,
    evidence_seen: bool,
}

struct Document<'s, 'f, 'de> {
    state: &'s mut State<'f, 'de>,
}

impl<'de> DeserializeSeed<'de> for Document<'_, '_, 'de> {
    type Value = Top;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Top, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Document<'_, '_, 'de> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an evidence document")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        let mut top = Top {
            location: None,
            as_of: None,
            evidence_seen: false,
        };
        let (mut location_seen, mut as_of_seen) = (false, false);
        while let Some(key) = map.next_key_seed(Key)? {
            match &*key {
                "location" if !location_seen => {
                    location_seen = true;
                    top.location = Some(map.next_value_seed(LocationSeed)?);
                }
                "as_of" if !as_of_seen => {
                    as_of_seen = true;
                    top.as_of = Some(map.next_value_seed(DateSeed)?);
                }
                "evidence" if !top.evidence_seen => {
                    top.evidence_seen = true;
                    map.next_value_seed(Group {
                        state: &mut *self.state,
                        nullable: false,
                    })?;
                }
                _ => return Err(unusual()),
            }
        }
        Ok(top)
    }
}

/// An object key, borrowed from the document unless it has escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A number in serde_json's `arbitrary_precision` form (a map with its
/// private key), as the tree would hold it: the same `serde_json::Number`.
fn number<'de, A: MapAccess<'de>>(map: A) -> Result<serde_json::Number, A::Error> {
    serde::Deserialize::deserialize(MapAccessDeserializer::new(map))
}

/// A whole number serde_json hands over as an integer, written out as the
/// tree writes it, without allocating.
struct Digits {
    bytes: [u8; 40],
    len: usize,
}

impl Digits {
    fn of(n: impl fmt::Display) -> Digits {
        let mut digits = Digits {
            bytes: [0; 40],
            len: 0,
        };
        // 40 bytes hold every i64 and u64.
        let _ = write!(digits, "{n}");
        digits
    }

    fn as_str(&self) -> &str {
        self.bytes
            .get(..self.len)
            .and_then(|b| std::str::from_utf8(b).ok())
            .unwrap_or_default()
    }
}

impl fmt::Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let into = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        into.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

struct LocationSeed;

impl<'de> DeserializeSeed<'de> for LocationSeed {
    type Value = Location;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Location, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for LocationSeed {
    type Value = Location;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a location")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Location, A::Error> {
        let mut id = None;
        let mut location = Location::default();
        // Each text field once; anything else (a meeting, a key twice, an
        // unknown key) is for the tree loader.
        let mut seen = [false; 4];
        while let Some(key) = map.next_key_seed(Key)? {
            let (field, at) = match &*key {
                "id" if id.is_none() => {
                    id = Some(map.next_value_seed(IdSeed)?);
                    continue;
                }
                "name" => (&mut location.name, 0),
                "board" => (&mut location.board, 1),
                "district" => (&mut location.district, 2),
                "type" => (&mut location.school_type, 3),
                _ => return Err(unusual()),
            };
            match seen.get_mut(at) {
                Some(seen) if !*seen => *seen = true,
                _ => return Err(unusual()),
            }
            *field = map.next_value_seed(NameSeed)?;
        }
        match id {
            Some(id) => Ok(Location { id, ..location }),
            None => Err(unusual()),
        }
    }
}

/// `location.id`: a text that is not blank, or a number as written.
struct IdSeed;

impl<'de> DeserializeSeed<'de> for IdSeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for IdSeed {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an id")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        if crate::value::is_blank(v) {
            return Err(unusual());
        }
        Ok(v.to_owned())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        Ok(number(map)?.to_string())
    }
}

/// `location.name`: a text, or null for none.
struct NameSeed;

impl<'de> DeserializeSeed<'de> for NameSeed {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NameSeed {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
}

/// `as_of`: a date as YYYY-MM-DD.
struct DateSeed;

impl<'de> DeserializeSeed<'de> for DateSeed {
    type Value = Date;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DateSeed {
    type Value = Date;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
        parse_date_text(v).map_err(|_| unusual())
    }
}

/// An object of evidence at `state.path` (the `evidence` object itself, or
/// a group in it); `nullable` where null means "nothing supplied".
struct Group<'s, 'f, 'de> {
    state: &'s mut State<'f, 'de>,
    nullable: bool,
}

impl<'de> DeserializeSeed<'de> for Group<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Group<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of evidence")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        if self.nullable {
            Ok(())
        } else {
            Err(unusual())
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.state;
        let framework = state.framework;
        let frame = state.groups.len();
        while let Some(key) = map.next_key_seed(Key)? {
            // The path as the tree's loader builds it: `prefix.key`, or
            // `key` where the prefix is empty.
            let base = state.path.len();
            if base > 0 {
                state.path.push('.');
            }
            state.path.push_str(&key);
            match named(framework, state) {
                Named::Slot(slot) => {
                    state.next = slot + 1;
                    map.next_value_seed(SlotSeed {
                        state: &mut *state,
                        slot,
                    })?;
                }
                Named::Group => {
                    let again = state
                        .groups
                        .get(frame..)
                        .is_some_and(|seen| seen.contains(&key));
                    if again {
                        return Err(unusual());
                    }
                    state.groups.push(key);
                    map.next_value_seed(Group {
                        state: &mut *state,
                        nullable: true,
                    })?;
                }
                Named::Undeclared => return Err(unusual()),
            }
            state.path.truncate(base);
        }
        state.groups.truncate(frame);
        Ok(())
    }
}

/// What a key of an object of evidence names.
enum Named {
    Slot(usize),
    Group,
    Undeclared,
}

/// How many slots after the last one read are tried before a lookup.
const LOOKAHEAD: usize = 8;

/// What `state.path` names, as the tree's loader decides it: a slot, else
/// a group (a prefix of a declared path), else nothing. Documents tend to
/// follow the declarations, so the slots just after the last one read are
/// tried first. They answer for a slot where every slot has a path of its
/// own, and for a group where no path is both a slot and a group; else, and
/// when they do not know, the framework's index answers.
fn named(framework: &Framework, state: &mut State<'_, '_>) -> Named {
    let path = state.path.as_str();
    for (i, slot) in framework
        .slots
        .iter()
        .enumerate()
        .skip(state.next)
        .take(LOOKAHEAD)
    {
        if slot.path == path {
            if state.ordered {
                return Named::Slot(i);
            }
            break;
        }
        if slot.path.starts_with(path) && slot.path.as_bytes().get(path.len()) == Some(&b'.') {
            if *state
                .prefix_free
                .get_or_insert_with(|| prefix_free(framework))
            {
                return Named::Group;
            }
            break;
        }
    }
    if let Some(&slot) = framework.slot_by_path.get(path) {
        return Named::Slot(slot as usize);
    }
    if is_group(framework, &mut state.path) {
        Named::Group
    } else {
        Named::Undeclared
    }
}

/// Whether no declared path is also a group (`a` and `a.b`), so that a path
/// with a declared path under it is not itself declared. Whatever sorts
/// between `a` and `a.b` starts with `a`, so it is enough to look at each
/// path and the next in sorted order.
fn prefix_free(framework: &Framework) -> bool {
    let mut paths = framework.slot_by_path.keys();
    let Some(mut previous) = paths.next() else {
        return true;
    };
    for path in paths {
        if path.starts_with(previous.as_str()) {
            return false;
        }
        previous = path;
    }
    true
}

/// Whether some declared path lies under `path` (left as it was found).
fn is_group(framework: &Framework, path: &mut String) -> bool {
    path.push('.');
    let found = framework
        .slot_by_path
        .range::<str, _>((Bound::Included(path.as_str()), Bound::Unbounded))
        .next()
        .is_some_and(|(p, _)| p.starts_with(path.as_str()));
    path.pop();
    found
}

/// The value of one declared piece of evidence.
struct SlotSeed<'s, 'f, 'de> {
    state: &'s mut State<'f, 'de>,
    slot: usize,
}

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let state = self.state;
        let Some(decl) = state.framework.slots.get(self.slot) else {
            return Err(unusual());
        };
        match state.touched.get_mut(self.slot) {
            Some(touched) if !*touched => *touched = true,
            _ => return Err(unusual()),
        }
        let supplied = match &decl.ty {
            Type::List(element) => deserializer.deserialize_any(ListVisitor {
                element,
                max_items: state.limits.max_list_items,
            })?,
            ty => deserializer
                .deserialize_any(LeafVisitor {
                    ty,
                    max_text_chars: state.limits.max_text_chars,
                })?
                .map(Supplied::One),
        };
        // Anything worth a warning is worded by the tree loader.
        if supplied
            .as_ref()
            .is_some_and(|s| super::value_warning(s).is_some())
        {
            return Err(unusual());
        }
        if let (Some(supplied), Some(cell)) = (supplied, state.values.get_mut(self.slot)) {
            *cell = Some(supplied);
        }
        Ok(())
    }
}

/// A scalar of type `ty`, or null (`None`, not supplied).
struct LeafVisitor<'t> {
    ty: &'t Type,
    /// The limit on a text's length; only a `text` slot has one.
    max_text_chars: usize,
}

impl LeafVisitor<'_> {
    fn leaf<E: de::Error>(&self, leaf: Leaf<'_>) -> Result<Option<Value>, E> {
        scalar_of(leaf, self.ty).map(Some).map_err(|_| unusual())
    }
}

impl<'de> Visitor<'de> for LeafVisitor<'_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        self.leaf(Leaf::Bool(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if matches!(self.ty, Type::Text) && v.chars().count() > self.max_text_chars {
            return Err(unusual());
        }
        self.leaf(Leaf::String(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.leaf(Leaf::Number(Digits::of(v).as_str()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.leaf(Leaf::Number(Digits::of(v).as_str()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.leaf(Leaf::Number(number(map)?.as_str()))
    }
}

/// A list of `element`s, or null (not supplied).
struct ListVisitor<'t> {
    element: &'t Type,
    max_items: usize,
}

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = Option<Supplied>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut values = Vec::new();
        while let Some(value) = seq.next_element_seed(Element(self.element))? {
            if values.len() >= self.max_items {
                return Err(unusual());
            }
            values.push(value);
        }
        Ok(Some(Supplied::Many(values)))
    }
}

/// One element of a list: never null.
struct Element<'t>(&'t Type);

impl<'de> DeserializeSeed<'de> for Element<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        // No length limit on the texts in a list, as in the tree's loader.
        deserializer
            .deserialize_any(LeafVisitor {
                ty: self.0,
                max_text_chars: usize::MAX,
            })?
            .ok_or_else(unusual)
    }
}
