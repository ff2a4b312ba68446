//! What an input of a machine that decides (guards, fallible outputs) returns when it does not
//! go as declared: [`StepError`], and its parts.
//!
//! A machine with neither guards nor fallible outputs keeps [`NoTransition`] as its error: the
//! only way its input can fail is that the state has no transition for it.

use core::convert::Infallible;
use core::fmt;

use crate::{Description, InputInfo, MachineState, NoTransition, TransitionInfo};

/// Why an input of a machine with guards or fallible outputs did not take its transition, or
/// took its `else` route.
///
/// `E` is the error of the input's fallible outputs ([`Infallible`] when it has none). Every
/// variant but [`Diverted`](Self::Diverted) means **nothing happened**: no output, exit or entry
/// action ran, and the machine is in the state it was in.
///
/// ```text
/// machine `Brewer` refused input `brew` in state `Ready`: no guard held (`has_water && !descaling`)
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum StepError<S, E = Infallible> {
    /// The state has no transition for the input (step 1, select).
    NoTransition(NoTransition<S>),
    /// The state has transitions for the input, but every one is guarded and no guard held
    /// (step 1, select).
    GuardsFailed(GuardsFailed<S>),
    /// A fallible output returned `Err` before anything changed (step 2, try).
    Failed(Failed<S, E>),
    /// A fallible output returned `Err` and the transition's `else` route was taken instead: the
    /// machine **did** move, to [`Diverted::to`].
    Diverted(Diverted<S, E>),
}

impl<S: MachineState, E> StepError<S, E> {
    /// The state the input arrived in (and, except after a diversion, the state the machine is
    /// still in).
    #[must_use]
    pub fn from(&self) -> S {
        match self {
            StepError::NoTransition(e) => e.state(),
            StepError::GuardsFailed(e) => e.state,
            StepError::Failed(e) => e.state,
            StepError::Diverted(e) => e.from,
        }
    }

    /// The state the machine is in after the input: where it was, or the `else` route's target.
    #[must_use]
    pub fn state(&self) -> S {
        match self {
            StepError::Diverted(e) => e.to,
            other => other.from(),
        }
    }

    /// The input that did not go as declared.
    #[must_use]
    pub fn input(&self) -> &'static InputInfo<'static> {
        &S::DESCRIPTION.inputs[self.input_index()]
    }

    /// The index of the input in [`Description::inputs`].
    #[must_use]
    pub const fn input_index(&self) -> usize {
        match self {
            StepError::NoTransition(e) => e.input_index(),
            StepError::GuardsFailed(e) => e.input,
            StepError::Failed(e) => e.input,
            StepError::Diverted(e) => e.input,
        }
    }

    /// The description of the machine.
    #[must_use]
    pub fn machine(&self) -> &'static Description<'static> {
        S::DESCRIPTION
    }

    /// Whether the input was refused with nothing run: no transition, or no guard held.
    #[must_use]
    pub const fn is_refusal(&self) -> bool {
        matches!(
            self,
            StepError::NoTransition(_) | StepError::GuardsFailed(_)
        )
    }

    /// The fallible output's error, when one failed.
    #[must_use]
    pub const fn failure(&self) -> Option<&E> {
        match self {
            StepError::Failed(e) => Some(&e.error),
            StepError::Diverted(e) => Some(&e.error),
            _ => None,
        }
    }

    /// The fallible output's error, when one failed.
    #[must_use]
    pub fn into_failure(self) -> Option<E> {
        match self {
            StepError::Failed(e) => Some(e.error),
            StepError::Diverted(e) => Some(e.error),
            _ => None,
        }
    }

    /// The same error, with the failure mapped by `f` (`handle` uses it to put each input's
    /// failure into the machine's failure enum).
    pub fn map_failure<F>(self, f: impl FnOnce(E) -> F) -> StepError<S, F> {
        match self {
            StepError::NoTransition(e) => StepError::NoTransition(e),
            StepError::GuardsFailed(e) => StepError::GuardsFailed(e),
            StepError::Failed(e) => StepError::Failed(Failed {
                state: e.state,
                input: e.input,
                output: e.output,
                error: f(e.error),
            }),
            StepError::Diverted(e) => StepError::Diverted(Diverted {
                from: e.from,
                input: e.input,
                output: e.output,
                to: e.to,
                error: f(e.error),
            }),
        }
    }
}

