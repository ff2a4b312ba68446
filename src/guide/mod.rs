//! The guide: automat-rs taught one concept at a time, each chapter a page with examples that run
//! (every one is a doctest of this crate, run by `cargo test --workspace`).
//!
//! The [crate documentation](crate) is the reference (the grammar, the generated items, the
//! exact semantics); this guide is the path through it. Read the chapters in order the first
//! time: each one builds on the ones before.
//!
//! | chapter | what you learn |
//! |---|---|
//! | [1. Your first machine](first_machine) | states, inputs, transitions; driving a machine; refused inputs |
//! | [2. Outputs, arguments and return values](outputs) | side effects on your own type; arguments matched by name; values returned |
//! | [3. The compile-time checks](checks) | what the macro refuses, where it says so, and the opt-outs |
//! | [4. Diagrams](diagrams) | DOT, Mermaid, tables, SVG; the description they come from |
//! | [5. Guards and the step order](guards) | transitions that decide; several sources, wildcards, "stay"; the seven phases of a step |
//! | [6. Entry and exit actions, fallible outputs](actions_and_failures) | actions on states; a failure that vetoes a step, or routes it elsewhere |
//! | [7. Data on states, borrowed arguments, context, generics](data) | states that own their data; references in and out; per-call context; generic machines |
//! | [8. Hierarchy and history](hierarchy) | compound states, inherited transitions, exit/entry order, history |
//! | [9. Async outputs and timers](async_and_timers) | awaiting outputs, cancellation; timers without a clock |
//! | [10. Typestate](typestate) | wrong sequences that do not compile |
//! | [11. The derive form](derive_form) | the machine built around your own enum |
//! | [12. Snapshots, journals and durable machines](persistence) | saving and replaying a machine; a machine in SQLite or PostgreSQL |
//! | [13. Testing a machine](testing) | coverage of transitions, model-style tests, compile-fail proofs of your own |
//!
//! Coming from another state-machine library? The same machine, side by side, with a table of
//! what maps to what: [from Automat](migrating::from_automat),
//! [from smlang](migrating::from_smlang), [from statig](migrating::from_statig),
//! [from rust-fsm](migrating::from_rust_fsm).

#[doc = include_str!("01-first-machine.md")]
pub mod first_machine {}
#[doc = include_str!("02-outputs.md")]
pub mod outputs {}
#[doc = include_str!("03-checks.md")]
pub mod checks {}
#[doc = include_str!("04-diagrams.md")]
pub mod diagrams {}
#[doc = include_str!("05-guards.md")]
pub mod guards {}
#[doc = include_str!("06-actions-and-failures.md")]
pub mod actions_and_failures {}
#[doc = include_str!("07-data.md")]
pub mod data {}
#[doc = include_str!("08-hierarchy.md")]
pub mod hierarchy {}
#[doc = include_str!("09-async-and-timers.md")]
pub mod async_and_timers {}
#[doc = include_str!("10-typestate.md")]
pub mod typestate {}
#[doc = include_str!("11-derive.md")]
pub mod derive_form {}
#[doc = include_str!("12-persistence.md")]
pub mod persistence {}
#[doc = include_str!("13-testing.md")]
pub mod testing {}

/// Migration pages: a machine you already have in another library, and the same machine here.
pub mod migrating {
    #[doc = include_str!("from-automat.md")]
    pub mod from_automat {}
    #[doc = include_str!("from-smlang.md")]
    pub mod from_smlang {}
    #[doc = include_str!("from-statig.md")]
    pub mod from_statig {}
    #[doc = include_str!("from-rust-fsm.md")]
    pub mod from_rust_fsm {}
}
