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
    /// Every transition as it applies to one state, in declaration order of the transitions: a
    /// transition with several sources (`A | B + input`) or a wildcard (`_ + input`) appears once
    /// for every state it applies to, in state declaration order, and an `else` route right after
    /// the entry it belongs to. Entries of one declaration share their
    /// [`rule`](TransitionInfo::rule). A state has one entry per input unless the input's
    /// transitions are guarded; [`candidates`](Self::candidates) lists them in the order they are
    /// tried.
    pub transitions: &'a [TransitionInfo<'a>],
    /// The guards, in declaration order: pure conditions on the core and the input's arguments
    /// that transitions are guarded by.
    pub guards: &'a [GuardInfo<'a>],
    /// The compound states (`state On { initial state Idle; .. }`), in declaration order:
    /// states that group others and are never current themselves. Empty for a flat machine.
    pub compounds: &'a [CompoundInfo<'a>],
    /// The eventless transitions (`Checking [valid] => Approved;`), each as it applies to one
    /// state, in declaration order of the transitions, then of the states: taken, without an
    /// input, once a step has entered their source (in the order a state tries them: its own,
    /// then its compounds'). Empty for a machine without them.
    pub eventless: &'a [EventlessInfo<'a>],
}

/// A history target (`On.history`, `On.history*`): the transition enters compound `compound` at
/// the child (shallow) or the leaf (deep) the machine was in when it last left it; its
/// [`target`](TransitionInfo::target) is the leaf entered before the compound was ever left.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct HistoryTarget {
    /// The compound (an index in [`Description::compounds`]).
    pub compound: usize,
    /// `*`: the leaf last active, rather than the child holding it.
    pub deep: bool,
}

impl HistoryTarget {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(compound: usize, deep: bool) -> Self {
        Self { compound, deep }
    }
}

/// An eventless transition as it applies to one state: once a step has entered `source`, the
/// machine moves on to `target` by itself when the guard holds (always, without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct EventlessInfo<'a> {
    /// Index of the source state in [`Description::states`].
    pub source: usize,
    /// Index of the target state in [`Description::states`] (for a history target, the leaf
    /// entered before its compound was ever left).
    pub target: usize,
    /// Indices of the outputs in [`Description::outputs`], in the order they run.
    pub outputs: &'a [usize],
    /// The guard expression as written, when guarded.
    pub guard: Option<&'a str>,
    /// The transition's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The declared transition this entry comes from, named by the position of its first entry
    /// in [`Description::eventless`].
    pub rule: usize,
    /// The compound state it is declared on, as for [`TransitionInfo::within`].
    pub within: Option<usize>,
    /// Whether the target is entered by its history.
    pub history: Option<HistoryTarget>,
}

impl<'a> EventlessInfo<'a> {
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::too_many_arguments)]
    pub const fn __new(
        source: usize,
        target: usize,
        outputs: &'a [usize],
        guard: Option<&'a str>,
        docs: &'a str,
        rule: usize,
        within: Option<usize>,
        history: Option<HistoryTarget>,
    ) -> Self {
        Self {
            source,
            target,
            outputs,
            guard,
            docs,
            rule,
            within,
            history,
        }
    }
}

/// A compound state: a state with states inside it, entered through its initial child.
/// [`StateInfo::parent`] and [`CompoundInfo::parent`] give the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct CompoundInfo<'a> {
    /// The compound state's name, as declared (`On`).
    pub name: &'a str,
    /// Its doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The compound it is declared in (an index in [`Description::compounds`]).
    pub parent: Option<usize>,
    /// Its entry actions (indices in [`Description::outputs`]), run when a transition enters
    /// it from outside.
    pub entry: &'a [usize],
    /// Its exit actions, run when a transition leaves it.
    pub exit: &'a [usize],
}

impl<'a> CompoundInfo<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(
        name: &'a str,
        docs: &'a str,
        parent: Option<usize>,
        entry: &'a [usize],
        exit: &'a [usize],
    ) -> Self {
        Self {
            name,
            docs,
            parent,
            entry,
            exit,
        }
    }
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
    /// The state's entry actions (indices in [`Description::outputs`]), in the order they run
    /// when a transition enters the state.
    pub entry: &'a [usize],
    /// The state's exit actions (indices in [`Description::outputs`]), in the order they run
    /// when a transition leaves the state.
    pub exit: &'a [usize],
    /// The data the state carries (`state Connected { conn: Connection }`): its fields' names and
    /// types as written, in order; empty for a state without data.
    pub fields: &'a [Param<'a>],
    /// The compound state it is declared in (an index in [`Description::compounds`]).
    pub parent: Option<usize>,
}

