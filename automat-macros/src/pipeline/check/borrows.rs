//! Checks of borrowed arguments: every named lifetime is declared, and nothing that outlives a
//! step (a journal's or snapshot's inputs, the value an input returns, a state's data) borrows.

use std::collections::HashSet;

use super::super::errors::Errors;
use super::super::lifetimes;
use super::super::model::{type_text, Machine, Param};

/// `input recv(frame: &'a Frame);` without `<'a>` after the input's name (and the same for
/// outputs and guards).
pub fn check_declared_lifetimes(machine: &Machine, errors: &mut Errors) {
    let signatures = machine
        .inputs
        .iter()
        .map(|i| ("input", &i.name, &i.lifetimes, &i.params, i.ret.as_ref()))
        .chain(
            machine
                .outputs
                .iter()
                .map(|o| ("output", &o.name, &o.lifetimes, &o.params, o.ret.as_ref())),
        )
        .chain(
            machine
                .guards
                .iter()
                .map(|g| ("guard", &g.name, &g.lifetimes, &g.params, g.ret.as_ref())),
        );
    // Lifetimes declared on the machine are reported there (`check_machine_generics`).
    let on_machine: Vec<String> = machine
        .generics
        .lifetimes()
        .map(|l| l.lifetime.to_string())
        .collect();
    for (kind, name, declared, params, ret) in signatures {
        let mut declared: HashSet<String> =
            declared.iter().map(|l| l.lifetime.to_string()).collect();
        declared.extend(on_machine.iter().cloned());
        let mut reported = HashSet::new();
        let types = params.iter().map(|p| &p.ty).chain(ret);
        for lifetime in types.flat_map(lifetimes::named) {
            let text = lifetime.to_string();
            if declared.contains(&text) || !reported.insert(text.clone()) {
                continue;
            }
            errors.at(
                &lifetime,
                format!(
                    "lifetime `{text}` is used but not declared; declare it after the {kind}'s name, \
                     as in `{kind} {name}<{text}>(..)`, or leave it out (`&Frame`) and let it be elided"
                ),
            );
        }
    }
}

/// `#[serde] machine M { input recv(frame: &Frame); }` (a journal keeps its inputs after the
/// call), `input name() -> &str;` (the value outlives the call), and `state S { name: &str }`
/// (a state's data outlives the step that stored it).
pub fn check_borrows_that_outlive_a_step(machine: &Machine, errors: &mut Errors) {
    for input in &machine.inputs {
        if machine.serde.is_some() {
            for param in input.params.iter().filter(|p| lifetimes::borrows(&p.ty)) {
                errors.at(
                    &param.ty,
                    format!(
                        "input `{}` borrows its argument `{}: {}`, but a `#[serde]` machine's inputs are \
                         saved in journals, which outlive the call; take it by value (an owned type), or \
                         remove `#[serde]`",
                        input.name,
                        param.name,
                        type_text(&param.ty)
                    ),
                );
            }
        }
        if let Some(ret) = input.ret.as_ref().filter(|ty| lifetimes::borrows(ty)) {
            errors.at(
                ret,
                format!(
                    "input `{}` returns `{}`, which borrows, but what an input returns outlives the call \
                     (and `handle` returns it as a value); return an owned type",
                    input.name,
                    type_text(ret)
                ),
            );
        }
    }
    for state in &machine.states {
        for field in state.fields.iter().filter(|f| lifetimes::borrows(&f.ty)) {
            report_borrowing_field(errors, &state.name, field);
        }
    }
}

fn report_borrowing_field(errors: &mut Errors, state: &syn::Ident, field: &Param) {
    errors.at(
        &field.ty,
        format!(
            "field `{}: {}` of state `{state}` borrows, but a state's data outlives the step that stored \
             it; declare it owned (`String` for `&str`, `Vec<T>` for `&[T]`), or make it `'static`",
            field.name,
            type_text(&field.ty)
        ),
    );
}

/// `machine M<'a> { .. }` (inputs declare the lifetimes they borrow for), `machine M<__T>` (the
/// generated code's own parameters start with `__`), and `#[serde]` on a generic machine.
pub fn check_machine_generics(machine: &Machine, errors: &mut Errors) {
    for param in &machine.generics.params {
        match param {
            syn::GenericParam::Lifetime(lifetime) => errors.at(
                lifetime,
                "a machine takes type and const parameters only: remove the lifetime here, and \
                 declare it on the input that borrows, after its name (`input recv<'a>(frame: &'a \
                 Frame)`), or leave it elided",
            ),
            syn::GenericParam::Type(syn::TypeParam { ident, .. })
            | syn::GenericParam::Const(syn::ConstParam { ident, .. })
                if ident.to_string().starts_with("__") =>
            {
                errors.at(
                    ident,
                    format!(
                        "`{ident}` starts with `__`, as the parameters of the generated code do; rename it"
                    ),
                );
            }
            _ => {}
        }
    }
    if let (Some(span), Some(first)) = (machine.serde, machine.generics.params.first()) {
        let _ = first;
        errors.span(
            span,
            "`#[serde]` is not available for a generic machine: its snapshots and journals would need \
             the parameters' serde bounds, which `machine!` does not write yet; implement `Serialize` \
             for your own snapshot type from `data()` and `core()`, and restore with `restore`",
        );
    }
}
