//! Checks of what completes a step (PRODUCT.md, steps 6 and 7): history targets
//! (`Working.history`), eventless transitions (`Checking [valid] => Approved;`: what they can
//! take without an input, and that no cycle of them runs forever), and inputs raised from
//! outputs (`output retry(raise: Raise);`).

use std::fmt::Write as _;
use syn::ext::IdentExt as _;

use super::super::errors::Errors;
use super::super::lifetimes::borrows;
use super::super::model::{Machine, Node, Source, Target, Transition, RAISE_PARAM};

/// A history target in a machine whose states carry data: re-entering a recorded leaf would need
/// its fields, which nothing in the step provides.
pub fn check_history(machine: &Machine, errors: &mut Errors) {
    // A derived machine's enum is its data, but a variant without fields is entered as is.
    if machine.states.iter().all(|s| s.fields.is_empty()) {
        return;
    }
    for t in machine.transitions.iter().chain(&machine.eventless) {
        if let Some(history) = t.history {
            errors.span(
                history.span,
                format!(
                    "a history target cannot be used in a machine whose states carry data (yet): \
                     re-entering the state `{}` last left would need that state's fields; target \
                     the state itself",
                    machine.compounds[history.compound].name
                ),
            );
        }
    }
}

/// What an eventless transition may hold: a source state, no `else`, no bindings, a target
/// without data, guards and outputs that take nothing but the context.
pub fn check_eventless(machine: &Machine, errors: &mut Errors) {
    for t in &machine.eventless {
        if let Source::Any(span) = t.source {
            errors.span(
                span,
                "an eventless transition needs a source state: `_` would apply it to every state; \
                 list the states instead (`A | B [guard] => Target;`), or name their compound",
            );
            continue;
        }
        for &(s, span) in t.sources() {
            if machine.states[s].final_.is_some() {
                errors.span(
                    span,
                    format!(
                        "`{}` is final, so it takes no transition, eventless ones included; remove \
                         `final` or the transition",
                        machine.states[s].name
                    ),
                );
            }
        }
        if let Some(otherwise) = &t.otherwise {
            errors.span(
                otherwise.span,
                "an eventless transition has no fallible output, so no `else` route; remove it",
            );
        }
        // `_`, a compound as its own target, or a leaf as its own.
        let stays = matches!(t.target, Target::Stay)
            || (t.history.is_none()
                && t.sources()
                    .iter()
                    .any(|&(s, _)| t.target_node == Some(Node::Leaf(s))));
        if stays {
            errors.span(
                t.target_span,
                "an eventless transition that stays where it is would be taken again at once, \
                 and again; name another state it goes to",
            );
        }
        if let Some(binding) = t.bindings.first() {
            errors.at(
                &binding.field,
                "an eventless transition has no input to fill a field from; target a state \
                 without data",
            );
        } else if let Target::State(target) = t.target {
            if let Some(field) = machine.states[target].fields.first() {
                errors.span(
                    t.target_span,
                    format!(
                        "state `{}` carries data (`{}`), which an eventless transition has nothing \
                         to fill from; target a state without data",
                        machine.states[target].name, field.name
                    ),
                );
            }
        }
        check_eventless_uses(machine, t, errors);
    }
    check_unguarded_cycles(machine, errors);
}

/// An eventless transition's outputs and guards: infallible, taking nothing but the context.
fn check_eventless_uses(machine: &Machine, t: &Transition, errors: &mut Errors) {
    let context = machine.context.as_ref().map(|c| c.name.unraw().to_string());
    let takes_only_context = |params: &[super::super::model::Param]| {
        params
            .iter()
            .find(|p| Some(p.name.unraw().to_string()) != context)
            .map(|p| p.name.clone())
    };
    for used in &t.outputs {
        if let Some(q) = used.fallible {
            errors.span(
                q,
                format!(
                    "an eventless transition cannot be refused, so its outputs cannot fail; \
                     remove the `?` after `{}`",
                    used.name
                ),
            );
        } else if let Some(param) = takes_only_context(&machine.outputs[used.output].params) {
            errors.at(
                &used.name,
                format!(
                    "output `{}` takes `{param}`, but an eventless transition has no input: its \
                     outputs and guards can take only the context; remove `{param}` from `{}`, or \
                     give the transition an input",
                    used.name, used.name
                ),
            );
        }
    }
    if let Some(guard) = &t.guard {
        let mut names = Vec::new();
        guard.expr.names(&mut names);
        for (g, name) in names {
            if let Some(param) = takes_only_context(&machine.guards[g].params) {
                errors.at(
                    &name,
                    format!(
                        "guard `{name}` takes `{param}`, but an eventless transition has no \
                         input: its guards and outputs can take only the context; remove \
                         `{param}` from `{name}`, or give the transition an input"
                    ),
                );
            }
        }
    }
}