impl<S: MachineState> StepError<S, Infallible> {
    /// The same refusal, typed for any failure: an input without fallible outputs cannot fail.
    #[must_use]
    pub fn widen<F>(self) -> StepError<S, F> {
        self.map_failure(|never| match never {})
    }
}

impl<S, E> From<NoTransition<S>> for StepError<S, E> {
    fn from(error: NoTransition<S>) -> Self {
        StepError::NoTransition(error)
    }
}

impl<S: MachineState, E: fmt::Display> fmt::Display for StepError<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::NoTransition(e) => fmt::Display::fmt(e, f),
            StepError::GuardsFailed(e) => fmt::Display::fmt(e, f),
            StepError::Failed(e) => fmt::Display::fmt(e, f),
            StepError::Diverted(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<S: MachineState, E: fmt::Debug> fmt::Debug for StepError<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::NoTransition(e) => f.debug_tuple("NoTransition").field(e).finish(),
            StepError::GuardsFailed(e) => f.debug_tuple("GuardsFailed").field(e).finish(),
            StepError::Failed(e) => f.debug_tuple("Failed").field(e).finish(),
            StepError::Diverted(e) => f.debug_tuple("Diverted").field(e).finish(),
        }
    }
}

impl<S: MachineState, E: core::error::Error + 'static> core::error::Error for StepError<S, E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        self.failure()
            .map(|e| e as &(dyn core::error::Error + 'static))
    }
}

/// The state has transitions for the input, every one guarded, and no guard held. Nothing ran
/// but the guards; the machine is in [`state`](Self::state) still.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct GuardsFailed<S> {
    /// The state the input arrived in, and is still in.
    pub state: S,
    /// The index of the input in [`Description::inputs`].
    pub input: usize,
}

impl<S: MachineState> GuardsFailed<S> {
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub const fn __new(state: S, input: usize) -> Self {
        Self { state, input }
    }

    /// The input that was refused.
    #[must_use]
    pub fn input(&self) -> &'static InputInfo<'static> {
        &S::DESCRIPTION.inputs[self.input]
    }

    /// The guard expressions that were tried, in the order they were tried, as written.
    pub fn guards(&self) -> impl Iterator<Item = &'static str> {
        S::DESCRIPTION
            .candidates(self.state.index(), self.input)
            .filter_map(|t| t.guard)
    }
}

impl<S: MachineState> fmt::Display for GuardsFailed<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "machine `{}` refused input `{}` in state `{}`: no guard held (",
            S::DESCRIPTION.name,
            self.input().name,
            self.state.name()
        )?;
        for (n, guard) in self.guards().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            write!(f, "`{guard}`")?;
        }
        f.write_str(")")
    }
}

impl<S: MachineState> fmt::Debug for GuardsFailed<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GuardsFailed")
            .field("machine", &S::DESCRIPTION.name)
            .field("state", &self.state)
            .field("input", &self.input().name)
            .finish()
    }
}

impl<S: MachineState> core::error::Error for GuardsFailed<S> {}

/// A fallible output returned `Err` before anything changed: no exit action, no other output
/// and no entry action ran, and the machine is in [`state`](Self::state) still. (Fallible
/// outputs listed before the failing one have run; they are not undone.)
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Failed<S, E> {
    /// The state the input arrived in, and is still in.
    pub state: S,
    /// The index of the input in [`Description::inputs`].
    pub input: usize,
    /// The index of the failing output in [`Description::outputs`].
    pub output: usize,
    /// What the output returned.
    pub error: E,
}

impl<S: MachineState, E> Failed<S, E> {
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub const fn __new(state: S, input: usize, output: usize, error: E) -> Self {
        Self {
            state,
            input,
            output,
            error,
        }
    }

    /// The output that failed.
    #[must_use]
    pub fn output(&self) -> &'static crate::OutputInfo<'static> {
        &S::DESCRIPTION.outputs[self.output]
    }
}

impl<S: MachineState, E: fmt::Display> fmt::Display for Failed<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = S::DESCRIPTION;
        write!(
            f,
            "machine `{}`: output `{}` failed on input `{}` in state `{}` ({}); nothing changed",
            d.name,
            self.output().name,
            d.inputs[self.input].name,
            self.state.name(),
            self.error
        )
    }
}

impl<S: MachineState, E: fmt::Debug> fmt::Debug for Failed<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = S::DESCRIPTION;
        f.debug_struct("Failed")
            .field("machine", &d.name)
            .field("state", &self.state)
            .field("input", &d.inputs[self.input].name)
            .field("output", &self.output().name)
            .field("error", &self.error)
            .finish()
    }
}

