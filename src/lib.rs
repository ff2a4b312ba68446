//! This crate is the one dependency users add: it re-exports the [`machine!`] macro and the
//! runtime (traits, errors, descriptions and diagram renderers from `automat-core`).
//!
#![doc = include_str!("../README.md")]
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "std")]
extern crate std;

#[cfg(feature = "std")]
pub mod export;
pub mod guide;
#[cfg(feature = "registry")]
pub mod registry;
#[cfg(feature = "serde")]
pub use automat_core::persist;
#[cfg(feature = "store")]
pub use automat_store as store;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub mod snapshot;
#[cfg(feature = "tokio")]
pub mod tokio_timers;

pub use automat_core::journal;
pub use automat_core::raise;
pub use automat_core::timer;
#[cfg(feature = "std")]
pub use automat_core::Coverage;
#[cfg(feature = "svg")]
pub use automat_core::Svg;
#[cfg(feature = "tracing")]
pub use automat_core::TracingObserver;
pub use automat_core::{
    Commit, CompoundInfo, Description, Diverted, Dot, EventlessInfo, Failed, GuardInfo,
    GuardsFailed, HistoryTarget, InputError, InputInfo, Machine, MachineState, Mermaid, NoObserver,
    NoTransition, Observer, OutputInfo, Param, QueueFull, Raise, Rule, Rules, SendRaise, Stale,
    StateInfo, StepError, Table, Timeout, Timers, TransitionInfo,
};

/// Derives a finite-state machine around your own enum of states: the derive front end of
/// [`machine!`], with the same grammar, checks, code and diagrams.
///
/// The enum's variants are the states (a struct or tuple variant is a state with data); one
/// `#[machine(..)]` on the enum holds the rest of the declaration, exactly as `machine!` would
/// take it without its states; `#[machine(initial)]`, `#[machine(final)]`,
/// `#[machine(entry = action, exit = action)]` and `#[machine(serialized = "name")]` on a variant
/// are what `initial`, `final`, `entry`/`exit` and `#[serialized]` are on a state. The enum is
/// the machine's state with its data (what `machine!` generates as `NameData`); the machine
/// type, `NameState` (the state without its data), the input and return enums and the outputs
/// trait are generated next to it. See "The derive form" in the [crate documentation](crate).
///
/// ```
/// use automat_rs::Machine;
///
/// #[derive(Machine, Debug, PartialEq)]
/// #[machine(
///     machine Light {
///         input flip();
///         output glow();
///         Off + flip => On / glow;
///         On + flip => Off;
///     }
/// )]
/// pub enum LightData {
///     #[machine(initial)]
///     Off,
///     On,
/// }
///
/// struct Bulb(u32);
/// impl LightOutputs for Bulb {
///     fn glow(&mut self) {
///         self.0 += 1;
///     }
/// }
///
/// let mut light = Light::new(Bulb(0));
/// light.flip().unwrap();
/// assert_eq!(light.state(), LightState::On);
/// assert_eq!(light.data(), &LightData::On);
/// assert_eq!(light.core().0, 1);
/// ```
pub use automat_macros::Machine;

/// Derives the enum of the states inside a compound state, for [`derive@Machine`]: the variant
/// that holds it, marked `#[machine(compound)]`, is the compound state, and this enum's
/// variants are its children (with the same variant flags as the machine's enum, and
/// compounds of their own).
///
/// Declare it in the module of the machine's enum (the machine's derive finds it by name
/// there). The machine's data is then nested as the states are: `Washer::On(OnStates::Idle)`.
///
/// ```
/// use automat_rs::{Machine, States};
///
/// #[derive(Machine, Debug, PartialEq)]
/// #[machine(
///     machine Player {
///         input play(); input pause(); input stop();
///         Stopped + play => Active;
///         Playing + pause => Paused;
///         Paused + play => Playing;
///         Active + stop => Stopped;
///     }
/// )]
/// pub enum Deck {
///     #[machine(initial)]
///     Stopped,
///     #[machine(compound)]
///     Active(ActiveStates),
/// }
///
/// #[derive(States, Debug, PartialEq)]
/// pub enum ActiveStates {
///     #[machine(initial)]
///     Playing,
///     Paused,
/// }
///
/// let mut player = Player::new(());
/// player.play()?;
/// player.pause()?;
/// assert_eq!(player.data(), &Deck::Active(ActiveStates::Paused));
/// assert!(player.state().is_in(PlayerCompound::Active));
/// player.stop()?;
/// assert_eq!(player.state(), PlayerState::Stopped);
/// # Ok::<(), automat_rs::NoTransition<PlayerState>>(())
/// ```
pub use automat_macros::States;

