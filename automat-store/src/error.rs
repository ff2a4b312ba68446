//! What can go wrong in a store, each error located: the machine's id, and the version.

use std::error::Error;
use std::fmt;

/// An error of a store: every one names the machine it is about.
#[derive(Debug)]
#[non_exhaustive]
pub enum StoreError {
    /// Another writer stepped the machine since this handle was loaded: nothing ran. Reload the
    /// machine and try again.
    Conflict {
        /// The machine.
        id: String,
        /// The version this handle holds.
        expected: u64,
        /// The version the store holds.
        actual: u64,
    },
    /// No machine is stored under the id.
    NotFound {
        /// The machine.
        id: String,
    },
    /// A machine is already stored under the id.
    Exists {
        /// The machine.
        id: String,
    },
    /// The id holds a machine of another type.
    WrongMachine {
        /// The machine.
        id: String,
        /// The type stored.
        stored: String,
        /// The type asked for.
        expected: String,
    },
    /// A stored snapshot, input or saved state does not decode, or names a step the machine
    /// cannot take (a state or input it no longer declares, say); the error lists the names it
    /// does. Nothing was written; [`Store::recover`](crate::Store::recover) loads the last good
    /// state.
    Corrupt {
        /// The machine.
        id: String,
        /// The version of the snapshot or step.
        version: u64,
        /// What did not decode: `"snapshot"`, `"input"`, `"saved state"` or `"step"`.
        what: &'static str,
        /// Why.
        message: String,
    },
    /// The machine's log skips a version.
    Gap {
        /// The machine.
        id: String,
        /// The version that should come next.
        expected: u64,
        /// The version found instead.
        found: u64,
    },
    /// The machine's state could not be written (a serializer error of the core's types).
    Encode {
        /// The machine.
        id: String,
        /// The version being written.
        version: u64,
        /// Why.
        message: String,
    },
    /// An earlier step of this handle ran its input but could not be recorded: the handle is
    /// ahead of the store. Reload the machine.
    Poisoned {
        /// The machine.
        id: String,
    },
    /// The database failed.
    Database(Box<dyn Error + Send + Sync>),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Conflict { id, expected, actual } => write!(
                f,
                "machine `{id}` is at version {actual} in the store, not {expected}: another writer \
                 stepped it; reload it and try again (nothing ran)"
            ),
            StoreError::NotFound { id } => write!(f, "no machine is stored under `{id}`"),
            StoreError::Exists { id } => write!(f, "a machine is already stored under `{id}`"),
            StoreError::WrongMachine { id, stored, expected } => write!(
                f,
                "machine `{id}` is a `{stored}`, not a `{expected}`"
            ),
            StoreError::Corrupt { id, version, what, message } => {
                write!(f, "machine `{id}`, version {version}: the {what} does not load: {message}")
            }
            StoreError::Gap { id, expected, found } => write!(
                f,
                "machine `{id}`: its log has version {found} where version {expected} should be"
            ),
            StoreError::Encode { id, version, message } => {
                write!(f, "machine `{id}`, version {version}: its state could not be written: {message}")
            }
            StoreError::Poisoned { id } => write!(
                f,
                "machine `{id}`: an earlier step ran but was not recorded; reload the machine"
            ),
            StoreError::Database(error) => write!(f, "database error: {error}"),
        }
    }
}

impl Error for StoreError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            StoreError::Database(error) => Some(&**error),
            _ => None,
        }
    }
}

/// Why [`Store::step`](crate::Store::step) did not return the input's value.
#[derive(Debug)]
pub enum StepFailure<E> {
    /// The machine refused the input (nothing recorded), or took an `else` route (recorded).
    Refused(E),
    /// The store: a conflict (nothing ran), or the database.
    Store(StoreError),
}

impl<E> From<StoreError> for StepFailure<E> {
    fn from(error: StoreError) -> Self {
        StepFailure::Store(error)
    }
}

impl<E: fmt::Display> fmt::Display for StepFailure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepFailure::Refused(error) => error.fmt(f),
            StepFailure::Store(error) => error.fmt(f),
        }
    }
}

impl<E: Error + 'static> Error for StepFailure<E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            StepFailure::Refused(error) => Some(error),
            StepFailure::Store(error) => Some(error),
        }
    }
}
