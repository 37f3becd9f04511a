//! The writer of kader's result documents: serde's data model written
//! straight into the text of the document.
//!
//! The documents are defined once, as the `Serialize` of the result types;
//! this writer only decides where braces, commas and field names go. A
//! field name is a name in kader's own types, written as it is (`,"`, the
//! name, `":`) where a general JSON writer escapes every name it writes,
//! byte by byte, for every field of every criterion of every location; the
//! writing of a field is inlined into each `Serialize`, where its name is a
//! constant, so that the name is copied by a move or two, not by a call.
//! Text that needs no escaping (nearly all) is copied as it is, integers
//! are written with `itoa` as serde_json writes them, and everything else
//! (escaped text, fractions) is written by serde_json itself, so the text
//! is serde_json's to the byte: the unit tests and
//! `fuzz/fuzz_targets/json_writer.rs` hold the two writers to the same
//! output.

use std::fmt::{Display, Write as _};

use serde::ser::{self, Serialize};

/// Why a document could not be written: a value serde_json refuses, or a
/// shape the documents never have (a map key that is not text or a
/// number).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct Error(Box<str>);

impl Error {
    /// Boxed, so that a `Result` of the writer is two words.
    fn new(msg: impl Display) -> Error {
        Error(msg.to_string().into_boxed_str())
    }
}

impl ser::Error for Error {
    fn custom<T: Display>(msg: T) -> Self {
        Error::new(msg)
    }
}

/// Appends the JSON of `value` to `out`. On an error `out` holds a part of
/// the document.
pub(crate) fn write<T: Serialize + ?Sized>(value: &T, out: &mut String) -> Result<(), Error> {
    value.serialize(&mut Writer {
        out,
        scratch: String::new(),
        bytes: Vec::new(),
        numbers: Vec::new(),
        number_text: String::new(),
    })
}

/// How many distinct fractions a writer keeps the text of.
const NUMBERS_KEPT: usize = 16;

/// The name serde_json gives the struct of a number kept as text
/// (`arbitrary_precision`, as in a `serde_json::Value`): its one field is
/// the number's text, written as it is.
const NUMBER_TOKEN: &str = "$serde_json::private::Number";

struct Writer<'o> {
    out: &'o mut String,
    /// The text of a value written with `Display` (a date), reused.
    scratch: String,
    /// What serde_json writes of one value, reused.
    bytes: Vec<u8>,
    /// Fractions written so far, by their bits, with where their text
    /// stands in `number_text` (one buffer for all of them).
    numbers: Vec<(u64, std::ops::Range<usize>)>,
    number_text: String,
}

impl Writer<'_> {
    /// Text, quoted and escaped. Most text needs no escaping: then it is
    /// written as it is, as serde_json writes it too.
    #[inline]
    fn text(&mut self, v: &str) -> Result<(), Error> {
        if needs_escape(v) {
            return self.value(v);
        }
        self.out.push('"');
        self.out.push_str(v);
        self.out.push('"');
        Ok(())
    }

    /// One value as serde_json writes it.
    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.bytes.clear();
        serde_json::to_writer(&mut self.bytes, value).map_err(Error::new)?;
        let text = std::str::from_utf8(&self.bytes).map_err(Error::new)?;
        self.out.push_str(text);
        Ok(())
    }

    /// A fraction as serde_json writes it, through a buffer on the stack
    /// (its longest text, such as `-2.2250738585072014e-308`, is 24 bytes).
    fn float(&mut self, v: f64) -> Result<(), Error> {
        const ROOM: usize = 32;
        let mut buffer = [0u8; ROOM];
        let mut rest = buffer.as_mut_slice();
        if serde_json::to_writer(&mut rest, &v).is_err() {
            return self.value(&v);
        }
        let written = ROOM - rest.len();
        let text = buffer.get(..written).unwrap_or_default();
        self.out
            .push_str(std::str::from_utf8(text).map_err(Error::new)?);
        Ok(())
    }

    /// `{"name":` for the variant of an enum written as an object.
    fn open_variant(&mut self, variant: &str) -> Result<(), Error> {
        self.out.push('{');
        self.text(variant)?;
        self.out.push(':');
        Ok(())
    }
}

