//! A machine's state apart from its core: what a durable store keeps (feature `serde`).
//!
//! A machine is its state (with the data its state carries and the history its compounds
//! recorded) and its core, the user's value that performs outputs. A store of machines keeps the
//! first and never the second: the core holds connections, clocks and handles, and is given
//! again when a machine is loaded. Every machine marked `#[serde]` implements [`Persistent`].
//!
//! `automat-store` keeps machines this way; `automat-rs` (feature `serde`) re-exports the
//! module as `automat_rs::persist`.

use serde::{Deserializer, Serialize, Serializer};

use crate::Machine;
#[cfg(doc)]
use crate::MachineState;

/// A machine whose state, data and history can be saved without its core, and loaded around a
/// new one (every `#[serde]` machine).
///
/// The saved form uses the stable names of the machine's serde impls: a state is its name
/// (`"Ready"`); a machine whose states carry data is `[name, fields]`; one whose compounds
/// record history is `[state, history]`, `history` a map from each compound to its leaf.
pub trait Persistent: Machine<State: Serialize> + Sized {
    /// Whether the machine is its state enum and its core: then a journal's records rebuild all
    /// of its state by [`MachineState::next_state`], without running anything. A machine whose
    /// states carry data, whose compounds record history or which raises inputs has more than
    /// its records say (a field an output produced, say), so a store saves its state with
    /// every step.
    const REPLAYS_BY_STATE: bool;

    /// Writes the machine's state, data and history (not its core).
    ///
    /// # Errors
    ///
    /// The serializer's.
    fn save_state<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;

    /// Reads what [`save_state`](Self::save_state) wrote, and makes the machine in that state
    /// around `core`. No transition runs and no output is called.
    ///
    /// # Errors
    ///
    /// The deserializer's: malformed input, or a name the machine does not declare (the error
    /// lists the names it does).
    fn load_state<'de, D: Deserializer<'de>>(
        deserializer: D,
        core: Self::Core,
    ) -> Result<Self, D::Error>;

    /// Reads what [`save_state`](Self::save_state) wrote without making a machine: the same
    /// errors as [`load_state`](Self::load_state) for names and fields (for the history of a
    /// compound, only its shape), with no core needed, so a reader can check a saved state
    /// before it gives one up.
    ///
    /// # Errors
    ///
    /// The deserializer's.
    fn check_state<'de, D: Deserializer<'de>>(deserializer: D) -> Result<(), D::Error>;

    /// The machine in `state` around `core`, when [`REPLAYS_BY_STATE`](Self::REPLAYS_BY_STATE)
    /// (else `None`: the state alone does not say what the machine holds).
    fn with_state(state: Self::State, core: Self::Core) -> Option<Self>;
}

/// A machine's saved state as a value that serializes: `serde_json::to_string(&State(&m))`.
#[derive(Debug, Clone, Copy)]
pub struct State<'a, M>(pub &'a M);

impl<M: Persistent> Serialize for State<'_, M> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.save_state(serializer)
    }
}
