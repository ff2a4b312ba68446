//! Stage 2: the model, the one validated IR between the front end and the back ends.
//!
//! `Machine::from_syntax` resolves every name to an index, so code generation never looks a name
//! up and never meets a dangling one: a transition naming an unknown state, input, output or
//! guard is reported here and left out of the model. Everything else about a machine's validity
//! (shadowed or duplicate transitions, missing initial state, parameter and return rules, ...) is
//! judged in `check`, over this model.
//!
//! Every node keeps the `Ident`/span it came from, for errors. Lists are in declaration order and
//! indices are positions in them, so everything generated from the model is deterministic.
//!
//! `Machine::plans` is the one place that decides which transitions a state tries for an input,
//! in which order (PRODUCT.md's step 1, select); code generation, the description and the graph
//! checks all read it.

use std::fmt;
use syn::ext::IdentExt as _;

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Attribute, Ident, Path, Type, Visibility};

use super::errors::Errors;
use super::parse::{self, Item, MachineDef};
use super::suggest;

pub struct Machine {
    /// Path to the facade crate (`::automat_rs` unless the wrapper passed `$crate`).
    pub krate: TokenStream,
    /// Doc attributes of the machine, forwarded to the machine type.
    pub docs: Docs,
    /// Other attributes of the machine, forwarded to the machine type.
    pub attrs: Vec<Attribute>,
    /// Derives for the generated input enum (`#[derive_input(...)]`).
    pub derive_input: Vec<Path>,
    /// Derives for the generated return enum (`#[derive_return(...)]`).
    pub derive_return: Vec<Path>,
    /// Derives for the generated failure enum (`#[derive_failure(...)]`).
    pub derive_failure: Vec<Path>,
    /// Derives for the data enum and the states' data structs (`#[derive_data(...)]`).
    pub derive_data: Vec<Path>,
    /// `#[serde]`: states, inputs and the machine serialize by stable names (feature `serde`).
    /// Opt-in per machine, because input types must then be serializable: a feature turned on
    /// elsewhere in a build must not break a machine that did not ask for it.
    pub serde: Option<Span>,
    pub vis: Visibility,
    pub name: Ident,
    /// `machine Stream<P: Peer> where P: Clone`: type and const parameters, usable in the types
    /// of arguments, return values, fields and the context.
    pub generics: syn::Generics,
    /// The leaf states: the ones the machine can be in, and the state enum's variants.
    pub states: Vec<State>,
    /// The compound states (`state Working { initial state Heating; state Pouring; }`), which
    /// group leaves and other compounds; a machine is only ever in a leaf.
    pub compounds: Vec<Compound>,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
    pub guards: Vec<Guard>,
    /// `context cx: &mut Context;`: the per-call context every input method and `handle` take.
    pub context: Option<Context>,
    /// Context declarations after the first (reported by `check`).
    pub extra_contexts: Vec<Span>,
    pub transitions: Vec<Transition>,
    /// Eventless transitions (`Checking [valid] => Approved;`), taken after a step enters their
    /// source (PRODUCT.md's step 7). Their `input` is `usize::MAX`: they are never in `plans`.
    pub eventless: Vec<Transition>,
    /// The queue of inputs raised from outputs (`#[raise(capacity = N)]`, `#[raise(unbounded)]`):
    /// `Some` when an output declares `raise: Raise`, or the attribute is given.
    pub raise: Option<RaiseQueue>,
    /// Where `#[raise(..)]` is written, if it is.
    pub raise_attr: Option<Span>,
    /// `#[typestate]`: the machine also has a typed API, one type per state (`NameAt<S, Core>`).
    pub typestate: Option<Span>,
    /// The timers (`Open + after(unlock_time) => Locked;`), each taking its own hidden input.
    pub timers: Vec<Timer>,
    /// `#[local]`: an async machine whose outputs' futures need not be `Send`.
    pub local: Option<Span>,
    /// A timer's transition was dropped for an error (the graph checks then keep quiet).
    pub complete_timers_lost: bool,
    /// Whether a transition has a guard or a fallible output, as declared (so that a transition
    /// left out for an unknown name cannot change what the machine's stubs look like).
    pub decides: bool,
    /// Whether every declared transition made it into the model. When one named something
    /// unknown it was left out, and the checks over the whole graph (reachability, dead ends,
    /// unused declarations) would only echo that error, so they are skipped.
    pub complete: bool,
    /// The user's enum holding the state and its data (the derive front end): the machine
    /// stores it as its data enum, which is then not generated.
    pub user_data: Option<Ident>,
}

pub struct State {
    pub name: Ident,
    pub docs: Docs,
    /// `#[allow(unreachable)]`: the state is entered another way (restored from a snapshot).
    pub allows: Allows,
    /// The `initial` keyword, when present.
    pub initial: Option<Span>,
    /// The `final` keyword, when present.
    pub final_: Option<Span>,
    /// Entry actions (outputs), in the order they run.
    pub entry: Vec<OutputUse>,
    /// Exit actions (outputs), in the order they run.
    pub exit: Vec<OutputUse>,
    /// The data the state carries (`state Connected { conn: Connection }`), in order.
    pub fields: Vec<Param>,
    /// Its fields are positional (a derived enum's tuple variant, `Closed(Cause)`): the data
    /// enum's variant is written with indices (`Closed { 0: .. }`), the names stand for them.
    pub positional: bool,
    /// The compound state it is declared in.
    pub parent: Option<usize>,
}

/// A state with states inside it: never current itself, entered through its initial child.
pub struct Compound {
    pub name: Ident,
    pub docs: Docs,
    pub initial: Option<Span>,
    pub final_: Option<Span>,
    pub entry: Vec<OutputUse>,
    pub exit: Vec<OutputUse>,
    /// Fields declared on it (not supported: reported by `check`).
    pub fields: Vec<Param>,
    pub parent: Option<usize>,
    /// Its children, in declaration order.
    pub children: Vec<Node>,
    /// A derived compound (`#[machine(compound)] On(OnStates)`): the user's enum whose variants
    /// are its children; the data enum's variant `On` holds one (`Data::On(OnStates::Idle)`).
    pub children_enum: Option<proc_macro2::TokenStream>,
}

/// What one step exits and enters (`Machine::path`).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub struct StepPath {
    pub exits: Vec<Node>,
    pub entries: Vec<Node>,
}

impl StepPath {
    /// Whether the step leaves its leaf (its data is rebuilt).
    pub fn leaves(&self) -> bool {
        !self.exits.is_empty()
    }
}

/// A leaf state or a compound one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Node {
    Leaf(usize),
    Compound(usize),
}

pub struct Input {
    pub name: Ident,
    /// `#[allow(unused)]`: declared before any transition takes it.
    pub allows: Allows,
    /// The variant of the input and return enums (`put_in_beans` → `PutInBeans`).
    pub variant: Ident,
    pub docs: Docs,
    /// `input recv<'a>(..)`: the lifetimes its parameters borrow for, as declared.
    pub lifetimes: Vec<syn::LifetimeParam>,
    pub params: Vec<Param>,
    pub ret: Option<Type>,
    /// The timer whose hidden input this is.
    pub timer: Option<usize>,
}

/// A timer: while its state is active, the host's clock runs (started on entry, cancelled on
/// exit, by the core's `Timers` hooks); when it runs out, the host calls `timeout`, which takes
/// the timer's transition through the timer's own input (hidden: `after_open`).
pub struct Timer {
    /// Its input (`Input::timer` points back).
    pub input: usize,
    pub duration: TimerDuration,
    /// The `after` keyword, for errors.
    pub after: Span,
    /// The state or compound it belongs to (its transition's source); `None` when that did not
    /// resolve.
    pub node: Option<Node>,
    /// The variant of the timer enum (`NameTimer::Open`).
    pub variant: Ident,
    /// The source state's name as written, without `r#`.
    pub state_name: String,
}

pub enum TimerDuration {
    /// `after(unlock_time)`: `fn unlock_time(&self) -> Duration` on the outputs trait.
    Method(Ident),
    /// `after(30s)`: a constant, in milliseconds, with the text as written (`30s`).
    Literal { millis: u64, text: String },
}

impl TimerDuration {
    /// `30s`, or `unlock_time`, for diagrams.
    pub fn text(&self) -> String {
        match self {
            TimerDuration::Method(name) => name.unraw().to_string(),
            TimerDuration::Literal { text, .. } => text.clone(),
        }
    }
}

pub struct Output {
    pub name: Ident,
    /// `async output`: its method returns a future, which the step awaits.
    pub asyncness: Option<Span>,
    /// `#[allow(unused)]`: declared before any transition runs it.
    pub allows: Allows,
    pub docs: Docs,
    pub lifetimes: Vec<syn::LifetimeParam>,
    pub params: Vec<Param>,
    pub ret: Option<Type>,
}

/// `guard has_water(amount: u32);`: a pure condition on the core and the input's arguments.
pub struct Guard {
    pub name: Ident,
    /// `#[allow(unused)]`: declared before any transition uses it.
    pub allows: Allows,
    pub docs: Docs,
    pub lifetimes: Vec<syn::LifetimeParam>,
    pub params: Vec<Param>,
    /// The declared return type; anything but `bool` is an error.
    pub ret: Option<Type>,
}

pub struct Param {
    pub name: Ident,
    pub ty: Type,
}

