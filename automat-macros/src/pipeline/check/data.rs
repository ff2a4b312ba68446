//! Checks of the data states carry: their fields, and how every step fills the fields of the
//! state it enters (see `scope`).

use std::collections::HashSet;
use std::fmt::Write as _;
use syn::ext::IdentExt as _;

use super::super::errors::Errors;
use super::super::model::{type_text, Machine, State};
use super::super::scope::{source_classes, Bound, Fill, Origin, Route, Step};
use super::super::suggest;
use super::pair_text;

/// `state Connected { conn: Connection, conn: Connection }`, `initial state Idle { core: u32 }`
/// (a second `core` parameter of `new`), and an input named `data` in a machine whose states
/// carry data (the machine has a `data()` method then).
pub fn check_fields(machine: &Machine, errors: &mut Errors) {
    for state in &machine.states {
        let mut seen = HashSet::new();
        for field in &state.fields {
            if !seen.insert(field.name.unraw().to_string()) {
                errors.at(
                    &field.name,
                    format!(
                        "field `{}` is declared twice in state `{}`; rename or remove one of them",
                        field.name, state.name
                    ),
                );
            }
        }
    }
    if let Some(initial) = machine.initial_state().map(|s| &machine.states[s]) {
        for field in initial.fields.iter().filter(|f| f.name == "core") {
            errors.at(
                &field.name,
                format!(
                    "field `core` of the initial state `{}` would be a second parameter `core` of \
                     `{}::new`, which takes the core first and then the initial state's fields; \
                     rename the field",
                    initial.name, machine.name
                ),
            );
        }
    }
    if machine.has_data() {
        for input in &machine.inputs {
            let name = input.name.unraw().to_string();
            let what = match name.as_str() {
                "data" => "which returns the current state with its data",
                "into_parts" => "which returns the state with its data, and the core",
                _ => continue,
            };
            errors.at(
                &input.name,
                format!(
                    "input `{name}` collides with the generated method `{}::{name}`, {what}; \
                     rename the input",
                    machine.name
                ),
            );
        }
    }
}

/// Every field of every state a step enters has exactly one value: `Idle + open => Connected`
/// with `state Connected { conn: Connection }` and nothing named `conn` is an error on the
/// step's target; so is a field that both the input's argument and the source's field of that name
/// could fill, and a binding that names nothing, or a field the target does not have.
pub fn check_fills(machine: &Machine, plans: &[Vec<usize>], errors: &mut Errors) {
    // One error per transition, route and field (or binding), however many sources share it.
    let mut reported: HashSet<(usize, Route, usize, bool)> = HashSet::new();
    for (index, t) in machine.transitions.iter().enumerate() {
        for route in [Route::Main, Route::Else] {
            let Some(target_span) = (match route {
                Route::Main => Some(t.target_span),
                Route::Else => t.otherwise.as_ref().map(|e| e.target_span),
            }) else {
                continue;
            };
            for source in source_classes(machine, plans, index) {
                let step = Step::new(machine, t, source, route);
                let mut report = |key: (usize, bool), at: &dyn quote::ToTokens, message: String| {
                    if reported.insert((index, route, key.0, key.1)) {
                        errors.at(at, message);
                    }
                };
                check_bindings(&step, target_span, &mut report);
                check_step_fills(&step, target_span, &mut report);
            }
        }
    }
}

/// How to give state `target` the field `field`, in the front end's syntax.
fn declare_fields(m: &Machine, target: &State, field: &syn::Ident) -> String {
    if m.user_data.is_some() {
        format!(
            "give the variant its fields, as in `{} {{ {field}: Type }}`",
            target.name
        )
    } else {
        format!(
            "declare its fields as in `state {} {{ {field}: Type }}`",
            target.name
        )
    }
}

type Report<'r> = dyn FnMut((usize, bool), &dyn quote::ToTokens, String) + 'r;

