//! Checks over the whole transition graph: reachability, dead ends, unused declarations. They
//! run only on a sound graph (see `graph_is_sound`), so that they never echo another error.

use std::collections::HashSet;
use std::fmt::Write as _;
use syn::ext::IdentExt as _;

use super::super::errors::Errors;
use super::super::model::{Edge, Machine, Source};
use super::super::suggest;

/// Which states some sequence of inputs reaches from the initial state, or from a state marked
/// `#[allow(unreachable)]` (it is entered another way, so what follows it is reachable too).
/// `redirect` replaces the target of one transition, to try out a fix.
pub fn reachable_states(
    machine: &Machine,
    edges: &[Edge],
    redirect: Option<(usize, usize)>,
) -> Vec<bool> {
    let mut reachable = vec![false; machine.states.len()];
    let mut queue: Vec<usize> = machine
        .states
        .iter()
        .enumerate()
        .filter(|(i, s)| Some(*i) == machine.initial_state() || s.allows.has("unreachable"))
        .map(|(i, _)| i)
        .collect();
    for &s in &queue {
        reachable[s] = true;
    }
    // Edges by source, so that the search is linear in the size of the machine.
    let mut leaving: Vec<Vec<&Edge>> = vec![Vec::new(); machine.states.len()];
    for edge in edges {
        leaving[edge.source].push(edge);
    }
    while let Some(state) = queue.pop() {
        // Eventless transitions leave as soon as the state is entered.
        for k in machine.eventless_of(state) {
            for target in machine.targets_from(&machine.eventless[k], state) {
                if !reachable[target] {
                    reachable[target] = true;
                    queue.push(target);
                }
            }
        }
        for edge in &leaving[state] {
            let t = &machine.transitions[edge.transition];
            let target = match redirect {
                Some((transition, target)) if transition == edge.transition => target,
                _ => t.target_from(state),
            };
            // A failing fallible output may send the step to the `else` route's target instead.
            let diverted = t.otherwise.as_ref().map(|e| e.target.from(state));
            for target in std::iter::once(target).chain(diverted) {
                if !reachable[target] {
                    reachable[target] = true;
                    queue.push(target);
                }
            }
        }
    }
    reachable
}

/// `initial state A; state B; input go(); A + go => A;` (nothing ever leads to `B`)
pub fn check_unreachable_states(
    machine: &Machine,
    edges: &[Edge],
    reachable: &[bool],
    errors: &mut Errors,
) {
    let initial = machine
        .initial_state()
        .map(|s| machine.states[s].name.unraw().to_string())
        .unwrap_or_default();
    for (index, state) in machine.states.iter().enumerate() {
        if reachable[index] {
            continue;
        }
        let mut message = format!("state `{}` is unreachable: no sequence of inputs leads to it from the initial state `{initial}`", state.name);
        // Transitions into it from states that are unreachable themselves.
        let from_unreachable: Vec<String> = edges
            .iter()
            .filter(|e| {
                machine.transitions[e.transition].target_from(e.source) == index
                    && e.source != index
            })
            .map(|e| {
                format!(
                    "{} + {}",
                    machine.states[e.source].name, machine.inputs[e.input].name
                )
            })
            .collect();
        if !from_unreachable.is_empty() {
            message.push_str(" (it is entered only by ");
            suggest::list(&mut message, &from_unreachable);
            message.push_str(", from unreachable states)");
        }
        // A reachable transition into a state with a similar name was probably meant for this one
        // if sending it here instead makes this state reachable and keeps its old target reachable.
        let wanted = state.name.unraw().to_string();
        let probable = edges.iter().find(|e| {
            let old_target = machine.transitions[e.transition].target_from(e.source);
            if !reachable[e.source] || old_target == index {
                return false;
            }
            if !suggest::alike(
                &wanted,
                &machine.states[old_target].name.unraw().to_string(),
            ) {
                return false;
            }
            let fixed = reachable_states(machine, edges, Some((e.transition, index)));
            fixed[index] && fixed[old_target]
        });
        if let Some(edge) = probable {
            let t = &machine.transitions[edge.transition];
            let _ = write!(
                message,
                "; did you mean `{} + {} => {}`? it goes to `{}` now",
                machine.states[edge.source].name,
                machine.inputs[edge.input].name,
                state.name,
                machine.states[t.target_from(edge.source)].name
            );
        } else {
            let allow = if machine.user_data.is_some() {
                "#[machine(allow(unreachable))]"
            } else {
                "#[allow(unreachable)]"
            };
            let _ = write!(
                message,
                "; add a transition into it, or mark it `{allow}` if it is entered another way \
                 (such as a restored snapshot)",
            );
        }
        errors.at(&state.name, message);
    }
}

