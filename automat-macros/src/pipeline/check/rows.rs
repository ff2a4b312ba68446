//! Checks of the transitions themselves: their sources, which of them a step could never take,
//! their guards, fallible outputs and `else` routes, `reenter`, and the states' entry and exit
//! actions.

use std::collections::{HashMap, HashSet};
use syn::ext::IdentExt as _;

use super::super::errors::Errors;
use super::super::model::{
    error_text, result_parts, type_text, Machine, OutputUse, Source, Target, Transition,
};
use super::{pair_text, source_tokens};

/// `final state Done; Done + retry => Running;`
pub fn check_transitions_from_final_states(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        for &(source, span) in t.sources() {
            let state = &machine.states[source];
            if state.final_.is_some() {
                errors.span(
                    span,
                    format!(
                        "state `{}` is `final`, so it accepts no input; remove this transition, or remove `final` from `{}`",
                        state.name, state.name
                    ),
                );
            }
        }
    }
}

/// `Cart | Cart + pay => Paid;`
pub fn check_sources_listed_once(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let mut seen = HashSet::new();
        for &(source, span) in t.sources() {
            if !seen.insert(source) {
                errors.span(
                    span,
                    format!(
                        "state `{}` is listed twice in the sources of this transition; remove one of them",
                        machine.states[source].name
                    ),
                );
            }
        }
    }
}

/// The transitions a step tries at one level, in declaration order: a state's own on an input,
/// at `state * inputs + input`, then the wildcards on each input, at `states * inputs + input`.
/// (A state listed twice in one transition's sources counts once.)
pub fn levels(machine: &Machine) -> Vec<Vec<usize>> {
    let inputs = machine.inputs.len();
    let pairs = machine.states.len() * inputs;
    let mut levels: Vec<Vec<usize>> =
        vec![Vec::new(); pairs + inputs + machine.compounds.len() * inputs];
    for (index, t) in machine.transitions.iter().enumerate() {
        match &t.source {
            Source::States(states) => {
                for &(state, _) in states {
                    let level = &mut levels[state * inputs + t.input];
                    if level.last() != Some(&index) {
                        level.push(index);
                    }
                }
            }
            Source::Any(_) => levels[pairs + t.input].push(index),
            Source::Within(c, _) => levels[pairs + inputs + c * inputs + t.input].push(index),
        }
    }
    levels
}

/// The state of level `level` (`None` for the wildcards).
fn level_state(machine: &Machine, level: usize) -> Option<usize> {
    let inputs = machine.inputs.len().max(1);
    (level < machine.states.len() * inputs).then_some(level / inputs)
}

/// `Ready + brew => Brewing; Ready + brew => Broken;`, `_ + kick => A; _ + kick => B;` and
/// `Ready + brew => Ready; Ready + brew [has_water] => Brewing;`: a transition after one without
/// a guard, at the same level (the state's own transitions, or the wildcards), is never tried.
///
/// An explicit transition overrides a wildcard one on the same input (see `Machine::plans`), so
/// only transitions of one level can shadow each other. Returns whether any was reported.
pub fn check_shadowed_transitions(
    machine: &Machine,
    levels: &[Vec<usize>],
    errors: &mut Errors,
) -> bool {
    let mut reported = HashSet::new();
    for (level, list) in levels.iter().enumerate() {
        let state = level_state(machine, level);
        let Some(position) = list
            .iter()
            .position(|&t| machine.transitions[t].guard.is_none())
        else {
            continue;
        };
        let first = &machine.transitions[list[position]];
        for &later in &list[position + 1..] {
            if !reported.insert(later) {
                continue;
            }
            let t = &machine.transitions[later];
            let source = state.map_or_else(
                || "_".to_owned(),
                |s| machine.states[s].name.unraw().to_string(),
            );
            let target_of = |t: &Transition| match (t.target, state) {
                (Target::State(s), _) | (Target::Stay, Some(s)) => {
                    format!("`{}`", machine.states[s].name)
                }
                (Target::Stay, None) => "the state it is in (`_`)".to_owned(),
            };
            let message = if t.guard.is_none() {
                format!(
                    "`{source} + {input}` is given twice: the earlier transition goes to {first_target}, this one to \
                     {target}; a state takes one transition per input unless guards choose between them, so remove one \
                     of them or guard the earlier one (`{source} + {input} [guard] => ..`)",
                    input = t.input_name,
                    first_target = target_of(first),
                    target = target_of(t),
                )
            } else {
                format!(
                    "this transition is never tried: `{source} + {input} => {first_target}` before it has no guard, \
                     so it always wins; move this guarded transition above it",
                    input = t.input_name,
                    first_target = first.target.text(machine),
                )
            };
            errors.at(source_tokens(t), message);
        }
    }
    !reported.is_empty()
}

