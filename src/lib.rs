//! This crate is the one dependency users add: it re-exports the [`machine!`] macro and the
//! runtime (traits, errors, descriptions and diagram renderers from `automat-core`).
//!
#![doc = include_str!("../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "std")]
pub mod export;
#[cfg(feature = "registry")]
pub mod registry;

#[cfg(feature = "std")]
pub use automat_core::Coverage;
#[cfg(feature = "svg")]
pub use automat_core::Svg;
#[cfg(feature = "tracing")]
pub use automat_core::TracingObserver;
pub use automat_core::{
    Description, Dot, InputInfo, Machine, MachineState, Mermaid, NoObserver, NoTransition,
    Observer, OutputInfo, Param, StateInfo, Table, TransitionInfo,
};

/// Declares a finite-state machine.
///
/// See the [crate documentation](crate) for the grammar, the generated API and the semantics;
/// this is a summary.
///
/// ```
/// automat_rs::machine! {
///     /// A coin-operated turnstile.
///     pub machine Turnstile {
///         initial state Locked;
///         state Unlocked;
///
///         input coin();
///         input push();
///
///         output unlock();
///         output lock();
///
///         Locked   + coin => Unlocked / unlock;
///         Unlocked + push => Locked   / lock;
///         Unlocked + coin => Unlocked;
///     }
/// }
///
/// #[derive(Default)]
/// struct Gate { unlocked: u32, locked: u32 }
///
/// impl TurnstileOutputs for Gate {
///     fn unlock(&mut self) { self.unlocked += 1 }
///     fn lock(&mut self) { self.locked += 1 }
/// }
///
/// let mut turnstile = Turnstile::new(Gate::default());
/// assert!(turnstile.push().is_err()); // locked: push is refused, nothing happens
/// turnstile.coin()?;
/// turnstile.push()?;
/// assert_eq!(turnstile.state(), TurnstileState::Locked);
/// assert_eq!((turnstile.core().unlocked, turnstile.core().locked), (1, 1));
/// # Ok::<(), automat_rs::NoTransition<TurnstileState>>(())
/// ```
///
/// # What it expands to
///
/// For the turnstile above, the macro writes code equivalent to this (abridged; the real
/// expansion uses absolute paths and also implements [`Machine`] and [`MachineState`]):
///
/// ```ignore
/// /// A coin-operated turnstile.
/// pub struct Turnstile<C> { state: TurnstileState, core: C }
///
/// #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
/// pub enum TurnstileState { Locked, Unlocked }
///
/// pub enum TurnstileInput { Coin, Push }
/// pub enum TurnstileReturn { Coin(()), Push(()) }
///
/// pub trait TurnstileOutputs {
///     fn unlock(&mut self);
///     fn lock(&mut self);
/// }
///
/// impl<C: TurnstileOutputs> Turnstile<C> {
///     pub const fn new(core: C) -> Self { Turnstile { state: TurnstileState::Locked, core } }
///     pub const fn state(&self) -> TurnstileState { self.state }
///     pub fn coin(&mut self) -> Result<(), NoTransition<TurnstileState>> {
///         match self.state {
///             TurnstileState::Locked => {
///                 self.state = TurnstileState::Unlocked; // committed first
///                 self.core.unlock();                    // then the outputs, in order
///                 Ok(())
///             }
///             TurnstileState::Unlocked => Ok(()),
///         }
///     }
///     pub fn push(&mut self) -> Result<(), NoTransition<TurnstileState>> {
///         match self.state {
///             TurnstileState::Unlocked => { self.state = TurnstileState::Locked; self.core.lock(); Ok(()) }
///             state => Err(NoTransition::new(state, /* index of `push` */ 1)),
///         }
///     }
///     pub fn handle(&mut self, input: TurnstileInput) -> Result<TurnstileReturn, NoTransition<TurnstileState>> {
///         match input {
///             TurnstileInput::Coin => self.coin().map(TurnstileReturn::Coin),
///             TurnstileInput::Push => self.push().map(TurnstileReturn::Push),
///         }
///     }
///     // core(), core_mut(), into_core(), description() ...
/// }
/// ```
#[macro_export]
macro_rules! machine {
    ($($tokens:tt)*) => {
        $crate::__private::machine! { @crate = $crate; $($tokens)* }
    };
}

/// Not public API: what generated code refers to. Its contents may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use automat_core::*;
    pub use automat_macros::machine;
    #[cfg(feature = "registry")]
    pub use linkme;

    pub use crate::__automat_register as register;
}

/// Registers a machine's description into [`registry::MACHINES`] (feature `registry`). Every
/// `machine!` calls it; without the feature it expands to nothing.
#[cfg(feature = "registry")]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_register {
    ($description:expr) => {
        const _: () = {
            #[$crate::__private::linkme::distributed_slice($crate::registry::MACHINES)]
            #[linkme(crate = $crate::__private::linkme)]
            static __AUTOMAT_MACHINE: &'static $crate::Description<'static> = $description;
        };
    };
}

/// Without the `registry` feature, machines are not registered.
#[cfg(not(feature = "registry"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_register {
    ($description:expr) => {};
}