/// `context cx: &mut Context;`
pub struct Context {
    pub name: Ident,
    pub ty: Type,
    /// Its doc comment, for the machine type's docs.
    pub docs: Docs,
}

pub struct Transition {
    pub docs: Docs,
    pub source: Source,
    pub input: usize,
    /// The input's name as written in this transition, for errors.
    pub input_name: Ident,
    pub guard: Option<GuardUse>,
    /// The `reenter` keyword: a self-loop that exits and re-enters its state.
    pub reenter: Option<Span>,
    pub target: Target,
    /// The state written as the target (`None` for `_`): a compound one is entered through its
    /// initial children, down to the leaf in `target`.
    pub target_node: Option<Node>,
    /// Where the target is written, for errors.
    pub target_span: Span,
    /// `=> Target { field = value }`: fields of the target filled from a named value.
    pub bindings: Vec<Binding>,
    pub outputs: Vec<OutputUse>,
    /// `else Target / outputs`: where a failing fallible output sends the step.
    pub otherwise: Option<Else>,
    /// `=> Working.history` or `Working.history*`: the compound in `target_node` is entered at
    /// its recorded child or leaf (`target` holds the one it enters before any is recorded).
    pub history: Option<History>,
}

/// Where a machine keeps the inputs its outputs raise.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RaiseQueue {
    /// At most this many, without allocation (the default: 8).
    Bounded(usize),
    /// As many as are raised (feature `alloc` of the facade).
    Unbounded,
}

/// The capacity of a machine's queue of raised inputs without `#[raise(capacity = N)]`.
pub const DEFAULT_RAISE_CAPACITY: usize = 8;

/// The parameter name through which an output raises inputs (`output retry(raise: Raise);`).
pub const RAISE_PARAM: &str = "raise";

/// A history target (`Working.history`, `Working.history*`).
#[derive(Clone, Copy)]
pub struct History {
    pub compound: usize,
    /// `*`: the leaf last active inside it, rather than its child.
    pub deep: bool,
    /// The `history` keyword.
    pub span: Span,
}

/// The input of an eventless transition (which has none).
pub const EVENTLESS: usize = usize::MAX;

#[derive(Clone)]
pub enum Source {
    /// `A` or `A | B`: the listed states, each with the span of its name.
    States(Vec<(usize, Span)>),
    /// `_`: every non-final state without a transition of its own on this input.
    Any(Span),
    /// A compound state: every leaf inside it without a transition of its own (or of a compound
    /// nearer to it) on this input.
    Within(usize, Span),
}

#[derive(Clone, Copy)]
pub enum Target {
    State(usize),
    /// `_`: the source state itself.
    Stay,
}

/// An output named in a transition, or as a state's entry or exit action.
pub struct OutputUse {
    pub output: usize,
    /// The name as written: errors about this use go here.
    pub name: Ident,
    /// `?`: the output is fallible, runs before the step commits, and its `Err` stops the step.
    pub fallible: Option<Span>,
}

/// `else Target / outputs` of a transition.
pub struct Else {
    /// The `else` keyword.
    pub span: Span,
    pub target: Target,
    /// The state written as the target (`None` for `_`).
    pub target_node: Option<Node>,
    /// Where the target is written, for errors.
    pub target_span: Span,
    /// `else Target { field = value }`.
    pub bindings: Vec<Binding>,
    pub outputs: Vec<OutputUse>,
}

/// `field = value` in `=> Target { field = value }`.
pub struct Binding {
    /// The target's field, as written.
    pub field: Ident,
    /// What fills it, as written: an output, or an input argument or source field.
    pub value: Ident,
    /// The output named `value`, when one is declared: it runs before the step commits and
    /// produces the field (fallible with `value?`).
    pub output: Option<OutputUse>,
    /// The `?` after `value`.
    pub fallible: Option<Span>,
}

/// A guard expression of a transition, its names resolved.
pub struct GuardUse {
    pub expr: GuardExpr,
    /// The expression's tokens, for errors about the whole of it.
    pub tokens: TokenStream,
}

/// A guard expression over guard indices.
#[derive(Clone, PartialEq, Eq, Hash)]
pub enum GuardExpr {
    /// A guard, with the name as written (errors about this use go there).
    Name(usize, NameSpan),
    Not(Box<GuardExpr>),
    And(Box<GuardExpr>, Box<GuardExpr>),
    Or(Box<GuardExpr>, Box<GuardExpr>),
}

/// A span that compares equal to every other, so that guard expressions compare by structure.
#[derive(Clone)]
pub struct NameSpan(pub Ident);

impl PartialEq for NameSpan {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl Eq for NameSpan {}
impl std::hash::Hash for NameSpan {
    fn hash<H: std::hash::Hasher>(&self, _: &mut H) {}
}

/// Doc comments: forwarded as attributes (keeping their spans), and as text for descriptions.
#[derive(Default)]
pub struct Docs {
    pub attrs: Vec<Attribute>,
}

/// The checks a declaration opts out of with `#[allow(..)]`, e.g. `#[allow(unreachable)] state S;`.
#[derive(Default)]
pub struct Allows {
    pub names: Vec<Ident>,
    /// `#[serialized = "name"]` on a state or input: its stable name in snapshots and journals.
    pub serialized: Option<syn::LitStr>,
}

impl Allows {
    pub fn has(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }
}

/// A state's entry and exit actions, by name, as declared.
type ActionNames = (Vec<Ident>, Vec<Ident>);

/// One `(state, input)` pair with one of the transitions it tries.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Edge {
    pub source: usize,
    pub input: usize,
    pub transition: usize,
}