/// A fallible output returned `Err` and the `else` route of the transition was taken: the
/// machine left [`from`](Self::from) (exit actions ran), moved to [`to`](Self::to), ran the
/// route's outputs and entered `to`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Diverted<S, E> {
    /// The state the input arrived in.
    pub from: S,
    /// The index of the input in [`Description::inputs`].
    pub input: usize,
    /// The index of the failing output in [`Description::outputs`].
    pub output: usize,
    /// The state the `else` route led to: the machine's state now.
    pub to: S,
    /// What the output returned.
    pub error: E,
}

impl<S: MachineState, E> Diverted<S, E> {
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub const fn __new(from: S, input: usize, output: usize, to: S, error: E) -> Self {
        Self {
            from,
            input,
            output,
            to,
            error,
        }
    }

    /// The output that failed.
    #[must_use]
    pub fn output(&self) -> &'static crate::OutputInfo<'static> {
        &S::DESCRIPTION.outputs[self.output]
    }
}

impl<S: MachineState, E: fmt::Display> fmt::Display for Diverted<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = S::DESCRIPTION;
        write!(
            f,
            "machine `{}`: output `{}` failed on input `{}` in state `{}` ({}); took the `else` route to `{}`",
            d.name,
            self.output().name,
            d.inputs[self.input].name,
            self.from.name(),
            self.error,
            self.to.name()
        )
    }
}

impl<S: MachineState, E: fmt::Debug> fmt::Debug for Diverted<S, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = S::DESCRIPTION;
        f.debug_struct("Diverted")
            .field("machine", &d.name)
            .field("from", &self.from)
            .field("input", &d.inputs[self.input].name)
            .field("output", &self.output().name)
            .field("to", &self.to)
            .field("error", &self.error)
            .finish()
    }
}

/// The errors a machine's inputs return: [`NoTransition`] and [`StepError`]. Generic code
/// (journals) asks through it whether a failed input still moved the machine.
pub trait InputError {
    /// Whether the machine took a transition although the input returned this error (an `else`
    /// route, [`StepError::Diverted`]); for every other error nothing changed.
    fn committed(&self) -> bool;
}

impl<S> InputError for NoTransition<S> {
    #[inline]
    fn committed(&self) -> bool {
        false
    }
}

impl<S, E> InputError for StepError<S, E> {
    #[inline]
    fn committed(&self) -> bool {
        matches!(self, StepError::Diverted(_))
    }
}

/// The step's commit, as an observer sees it (see
/// [`Observer::commit`](crate::Observer::commit)): the machine left `from` for `to` on `input`,
/// by the `candidate`-th of the transitions declared for `(from, input)` (counted in the order
/// they are tried), or by that transition's `else` route.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub struct Commit<S> {
    /// The state the step left (or stayed in, for a self-loop).
    pub from: S,
    /// The index of the input in [`Description::inputs`].
    pub input: usize,
    /// The state the machine is in now.
    pub to: S,
    /// Which of the candidate transitions of `(from, input)` was taken, from 0, in the order they
    /// are tried (see [`Description::candidates`]).
    pub candidate: usize,
    /// Whether it was the candidate's `else` route (a fallible output failed).
    pub diverted: bool,
}

impl<S: MachineState> Commit<S> {
    #[doc(hidden)]
    #[must_use]
    #[inline]
    pub const fn __new(from: S, input: usize, to: S, candidate: usize, diverted: bool) -> Self {
        Self {
            from,
            input,
            to,
            candidate,
            diverted,
        }
    }

    /// The position of the transition taken in [`Description::transitions`].
    #[must_use]
    pub fn transition_index(&self) -> Option<usize> {
        S::DESCRIPTION.candidate_index(self.from.index(), self.input, self.candidate, self.diverted)
    }

    /// The transition taken, as described.
    #[must_use]
    pub fn transition(&self) -> Option<&'static TransitionInfo<'static>> {
        self.transition_index()
            .map(|index| &S::DESCRIPTION.transitions[index])
    }
}

/// The `Result` type of a fallible output, taken apart: `<R as Fallible>::Error` names the error
/// of an output declared `-> R` (also through aliases such as `io::Result<T>`). For generated
/// code.
#[doc(hidden)]
pub trait Fallible {
    /// The success type.
    type Ok;
    /// The error type.
    type Error;
}

impl<T, E> Fallible for Result<T, E> {
    type Ok = T;
    type Error = E;
}
