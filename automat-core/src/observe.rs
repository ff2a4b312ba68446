//! Observing a machine: every phase of every step, every output call, every refused input.
//!
//! `machine.observe(o)` attaches any [`Observer`] and returns the machine's observed form (a
//! generated type of its own, `NameObserved<Core, O>`, with the same methods); `unobserve()`
//! detaches it. A machine without an observer runs its steps with [`NoObserver`], whose hooks
//! are empty and inline to nothing, so observing costs nothing to the machines nobody observes:
//! same size, same instructions (measured with callgrind by `bench/run.sh`). [`Coverage`] is an
//! observer for tests, and with the `tracing` feature
//! [`TracingObserver`](crate::TracingObserver) is another.
//!
//! The hooks follow the order of one step (see the crate's "How one step runs"):
//!
//! 1. select: [`guard`](Observer::guard) for every guard evaluated; a refusal ends the step with
//!    [`rejected`](Observer::rejected) (no transition) or
//!    [`guards_failed`](Observer::guards_failed) (no guard held);
//! 2. try: [`output`](Observer::output) before every fallible output; a failure ends the step
//!    with [`failed`](Observer::failed), or calls [`diverted`](Observer::diverted) and goes on
//!    with the `else` route;
//! 3. exit: [`exit`](Observer::exit), then [`output`](Observer::output) before each exit action
//!    (not for a self-loop, which is internal unless marked `reenter`);
//! 4. commit: [`commit`](Observer::commit), whose default calls
//!    [`transition`](Observer::transition);
//! 5. outputs: [`output`](Observer::output) right before each output runs;
//! 6. entry: [`entry`](Observer::entry), then [`output`](Observer::output) before each entry
//!    action (not for an internal self-loop).

use crate::{Commit, GuardsFailed, MachineState, NoTransition};

/// Sees what a machine does. Every method has an empty default, so implement only what you need.
pub trait Observer<S: MachineState> {
    /// The machine moved from `from` to `to` on the input at `input` (an index into
    /// [`Description::inputs`](crate::Description::inputs)); its outputs have not run yet.
    /// Called by the default [`commit`](Self::commit).
    #[inline]
    fn transition(&mut self, from: S, input: usize, to: S) {
        let _ = (from, input, to);
    }

    /// The step committed its target (step 4), by the transition that `commit` names (which of
    /// the candidates of `(from, input)`, or its `else` route). The default calls
    /// [`transition`](Self::transition).
    #[inline]
    fn commit(&mut self, commit: Commit<S>) {
        self.transition(commit.from, commit.input, commit.to);
    }

    /// The output at `output` (an index into [`Description::outputs`](crate::Description::outputs))
    /// is about to run in state `state`: the source, for fallible outputs and exit actions; the
    /// target, for the other outputs and entry actions.
    #[inline]
    fn output(&mut self, state: S, output: usize) {
        let _ = (state, output);
    }

    /// An input was refused: no transition from the current state. Nothing else happens.
    #[inline]
    fn rejected(&mut self, error: NoTransition<S>) {
        let _ = error;
    }

    /// The guard at `guard` (an index into [`Description::guards`](crate::Description::guards))
    /// was evaluated in `state` and `held` (step 1).
    #[inline]
    fn guard(&mut self, state: S, guard: usize, held: bool) {
        let _ = (state, guard, held);
    }

    /// An input was refused: the state has guarded transitions for it and no guard held.
    /// Nothing else happens.
    #[inline]
    fn guards_failed(&mut self, refusal: GuardsFailed<S>) {
        let _ = refusal;
    }

    /// The fallible output at `output` failed in `state` on the input at `input`, and the step
    /// ends: nothing changed (step 2).
    #[inline]
    fn failed(&mut self, state: S, input: usize, output: usize) {
        let _ = (state, input, output);
    }

    /// The fallible output at `output` failed in `from` on the input at `input`, and the
    /// transition's `else` route is taken instead: its exit, commit, outputs and entry follow.
    #[inline]
    fn diverted(&mut self, from: S, input: usize, output: usize) {
        let _ = (from, input, output);
    }

    /// An eventless transition committed (step 7): the machine moved from `from` to `to` by the
    /// entry at `index` of [`Description::eventless`](crate::Description::eventless), after the
    /// step that entered `from`; its outputs have not run yet.
    #[inline]
    fn eventless(&mut self, from: S, index: usize, to: S) {
        let _ = (from, index, to);
    }

    /// An async step was dropped at an `.await` (its future cancelled: a `select!` branch that
    /// lost, a timeout) before it returned: the step of the input at `input` from `from`. If
    /// this observer heard [`commit`](Self::commit) for the step, the machine is in the target,
    /// and the outputs and entry actions after that `.await` did not run; if not, the machine is
    /// in `from` and nothing was committed.
    #[inline]
    fn interrupted(&mut self, from: S, input: usize) {
        let _ = (from, input);
    }

    /// The machine is leaving `state`; its exit actions run next (step 3).
    #[inline]
    fn exit(&mut self, state: S) {
        let _ = state;
    }