impl Machine {
    /// Builds the model, reporting unknown names and malformed attributes into `errors`.
    ///
    /// With `quiet` (the syntax already failed), unknown names are not reported: they are most
    /// likely declarations that did not parse, and reporting them would only echo that error.
    pub fn from_syntax(syntax: MachineDef, errors: &mut Errors, quiet: bool) -> Machine {
        let krate = syntax.krate.unwrap_or_else(|| quote!(::automat_rs));
        let mut machine = Machine {
            krate,
            docs: Docs::default(),
            attrs: Vec::new(),
            derive_input: Vec::new(),
            derive_return: Vec::new(),
            derive_failure: Vec::new(),
            derive_data: Vec::new(),
            serde: None,
            vis: syntax.vis,
            name: syntax.name,
            generics: syntax.generics,
            states: Vec::new(),
            compounds: Vec::new(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            guards: Vec::new(),
            context: None,
            extra_contexts: Vec::new(),
            transitions: Vec::new(),
            eventless: Vec::new(),
            raise: None,
            raise_attr: None,
            typestate: None,
            timers: Vec::new(),
            local: None,
            complete_timers_lost: false,
            decides: false,
            complete: true,
            user_data: syntax.user_data,
        };
        machine.read_attrs(syntax.attrs, errors);

        let (transitions, actions) = machine.declare(syntax.items, errors);
        let raises = machine
            .outputs
            .iter()
            .any(|o| o.params.iter().any(|p| p.name == RAISE_PARAM));
        if raises && machine.raise.is_none() {
            machine.raise = Some(RaiseQueue::Bounded(DEFAULT_RAISE_CAPACITY));
        }
        machine.decides = raises
            || transitions.iter().any(|t| {
                t.input.is_none()
                    || matches!(t.target, parse::Target::History { .. })
                    || t.guard.is_some()
                    || t.outputs.iter().any(|u| u.fallible.is_some())
                    || target_bindings(&t.target)
                        .iter()
                        .any(|b| b.fallible.is_some())
            });

        let mut resolver = Resolver::new(&machine, errors, quiet);
        let mut resolved_actions = Vec::with_capacity(actions.len());
        for (node, (entry, exit)) in actions {
            resolved_actions.push((node, resolver.actions(entry), resolver.actions(exit)));
        }
        let declared = transitions.len();
        let kept: Vec<Transition> = transitions
            .into_iter()
            .filter_map(|t| resolver.transition(t))
            .collect();
        let actions_known = resolver.actions_known;
        machine.complete = kept.len() == declared && actions_known && !machine.complete_timers_lost;
        (machine.eventless, machine.transitions) =
            kept.into_iter().partition(|t| t.input == EVENTLESS);
        machine.place_timers();
        machine.set_actions(resolved_actions);
        machine.enter_leaf_targets();
        machine
    }

    /// The machine's attributes: docs, the macro's own (`#[derive_input(..)]`, `#[serde]`,
    /// `#[typestate]`, `#[local]`, `#[raise(..)]`, ...), and the rest, kept for the machine type.
    fn read_attrs(&mut self, attrs: Vec<Attribute>, errors: &mut Errors) {
        for attr in attrs {
            if attr.path().is_ident("doc") {
                self.docs.attrs.push(attr);
            } else if attr.path().is_ident("derive_input") {
                self.derive_input.extend(parse_derives(&attr, errors));
            } else if attr.path().is_ident("serde") {
                match &attr.meta {
                syn::Meta::Path(path) => self.serde = Some(path.segments[0].ident.span()),
                _ => errors.span(attr_arguments(&attr), "`#[serde]` takes no arguments: write `#[serde]`, and rename states and inputs with `#[serialized = \"..\"]`"),
            }
            } else if attr.path().is_ident("derive_return") {
                self.derive_return.extend(parse_derives(&attr, errors));
            } else if attr.path().is_ident("derive_failure") {
                self.derive_failure.extend(parse_derives(&attr, errors));
            } else if attr.path().is_ident("derive_data") {
                self.derive_data.extend(parse_derives(&attr, errors));
            } else if attr.path().is_ident("typestate") {
                match &attr.meta {
                    syn::Meta::Path(path) => {
                        self.typestate = Some(path.segments[0].ident.span());
                    }
                    _ => errors.span(
                        attr_arguments(&attr),
                        "`#[typestate]` takes no arguments: write `#[typestate]`",
                    ),
                }
            } else if attr.path().is_ident("local") {
                match &attr.meta {
                    syn::Meta::Path(path) => self.local = Some(path.segments[0].ident.span()),
                    _ => errors.span(
                        attr_arguments(&attr),
                        "`#[local]` takes no arguments: write `#[local]`",
                    ),
                }
            } else if attr.path().is_ident("raise") {
                self.raise_attr = Some(attr.path().segments[0].ident.span());
                self.raise = parse_raise(&attr, errors);
            } else if let Some(close) = attr
                .path()
                .get_ident()
                .map(ToString::to_string)
                .and_then(|name| misspelt_machine_attribute(&name))
            {
                // `#[derive_inputs(..)]`: one of the macro's own, misspelt (it would reach the
                // machine type as an unknown attribute).
                errors.at(
                    attr.path(),
                    format!(
                        "unknown machine attribute `{}`; did you mean `#[{close}]`?",
                        attr.path()
                            .get_ident()
                            .map(ToString::to_string)
                            .unwrap_or_default()
                    ),
                );
            } else {
                self.attrs.push(attr);
            }
        }
    }

    /// Each node's resolved entry and exit actions.
    fn set_actions(&mut self, actions: Vec<(Node, Vec<OutputUse>, Vec<OutputUse>)>) {
        for (node, entry, exit) in actions {
            match node {
                Node::Leaf(s) => (self.states[s].entry, self.states[s].exit) = (entry, exit),
                Node::Compound(c) => {
                    (self.compounds[c].entry, self.compounds[c].exit) = (entry, exit);
                }
            }
        }
    }

    /// Each timer belongs to its transition's source.
    fn place_timers(&mut self) {
        for t in &self.transitions {
            if let Some(k) = self.inputs[t.input].timer {
                self.timers[k].node = match t.source {
                    Source::States(ref states) => states.first().map(|&(s, _)| Node::Leaf(s)),
                    Source::Within(c, _) => Some(Node::Compound(c)),
                    Source::Any(_) => None,
                };
            }
        }
    }

    /// A compound target is entered at a leaf; the source named as its own target stays.
    fn enter_leaf_targets(&mut self) {
        let targets: Vec<(Target, Option<Target>)> = self
            .transitions
            .iter()
            .chain(&self.eventless)
            .map(|t| {
                let main = self.leaf_target(t, t.target_node, t.target);
                let otherwise = t
                    .otherwise
                    .as_ref()
                    .map(|e| self.leaf_target(t, e.target_node, e.target));
                (main, otherwise)
            })
            .collect();
        for (t, (main, otherwise)) in self
            .transitions
            .iter_mut()
            .chain(self.eventless.iter_mut())
            .zip(targets)
        {
            t.target = main;
            if let (Some(e), Some(target)) = (t.otherwise.as_mut(), otherwise) {
                e.target = target;
            }
        }
    }

    /// Adds the declared states, inputs, outputs and guards; returns the transitions and the
    /// states' entry and exit actions, whose names are resolved once everything is declared.
    fn declare(
        &mut self,
        items: Vec<Item>,
        errors: &mut Errors,
    ) -> (Vec<parse::TransitionDecl>, Vec<(Node, ActionNames)>) {
        let mut transitions = Vec::new();
        let mut actions = Vec::new();
        for item in items {
            match item {
                Item::State(decl) => {
                    self.declare_state(decl, None, &mut actions, errors);
                }
                Item::Input(sig) => {
                    let variant = Ident::new(
                        &variant_name(&sig.name.unraw().to_string(), ""),
                        sig.name.span(),
                    );
                    let (docs, allows) = split_attrs(sig.attrs, "an input", &["unused"], errors);
                    self.inputs.push(Input {
                        docs,
                        allows,
                        variant,
                        name: sig.name,
                        lifetimes: sig.lifetimes,
                        params: sig.params.into_iter().map(Param::from).collect(),
                        ret: sig.ret,
                        timer: None,
                    });
                }
                Item::Output(sig) => {
                    let (docs, allows) = split_attrs(sig.attrs, "an output", &["unused"], errors);
                    self.outputs.push(Output {
                        docs,
                        allows,
                        asyncness: sig.asyncness.map(|kw| kw.span),
                        name: sig.name,
                        lifetimes: sig.lifetimes,
                        params: sig.params.into_iter().map(Param::from).collect(),
                        ret: sig.ret,
                    });
                }
                Item::Guard(sig) => {
                    let (docs, allows) = split_attrs(sig.attrs, "a guard", &["unused"], errors);
                    self.guards.push(Guard {
                        docs,
                        allows,
                        name: sig.name,
                        lifetimes: sig.lifetimes,
                        params: sig.params.into_iter().map(Param::from).collect(),
                        ret: sig.ret,
                    });
                }
                Item::Context(decl) => {
                    let docs = Docs::only_docs(decl.attrs, "the context", errors);
                    if self.context.is_some() {
                        self.extra_contexts.push(decl.keyword.span);
                    } else {
                        self.context = Some(Context {
                            name: decl.name,
                            ty: decl.ty,
                            docs,
                        });
                    }
                }
                Item::Transition(mut decl) => {
                    if let Some(timer) = decl.timer.take() {
                        let Some(input) = self.declare_timer(&decl.source, timer, errors) else {
                            self.complete_timers_lost = true;
                            continue;
                        };
                        decl.input = Some(input);
                    }
                    transitions.push(decl);
                }
            }
        }

        (transitions, actions)
    }

    /// Declares a timer of `source` and its hidden input (`after_open`, `AfterOpen`; numbered
    /// from the second timer of a state); returns the input's name, for its transition.
    fn declare_timer(
        &mut self,
        source: &parse::Source,
        timer: parse::TimerDecl,
        errors: &mut Errors,
    ) -> Option<Ident> {
        let after = timer.after.span;
        let state = match source {
            parse::Source::States(states) if states.len() == 1 => &states[0],
            _ => {
                let place = match source {
                    parse::Source::Any(any) => any.span,
                    parse::Source::States(_) => after,
                };
                errors.span(
                    place,
                    "a timer belongs to one state, whose entry starts it: write a transition per \
                     state, as in `Open + after(30s) => Locked;` (a compound state's timer runs \
                     while the machine is anywhere inside it)",
                );
                return None;
            }
        };
        let duration = match timer.duration {
            parse::DurationDecl::Method(name) => TimerDuration::Method(name),
            parse::DurationDecl::Literal(literal) => {
                let unit: u64 = match literal.suffix() {
                    "ms" => 1,
                    "s" => 1_000,
                    "min" => 60_000,
                    _ => 3_600_000,
                };
                let Some(millis) = literal
                    .base10_parse::<u64>()
                    .ok()
                    .and_then(|n| n.checked_mul(unit))
                else {
                    errors.span(
                        literal.span(),
                        "this duration does not fit in `u64` milliseconds; write a shorter one",
                    );
                    return None;
                };
                TimerDuration::Literal {
                    millis,
                    text: literal.to_string(),
                }
            }
        };
        let base = state.unraw().to_string();
        let nth = self.timers.iter().filter(|t| t.state_name == base).count();
        let suffix = if nth == 0 {
            String::new()
        } else {
            (nth + 1).to_string()
        };
        let variant = Ident::new(&variant_name(&base, &suffix), after);
        let name = format_ident!(
            "after_{}{}",
            base.to_snake_case(),
            suffix.clone(),
            span = after
        );
        let input_variant = format_ident!("After{}", variant, span = after);
        self.timers.push(Timer {
            input: self.inputs.len(),
            state_name: base,
            duration,
            after,
            node: None,
            variant,
        });
        self.inputs.push(Input {
            name: name.clone(),
            allows: Allows::default(),
            variant: input_variant,
            docs: Docs::default(),
            lifetimes: Vec::new(),
            params: Vec::new(),
            ret: None,
            timer: Some(self.timers.len() - 1),
        });
        Some(name)
    }

    /// Declares `decl` (inside compound `parent`): a leaf, or a compound with its children.
    /// `actions` gets each node's entry and exit action names, in the order nodes are declared.
    fn declare_state(
        &mut self,
        decl: parse::StateDecl,
        parent: Option<usize>,
        actions: &mut Vec<(Node, ActionNames)>,
        errors: &mut Errors,
    ) -> Node {
        if decl.children.is_empty() {
            let (docs, allows) = split_attrs(decl.attrs, "a state", &["unreachable"], errors);
            let node = Node::Leaf(self.states.len());
            actions.push((node, (decl.entry, decl.exit)));
            self.states.push(State {
                docs,
                allows,
                initial: decl.initial.map(|kw| kw.span),
                final_: decl.final_.map(|kw| kw.span),
                name: decl.name,
                entry: Vec::new(),
                exit: Vec::new(),
                fields: decl.fields.into_iter().map(Param::from).collect(),
                positional: decl.positional,
                parent,
            });
            return node;
        }
        let docs = Docs::only_docs(decl.attrs, "a compound state", errors);
        let index = self.compounds.len();
        actions.push((Node::Compound(index), (decl.entry, decl.exit)));
        self.compounds.push(Compound {
            name: decl.name,
            docs,
            initial: decl.initial.map(|kw| kw.span),
            final_: decl.final_.map(|kw| kw.span),
            entry: Vec::new(),
            exit: Vec::new(),
            fields: decl.fields.into_iter().map(Param::from).collect(),
            parent,
            children: Vec::new(),
            children_enum: decl.children_enum,
        });
        for child in decl.children {
            let node = self.declare_state(child, Some(index), actions, errors);
            self.compounds[index].children.push(node);
        }
        Node::Compound(index)
    }

    /// The leaf target of `t` for the node written (`target` as resolved by name).
    fn leaf_target(&self, t: &Transition, node: Option<Node>, target: Target) -> Target {
        match node {
            Some(Node::Compound(c)) => {
                if t.reenter.is_none()
                    && t.history.is_none()
                    && matches!(t.source, Source::Within(s, _) if s == c)
                {
                    Target::Stay
                } else {
                    Target::State(self.enter_leaf(Node::Compound(c), &mut Vec::new()))
                }
            }
            _ => target,
        }
    }

    /// The compound a node is declared in.
    pub fn parent(&self, node: Node) -> Option<usize> {
        match node {
            Node::Leaf(s) => self.states[s].parent,
            Node::Compound(c) => self.compounds[c].parent,
        }
    }

    /// Whether `node` is `ancestor` or inside it.
    pub fn within(&self, node: Node, ancestor: usize) -> bool {
        if node == Node::Compound(ancestor) {
            return true;
        }
        let mut parent = self.parent(node);
        while let Some(c) = parent {
            if c == ancestor {
                return true;
            }
            parent = self.compounds[c].parent;
        }
        false
    }

    /// The eventless transitions leaf `leaf` tries once a step has entered it, in the order it
    /// tries them (step 1's rule): its own in declaration order, then those of the compounds
    /// around it, innermost first; up to and including the first without a guard.
    pub fn eventless_of(&self, leaf: usize) -> Vec<usize> {
        let mut plan = Vec::new();
        let own = self.eventless.iter().enumerate().filter(|(_, t)| {
            matches!(&t.source, Source::States(states) if states.iter().any(|&(s, _)| s == leaf))
        });
        let mut levels: Vec<Vec<usize>> = vec![own.map(|(k, _)| k).collect()];
        let mut parent = self.states[leaf].parent;
        while let Some(c) = parent {
            levels.push(
                self.eventless
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| matches!(t.source, Source::Within(w, _) if w == c))
                    .map(|(k, _)| k)
                    .collect(),
            );
            parent = self.compounds[c].parent;
        }
        for k in levels.into_iter().flatten() {
            plan.push(k);
            if self.eventless[k].guard.is_none() {
                break;
            }
        }
        plan
    }

