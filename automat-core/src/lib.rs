//! The runtime of [automat-rs](https://docs.rs/automat-rs): what every generated machine shares.
//!
//! Users depend on the `automat-rs` facade, which re-exports this crate; this crate holds no
//! procedural-macro code. It provides:
//!
//! - [`Machine`] and [`MachineState`], the traits every generated machine and state enum
//!   implement, so generic code can drive any machine;
//! - [`NoTransition`], the error an input returns when the current state has no transition for it,
//!   and [`StepError`], the error of a machine with guards or fallible outputs;
//! - [`Description`] and its parts, the static description of a machine (states, inputs, outputs,
//!   transitions) that the macro writes as a `const`, with no allocation;
//! - the diagram renderers over a description: Graphviz DOT ([`Description::dot`]), Mermaid
//!   ([`Description::mermaid`]), a Markdown transition table ([`Description::table`]) and, with the
//!   `svg` feature, SVG laid out in pure Rust (`Description::svg`). Each can highlight the state a
//!   running machine is in.
//!
//! Everything here is `#![no_std]`. DOT, Mermaid and the table are allocation-free
//! [`core::fmt::Display`] adapters that write straight into any formatter; SVG needs `alloc` for
//! its layout. Every renderer is deterministic: the same machine renders the same bytes.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod description;
mod dot;
mod error;
mod escape;
mod highlight;
pub mod journal;
mod machine;
mod mermaid;
mod observe;
#[cfg(feature = "serde")]
pub mod persist;
pub mod raise;
mod rules;
mod step;
#[cfg(feature = "svg")]
mod svg;
mod table;
pub mod timer;

pub use description::{
    CompoundInfo, Description, EventlessInfo, GuardInfo, HistoryTarget, InputInfo, OutputInfo,
    Param, StateInfo, TransitionInfo,
};
pub use dot::Dot;
pub use error::NoTransition;
pub use machine::{Machine, MachineState};
pub use mermaid::Mermaid;
#[cfg(feature = "alloc")]
pub use observe::Coverage;
#[cfg(feature = "tracing")]
pub use observe::TracingObserver;
pub use observe::{Interrupt, NoObserver, Observer};
pub use raise::{QueueFull, Raise, SendRaise};
pub use rules::{Rule, Rules};
#[doc(hidden)]
pub use step::Fallible;
pub use step::{Commit, Diverted, Failed, GuardsFailed, InputError, StepError};
#[cfg(feature = "svg")]
pub use svg::Svg;
pub use table::Table;
pub use timer::{Stale, Timeout, Timers};
