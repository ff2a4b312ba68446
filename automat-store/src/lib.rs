//! Durable automat-rs machines: every accepted input appended to a database with the machine's
//! next version, machines rebuilt from their log and snapshots, two writers of one machine
//! detected, and a global, gapless notification log for projections and relays.
//!
//! One interface, [`Backend`], with two implementations: [`SqliteStore`] (feature `sqlite`, on by
//! default: embedded, a file or memory) and [`PostgresStore`] (feature `postgres`: a server that
//! many processes share). [`Store`] drives any `#[serde]` machine over either.
//!
//! # What is stored
//!
//! A machine is stored under an id as its *state* (with the data its states carry and the
//! history its compounds recorded; [`Persistent`]) and its log of steps: for each accepted
//! input, its journal record (the input, and for a machine that decides the state it led to),
//! the state it led to, and, for a machine whose records alone do not rebuild it (data on
//! states, history, raised inputs), its saved state after the step. The core is never stored:
//! it performs the outputs and is given again to [`Store::load`].
//!
//! # The guarantee for outputs
//!
//! Outputs are side effects outside the database. [`Store::step`] runs one database
//! transaction: it locks the machine's row, checks that its version is the one the caller
//! holds, runs the input (its guards and outputs), then appends the step and commits.
//!
//! - A stale writer is refused **before anything runs**: a [`StoreError::Conflict`] means no
//!   guard or output ran, and the caller reloads ([`Store::load`]) and tries again.
//! - An input the machine refuses records nothing, and the transaction is rolled back.
//! - A recorded step's outputs have run (act, then record, under the lock): every step in the
//!   log was performed, once per step, by the writer that recorded it.
//! - A crash after the outputs and before the commit leaves an effect without a record: at
//!   most one step per writer is performed but missing from the log. Outputs that must not
//!   repeat should be idempotent by the step's `(id, version)`, which the core can read from
//!   [`Durable::version`] before stepping (the step being recorded is `version + 1`).
//!
//! # Example
//!
//! ```
//! use automat_store::{SqliteStore, Store};
//!
//! automat_rs::machine! {
//!     #[derive_input(Clone)]
//!     #[serde]
//!     pub machine Door {
//!         initial state Closed;
//!         state Open;
//!         input open();
//!         input close();
//!         Closed + open => Open;
//!         Open + close => Closed;
//!     }
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let mut store = Store::new(SqliteStore::open_in_memory()?);
//! let mut door = store.create("front", Door::new(()))?;
//! store.step(&mut door, DoorInput::Open)?;
//! assert_eq!(door.version(), 1);
//!
//! let door = store.load::<Door<()>>("front", ())?;
//! assert_eq!((door.machine().state(), door.version()), (DoorState::Open, 1));
//! let log = store.notifications(0, 10)?;
//! assert_eq!((log[0].position, log[0].id.as_str(), log[0].state.as_str()), (1, "front", "Open"));
//! # Ok(()) }
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

use std::fmt;

use automat_core::journal::JournalError;
use automat_core::persist::{Persistent, State};
use automat_core::{InputError, Machine, MachineState};
use serde::de::DeserializeOwned;
use serde::Serialize;

mod error;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use error::{StepFailure, StoreError};
#[cfg(feature = "postgres")]
pub use postgres::PostgresStore;
#[cfg(feature = "sqlite")]
pub use sqlite::SqliteStore;

/// A step as a backend writes it: all text, JSON but for `state`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStep {
    /// The journal record (JSON).
    pub record: String,
    /// The name of the state the step led to.
    pub state: String,
    /// The machine's saved state after the step (JSON), for a machine whose records do not
    /// rebuild it.
    pub saved: Option<String>,
    /// A snapshot to write with the step (the saved state after it, JSON).
    pub snapshot: Option<String>,
}

/// A recorded step, as read back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRow {
    /// The machine's version after the step, from 1.
    pub version: u64,
    /// The journal record (JSON).
    pub record: String,
    /// The name of the state the step led to.
    pub state: String,
    /// The saved state after the step (JSON), when the machine's records do not rebuild it.
    pub saved: Option<String>,
}

/// What a backend holds of a machine: enough to rebuild it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// The machine's type name, as its description declares it.
    pub machine: String,
    /// The machine's version: the number of steps it took.
    pub version: u64,
    /// The snapshot read: its version and saved state (JSON).
    pub snapshot: (u64, String),
    /// The steps after the snapshot, in version order.
    pub steps: Vec<StepRow>,
}

