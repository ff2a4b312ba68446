//! Stage 3: the rules a valid machine obeys, one `check_<rule>` function each.
//!
//! Every check reports into `Errors` and goes on, so one build shows every mistake. Each error is
//! anchored on the offending token and says how to fix it. Unknown names are reported earlier, by
//! `model::Machine::from_syntax`, because the model only holds resolved indices.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use quote::quote;
use syn::Ident;

use super::errors::Errors;
use super::model::{Machine, Source, Transition};
use super::suggest;

/// Names of the methods generated on the machine type; an input may not take one of them.
pub const GENERATED_METHODS: &[&str] = &[
    "new",
    "state",
    "core",
    "core_mut",
    "into_core",
    "handle",
    "description",
];

pub fn all(machine: &Machine, errors: &mut Errors) {
    check_duplicate_names(machine, errors);
    check_generated_name_collisions(machine, errors);
    check_initial_state(machine, errors);
    check_transitions_from_final_states(machine, errors);
    check_nondeterminism(machine, errors);
    check_output_parameters(machine, errors);
    check_return_values(machine, errors);
}

/// `state A; state A;`, `input go(); input go();`, `input go(a: u8, a: u8);`
fn check_duplicate_names(machine: &Machine, errors: &mut Errors) {
    report_duplicates("state", machine.states.iter().map(|s| &s.name), errors);
    report_duplicates("input", machine.inputs.iter().map(|i| &i.name), errors);
    report_duplicates("output", machine.outputs.iter().map(|o| &o.name), errors);
    for input in &machine.inputs {
        report_duplicates("parameter", input.params.iter().map(|p| &p.name), errors);
    }
    for output in &machine.outputs {
        report_duplicates("parameter", output.params.iter().map(|p| &p.name), errors);
    }
}

fn report_duplicates<'a>(kind: &str, names: impl Iterator<Item = &'a Ident>, errors: &mut Errors) {
    let mut seen = HashSet::new();
    for name in names {
        if !seen.insert(name.to_string()) {
            errors.at(
                name,
                format!("{kind} `{name}` is declared twice; rename or remove one of them"),
            );
        }
    }
}

/// `input state();` (the machine already has a `state()` method), or `input go_on(); input goOn();`
/// (both would become the input variant `GoOn`).
fn check_generated_name_collisions(machine: &Machine, errors: &mut Errors) {
    for input in &machine.inputs {
        let name = input.name.to_string();
        if GENERATED_METHODS.contains(&name.as_str()) {
            let mut message = format!(
                "input `{name}` collides with the generated method `{}::{name}`; rename the input (generated methods: ",
                machine.name
            );
            suggest::list(
                &mut message,
                &GENERATED_METHODS
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>(),
            );
            message.push(')');
            errors.at(&input.name, message);
        }
    }
    let mut variants: HashMap<String, &Ident> = HashMap::new();
    for input in &machine.inputs {
        let variant = input.variant.to_string();
        match variants.get(&variant) {
            Some(first) if **first != input.name => errors.at(
                &input.name,
                format!(
                    "inputs `{first}` and `{}` both become the variant `{variant}` of `{}Input`; rename one of them",
                    input.name, machine.name
                ),
            ),
            Some(_) => {} // the same name twice: reported as a duplicate
            None => {
                variants.insert(variant, &input.name);
            }
        }
    }
}

/// A machine without `initial state`, with two of them, or with an `initial final state`.
fn check_initial_state(machine: &Machine, errors: &mut Errors) {
    let mut initial = machine.states.iter().filter(|s| s.initial.is_some());
    match initial.next() {
        None => {
            let example = machine
                .states
                .first()
                .map_or_else(|| "Idle".to_owned(), |s| s.name.to_string());
            errors.at(
                &machine.name,
                format!(
                    "machine `{}` has no initial state; mark the state it starts in with `initial`, as in `initial state {example};`",
                    machine.name
                ),
            );
        }
        Some(first) => {
            for other in initial {
                errors.span(
                    other.initial.unwrap_or_else(|| other.name.span()),
                    format!(
                        "a machine has one initial state, but `{}` is marked `initial` as well as `{}`; remove one `initial`",
                        other.name, first.name
                    ),
                );
            }
        }
    }
    for state in &machine.states {
        if let (Some(_), Some(final_)) = (state.initial, state.final_) {
            errors.span(
                final_,
                format!(
                    "the initial state `{}` cannot be `final`: the machine would accept no input at all; remove `final`",
                    state.name
                ),
            );
        }
    }
}

