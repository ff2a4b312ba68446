//! Tests of the optional features of automat-rs, built with them on.
//!
//! Being a workspace member, this crate also turns those features on for the whole workspace's
//! test run, so every machine there (the hostile hygiene crate's too) compiles with them.

pub mod data_snapshots;
pub mod export;
pub mod history_snapshots;
pub mod hostile;
pub mod records;
pub mod snapshots;
pub mod tokio_timers;
pub mod tracing_events;