/// `Ready + brew [has_water] => Brewing; Ready + brew [has_water] => Ready;` (the second is tried
/// only when `has_water` did not hold, so it never runs)
pub fn check_repeated_guards(machine: &Machine, levels: &[Vec<usize>], errors: &mut Errors) {
    let mut reported = HashSet::new();
    for (level, list) in levels.iter().enumerate() {
        if list.len() < 2 {
            continue;
        }
        let state = level_state(machine, level);
        let mut seen: HashMap<&super::super::model::GuardExpr, usize> = HashMap::new();
        for &index in list {
            let Some(guard) = &machine.transitions[index].guard else {
                continue;
            };
            match seen.get(&guard.expr) {
                Some(&first) if reported.insert(index) => {
                    let t = &machine.transitions[index];
                    let source = state.map_or_else(
                        || "_".to_owned(),
                        |s| machine.states[s].name.unraw().to_string(),
                    );
                    errors.at(
                        &guard.tokens,
                        format!(
                            "`{source} + {input}` is guarded by `{expr}` twice: this transition is tried only when \
                             the earlier one's guard did not hold (it goes to `{first_target}`), so it never runs; \
                             give it another guard or remove it",
                            input = t.input_name,
                            expr = guard.expr.text(machine),
                            first_target = machine.transitions[first].target.text(machine),
                        ),
                    );
                }
                Some(_) => {}
                None => {
                    seen.insert(&guard.expr, index);
                }
            }
        }
    }
}

/// `heat?` on an output that returns no `Result`; a fallible output listed after one that is not;
/// two fallible outputs of one input that fail with different error types; `else` without a
/// fallible output.
pub fn check_fallible_outputs(machine: &Machine, errors: &mut Errors) {
    // The first fallible output of each input, with its error type as written.
    let mut errors_of: HashMap<usize, (&OutputUse, String)> = HashMap::new();
    for t in &machine.transitions {
        let mut infallible_before: Option<&OutputUse> = None;
        // The fallible producers of the target's fields (`{ conn = open? }`) run first, wherever
        // they are written; then the transition's outputs, the fallible ones listed first.
        let producers = t.producers().filter(|u| u.fallible.is_some());
        for (used, producer) in producers
            .map(|u| (u, true))
            .chain(t.outputs.iter().map(|u| (u, false)))
        {
            let output = &machine.outputs[used.output];
            if used.fallible.is_none() {
                infallible_before.get_or_insert(used);
                continue;
            }
            let Some(ret) = output.ret.as_ref().filter(|ty| result_parts(ty).is_some()) else {
                let returns = output.ret.as_ref().map_or_else(
                    || "returns nothing".to_owned(),
                    |ty| format!("returns `{}`, not a `Result`", type_text(ty)),
                );
                let ok = output
                    .ret
                    .as_ref()
                    .map_or_else(|| "()".to_owned(), type_text);
                // On the `?`, which is what the fix removes (or what the declaration must justify).
                let at = used.fallible.unwrap_or_else(|| used.name.span());
                errors.span(
                    at,
                    format!(
                        "output `{name}` {returns}, so `?` has no failure to catch; declare it \
                         `output {name}(..) -> Result<{ok}, E>;`, or remove the `?`",
                        name = used.name
                    ),
                );
                continue;
            };
            if let Some(before) = infallible_before.filter(|_| !producer) {
                errors.at(
                    &used.name,
                    format!(
                        "fallible output `{name}?` runs before the step commits, ahead of every output that is not \
                         fallible; list it before `{before}`",
                        name = used.name,
                        before = before.name
                    ),
                );
            }
            let error = error_text(ret);
            match errors_of.get(&t.input) {
                Some((first, first_error)) if *first_error != error => errors.at(
                    &used.name,
                    format!(
                        "input `{input}` fails with `{first_error}` through `{first}` but with `{error}` through \
                         `{name}`; an input has one error type, so make both outputs fail with the same type (an \
                         enum of both)",
                        input = t.input_name,
                        first = first.name,
                        name = used.name,
                    ),
                ),
                Some(_) => {}
                None => {
                    errors_of.insert(t.input, (used, error));
                }
            }
        }
        if let Some(otherwise) = &t.otherwise {
            if t.tries().next().is_none() {
                errors.span(
                    otherwise.span,
                    format!(
                        "`else` routes the failure of a fallible output, but `{pair}` has none; mark the output that \
                         can fail with `?` (as in `/ heat?`), or remove the `else` route",
                        pair = pair_text(machine, t)
                    ),
                );
            }
        }
    }
}