/// A guard of a machine: a pure condition (`&self` on the core, arguments by reference) that
/// decides between transitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct GuardInfo<'a> {
    /// The guard's name, as declared (`has_water`).
    pub name: &'a str,
    /// The guard's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The guard's parameters, in order; each is supplied by the input of the transition.
    pub params: &'a [Param<'a>],
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
    /// Whether it is an `async output` (the step awaits it).
    pub is_async: bool,
    /// How diagrams write it: its name, or `await name` for an async output.
    pub label: &'a str,
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

/// One transition as it applies to one state: in state `source`, input `input` moves the machine
/// to `target` and runs `outputs` in order (when its guard holds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
// Four independent facts of a declaration (`_` source, `_` target, `reenter`, `else` route), read
// one at a time by renderers: flags say it plainest.
#[allow(clippy::struct_excessive_bools)]
pub struct TransitionInfo<'a> {
    /// Index of the source state in [`Description::states`].
    pub source: usize,
    /// Index of the input in [`Description::inputs`].
    pub input: usize,
    /// Index of the target state in [`Description::states`].
    pub target: usize,
    /// Indices of the outputs in [`Description::outputs`], in the order they are listed; the
    /// first [`fallible`](Self::fallible) of them are fallible (`heat?`) and run before the step
    /// commits.
    pub outputs: &'a [usize],
    /// Whether this entry comes from a wildcard transition (`_ + input => target`).
    pub wildcard: bool,
    /// The transition's doc comment (empty when undocumented).
    pub docs: &'a str,
    /// The declared transition this entry comes from, named by the position of its first entry
    /// in [`Description::transitions`]: every entry of one declaration (several sources, a
    /// wildcard, its `else` route) has the same rule, so a diagram can draw it once.
    pub rule: usize,
    /// The guard expression as written (`has_water && !descaling`), when the transition is
    /// guarded.
    pub guard: Option<&'a str>,
    /// How many of the [`outputs`](Self::outputs), from the first, are fallible (`name?`).
    pub fallible: u8,
    /// Whether this entry is the `else` route of the entry before it: taken from the same source
    /// when one of that entry's fallible outputs fails.
    pub else_route: bool,
    /// Whether a self-loop is marked `reenter`: it exits and re-enters the state (running their
    /// exit and entry actions) where a plain self-loop does neither.
    pub reenter: bool,
    /// Whether the target was written `_` ("stay where you are"): `target` is then `source`.
    pub stays: bool,
    /// The compound state the transition is declared on (`On + open => DoorOpen`; an index in
    /// [`Description::compounds`]): it applies to each state inside it without a transition
    /// of its own on the input, and a diagram can draw it once, from the compound.
    pub within: Option<usize>,
    /// `=> On.history` or `On.history*`: the target is entered by its compound's history.
    pub history: Option<HistoryTarget>,
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
            guards: &[],
            compounds: &[],
            eventless: &[],
        }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_eventless(self, eventless: &'a [EventlessInfo<'a>]) -> Self {
        Self { eventless, ..self }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_guards(self, guards: &'a [GuardInfo<'a>]) -> Self {
        Self { guards, ..self }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_compounds(self, compounds: &'a [CompoundInfo<'a>]) -> Self {
        Self { compounds, ..self }
    }

    /// The compound states holding state `state` (an index in [`states`](Self::states)),
    /// innermost first, as indices in [`compounds`](Self::compounds).
    pub fn ancestors(&self, state: usize) -> impl Iterator<Item = usize> + 'a {
        let compounds: &'a [CompoundInfo<'a>] = self.compounds;
        let mut next = self.states.get(state).and_then(|s| s.parent);
        core::iter::from_fn(move || {
            let current = next?;
            next = compounds.get(current).and_then(|c| c.parent);
            Some(current)
        })
    }

    /// Whether a transition (or an eventless one) enters compound `compound` by its history,
    /// shallow (`deep == false`) or deep: a diagram then draws that history.
    #[must_use]
    pub fn enters_history(&self, compound: usize, deep: bool) -> bool {
        let wanted = Some(HistoryTarget::__new(compound, deep));
        self.transitions.iter().any(|t| t.history == wanted)
            || self.eventless.iter().any(|e| e.history == wanted)
    }

    /// The eventless transitions as declared: the first entry of each rule (see
    /// [`EventlessInfo::rule`]), with its position in [`eventless`](Self::eventless).
    pub fn eventless_rules(&self) -> impl Iterator<Item = (usize, &'a EventlessInfo<'a>)> + 'a {
        let eventless: &'a [EventlessInfo<'a>] = self.eventless;
        eventless
            .iter()
            .enumerate()
            .filter(|(position, e)| e.rule == *position)
    }

    /// The entries of the eventless rule that begins at `rule`, one per state it applies to.
    pub fn eventless_entries(
        &self,
        rule: usize,
    ) -> impl Iterator<Item = &'a EventlessInfo<'a>> + 'a {
        let eventless: &'a [EventlessInfo<'a>] = self.eventless;
        eventless.iter().filter(move |e| e.rule == rule)
    }

    /// The compound states holding compound `compound`, innermost first.
    pub fn ancestors_of_compound(&self, compound: usize) -> impl Iterator<Item = usize> + 'a {
        let compounds: &'a [CompoundInfo<'a>] = self.compounds;
        let mut next = compounds.get(compound).and_then(|c| c.parent);
        core::iter::from_fn(move || {
            let current = next?;
            next = compounds.get(current).and_then(|c| c.parent);
            Some(current)
        })
    }

    /// The initial state (always present in a description generated by `machine!`).
    #[must_use]
    pub fn initial_state(&self) -> Option<&'a StateInfo<'a>> {
        let states: &'a [StateInfo<'a>] = self.states;
        states.iter().find(|s| s.initial)
    }

    /// The transition taken from state `source` on input `input` (indices), if any: the one
    /// tried first, when the input's transitions there are guarded.
    #[must_use]
    pub fn transition(&self, source: usize, input: usize) -> Option<&'a TransitionInfo<'a>> {
        let transitions: &'a [TransitionInfo<'a>] = self.transitions;
        self.transition_index(source, input)
            .map(|index| &transitions[index])
    }

    /// The position in [`transitions`](Self::transitions) of the transition taken from state
    /// `source` on input `input` (indices), if any: the one tried first, when the input's
    /// transitions there are guarded.
    #[must_use]
    pub fn transition_index(&self, source: usize, input: usize) -> Option<usize> {
        self.candidate_index(source, input, 0, false)
    }

    /// The transitions of state `source` on input `input` (indices), in the order a step tries
    /// them: the state's own, in declaration order, then the wildcards (`_ + input`). The first
    /// whose guard holds (an unguarded one always does) is taken. `else` routes are not listed.
    pub fn candidates(
        &self,
        source: usize,
        input: usize,
    ) -> impl Iterator<Item = &'a TransitionInfo<'a>> + 'a {
        let transitions: &'a [TransitionInfo<'a>] = self.transitions;
        let of = move |wildcard: bool| {
            transitions.iter().filter(move |t| {
                t.source == source && t.input == input && !t.else_route && t.wildcard == wildcard
            })
        };
        of(false).chain(of(true))
    }

    /// The position in [`transitions`](Self::transitions) of the `candidate`-th transition of
    /// state `source` on input `input` (see [`candidates`](Self::candidates)), or of its `else`
    /// route when `else_route` is set.
    #[must_use]
    pub fn candidate_index(
        &self,
        source: usize,
        input: usize,
        candidate: usize,
        else_route: bool,
    ) -> Option<usize> {
        let chosen = self.candidates(source, input).nth(candidate)?;
        let position = self
            .transitions
            .iter()
            .position(|t| core::ptr::eq(t, chosen))?;
        if !else_route {
            return Some(position);
        }
        self.transitions
            .get(position + 1)
            .filter(|t| t.else_route && t.rule == chosen.rule)
            .map(|_| position + 1)
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

    /// [`__table`](Self::__table) for a machine with entry or exit actions: `actions[i]` holds
    /// state `i`'s entry and exit actions.
    #[doc(hidden)]
    #[must_use]
    pub const fn __table_with_actions<const N: usize>(
        names: [&'a str; N],
        docs: [&'a str; N],
        flags: [u8; N],
        actions: [(&'a [usize], &'a [usize]); N],
    ) -> [Self; N] {
        let mut table = Self::__table(names, docs, flags);
        let mut i = 0;
        while i < N {
            table[i].entry = actions[i].0;
            table[i].exit = actions[i].1;
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
            entry: &[],
            exit: &[],
            fields: &[],
            parent: None,
        }
    }

    /// `table` with each state's parent, for generated code.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_parents<const N: usize>(
        mut table: [Self; N],
        parents: [Option<usize>; N],
    ) -> [Self; N] {
        let mut i = 0;
        while i < N {
            table[i].parent = parents[i];
            i += 1;
        }
        table
    }

    /// The state inside compound `parent`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __parent(self, parent: Option<usize>) -> Self {
        Self { parent, ..self }
    }

    /// `table` with each state's fields, for generated code: `fields[i]` are state `i`'s.
    #[doc(hidden)]
    #[must_use]
    pub const fn __with_fields<const N: usize>(
        mut table: [Self; N],
        fields: [&'a [Param<'a>]; N],
    ) -> [Self; N] {
        let mut i = 0;
        while i < N {
            table[i].fields = fields[i];
            i += 1;
        }
        table
    }

    /// The state with `fields`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __fields(self, fields: &'a [Param<'a>]) -> Self {
        Self { fields, ..self }
    }

    #[doc(hidden)]
    #[must_use]
    pub const fn __with_actions(self, entry: &'a [usize], exit: &'a [usize]) -> Self {
        Self {
            entry,
            exit,
            ..self
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
            is_async: false,
            label: name,
        }
    }

    /// An async output, drawn as `label` (`await name`).
    #[doc(hidden)]
    #[must_use]
    pub const fn __async(self, label: &'a str) -> Self {
        Self {
            is_async: true,
            label,
            ..self
        }
    }
}

