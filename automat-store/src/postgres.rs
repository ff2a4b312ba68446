//! The server store: PostgreSQL through `tokio-postgres`, driven from a runtime of the store's
//! own.
//!
//! The store is synchronous, because a machine's step is: `handle` runs the outputs inside the
//! step's transaction, and an async store would need an async machine and a runtime from every
//! user. It still talks to the server through the async client, for one thing the synchronous
//! `postgres` crate (a wrapper over the same client, which we used first) cannot do:
//! pipelining. A step sends `BEGIN` with its lock, and its append with `COMMIT`, each pair in
//! one round trip: two round trips a step instead of four. On a local server a round trip is
//! about 35 µs and the gain is lost in the noise; across a network each saved round trip is a
//! whole network delay, twice per step.

use std::future::Future;

use futures_util::future;
use tokio::runtime::Runtime;
use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, Config, NoTls, Statement};

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
    // Dropped before the runtime, which then ends the connection's task.
    client: Client,
    lock: Statement,
    append: Statement,
    snapshot: Statement,
    /// [`Store::optimistic`](crate::Store::optimistic)'s step: the version check, the log's
    /// position, the snapshot and the step in one statement (one round trip, one transaction).
    optimistic: Statement,
    /// The three queries of a load, prepared, so that they go out in order after `BEGIN`
    /// (a query given as text waits for its own `Parse` first and would be overtaken).
    read: [Statement; 3],
    runtime: Runtime,
}

impl std::fmt::Debug for PostgresStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresStore").finish_non_exhaustive()
    }
}

fn db(error: impl std::error::Error + Send + Sync + 'static) -> StoreError {
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
        Self::from_config(&url.parse::<Config>().map_err(db)?)
    }

    /// Connects with a client configuration (host, user, timeouts, ...), without TLS, and
    /// creates the tables if missing.
    ///
    /// # Errors
    ///
    /// [`StoreError::Database`].
    pub fn from_config(config: &Config) -> Result<Self, StoreError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(db)?;
        let (client, connection) = runtime.block_on(config.connect(NoTls)).map_err(db)?;
        // The connection's task runs whenever the store waits on the runtime. Its error, if
        // the server goes away, comes back to the next request as a closed connection.
        runtime.spawn(async move {
            let _ = connection.await;
        });
        runtime
            .block_on(async {
                // Serialize the creation of the tables between processes that start together.
                client.batch_execute("BEGIN").await?;
                client
                    .execute("SELECT pg_advisory_xact_lock(7283514)", &[])
                    .await?;
                client.batch_execute(SCHEMA).await?;
                client.batch_execute("COMMIT").await
            })
            .map_err(db)?;
        let (lock, append, snapshot) = runtime
            .block_on(future::try_join3(
                client.prepare("SELECT version FROM automat_machines WHERE id = $1 FOR UPDATE"),
                // One statement: the machine's version, then the log's next position (the
                // head row, held from here to the commit), then the step.
                client.prepare(
                    "WITH machine AS (UPDATE automat_machines SET version = $2 WHERE id = $1), \
                     head AS (UPDATE automat_head SET position = position + 1 WHERE one = 1 \
                              RETURNING position) \
                     INSERT INTO automat_steps (id, version, position, record, state, saved) \
                     SELECT $1, $2, head.position, $3, $4, $5 FROM head RETURNING position",
                ),
                client.prepare(
                    "INSERT INTO automat_snapshots (id, version, saved) VALUES ($1, $2, $3)",
                ),
            ))
            .map_err(db)?;
        // The version checked by the `UPDATE` itself; the log's position and the snapshot only
        // when it matched (a data-modifying `WITH` runs whatever its rows say, so each names
        // `machine`); no row back when the machine was not at `$6`.
        let optimistic = runtime
            .block_on(client.prepare(
                "WITH machine AS (UPDATE automat_machines SET version = $2 \
                                  WHERE id = $1 AND version = $6 RETURNING id), \
                 head AS (UPDATE automat_head SET position = position + 1 \
                          WHERE one = 1 AND EXISTS (SELECT 1 FROM machine) RETURNING position), \
                 snapshot AS (INSERT INTO automat_snapshots (id, version, saved) \
                              SELECT $1, $2, $7::text FROM machine WHERE $7::text IS NOT NULL) \
                 INSERT INTO automat_steps (id, version, position, record, state, saved) \
                 SELECT $1, $2, head.position, $3, $4, $5 FROM head RETURNING position",
            ))
            .map_err(db)?;
        let read = runtime
            .block_on(future::try_join3(
                client.prepare("SELECT machine, version FROM automat_machines WHERE id = $1"),
                client.prepare(
                    "SELECT version, saved FROM automat_snapshots WHERE id = $1 AND version < $2 \
                     ORDER BY version DESC LIMIT 1",
                ),
                client.prepare(
                    "SELECT version, record, state, saved FROM automat_steps \
                     WHERE id = $1 AND version > (SELECT COALESCE(MAX(version), 0) \
                         FROM automat_snapshots WHERE id = $1 AND version < $2) \
                     ORDER BY version",
                ),
            ))
            .map_err(db)?;
        Ok(PostgresStore {
            client,
            lock,
            append,
            snapshot,
            optimistic,
            read: [read.0, read.1, read.2],
            runtime,
        })
    }

    /// The client, for the user's own queries (projections, a raw `INSERT` to compare); run
    /// them with [`block_on`](Self::block_on).
    ///
    /// ```no_run
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let store = automat_store::PostgresStore::connect("postgresql://postgres@localhost/db")?;
    /// let rows = store.block_on(store.client().query("SELECT id FROM automat_machines", &[]))?;
    /// # let _ = rows; Ok(()) }
    /// ```
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Runs a future of the client's (or any future) to completion on the store's runtime.
    pub fn block_on<F: Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Ends the open transaction after a step that did not commit.
    fn roll_back(&self) -> Result<(), StoreError> {
        self.block_on(self.client.batch_execute("ROLLBACK"))
            .map_err(db)
    }
}