/// `initial state A; state B; input go(); A + go => B;` (nothing leaves `B`, and it is not `final`)
pub fn check_dead_ends(machine: &Machine, edges: &[Edge], reachable: &[bool], errors: &mut Errors) {
    let mut has_exit = vec![false; machine.states.len()];
    for edge in edges {
        has_exit[edge.source] = true;
    }
    for (state, exit) in has_exit.iter_mut().enumerate() {
        *exit |= !machine.eventless_of(state).is_empty();
    }
    for (index, state) in machine.states.iter().enumerate() {
        // An unreachable state is reported as such; a dead end there would be the same mistake.
        if state.final_.is_some() || !reachable[index] || has_exit[index] {
            continue;
        }
        // The state the machine starts in cannot be `final` (`initial final state` is refused):
        // only a transition helps.
        let message = if state.initial.is_some() && state.parent.is_none() {
            format!(
                "state `{name}` is a dead end: the machine starts there and no transition leaves \
                 it, so no input could ever be taken; add a transition from it, as in \
                 `{name} + go => {name};`",
                name = state.name
            )
        } else {
            let final_ = if machine.user_data.is_some() {
                format!("mark it `#[machine(final)] {}`", state.name)
            } else {
                format!("declare it `final state {};`", state.name)
            };
            format!(
                "state `{name}` is a dead end: no transition leaves it, so the machine would be stuck there; \
                 {final_} if the machine ends there, or add a transition from it",
                name = state.name
            )
        };
        errors.at(&state.name, message);
    }
}

/// `input go();` that no transition takes, or that only unreachable states take.
pub fn check_unused_inputs(
    machine: &Machine,
    edges: &[Edge],
    reachable: &[bool],
    errors: &mut Errors,
) {
    for (index, input) in machine.inputs.iter().enumerate() {
        // A repeated declaration is reported as such; transitions resolve to the first one.
        let repeated = machine.inputs[..index].iter().any(|i| i.name == input.name);
        if input.allows.has("unused") || repeated {
            continue;
        }
        let sources: Vec<usize> = edges
            .iter()
            .filter(|e| e.input == index)
            .map(|e| e.source)
            .collect();
        if sources.is_empty() {
            errors.at(
                &input.name,
                format!(
                    "input `{name}` is never used: no transition takes it; add one (`State + {name} => Target;`), \
                     remove the input, or mark it `#[allow(unused)]`",
                    name = input.name
                ),
            );
        } else if !sources.iter().any(|&s| reachable[s]) {
            let names: Vec<String> = sources
                .iter()
                .map(|&s| machine.states[s].name.unraw().to_string())
                .collect();
            let mut message = format!(
                "input `{}` is accepted only by unreachable states (",
                input.name
            );
            suggest::list(&mut message, &names);
            message.push_str("), so calling it always fails; make one of them reachable or take the input elsewhere");
            errors.at(&input.name, message);
        }
    }
}

/// `output beep();` that no transition runs (as an output, an `else` output, or a state's entry
/// or exit action).
pub fn check_unused_outputs(machine: &Machine, errors: &mut Errors) {
    let mut used = vec![false; machine.outputs.len()];
    for t in machine.transitions.iter().chain(&machine.eventless) {
        for u in t.uses() {
            used[u.output] = true;
        }
    }
    for state in &machine.states {
        for u in state.entry.iter().chain(&state.exit) {
            used[u.output] = true;
        }
    }
    for compound in &machine.compounds {
        for u in compound.entry.iter().chain(&compound.exit) {
            used[u.output] = true;
        }
    }
    let mut names = HashSet::new();
    for (index, output) in machine.outputs.iter().enumerate() {
        // A repeated declaration is reported as a duplicate.
        let repeated = !names.insert(output.name.unraw().to_string());
        if !used[index] && !repeated && !output.allows.has("unused") {
            errors.at(
                &output.name,
                format!(
                    "output `{name}` is never used: no transition runs it; list it after a transition's `/`, \
                     remove the output, or mark it `#[allow(unused)]`",
                    name = output.name
                ),
            );
        }
    }
}

/// `guard full();` that no transition is guarded by.
pub fn check_unused_guards(machine: &Machine, errors: &mut Errors) {
    let mut used = vec![false; machine.guards.len()];
    let mut names = Vec::new();
    for t in machine.transitions.iter().chain(&machine.eventless) {
        if let Some(guard) = &t.guard {
            names.clear();
            guard.expr.names(&mut names);
            for (g, _) in &names {
                used[*g] = true;
            }
        }
    }
    let mut seen = HashSet::new();
    for (index, guard) in machine.guards.iter().enumerate() {
        let repeated = !seen.insert(guard.name.unraw().to_string());
        // A guard named like an output is reported by the name check, which is the real fault.
        let named_like_output = machine
            .outputs
            .iter()
            .any(|output| output.name.unraw() == guard.name.unraw());
        if !used[index] && !repeated && !named_like_output && !guard.allows.has("unused") {
            errors.at(
                &guard.name,
                format!(
                    "guard `{name}` is never used: no transition is guarded by it; name it in a transition's \
                     brackets (`State + input [{name}] => Target;`), remove it, or mark it `#[allow(unused)]`",
                    name = guard.name
                ),
            );
        }
    }
}

/// `A + go => B; B + go => A; _ + go => A;` (every state already has its own transition on `go`)
pub fn check_wildcards_that_cover_nothing(machine: &Machine, edges: &[Edge], errors: &mut Errors) {
    let mut applies = vec![false; machine.transitions.len()];
    for edge in edges {
        applies[edge.transition] = true;
    }
    for (index, t) in machine.transitions.iter().enumerate() {
        let Source::Any(span) = t.source else {
            continue;
        };
        if applies[index] {
            continue;
        }
        errors.span(
            span,
            format!(
                "the wildcard `_ + {input}` applies to no state: every non-final state has a transition of its own \
                 on `{input}`; remove it",
                input = t.input_name
            ),
        );
    }
}
