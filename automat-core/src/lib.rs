//! The runtime of [automat-rs](https://docs.rs/automat-rs): what every generated machine shares.
//!
//! Users depend on the `automat-rs` facade, which re-exports this crate; this crate holds no
//! procedural-macro code. It provides:
//!
//! - [`Machine`] and [`MachineState`], the traits every generated machine and state enum
//!   implement, so generic code can drive any machine;
//! - [`NoTransition`], the error an input returns when the current state has no transition for it;
//! - [`Description`] and its parts, the static description of a machine (states, inputs, outputs,
//!   transitions) that the macro writes as a `const`, with no allocation;
//! - the diagram renderers over a description, starting with Graphviz DOT ([`Description::dot`]).
//!
//! Everything here is `#![no_std]` and allocation-free: renderers are [`core::fmt::Display`]
//! adapters that write straight into any formatter.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

mod description;
mod dot;
mod error;
mod machine;

pub use description::{Description, InputInfo, OutputInfo, Param, StateInfo, TransitionInfo};
pub use dot::Dot;
pub use error::NoTransition;
pub use machine::{Machine, MachineState};
