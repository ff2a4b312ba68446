//! What the names of one step mean (part of the model stage): for a transition taken from one
//! source state, on its main route or its `else` route, where each field of the target comes
//! from (PRODUCT.md's "Data on states") and what a name that a guard or an output takes refers
//! to, before and after the commit. `check` reports the names that mean nothing or two things;
//! code generation reads the same answers, so the two cannot disagree.
//!
//! The rules:
//! - A step **keeps** its data when it does not leave its state (a self-loop without
//!   `reenter`, or an `else` route back to the source): nothing is moved, outputs may take the
//!   kept fields by `&`, `&mut` or by value (a clone).
//! - Any other step **rebuilds**: each field of the target is filled from the binding that names
//!   it (`=> Target { field = value }`, explicit, so it always wins), else from the input's
//!   argument of that name or the source's field of that name (moved); none, or both, is an
//!   error on the field.
//! - Before the commit (guards, fallible outputs, producers) names mean the input's arguments and
//!   the source's fields (by reference). After it, the target's fields, the source's fields the
//!   target did not take (owned by the step: by value, moved at their last use), the arguments
//!   nothing moved, and in an `else` route `error`, the failure.

use syn::ext::IdentExt as _;
use syn::Ident;

use super::model::{Machine, Param, Transition};

/// The name under which an `else` route's outputs receive the failure.
pub const ERROR_PARAM: &str = "error";

/// Which route of a transition a step takes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Route {
    /// The transition's target and outputs.
    Main,
    /// Its `else` route, after a fallible output failed.
    Else,
}

/// Before or after the step commits.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Phase {
    /// Guards, fallible outputs and producers: the source's fields by reference.
    Before,
    /// The outputs that run once the target is committed.
    After,
}

/// A value a name can refer to in a step.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Value {
    /// The input's argument (an index in its parameters).
    Arg(usize),
    /// A field of the source state: borrowed before the commit; after it, one the target did not
    /// take, owned by the step.
    Source(usize),
    /// A field of the target state after the commit (of the kept data, for a step that keeps it).
    Target(usize),
    /// The failure of the fallible output, in an `else` route's outputs.
    Failure,
    /// The machine's per-call context (`context cx: &mut Context;`).
    Context,
    /// `raise`: the handle through which an output raises inputs of its machine.
    Raise,
}

/// Where a field of the target comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Origin {
    /// The output of binding `b` (an index in the route's bindings), run before the commit.
    Produced(usize),
    /// The input's argument, moved.
    Arg(usize),
    /// The source's field, moved.
    Field(usize),
}

/// How a field of the target is filled.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Fill {
    From(Origin),
    /// Nothing of that name: an error on the field.
    Missing,
    /// The argument and the source's field both have its name: an error on the field.
    Both(usize, usize),
    /// A binding for it that is itself in error (reported on the binding).
    Broken,
}

/// What a name taken by a guard or an output means.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Lookup {
    Found(Value),
    Missing,
    /// Two values have the name.
    Ambiguous(Value, Value),
    /// An argument or a source field moved into the target's field (an index) under another name.
    Moved(usize),
}

/// A binding's value, once resolved for one source state.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Bound {
    Ok(Origin),
    /// Neither an output, an argument nor a source field has the name.
    Unknown,
    /// Both an argument and a source field have it.
    Ambiguous(usize, usize),
}

/// One transition taken from one source state, on one route.
pub struct Step<'m> {
    pub m: &'m Machine,
    pub t: &'m Transition,
    pub source: usize,
    pub route: Route,
}

impl<'m> Step<'m> {
    pub fn new(m: &'m Machine, t: &'m Transition, source: usize, route: Route) -> Self {
        Step {
            m,
            t,
            source,
            route,
        }
    }

    /// The state the route leads to.
    pub fn target(&self) -> usize {
        match self.route {
            Route::Main => self.t.target_from(self.source),
            Route::Else => self
                .t
                .otherwise
                .as_ref()
                .map_or(self.source, |e| e.target.from(self.source)),
        }
    }

    /// Whether the step leaves its state (exit and entry actions run, the data is rebuilt).
    pub fn leaves(&self) -> bool {
        match self.route {
            Route::Main => self.m.path(self.t, self.source, false).leaves(),
            Route::Else => self.m.path(self.t, self.source, true).leaves(),
        }
    }