    /// Every eventless transition as it applies to one leaf, `(leaf, eventless index)`: in
    /// declaration order of the transitions, then of the leaves (`Description::eventless`).
    pub fn eventless_edges(&self) -> Vec<(usize, usize)> {
        let plans: Vec<Vec<usize>> = (0..self.states.len())
            .map(|s| self.eventless_of(s))
            .collect();
        (0..self.eventless.len())
            .flat_map(|k| {
                plans
                    .iter()
                    .enumerate()
                    .filter(move |(_, plan)| plan.contains(&k))
                    .map(move |(s, _)| (s, k))
            })
            .collect()
    }

    /// The leaves a step that enters `leaf` can end in, once its eventless transitions are
    /// taken (`leaf` and every leaf its eventless transitions reach), sorted.
    pub fn settles_at(&self, leaf: usize) -> Vec<usize> {
        if self.eventless.is_empty() {
            return vec![leaf];
        }
        let mut seen = vec![false; self.states.len()];
        let mut stack = vec![leaf];
        let mut settled = Vec::new();
        seen[leaf] = true;
        while let Some(s) = stack.pop() {
            settled.push(s);
            for k in self.eventless_of(s) {
                for next in self.targets_from(&self.eventless[k], s) {
                    if !seen[next] {
                        seen[next] = true;
                        stack.push(next);
                    }
                }
            }
        }
        settled.sort_unstable();
        settled
    }

    /// The compounds whose history is recorded (those a history target names), in order.
    pub fn recorded(&self) -> Vec<usize> {
        let mut recorded: Vec<usize> = self
            .transitions
            .iter()
            .chain(&self.eventless)
            .filter_map(|t| t.history.map(|h| h.compound))
            .collect();
        recorded.sort_unstable();
        recorded.dedup();
        recorded
    }

    /// The leaves inside compound `c`, in declaration order.
    pub fn leaves_in(&self, c: usize) -> Vec<usize> {
        (0..self.states.len())
            .filter(|&s| self.within(Node::Leaf(s), c))
            .collect()
    }

    /// What entering history `h` does, by the leaf recorded for its compound: per group of
    /// recorded leaves, the leaf entered and the nodes entered below the compound (outermost
    /// first). Deep history enters the recorded leaf itself; shallow history the child that
    /// holds it, through its initial children. Before anything is recorded, the compound's
    /// initial leaf is recorded (so it is entered as a compound target is).
    pub fn history_entries(&self, h: History) -> Vec<(Vec<usize>, usize, Vec<Node>)> {
        let mut groups: Vec<(Vec<usize>, usize, Vec<Node>)> = Vec::new();
        for leaf in self.leaves_in(h.compound) {
            let (target, entries) = if h.deep {
                let mut entries = Vec::new();
                let mut node = Some(Node::Leaf(leaf));
                while let Some(n) = node.filter(|&n| n != Node::Compound(h.compound)) {
                    entries.push(n);
                    node = self.parent(n).map(Node::Compound);
                }
                entries.reverse();
                (leaf, entries)
            } else {
                let mut child = Node::Leaf(leaf);
                while self.parent(child) != Some(h.compound) {
                    child = self.parent(child).map_or(child, Node::Compound);
                }
                let mut entries = Vec::new();
                (self.enter_leaf(child, &mut entries), entries)
            };
            match groups.iter_mut().find(|g| g.1 == target && g.2 == entries) {
                Some(group) => group.0.push(leaf),
                None => groups.push((vec![leaf], target, entries)),
            }
        }
        groups
    }

    /// Every leaf transition `t` can lead to from `leaf` (more than one for a history target).
    pub fn targets_from(&self, t: &Transition, leaf: usize) -> Vec<usize> {
        match t.history {
            Some(h) => {
                let mut targets: Vec<usize> =
                    self.history_entries(h).into_iter().map(|g| g.1).collect();
                targets.sort_unstable();
                targets.dedup();
                targets
            }
            None => vec![t.target_from(leaf)],
        }
    }

    /// The child a compound is entered through: its `initial` one, else its first.
    pub fn initial_child(&self, compound: usize) -> Node {
        self.initial_children(compound)
            .next()
            .unwrap_or(self.compounds[compound].children[0])
    }

