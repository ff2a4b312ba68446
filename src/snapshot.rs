//! Not public API: the recorded history in a machine's snapshot, as a map from each compound's
//! name to the leaf it was last left from (`{"On": "Soak"}`), read without allocation.

use core::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// A machine's history, written as a map by compound name.
pub struct History<'a, S> {
    /// The compounds, by slot.
    pub names: &'static [&'static str],
    /// The leaf recorded in each slot.
    pub states: &'a [S],
}

impl<S: Serialize> Serialize for History<'_, S> {
    fn serialize<Z: Serializer>(&self, serializer: Z) -> Result<Z::Ok, Z::Error> {
        let mut map = serializer.serialize_map(Some(self.names.len()))?;
        for (name, state) in self.names.iter().zip(self.states) {
            map.serialize_entry(name, state)?;
        }
        map.end()
    }
}

/// Reads a history map into a machine through `restore(slot, leaf)`, which refuses a leaf
/// outside its compound. An unknown compound name, or a leaf outside it, is an error.
pub struct HistorySeed<'r, S> {
    /// The compounds, by slot.
    pub names: &'static [&'static str],
    /// Records `leaf` in `slot`; `false` when `leaf` is not inside that compound.
    pub restore: &'r mut dyn FnMut(usize, S) -> bool,
}

impl<'de, S: Deserialize<'de> + Copy + fmt::Display> DeserializeSeed<'de> for HistorySeed<'_, S> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de, S: Deserialize<'de> + Copy + fmt::Display> Visitor<'de> for HistorySeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map from compound states to the state each was last left from")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(slot) = map.next_key_seed(Slot(self.names))? {
            let leaf: S = map.next_value()?;
            if !(self.restore)(slot, leaf) {
                return Err(de::Error::custom(format_args!(
                    "the history of `{}` names `{leaf}`, which is not inside it",
                    self.names[slot]
                )));
            }
        }
        Ok(())
    }
}

/// A compound's name, read as its slot.
struct Slot(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Slot {
    type Value = usize;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<usize, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Slot {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the name of a compound state with history")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| E::unknown_field(name, self.0))
    }
}
