//! Checks of the declarations themselves: names, stable names, the initial state, guards.

use std::collections::{HashMap, HashSet};
use syn::ext::IdentExt as _;

use syn::Ident;

use super::super::errors::Errors;
use super::super::model::Machine;
use super::super::suggest;

/// Names of the methods generated on the machine type; an input may not take one of them.
pub const GENERATED_METHODS: &[&str] = &[
    "new",
    "restore",
    "observe",
    "state",
    "core",
    "core_mut",
    "into_core",
    "handle",
    "description",
    "unobserve",
    "observer",
    "observer_mut",
];

/// Whether the machine has a generated method named `name` (on the machine, its observed form
/// or its typed form), so that no input may be named so: `GENERATED_METHODS`, and those of the
/// features it uses (data, history, typestate).
pub fn is_generated_method(machine: &Machine, name: &str) -> bool {
    GENERATED_METHODS.contains(&name)
        || machine.has_data() && DATA_METHODS.contains(&name)
        || machine.typestate.is_some() && TYPED_METHODS.contains(&name)
        || name == "history" && !machine.recorded().is_empty()
}

/// The methods a machine with timers has besides (not kept next to errors, so an input of that
/// name keeps its method there).
const TIMER_METHODS: &[&str] = &["timeout", "resume_timers"];

/// The methods a machine whose states carry data has besides (reported in `check/data.rs`).
pub const DATA_METHODS: &[&str] = &["data", "into_parts"];