/// One entry of the notification log: a recorded step of some machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// The entry's position in the log, from 1, gapless and in commit order.
    pub position: u64,
    /// The machine's id.
    pub id: String,
    /// The machine's version after the step.
    pub version: u64,
    /// The journal record (JSON): the input, and for a machine that decides the state it led to.
    pub record: String,
    /// The name of the state the step led to.
    pub state: String,
}

/// The interface a database implements for [`Store`]: text in, text out, each method one
/// transaction.
pub trait Backend {
    /// Creates machine `id` of type `machine` at version 0, with `saved` as its snapshot at 0.
    ///
    /// # Errors
    ///
    /// [`StoreError::Exists`] when the id is taken; [`StoreError::Database`].
    fn create(&mut self, id: &str, machine: &str, saved: &str) -> Result<(), StoreError>;

    /// Reads machine `id`: its newest snapshot older than `below` (any, when `None`) and the
    /// steps after it.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`]; [`StoreError::Database`].
    fn read(&mut self, id: &str, below: Option<u64>) -> Result<Stored, StoreError>;

    /// In one transaction: locks machine `id`, checks that its version is `expected`, calls
    /// `step` (which runs the input; `None` when the machine refused it, and then the
    /// transaction is rolled back), and appends what it returns at version `expected + 1`, with
    /// the next position of the notification log. Returns that position, or `None` when `step`
    /// did.
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] (and `step` is not called); [`StoreError::NotFound`];
    /// [`StoreError::Database`].
    fn append(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError>;

    /// [`Backend::append`] for [`Store::optimistic`]: calls `step` first, with no lock, and then
    /// appends what it returns at version `expected + 1` only if machine `id` is still at
    /// `expected`, in one transaction; otherwise writes nothing. A backend that cannot do
    /// better than `append` keeps this default, which is `append` (the lock first).
    ///
    /// # Errors
    ///
    /// [`StoreError::Conflict`] (and `step` may have run); [`StoreError::NotFound`];
    /// [`StoreError::Database`].
    fn append_optimistic(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError> {
        self.append(id, expected, step)
    }

    /// Up to `limit` entries of the notification log after position `after`, in order.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    fn notifications(&mut self, after: u64, limit: usize) -> Result<Vec<Notification>, StoreError>;
}

/// A machine loaded from a store, with the version the store holds of it.
#[derive(Debug)]
pub struct Durable<M> {
    id: String,
    version: u64,
    machine: M,
    poisoned: bool,
}

impl<M: Machine> Durable<M> {
    /// The machine's id in its store.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The number of steps the machine has taken, which is the version a step checks.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The machine. To feed it an input, use [`Store::step`], so the input is recorded.
    #[must_use]
    pub fn machine(&self) -> &M {
        &self.machine
    }

    /// The machine's core, exclusively (its state cannot be changed through it).
    pub fn core_mut(&mut self) -> &mut M::Core {
        self.machine.core_mut()
    }

    /// Consumes the handle and returns the machine.
    #[must_use]
    pub fn into_machine(self) -> M {
        self.machine
    }
}

/// A store of machines over a [`Backend`]: create, load, step, and read the notification log.
#[derive(Debug)]
pub struct Store<B> {
    backend: B,
    snapshot_every: u64,
    optimistic: bool,
}

/// How many steps pass between two snapshots when [`Store::new`] sets it.
pub const DEFAULT_SNAPSHOT_EVERY: u64 = 100;

impl<B: Backend> Store<B> {
    /// A store over `backend`, writing a snapshot every [`DEFAULT_SNAPSHOT_EVERY`] steps.
    pub fn new(backend: B) -> Self {
        Store {
            backend,
            snapshot_every: DEFAULT_SNAPSHOT_EVERY,
            optimistic: false,
        }
    }

    /// Steps optimistically: [`Store::step`] runs the input first and then appends its step in
    /// one statement that checks the machine's version, instead of locking the machine and
    /// checking its version before the input runs. On PostgreSQL that is one round trip a
    /// step instead of two (`cargo run --release -p automat-store --example store_bench`
    /// measures both); on SQLite, whose writers lock the whole database anyway, it is the
    /// default's locking step.
    ///
    /// The price: a stale writer learns of the [`StoreError::Conflict`] only after its input
    /// ran, outputs included (the handle is then poisoned: reload). Nothing is recorded for it
    /// and no accepted input is lost or recorded twice, as with the default; what changes is
    /// that a loser's outputs may have run once without a record. Use it when conflicts are
    /// rare or outputs are safe to repeat.
    #[must_use]
    pub fn optimistic(mut self) -> Self {
        self.optimistic = true;
        self
    }

    /// Writes a snapshot with every `every`-th step of a machine (never, with 0).
    #[must_use]
    pub fn snapshot_every(mut self, every: u64) -> Self {
        self.snapshot_every = every;
        self
    }

    /// The backend.
    pub fn backend(&mut self) -> &mut B {
        &mut self.backend
    }

    /// Stores `machine` under `id` at version 0 (its state now is its first snapshot).
    ///
    /// # Errors
    ///
    /// [`StoreError::Exists`] when the id is taken; [`StoreError::Database`].
    pub fn create<M: Persistent>(
        &mut self,
        id: &str,
        machine: M,
    ) -> Result<Durable<M>, StoreError> {
        let saved = save(id, 0, &machine)?;
        self.backend.create(id, M::description().name, &saved)?;
        Ok(Durable {
            id: id.to_owned(),
            version: 0,
            machine,
            poisoned: false,
        })
    }

    /// Loads machine `id` around `core`: its newest snapshot, then the steps after it replayed
    /// by state (no guard or output runs), each checked to be one the machine can take.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`]; [`StoreError::WrongMachine`] when `id` holds another type of
    /// machine; [`StoreError::Corrupt`] at the first snapshot or step that does not decode or
    /// that the machine cannot take (then [`Store::recover`] loads the last good state);
    /// [`StoreError::Gap`]; [`StoreError::Database`].
    pub fn load<M>(&mut self, id: &str, core: M::Core) -> Result<Durable<M>, StoreError>
    where
        M: Persistent,
        <M::State as MachineState>::Record: DeserializeOwned,
    {
        let stored = self.backend.read(id, None)?;
        rebuild(id, &stored, core).map_err(|(error, _)| error)
    }

    /// Loads the last good state of machine `id` and the error that stopped [`Store::load`], if
    /// any: from the newest snapshot that decodes, the steps up to the first bad one. Nothing is
    /// written, and a step from a machine recovered short of its log's end is refused with
    /// [`StoreError::Conflict`], so nothing recorded is overwritten.
    ///
    /// # Errors
    ///
    /// [`StoreError::NotFound`], [`StoreError::WrongMachine`], [`StoreError::Database`], or the
    /// error of the machine's first snapshot when none decodes.
    pub fn recover<M>(
        &mut self,
        id: &str,
        core: M::Core,
    ) -> Result<(Durable<M>, Option<StoreError>), StoreError>
    where
        M: Persistent,
        <M::State as MachineState>::Record: DeserializeOwned,
    {
        let mut below = None;
        let mut core = core;
        let mut first_error = None;
        loop {
            let stored = self.backend.read(id, below)?;
            match rebuild::<M>(id, &stored, core) {
                Ok(durable) => return Ok((durable, first_error)),
                Err((error, Recovery::Partial(durable))) => {
                    return Ok((durable, Some(first_error.unwrap_or(error))));
                }
                Err((error, Recovery::Core(back))) => {
                    let at = stored.snapshot.0;
                    if at == 0 || matches!(error, StoreError::WrongMachine { .. }) {
                        return Err(first_error.unwrap_or(error));
                    }
                    first_error.get_or_insert(error);
                    below = Some(at);
                    core = back;
                }
                Err((error, Recovery::Lost)) => return Err(first_error.unwrap_or(error)),
            }
        }
    }

    /// Feeds `input` to the machine and records the step: in one transaction, checks that the
    /// store's version of the machine is `durable`'s, runs the input, and appends it with the
    /// next version (and a snapshot every so many steps). See the crate's guarantee for
    /// outputs.
    ///
    /// # Errors
    ///
    /// [`StepFailure::Refused`] when the machine refused the input (nothing recorded, the
    /// machine unchanged; an `else` route is recorded, and returns its failure here too);
    /// [`StepFailure::Store`] with [`StoreError::Conflict`] when another writer stepped the
    /// machine first (nothing ran, unless the store is [`Store::optimistic`]: reload and try again), [`StoreError::Poisoned`] when an
    /// earlier step of this handle ran but could not be recorded, or
    /// [`StoreError::Database`] (then this handle is poisoned: reload).
    pub fn step<M>(
        &mut self,
        durable: &mut Durable<M>,
        input: M::Input,
    ) -> Result<M::Return, StepFailure<M::Error>>
    where
        M: Persistent,
        M::Input: Clone,
        <M::State as MachineState>::Record: Serialize,
    {
        if durable.poisoned {
            return Err(StoreError::Poisoned {
                id: durable.id.clone(),
            }
            .into());
        }
        let next = durable.version + 1;
        let snapshot = self.snapshot_every != 0 && next.is_multiple_of(self.snapshot_every);
        let id = durable.id.clone();
        let machine = &mut durable.machine;
        let mut input = Some(input);
        let mut outcome = None;
        let mut encode_error = None;
        let optimistic = self.optimistic;
        let mut run = || {
            let input = input.take()?;
            let copy = input.clone();
            let result = machine.handle(input);
            let took = match &result {
                Ok(_) => true,
                Err(error) => error.committed(),
            };
            outcome = Some(result);
            if !took {
                return None;
            }
            let to = machine.state();
            let record = <M::State as MachineState>::record(copy, to);
            let encoded = encode(&id, next, machine, &record, snapshot);
            match encoded {
                Ok(step) => Some(step),
                Err(error) => {
                    encode_error = Some(error);
                    None
                }
            }
        };
        let appended = if optimistic {
            self.backend
                .append_optimistic(&id, durable.version, &mut run)
        } else {
            self.backend.append(&id, durable.version, &mut run)
        };
        let ran = outcome.is_some();
        match (appended, encode_error) {
            (Ok(Some(_)), _) => durable.version = next,
            (Ok(None), Some(error)) => {
                durable.poisoned = true;
                return Err(error.into());
            }
            (Ok(None), None) => {}
            (Err(error), _) => {
                // The input ran (its outputs too) but its step is not recorded.
                durable.poisoned = ran;
                return Err(error.into());
            }
        }
        match outcome {
            Some(Ok(value)) => Ok(value),
            Some(Err(error)) => Err(StepFailure::Refused(error)),
            None => unreachable!("`append` calls the step when it returns Ok"),
        }
    }

    /// Up to `limit` entries of the notification log after position `after` (from 0), in the
    /// order their steps were committed, with no gaps.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn notifications(
        &mut self,
        after: u64,
        limit: usize,
    ) -> Result<Vec<Notification>, StoreError> {
        self.backend.notifications(after, limit)
    }
}