    /// The children of `compound` marked `initial` (`check` wants exactly one).
    pub fn initial_children(&self, compound: usize) -> impl Iterator<Item = Node> + '_ {
        self.compounds[compound]
            .children
            .iter()
            .copied()
            .filter(|&child| self.initial_keyword(child).is_some())
    }

    /// The `initial` keyword on a node, when written.
    pub fn initial_keyword(&self, node: Node) -> Option<Span> {
        match node {
            Node::Leaf(s) => self.states[s].initial,
            Node::Compound(c) => self.compounds[c].initial,
        }
    }

    /// The leaf a node is entered at, and the compounds entered on the way (outermost first,
    /// `node` itself included when compound).
    pub fn enter_leaf(&self, node: Node, entered: &mut Vec<Node>) -> usize {
        let mut node = node;
        loop {
            entered.push(node);
            match node {
                Node::Leaf(s) => return s,
                Node::Compound(c) => node = self.initial_child(c),
            }
        }
    }

    /// The name of a node.
    pub fn node_name(&self, node: Node) -> &Ident {
        match node {
            Node::Leaf(s) => &self.states[s].name,
            Node::Compound(c) => &self.compounds[c].name,
        }
    }

    /// A node's exit actions.
    pub fn exit_actions(&self, node: Node) -> &[OutputUse] {
        match node {
            Node::Leaf(s) => &self.states[s].exit,
            Node::Compound(c) => &self.compounds[c].exit,
        }
    }

    /// A node's entry actions.
    pub fn entry_actions(&self, node: Node) -> &[OutputUse] {
        match node {
            Node::Leaf(s) => &self.states[s].entry,
            Node::Compound(c) => &self.compounds[c].entry,
        }
    }

    /// What a step of `t` from leaf `leaf` exits and enters (PRODUCT.md's steps 3 and 6), on
    /// its main route or (`otherwise`) its `else` route: exits innermost first, from the leaf
    /// up to (not including) the transition's domain; entries outermost first, from below the
    /// domain down to the target and through initial children to a leaf. A self-loop (`=> _`,
    /// or the source state named as its own target) exits and enters nothing unless `reenter`.
    /// The domain is the source when the target is inside it (internal by default, `XState` v5's
    /// rule), else the innermost compound holding both.
    pub fn path(&self, t: &Transition, leaf: usize, otherwise: bool) -> StepPath {
        let (node, reenter, history) = if otherwise {
            (
                t.otherwise.as_ref().and_then(|e| e.target_node),
                false,
                false,
            )
        } else {
            (
                t.target_node,
                t.reenter.is_some() || t.history.is_some(),
                t.history.is_some(),
            )
        };
        let source = match t.source {
            Source::Within(c, _) => Node::Compound(c),
            _ => Node::Leaf(leaf),
        };
        let stay = StepPath {
            exits: Vec::new(),
            entries: Vec::new(),
        };
        let Some(target) = node.filter(|&target| target != source || reenter) else {
            return if reenter {
                StepPath {
                    exits: vec![Node::Leaf(leaf)],
                    entries: vec![Node::Leaf(leaf)],
                }
            } else {
                stay
            };
        };
        let domain = match source {
            Node::Compound(c) if target != source && self.within(target, c) && !reenter => Some(c),
            _ if target == source => self.parent(source),
            _ => {
                // The innermost compound strictly holding both.
                let mut candidate = self.parent(source);
                while let Some(c) = candidate {
                    if target != Node::Compound(c) && self.within(target, c) {
                        break;
                    }
                    candidate = self.compounds[c].parent;
                }
                candidate
            }
        };
        let mut exits = Vec::new();
        let mut node = Some(Node::Leaf(leaf));
        while let Some(current) = node.filter(|&n| Some(n) != domain.map(Node::Compound)) {
            exits.push(current);
            node = self.parent(current).map(Node::Compound);
        }
        let mut above = Vec::new();
        let mut node = self.parent(target);
        while let Some(c) = node.filter(|&c| Some(c) != domain) {
            above.push(Node::Compound(c));
            node = self.compounds[c].parent;
        }
        above.reverse();
        let mut entries = above;
        if history {
            // The rest depends on what was recorded (`Machine::history_entries`).
            entries.push(target);
        } else {
            self.enter_leaf(target, &mut entries);
        }
        StepPath { exits, entries }
    }

    /// For every `(state, input)` pair, at `state * inputs + input`, the transitions a step tries
    /// in that state on that input, in the order it tries them (PRODUCT.md's step 1): the
    /// state's own transitions in declaration order, then the wildcards (`_ + input`), up to and
    /// including the first without a guard (which always holds). Wildcards skip final states.
    /// Transitions after an unguarded one of the same level are left out: `check` reports them.
    pub fn plans(&self) -> Vec<Vec<usize>> {
        let inputs = self.inputs.len();
        let pairs = self.states.len() * inputs;
        let mut plans: Vec<Vec<usize>> = vec![Vec::new(); pairs];
        let mut closed = vec![false; pairs];
        for (index, t) in self.transitions.iter().enumerate() {
            if let Source::States(states) = &t.source {
                for &(state, _) in states {
                    let pair = state * inputs + t.input;
                    if !closed[pair] {
                        plans[pair].push(index);
                        closed[pair] = t.guard.is_none();
                    }
                }
            }
        }
        // A compound's transitions, then its parent's, up to the first unguarded one of each.
        let mut within: Vec<Vec<usize>> = vec![Vec::new(); self.compounds.len() * inputs];
        for (index, t) in self.transitions.iter().enumerate() {
            if let Source::Within(c, _) = t.source {
                let list = &mut within[c * inputs + t.input];
                if list
                    .last()
                    .is_none_or(|&last| self.transitions[last].guard.is_some())
                {
                    list.push(index);
                }
            }
        }
        if !self.compounds.is_empty() {
            for (state, decl) in self.states.iter().enumerate() {
                if decl.final_.is_some() {
                    continue;
                }
                let mut parent = decl.parent;
                while let Some(c) = parent {
                    for input in 0..inputs {
                        let pair = state * inputs + input;
                        for &t in &within[c * inputs + input] {
                            if !closed[pair] {
                                plans[pair].push(t);
                                closed[pair] = self.transitions[t].guard.is_none();
                            }
                        }
                    }
                    parent = self.compounds[c].parent;
                }
            }
        }
        let mut wildcards: Vec<Vec<usize>> = vec![Vec::new(); inputs];
        for (index, t) in self.transitions.iter().enumerate() {
            if let Source::Any(_) = t.source {
                let list = &mut wildcards[t.input];
                if list
                    .last()
                    .is_none_or(|&last| self.transitions[last].guard.is_some())
                {
                    list.push(index);
                }
            }
        }
        for (state, decl) in self.states.iter().enumerate() {
            if decl.final_.is_some() {
                continue;
            }
            for (input, list) in wildcards.iter().enumerate() {
                let pair = state * inputs + input;
                if !closed[pair] {
                    plans[pair].extend(list);
                }
            }
        }
        plans
    }

    /// Every `(state, input, transition)` that a step may take, from `plans`: in transition
    /// declaration order, then state order within a transition (the order of the description).
    pub fn edges_of(plans: &[Vec<usize>], inputs: usize) -> Vec<Edge> {
        let mut edges: Vec<Edge> = plans
            .iter()
            .enumerate()
            .flat_map(|(pair, plan)| {
                plan.iter().map(move |&transition| Edge {
                    source: pair / inputs.max(1),
                    input: pair % inputs.max(1),
                    transition,
                })
            })
            .collect();
        edges.sort_by_key(|edge| (edge.transition, edge.source));
        edges
    }

    /// Whether the machine decides at run time what an input does: it has guards or fallible
    /// outputs. Its inputs then return `StepError`, and its journals record where each step led.
    pub fn decides(&self) -> bool {
        self.decides
    }

    /// Whether some state carries data: the machine then stores its state as the data enum
    /// (`NameData`) and steps every input by cases.
    /// A derived machine always has data: its state is the user's enum.
    pub fn has_data(&self) -> bool {
        self.user_data.is_some() || self.states.iter().any(|s| !s.fields.is_empty())
    }

    /// Whether some output is `async`: every step, input method and `handle` is then `async`.
    pub fn is_async(&self) -> bool {
        self.outputs.iter().any(|o| o.asyncness.is_some())
    }

    /// The `Result` type of the first fallible output of input `input`: its error is the error of
    /// the input's steps (`check` makes every fallible output of an input fail with one type).
    pub fn fallible_type(&self, input: usize) -> Option<&Type> {
        self.transitions
            .iter()
            .filter(|t| t.input == input)
            .flat_map(Transition::tries)
            .find_map(|u| {
                self.outputs[u.output]
                    .ret
                    .as_ref()
                    .filter(|ty| result_parts(ty).is_some())
            })
    }

    /// The state the machine starts in: the first `initial` state declared at the top (entered
    /// through its initial children when compound), else the first leaf.
    pub fn initial_state(&self) -> Option<usize> {
        let leaf = self
            .states
            .iter()
            .position(|s| s.initial.is_some() && s.parent.is_none());
        if let Some(leaf) = leaf {
            return Some(leaf);
        }
        let compound = self
            .compounds
            .iter()
            .position(|c| c.initial.is_some() && c.parent.is_none());
        if let Some(c) = compound {
            return Some(self.enter_leaf(Node::Compound(c), &mut Vec::new()));
        }
        (!self.states.is_empty()).then_some(0)
    }

    /// What a new machine has entered: the initial state and, when that is a compound, its
    /// initial children down to the leaf, outermost first.
    pub fn initial_configuration(&self) -> Vec<Node> {
        let mut entered = Vec::new();
        let compound = self
            .compounds
            .iter()
            .position(|c| c.initial.is_some() && c.parent.is_none());
        let top_leaf = self
            .states
            .iter()
            .position(|s| s.initial.is_some() && s.parent.is_none());
        match (top_leaf, compound) {
            (None, Some(c)) => {
                self.enter_leaf(Node::Compound(c), &mut entered);
            }
            _ => entered.extend(self.initial_state().map(Node::Leaf)),
        }
        entered
    }

    /// The states declared at the top, leaves and compounds: (name, `initial`, `final`).
    pub fn top_level(&self) -> Vec<(&Ident, Option<Span>, Option<Span>)> {
        let leaves = self
            .states
            .iter()
            .filter(|s| s.parent.is_none())
            .map(|s| (&s.name, s.initial, s.final_));
        let compounds = self
            .compounds
            .iter()
            .filter(|c| c.parent.is_none())
            .map(|c| (&c.name, c.initial, c.final_));
        // Leaves, then compounds (not interleaved in declaration order: the errors that use
        // this name both states they compare).
        leaves.chain(compounds).collect()
    }
}

impl Transition {
    /// The state this transition leads to from `source`.
    pub fn target_from(&self, source: usize) -> usize {
        self.target.from(source)
    }

    /// The states this transition is declared from (none for a wildcard or a compound).
    pub fn sources(&self) -> &[(usize, Span)] {
        match &self.source {
            Source::States(states) => states,
            Source::Any(_) | Source::Within(..) => &[],
        }
    }

    /// The span of the whole source (`A`, the first of `A | B`, or `_`), for errors.
    pub fn source_span(&self) -> Span {
        match &self.source {
            Source::States(states) => states.first().map_or_else(Span::call_site, |s| s.1),
            Source::Any(span) | Source::Within(_, span) => *span,
        }
    }

