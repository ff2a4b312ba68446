//! The server store: PostgreSQL through the synchronous `postgres` client.
//!
//! Synchronous, because a machine's step is: `handle` runs the outputs in the transaction, and
//! an async client would need an async machine and a runtime for every user of the store.

use postgres::error::SqlState;
use postgres::{Client, NoTls};

use crate::{Backend, NewStep, Notification, StepRow, StoreError, Stored};

/// The tables (the same shape as SQLite's).
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS automat_machines (
    id TEXT PRIMARY KEY,
    machine TEXT NOT NULL,
    version BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS automat_steps (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    position BIGINT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    state TEXT NOT NULL,
    saved TEXT,
    PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS automat_snapshots (
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    saved TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
CREATE TABLE IF NOT EXISTS automat_head (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    position BIGINT NOT NULL
);
INSERT INTO automat_head (one, position) VALUES (1, 0) ON CONFLICT DO NOTHING;
";

/// A store in a PostgreSQL database, shared by any number of processes.
///
/// A step locks its machine's row (`SELECT ... FOR UPDATE`), so writers of one machine queue
/// and the stale ones are refused; writers of different machines run side by side until they
/// take the notification log's next position, a single row they update last and hold until
/// commit. That is what keeps the log gapless and in commit order under concurrent writers,
/// which a sequence does not (a sequence hands out numbers that roll back, and in the order
/// they were asked for, not the order their transactions commit).
pub struct PostgresStore {
    client: Client,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

fn db(error: postgres::Error) -> StoreError {
    StoreError::Database(Box::new(error))
}

fn to_u64(value: i64) -> u64 {
    u64::try_from(value).unwrap_or_default()
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

impl PostgresStore {
    /// Connects to `url` (`postgresql://user@host:port/db`, without TLS) and creates the
    /// tables if missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        Self::from_client(Client::connect(url, NoTls).map_err(db)?)
    }

    /// The store over a connected client, whose tables it creates if missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn from_client(mut client: Client) -> Result<Self, StoreError> {
        // Serialize the creation of the tables between processes that start together.
        let mut tx = client.transaction().map_err(db)?;
        tx.execute("SELECT pg_advisory_xact_lock(7283514)", &[])
            .map_err(db)?;
        tx.batch_execute(SCHEMA).map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(PostgresStore { client })
    }

    /// The client, for the user's own queries (projections, a raw `INSERT` to compare).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }
}

impl Backend for PostgresStore {
    fn create(&mut self, id: &str, machine: &str, saved: &str) -> Result<(), StoreError> {
        let mut tx = self.client.transaction().map_err(db)?;
        let inserted = tx.execute(
            "INSERT INTO automat_machines (id, machine, version) VALUES ($1, $2, 0)",
            &[&id, &machine],
        );
        match inserted {
            Ok(_) => {}
            Err(error) if error.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                return Err(StoreError::Exists { id: id.to_owned() });
            }
            Err(error) => return Err(db(error)),
        }
        tx.execute(
            "INSERT INTO automat_snapshots (id, version, saved) VALUES ($1, 0, $2)",
            &[&id, &saved],
        )
        .map_err(db)?;
        tx.commit().map_err(db)
    }

    fn read(&mut self, id: &str, below: Option<u64>) -> Result<Stored, StoreError> {
        // One snapshot of the database for the three queries.
        let mut tx = self
            .client
            .build_transaction()
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .map_err(db)?;
        let Some(head) = tx
            .query_opt(
                "SELECT machine, version FROM automat_machines WHERE id = $1",
                &[&id],
            )
            .map_err(db)?
        else {
            return Err(StoreError::NotFound { id: id.to_owned() });
        };
        let below = below.map_or(i64::MAX, to_i64);
        let snapshot = tx
            .query_one(
                "SELECT version, saved FROM automat_snapshots WHERE id = $1 AND version < $2 \
                 ORDER BY version DESC LIMIT 1",
                &[&id, &below],
            )
            .map_err(db)?;
        let at: i64 = snapshot.get(0);
        let steps = tx
            .query(
                "SELECT version, record, state, saved FROM automat_steps \
                 WHERE id = $1 AND version > $2 ORDER BY version",
                &[&id, &at],
            )
            .map_err(db)?
            .into_iter()
            .map(|row| StepRow {
                version: to_u64(row.get(0)),
                record: row.get(1),
                state: row.get(2),
                saved: row.get(3),
            })
            .collect();
        tx.commit().map_err(db)?;
        Ok(Stored {
            machine: head.get(0),
            version: to_u64(head.get(1)),
            snapshot: (to_u64(at), snapshot.get(1)),
            steps,
        })
    }

    fn append(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError> {
        let mut tx = self.client.transaction().map_err(db)?;
        let Some(row) = tx
            .query_opt(
                "SELECT version FROM automat_machines WHERE id = $1 FOR UPDATE",
                &[&id],
            )
            .map_err(db)?
        else {
            return Err(StoreError::NotFound { id: id.to_owned() });
        };
        let actual = to_u64(row.get(0));
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
        tx.execute(
            "UPDATE automat_machines SET version = $2 WHERE id = $1",
            &[&id, &version],
        )
        .map_err(db)?;
        if let Some(saved) = &new.snapshot {
            tx.execute(
                "INSERT INTO automat_snapshots (id, version, saved) VALUES ($1, $2, $3)",
                &[&id, &version, saved],
            )
            .map_err(db)?;
        }
        // Last, so the head row is held for as short a time as possible before the commit.
        let position: i64 = tx
            .query_one(
                "UPDATE automat_head SET position = position + 1 WHERE one = 1 RETURNING position",
                &[],
            )
            .map_err(db)?
            .get(0);
        tx.execute(
            "INSERT INTO automat_steps (id, version, position, record, state, saved) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &id,
                &version,
                &position,
                &new.record,
                &new.state,
                &new.saved,
            ],
        )
        .map_err(db)?;
        tx.commit().map_err(db)?;
        Ok(Some(to_u64(position)))
    }

    fn notifications(&mut self, after: u64, limit: usize) -> Result<Vec<Notification>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .client
            .query(
                "SELECT position, id, version, record, state FROM automat_steps \
                 WHERE position > $1 ORDER BY position LIMIT $2",
                &[&to_i64(after), &limit],
            )
            .map_err(db)?;
        Ok(rows
            .into_iter()
            .map(|row| Notification {
                position: to_u64(row.get(0)),
                id: row.get(1),
                version: to_u64(row.get(2)),
                record: row.get(3),
                state: row.get(4),
            })
            .collect())
    }
}