/// Declares a finite-state machine.
///
/// See the [crate documentation](crate) for the grammar, the generated API and the semantics
/// ("The DSL", "How one step runs"); this is a summary.
///
/// ```text
/// machine Name {
///     initial state A;                      final state Z;
///     state B { entry start; exit stop; }   // actions: outputs without arguments
///     state C { conn: Conn, tries: u32 }    // data the state carries
///     state On { initial state Idle; state Busy; }  // compound: its states inside
///     context cx: &mut Net;                 // passed to every call
///     input go(n: u32) -> T;                // a method you call
///     output act(n: u32) -> T;              // a method your core implements
///     output try_it() -> Result<(), E>;     // fallible when used as `try_it?`
///     guard ready(n: u32);                  // `fn ready(&self, n: &u32) -> bool` on the core
///
///     A + go => B / act;                    // state + input => target / outputs
///     A + go [ready && !other] => B;        // guarded: first that holds wins, in order
///     A | B + go => _ / act;                // several sources; `_` stays (internal)
///     _ + go => reenter _;                  // every non-final state; re-enter (exit, entry)
///     B + go => Z / try_it? else A / act;   // a failure refuses the step, or takes `else`
///     B + go => C { conn = dial };          // a field from an output (or an argument)
///     On + go => A;                         // from every state inside `On` without its own
/// }
/// ```
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
/// A turnstile that decides: a guard on the coin's value, a fallible output whose failure keeps
/// the gate locked, an entry action.
///
/// ```
/// use automat_rs::StepError;
///
/// automat_rs::machine! {
///     pub machine Gate {
///         initial state Locked;
///         state Unlocked { entry beep; }
///         input coin(cents: u32);
///         input push();
///         guard enough(cents: u32);
///         output beep();
///         output unlatch() -> Result<(), &'static str>;
///         Locked + coin [enough] => Unlocked / unlatch?;
///         Unlocked + push => Locked;
///     }
/// }
///
/// struct Latch { jammed: bool, beeps: u32 }
///
/// impl GateOutputs for Latch {
///     fn beep(&mut self) { self.beeps += 1 }
///     fn unlatch(&mut self) -> Result<(), &'static str> {
///         if self.jammed { Err("jammed") } else { Ok(()) }
///     }
///     fn enough(&self, cents: &u32) -> bool { *cents >= 50 }
/// }
///
/// let mut gate = Gate::new(Latch { jammed: true, beeps: 0 });
/// assert!(matches!(gate.coin(10), Err(StepError::GuardsFailed(_))));
/// assert!(matches!(gate.coin(50), Err(StepError::Failed(_))));
/// assert_eq!(gate.state(), GateState::Locked); // the failure changed nothing
/// gate.core_mut().jammed = false;
/// gate.coin(50)?;
/// assert_eq!((gate.state(), gate.core().beeps), (GateState::Unlocked, 1));
/// # Ok::<(), automat_rs::StepError<GateState, &'static str>>(())
/// ```
///
/// # What it expands to
///
/// For the first turnstile, the macro writes code equivalent to this (abridged; the real
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
/// pub enum TurnstileReturn { Coin, Push }
///
/// pub trait TurnstileOutputs {
///     fn unlock(&mut self);
///     fn lock(&mut self);
/// }
///
/// impl TurnstileState {
///     // The transition table: one load finds the target.
///     const NEXT: [[Option<Self>; 2]; 2] = [[Some(Self::Unlocked), None], [Some(Self::Unlocked), Some(Self::Locked)]];
/// }
///
/// impl<C: TurnstileOutputs> Turnstile<C> {
///     pub const fn new(core: C) -> Self { Turnstile { state: TurnstileState::Locked, core } }
///     pub const fn state(&self) -> TurnstileState { self.state }
///     pub fn coin(&mut self) -> Result<(), NoTransition<TurnstileState>> {
///         self.step_coin(&mut NoObserver)     // the one step, with an observer that does nothing
///     }
///     // The step of `coin`, written once: the observed form calls it with its own observer.
///     fn step_coin<O: Observer<TurnstileState>>(&mut self, observer: &mut O) -> Result<(), NoTransition<TurnstileState>> {
///         let from = self.state;
///         match TurnstileState::NEXT[from as usize][0] {
///             Some(next) => {
///                 self.state = next;                       // committed first
///                 observer.commit(/* from, coin, next */);
///                 if from == TurnstileState::Locked {      // then the outputs, in order
///                     observer.output(next, /* unlock */ 0);
///                     self.core.unlock();
///                 }
///                 Ok(())
///             }
///             None => Err(NoTransition::new(from, /* index of `coin` */ 0)),
///         }
///     }
///     // push(), handle(), restore(), observe(), core(), core_mut(), into_core(), description() ...
/// }
///
/// // `observe(observer)` returns the same machine as a type of its own, whose methods run the
/// // same steps with the observer; the plain machine's `NoObserver` inlines to nothing.
/// pub struct TurnstileObserved<C, O> { machine: Turnstile<C>, observer: O }
/// ```
///
/// An input that decides (the second turnstile's `coin`) steps by cases instead: a `match` on
/// the state, and in each arm the phases in order: the guards as an `if` chain, the fallible
/// outputs (an `Err` returns `StepError::Failed` before anything changed), the exit actions, the
/// commit, the outputs, the entry actions.
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
    pub use automat_macros::__derive_compound as derive_compound;
    pub use automat_macros::machine;
    #[cfg(feature = "registry")]
    pub use linkme;
    #[cfg(feature = "serde")]
    pub use serde;

    pub use crate::__automat_register as register;
    pub use crate::__automat_serde as serde_impls;
    pub use crate::__automat_unbounded as unbounded_queue;
    #[cfg(feature = "serde")]
    pub use crate::snapshot;
}