    /// The fallible outputs (`name?`), which run before the step commits, in order: the
    /// target's fallible producers (`{ conn = connect? }`), then the `?` outputs.
    pub fn tries(&self) -> impl Iterator<Item = &OutputUse> {
        self.producers()
            .filter(|u| u.fallible.is_some())
            .chain(self.outputs.iter().filter(|u| u.fallible.is_some()))
    }

    /// Every output the transition names: its producers, its outputs, and those of its `else`
    /// route.
    pub fn uses(&self) -> impl Iterator<Item = &OutputUse> {
        let otherwise = self.otherwise.iter().flat_map(|e| {
            e.bindings
                .iter()
                .filter_map(|b| b.output.as_ref())
                .chain(&e.outputs)
        });
        self.producers().chain(&self.outputs).chain(otherwise)
    }

    /// The outputs that produce fields of the target (`{ conn = connect }`), in order.
    pub fn producers(&self) -> impl Iterator<Item = &OutputUse> {
        self.bindings.iter().filter_map(|b| b.output.as_ref())
    }
}

impl Target {
    /// The target as written: the state's name, or `_`.
    pub fn text(self, machine: &Machine) -> String {
        match self {
            Target::State(state) => machine.states[state].name.unraw().to_string(),
            Target::Stay => "_".to_owned(),
        }
    }

    /// The state reached from `source`.
    pub fn from(self, source: usize) -> usize {
        match self {
            Target::State(state) => state,
            Target::Stay => source,
        }
    }
}

impl GuardExpr {
    /// Every guard the expression names, in order, with repeats.
    pub fn names(&self, out: &mut Vec<(usize, Ident)>) {
        match self {
            GuardExpr::Name(guard, name) => out.push((*guard, name.0.clone())),
            GuardExpr::Not(inner) => inner.names(out),
            GuardExpr::And(a, b) | GuardExpr::Or(a, b) => {
                a.names(out);
                b.names(out);
            }
        }
    }

    /// The expression as a user would write it, with the guards' names and only the parentheses
    /// it needs (`a && (b || !c)`).
    pub fn text<'a>(&'a self, machine: &'a Machine) -> impl fmt::Display + 'a {
        struct Text<'a>(&'a GuardExpr, &'a Machine, u8);
        impl fmt::Display for Text<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                // Precedence: `||` 0, `&&` 1, `!` and names 2.
                let (level, paren) = match self.0 {
                    GuardExpr::Or(..) => (0, self.2 > 0),
                    GuardExpr::And(..) => (1, self.2 > 1),
                    _ => (2, false),
                };
                if paren {
                    f.write_str("(")?;
                }
                match self.0 {
                    GuardExpr::Name(guard, _) => {
                        write!(f, "{}", self.1.guards[*guard].name.unraw())?;
                    }
                    GuardExpr::Not(inner) => write!(f, "!{}", Text(inner, self.1, 2))?,
                    GuardExpr::And(a, b) => {
                        write!(
                            f,
                            "{} && {}",
                            Text(a, self.1, level),
                            Text(b, self.1, level + 1)
                        )?;
                    }
                    GuardExpr::Or(a, b) => {
                        write!(
                            f,
                            "{} || {}",
                            Text(a, self.1, level),
                            Text(b, self.1, level + 1)
                        )?;
                    }
                }
                if paren {
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
        Text(self, machine, 0)
    }
}

impl State {
    /// The state's name in snapshots: `#[serialized = ".."]`, else its declared name.
    pub fn serialized_name(&self) -> String {
        self.allows
            .serialized
            .as_ref()
            .map_or_else(|| self.name.unraw().to_string(), syn::LitStr::value)
    }
}

impl Input {
    /// The input's name in journals: `#[serialized = ".."]`, else its declared name.
    pub fn serialized_name(&self) -> String {
        self.allows
            .serialized
            .as_ref()
            .map_or_else(|| self.name.unraw().to_string(), syn::LitStr::value)
    }
}

impl From<parse::ParamDecl> for Param {
    fn from(decl: parse::ParamDecl) -> Param {
        Param {
            name: decl.name,
            ty: decl.ty,
        }
    }
}

impl Docs {
    /// Keeps the doc comments of `attrs` and reports any other attribute on `what`.
    fn only_docs(attrs: Vec<Attribute>, what: &str, errors: &mut Errors) -> Docs {
        split_attrs(attrs, what, &[], errors).0
    }

    /// The documentation text: the literal doc strings, one line each, with the single space
    /// that follows `///` removed. Docs that are not string literals (`#[doc = include_str!(..)]`)
    /// are left out.
    pub fn text(&self) -> String {
        let mut lines = Vec::new();
        for attr in &self.attrs {
            if let syn::Meta::NameValue(nv) = &attr.meta {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    let value = s.value();
                    for line in value.lines() {
                        lines.push(line.strip_prefix(' ').unwrap_or(line).to_owned());
                    }
                }
            }
        }
        lines.join("\n").trim().to_owned()
    }
}

/// Splits the attributes of a declaration into its doc comments and its `#[allow(..)]` opt-outs,
/// reporting anything else. `allowed` lists the opt-outs this kind of declaration accepts.
/// The enum variant for an input or a timer named `name` (`put_in_beans` is `PutInBeans`), with
/// `suffix`. A name whose camel case is no identifier (`_1` is `1`, `self_` is `Self`) gets
/// `Input` before it, so that the variant is always one.
fn variant_name(name: &str, suffix: &str) -> String {
    let camel = format!("{}{suffix}", name.to_upper_camel_case());
    if syn::parse_str::<Ident>(&camel).is_ok() {
        camel
    } else {
        format!("Input{camel}")
    }
}

fn split_attrs(
    attrs: Vec<Attribute>,
    what: &str,
    allowed: &[&str],
    errors: &mut Errors,
) -> (Docs, Allows) {
    let mut docs = Docs::default();
    let mut allows = Allows::default();
    // Only states and inputs have stable names in snapshots and journals.
    let serializable = what == "a state" || what == "an input";
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.attrs.push(attr);
        } else if attr.path().is_ident("serialized") && serializable {
            // `#[serialized = "name"]`: the name this state or input has in snapshots and journals.
            match &attr.meta {
                syn::Meta::NameValue(syn::MetaNameValue {
                    value:
                        syn::Expr::Lit(syn::ExprLit {
                            lit: syn::Lit::Str(name),
                            ..
                        }),
                    ..
                }) if !name.value().is_empty() => allows.serialized = Some(name.clone()),
                _ => errors.at(
                    &attr,
                    "expected `#[serialized = \"name\"]`, the name in snapshots and journals",
                ),
            }
        } else if attr.path().is_ident("allow") && !allowed.is_empty() {
            let names = attr.parse_args_with(
                syn::punctuated::Punctuated::<Ident, syn::Token![,]>::parse_terminated,
            );
            match names {
                Ok(names) => {
                    for name in names {
                        if allowed.contains(&name.to_string().as_str()) {
                            allows.names.push(name);
                        } else {
                            let mut message =
                                format!("`{name}` cannot be allowed on {what}; it allows ");
                            suggest::list(
                                &mut message,
                                &allowed.iter().map(ToString::to_string).collect::<Vec<_>>(),
                            );
                            if let [only] = allowed {
                                let _ = fmt::Write::write_fmt(
                                    &mut message,
                                    format_args!(": write `#[allow({only})]`"),
                                );
                            }
                            errors.at(&name, message);
                        }
                    }
                }
                Err(error) => errors.span(
                    error.span(),
                    format!("expected `#[allow({})]`", allowed.join(", ")),
                ),
            }
        } else {
            errors.at(
                attr.path(),
                unsupported_attribute(&attr, what, allowed, serializable),
            );
        }
    }
    (docs, allows)
}

/// The error for an attribute that `what` does not take: what it takes, and the fix for the
/// attribute written (a misspelling, a machine attribute, a `derive`).
fn unsupported_attribute(
    attr: &Attribute,
    what: &str,
    allowed: &[&str],
    serializable: bool,
) -> String {
    let mut forms = vec!["doc comments (`///`)".to_owned()];
    if !allowed.is_empty() {
        forms.push(format!("`#[allow({})]`", allowed.join(", ")));
        if serializable {
            forms.push("`#[serialized = \"..\"]`".to_owned());
        }
    }
    let mut message = format!("unsupported attribute on {what}: only ");
    suggest::list_plain(&mut message, &forms);
    message.push_str(" are allowed here");
    let path = attr
        .path()
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    if MACHINE_ATTRIBUTES.contains(&path.as_str()) {
        let _ = fmt::Write::write_fmt(
            &mut message,
            format_args!("; put `#[{path}]` on the machine, above `machine`"),
        );
    } else if path == "derive" && what == "a state" {
        message.push_str(
            "; remove it: the state enum derives `Clone`, `Copy`, `Debug`, `PartialEq`, \
                     `Eq`, `PartialOrd`, `Ord` and `Hash` already, and the states' data takes \
                     `#[derive_data(..)]` on the machine",
        );
    } else {
        message.push_str("; remove it");
    }
    // `#[serialised]`, `#[alow(..)]`: a misspelling of one of those.
    let mut known = vec!["doc"];
    if !allowed.is_empty() {
        known.push("allow");
    }
    if serializable {
        known.push("serialized");
    }
    let name = attr.path().get_ident().map(ToString::to_string);
    if let Some((name, close)) =
        name.and_then(|name| suggest::closest(&name, known).map(|close| (name.clone(), close)))
    {
        let form = match close {
            "serialized" => "#[serialized = \"..\"]",
            "allow" => "#[allow(..)]",
            _ => "///",
        };
        message = format!("unknown attribute `{name}` on {what}; did you mean `{form}`?");
    }
    message
}

