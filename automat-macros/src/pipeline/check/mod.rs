//! Stage 3: the rules a valid machine obeys, one `check_<rule>` function each, by topic:
//! `names.rs` (declarations), `rows.rs` (transitions: sources, shadowing, guards, fallible
//! outputs, `reenter`, entry and exit actions), `params.rs` (what outputs and guards receive and
//! what inputs return) and `graph.rs` (reachability, dead ends, unused declarations).
//!
//! Every check reports into `Errors` and goes on, so one build shows every mistake. Each error is
//! anchored on the offending token and says how to fix it. Unknown names are reported earlier, by
//! `model::Machine::from_syntax`, because the model only holds resolved indices.

mod borrows;
mod complete;
mod data;
mod graph;
mod hierarchy;
mod names;
mod params;
mod rows;
mod timers;

use std::collections::HashSet;
use syn::ext::IdentExt as _;

use super::errors::Errors;
use super::model::{Machine, Source, Transition};

pub use names::is_generated_method;

pub fn all(machine: &Machine, errors: &mut Errors) {
    names::check_duplicate_names(machine, errors);
    names::check_serialized_names(machine, errors);
    names::check_generated_name_collisions(machine, errors);
    names::check_typestate(machine, errors);
    names::check_initial_state(machine, errors);
    hierarchy::check_compounds(machine, errors);
    complete::check_history(machine, errors);
    complete::check_eventless(machine, errors);
    complete::check_raise(machine, errors);
    timers::check_timers(machine, errors);
    timers::check_async(machine, errors);
    names::check_context(machine, errors);
    names::check_guard_declarations(machine, errors);
    rows::check_transitions_from_final_states(machine, errors);
    rows::check_sources_listed_once(machine, errors);
    let levels = rows::levels(machine);
    let shadowed = rows::check_shadowed_transitions(machine, &levels, errors);
    rows::check_repeated_guards(machine, &levels, errors);
    rows::check_fallible_outputs(machine, errors);
    rows::check_reenter(machine, errors);
    rows::check_actions(machine, errors);
    borrows::check_machine_generics(machine, errors);
    borrows::check_declared_lifetimes(machine, errors);
    borrows::check_borrows_that_outlive_a_step(machine, errors);
    let plans = machine.plans();
    data::check_fields(machine, errors);
    data::check_fills(machine, &plans, errors);
    params::check_names(machine, &plans, errors);
    params::check_return_values(machine, errors);
    if graph_is_sound(machine) && !shadowed {
        let edges = Machine::edges_of(&plans, machine.inputs.len());
        let reachable = graph::reachable_states(machine, &edges, None);
        graph::check_unreachable_states(machine, &edges, &reachable, errors);
        graph::check_dead_ends(machine, &edges, &reachable, errors);
        graph::check_unused_inputs(machine, &edges, &reachable, errors);
        graph::check_unused_outputs(machine, errors);
        graph::check_unused_guards(machine, errors);
        graph::check_wildcards_that_cover_nothing(machine, &edges, errors);
    }
}

/// Whether the transition graph is what the user meant, so that the checks over the whole graph
/// (reachability, dead ends, unused declarations) say something new. With a transition left out
/// (it named something unknown), a state declared twice, or no single non-final initial state,
/// those checks would only echo the error already reported. (Shadowed transitions are the other
/// reason, reported by `check_shadowed_transitions`.)
fn graph_is_sound(machine: &Machine) -> bool {
    let mut names = HashSet::new();
    let unique_states = machine
        .states
        .iter()
        .map(|s| &s.name)
        .chain(machine.compounds.iter().map(|c| &c.name))
        .all(|name| names.insert(name.to_string()));
    let top = machine.top_level();
    let mut initial = top.iter().filter(|(_, initial, _)| initial.is_some());
    let one_initial = matches!((initial.next(), initial.next()), (Some((_, _, None)), None));
    let sound_compounds = machine.compounds.iter().enumerate().all(|(k, c)| {
        c.final_.is_none() && c.fields.is_empty() && machine.initial_children(k).count() == 1
    });
    // An eventless transition from `_` is reported, and leaves nothing.
    let sourced = machine
        .eventless
        .iter()
        .all(|t| !matches!(t.source, Source::Any(_)));
    machine.complete && unique_states && one_initial && sound_compounds && sourced
}

/// `A + input`, `A | B + input` or `_ + input`, as written.
fn pair_text(machine: &Machine, t: &Transition) -> String {
    let source = match &t.source {
        Source::States(states) => states
            .iter()
            .map(|&(s, _)| machine.states[s].name.unraw().to_string())
            .collect::<Vec<_>>()
            .join(" | "),
        Source::Any(_) => "_".to_owned(),
        Source::Within(c, _) => machine.compounds[*c].name.unraw().to_string(),
    };
    format!("{source} + {}", t.input_name)
}

/// Tokens spanning `Source + input`, for errors about the pair.
fn source_tokens(t: &Transition) -> proc_macro2::TokenStream {
    let source = syn::Ident::new("source", t.source_span());
    let input = &t.input_name;
    quote::quote!(#source #input)
}

/// Tokens spanning `Source + input => Target`.
fn transition_tokens(t: &Transition) -> proc_macro2::TokenStream {
    let mut tokens = source_tokens(t);
    let target = syn::Ident::new("target", t.target_span);
    tokens.extend(quote::quote!(#target));
    tokens
}
