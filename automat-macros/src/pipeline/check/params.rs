//! What outputs and guards receive (the input's arguments and the states' fields, by name; the
//! failure, in an `else` route; see `scope`), and what inputs return.

use std::collections::HashSet;
use std::fmt::Write as _;
use syn::ext::IdentExt as _;

use syn::Ident;

use super::super::errors::Errors;
use super::super::model::{ok_is_unit, result_parts, type_text, Machine, OutputUse, Param};
use super::super::scope::{source_classes, Lookup, Phase, Route, Step, Value, ERROR_PARAM};
use super::super::suggest;
use super::transition_tokens;

/// `input kick(); output complain(reason: String); _ + kick => Broken / complain;`, and every
/// other name a guard or an output takes that means nothing, or two things, in a step (see
/// `scope`): per transition, per source state whose fields make its steps differ, per route.
pub fn check_names(machine: &Machine, plans: &[Vec<usize>], errors: &mut Errors) {
    // One error per use and parameter, however many source states share it.
    let mut reported: HashSet<(usize, Route, usize, usize)> = HashSet::new();
    let mut names = Vec::new();
    for (index, t) in machine.transitions.iter().enumerate() {
        names.clear();
        if let Some(guard) = &t.guard {
            guard.expr.names(&mut names);
        }
        for source in source_classes(machine, plans, index) {
            for route in [Route::Main, Route::Else] {
                if route == Route::Else && t.otherwise.is_none() {
                    continue;
                }
                let step = Step::new(machine, t, source, route);
                let fills = step.fills();
                let mut uses: Vec<(Phase, Use)> = Vec::new();
                for b in step.bindings() {
                    if let Some(used) = &b.output {
                        uses.push((Phase::Before, Use::Output(used)));
                    }
                }
                match route {
                    Route::Main => {
                        for (g, name) in &names {
                            uses.push((Phase::Before, Use::Guard(*g, name)));
                        }
                        for used in &t.outputs {
                            let phase = if used.fallible.is_some() {
                                Phase::Before
                            } else {
                                Phase::After
                            };
                            uses.push((phase, Use::Output(used)));
                        }
                    }
                    Route::Else => {
                        for used in t.otherwise.iter().flat_map(|e| &e.outputs) {
                            uses.push((Phase::After, Use::Output(used)));
                        }
                    }
                }
                for (k, (phase, used)) in uses.iter().enumerate() {
                    let (kind, name, params) = match used {
                        Use::Guard(g, name) => ("guard", *name, &machine.guards[*g].params),
                        Use::Output(u) => ("output", &u.name, &machine.outputs[u.output].params),
                    };
                    for (p, param) in params.iter().enumerate() {
                        let lookup = step.lookup(*phase, &param.name, &fills);
                        let Some(message) = name_error(&step, *phase, kind, name, param, &lookup)
                        else {
                            continue;
                        };
                        if reported.insert((index, route, k, p)) {
                            errors.at(name, message);
                        }
                    }
                }
            }
        }
    }
}

/// Names a user gives a context, for the hint when a machine has none.
pub const CONTEXT_NAMES: &[&str] = &["cx", "ctx", "context"];

