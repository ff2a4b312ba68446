//! Checks of compound states (`state Working { initial state Heating; state Pouring; }`): each
//! is entered through exactly one initial child, and is neither `final` nor carries data.

use super::super::errors::Errors;
use super::super::model::{Machine, Node};

/// `state Working { state Heating; state Pouring; }` (no `initial`), two `initial` children,
/// `final state Working { .. }`, and `state Working { level: u8; state Heating; }`.
pub fn check_compounds(machine: &Machine, errors: &mut Errors) {
    for (index, compound) in machine.compounds.iter().enumerate() {
        let name = &compound.name;
        let initial: Vec<Node> = machine.initial_children(index).collect();
        match initial.as_slice() {
            [] => {
                let first = machine.node_name(compound.children[0]);
                errors.at(
                    name,
                    format!(
                        "compound state `{name}` has no initial child, so a transition to `{name}` \
                         enters nothing; mark the state it starts in with `initial`, as in `state \
                         {name} {{ initial state {first}; .. }}`"
                    ),
                );
            }
            [_] => {}
            [first, others @ ..] => {
                for &other in others {
                    errors.span(
                        machine
                            .initial_keyword(other)
                            .unwrap_or_else(|| machine.node_name(other).span()),
                        format!(
                            "compound state `{name}` has one initial child, but `{other}` is marked \
                             `initial` as well as `{first}`; remove one `initial`",
                            other = machine.node_name(other),
                            first = machine.node_name(*first),
                        ),
                    );
                }
            }
        }
        if let Some(final_) = compound.final_ {
            errors.span(
                final_,
                format!(
                    "compound state `{name}` cannot be `final`: the machine is only ever in a leaf \
                     state; mark a state inside it `final` instead"
                ),
            );
        }
        if let Some(field) = compound.fields.first() {
            errors.at(
                &field.name,
                format!(
                    "compound state `{name}` cannot carry data (`{field}`) yet; declare the field on \
                     each state inside it that needs it",
                    field = field.name
                ),
            );
        }
    }
}