/// `state A; state A;`, `input go(); input go();`, `input go(a: u8, a: u8);`, and
/// `guard heat(); output heat();`
pub fn check_duplicate_names(machine: &Machine, errors: &mut Errors) {
    report_duplicates(
        "state",
        machine
            .states
            .iter()
            .map(|s| &s.name)
            .chain(machine.compounds.iter().map(|c| &c.name)),
        errors,
    );
    report_duplicates("input", machine.inputs.iter().map(|i| &i.name), errors);
    report_duplicates("output", machine.outputs.iter().map(|o| &o.name), errors);
    report_duplicates("guard", machine.guards.iter().map(|g| &g.name), errors);
    for input in &machine.inputs {
        report_duplicates("parameter", input.params.iter().map(|p| &p.name), errors);
    }
    for output in &machine.outputs {
        report_duplicates("parameter", output.params.iter().map(|p| &p.name), errors);
    }
    for guard in &machine.guards {
        report_duplicates("parameter", guard.params.iter().map(|p| &p.name), errors);
    }
    // Guards and outputs are methods of one trait, so they cannot share a name.
    let outputs: HashSet<String> = machine
        .outputs
        .iter()
        .map(|o| o.name.unraw().to_string())
        .collect();
    for guard in &machine.guards {
        if outputs.contains(&guard.name.unraw().to_string()) {
            errors.at(
                &guard.name,
                format!(
                    "guard `{name}` has the name of an output, and the core implements both as methods \
                     of `{machine}Outputs`; rename one of them",
                    name = guard.name,
                    machine = machine.name
                ),
            );
        }
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

/// `#[serialized = "Old"] state New; state Old;` (two states would be saved under one name)
pub fn check_serialized_names(machine: &Machine, errors: &mut Errors) {
    let states = machine
        .states
        .iter()
        .map(|s| (&s.name, s.serialized_name(), s.allows.serialized.as_ref()));
    report_shared_serialized_names("states", "snapshots", states, errors);
    let inputs = machine
        .inputs
        .iter()
        .map(|i| (&i.name, i.serialized_name(), i.allows.serialized.as_ref()));
    report_shared_serialized_names("inputs", "journals", inputs, errors);
}

/// Reports each declaration saved under a name an earlier one already has (the error lands on
/// its `#[serialized]` literal, or on its name when it keeps its own).
fn report_shared_serialized_names<'a>(
    kind: &str,
    saved_in: &str,
    declarations: impl Iterator<Item = (&'a Ident, String, Option<&'a syn::LitStr>)>,
    errors: &mut Errors,
) {
    let mut seen: HashMap<String, &Ident> = HashMap::new();
    for (name, serialized, literal) in declarations {
        match seen.get(&serialized) {
            // The same declared name twice is reported as a duplicate.
            Some(first) if *first == name => {}
            Some(first) => {
                let message = format!(
                    "{kind} `{first}` and `{name}` are both saved as \"{serialized}\" in {saved_in}; \
                     give one of them another `#[serialized = \"..\"]` name"
                );
                match literal {
                    Some(literal) => errors.at(literal, message),
                    None => errors.at(name, message),
                }
            }
            None => {
                seen.insert(serialized, name);
            }
        }
    }
}

/// The methods a `#[typestate]` machine adds, on the typed machine (`data`, `data_mut`,
/// `into_dynamic`, `new_any`) and on the dynamic one (`into_typed`, `into_any`).
pub const TYPED_METHODS: &[&str] = &[
    "data",
    "data_mut",
    "into_dynamic",
    "into_typed",
    "into_any",
    "new_any",
];

/// `#[typestate] machine M { .. input into_dynamic(); .. }`, and `#[typestate]` on a generic
/// machine.
pub fn check_typestate(machine: &Machine, errors: &mut Errors) {
    let Some(span) = machine.typestate else {
        return;
    };
    if !machine.generics.params.is_empty() {
        errors.span(
            span,
            format!(
                "`#[typestate]` cannot be used on a generic machine yet; remove the parameters of \
                 `{}` or its typestate API",
                machine.name
            ),
        );
    }
    for input in &machine.inputs {
        let name = input.name.unraw().to_string();
        if TYPED_METHODS.contains(&name.as_str()) {
            errors.at(
                &input.name,
                format!(
                    "input `{name}` collides with the method `{name}` of the typestate API \
                     (`{}At`); rename the input",
                    machine.name
                ),
            );
        }
    }
}

/// `input state();` (the machine already has a `state()` method), or `input go_on(); input goOn();`
/// (both would become the input variant `GoOn`).
pub fn check_generated_name_collisions(machine: &Machine, errors: &mut Errors) {
    for input in &machine.inputs {
        let name = input.name.unraw().to_string();
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
    if !machine.recorded().is_empty() {
        for input in machine.inputs.iter().filter(|i| i.name == "history") {
            errors.at(
                &input.name,
                format!(
                    "input `history` collides with the generated method `{}::history(compound)`, \
                     which a machine with a history target has; rename the input",
                    machine.name
                ),
            );
        }
    }
    if !machine.timers.is_empty() {
        for input in &machine.inputs {
            let name = input.name.unraw().to_string();
            if input.timer.is_none() && TIMER_METHODS.contains(&name.as_str()) {
                errors.at(
                    &input.name,
                    format!(
                        "input `{name}` collides with the generated method `{}::{name}`, which a \
                         machine with timers has; rename the input",
                        machine.name
                    ),
                );
            }
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

/// `context a: A; context b: B;`, and a context named like an input's argument or a state's
/// field (outputs and guards receive all three by name).
pub fn check_context(machine: &Machine, errors: &mut Errors) {
    for &span in &machine.extra_contexts {
        errors.span(
            span,
            "a machine has one context; remove this one, or put what both hold in one type",
        );
    }
    let Some(context) = &machine.context else {
        return;
    };
    let name = &context.name;
    for input in &machine.inputs {
        for param in input.params.iter().filter(|p| p.name == *name) {
            errors.at(
                &param.name,
                format!(
                    "input `{}` has a parameter `{name}`, the name of the machine's context, which its \
                     method takes first already; rename the parameter",
                    input.name
                ),
            );
        }
    }
    for state in &machine.states {
        for field in state.fields.iter().filter(|f| f.name == *name) {
            errors.at(
                &field.name,
                format!(
                    "field `{name}` of state `{}` has the name of the machine's context, which outputs \
                     and guards receive by that name; rename the field",
                    state.name
                ),
            );
        }
    }
}

/// A machine without `initial state`, with two of them, or with an `initial final state`.
pub fn check_initial_state(machine: &Machine, errors: &mut Errors) {
    let top = machine.top_level();
    let mut initial = top.iter().filter(|(_, initial, _)| initial.is_some());
    match initial.next() {
        None => {
            let example = machine
                .states
                .first()
                .map_or_else(|| "Idle".to_owned(), |s| s.name.unraw().to_string());
            // On the first state, where the fix goes (`machine.name` when there is none).
            let place = machine
                .states
                .first()
                .map_or(machine.name.span(), |s| s.name.span());
            errors.span(
                place,
                if machine.user_data.is_some() {
                    format!(
                        "machine `{}` has no initial state; mark the variant it starts in with `#[machine(initial)]`, as in `#[machine(initial)] {example}`",
                        machine.name
                    )
                } else {
                    format!(
                        "machine `{}` has no initial state; mark the state it starts in with `initial`, as in `initial state {example};`",
                        machine.name
                    )
                },
            );
        }
        Some(&(first, _, _)) => {
            for &(other, initial, _) in initial {
                errors.span(
                    initial.unwrap_or_else(|| other.span()),
                    format!(
                        "a machine has one initial state, but `{other}` is marked `initial` as well as `{first}`; remove one `initial`",
                    ),
                );
            }
        }
    }
    for state in &machine.states {
        if let (Some(_), Some(final_), None) = (state.initial, state.final_, state.parent) {
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

/// `guard full() -> u8;` (a guard returns `bool`)
pub fn check_guard_declarations(machine: &Machine, errors: &mut Errors) {
    for guard in &machine.guards {
        let Some(ret) = &guard.ret else { continue };
        // `bool`, or a path to it (`::core::primitive::bool`, as hygienic code writes it).
        let is_bool = matches!(ret, syn::Type::Path(p) if p.qself.is_none() && {
            let segments: Vec<String> =
                p.path.segments.iter().map(|s| s.ident.to_string()).collect();
            matches!(
                segments.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
                ["bool"] | ["primitive", "bool"] | ["core" | "std", "primitive", "bool"]
            ) && p.path.segments.iter().all(|s| s.arguments.is_none())
        });
        if !is_bool {
            errors.at(
                ret,
                format!(
                    "a guard returns `bool`, but `{name}` is declared to return `{ty}`; declare it \
                     `guard {name}(..);` (a condition that can fail is a fallible output: \
                     `output {name}(..) -> Result<T, E>;`, used as `{name}?`)",
                    name = guard.name,
                    ty = super::super::model::type_text(ret),
                ),
            );
        }
    }
}
