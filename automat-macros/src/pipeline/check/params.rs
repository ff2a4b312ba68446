//! What outputs and guards receive (the input's arguments, by name; the failure, in an `else`
//! route), and what inputs return.

use std::fmt::Write as _;

use syn::Ident;

use super::super::errors::Errors;
use super::super::model::{ok_is_unit, result_parts, type_text, Input, Machine, OutputUse, Param};
use super::super::suggest;
use super::transition_tokens;

/// The name under which an `else` route's outputs receive the failure.
pub const ERROR_PARAM: &str = "error";

/// `input kick(); output complain(reason: String); _ + kick => Broken / complain;`
pub fn check_output_parameters(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let input = &machine.inputs[t.input];
        for used in &t.outputs {
            let output = &machine.outputs[used.output];
            for param in &output.params {
                if !supplies(input, &param.name) {
                    report_missing(
                        errors,
                        ("output", &used.name),
                        param,
                        input,
                        param.name == ERROR_PARAM && t.otherwise.is_none(),
                    );
                }
            }
        }
        let Some(otherwise) = &t.otherwise else {
            continue;
        };
        for used in &otherwise.outputs {
            let output = &machine.outputs[used.output];
            for param in &output.params {
                if param.name == ERROR_PARAM {
                    if supplies(input, &param.name) {
                        errors.at(
                            &used.name,
                            format!(
                                "output `{name}` takes `{ERROR_PARAM}`, which in an `else` route is the failure, but \
                                 input `{input}` has a parameter `{ERROR_PARAM}` too; rename the input's parameter",
                                name = used.name,
                                input = input.name,
                            ),
                        );
                    }
                } else if !supplies(input, &param.name) {
                    report_missing(errors, ("output", &used.name), param, input, false);
                }
            }
        }
    }
}

/// `guard enough(cents: u32); input coin(); Locked + coin [enough] => Unlocked;`
pub fn check_guard_parameters(machine: &Machine, errors: &mut Errors) {
    let mut names = Vec::new();
    for t in &machine.transitions {
        let Some(guard) = &t.guard else { continue };
        let input = &machine.inputs[t.input];
        names.clear();
        guard.expr.names(&mut names);
        for (g, name) in &names {
            for param in &machine.guards[*g].params {
                if !supplies(input, &param.name) {
                    report_missing(errors, ("guard", name), param, input, false);
                }
            }
        }
    }
}

fn supplies(input: &Input, name: &Ident) -> bool {
    input.params.iter().any(|p| p.name == *name)
}

/// `output`/`guard` `used` takes `param`, which `input` lacks.
fn report_missing(
    errors: &mut Errors,
    (kind, used): (&str, &Ident),
    param: &Param,
    input: &Input,
    error_outside_else: bool,
) {
    let names: Vec<String> = input.params.iter().map(|p| p.name.to_string()).collect();
    let wanted = param.name.to_string();
    let mut message = format!(
        "{kind} `{used}` takes `{wanted}`, but input `{}` has no parameter `{wanted}` to pass it; \
         {kind}s receive the arguments of their input by name",
        input.name
    );
    if error_outside_else {
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
    errors.at(used, message);
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