/// What a failed rebuild leaves: the machine up to the bad step, the core back, or nothing.
enum Recovery<M: Machine> {
    Partial(Durable<M>),
    Core(M::Core),
    Lost,
}

/// A machine's saved state, as JSON.
fn save<M: Persistent>(id: &str, version: u64, machine: &M) -> Result<String, StoreError> {
    serde_json::to_string(&State(machine)).map_err(|error| StoreError::Encode {
        id: id.to_owned(),
        version,
        message: error.to_string(),
    })
}

/// A state's stable name: the one its snapshots use (`#[serialized = ".."]`, or its name).
fn stable_name<S: MachineState + Serialize>(state: S) -> String {
    match serde_json::to_value(state) {
        Ok(serde_json::Value::String(name)) => name,
        _ => state.name().to_owned(),
    }
}

/// A step's rows, as JSON.
fn encode<M: Persistent>(
    id: &str,
    version: u64,
    machine: &M,
    record: &<M::State as MachineState>::Record,
    snapshot: bool,
) -> Result<NewStep, StoreError>
where
    <M::State as MachineState>::Record: Serialize,
{
    let record = serde_json::to_string(record).map_err(|error| StoreError::Encode {
        id: id.to_owned(),
        version,
        message: error.to_string(),
    })?;
    let saved = if M::REPLAYS_BY_STATE && !snapshot {
        None
    } else {
        Some(save(id, version, machine)?)
    };
    Ok(NewStep {
        record,
        state: stable_name(machine.state()),
        saved: if M::REPLAYS_BY_STATE {
            None
        } else {
            saved.clone()
        },
        snapshot: if snapshot { saved } else { None },
    })
}

