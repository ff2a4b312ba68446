//! The static description of a machine: what the `machine!` macro declared, as plain data.
//!
//! The macro emits one [`Description`] per machine as a `const`, so diagrams, documentation and
//! error messages are drawn from the same declaration as the transition code and cannot drift
//! from it. Every part is `Copy`; nothing allocates.
//!
//! Generated descriptions are `Description<'static>` constants; the lifetime lets a description
//! borrow from anything else, such as the macro's own model when it renders a diagram into the
//! machine's documentation while it expands.
//!
//! All structs are `#[non_exhaustive]`: fields are public to read, and new ones (guards, entry and
//! exit actions, state data) can be added without breaking readers. Only generated code builds
//! them, through the hidden `const fn` constructors.

/// A machine, as declared: its name, documentation, states, inputs, outputs and transitions.
///
/// Indices in [`TransitionInfo`] refer to positions in [`states`](Self::states),
/// [`inputs`](Self::inputs) and [`outputs`](Self::outputs). Every list is in declaration order,
/// so everything rendered from a description is deterministic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Description<'a> {
    /// The machine's name, as declared (`CoffeeBrewer`).
    pub name: &'a str,
    /// The machine's doc comment, lines joined with `\n` (empty when undocumented).
    pub docs: &'a str,
    /// The states, in declaration order.
    pub states: &'a [StateInfo<'a>],
    /// The inputs, in declaration order.
    pub inputs: &'a [InputInfo<'a>],
    /// The outputs, in declaration order.
    pub outputs: &'a [OutputInfo<'a>],
    /// Every `(state, input)` pair that has a transition, one entry each, in declaration order
    /// of the transitions; a wildcard transition (`_ + input`) appears once for every state it
    /// applies to, in state declaration order.
    pub transitions: &'a [TransitionInfo<'a>],
}

/// A state of a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct StateInfo<'a> {
    /// The state's name, as declared (`Brewing`).
    pub name: &'a str,
    /// The state's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// Whether the machine starts in this state. Exactly one state of a machine is initial.
    pub initial: bool,
    /// Whether the state is final: declared `final state`, it accepts no input.
    pub is_final: bool,
}

/// An input of a machine: a method the user calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InputInfo<'a> {
    /// The input's name, as declared (`put_in_beans`).
    pub name: &'a str,
    /// The input's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The input's parameters, in order.
    pub params: &'a [Param<'a>],
    /// The input's return type as written (`Cup`), or `None` when it returns `()`.
    pub returns: Option<&'a str>,
}

/// An output of a machine: a side effect, implemented by the user's core type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct OutputInfo<'a> {
    /// The output's name, as declared (`heat`).
    pub name: &'a str,
    /// The output's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The output's parameters, in order; each is supplied by the input of the transition.
    pub params: &'a [Param<'a>],
    /// The output's return type as written, or `None` when it returns `()`.
    pub returns: Option<&'a str>,
}

/// A parameter of an input or output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Param<'a> {
    /// The parameter's name (`beans`).
    pub name: &'a str,
    /// The parameter's type as written (`Vec<Bean>`).
    pub ty: &'a str,
}

/// One transition: in state `source`, input `input` moves the machine to `target` and runs
/// `outputs` in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct TransitionInfo<'a> {
    /// Index of the source state in [`Description::states`].
    pub source: usize,
    /// Index of the input in [`Description::inputs`].
    pub input: usize,
    /// Index of the target state in [`Description::states`].
    pub target: usize,
    /// Indices of the outputs in [`Description::outputs`], in the order they run.
    pub outputs: &'a [usize],
    /// Whether this entry comes from a wildcard transition (`_ + input => target`).
    pub wildcard: bool,
    /// The transition's doc comment (empty when undocumented).
    pub docs: &'a str,
}