/// An array, an object or a variant's object being written.
pub(crate) struct Compound<'w, 'o> {
    writer: &'w mut Writer<'o>,
    /// No part written yet: the opening `[` or `{` is written with the
    /// first part, in place of its comma.
    first: bool,
    /// An array (`[…]`), not an object (`{…}`).
    array: bool,
    /// The value of a variant, in `{"variant":…}`: one more `}`.
    variant: bool,
    /// A number kept as text: its field is the text.
    number: bool,
}

impl<'w, 'o> Compound<'w, 'o> {
    #[inline]
    fn open(writer: &'w mut Writer<'o>, array: bool) -> Self {
        Compound {
            writer,
            first: true,
            array,
            variant: false,
            number: false,
        }
    }

    /// `{"variant":` and the compound that is its value.
    fn variant(writer: &'w mut Writer<'o>, variant: &str, array: bool) -> Result<Self, Error> {
        writer.open_variant(variant)?;
        Ok(Compound {
            variant: true,
            ..Compound::open(writer, array)
        })
    }

    /// `[` or `{`.
    #[inline(always)]
    fn opening(&self) -> char {
        if self.array {
            '['
        } else {
            '{'
        }
    }

    #[inline(always)]
    fn comma(&mut self) {
        let next = if self.first { self.opening() } else { ',' };
        self.writer.out.push(next);
        self.first = false;
    }

    #[inline(always)]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.comma();
        value.serialize(&mut *self.writer)
    }

    /// A field of a struct: its name is a name in kader's types, written
    /// as it is (serde_json would escape nothing in it either). Inlined
    /// into each `Serialize`, where the name is a constant.
    #[inline(always)]
    fn field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<(), Error> {
        if self.number {
            return value.serialize(Text {
                out: &mut *self.writer.out,
                key: false,
            });
        }
        debug_assert!(
            name.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\'),
            "field name {name:?} needs escaping"
        );
        // A struct is an object: `{` before its first field.
        let out = &mut *self.writer.out;
        out.push_str(if self.first { "{\"" } else { ",\"" });
        self.first = false;
        out.push_str(name);
        out.push_str("\":");
        value.serialize(&mut *self.writer)
    }

    #[inline(always)]
    fn end(self) -> Result<(), Error> {
        if self.number {
            return Ok(());
        }
        if self.first {
            let opening = self.opening();
            self.writer.out.push(opening);
        }
        let out = &mut *self.writer.out;
        out.push(if self.array { ']' } else { '}' });
        if self.variant {
            out.push('}');
        }
        Ok(())
    }
}

/// Integers, as serde_json writes them (with `itoa`); a digit (most
/// weights and levels) as one character.
macro_rules! integers {
    ($($method:ident: $ty:ty),* $(,)?) => {
        $(#[inline]
        fn $method(self, v: $ty) -> Result<(), Error> {
            match u8::try_from(v) {
                Ok(digit @ 0..=9) => self.out.push(char::from(b'0' + digit)),
                _ => self.out.push_str(itoa::Buffer::new().format(v)),
            }
            Ok(())
        })*
    };
}