/// A guard or an output taking parameters, in a step.
enum Use<'a> {
    Guard(usize, &'a Ident),
    Output(&'a OutputUse),
}

/// The error about `param` of `kind` `used` (as written) in `step`, if it has one.
fn name_error(
    step: &Step,
    phase: Phase,
    kind: &str,
    used: &Ident,
    param: &Param,
    lookup: &Lookup,
) -> Option<String> {
    let input = &step.m.inputs[step.t.input];
    let wanted = &param.name;
    match lookup {
        Lookup::Found(Value::Source(f)) if phase == Phase::Before => {
            // Before the commit the source's data is only lent.
            let by_ref = match &param.ty {
                syn::Type::Reference(r) => r.mutability.is_none(),
                _ => kind == "guard",
            };
            let field = &step.m.states[step.source].fields[*f];
            (!by_ref).then(|| {
                format!(
                    "{kind} `{used}` takes field `{wanted}` of state `{state}` as `{ty}`, but {when} see the \
                     source state's fields by shared reference (the step has not committed, and may not); \
                     declare it as `{wanted}: &{field_ty}`",
                    state = step.m.states[step.source].name,
                    ty = type_text(&param.ty),
                    when = if kind == "guard" { "guards" } else { "outputs that run before the commit" },
                    field_ty = type_text(&field.ty),
                )
            })
        }
        Lookup::Found(_) => None,
        Lookup::Ambiguous(Value::Failure, _) | Lookup::Ambiguous(_, Value::Failure) => Some(format!(
            "{kind} `{used}` takes `{ERROR_PARAM}`, which in an `else` route is the failure, but \
             input `{input}` has a parameter `{ERROR_PARAM}` too; rename the input's parameter",
            input = input.name,
        )),
        Lookup::Ambiguous(a, b) => Some(format!(
            "{kind} `{used}` takes `{wanted}`, which names both the {} and the {} in this step; rename one of them",
            step.describe(*a),
            step.describe(*b),
        )),
        Lookup::Moved(into) => {
            let target = &step.m.states[step.target()];
            Some(format!(
                "{kind} `{used}` takes `{wanted}`, but the step moved it into field `{field}` of state `{state}` \
                 when it committed; take `{field}` instead",
                field = target.fields[*into].name,
                state = target.name,
            ))
        }
        Lookup::Missing => Some(missing_message(step, phase, kind, used, param)),
    }
}

/// `kind` `used` takes `param`, which nothing in the step has.
fn missing_message(step: &Step, phase: Phase, kind: &str, used: &Ident, param: &Param) -> String {
    let input = &step.m.inputs[step.t.input];
    let wanted = param.name.unraw().to_string();
    let source = &step.m.states[step.source];
    let target = &step.m.states[step.target()];
    let mut names: Vec<String> = input
        .params
        .iter()
        .map(|p| p.name.unraw().to_string())
        .collect();
    let mut holders = Vec::new();
    if !source.fields.is_empty() {
        names.extend(source.fields.iter().map(|f| f.name.unraw().to_string()));
        holders.push(format!("state `{}` has no field `{wanted}`", source.name));
    }
    if phase == Phase::After && step.target() != step.source && !target.fields.is_empty() {
        names.extend(target.fields.iter().map(|f| f.name.unraw().to_string()));
        holders.push(format!("state `{}` has no field `{wanted}`", target.name));
    }
    let mut message = if holders.is_empty() {
        format!(
            "{kind} `{used}` takes `{wanted}`, but input `{}` has no parameter `{wanted}` to pass it; \
             {kind}s receive the arguments of their input by name",
            input.name
        )
    } else {
        format!(
            "{kind} `{used}` takes `{wanted}`, but input `{}` has no parameter `{wanted}` and {}; \
             {kind}s receive the input's arguments and the states' fields by name",
            input.name,
            holders.join(" and "),
        )
    };
    let error_outside_else = wanted == ERROR_PARAM && step.route == Route::Main;
    if step.m.context.is_none() && CONTEXT_NAMES.contains(&wanted.as_str()) {
        let _ = write!(
            message,
            "; to give the outputs and guards a per-call context, declare it in the machine: \
             `context {wanted}: &mut Context;` (every input method and `handle` then take it first)"
        );
    } else if error_outside_else {
        let _ = write!(
            message,
            " (`{ERROR_PARAM}`, the failure of a fallible output, is given only to the outputs of an \
             `else` route)"
        );
    } else if let Some(close) = suggest::closest(&wanted, names.iter().map(String::as_str)) {
        let _ = write!(message, "; did you mean `{close}`? (rename one of the two)");
    } else {
        let _ = write!(message, "; add `{wanted}: ..` to input `{}`", input.name);
    }
    message
}

/// Whether `used` (an output named in a transition) gives the input its value: a plain output
/// that returns one, or a fallible output whose success value is not `()`.
fn returns_value(machine: &Machine, used: &OutputUse) -> bool {
    let ret = machine.outputs[used.output].ret.as_ref();
    match (ret, used.fallible) {
        // `?` on an output that returns no `Result` is reported as such; its value counts.
        (Some(ty), Some(_)) => result_parts(ty).is_none() || !ok_is_unit(ty),
        (ret, _) => ret.is_some(),
    }
}

/// `input brew() -> Cup; Ready + brew => Brewing;` (nothing returns the `Cup`),
/// two outputs of one transition returning values, `input done(); output heat() -> Cup;
/// Brewing + done => Ready / heat;` (the `Cup` would be dropped), or an `else` route's output
/// that returns a value (the route returns the failure).
pub fn check_return_values(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let input = &machine.inputs[t.input];
        let returning: Vec<&OutputUse> = t
            .outputs
            .iter()
            .filter(|u| returns_value(machine, u))
            .collect();
        match &input.ret {
            Some(ty) => {
                let ty = type_text(ty);
                if returning.is_empty() {
                    let target = t.target.text(machine);
                    errors.at(
                        transition_tokens(t),
                        format!(
                            "input `{}` returns `{ty}`, but no output of this transition returns a value; \
                             add an output that returns `{ty}`, as in `=> {target} / make;` with `output make() -> {ty};`",
                            input.name
                        ),
                    );
                }
                for extra in returning.iter().skip(1) {
                    errors.at(
                        &extra.name,
                        format!(
                            "input `{}` returns one value, but outputs `{}` and `{}` both return one here; \
                             only one output of a transition may return a value",
                            input.name, returning[0].name, extra.name
                        ),
                    );
                }
            }
            None => {
                for used in returning {
                    let ret = value_text(machine, used);
                    errors.at(
                        &used.name,
                        format!(
                            "output `{}` returns `{ret}`, but input `{}` returns nothing, so the value would be lost; \
                             declare the input as `input {}(..) -> {ret};` or make `{}` return nothing",
                            used.name, input.name, input.name, used.name
                        ),
                    );
                }
            }
        }
        let otherwise = t.otherwise.iter().flat_map(|e| &e.outputs);
        for used in otherwise.filter(|u| machine.outputs[u.output].ret.is_some()) {
            let ret = value_text(machine, used);
            errors.at(
                &used.name,
                format!(
                    "output `{}` returns `{ret}`, but an `else` route returns the failure (`StepError::Diverted`), so \
                     the value would be lost; make `{}` return nothing",
                    used.name, used.name
                ),
            );
        }
    }
}

/// The value an output gives, as written: its return type, or a fallible output's success type.
fn value_text(machine: &Machine, used: &OutputUse) -> String {
    let Some(ret) = machine.outputs[used.output].ret.as_ref() else {
        return "()".to_owned();
    };
    match (used.fallible, result_parts(ret).as_deref()) {
        (Some(_), Some([ok, ..])) => type_text(ok),
        _ => type_text(ret),
    }
}