impl Backend for PostgresStore {
    fn create(&mut self, id: &str, machine: &str, saved: &str) -> Result<(), StoreError> {
        let client = &self.client;
        let created = self.runtime.block_on(async {
            client.batch_execute("BEGIN").await?;
            let inserted = client
                .execute(
                    "INSERT INTO automat_machines (id, machine, version) VALUES ($1, $2, 0)",
                    &[&id, &machine],
                )
                .await;
            if inserted.is_ok() {
                client
                    .execute(
                        "INSERT INTO automat_snapshots (id, version, saved) VALUES ($1, 0, $2)",
                        &[&id, &saved],
                    )
                    .await?;
            }
            Ok::<_, tokio_postgres::Error>(inserted)
        });
        match created {
            Ok(Ok(_)) => self.block_on(client.batch_execute("COMMIT")).map_err(db),
            Ok(Err(error)) if error.code() == Some(&SqlState::UNIQUE_VIOLATION) => {
                self.roll_back()?;
                Err(StoreError::Exists { id: id.to_owned() })
            }
            Ok(Err(error)) | Err(error) => {
                let _ = self.roll_back();
                Err(db(error))
            }
        }
    }

    fn read(&mut self, id: &str, below: Option<u64>) -> Result<Stored, StoreError> {
        let (client, [head, snapshot, steps]) = (&self.client, &self.read);
        let below = below.map_or(i64::MAX, to_i64);
        // One snapshot of the database for the three queries, sent together.
        let (begun, head, snapshot, steps, done) = self.runtime.block_on(async {
            future::join5(
                client.batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"),
                client.query_opt(head, &[&id]),
                client.query_opt(snapshot, &[&id, &below]),
                client.query(steps, &[&id, &below]),
                client.batch_execute("COMMIT"),
            )
            .await
        });
        begun.and(done).map_err(db)?;
        let Some(head) = head.map_err(db)? else {
            return Err(StoreError::NotFound { id: id.to_owned() });
        };
        let Some(snapshot) = snapshot.map_err(db)? else {
            return Err(StoreError::Corrupt {
                id: id.to_owned(),
                version: 0,
                what: "snapshot",
                message: "the machine has no snapshot, not even the one of its creation".into(),
            });
        };
        let steps = steps
            .map_err(db)?
            .into_iter()
            .map(|row| StepRow {
                version: to_u64(row.get(0)),
                record: row.get(1),
                state: row.get(2),
                saved: row.get(3),
            })
            .collect();
        Ok(Stored {
            machine: head.get(0),
            version: to_u64(head.get(1)),
            snapshot: (to_u64(snapshot.get(0)), snapshot.get(1)),
            steps,
        })
    }

