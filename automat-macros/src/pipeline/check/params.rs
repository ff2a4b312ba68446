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
    // One error per parameter whose type is known to differ from its argument's.
    let mut mismatched: HashSet<(&str, String, String)> = HashSet::new();
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
                    for param in params {
                        let Lookup::Found(Value::Arg(a)) = step.lookup(*phase, &param.name, &fills)
                        else {
                            continue;
                        };
                        let arg = &machine.inputs[t.input].params[a];
                        let Some(fix) =
                            type_mismatch(&param.name, &param.ty, &arg.ty, kind == "guard")
                        else {
                            continue;
                        };
                        if mismatched.insert((kind, name.to_string(), param.name.to_string())) {
                            errors.at(
                                &param.ty,
                                format!(
                                    "{kind} `{name}` takes `{p}: {}`, but the argument `{p}` of input \
                                     `{input}` is `{}`; {fix}",
                                    type_text(&param.ty),
                                    type_text(&arg.ty),
                                    p = param.name,
                                    input = machine.inputs[t.input].name,
                                ),
                            );
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
             `else` route); remove `{ERROR_PARAM}` from `{used}`, or give the transition a fallible \
             output and an `else` route, as in `=> Target / charge? else Other / {used};`"
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
    // The outputs whose return type was compared with their input's: one error each.
    let mut typed = HashSet::new();
    for t in &machine.transitions {
        let input = &machine.inputs[t.input];
        let returning: Vec<&OutputUse> = t
            .outputs
            .iter()
            .filter(|u| returns_value(machine, u))
            .collect();
        if let Some(ty) = &input.ret {
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
            if let [used] = returning.as_slice() {
                if typed.insert(used.output) {
                    check_return_type(machine, input, used, errors);
                }
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
        } else {
            // `count?` on an output whose value is no `Result` is reported by the `?` check.
            let misused_question_mark = |used: &&OutputUse| {
                used.fallible.is_some()
                    && machine.outputs[used.output]
                        .ret
                        .as_ref()
                        .is_some_and(|ty| result_parts(ty).is_none())
            };
            for used in returning.into_iter().filter(|u| !misused_question_mark(u)) {
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

/// A type whose identity the tokens decide: references (`true` for `&mut`) around a primitive or
/// `String`. Any other type may be an alias of another, which only rustc can tell.
fn known_type(ty: &syn::Type) -> Option<(Vec<bool>, String)> {
    const KNOWN: &[&str] = &[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64", "String",
    ];
    let mut references = Vec::new();
    let mut ty = ty;
    loop {
        match ty {
            syn::Type::Reference(reference) => {
                references.push(reference.mutability.is_some());
                ty = &reference.elem;
            }
            syn::Type::Paren(paren) => ty = &paren.elem,
            syn::Type::Path(path) if path.qself.is_none() => {
                let name = path.path.get_ident()?.to_string();
                return KNOWN.contains(&name.as_str()).then_some((references, name));
            }
            _ => return None,
        }
    }
}

/// What to write when a parameter of type `param` cannot take an argument of type `arg`, known
/// from the tokens alone (else rustc reports it, on the parameter's type).
fn type_mismatch(name: &Ident, param: &syn::Type, arg: &syn::Type, guard: bool) -> Option<String> {
    let ((param_refs, param_base), (arg_refs, arg_base)) = (known_type(param)?, known_type(arg)?);
    let arg_text = format!("{name}: {}", type_text(arg));
    let borrow = if arg_refs.is_empty() {
        format!(" (or `{name}: &{}` to borrow it)", type_text(arg))
    } else {
        String::new()
    };
    if param_base != arg_base {
        // `&String` derefs to `&str`.
        let derefs = param_base == "str" && arg_base == "String" && !param_refs.is_empty();
        return (!derefs).then(|| {
            format!("declare the parameter with the argument's type, `{arg_text}`{borrow}")
        });
    }
    if guard {
        return None;
    }
    if arg_refs.is_empty() && param_refs.first() == Some(&true) {
        return Some(format!(
            "outputs cannot borrow an argument mutably, since the step lends it to each in turn; \
             declare the parameter as `{arg_text}`{borrow}"
        ));
    }
    if !arg_refs.is_empty() && param_refs.is_empty() {
        return Some(format!(
            "the input borrows it, so the output cannot own it; declare the parameter as \
             `{arg_text}`, and make an owned copy in the output's body"
        ));
    }
    None
}

/// `input coin(..) -> u64; output unlock(..) -> u32; Locked + coin => Unlocked / unlock;`: the
/// input returns what its output returns, so the two types must be one (when the tokens tell).
fn check_return_type(
    machine: &Machine,
    input: &super::super::model::Input,
    used: &OutputUse,
    errors: &mut Errors,
) {
    let (Some(wanted), Some(ret)) = (&input.ret, &machine.outputs[used.output].ret) else {
        return;
    };
    let parts = result_parts(ret);
    let given = match (used.fallible, parts.as_deref()) {
        (Some(_), Some([ok, ..])) => ok,
        (Some(_), _) => return,
        (None, _) => ret,
    };
    let (Some(wanted_shape), Some(given_shape)) = (known_type(wanted), known_type(given)) else {
        return;
    };
    if wanted_shape != given_shape {
        let fix = if used.fallible.is_some() {
            format!("Result<{}, E>", type_text(wanted))
        } else {
            type_text(wanted)
        };
        errors.at(
            given,
            format!(
                "output `{name}` returns `{}`, but input `{input}` returns what `{name}` gives, \
                 declared `{}`; give them one type, as in `output {name}(..) -> {fix};`",
                type_text(given),
                type_text(wanted),
                name = used.name,
                input = input.name,
            ),
        );
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