impl<'a> GuardInfo<'a> {
    #[doc(hidden)]
    #[must_use]
    pub const fn __new(name: &'a str, docs: &'a str, params: &'a [Param<'a>]) -> Self {
        Self { name, docs, params }
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
    /// target, outputs, flags, docs]`, where `outputs` indexes `output_lists` and `docs` indexes
    /// `docs`. `flags` packs the rest (0 for a plain transition): bit 0 a wildcard, bit 1 `stays`,
    /// bit 2 `reenter`, bit 3 an `else` route, bits 4 to 9 the count of fallible outputs, bits 10
    /// and 11 how many rows back the entry's rule began (0: at this row), and from bit 12 the
    /// guard, 0 for none or 1 + an index into `guards` (the expressions as written). Integer rows
    /// cost the compiler far less than one constructor call per transition, which matters for
    /// machines with thousands of them.
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // `fallible` is masked to 6 bits
    pub const fn __table<const N: usize>(
        rows: [[usize; 6]; N],
        output_lists: &'a [&'a [usize]],
        docs: &'a [&'a str],
        guards: &'a [&'a str],
    ) -> [Self; N] {
        let mut table = [Self::__new(0, 0, 0, &[], false, ""); N];
        let mut i = 0;
        while i < N {
            let [source, input, target, outputs, flags, doc] = rows[i];
            // One literal per row, no calls: the compiler evaluates this loop for every row of
            // every machine, so each step it saves counts.
            let guard = flags >> 12;
            table[i] = Self {
                source,
                input,
                target,
                outputs: output_lists[outputs],
                wildcard: flags & 1 != 0,
                docs: docs[doc],
                rule: if flags & (3 << 10) == 0 {
                    i
                } else {
                    table[i - 1].rule
                },
                guard: if guard == 0 {
                    None
                } else {
                    Some(guards[guard - 1])
                },
                fallible: ((flags >> 4) & 63) as u8,
                else_route: flags & 8 != 0,
                reenter: flags & 4 != 0,
                stays: flags & 2 != 0,
                within: None,
                history: None,
            };
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
            rule: 0,
            guard: None,
            fallible: 0,
            else_route: false,
            reenter: false,
            stays: false,
            within: None,
            history: None,
        }
    }

    /// `table` with the history targets of the listed entries: `(entry, compound, deep)`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __histories<const N: usize, const M: usize>(
        mut table: [Self; N],
        histories: [(usize, usize, bool); M],
    ) -> [Self; N] {
        let mut i = 0;
        while i < M {
            let (entry, compound, deep) = histories[i];
            table[entry].history = Some(HistoryTarget::__new(compound, deep));
            i += 1;
        }
        table
    }

    /// The entry with history target `history`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __history(self, history: Option<HistoryTarget>) -> Self {
        Self { history, ..self }
    }

    /// `table` with the compound each listed entry is declared on: `(entry, compound)` pairs.
    #[doc(hidden)]
    #[must_use]
    pub const fn __within<const N: usize, const M: usize>(
        mut table: [Self; N],
        within: [(usize, usize); M],
    ) -> [Self; N] {
        let mut i = 0;
        while i < M {
            table[within[i].0].within = Some(within[i].1);
            i += 1;
        }
        table
    }

    /// The entry declared on compound `within`.
    #[doc(hidden)]
    #[must_use]
    pub const fn __declared_within(self, within: Option<usize>) -> Self {
        Self { within, ..self }
    }

    /// The v0.2 parts of an entry: its rule, guard, and the low bits of `flags` as in
    /// [`__table`](Self::__table).
    #[doc(hidden)]
    #[must_use]
    #[allow(clippy::cast_possible_truncation)] // `fallible` is masked to 6 bits
    pub const fn __with(self, rule: usize, guard: Option<&'a str>, flags: usize) -> Self {
        Self {
            rule,
            guard,
            wildcard: flags & 1 != 0,
            stays: flags & 2 != 0,
            reenter: flags & 4 != 0,
            else_route: flags & 8 != 0,
            fallible: ((flags >> 4) & 63) as u8,
            ..self
        }
    }
}