/// Decodes a saved state around `core`, or a located error and the core back when the check
/// without a core found the fault (a history leaf outside its compound is found only with it).
fn decode_saved<M: Persistent>(
    id: &str,
    version: u64,
    what: &'static str,
    saved: &str,
    core: M::Core,
) -> Result<M, (StoreError, Option<M::Core>)> {
    // Check it first without the core, so a bad saved state gives the core back.
    let mut check = serde_json::Deserializer::from_str(saved);
    if let Err(error) = M::check_state(&mut check).and_then(|()| check.end()) {
        return Err((corrupt(id, version, what, &error), Some(core)));
    }
    let mut probe = serde_json::Deserializer::from_str(saved);
    match M::load_state(&mut probe, core) {
        Ok(machine) => match probe.end() {
            Ok(()) => Ok(machine),
            Err(error) => Err((
                corrupt(id, version, what, &error),
                Some(machine.into_core()),
            )),
        },
        Err(error) => Err((corrupt(id, version, what, &error), None)),
    }
}

fn corrupt(id: &str, version: u64, what: &'static str, error: &dyn fmt::Display) -> StoreError {
    StoreError::Corrupt {
        id: id.to_owned(),
        version,
        what,
        message: error.to_string(),
    }
}

/// The machine moved to `state` at `version` by `step`: by state, or from the saved state.
fn advance<M: Persistent>(
    good: Durable<M>,
    version: u64,
    state: M::State,
    step: &StepRow,
) -> Result<Durable<M>, (StoreError, Recovery<M>)> {
    let id = good.id.clone();
    let moved = if M::REPLAYS_BY_STATE {
        M::with_state(state, good.machine.into_core())
            .ok_or_else(|| (corrupt(&id, version, "saved state", &"missing"), None))
    } else {
        let Some(saved) = &step.saved else {
            let error = corrupt(&id, version, "saved state", &"missing");
            return Err((error, Recovery::Partial(good)));
        };
        let mut check = serde_json::Deserializer::from_str(saved);
        if let Err(error) = M::check_state(&mut check).and_then(|()| check.end()) {
            let error = corrupt(&id, version, "saved state", &error);
            return Err((error, Recovery::Partial(good)));
        }
        decode_saved::<M>(&id, version, "saved state", saved, good.machine.into_core())
    };
    match moved {
        Ok(machine) => Ok(Durable {
            id,
            version,
            machine,
            poisoned: false,
        }),
        Err((error, _)) => Err((error, Recovery::Lost)),
    }
}

