//! Timers (`Open + after(unlock_time) => Locked;`): what a timer's transition may hold, and the
//! names its duration takes.

use super::super::errors::Errors;
use super::super::model::{Machine, TimerDuration};

/// A timer's transition runs when `timeout` takes a current run, which then cannot be refused:
/// no guard, no fallible output, no `else`. A duration method is named like no output or
/// guard; typestate does not cover timers yet.
pub fn check_timers(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        if machine.inputs[t.input].timer.is_none() {
            continue;
        }
        if let Some(guard) = &t.guard {
            errors.at(
                &guard.tokens,
                "a timer's transition takes no guard: `timeout` takes it whenever the run is \
                 current; decide in the target instead, with an eventless transition \
                 (`Target [guard] => Other;`)",
            );
        }
        for used in t.outputs.iter().filter(|u| u.fallible.is_some()) {
            errors.at(
                &used.name,
                format!(
                    "a timer's transition cannot fail: `timeout` takes it whenever the run is \
                     current; run `{}` without `?`, or make the failure an input of its own",
                    used.name
                ),
            );
        }
        if let Some(otherwise) = &t.otherwise {
            errors.span(
                otherwise.span,
                "a timer's transition cannot fail, so it has no `else` route; remove it",
            );
        }
    }
    let mut named = Vec::new();
    for timer in &machine.timers {
        if machine.typestate.is_some() {
            errors.span(
                timer.after,
                "`#[typestate]` does not cover timers yet: remove `#[typestate]`, or the timer",
            );
            break;
        }
        let TimerDuration::Method(name) = &timer.duration else {
            continue;
        };
        if named.contains(&name) {
            continue;
        }
        named.push(name);
        let taken = machine.outputs.iter().any(|o| o.name == *name)
            || machine.guards.iter().any(|g| g.name == *name);
        if taken {
            errors.at(
                name,
                format!(
                    "`{name}` names an output or a guard already; a timer's duration is a method of \
                     its own, `fn {name}(&self) -> Duration`: rename it, as in `after({name}_time)`"
                ),
            );
        }
    }
}

/// `#[local]` belongs on an async machine; and what async machines do not have yet: a typestate API (its methods would be `async` and
/// consume the machine across `.await`s).
pub fn check_async(machine: &Machine, errors: &mut Errors) {
    if let (Some(span), false) = (machine.local, machine.is_async()) {
        errors.span(
            span,
            "`#[local]` lets an async machine's output futures be non-`Send`, and this machine has \
             no `async output`: remove `#[local]`",
        );
    }
    if machine.typestate.is_none() {
        return;
    }
    if let Some(span) = machine.outputs.iter().find_map(|o| o.asyncness) {
        errors.span(
            span,
            "`#[typestate]` does not cover async outputs yet: remove `#[typestate]`, or make the \
             output synchronous",
        );
    }
}