    /// The bindings of the route (`=> Target { field = value }`).
    pub fn bindings(&self) -> &'m [super::model::Binding] {
        match self.route {
            Route::Main => &self.t.bindings,
            Route::Else => self.t.otherwise.as_ref().map_or(&[], |e| &e.bindings),
        }
    }

    fn args(&self) -> &'m [Param] {
        &self.m.inputs[self.t.input].params
    }

    fn source_fields(&self) -> &'m [Param] {
        &self.m.states[self.source].fields
    }

    fn target_fields(&self) -> &'m [Param] {
        &self.m.states[self.target()].fields
    }

    /// What binding `b`'s value is, from this source state.
    pub fn bound(&self, b: usize) -> Bound {
        let binding = &self.bindings()[b];
        if binding.output.is_some() {
            return Bound::Ok(Origin::Produced(b));
        }
        let arg = position(self.args(), &binding.value);
        let field = position(self.source_fields(), &binding.value);
        match (arg, field) {
            (Some(a), Some(f)) => Bound::Ambiguous(a, f),
            (Some(a), None) => Bound::Ok(Origin::Arg(a)),
            (None, Some(f)) => Bound::Ok(Origin::Field(f)),
            (None, None) => Bound::Unknown,
        }
    }

    /// How each field of the target is filled (empty when the step keeps its data).
    pub fn fills(&self) -> Vec<Fill> {
        if !self.leaves() {
            return Vec::new();
        }
        self.target_fields()
            .iter()
            .map(|field| {
                if let Some(b) = self.bindings().iter().position(|b| b.field == field.name) {
                    return match self.bound(b) {
                        Bound::Ok(origin) => Fill::From(origin),
                        _ => Fill::Broken,
                    };
                }
                let arg = position(self.args(), &field.name);
                let own = position(self.source_fields(), &field.name);
                match (arg, own) {
                    (Some(a), Some(f)) => Fill::Both(a, f),
                    (Some(a), None) => Fill::From(Origin::Arg(a)),
                    (None, Some(f)) => Fill::From(Origin::Field(f)),
                    (None, None) => Fill::Missing,
                }
            })
            .collect()
    }

    /// What `name` means in `phase`. `fills` is `self.fills()` (computed once per step).
    pub fn lookup(&self, phase: Phase, name: &Ident, fills: &[Fill]) -> Lookup {
        let mut found: Vec<Value> = Vec::new();
        let mut moved = None;
        if self.route == Route::Else && phase == Phase::After && name == ERROR_PARAM {
            found.push(Value::Failure);
        }
        if self.m.context.as_ref().is_some_and(|c| c.name == *name) {
            found.push(Value::Context);
        }
        if self.m.raise.is_some() && name == super::model::RAISE_PARAM {
            found.push(Value::Raise);
        }
        if let Some(a) = position(self.args(), name) {
            match (phase, moved_into(fills, Origin::Arg(a))) {
                (Phase::After, Some(f)) if self.target_fields()[f].name != *name => moved = Some(f),
                (Phase::After, Some(_)) => {} // it is the target's field of the same name now
                _ => found.push(Value::Arg(a)),
            }
        }
        if let Some(f) = position(self.source_fields(), name) {
            match phase {
                Phase::Before => found.push(Value::Source(f)),
                Phase::After if !self.leaves() => found.push(Value::Target(f)),
                Phase::After => match moved_into(fills, Origin::Field(f)) {
                    Some(into) if self.target_fields()[into].name != *name => moved = Some(into),
                    Some(_) => {}
                    None => found.push(Value::Source(f)),
                },
            }
        }
        if phase == Phase::After && self.leaves() {
            if let Some(f) = position(self.target_fields(), name) {
                found.push(Value::Target(f));
            }
        }
        match (found.as_slice(), moved) {
            ([], Some(f)) => Lookup::Moved(f),
            ([], None) => Lookup::Missing,
            ([value], _) => Lookup::Found(*value),
            ([a, b, ..], _) => Lookup::Ambiguous(*a, *b),
        }
    }

    /// The value as a reader would name it: "argument `x` of input `i`", "field `x` of state `S`".
    pub fn describe(&self, value: Value) -> String {
        match value {
            Value::Arg(a) => format!(
                "argument `{}` of input `{}`",
                self.args()[a].name,
                self.m.inputs[self.t.input].name
            ),
            Value::Source(f) => format!(
                "field `{}` of state `{}`",
                self.source_fields()[f].name,
                self.m.states[self.source].name
            ),
            Value::Target(f) => format!(
                "field `{}` of state `{}`",
                self.target_fields()[f].name,
                self.m.states[self.target()].name
            ),
            Value::Failure => "the failure".to_owned(),
            Value::Raise => "the machine's queue of raised inputs".to_owned(),
            Value::Context => format!(
                "context `{}`",
                self.m
                    .context
                    .as_ref()
                    .map_or_else(String::new, |c| c.name.unraw().to_string())
            ),
        }
    }
}

/// The target field (an index) that `origin` moves into, if the step moves it.
fn moved_into(fills: &[Fill], origin: Origin) -> Option<usize> {
    fills.iter().position(|fill| *fill == Fill::From(origin))
}

fn position(params: &[Param], name: &Ident) -> Option<usize> {
    params.iter().position(|p| p.name == *name)
}

/// The source states whose steps through transition `t` differ in what their names mean: each
/// state with fields, and one state standing for all those without (their steps are alike).
/// Explicit sources as declared; a wildcard's, from `plans` (the states it applies to).
pub fn source_classes(m: &Machine, plans: &[Vec<usize>], t: usize) -> Vec<usize> {
    let transition = &m.transitions[t];
    let inputs = m.inputs.len();
    let sources: Vec<usize> = match &transition.source {
        super::model::Source::States(states) => states.iter().map(|&(s, _)| s).collect(),
        super::model::Source::Any(_) | super::model::Source::Within(..) => (0..m.states.len())
            .filter(|&s| plans[s * inputs + transition.input].contains(&t))
            .collect(),
    };
    let mut classes = Vec::new();
    let mut plain = false;
    for s in sources {
        if !m.states[s].fields.is_empty() {
            if !classes.contains(&s) {
                classes.push(s);
            }
        } else if !plain {
            plain = true;
            classes.push(s);
        }
    }
    classes
}