/// Rebuilds a machine from what a backend read.
fn rebuild<M>(
    id: &str,
    stored: &Stored,
    core: M::Core,
) -> Result<Durable<M>, (StoreError, Recovery<M>)>
where
    M: Persistent,
    <M::State as MachineState>::Record: DeserializeOwned,
{
    let expected = M::description().name;
    if stored.machine != expected {
        let error = StoreError::WrongMachine {
            id: id.to_owned(),
            stored: stored.machine.clone(),
            expected: expected.to_owned(),
        };
        return Err((error, Recovery::Core(core)));
    }
    let (at, saved) = (stored.snapshot.0, &stored.snapshot.1);
    let machine = match decode_saved::<M>(id, at, "snapshot", saved, core) {
        Ok(machine) => machine,
        Err((error, Some(core))) => return Err((error, Recovery::Core(core))),
        Err((error, None)) => return Err((error, Recovery::Lost)),
    };
    let mut good = Durable {
        id: id.to_owned(),
        version: at,
        machine,
        poisoned: false,
    };
    let mut state = good.machine.state();
    let mut version = at;
    for step in &stored.steps {
        if step.version != version + 1 {
            let error = StoreError::Gap {
                id: id.to_owned(),
                expected: version + 1,
                found: step.version,
            };
            return Err((error, Recovery::Partial(good)));
        }
        version = step.version;
        let record: <M::State as MachineState>::Record = match serde_json::from_str(&step.record) {
            Ok(record) => record,
            Err(error) => {
                return Err((
                    corrupt(id, version, "input", &error),
                    Recovery::Partial(good),
                ))
            }
        };
        state = match state.next_state(&record) {
            Ok(next) => next,
            Err(refused) => {
                let error = corrupt(
                    id,
                    version,
                    "step",
                    &JournalError {
                        position: 0,
                        error: refused,
                    },
                );
                return Err((error, Recovery::Partial(good)));
            }
        };
        if stable_name(state) != step.state {
            let error = StoreError::Corrupt {
                id: id.to_owned(),
                version,
                what: "step",
                message: format!(
                    "the step is recorded as leading to `{}`, but its record leads to `{state}`",
                    step.state
                ),
            };
            return Err((error, Recovery::Partial(good)));
        }
        // The machine as of this step, so that a later bad step leaves it as the last good one.
        good = advance(good, version, state, step)?;
    }
    if stored.version != version {
        let error = StoreError::Gap {
            id: id.to_owned(),
            expected: stored.version,
            found: version,
        };
        return Err((error, Recovery::Partial(good)));
    }
    Ok(good)
}