/// `A => B; B => A;`: entering `A` would step forever. Reported once per cycle, on the
/// transition that closes it, with the cycle written out.
fn check_unguarded_cycles(machine: &Machine, errors: &mut Errors) {
    // Per leaf, the unguarded eventless transition it takes when no guarded one holds.
    let always: Vec<Option<usize>> = (0..machine.states.len())
        .map(|s| {
            machine
                .eventless_of(s)
                .last()
                .copied()
                .filter(|&k| machine.eventless[k].guard.is_none())
        })
        .collect();
    let next = |s: usize| -> Vec<usize> {
        always[s].map_or_else(Vec::new, |k| machine.targets_from(&machine.eventless[k], s))
    };
    // 0: not visited, 1: on the current path, 2: done.
    let mut mark = vec![0u8; machine.states.len()];
    let mut reported: Vec<usize> = Vec::new();
    for start in 0..machine.states.len() {
        if mark[start] != 0 {
            continue;
        }
        let mut path: Vec<(usize, Vec<usize>)> = vec![(start, next(start))];
        mark[start] = 1;
        while let Some((state, pending)) = path.last_mut() {
            let state = *state;
            let Some(target) = pending.pop() else {
                mark[state] = 2;
                path.pop();
                continue;
            };
            match mark[target] {
                0 => {
                    mark[target] = 1;
                    let following = next(target);
                    path.push((target, following));
                }
                1 => {
                    let from = path.iter().position(|(s, _)| *s == target).unwrap_or(0);
                    let cycle: Vec<usize> = path[from..].iter().map(|(s, _)| *s).collect();
                    let Some(k) = always[state] else { continue };
                    if reported.contains(&k) {
                        continue;
                    }
                    reported.push(k);
                    report_cycle(machine, &machine.eventless[k], &cycle, errors);
                }
                _ => {}
            }
        }
    }
}

fn report_cycle(machine: &Machine, t: &Transition, cycle: &[usize], errors: &mut Errors) {
    let mut written = String::new();
    for &s in cycle.iter().chain(cycle.first()) {
        if !written.is_empty() {
            written.push_str(" => ");
        }
        let _ = write!(written, "{}", machine.states[s].name);
    }
    errors.span(
        t.source_span(),
        format!(
            "these eventless transitions form a cycle with no guard on it, `{written}`: entering \
             `{first}` would step forever and never return; guard one of them (`[condition]`) or \
             give it an input",
            first = machine.states[cycle[0]].name
        ),
    );
}

/// `raise: Raise` where a machine cannot raise: in a guard, with another type, with inputs that
/// borrow or use the machine's parameters, with an owned context; `#[raise(..)]` with no output
/// that raises.
pub fn check_raise(machine: &Machine, errors: &mut Errors) {
    for input in &machine.inputs {
        let raise = input.params.iter().find(|p| {
            p.name == RAISE_PARAM
                && matches!(&p.ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Raise"))
        });
        if let Some(param) = raise {
            errors.at(
                &param.name,
                format!(
                    "input `{}` cannot take `raise: Raise`: the queue of raised inputs is the \
                     machine's, passed to the outputs that declare it; remove it from the input, \
                     and declare it on an output, as in `output retry(raise: Raise);`",
                    input.name
                ),
            );
        }
    }
    let Some(_) = machine.raise else {
        return;
    };
    let mut raising = false;
    for output in &machine.outputs {
        for param in output.params.iter().filter(|p| p.name == RAISE_PARAM) {
            raising = true;
            let plain = matches!(&param.ty, syn::Type::Path(p) if p.qself.is_none() && p.path.is_ident("Raise"));
            if !plain {
                errors.at(
                    &param.ty,
                    format!(
                        "the parameter `raise` is the machine's queue of raised inputs, written \
                         `raise: Raise` (the output then receives `&mut Raise<'_, {}Input>`); \
                         rename the parameter if it is something else",
                        machine.name
                    ),
                );
            }
        }
    }
    for guard in &machine.guards {
        if let Some(param) = guard.params.iter().find(|p| p.name == RAISE_PARAM) {
            errors.at(
                &param.name,
                format!(
                    "guard `{}` cannot raise inputs: guards are pure, tried and discarded freely; \
                     raise from an output of the transition instead",
                    guard.name
                ),
            );
        }
    }
    if raising {
        check_raising_machine(machine, errors);
    } else if let Some(span) = machine.raise_attr {
        errors.span(
            span,
            "`#[raise(..)]` sets the queue of inputs raised from outputs, but no output raises: \
             declare one with a `raise: Raise` parameter (`output retry(raise: Raise);`), or \
             remove the attribute",
        );
    }
}

/// What a machine whose outputs raise inputs needs: owned inputs of its own type, and a context
/// it can lend to every raised step.
fn check_raising_machine(machine: &Machine, errors: &mut Errors) {
    let output = machine
        .outputs
        .iter()
        .find(|o| o.params.iter().any(|p| p.name == RAISE_PARAM));
    let Some(output) = output else { return };
    for input in &machine.inputs {
        if let Some(param) = input.params.iter().find(|p| borrows(&p.ty)) {
            errors.at(
                &param.ty,
                format!(
                    "input `{}` borrows its argument `{}`, but output `{}` raises inputs, which wait \
                     in the machine's queue after the call that lent it; take it by value",
                    input.name, param.name, output.name
                ),
            );
        }
    }
    if !machine.generics.params.is_empty() {
        errors.at(
            &output.name,
            format!(
                "output `{}` raises inputs, which a generic machine cannot queue yet; remove the \
                 machine's parameters or raise nothing",
                output.name
            ),
        );
    }
    if let Some(context) = &machine.context {
        if !matches!(context.ty, syn::Type::Reference(_)) {
            errors.at(
                &context.ty,
                format!(
                    "output `{}` raises inputs, and each raised input steps with the context, so \
                     the machine must lend it: take the context by reference (`context {}: &mut \
                     ..;`)",
                    output.name, context.name
                ),
            );
        }
    }
}
