//! The store on PostgreSQL, at `AUTOMAT_PG_URL`: skipped with a printed reason when it is not
//! set, and a failure when `CI` is set without it (`.ci/run` starts a server and sets it).
#![allow(missing_docs)]

mod common;

use automat_store::PostgresStore;
use common::Mode;

fn connect() -> Option<PostgresStore> {
    if let Ok(url) = std::env::var("AUTOMAT_PG_URL") {
        return Some(PostgresStore::connect(&url).expect("AUTOMAT_PG_URL accepts a connection"));
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but AUTOMAT_PG_URL is not: the PostgreSQL tests must run in CI"
    );
    eprintln!(
        "skipped: set AUTOMAT_PG_URL=postgresql://user@host:port/db to run the PostgreSQL tests"
    );
    None
}

#[test]
fn create_step_load() {
    let Some(store) = connect() else { return };
    common::create_step_load(store, Mode::Locking);
}

#[test]
fn conflict_between_two_connections() {
    let (Some(one), Some(two)) = (connect(), connect()) else {
        return;
    };
    common::conflict(one, two, Mode::Locking);
}

#[test]
fn data_states() {
    let Some(store) = connect() else { return };
    common::data_states(store, Mode::Locking);
}

#[test]
fn notification_log() {
    let Some(store) = connect() else { return };
    common::notification_log(store);
}

#[test]
fn evolution_and_bad_data() {
    let Some(store) = connect() else { return };
    common::evolution_and_bad_data(store, |store, sql| {
        let pg = store.backend();
        pg.block_on(pg.client().batch_execute(sql)).unwrap();
    });
}

#[test]
fn concurrent_writers() {
    if connect().is_none() {
        return;
    }
    common::concurrent_writers(|| connect().unwrap(), Mode::Locking);
}

#[test]
fn crash() {
    if connect().is_none() {
        return;
    }
    common::crash("crash", || connect().unwrap(), &[], Mode::Locking);
}

/// `Store::optimistic`: one round trip a step. The same guarantees for what is recorded; a stale
/// writer's input has run when it hears of the conflict.
const OPTIMISTIC: Mode = Mode::Optimistic { runs_first: true };

#[test]
fn optimistic_create_step_load() {
    let Some(store) = connect() else { return };
    common::create_step_load(store, OPTIMISTIC);
}

#[test]
fn optimistic_conflict_between_two_connections() {
    let (Some(one), Some(two)) = (connect(), connect()) else {
        return;
    };
    common::conflict(one, two, OPTIMISTIC);
}

#[test]
fn optimistic_data_states() {
    let Some(store) = connect() else { return };
    common::data_states(store, OPTIMISTIC);
}

#[test]
fn optimistic_concurrent_writers() {
    if connect().is_none() {
        return;
    }
    common::concurrent_writers(|| connect().unwrap(), OPTIMISTIC);
}

#[test]
fn optimistic_crash() {
    if connect().is_none() {
        return;
    }
    common::crash("optimistic_crash", || connect().unwrap(), &[], OPTIMISTIC);
}
