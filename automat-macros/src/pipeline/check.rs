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
use super::model::{Edge, Machine, Source, Transition};
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
    check_serialized_names(machine, errors);
    check_generated_name_collisions(machine, errors);
    check_initial_state(machine, errors);
    check_transitions_from_final_states(machine, errors);
    check_nondeterminism(machine, errors);
    check_output_parameters(machine, errors);
    check_return_values(machine, errors);
    if graph_is_sound(machine) {
        let edges = machine.edges();
        let reachable = reachable_states(machine, &edges, None);
        check_unreachable_states(machine, &edges, &reachable, errors);
        check_dead_ends(machine, &edges, &reachable, errors);
        check_unused_inputs(machine, &edges, &reachable, errors);
        check_unused_outputs(machine, errors);
        check_wildcards_that_cover_nothing(machine, &edges, errors);
    }
}

/// Whether the transition graph is what the user meant, so that the checks over the whole graph
/// (reachability, dead ends, unused declarations) say something new. With a transition left out
/// (it named something unknown), a state declared twice, no single non-final initial state, or
/// two transitions for one pair, those checks would only echo the error already reported.
fn graph_is_sound(machine: &Machine) -> bool {
    let mut names = HashSet::new();
    let unique_states = machine
        .states
        .iter()
        .all(|s| names.insert(s.name.to_string()));
    let mut initial = machine.states.iter().filter(|s| s.initial.is_some());
    let one_initial =
        matches!((initial.next(), initial.next()), (Some(state), None) if state.final_.is_none());
    let mut pairs = HashSet::new();
    let deterministic = machine.transitions.iter().all(|t| match t.source {
        Source::State(state, _) => pairs.insert((Some(state), t.input)),
        Source::Any(_) => pairs.insert((None, t.input)),
    });
    machine.complete && unique_states && one_initial && deterministic
}

/// Which states some sequence of inputs reaches from the initial state, or from a state marked
/// `#[allow(unreachable)]` (it is entered another way, so what follows it is reachable too).
/// `redirect` replaces the target of one transition, to try out a fix.
fn reachable_states(
    machine: &Machine,
    edges: &[Edge],
    redirect: Option<(usize, usize)>,
) -> Vec<bool> {
    let mut reachable = vec![false; machine.states.len()];
    let mut queue: Vec<usize> = machine
        .states
        .iter()
        .enumerate()
        .filter(|(i, s)| Some(*i) == machine.initial_state() || s.allows.has("unreachable"))
        .map(|(i, _)| i)
        .collect();
    for &s in &queue {
        reachable[s] = true;
    }
    // Edges by source, so that the search is linear in the size of the machine.
    let mut leaving: Vec<Vec<&Edge>> = vec![Vec::new(); machine.states.len()];
    for edge in edges {
        leaving[edge.source].push(edge);
    }
    while let Some(state) = queue.pop() {
        for edge in &leaving[state] {
            let target = match redirect {
                Some((transition, target)) if transition == edge.transition => target,
                _ => machine.transitions[edge.transition].target,
            };
            if !reachable[target] {
                reachable[target] = true;
                queue.push(target);
            }
        }
    }
    reachable
}

/// `initial state A; state B; input go(); A + go => A;` (nothing ever leads to `B`)
fn check_unreachable_states(
    machine: &Machine,
    edges: &[Edge],
    reachable: &[bool],
    errors: &mut Errors,
) {
    let initial = machine
        .initial_state()
        .map(|s| machine.states[s].name.to_string())
        .unwrap_or_default();
    for (index, state) in machine.states.iter().enumerate() {
        if reachable[index] {
            continue;
        }
        let mut message = format!("state `{}` is unreachable: no sequence of inputs leads to it from the initial state `{initial}`", state.name);
        // Transitions into it from states that are unreachable themselves.
        let from_unreachable: Vec<String> = edges
            .iter()
            .filter(|e| machine.transitions[e.transition].target == index && e.source != index)
            .map(|e| {
                format!(
                    "{} + {}",
                    machine.states[e.source].name, machine.inputs[e.input].name
                )
            })
            .collect();
        if !from_unreachable.is_empty() {
            message.push_str(" (it is entered only by ");
            suggest::list(&mut message, &from_unreachable);
            message.push_str(", from unreachable states)");
        }
        // A reachable transition into a state with a similar name was probably meant for this one
        // if sending it here instead makes this state reachable and keeps its old target reachable.
        let wanted = state.name.to_string();
        let probable = edges.iter().find(|e| {
            let old_target = machine.transitions[e.transition].target;
            if !reachable[e.source] || old_target == index {
                return false;
            }
            if !suggest::alike(&wanted, &machine.states[old_target].name.to_string()) {
                return false;
            }
            let fixed = reachable_states(machine, edges, Some((e.transition, index)));
            fixed[index] && fixed[old_target]
        });
        if let Some(edge) = probable {
            let t = &machine.transitions[edge.transition];
            let _ = write!(
                message,
                "; did you mean `{} + {} => {}`? it goes to `{}` now",
                machine.states[edge.source].name,
                machine.inputs[edge.input].name,
                state.name,
                machine.states[t.target].name
            );
        } else {
            message.push_str(
                "; add a transition into it, or mark it `#[allow(unreachable)]` if it is entered another way \
                 (such as a restored snapshot)",
            );
        }
        errors.at(&state.name, message);
    }
}