/// `final state Done; Done + retry => Running;`
fn check_transitions_from_final_states(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        if let Source::State(source, span) = t.source {
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

/// `Ready + brew => Brewing; Ready + brew => Broken;` and `_ + kick => A; _ + kick => B;`
///
/// An explicit transition overrides a wildcard one on the same input (see `Machine::edges`), so
/// only two explicit transitions, or two wildcards, for the same pair are ambiguous.
fn check_nondeterminism(machine: &Machine, errors: &mut Errors) {
    let mut explicit: HashMap<(usize, usize), &Transition> = HashMap::new();
    let mut wildcard: HashMap<usize, &Transition> = HashMap::new();
    for t in &machine.transitions {
        let earlier = match t.source {
            Source::State(state, _) => explicit.insert((state, t.input), t),
            Source::Any(_) => wildcard.insert(t.input, t),
        };
        if let Some(first) = earlier {
            let source = source_text(machine, t);
            errors.at(
                source_tokens(t),
                format!(
                    "`{source} + {input}` is given twice: the earlier transition goes to `{first_target}`, this one to `{target}`; \
                     a state takes one transition per input, so remove one of them",
                    input = t.input_name,
                    first_target = machine.states[first.target].name,
                    target = machine.states[t.target].name,
                ),
            );
        }
    }
}

/// `input kick(); output complain(reason: String); _ + kick => Broken / complain;`
fn check_output_parameters(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let input = &machine.inputs[t.input];
        for used in &t.outputs {
            let output = &machine.outputs[used.output];
            for param in &output.params {
                if input.params.iter().any(|p| p.name == param.name) {
                    continue;
                }
                let names: Vec<String> = input.params.iter().map(|p| p.name.to_string()).collect();
                let wanted = param.name.to_string();
                let mut message = format!(
                    "output `{}` takes `{wanted}`, but input `{}` has no parameter `{wanted}` to pass it; \
                     outputs receive the arguments of their input by name",
                    output.name, input.name
                );
                if let Some(close) = suggest::closest(&wanted, names.iter().map(String::as_str)) {
                    let _ = write!(message, "; did you mean `{close}`? (rename one of the two)");
                } else {
                    let _ = write!(message, "; add `{wanted}: ..` to input `{}`", input.name);
                }
                errors.at(&used.name, message);
            }
        }
    }
}

/// `input brew() -> Cup; Ready + brew => Brewing;` (nothing returns the `Cup`),
/// two outputs of one transition returning values, or `input done(); output heat() -> Cup;
/// Brewing + done => Ready / heat;` (the `Cup` would be dropped).
fn check_return_values(machine: &Machine, errors: &mut Errors) {
    for t in &machine.transitions {
        let input = &machine.inputs[t.input];
        let returning: Vec<_> = t
            .outputs
            .iter()
            .filter(|u| machine.outputs[u.output].ret.is_some())
            .collect();
        match &input.ret {
            Some(ty) => {
                let ty = quote!(#ty).to_string();
                if returning.is_empty() {
                    let target = &t.target_name;
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
                    let ret = machine.outputs[used.output]
                        .ret
                        .as_ref()
                        .map(|ty| quote!(#ty).to_string())
                        .unwrap_or_default();
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
    }
}

fn source_text(machine: &Machine, t: &Transition) -> String {
    match t.source {
        Source::State(state, _) => machine.states[state].name.to_string(),
        Source::Any(_) => "_".to_owned(),
    }
}

/// Tokens spanning `Source + input`, for errors about the pair.
fn source_tokens(t: &Transition) -> proc_macro2::TokenStream {
    let span = match t.source {
        Source::State(_, span) | Source::Any(span) => span,
    };
    let source = Ident::new("source", span);
    let input = &t.input_name;
    quote!(#source #input)
}

/// Tokens spanning `Source + input => Target`.
fn transition_tokens(t: &Transition) -> proc_macro2::TokenStream {
    let mut tokens = source_tokens(t);
    let target = &t.target_name;
    tokens.extend(quote!(#target));
    tokens
}