impl<'w, 'o> ser::Serializer for &'w mut Writer<'o> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'w, 'o>;
    type SerializeTuple = Compound<'w, 'o>;
    type SerializeTupleStruct = Compound<'w, 'o>;
    type SerializeTupleVariant = Compound<'w, 'o>;
    type SerializeMap = Compound<'w, 'o>;
    type SerializeStruct = Compound<'w, 'o>;
    type SerializeStructVariant = Compound<'w, 'o>;

    integers! {
        serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_u128: u128,
    }

    #[inline]
    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.value(&v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.text(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.value(v)
    }

    #[inline]
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.text(v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        // A document writes few distinct numbers (shares such as 0.75 and
        // the thresholds) many times: each is formatted once.
        let bits = v.to_bits();
        if let Some((_, at)) = self.numbers.iter().find(|(b, _)| *b == bits) {
            self.out
                .push_str(self.number_text.get(at.clone()).unwrap_or_default());
            return Ok(());
        }
        let start = self.out.len();
        self.float(v)?;
        if self.numbers.len() < NUMBERS_KEPT {
            if self.numbers.capacity() == 0 {
                // Room for all of them at once, not growing one by one.
                self.numbers.reserve_exact(NUMBERS_KEPT);
                self.number_text.reserve_exact(NUMBERS_KEPT * 24);
            }
            let text = self.out.get(start..).unwrap_or_default();
            let at = self.number_text.len();
            self.number_text.push_str(text);
            self.numbers.push((bits, at..self.number_text.len()));
        }
        Ok(())
    }

    #[inline]
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        // A variant's name is a name in kader's types, like a field's.
        debug_assert!(!needs_escape(variant), "variant {variant:?} needs escaping");
        self.out.push('"');
        self.out.push_str(variant);
        self.out.push('"');
        Ok(())
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.open_variant(variant)?;
        value.serialize(&mut *self)?;
        self.out.push('}');
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'w, 'o>, Error> {
        Ok(Compound::open(self, true))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'w, 'o>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'w, 'o>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'o>, Error> {
        Compound::variant(self, variant, true)
    }

    #[inline]
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'w, 'o>, Error> {
        Ok(Compound::open(self, false))
    }

    #[inline]
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Compound<'w, 'o>, Error> {
        if name == NUMBER_TOKEN {
            return Ok(Compound {
                number: true,
                ..Compound::open(self, false)
            });
        }
        Ok(Compound::open(self, false))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'w, 'o>, Error> {
        Compound::variant(self, variant, false)
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let written = write!(scratch, "{value}").map_err(Error::new);
        let result = written.and_then(|()| self.text(&scratch));
        self.scratch = scratch;
        result
    }
}

/// The compounds whose parts are values one after the other: arrays,
/// tuples and a variant's tuple.
macro_rules! sequences {
    ($($trait:ident::$method:ident),* $(,)?) => {
        $(impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            #[inline(always)]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            #[inline(always)]
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

sequences! {
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
}

impl ser::SerializeMap for Compound<'_, '_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        // The documents' maps are keyed by ids: text written as it is
        // unless it needs escaping. Any other key is written as serde_json
        // writes it (a number in quotes) or refused as serde_json refuses
        // it, by asking serde_json to write a map of that one key.
        let key_text = Text {
            out: &mut *self.writer.out,
            key: true,
        };
        if key.serialize(key_text).is_ok() {
            return Ok(());
        }
        let entry = serde_json::to_string(&KeyOnly(key)).map_err(Error::new)?;
        // `{KEY:null}`: the key and its colon.
        let key = entry
            .get(1..entry.len().saturating_sub(5))
            .ok_or_else(|| Error::new("a map key serde_json cannot write"))?;
        self.writer.out.push_str(key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        Compound::end(self)
    }
}

/// The compounds whose parts are named: a struct and a variant's struct.
macro_rules! structs {
    ($($trait:ident),* $(,)?) => {
        $(impl ser::$trait for Compound<'_, '_> {
            type Ok = ();
            type Error = Error;

            #[inline(always)]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                name: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(name, value)
            }

            #[inline(always)]
            fn end(self) -> Result<(), Error> {
                Compound::end(self)
            }
        })*
    };
}

structs!(SerializeStruct, SerializeStructVariant);

/// Whether serde_json would escape anything in a text: a control
/// character, `"` or `\\`. A long text is looked at sixteen bytes at a
/// time (compared side by side), its last sixteen as one chunk too,
/// overlapping the chunks before them; a shorter one as one or two words of
/// eight bytes, overlapping, or, below eight, as one word of its bytes (a
/// byte may stand twice) and spaces, which need no escaping.
fn needs_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |eight: &[u8; 8]| u64::from_le_bytes(*eight);
    let half = |four: &[u8; 4]| u64::from(u32::from_le_bytes(*four));
    if let Some(last) = bytes.last_chunk::<16>() {
        let any = |sixteen: &[u8; 16]| sixteen.iter().fold(false, |any, b| any | escapes(*b));
        let mut chunks = bytes.chunks_exact(16);
        return any(last) || chunks.any(|chunk| chunk.try_into().is_ok_and(any));
    }
    let found = if let (Some(first), Some(last)) =
        (bytes.first_chunk::<8>(), bytes.last_chunk::<8>())
    {
        escapes_in(word(first)) | escapes_in(word(last))
    } else if let (Some(first), Some(last)) = (bytes.first_chunk::<4>(), bytes.last_chunk::<4>()) {
        escapes_in(half(first) | half(last) << 32)
    } else {
        // Up to three bytes: the first, the middle and the last are all.
        const SPACES: u64 = 0x2020_2020_2020_2020;
        let at = |i: usize| u64::from(bytes.get(i).copied().unwrap_or(b' '));
        let n = bytes.len();
        let three = at(0) | at(n / 2) << 8 | at(n.saturating_sub(1)) << 16;
        escapes_in(SPACES << 24 | three)
    };
    found != 0
}

/// Whether serde_json escapes a byte.
fn escapes(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Which of eight bytes (in a word, the first lowest) is a control
/// character, `"` or `\\`: each test sets the high bit of a byte that
/// matches (a borrow can set a later one too, but only after a match), so
/// the word is 0 when none is.
fn escapes_in(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let below = |v: u64, n: u64| v.wrapping_sub(ONES.wrapping_mul(n)) & !v;
    let control = below(x, 0x20);
    let quote = below(x ^ ONES.wrapping_mul(u64::from(b'"')), 1);
    let backslash = below(x ^ ONES.wrapping_mul(u64::from(b'\\')), 1);
    (control | quote | backslash) & HIGH
}

/// A map of one entry, `key: null`, whose text ends in `:null}`: how
/// serde_json's own rule for keys is asked.
struct KeyOnly<'k, K: ?Sized>(&'k K);

impl<K: Serialize + ?Sized> Serialize for KeyOnly<'_, K> {
    fn serialize<S: ser::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use ser::SerializeMap as _;
        let mut map = s.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &())?;
        map.end()
    }
}