/// `initial state A; state B; input go(); A + go => B;` (nothing leaves `B`, and it is not `final`)
fn check_dead_ends(machine: &Machine, edges: &[Edge], reachable: &[bool], errors: &mut Errors) {
    let mut has_exit = vec![false; machine.states.len()];
    for edge in edges {
        has_exit[edge.source] = true;
    }
    for (index, state) in machine.states.iter().enumerate() {
        // An unreachable state is reported as such; a dead end there would be the same mistake.
        if state.final_.is_some() || !reachable[index] || has_exit[index] {
            continue;
        }
        errors.at(
            &state.name,
            format!(
                "state `{name}` is a dead end: no transition leaves it, so the machine would be stuck there; \
                 declare it `final state {name};` if the machine ends there, or add a transition from it",
                name = state.name
            ),
        );
    }
}

/// `input go();` that no transition takes, or that only unreachable states take.
fn check_unused_inputs(machine: &Machine, edges: &[Edge], reachable: &[bool], errors: &mut Errors) {
    for (index, input) in machine.inputs.iter().enumerate() {
        // A repeated declaration is reported as such; transitions resolve to the first one.
        let repeated = machine.inputs[..index].iter().any(|i| i.name == input.name);
        if input.allows.has("unused") || repeated {
            continue;
        }
        let sources: Vec<usize> = edges
            .iter()
            .filter(|e| e.input == index)
            .map(|e| e.source)
            .collect();
        if sources.is_empty() {
            errors.at(
                &input.name,
                format!(
                    "input `{name}` is never used: no transition takes it; add one (`State + {name} => Target;`), \
                     remove the input, or mark it `#[allow(unused)]`",
                    name = input.name
                ),
            );
        } else if !sources.iter().any(|&s| reachable[s]) {
            let names: Vec<String> = sources
                .iter()
                .map(|&s| machine.states[s].name.to_string())
                .collect();
            let mut message = format!(
                "input `{}` is accepted only by unreachable states (",
                input.name
            );
            suggest::list(&mut message, &names);
            message.push_str("), so calling it always fails; make one of them reachable or take the input elsewhere");
            errors.at(&input.name, message);
        }
    }
}

/// `output beep();` that no transition runs.
fn check_unused_outputs(machine: &Machine, errors: &mut Errors) {
    let mut used = vec![false; machine.outputs.len()];
    for t in &machine.transitions {
        for u in &t.outputs {
            used[u.output] = true;
        }
    }
    let mut names = HashSet::new();
    for (index, output) in machine.outputs.iter().enumerate() {
        // A repeated declaration is reported as a duplicate.
        let repeated = !names.insert(output.name.to_string());
        if !used[index] && !repeated && !output.allows.has("unused") {
            errors.at(
                &output.name,
                format!(
                    "output `{name}` is never used: no transition runs it; list it after a transition's `/`, \
                     remove the output, or mark it `#[allow(unused)]`",
                    name = output.name
                ),
            );
        }
    }
}

/// `A + go => B; B + go => A; _ + go => A;` (every state already has its own transition on `go`)
fn check_wildcards_that_cover_nothing(machine: &Machine, edges: &[Edge], errors: &mut Errors) {
    let mut seen_inputs = HashSet::new();
    for (index, t) in machine.transitions.iter().enumerate() {
        let Source::Any(span) = t.source else {
            continue;
        };
        // A second wildcard on the same input is reported as nondeterminism.
        if !seen_inputs.insert(t.input) || edges.iter().any(|e| e.transition == index) {
            continue;
        }
        errors.span(
            span,
            format!(
                "the wildcard `_ + {input}` applies to no state: every non-final state has a transition of its own \
                 on `{input}`; remove it",
                input = t.input_name
            ),
        );
    }
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

/// `#[serialized = "Old"] state New; state Old;` (two states would be saved under one name)
fn check_serialized_names(machine: &Machine, errors: &mut Errors) {
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