    fn append(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError> {
        let client = &self.client;
        // Round trip one: the transaction and the machine's lock.
        let (begun, locked) = self.runtime.block_on(future::join(
            client.batch_execute("BEGIN"),
            client.query_opt(&self.lock, &[&id]),
        ));
        begun.map_err(db)?;
        let actual = match locked {
            Ok(Some(row)) => to_u64(row.get(0)),
            Ok(None) => {
                self.roll_back()?;
                return Err(StoreError::NotFound { id: id.to_owned() });
            }
            Err(error) => {
                let _ = self.roll_back();
                return Err(db(error));
            }
        };
        if actual != expected {
            self.roll_back()?;
            return Err(StoreError::Conflict {
                id: id.to_owned(),
                expected,
                actual,
            });
        }
        let Some(new) = step() else {
            self.roll_back()?;
            return Ok(None);
        };
        let version = to_i64(expected + 1);
        // Round trip two: the snapshot if due, the step, the commit. A failed statement makes
        // the server roll the transaction back at `COMMIT`, so nothing of the step stays.
        let (saved, appended, committed) = self.runtime.block_on(async {
            let snapshot = async {
                match &new.snapshot {
                    Some(saved) => client
                        .execute(&self.snapshot, &[&id, &version, saved])
                        .await
                        .map(drop),
                    None => Ok(()),
                }
            };
            future::join3(
                snapshot,
                client.query_one(
                    &self.append,
                    &[&id, &version, &new.record, &new.state, &new.saved],
                ),
                client.batch_execute("COMMIT"),
            )
            .await
        });
        saved.map_err(db)?;
        let position: i64 = appended.map_err(db)?.get(0);
        committed.map_err(db)?;
        Ok(Some(to_u64(position)))
    }

    fn append_optimistic(
        &mut self,
        id: &str,
        expected: u64,
        step: &mut dyn FnMut() -> Option<NewStep>,
    ) -> Result<Option<u64>, StoreError> {
        let Some(new) = step() else {
            return Ok(None);
        };
        let (version, checked) = (to_i64(expected + 1), to_i64(expected));
        let client = &self.client;
        // One statement, so one transaction without `BEGIN`, in one round trip.
        let appended = self
            .runtime
            .block_on(client.query_opt(
                &self.optimistic,
                &[
                    &id,
                    &version,
                    &new.record,
                    &new.state,
                    &new.saved,
                    &checked,
                    &new.snapshot,
                ],
            ))
            .map_err(db)?;
        if let Some(row) = appended {
            let position: i64 = row.get(0);
            return Ok(Some(to_u64(position)));
        }
        // Not at `expected`: say why.
        match self
            .runtime
            .block_on(client.query_opt(&self.read[0], &[&id]))
            .map_err(db)?
        {
            None => Err(StoreError::NotFound { id: id.to_owned() }),
            Some(row) => Err(StoreError::Conflict {
                id: id.to_owned(),
                expected,
                actual: to_u64(row.get(1)),
            }),
        }
    }

    fn notifications(&mut self, after: u64, limit: usize) -> Result<Vec<Notification>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .block_on(self.client.query(
                "SELECT position, id, version, record, state FROM automat_steps \
                 WHERE position > $1 ORDER BY position LIMIT $2",
                &[&to_i64(after), &limit],
            ))
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