/// The bindings of `step`'s route: each names a field of the target, once, and a value that
/// exists; only a step that rebuilds the target's data has any, and only an output may be `?`.
fn check_bindings(step: &Step, target_span: proc_macro2::Span, report: &mut Report) {
    let m = step.m;
    let target = &m.states[step.target()];
    let mut seen = HashSet::new();
    for (b, binding) in step.bindings().iter().enumerate() {
        let field = &binding.field;
        if !step.leaves() {
            let message = format!(
                "this step stays in state `{}` and keeps its data, so there is nothing to fill; \
                 give an output `&mut {field}` to change the field, or write `=> reenter {}` to \
                 rebuild the state",
                target.name, target.name
            );
            report((b, true), &syn::Ident::new("target", target_span), message);
            return;
        }
        if !target.fields.iter().any(|f| f.name == *field) {
            let names = texts(target.fields.iter().map(|f| &f.name));
            let mut message = format!("state `{}` has no field `{field}`", target.name);
            if let Some(close) =
                suggest::closest(&field.to_string(), names.iter().map(String::as_str))
            {
                let _ = write!(message, "; did you mean `{close}`?");
            } else if names.is_empty() {
                let _ = write!(
                    message,
                    "; it carries no data ({})",
                    declare_fields(m, target, field)
                );
            } else {
                message.push_str("; its fields are ");
                suggest::list(&mut message, &names);
            }
            report((b, true), field, message);
            continue;
        }
        if !seen.insert(field.to_string()) {
            report(
                (b, true),
                field,
                format!("field `{field}` is bound twice; remove one of the two"),
            );
            continue;
        }
        let value = &binding.value;
        if let (Route::Else, Some(question)) = (step.route, binding.fallible) {
            report(
                (b, true),
                &syn::Ident::new("fallible", question),
                "the bindings of an `else` route cannot be fallible: nothing is left to route their \
                 failure to; remove the `?`"
                    .to_owned(),
            );
            continue;
        }
        match step.bound(b) {
            Bound::Ok(Origin::Produced(_)) => {}
            Bound::Ok(_) if binding.fallible.is_some() => report(
                (b, true),
                value,
                format!(
                    "`{value}` is not an output, so it cannot fail; remove the `?` (only an output \
                     that returns a `Result` is fallible)"
                ),
            ),
            Bound::Ok(_) => {}
            Bound::Ambiguous(a, f) => report(
                (b, true),
                value,
                format!(
                    "`{value}` names both the {} and the {}; rename one of them",
                    step.describe(super::super::scope::Value::Arg(a)),
                    step.describe(super::super::scope::Value::Source(f)),
                ),
            ),
            Bound::Unknown => {
                let input = &m.inputs[step.t.input];
                let names = texts(
                    m.outputs
                        .iter()
                        .map(|o| &o.name)
                        .chain(input.params.iter().map(|p| &p.name))
                        .chain(m.states[step.source].fields.iter().map(|f| &f.name)),
                );
                let mut message = format!(
                    "`{value}` is not an output, an argument of input `{}`, or a field of state `{}`; \
                     a field is bound to one of those",
                    input.name, m.states[step.source].name
                );
                if let Some(close) =
                    suggest::closest(&value.to_string(), names.iter().map(String::as_str))
                {
                    let _ = write!(message, "; did you mean `{close}`?");
                }
                report((b, true), value, message);
            }
        }
    }
}

/// Each field of the target has one value in `step`, of the field's type when it is an argument
/// of the same name.
fn check_step_fills(step: &Step, target_span: proc_macro2::Span, report: &mut Report) {
    // A field without a value, or with two, is reported on the target of the step that enters it.
    let target_token = syn::Ident::new("target", target_span);
    let m = step.m;
    let target_state = step.target();
    let target = &m.states[target_state];
    let input = &m.inputs[step.t.input];
    let source = &m.states[step.source];
    let pair = match step.route {
        Route::Main => format!("`{} => {}`", pair_text(m, step.t), target.name),
        Route::Else => format!(
            "the `else` route of `{}` to `{}`",
            pair_text(m, step.t),
            target.name
        ),
    };
    let from = if matches!(step.t.source, super::super::model::Source::States(ref s) if s.len() == 1)
    {
        String::new()
    } else {
        format!(" from state `{}`", source.name)
    };
    // A binding of an unknown field is most likely this step's missing one, misspelt.
    let misspelt = step
        .bindings()
        .iter()
        .any(|b| !target.fields.iter().any(|f| f.name == b.field));
    for (f, fill) in step.fills().iter().enumerate() {
        let field = &target.fields[f];
        let name = &field.name;
        if target.fields[..f].iter().any(|other| other.name == *name) {
            continue; // declared twice: reported as such
        }
        match fill {
            Fill::From(Origin::Arg(a)) => {
                let arg = &input.params[*a];
                let (arg_ty, field_ty) = (type_text(&arg.ty), type_text(&field.ty));
                if arg.name == *name && arg_ty != field_ty {
                    report(
                        (f, false),
                        &field.ty,
                        format!(
                            "field `{name}: {field_ty}` of state `{}` is filled from the argument `{name}: {arg_ty}` \
                             of input `{}` when {pair}{from} enters it, but their types differ; give them one type, \
                             or rename one of the two",
                            target.name, input.name
                        ),
                    );
                }
            }
            Fill::From(_) | Fill::Broken => {}
            Fill::Missing if misspelt => {}
            Fill::Missing => report(
                (f, false),
                &target_token,
                format!(
                    "field `{name}` of state `{}` has no value when {pair}{from} enters it: input `{}` has no \
                     argument `{name}`, state `{}` has no field `{name}`, and the transition binds none; add \
                     `{name}: ..` to the input, or bind it from an output, as in `=> {} {{ {name} = make }}` \
                     with `output make() -> {};`",
                    target.name,
                    input.name,
                    source.name,
                    target.name,
                    type_text(&field.ty),
                ),
            ),
            Fill::Both(a, _) => report(
                (f, false),
                &target_token,
                format!(
                    "field `{name}` of state `{}` has two values when {pair}{from} enters it: the argument \
                     `{}` of input `{}` and the field `{name}` of state `{}`; rename one of the two, or bind \
                     the field explicitly, as in `=> {} {{ {name} = .. }}`",
                    target.name, input.params[*a].name, input.name, source.name, target.name,
                ),
            ),
        }
    }
}

/// Names as text (without `r#`).
fn texts<'a>(names: impl Iterator<Item = &'a syn::Ident>) -> Vec<String> {
    names.map(|name| name.unraw().to_string()).collect()
}
