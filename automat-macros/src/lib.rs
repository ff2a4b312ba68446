//! The `machine!` procedural macro and `#[derive(Machine)]` of automat-rs.
//!
//! Use it through the `automat-rs` crate, which re-exports it together with the runtime it
//! generates code for. This crate only turns tokens into tokens; the pipeline lives in
//! `pipeline/` (parse → model → check → codegen) and is a plain function over
//! `proc_macro2::TokenStream`, so tests call it without the compiler.

mod pipeline;

/// Declares a finite-state machine. Documented in the `automat-rs` crate, which re-exports it.
#[proc_macro]
pub fn machine(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline::expand(input.into()).into()
}

/// Derives a finite-state machine around the user's enum of states. Documented in the
/// `automat-rs` crate, which re-exports it.
#[proc_macro_derive(Machine, attributes(machine))]
pub fn derive_machine(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline::expand_derive(input.into()).into()
}

/// Derives the enum of a compound state's children for `#[derive(Machine)]`. Documented in the
/// `automat-rs` crate, which re-exports it.
#[proc_macro_derive(States, attributes(machine))]
pub fn derive_states(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline::expand_states(input.into()).into()
}

/// What a `#[derive(States)]` enum's callback calls: the machine's enum with the enums of its
/// compound states gathered so far. Not for use by hand.
#[doc(hidden)]
#[proc_macro]
pub fn __derive_compound(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    pipeline::expand_compound(input.into()).into()
}