impl<'a> Description<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        name: &'a str,
        docs: &'a str,
        states: &'a [StateInfo<'a>],
        inputs: &'a [InputInfo<'a>],
        outputs: &'a [OutputInfo<'a>],
        transitions: &'a [TransitionInfo<'a>],
    ) -> Self {
        Self {
            name,
            docs,
            states,
            inputs,
            outputs,
            transitions,
        }
    }

    /// The initial state (always present in a description generated by `machine!`).
    #[must_use]
    pub fn initial_state(&self) -> Option<&'a StateInfo<'a>> {
        let states: &'a [StateInfo<'a>] = self.states;
        states.iter().find(|s| s.initial)
    }

    /// The transition taken from state `source` on input `input` (indices), if any.
    #[must_use]
    pub fn transition(&self, source: usize, input: usize) -> Option<&'a TransitionInfo<'a>> {
        let transitions: &'a [TransitionInfo<'a>] = self.transitions;
        self.transition_index(source, input)
            .map(|index| &transitions[index])
    }

    /// The position in [`transitions`](Self::transitions) of the transition taken from state
    /// `source` on input `input` (indices), if any.
    #[must_use]
    pub fn transition_index(&self, source: usize, input: usize) -> Option<usize> {
        self.transitions
            .iter()
            .position(|t| t.source == source && t.input == input)
    }

    /// The index of the state named `name`, if the machine declares one.
    #[must_use]
    pub fn state_index(&self, name: &str) -> Option<usize> {
        self.states.iter().position(|s| s.name == name)
    }

    /// The index of the input named `name`, if the machine declares one.
    #[must_use]
    pub fn input_index(&self, name: &str) -> Option<usize> {
        self.inputs.iter().position(|i| i.name == name)
    }
}

impl<'a> StateInfo<'a> {
    /// `N` states from parallel arrays, for generated code (see [`TransitionInfo::__table`]):
    /// `flags` has bit 0 for the initial state and bit 1 for a final one.
    #[doc(hidden)]
    #[must_use]
    pub const fn __table<const N: usize>(
        names: [&'a str; N],
        docs: [&'a str; N],
        flags: [u8; N],
    ) -> [Self; N] {
        let mut table = [Self::__new("", "", false, false); N];
        let mut i = 0;
        while i < N {
            table[i] = Self::__new(names[i], docs[i], flags[i] & 1 != 0, flags[i] & 2 != 0);
            i += 1;
        }
        table
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __new(name: &'a str, docs: &'a str, initial: bool, is_final: bool) -> Self {
        Self {
            name,
            docs,
            initial,
            is_final,
        }
    }
}

impl<'a> InputInfo<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        name: &'a str,
        docs: &'a str,
        params: &'a [Param<'a>],
        returns: Option<&'a str>,
    ) -> Self {
        Self {
            name,
            docs,
            params,
            returns,
        }
    }
}

impl<'a> OutputInfo<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        name: &'a str,
        docs: &'a str,
        params: &'a [Param<'a>],
        returns: Option<&'a str>,
    ) -> Self {
        Self {
            name,
            docs,
            params,
            returns,
        }
    }
}

impl<'a> Param<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(name: &'a str, ty: &'a str) -> Self {
        Self { name, ty }
    }
}

impl<'a> TransitionInfo<'a> {
    /// `N` transitions from a compact table, for generated code: each row is `[source, input,
    /// target, outputs, wildcard, docs]`, where `outputs` indexes `output_lists`, `docs` indexes
    /// `docs`, and `wildcard` is 0 or 1. Integer rows cost the compiler far less than one
    /// constructor call per transition, which matters for machines with thousands of them.
    #[doc(hidden)]
    #[must_use]
    pub const fn __table<const N: usize>(
        rows: [[usize; 6]; N],
        output_lists: &'a [&'a [usize]],
        docs: &'a [&'a str],
    ) -> [Self; N] {
        let mut table = [Self::__new(0, 0, 0, &[], false, ""); N];
        let mut i = 0;
        while i < N {
            let [source, input, target, outputs, wildcard, doc] = rows[i];
            table[i] = Self::__new(
                source,
                input,
                target,
                output_lists[outputs],
                wildcard == 1,
                docs[doc],
            );
            i += 1;
        }
        table
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        source: usize,
        input: usize,
        target: usize,
        outputs: &'a [usize],
        wildcard: bool,
        docs: &'a str,
    ) -> Self {
        Self {
            source,
            input,
            target,
            outputs,
            wildcard,
            docs,
        }
    }
}