    /// The machine entered `state`; its entry actions run next (step 6).
    #[inline]
    fn entry(&mut self, state: S) {
        let _ = state;
    }
}

/// An observer that does nothing, for generic code that needs one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NoObserver;

impl<S: MachineState> Observer<S> for NoObserver {}

/// A borrowed observer observes too, so an observer can be lent to a machine and read afterwards:
/// `machine.observe(&mut coverage)`.
impl<S: MachineState, O: Observer<S> + ?Sized> Observer<S> for &mut O {
    #[inline]
    fn transition(&mut self, from: S, input: usize, to: S) {
        (**self).transition(from, input, to);
    }

    #[inline]
    fn commit(&mut self, commit: Commit<S>) {
        (**self).commit(commit);
    }

    #[inline]
    fn output(&mut self, state: S, output: usize) {
        (**self).output(state, output);
    }

    #[inline]
    fn rejected(&mut self, error: NoTransition<S>) {
        (**self).rejected(error);
    }

    #[inline]
    fn guard(&mut self, state: S, guard: usize, held: bool) {
        (**self).guard(state, guard, held);
    }

    #[inline]
    fn guards_failed(&mut self, refusal: GuardsFailed<S>) {
        (**self).guards_failed(refusal);
    }

    #[inline]
    fn failed(&mut self, state: S, input: usize, output: usize) {
        (**self).failed(state, input, output);
    }

    #[inline]
    fn diverted(&mut self, from: S, input: usize, output: usize) {
        (**self).diverted(from, input, output);
    }

    #[inline]
    fn exit(&mut self, state: S) {
        (**self).exit(state);
    }

    #[inline]
    fn entry(&mut self, state: S) {
        (**self).entry(state);
    }
}