/// The type of a `#[raise(unbounded)]` machine's queue of raised inputs (feature `alloc`).
#[cfg(feature = "alloc")]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_unbounded {
    ($input:ty) => {
        $crate::__private::raise::Unbounded<$input>
    };
}

/// Without the `alloc` feature, `#[raise(unbounded)]` is an error that says what to do.
#[cfg(not(feature = "alloc"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_unbounded {
    ($input:ty) => {
        ::core::compile_error!(
            "`#[raise(unbounded)]` needs the `alloc` feature of automat-rs (on by default, with \
             `std`); without allocation, give the queue a capacity: `#[raise(capacity = 8)]`"
        )
    };
}

/// Implements `Serialize`/`Deserialize` for a machine's state enum, input enum and machine type
/// (feature `serde`). `machine!` calls it for machines marked `#[serde]`.
///
/// Formats, all keyed by stable names (never by declaration position, so reordering or adding
/// states cannot silently change what a snapshot means, even in binary formats):
/// - a state is its name, a string: `"Ready"`;
/// - an input is `[name, [arguments...]]`: `["put_in_beans", [{"origin": "Kona"}, 18]]`, with
///   `null` for an input without arguments: `["brew", null]`;
/// - a machine is `[state, core]`, or `[state, core, history]` when a history target names some
///   compound: `history` maps each such compound to the leaf it was last left from,
///   `{"On": "Soak"}` (a snapshot without it restores each compound's initial leaf; a leaf outside
///   its compound, or an unknown compound, is an error); a machine whose states carry data is
///   `[data, core]`, where
///   `data` is `[name, fields]`: `["Connected", {"conn": {..}, "retries": 3}]`, with `null` for a
///   state without fields: `["Idle", null]` (a missing or unknown field is an error, as serde's
///   derive reports it);
/// - a journal record of a machine that decides (`NameRecord`) is `[input, state]`:
///   `[["brew", null], "Brewing"]`.
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_serde {
    (
        machine = $machine:ident, state = $state:ident, input = $input:ident, $(record = $record:ident,)?
        states = { $($svariant:ident => $sname:literal),* $(,)? },
        inputs = { $($ivariant:ident => $iname:literal ( $($field:ident : $ty:ty),* )),* $(,)? } $(,)?
    ) => {
        $crate::__automat_serde! { @common $machine, $state, $input, $($record,)? { $($svariant => $sname),* } { $($ivariant => $iname ( $($field : $ty),* )),* } }
        $crate::__automat_serde! { @machine $machine, $state }
    };
    (
        machine = $machine:ident, state = $state:ident, input = $input:ident, $(record = $record:ident,)?
        states = { $($svariant:ident => $sname:literal),* $(,)? },
        inputs = { $($ivariant:ident => $iname:literal ( $($field:ident : $ty:ty),* )),* $(,)? },
        snapshot = true $(,)?
    ) => {
        $crate::__automat_serde! { @common $machine, $state, $input, $($record,)? { $($svariant => $sname),* } { $($ivariant => $iname ( $($field : $ty),* )),* } }
        $crate::__automat_serde! { @snapshot $machine, $state }
    };
    (
        machine = $machine:ident, state = $state:ident, input = $input:ident, $(record = $record:ident,)?
        states = { $($svariant:ident => $sname:literal),* $(,)? },
        inputs = { $($ivariant:ident => $iname:literal ( $($field:ident : $ty:ty),* )),* $(,)? },
        data = $data:ident {
            $( $dvariant:ident $( ( $mirror:ident, $mirror_ref:ident { $($dfield:ident : $dty:ty),* } ) )? ),* $(,)?
        } $(,)?
    ) => {
        $crate::__automat_serde! { @common $machine, $state, $input, $($record,)? { $($svariant => $sname),* } { $($ivariant => $iname ( $($field : $ty),* )),* } }
        $crate::__automat_serde! { @machine $machine, $state, $data { $( $dvariant $( ( $mirror, $mirror_ref { $($dfield : $dty),* } ) )? ),* } }
    };
    (@machine $machine:ident, $state:ident) => {
        const _: () = {
            use $crate::__private::serde as __serde;

            #[automatically_derived]
            impl<__C: __serde::Serialize> __serde::Serialize for $machine<__C> {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    __serde::Serialize::serialize(&(&self.__state, &self.__core), serializer)
                }
            }

            #[automatically_derived]
            impl<'de, __C: __serde::Deserialize<'de>> __serde::Deserialize<'de> for $machine<__C> {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    let (state, core): ($state, __C) = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok($machine { __state: state, __core: core })
                }
            }

            #[automatically_derived]
            impl<__C> $crate::__private::persist::Persistent for $machine<__C>
            where
                $machine<__C>: $crate::Machine<State = $state, Core = __C>,
            {
                const REPLAYS_BY_STATE: ::core::primitive::bool = true;

                fn save_state<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    __serde::Serialize::serialize(&self.__state, serializer)
                }

                fn load_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D, core: __C) -> ::core::result::Result<Self, __D::Error> {
                    let state: $state = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok($machine { __state: state, __core: core })
                }

                fn check_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<(), __D::Error> {
                    let _: $state = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok(())
                }

                fn with_state(state: $state, core: __C) -> ::core::option::Option<Self> {
                    ::core::option::Option::Some($machine { __state: state, __core: core })
                }
            }
        };
    };
    // A machine with more than a state and a core (history, a queue of raised inputs): made and
    // read through its `__snapshot` methods.
    (@snapshot $machine:ident, $state:ident) => {
        const _: () = {
            use $crate::__private::serde as __serde;

            #[automatically_derived]
            impl<__C: __serde::Serialize> __serde::Serialize for $machine<__C> {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    let (state, core, history) = self.__snapshot();
                    if history.is_empty() {
                        __serde::Serialize::serialize(&(state, core), serializer)
                    } else {
                        let history = $crate::__private::snapshot::History { names: Self::__HISTORY, states: history };
                        __serde::Serialize::serialize(&(state, core, history), serializer)
                    }
                }
            }

            #[automatically_derived]
            impl<'de, __C: __serde::Deserialize<'de>> __serde::Deserialize<'de> for $machine<__C> {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct Visitor<__C>(::core::marker::PhantomData<__C>);
                    impl<'de, __C: __serde::Deserialize<'de>> __serde::de::Visitor<'de> for Visitor<__C> {
                        type Value = $machine<__C>;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str("a machine snapshot: [state, core] or [state, core, history]")
                        }
                        fn visit_seq<__A: __serde::de::SeqAccess<'de>>(self, mut seq: __A) -> ::core::result::Result<Self::Value, __A::Error> {
                            let state: $state = seq.next_element()?.ok_or_else(|| __serde::de::Error::invalid_length(0, &self))?;
                            let core: __C = seq.next_element()?.ok_or_else(|| __serde::de::Error::invalid_length(1, &self))?;
                            let mut machine = $machine::__from_snapshot(state, core);
                            // A snapshot without history (taken before a history target existed)
                            // keeps each compound's initial leaf.
                            seq.next_element_seed($crate::__private::snapshot::HistorySeed {
                                names: $machine::<__C>::__HISTORY,
                                restore: &mut |slot, leaf| machine.__restore_history(slot, leaf),
                            })?;
                            ::core::result::Result::Ok(machine)
                        }
                    }
                    let len = if Self::__HISTORY.is_empty() { 2 } else { 3 };
                    __serde::Deserializer::deserialize_tuple(deserializer, len, Visitor(::core::marker::PhantomData))
                }
            }

            #[automatically_derived]
            impl<__C> $crate::__private::persist::Persistent for $machine<__C>
            where
                $machine<__C>: $crate::Machine<State = $state, Core = __C>,
            {
                const REPLAYS_BY_STATE: ::core::primitive::bool = false;

                fn save_state<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    let (state, _, history) = self.__snapshot();
                    let history = $crate::__private::snapshot::History { names: Self::__HISTORY, states: history };
                    __serde::Serialize::serialize(&(state, history), serializer)
                }

                fn load_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D, core: __C) -> ::core::result::Result<Self, __D::Error> {
                    struct Visitor<__C>(::core::option::Option<__C>);
                    impl<'de, __C> __serde::de::Visitor<'de> for Visitor<__C> {
                        type Value = $machine<__C>;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str("a machine's saved state: [state, history]")
                        }
                        fn visit_seq<__A: __serde::de::SeqAccess<'de>>(mut self, mut seq: __A) -> ::core::result::Result<Self::Value, __A::Error> {
                            let state: $state = seq.next_element()?.ok_or_else(|| __serde::de::Error::invalid_length(0, &self))?;
                            let ::core::option::Option::Some(core) = self.0.take() else {
                                return ::core::result::Result::Err(__serde::de::Error::custom("the core was taken"));
                            };
                            let mut machine = $machine::__from_snapshot(state, core);
                            seq.next_element_seed($crate::__private::snapshot::HistorySeed {
                                names: $machine::<__C>::__HISTORY,
                                restore: &mut |slot, leaf| machine.__restore_history(slot, leaf),
                            })?;
                            ::core::result::Result::Ok(machine)
                        }
                    }
                    __serde::Deserializer::deserialize_tuple(deserializer, 2, Visitor(::core::option::Option::Some(core)))
                }

                fn check_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<(), __D::Error> {
                    let _: ($state, __serde::de::IgnoredAny) = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok(())
                }

                fn with_state(_: $state, _: __C) -> ::core::option::Option<Self> {
                    ::core::option::Option::None
                }
            }
        };
    };
    (@machine $machine:ident, $state:ident, $data:ident {
        $( $dvariant:ident $( ( $mirror:ident, $mirror_ref:ident { $($dfield:ident : $dty:ty),* } ) )? ),*
    }) => {
        const _: () = {
            use $crate::__private::serde as __serde;

            $($(
                // What a snapshot holds of a state's fields, written and read by serde's derive,
                // so that a missing, repeated or unknown field is reported as serde reports it.
                #[derive(__serde::Deserialize)]
                #[serde(crate = "__serde", deny_unknown_fields)]
                struct $mirror { $($dfield: $dty),* }

                #[derive(__serde::Serialize)]
                #[serde(crate = "__serde")]
                struct $mirror_ref<'__a> { $($dfield: &'__a $dty),* }
            )?)*

            #[automatically_derived]
            impl __serde::Serialize for $data {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    let mut tuple = __serde::Serializer::serialize_tuple(serializer, 2)?;
                    __serde::ser::SerializeTuple::serialize_element(&mut tuple, &self.state())?;
                    match self {
                        $( $crate::__automat_serde!(@pattern $data, $dvariant $( { $($dfield),* } )?) => {
                            __serde::ser::SerializeTuple::serialize_element(
                                &mut tuple,
                                &$crate::__automat_serde!(@borrow $( $mirror_ref { $($dfield),* } )?),
                            )?;
                        } )*
                    }
                    __serde::ser::SerializeTuple::end(tuple)
                }
            }

            #[automatically_derived]
            impl<'de> __serde::Deserialize<'de> for $data {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct __Visitor;
                    impl<'de> __serde::de::Visitor<'de> for __Visitor {
                        type Value = $data;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(::core::concat!("a state of ", ::core::stringify!($machine), " with its data: [name, fields]"))
                        }
                        fn visit_seq<__A: __serde::de::SeqAccess<'de>>(self, mut seq: __A) -> ::core::result::Result<$data, __A::Error> {
                            let ::core::option::Option::Some(state) = __serde::de::SeqAccess::next_element::<$state>(&mut seq)? else {
                                return ::core::result::Result::Err(__serde::de::Error::invalid_length(0, &self));
                            };
                            match state {
                                $( $state::$dvariant => {
                                    let ::core::option::Option::Some(fields) = __serde::de::SeqAccess::next_element::<
                                        $crate::__automat_serde!(@read_type $( $mirror )?)
                                    >(&mut seq)? else {
                                        return ::core::result::Result::Err(__serde::de::Error::invalid_length(1, &self));
                                    };
                                    let _ = &fields;
                                    ::core::result::Result::Ok($crate::__automat_serde!(@build $data, $dvariant, fields $( { $($dfield),* } )?))
                                } )*
                            }
                        }
                    }
                    __serde::Deserializer::deserialize_tuple(deserializer, 2, __Visitor)
                }
            }

            #[automatically_derived]
            impl<__C: __serde::Serialize> __serde::Serialize for $machine<__C> {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    __serde::Serialize::serialize(&self.__parts(), serializer)
                }
            }

            #[automatically_derived]
            impl<'de, __C: __serde::Deserialize<'de>> __serde::Deserialize<'de> for $machine<__C> {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    let (data, core): ($data, __C) = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok($machine::__from_parts(data, core))
                }
            }

            #[automatically_derived]
            impl<__C> $crate::__private::persist::Persistent for $machine<__C>
            where
                $machine<__C>: $crate::Machine<State = $state, Core = __C>,
            {
                const REPLAYS_BY_STATE: ::core::primitive::bool = false;

                fn save_state<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    __serde::Serialize::serialize(self.__parts().0, serializer)
                }

                fn load_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D, core: __C) -> ::core::result::Result<Self, __D::Error> {
                    let data: $data = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok($machine::__from_parts(data, core))
                }

                fn check_state<'de, __D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<(), __D::Error> {
                    let _: $data = __serde::Deserialize::deserialize(deserializer)?;
                    ::core::result::Result::Ok(())
                }

                fn with_state(_: $state, _: __C) -> ::core::option::Option<Self> {
                    ::core::option::Option::None
                }
            }
        };
    };
    // A variant of the data enum, its fields bound by name.
    (@pattern $data:ident, $dvariant:ident { $($dfield:ident),* }) => { $data::$dvariant { $($dfield),* } };
    (@pattern $data:ident, $dvariant:ident) => { $data::$dvariant };
    // What a snapshot writes of a variant's fields: the borrowed mirror, or `null`.
    (@borrow $mirror_ref:ident { $($dfield:ident),* }) => { $mirror_ref { $($dfield),* } };
    (@borrow) => { () };
    // What a snapshot reads for a variant: its mirror, or `null`.
    (@read_type $mirror:ident) => { $mirror };
    (@read_type) => { () };
    // The variant, from what was read.
    (@build $data:ident, $dvariant:ident, $fields:ident { $($dfield:ident),* }) => { $data::$dvariant { $($dfield: $fields.$dfield),* } };
    (@build $data:ident, $dvariant:ident, $fields:ident) => { $data::$dvariant };
    (
        @common $machine:ident, $state:ident, $input:ident, $($record:ident,)?
        { $($svariant:ident => $sname:literal),* }
        { $($ivariant:ident => $iname:literal ( $($field:ident : $ty:ty),* )),* }
    ) => {
        const _: () = {
            $(
                #[automatically_derived]
                impl $crate::__private::serde::Serialize for $record {
                    fn serialize<__S: $crate::__private::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                        $crate::__private::serde::Serialize::serialize(&(&self.input, &self.to), serializer)
                    }
                }

                #[automatically_derived]
                impl<'de> $crate::__private::serde::Deserialize<'de> for $record {
                    fn deserialize<__D: $crate::__private::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                        let (input, to): ($input, $state) = $crate::__private::serde::Deserialize::deserialize(deserializer)?;
                        ::core::result::Result::Ok($record { input, to })
                    }
                }
            )?

            use $crate::__private::serde as __serde;

            #[automatically_derived]
            impl __serde::Serialize for $state {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    __serde::Serializer::serialize_str(serializer, match *self { $( $state::$svariant => $sname, )* })
                }
            }

            #[automatically_derived]
            impl<'de> __serde::Deserialize<'de> for $state {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct __Visitor;
                    impl<'de> __serde::de::Visitor<'de> for __Visitor {
                        type Value = $state;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(::core::concat!("a state of ", ::core::stringify!($machine)))
                        }
                        fn visit_str<__E: __serde::de::Error>(self, value: &::core::primitive::str) -> ::core::result::Result<$state, __E> {
                            match value {
                                $( $sname => ::core::result::Result::Ok($state::$svariant), )*
                                _ => ::core::result::Result::Err(<__E as __serde::de::Error>::unknown_variant(value, &[$($sname),*])),
                            }
                        }
                    }
                    __serde::Deserializer::deserialize_str(deserializer, __Visitor)
                }
            }

            #[automatically_derived]
            impl __serde::Serialize for $input {
                fn serialize<__S: __serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                    let mut tuple = __serde::Serializer::serialize_tuple(serializer, 2)?;
                    match *self {
                        $( $input::$ivariant { $(ref $field),* } => {
                            __serde::ser::SerializeTuple::serialize_element(&mut tuple, $iname)?;
                            __serde::ser::SerializeTuple::serialize_element(&mut tuple, &( $($field,)* ))?;
                        } )*
                    }
                    __serde::ser::SerializeTuple::end(tuple)
                }
            }

            /// An input's name, checked against the declared ones.
            struct __InputName(&'static ::core::primitive::str);

            impl<'de> __serde::Deserialize<'de> for __InputName {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct __Visitor;
                    impl<'de> __serde::de::Visitor<'de> for __Visitor {
                        type Value = __InputName;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(::core::concat!("the name of an input of ", ::core::stringify!($machine)))
                        }
                        fn visit_str<__E: __serde::de::Error>(self, value: &::core::primitive::str) -> ::core::result::Result<__InputName, __E> {
                            match value {
                                $( $iname => ::core::result::Result::Ok(__InputName($iname)), )*
                                _ => ::core::result::Result::Err(<__E as __serde::de::Error>::unknown_variant(value, &[$($iname),*])),
                            }
                        }
                    }
                    __serde::Deserializer::deserialize_str(deserializer, __Visitor)
                }
            }

            #[automatically_derived]
            impl<'de> __serde::Deserialize<'de> for $input {
                fn deserialize<__D: __serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    struct __Visitor;
                    impl<'de> __serde::de::Visitor<'de> for __Visitor {
                        type Value = $input;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str(::core::concat!("an input of ", ::core::stringify!($machine), ": [name, [arguments]]"))
                        }
                        fn visit_seq<__A: __serde::de::SeqAccess<'de>>(self, mut seq: __A) -> ::core::result::Result<$input, __A::Error> {
                            let ::core::option::Option::Some(name) = __serde::de::SeqAccess::next_element::<__InputName>(&mut seq)? else {
                                return ::core::result::Result::Err(<__A::Error as __serde::de::Error>::invalid_length(0, &self));
                            };
                            match name.0 {
                                $( $iname => {
                                    let ::core::option::Option::Some(($($field,)*)) = __serde::de::SeqAccess::next_element::<($($ty,)*)>(&mut seq)? else {
                                        return ::core::result::Result::Err(<__A::Error as __serde::de::Error>::invalid_length(1, &self));
                                    };
                                    ::core::result::Result::Ok($input::$ivariant { $($field),* })
                                } )*
                                other => ::core::result::Result::Err(<__A::Error as __serde::de::Error>::unknown_variant(other, &[$($iname),*])),
                            }
                        }
                    }
                    __serde::Deserializer::deserialize_tuple(deserializer, 2, __Visitor)
                }
            }

        };
    };
}

/// `#[serde]` on a machine needs the `serde` feature.
#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __automat_serde {
    ($($tokens:tt)*) => {
        ::core::compile_error! {
            "`#[serde]` needs the `serde` feature of automat-rs: `automat-rs = { version = \"..\", features = [\"serde\"] }`"
        }
    };
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