/// `A + x => reenter B;` (`reenter` is for a self-loop, which otherwise neither exits nor enters)
pub fn check_reenter(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let Some(span) = t.reenter else { continue };
        let Target::State(target) = t.target else {
            continue; // `=> reenter _` always loops
        };
        let elsewhere = match &t.source {
            Source::States(states) => states.iter().find(|&&(s, _)| s != target).map(|&(s, _)| s),
            // A wildcard applies to other states than its target, unless it is the only state.
            Source::Any(_) => (0..machine.states.len()).find(|&s| s != target),
            // `Working + x => reenter Working` re-enters the compound: its leaves differ.
            Source::Within(..) => None,
        };
        if let Some(source) = elsewhere {
            errors.span(
                span,
                format!(
                    "`reenter` marks a self-loop that exits and re-enters its state, but from `{source}` this \
                     transition goes to `{target}`, which always exits and enters; remove `reenter`{hint}",
                    source = machine.states[source].name,
                    target = machine.states[target].name,
                    hint = if matches!(t.source, Source::Any(_)) {
                        ", or write `=> reenter _` to re-enter whichever state the machine is in"
                    } else {
                        ""
                    },
                ),
            );
        }
    }
}

/// `state Heating { entry power_on; }` with `output power_on(level: u8);` or `-> bool`: entry and
/// exit actions belong to the state, so no transition's arguments reach them and no one takes
/// their value.
pub fn check_actions(machine: &Machine, errors: &mut Errors) {
    let actions = machine
        .states
        .iter()
        .map(|s| (&s.entry, &s.exit))
        .chain(machine.compounds.iter().map(|c| (&c.entry, &c.exit)));
    for (entry, exit) in actions {
        let uses = entry
            .iter()
            .map(|u| ("entry", u))
            .chain(exit.iter().map(|u| ("exit", u)));
        for (kind, used) in uses {
            let output = &machine.outputs[used.output];
            let context = machine.context.as_ref().map(|c| &c.name);
            let raises = machine.raise.is_some();
            let argument = output.params.iter().find(|p| {
                Some(&p.name) != context && !(raises && p.name == super::super::model::RAISE_PARAM)
            });
            if let Some(param) = argument {
                let but = if context.is_some() {
                    "entry and exit actions receive no arguments but the context"
                } else {
                    "entry and exit actions receive no arguments"
                };
                errors.at(
                    &used.name,
                    format!(
                        "{kind} action `{name}` takes `{param}`, but {but} \
                         (they belong to the state, not to a transition); declare `output {name}();`, or run it as an \
                         output of the transitions that have the argument",
                        name = used.name,
                        param = param.name,
                    ),
                );
            } else if let Some(ret) = &output.ret {
                errors.at(
                    &used.name,
                    format!(
                        "{kind} action `{name}` returns `{ty}`, but nothing takes the value of an entry or exit action; \
                         declare `output {name}();`, or run it as an output of a transition whose input returns it",
                        name = used.name,
                        ty = type_text(ret),
                    ),
                );
            }
        }
    }
}