/// The machine attributes the macro reads itself.
const MACHINE_ATTRIBUTES: &[&str] = &[
    "derive_input",
    "derive_return",
    "derive_failure",
    "derive_data",
    "serde",
    "typestate",
    "raise",
    "local",
];

/// The macro's attribute that `name` misspells, if it is close to one and is not an attribute
/// Rust itself knows (those go on the machine type).
fn misspelt_machine_attribute(name: &str) -> Option<&'static str> {
    const RUST: &[&str] = &[
        "allow",
        "warn",
        "deny",
        "forbid",
        "expect",
        "cfg",
        "cfg_attr",
        "derive",
        "repr",
        "must_use",
        "non_exhaustive",
        "deprecated",
        "doc",
        "inline",
        "automatically_derived",
    ];
    if RUST.contains(&name) || MACHINE_ATTRIBUTES.contains(&name) {
        return None;
    }
    suggest::closest(name, MACHINE_ATTRIBUTES.iter().copied())
}

fn parse_derives(attr: &Attribute, errors: &mut Errors) -> Vec<Path> {
    let parsed =
        attr.parse_args_with(syn::punctuated::Punctuated::<Path, syn::Token![,]>::parse_terminated);
    match parsed {
        Ok(paths) => paths.into_iter().collect(),
        Err(error) => {
            let name = attr
                .path()
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            errors.span(
                error.span(),
                format!(
                    "expected a list of traits in parentheses, as in `#[{name}(Debug, Clone)]`"
                ),
            );
            Vec::new()
        }
    }
}

/// Resolves the names in transitions and state blocks to indices, reporting unknown ones.
struct Resolver<'a> {
    errors: &'a mut Errors,
    quiet: bool,
    /// The leaves' names, then the compounds'.
    states: Names,
    /// How many of `states` are leaves.
    leaves: usize,
    inputs: Names,
    outputs: Names,
    guards: Names,
    /// Whether every entry and exit action named a declared output.
    actions_known: bool,
    /// The derive's enum, whose variants are the states (fixes then say to add a variant).
    user_data: Option<String>,
}

/// A target resolved by name: as `Target`, and the node written.
type Resolved = (Target, Option<Node>);

/// Declared names, in order, with a hashed index: a wide machine resolves its transitions in
/// linear time.
#[derive(Default)]
struct Names {
    list: Vec<String>,
    index: std::collections::HashMap<String, usize>,
}

impl Names {
    fn new(names: impl Iterator<Item = String>) -> Self {
        let list: Vec<String> = names.collect();
        let mut index = std::collections::HashMap::with_capacity(list.len());
        for (i, name) in list.iter().enumerate() {
            index.entry(name.clone()).or_insert(i);
        }
        Names { list, index }
    }
}

/// Which declarations a name is looked up among.
#[derive(Clone, Copy)]
enum Kind {
    State,
    Input,
    Output,
    Guard,
}

impl<'a> Resolver<'a> {
    fn new(machine: &Machine, errors: &'a mut Errors, quiet: bool) -> Self {
        Resolver {
            errors,
            quiet,
            states: Names::new(
                machine
                    .states
                    .iter()
                    .map(|s| s.name.unraw().to_string())
                    .chain(machine.compounds.iter().map(|c| c.name.unraw().to_string())),
            ),
            leaves: machine.states.len(),
            inputs: Names::new(machine.inputs.iter().map(|i| i.name.unraw().to_string())),
            outputs: Names::new(machine.outputs.iter().map(|o| o.name.unraw().to_string())),
            guards: Names::new(machine.guards.iter().map(|g| g.name.unraw().to_string())),
            actions_known: true,
            user_data: machine.user_data.as_ref().map(|e| e.unraw().to_string()),
        }
    }

    /// The index of the first declaration of `name` among `kind`, or an error on `name`.
    fn lookup(&mut self, kind: Kind, name: &Ident) -> Option<usize> {
        let (what, declared) = match kind {
            Kind::State => ("state", &self.states),
            Kind::Input => ("input", &self.inputs),
            Kind::Output => ("output", &self.outputs),
            Kind::Guard => ("guard", &self.guards),
        };
        let wanted = name.unraw().to_string();
        let found = declared.index.get(&wanted).copied();
        if found.is_none() && !self.quiet {
            let mut message = suggest::unknown(what, &wanted, &declared.list);
            if suggest::closest(&wanted, declared.list.iter().map(String::as_str)).is_none() {
                message.push_str(&self.what_it_is(kind, &wanted));
            }
            self.errors.at(name, message);
        }
        found
    }

    /// For an unknown name: what else it names (an output used as a guard, a state where the
    /// input goes), or how to declare it.
    fn what_it_is(&self, kind: Kind, wanted: &str) -> String {
        let others = [
            (
                &self.states,
                "a state",
                "states are the targets and sources of transitions",
            ),
            (
                &self.inputs,
                "an input",
                "inputs are what the machine is fed, named after `+`",
            ),
            (
                &self.outputs,
                "an output",
                "outputs are named after `/` and in entry and exit actions",
            ),
            (
                &self.guards,
                "a guard",
                "guards are named in a transition's `[..]`",
            ),
        ];
        let own = match kind {
            Kind::State => 0,
            Kind::Input => 1,
            Kind::Output => 2,
            Kind::Guard => 3,
        };
        if let Some((_, what, role)) = others
            .iter()
            .enumerate()
            .find(|&(k, (names, _, _))| k != own && names.index.contains_key(wanted))
            .map(|(_, other)| *other)
        {
            let fix = match kind {
                Kind::State => "name a declared state here".to_owned(),
                Kind::Input => "write an input after `+`, as in `Locked + coin => ..`".to_owned(),
                Kind::Output => format!("declare an output for it, as in `output {wanted}_done();`"),
                Kind::Guard => format!(
                    "declare a guard for the condition, as in `guard can_{wanted}();`, and name it here"
                ),
            };
            return format!(" (`{wanted}` is {what}: {role}); {fix}");
        }
        match kind {
            Kind::State => match &self.user_data {
                Some(data) => format!("; declare it as a variant of `{data}`"),
                None => format!("; declare it, as in `state {wanted};`"),
            },
            Kind::Input => format!("; declare it, as in `input {wanted}();`"),
            Kind::Output => format!("; declare it, as in `output {wanted}();`"),
            Kind::Guard => format!("; declare it, as in `guard {wanted}();`"),
        }
    }

    /// A state by name: a leaf or a compound.
    fn node(&mut self, name: &Ident) -> Option<Node> {
        let found = self.lookup(Kind::State, name)?;
        Some(if found < self.leaves {
            Node::Leaf(found)
        } else {
            Node::Compound(found - self.leaves)
        })
    }

    /// Entry or exit actions: outputs by name.
    fn actions(&mut self, names: Vec<Ident>) -> Vec<OutputUse> {
        let mut uses = Vec::new();
        for name in names {
            match self.lookup(Kind::Output, &name) {
                Some(output) => uses.push(OutputUse {
                    output,
                    name,
                    fallible: None,
                }),
                None => self.actions_known = false,
            }
        }
        uses
    }

    /// Outputs named in a transition; `None` when one is unknown (reported).
    fn outputs(&mut self, uses: Vec<parse::OutputUse>) -> Option<Vec<OutputUse>> {
        let mut resolved = Vec::new();
        let mut all_known = true;
        for used in uses {
            match self.lookup(Kind::Output, &used.name) {
                Some(output) => resolved.push(OutputUse {
                    output,
                    name: used.name,
                    fallible: used.fallible.map(|q| q.span),
                }),
                None => all_known = false,
            }
        }
        all_known.then_some(resolved)
    }

    /// The target as `Target` (a compound one stands in as its first leaf until the model knows
    /// its initial children) and as the node written.
    fn target(
        &mut self,
        target: parse::Target,
    ) -> (Option<Resolved>, Span, Vec<Binding>, Option<History>) {
        match target {
            parse::Target::State(name, bindings) => (
                self.node(&name).map(|node| match node {
                    Node::Leaf(s) => (Target::State(s), Some(node)),
                    Node::Compound(_) => (Target::State(0), Some(node)),
                }),
                name.span(),
                self.bindings(bindings),
                None,
            ),
            parse::Target::Stay(underscore, bindings) => (
                Some((Target::Stay, None)),
                underscore.span,
                self.bindings(bindings),
                None,
            ),
            parse::Target::History {
                state,
                history,
                deep,
            } => {
                let span = state.span();
                match self.node(&state) {
                    Some(Node::Compound(c)) => (
                        Some((Target::State(0), Some(Node::Compound(c)))),
                        span,
                        Vec::new(),
                        Some(History {
                            compound: c,
                            deep: deep.is_some(),
                            span: history.span,
                        }),
                    ),
                    Some(Node::Leaf(_)) => {
                        self.errors.at(
                            &state,
                            format!(
                                "`{state}` is a leaf state, which has no history: only a compound \
                                 state (one with states inside) records which of them was active; \
                                 write `{state}` to target it itself"
                            ),
                        );
                        (None, span, Vec::new(), None)
                    }
                    None => (None, span, Vec::new(), None),
                }
            }
        }
    }

