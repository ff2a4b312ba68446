//! The embedded store: SQLite through rusqlite (SQLite compiled in).

use std::path::Path;
use std::time::Duration;

use rusqlite::{params, Connection, ErrorCode, OptionalExtension, TransactionBehavior};

use crate::{Backend, NewStep, Notification, StepRow, StoreError, Stored};

/// The tables. The PostgreSQL store has the same four columns per step, but SQLite serialises
/// writers itself (`BEGIN IMMEDIATE`), so a step's `position` is the row id (assigned in commit
/// order, never reused: rows are not deleted, and a rolled-back insert takes no id) and a
/// machine's version is its latest step's (found through the `(id, version)` index). A step
/// writes one row and one index entry, nothing else.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS automat_machines (
    id TEXT PRIMARY KEY,
    machine TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS automat_steps (
    position INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    record TEXT NOT NULL,
    state TEXT NOT NULL,
    saved TEXT,
    UNIQUE (id, version)
);
CREATE TABLE IF NOT EXISTS automat_snapshots (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    saved TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
";

/// A machine's kind and version: the version is its latest step's, 0 before the first.
const HEAD: &str = "SELECT machine, \
    (SELECT COALESCE(MAX(version), 0) FROM automat_steps WHERE id = ?1) \
    FROM automat_machines WHERE id = ?1";

/// A store in an SQLite database: a file that one or more processes open, or memory.
///
/// Commits are durable (`synchronous = FULL` in WAL mode): a step that [`Store::step`]
/// returned is on disk. Writers take SQLite's write lock for a step
/// (`BEGIN IMMEDIATE`), waiting up to the busy timeout (10 s) for one another.
///
/// [`Store::step`]: crate::Store::step
#[derive(Debug)]
pub struct SqliteStore {
    connection: Connection,
}

fn db(error: rusqlite::Error) -> StoreError {
    StoreError::Database(Box::new(error))
}

fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl SqliteStore {
    /// Opens (or creates) the database at `path` and its tables.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn open(path: impl AsRef<Path>) -> Result<Self, StoreError> {
        Self::setup(Connection::open(path).map_err(db)?)
    }

    /// A database in memory, gone when the store is dropped.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn open_in_memory() -> Result<Self, StoreError> {
        Self::setup(Connection::open_in_memory().map_err(db)?)
    }

    /// The store over an open connection, whose tables it creates if missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn from_connection(connection: Connection) -> Result<Self, StoreError> {
        Self::setup(connection)
    }

    fn setup(connection: Connection) -> Result<Self, StoreError> {
        connection
            .busy_timeout(Duration::from_secs(10))
            .map_err(db)?;
        connection
            .pragma_update(None, "journal_mode", "WAL")
            .map_err(db)?;
        connection
            .pragma_update(None, "synchronous", "FULL")
            .map_err(db)?;
        // Several processes may create the tables at once: one wins, the others wait.
        let mut connection = connection;
        let tx = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        tx.execute_batch(SCHEMA).map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(SqliteStore { connection })
    }

    /// The connection, for the user's own queries (projections, a raw `INSERT` to compare).
    pub fn connection(&mut self) -> &mut Connection {
        &mut self.connection
    }
}

impl Backend for SqliteStore {
    fn create(&mut self, id: &str, machine: &str, saved: &str) -> Result<(), StoreError> {
        let tx = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let inserted = tx.execute(
            "INSERT INTO automat_machines (id, machine) VALUES (?1, ?2)",
            params![id, machine],
        );
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::Exists { id: id.to_owned() });
            }
            Err(error) => return Err(db(error)),
        }
        tx.execute(
            "INSERT INTO automat_snapshots (id, version, saved) VALUES (?1, 0, ?2)",
            params![id, saved],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn read(&mut self, id: &str, below: Option<u64>) -> Result<Stored, StoreError> {
        // One read transaction, so the snapshot and the steps agree.
        let tx = self.connection.transaction().map_err(db)?;
        let head: Option<(String, i64)> = tx
            .prepare_cached(HEAD)
            .and_then(|mut query| {
                query
                    .query_row(params![id], |row| Ok((row.get(0)?, row.get(1)?)))
                    .optional()
            })
            .map_err(db)?;
        let Some((machine, version)) = head else {
            return Err(StoreError::NotFound { id: id.to_owned() });
        };
        let below = below.map_or(i64::MAX, to_i64);
        let (at, saved): (i64, String) = tx
            .query_row(
                "SELECT version, saved FROM automat_snapshots WHERE id = ?1 AND version < ?2 \
                 ORDER BY version DESC LIMIT 1",
                params![id, below],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(db)?;
        let steps = {
            let mut query = tx
                .prepare_cached(
                    "SELECT version, record, state, saved FROM automat_steps \
                     WHERE id = ?1 AND version > ?2 ORDER BY version",
                )
                .map_err(db)?;
            let rows = query
                .query_map(params![id, at], |row| {
                    Ok(StepRow {
                        version: to_u64(row.get(0)?),
                        record: row.get(1)?,
                        state: row.get(2)?,
                        saved: row.get(3)?,
                    })
                })
                .map_err(db)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(db)?
        };
        Ok(Stored {
            machine,
            version: to_u64(version),
            snapshot: (to_u64(at), saved),
            steps,
        })
    }

    fn append(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError> {
        let tx = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(db)?;
        let actual: Option<i64> = tx
            .prepare_cached(HEAD)
            .and_then(|mut query| query.query_row(params![id], |row| row.get(1)).optional())
            .map_err(db)?;
        let Some(actual) = actual.map(to_u64) else {
            return Err(StoreError::NotFound { id: id.to_owned() });
        };
        if actual != expected {
            return Err(StoreError::Conflict {
                id: id.to_owned(),
                expected,
                actual,
            });
        }
        let Some(new) = step() else {
            return Ok(None); // dropping `tx` rolls it back
        };
        let version = to_i64(expected + 1);
        tx.prepare_cached(
            "INSERT INTO automat_steps (id, version, record, state, saved) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .and_then(|mut insert| {
            insert.execute(params![id, version, new.record, new.state, new.saved])
        })
        .map_err(db)?;
        let position = tx.last_insert_rowid();
        if let Some(saved) = &new.snapshot {
            tx.execute(
                "INSERT INTO automat_snapshots (id, version, saved) VALUES (?1, ?2, ?3)",
                params![id, version, saved],
            )
            .map_err(db)?;
        }
        tx.commit().map_err(db)?;
        Ok(Some(to_u64(position)))
    }

    fn notifications(&mut self, after: u64, limit: usize) -> Result<Vec<Notification>, StoreError> {
        let mut query = self
            .connection
            .prepare_cached(
                "SELECT position, id, version, record, state FROM automat_steps \
                 WHERE position > ?1 ORDER BY position LIMIT ?2",
            )
            .map_err(db)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = query
            .query_map(params![to_i64(after), limit], |row| {
                Ok(Notification {
                    position: to_u64(row.get(0)?),
                    id: row.get(1)?,
                    version: to_u64(row.get(2)?),
                    record: row.get(3)?,
                    state: row.get(4)?,
                })
            })
            .map_err(db)?;
        rows.collect::<Result<Vec<_>, _>>().map_err(db)
    }
}