/// Writes a value that is text, and refuses any other without writing
/// anything: a map key (quoted, with its colon) or the text of a number
/// (as it is).
struct Text<'o> {
    out: &'o mut String,
    key: bool,
}

macro_rules! not_text {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), Error> {
            Err(Error::new(""))
        })*
    };
}

impl ser::Serializer for Text<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = ser::Impossible<(), Error>;
    type SerializeTuple = ser::Impossible<(), Error>;
    type SerializeTupleStruct = ser::Impossible<(), Error>;
    type SerializeTupleVariant = ser::Impossible<(), Error>;
    type SerializeMap = ser::Impossible<(), Error>;
    type SerializeStruct = ser::Impossible<(), Error>;
    type SerializeStructVariant = ser::Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        if !self.key {
            self.out.push_str(v);
        } else if needs_escape(v) {
            let quoted = serde_json::to_string(v).map_err(Error::new)?;
            self.out.push_str(&quoted);
            self.out.push(':');
        } else {
            self.out.push('"');
            self.out.push_str(v);
            self.out.push_str("\":");
        }
        Ok(())
    }

    not_text! {
        serialize_bool(bool), serialize_i8(i8), serialize_i16(i16), serialize_i32(i32),
        serialize_i64(i64), serialize_u8(u8), serialize_u16(u16), serialize_u32(u32),
        serialize_u64(u64), serialize_f32(f32), serialize_f64(f64), serialize_char(char),
        serialize_bytes(&[u8]), serialize_none(), serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(Error::new(""))
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error::new(""))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(Error::new(""))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(Error::new(""))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(Error::new(""))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(Error::new(""))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(Error::new(""))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(Error::new(""))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(Error::new(""))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(Error::new(""))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use serde::Serialize;

    /// Both writers' text of a value, or both errors.
    fn same<T: Serialize + ?Sized>(value: &T) {
        let mut ours = String::new();
        let ours = super::write(value, &mut ours).map(|()| ours);
        let theirs = serde_json::to_string(value);
        match (ours, theirs) {
            (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs),
            (Err(_), Err(_)) => {}
            (ours, theirs) => panic!("kader {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[derive(Serialize)]
    struct Unit;

    #[derive(Serialize)]
    struct Newtype(u8);

    #[derive(Serialize)]
    struct Pair(i32, &'static str);

    #[derive(Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Plain,
        Wrapped(f64),
        Tuple(u8, bool),
        Fields { at: char, of: Option<i128> },
    }

    #[derive(Serialize)]
    struct Every {
        unit: (),
        unit_struct: Unit,
        newtype: Newtype,
        pair: Pair,
        shapes: Vec<Shape>,
        none: Option<u64>,
        some: Option<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        skipped: Option<u8>,
        empty: Vec<u8>,
        tuple: (u8, i64, u128),
        bytes: &'static [u8],
        floats: [f64; 6],
        small: f32,
        by_text: BTreeMap<&'static str, u8>,
        by_number: BTreeMap<u32, bool>,
        flattened: Flattened,
        yes: bool,
        no: bool,
        letter: char,
        quoted: char,
        shape: Shape,
        wrapped: Shape,
        nested: Option<Option<Newtype>>,
        date: jiff::civil::Date,
        nan: f64,
    }

    /// A struct with a flattened map is written as a map.
    #[derive(Serialize)]
    struct Flattened {
        before: u8,
        #[serde(flatten)]
        flat: BTreeMap<String, Shape>,
    }

    #[test]
    fn every_shape_as_serde_json_writes_it() {
        let every = Every {
            unit: (),
            unit_struct: Unit,
            newtype: Newtype(7),
            pair: Pair(-3, "drie"),
            shapes: vec![
                Shape::Plain,
                Shape::Wrapped(0.1),
                Shape::Tuple(1, false),
                Shape::Fields {
                    at: '"',
                    of: Some(-170_141_183_460_469_231_731_687_303_715_884_105_728),
                },
                Shape::Fields {
                    at: '\u{1}',
                    of: None,
                },
            ],
            none: None,
            some: Some("tab\there \"quoted\" \\ \u{7f} é 𝄞"),
            skipped: None,
            empty: Vec::new(),
            tuple: (0, i64::MIN, u128::MAX),
            bytes: b"ab",
            floats: [0.0, -0.0, 5.0 / 6.0, 1e300, f64::NAN, f64::INFINITY],
            small: 0.1,
            by_text: [("a", 1), ("needs \"escape\"\n", 2), ("", 3)].into(),
            by_number: [(0, true), (42, false)].into(),
            flattened: Flattened {
                before: 12,
                flat: [("flat\u{0}".to_string(), Shape::Plain)].into(),
            },
            yes: true,
            no: false,
            letter: 'x',
            quoted: '"',
            shape: Shape::Plain,
            wrapped: Shape::Wrapped(2.5),
            nested: Some(Some(Newtype(0))),
            date: jiff::civil::date(2026, 12, 4),
            nan: f64::NAN,
        };
        same(&every);
    }

    #[test]
    fn keys_serde_json_refuses_are_refused() {
        let by_list: BTreeMap<Vec<u8>, u8> = [(vec![1], 1)].into();
        same(&by_list);
        let by_unit: BTreeMap<(), u8> = [((), 1)].into();
        same(&by_unit);
        let by_float: BTreeMap<String, BTreeMap<bool, u8>> =
            [("x".to_string(), [(true, 1)].into())].into();
        same(&by_float);
    }

    #[test]
    fn numbers_kept_as_text_as_written() {
        let text = r#"{"a":1.50,"b":[1e+400,-0,12345678901234567890123],"c":{"d":null}}"#;
        let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
        let mut out = String::new();
        assert!(super::write(&value, &mut out).is_ok());
        assert_eq!(out, text);
        same(&value);
    }

    /// Every byte serde_json escapes, and its neighbours that it does not,
    /// at every place in texts of every length up to two and a half chunks.
    #[test]
    fn escapes_are_found_at_every_place() {
        for len in 0..=40 {
            assert!(!super::needs_escape(&"~".repeat(len)));
            for at in 0..len {
                for (byte, escapes) in [(0, true), (0x1f, true), (b'"', true), (b'\\', true)]
                    .into_iter()
                    .chain([(b' ', false), (b'!', false), (b'#', false), (b']', false)])
                {
                    let mut text = vec![b'~'; len];
                    if let Some(b) = text.get_mut(at) {
                        *b = byte;
                    }
                    let text = String::from_utf8(text).unwrap_or_default();
                    assert_eq!(super::needs_escape(&text), escapes, "{text:?}");
                }
            }
        }
    }

    proptest! {
        #[test]
        fn escapes_are_found_wherever_they_stand(text in "[a \"\\\\\u{0}\u{1f}\u{20}\u{7f}é]{0,20}") {
            let naive = text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
            prop_assert_eq!(super::needs_escape(&text), naive);
            same(&text);
        }

        #[test]
        fn any_text_and_number_as_serde_json_writes_them(
            texts in prop::collection::vec(any::<String>(), 0..4),
            keys in prop::collection::btree_map(any::<String>(), any::<f64>(), 0..4),
            numbers in prop::collection::vec(any::<i64>(), 0..4),
        ) {
            same(&(texts, keys, numbers));
        }
    }
}