    /// `{ field = value }`: `value` is an output when one has that name (else an argument or a
    /// field, resolved per source state by `check`).
    fn bindings(&mut self, bindings: Vec<parse::BindingDecl>) -> Vec<Binding> {
        bindings
            .into_iter()
            .map(|b| {
                let fallible = b.fallible.map(|q| q.span);
                let output = self
                    .outputs
                    .index
                    .get(&b.value.unraw().to_string())
                    .map(|&output| OutputUse {
                        output,
                        name: b.value.clone(),
                        fallible,
                    });
                Binding {
                    field: b.field,
                    value: b.value,
                    output,
                    fallible,
                }
            })
            .collect()
    }

    fn guard(&mut self, expr: parse::GuardExpr) -> Option<GuardExpr> {
        Some(match expr {
            parse::GuardExpr::Name(name) => {
                let guard = self.lookup(Kind::Guard, &name);
                GuardExpr::Name(guard?, NameSpan(name))
            }
            parse::GuardExpr::Not(inner) => GuardExpr::Not(Box::new(self.guard(*inner)?)),
            parse::GuardExpr::And(a, b) => {
                let (a, b) = (self.guard(*a), self.guard(*b));
                GuardExpr::And(Box::new(a?), Box::new(b?))
            }
            parse::GuardExpr::Or(a, b) => {
                let (a, b) = (self.guard(*a), self.guard(*b));
                GuardExpr::Or(Box::new(a?), Box::new(b?))
            }
        })
    }

    fn transition(&mut self, decl: parse::TransitionDecl) -> Option<Transition> {
        let written_at = source_span(&decl.source);
        let source = match decl.source {
            parse::Source::States(names) => {
                let mut states = Vec::new();
                let mut known = true;
                let mut compound = None;
                for name in &names {
                    match self.node(name) {
                        Some(Node::Leaf(state)) => states.push((state, name.span())),
                        Some(Node::Compound(c)) if names.len() == 1 => compound = Some(c),
                        Some(Node::Compound(_)) => {
                            self.errors.at(
                                name,
                                format!(
                                    "`{name}` is a compound state, which cannot be listed with other \
                                     sources; write a transition of its own, `{name}{input} => ..;`",
                                    input = decl.input.as_ref().map(|i| format!(" + {i}")).unwrap_or_default()
                                ),
                            );
                            known = false;
                        }
                        None => known = false,
                    }
                }
                match compound {
                    Some(c) => Some(Source::Within(c, names[0].span())),
                    None => known.then_some(Source::States(states)),
                }
            }
            parse::Source::Any(underscore) => Some(Source::Any(underscore.span)),
        };
        let (input, input_name) = match decl.input {
            Some(name) => (self.lookup(Kind::Input, &name), name),
            // An eventless transition: named for errors after its source.
            None => (Some(EVENTLESS), Ident::new("eventless", written_at)),
        };
        let guard = decl.guard.map(|g| {
            self.guard(g.expr).map(|expr| GuardUse {
                expr,
                tokens: g.tokens,
            })
        });
        let (target, target_span, bindings, history) = self.target(decl.target);
        let outputs = self.outputs(decl.outputs);
        let otherwise = decl.otherwise.map(|e| {
            let (else_target, else_span, else_bindings, else_history) = self.target(e.target);
            if let Some(history) = else_history {
                self.errors.span(
                    history.span,
                    "an `else` route cannot target a history; route the failure to a state \
                     (the compound itself enters its initial child)",
                );
                return None;
            }
            let outputs = self.outputs(
                e.outputs
                    .into_iter()
                    .map(|name| parse::OutputUse {
                        name,
                        fallible: None,
                    })
                    .collect(),
            );
            let (target, target_node) = else_target?;
            Some(Else {
                span: e.token.span,
                target,
                target_node,
                target_span: else_span,
                bindings: else_bindings,
                outputs: outputs?,
            })
        });
        let docs = Docs::only_docs(decl.attrs, "a transition", self.errors);
        let (target, target_node) = target?;
        Some(Transition {
            docs,
            source: source?,
            input: input?,
            input_name,
            guard: match guard {
                Some(guard) => Some(guard?),
                None => None,
            },
            reenter: decl.reenter.map(|kw| kw.span),
            target,
            target_node,
            target_span,
            bindings,
            outputs: outputs?,
            otherwise: match otherwise {
                Some(otherwise) => Some(otherwise?),
                None => None,
            },
            history,
        })
    }
}

/// Where an attribute's arguments start (`tag` in `#[serde(tag = "kind")]`), or the attribute.
fn attr_arguments(attr: &Attribute) -> Span {
    match &attr.meta {
        syn::Meta::List(list) => list
            .tokens
            .clone()
            .into_iter()
            .next()
            .map_or_else(|| list.delimiter.span().join(), |token| token.span()),
        syn::Meta::NameValue(value) => value.eq_token.span,
        syn::Meta::Path(path) => syn::spanned::Spanned::span(path),
    }
}

/// `#[raise(capacity = 8)]` or `#[raise(unbounded)]`.
fn parse_raise(attr: &Attribute, errors: &mut Errors) -> Option<RaiseQueue> {
    let usage = "write `#[raise(capacity = 8)]` (a fixed capacity, no allocation) or \
                 `#[raise(unbounded)]` (a growing queue, with the `alloc` feature)";
    let mut queue = None;
    let parsed = attr.parse_nested_meta(|meta| {
        if meta.path.is_ident("unbounded") {
            queue = Some(RaiseQueue::Unbounded);
            Ok(())
        } else if meta.path.is_ident("capacity") {
            let value = meta.value()?;
            if let Ok(text) = value.fork().parse::<syn::LitStr>() {
                return Err(syn::Error::new(
                    text.span(),
                    format!(
                        "the capacity is an integer: write `capacity = {}` without the quotes",
                        text.value()
                    ),
                ));
            }
            let value: syn::LitInt = value.parse()?;
            let capacity: usize = value.base10_parse()?;
            if capacity == 0 {
                return Err(syn::Error::new_spanned(
                    &value,
                    "a queue of capacity 0 could hold no raised input; give it 1 or more",
                ));
            }
            queue = Some(RaiseQueue::Bounded(capacity));
            Ok(())
        } else {
            Err(meta.error(format!("unknown option of `#[raise]`; {usage}")))
        }
    });
    match parsed {
        Ok(()) if queue.is_some() => queue,
        Ok(()) => {
            errors.at(attr, format!("`#[raise]` needs its queue; {usage}"));
            None
        }
        Err(error) => {
            errors.push(error);
            None
        }
    }
}

/// Where a source is written.
fn source_span(source: &parse::Source) -> Span {
    match source {
        parse::Source::States(names) => names.first().map_or_else(Span::call_site, Ident::span),
        parse::Source::Any(underscore) => underscore.span,
    }
}

/// The bindings written after a target (`{ field = value }`).
fn target_bindings(target: &parse::Target) -> &[parse::BindingDecl] {
    match target {
        parse::Target::State(_, bindings) | parse::Target::Stay(_, bindings) => bindings,
        parse::Target::History { .. } => &[],
    }
}

/// A type as a user would write it (`Vec<u8>`, not `Vec < u8 >`), printed by `prettyplease`.
pub fn type_text(ty: &Type) -> String {
    let file: syn::File = syn::parse_quote!(type __T = #ty;);
    let printed = prettyplease::unparse(&file);
    let text = printed
        .trim()
        .strip_prefix("type __T = ")
        .and_then(|t| t.strip_suffix(';'));
    // A type that prettyplease wraps over several lines is joined back into one.
    text.map_or_else(
        || quote!(#ty).to_string(),
        |t| t.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// `Result<T, E>` (or an alias such as `io::Result<T>` or `fmt::Result`): the last path segment
/// names a `...Result`, and its generic arguments, as written.
pub fn result_parts(ty: &syn::Type) -> Option<Vec<&syn::Type>> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if !last.ident.to_string().ends_with("Result") {
        return None;
    }
    Some(match &last.arguments {
        syn::PathArguments::AngleBracketed(args) => args
            .args
            .iter()
            .filter_map(|arg| match arg {
                syn::GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    })
}

/// The error type of a fallible output's `Result`, as written, to compare two of them: `E` of
/// `Result<T, E>`, else the alias itself (`io::Result`).
pub fn error_text(ty: &syn::Type) -> String {
    if let Some([_, error]) = result_parts(ty).as_deref() {
        return type_text(error);
    }
    let syn::Type::Path(path) = ty else {
        return type_text(ty);
    };
    let mut path = path.clone();
    if let Some(last) = path.path.segments.last_mut() {
        last.arguments = syn::PathArguments::None;
    }
    let path = syn::Type::Path(path);
    quote!(#path).to_string().replace(' ', "")
}

/// Whether a fallible output's success value is `()`: `Result<(), E>`, or an alias without
/// arguments (`fmt::Result`).
pub fn ok_is_unit(ty: &syn::Type) -> bool {
    match result_parts(ty).as_deref() {
        Some([]) | None => true,
        Some([ok, ..]) => matches!(ok, syn::Type::Tuple(t) if t.elems.is_empty()),
    }
}