/// Records which transitions a test run took, to report the ones it never did (Automat's users
/// asked for this: automat#38). Needs the `alloc` feature.
///
/// It counts every entry of [`Description::transitions`](crate::Description::transitions): each
/// state a transition applies to, each guarded transition of a state and each `else` route
/// separately, so "the guard held" and "the guard failed" are both covered only when a test
/// took both ways. Refusals are counted too: [`rejected`](Self::rejected) counts inputs no
/// transition took (none declared, no guard held) and [`failed`](Self::failed) fallible outputs
/// that refused a step.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// # use automat_core::{Coverage, MachineState};
/// # fn demo<S: MachineState>(taken: &[(S, usize, S)]) {
/// let mut coverage = Coverage::<S>::new();
/// // machine.observe(&mut coverage) ... drive the machine ...
/// # for &(from, input, to) in taken { automat_core::Observer::transition(&mut coverage, from, input, to); }
/// assert!(coverage.missed().count() <= S::DESCRIPTION.transitions.len());
/// # }
/// # }
/// ```
#[cfg(feature = "alloc")]
#[derive(Debug, Clone)]
pub struct Coverage<S> {
    taken: alloc::vec::Vec<u32>,
    rejected: u32,
    failed: u32,
    _state: core::marker::PhantomData<S>,
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Default for Coverage<S> {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Coverage<S> {
    /// Coverage of no transition yet.
    #[must_use]
    pub fn new() -> Self {
        Coverage {
            taken: alloc::vec![0; S::DESCRIPTION.transitions.len()],
            rejected: 0,
            failed: 0,
            _state: core::marker::PhantomData,
        }
    }

    /// How often each transition of the description was taken, in [`Description::transitions`]
    /// order.
    ///
    /// [`Description::transitions`]: crate::Description::transitions
    #[must_use]
    pub fn counts(&self) -> &[u32] {
        &self.taken
    }

    /// The transitions never taken, as `(source, input, target)` names, in description order.
    pub fn missed(&self) -> impl Iterator<Item = (&'static str, &'static str, &'static str)> + '_ {
        let d = S::DESCRIPTION;
        d.transitions
            .iter()
            .zip(&self.taken)
            .filter(|(_, &count)| count == 0)
            .map(move |(t, _)| {
                (
                    d.states[t.source].name,
                    d.inputs[t.input].name,
                    d.states[t.target].name,
                )
            })
    }

    /// Whether every transition was taken at least once.
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.taken.iter().all(|&count| count > 0)
    }

    /// How many inputs were refused: no transition, or no guard held.
    #[must_use]
    pub const fn rejected(&self) -> u32 {
        self.rejected
    }

    /// How many steps a fallible output refused (without an `else` route).
    #[must_use]
    pub const fn failed(&self) -> u32 {
        self.failed
    }
}

#[cfg(feature = "alloc")]
impl<S: MachineState> Observer<S> for Coverage<S> {
    fn commit(&mut self, commit: Commit<S>) {
        if let Some(index) = commit.transition_index() {
            self.taken[index] = self.taken[index].saturating_add(1);
        }
    }

    fn rejected(&mut self, _error: NoTransition<S>) {
        self.rejected = self.rejected.saturating_add(1);
    }

    fn guards_failed(&mut self, _refusal: GuardsFailed<S>) {
        self.rejected = self.rejected.saturating_add(1);
    }

    fn failed(&mut self, _state: S, _input: usize, _output: usize) {
        self.failed = self.failed.saturating_add(1);
    }
}

/// Emits a `tracing` event for every phase of a step and every refused input, with fields
/// (`machine`, `from`, `input`, `to`, `output`, `state`, `guard`, `held`), not formatted strings
/// (feature `tracing`). Transitions (with their `guard` when guarded), `else` routes, outputs,
/// and exits and entries of states with such actions are `DEBUG` events, guards `TRACE`,
/// refusals and failures `WARN`.
#[cfg(feature = "tracing")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TracingObserver;

#[cfg(feature = "tracing")]
impl<S: MachineState> Observer<S> for TracingObserver {
    fn commit(&mut self, commit: Commit<S>) {
        let d = S::DESCRIPTION;
        let (machine, from, input, to) = (
            d.name,
            commit.from.name(),
            d.inputs[commit.input].name,
            commit.to.name(),
        );
        match commit.transition().and_then(|t| t.guard) {
            _ if commit.diverted => {
                tracing::debug!(machine, from, input, to, "else route");
            }
            Some(guard) => tracing::debug!(machine, from, input, to, guard, "transition"),
            None => tracing::debug!(machine, from, input, to, "transition"),
        }
    }

    fn interrupted(&mut self, from: S, input: usize) {
        let d = S::DESCRIPTION;
        let input = d.inputs.get(input).map_or("?", |i| i.name);
        tracing::warn!(
            machine = d.name,
            from = from.name(),
            input,
            "step interrupted"
        );
    }

    fn eventless(&mut self, from: S, index: usize, to: S) {
        let d = S::DESCRIPTION;
        let (machine, from, to) = (d.name, from.name(), to.name());
        if let Some(guard) = d.eventless.get(index).and_then(|e| e.guard) {
            tracing::debug!(machine, from, to, guard, "eventless transition");
        } else {
            tracing::debug!(machine, from, to, "eventless transition");
        }
    }

    fn output(&mut self, state: S, output: usize) {
        let d = S::DESCRIPTION;
        tracing::debug!(
            machine = d.name,
            state = state.name(),
            output = d.outputs[output].name,
            "output"
        );
    }

    fn rejected(&mut self, error: NoTransition<S>) {
        tracing::warn!(
            machine = S::DESCRIPTION.name,
            state = error.state().name(),
            input = error.input().name,
            "no transition"
        );
    }

    fn guard(&mut self, state: S, guard: usize, held: bool) {
        let d = S::DESCRIPTION;
        tracing::trace!(
            machine = d.name,
            state = state.name(),
            guard = d.guards[guard].name,
            held,
            "guard"
        );
    }

    fn guards_failed(&mut self, refusal: GuardsFailed<S>) {
        tracing::warn!(
            machine = S::DESCRIPTION.name,
            state = refusal.state.name(),
            input = refusal.input().name,
            "no guard held"
        );
    }

    fn failed(&mut self, state: S, input: usize, output: usize) {
        let d = S::DESCRIPTION;
        tracing::warn!(
            machine = d.name,
            state = state.name(),
            input = d.inputs[input].name,
            output = d.outputs[output].name,
            "output failed"
        );
    }

    fn diverted(&mut self, from: S, input: usize, output: usize) {
        let d = S::DESCRIPTION;
        tracing::warn!(
            machine = d.name,
            from = from.name(),
            input = d.inputs[input].name,
            output = d.outputs[output].name,
            "output failed; taking the else route"
        );
    }

    // Exits and entries of states without actions would only repeat the transition event.
    fn exit(&mut self, state: S) {
        if !state.info().exit.is_empty() {
            tracing::debug!(machine = S::DESCRIPTION.name, state = state.name(), "exit");
        }
    }

    fn entry(&mut self, state: S) {
        if !state.info().entry.is_empty() {
            tracing::debug!(machine = S::DESCRIPTION.name, state = state.name(), "entry");
        }
    }
}

/// Tells an observer that an async step was dropped before it returned: generated async input
/// methods hold one across the step and mark it done when the step returns.
#[doc(hidden)]
pub struct Interrupt<'o, S: MachineState, O: Observer<S>> {
    /// The observer the step runs with (lent to the step through this field).
    pub observer: &'o mut O,
    from: S,
    input: usize,
    /// Set once the step returned.
    pub done: bool,
}

impl<'o, S: MachineState, O: Observer<S>> Interrupt<'o, S, O> {
    #[doc(hidden)]
    #[inline]
    pub fn __new(observer: &'o mut O, from: S, input: usize) -> Self {
        Interrupt {
            observer,
            from,
            input,
            done: false,
        }
    }
}

impl<S: MachineState, O: Observer<S>> Drop for Interrupt<'_, S, O> {
    #[inline]
    fn drop(&mut self) {
        if !self.done {
            self.observer.interrupted(self.from, self.input);
        }
    }
}
