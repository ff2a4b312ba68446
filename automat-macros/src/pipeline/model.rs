//! Stage 2: the model, the one validated IR between the front end and the back ends.
//!
//! `Machine::from_syntax` resolves every name to an index, so code generation never looks a name
//! up and never meets a dangling one: a transition naming an unknown state, input or output is
//! reported here and left out of the model. Everything else about a machine's validity (duplicate
//! or conflicting transitions, missing initial state, parameter and return rules, ...) is judged in
//! `check`, over this model.
//!
//! Every node keeps the `Ident`/span it came from, for errors. Lists are in declaration order and
//! indices are positions in them, so everything generated from the model is deterministic.
//!
//! Room to grow (see PRODUCT.md's roadmap): guards and entry/exit actions become fields of
//! `Transition` and `State`; data on states a field list on `State`; hierarchical states a
//! `parent` index; a typestate back end and a `#[derive]` front end consume or produce this same
//! model.

use heck::ToUpperCamelCase;
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
    /// `#[serde]`: states, inputs and the machine serialize by stable names (feature `serde`).
    /// Opt-in per machine, because input types must then be serializable: a feature turned on
    /// elsewhere in a build must not break a machine that did not ask for it.
    pub serde: Option<Span>,
    pub vis: Visibility,
    pub name: Ident,
    pub states: Vec<State>,
    pub inputs: Vec<Input>,
    pub outputs: Vec<Output>,
    pub transitions: Vec<Transition>,
    /// Whether every declared transition made it into the model. When one named something
    /// unknown it was left out, and the checks over the whole graph (reachability, dead ends,
    /// unused declarations) would only echo that error, so they are skipped.
    pub complete: bool,
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
}

pub struct Input {
    pub name: Ident,
    /// `#[allow(unused)]`: declared before any transition takes it.
    pub allows: Allows,
    /// The variant of the input and return enums (`put_in_beans` → `PutInBeans`).
    pub variant: Ident,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub ret: Option<Type>,
}

pub struct Output {
    pub name: Ident,
    /// `#[allow(unused)]`: declared before any transition runs it.
    pub allows: Allows,
    pub docs: Docs,
    pub params: Vec<Param>,
    pub ret: Option<Type>,
}

pub struct Param {
    pub name: Ident,
    pub ty: Type,
}

pub struct Transition {
    pub docs: Docs,
    pub source: Source,
    pub input: usize,
    /// The input's name as written in this transition, for errors.
    pub input_name: Ident,
    pub target: usize,
    /// The target's name as written in this transition, for errors.
    pub target_name: Ident,
    pub outputs: Vec<OutputUse>,
}

#[derive(Clone, Copy)]
pub enum Source {
    State(usize, Span),
    /// `_`: every non-final state without a transition of its own on this input.
    Any(Span),
}

/// An output named in a transition.
pub struct OutputUse {
    pub output: usize,
    /// The name as written in the transition: errors about this use go here.
    pub name: Ident,
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

/// One `(state, input)` pair with the transition that handles it.
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
            serde: None,
            vis: syntax.vis,
            name: syntax.name,
            states: Vec::new(),
            inputs: Vec::new(),
            outputs: Vec::new(),
            transitions: Vec::new(),
            complete: true,
        };
        for attr in syntax.attrs {
            if attr.path().is_ident("doc") {
                machine.docs.attrs.push(attr);
            } else if attr.path().is_ident("derive_input") {
                machine.derive_input.extend(parse_derives(&attr, errors));
            } else if attr.path().is_ident("serde") {
                match &attr.meta {
                    syn::Meta::Path(path) => machine.serde = Some(path.segments[0].ident.span()),
                    _ => errors.at(&attr, "`#[serde]` takes no arguments; rename states and inputs with `#[serialized = \"..\"]`"),
                }
            } else if attr.path().is_ident("derive_return") {
                machine.derive_return.extend(parse_derives(&attr, errors));
            } else {
                machine.attrs.push(attr);
            }
        }

        let mut transitions = Vec::new();
        for item in syntax.items {
            match item {
                Item::State(decl) => {
                    let (docs, allows) =
                        split_attrs(decl.attrs, "a state", &["unreachable"], errors);
                    machine.states.push(State {
                        docs,
                        allows,
                        initial: decl.initial.map(|kw| kw.span),
                        final_: decl.final_.map(|kw| kw.span),
                        name: decl.name,
                    });
                }
                Item::Input(sig) => {
                    let variant = format_ident!(
                        "{}",
                        sig.name.to_string().to_upper_camel_case(),
                        span = sig.name.span()
                    );
                    let (docs, allows) = split_attrs(sig.attrs, "an input", &["unused"], errors);
                    machine.inputs.push(Input {
                        docs,
                        allows,
                        variant,
                        name: sig.name,
                        params: sig.params.into_iter().map(Param::from).collect(),
                        ret: sig.ret,
                    });
                }
                Item::Output(sig) => {
                    let (docs, allows) = split_attrs(sig.attrs, "an output", &["unused"], errors);
                    machine.outputs.push(Output {
                        docs,
                        allows,
                        name: sig.name,
                        params: sig.params.into_iter().map(Param::from).collect(),
                        ret: sig.ret,
                    });
                }
                Item::Transition(decl) => transitions.push(decl),
            }
        }

        let mut resolver = Resolver::new(&machine, errors, quiet);
        let declared = transitions.len();
        machine.transitions = transitions
            .into_iter()
            .filter_map(|t| resolver.transition(t))
            .collect();
        machine.complete = machine.transitions.len() == declared;
        machine
    }

    /// Every `(state, input)` pair that has a transition, in transition declaration order.
    ///
    /// An explicit transition `State + input` takes precedence over a wildcard `_ + input`, wherever
    /// each is declared; a wildcard covers the non-final states left. When two transitions claim
    /// the same pair (an error that `check` reports), the first declared wins here.
    pub fn edges(&self) -> Vec<Edge> {
        let inputs = self.inputs.len();
        let mut claimed: Vec<Option<usize>> = vec![None; self.states.len() * inputs];
        for (index, t) in self.transitions.iter().enumerate() {
            if let Source::State(state, _) = t.source {
                claimed[state * inputs + t.input].get_or_insert(index);
            }
        }
        for (index, t) in self.transitions.iter().enumerate() {
            if let Source::Any(_) = t.source {
                for (state, decl) in self.states.iter().enumerate() {
                    if decl.final_.is_none() {
                        claimed[state * inputs + t.input].get_or_insert(index);
                    }
                }
            }
        }
        let mut edges: Vec<Edge> = claimed
            .iter()
            .enumerate()
            .filter_map(|(pair, claim)| {
                claim.map(|transition| Edge {
                    source: pair / inputs,
                    input: pair % inputs,
                    transition,
                })
            })
            .collect();
        // Declaration order of transitions, then state order within a wildcard.
        edges.sort_by_key(|edge| (edge.transition, edge.source));
        edges
    }

    /// The state the machine starts in (the first declared `initial` one, else the first one).
    pub fn initial_state(&self) -> Option<usize> {
        self.states
            .iter()
            .position(|s| s.initial.is_some())
            .or(if self.states.is_empty() {
                None
            } else {
                Some(0)
            })
    }
}

impl State {
    /// The state's name in snapshots: `#[serialized = ".."]`, else its declared name.
    pub fn serialized_name(&self) -> String {
        self.allows
            .serialized
            .as_ref()
            .map_or_else(|| self.name.to_string(), syn::LitStr::value)
    }
}

impl Input {
    /// The input's name in journals: `#[serialized = ".."]`, else its declared name.
    pub fn serialized_name(&self) -> String {
        self.allows
            .serialized
            .as_ref()
            .map_or_else(|| self.name.to_string(), syn::LitStr::value)
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
fn split_attrs(
    attrs: Vec<Attribute>,
    what: &str,
    allowed: &[&str],
    errors: &mut Errors,
) -> (Docs, Allows) {
    let mut docs = Docs::default();
    let mut allows = Allows::default();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.attrs.push(attr);
        } else if attr.path().is_ident("serialized") && !allowed.is_empty() && what != "an output" {
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
            let mut forms = vec!["doc comments (`///`)".to_owned()];
            if !allowed.is_empty() {
                forms.push(format!("`#[allow({})]`", allowed.join(", ")));
                if what != "an output" {
                    forms.push("`#[serialized = \"..\"]`".to_owned());
                }
            }
            let mut message = format!("unsupported attribute on {what}: only ");
            suggest::list_plain(&mut message, &forms);
            message.push_str(" are allowed here");
            errors.at(attr.path(), message);
        }
    }
    (docs, allows)
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

/// Resolves the names in transitions to indices, reporting unknown ones.
struct Resolver<'a> {
    errors: &'a mut Errors,
    quiet: bool,
    states: Names,
    inputs: Names,
    outputs: Names,
}

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

impl<'a> Resolver<'a> {
    fn new(machine: &Machine, errors: &'a mut Errors, quiet: bool) -> Self {
        Resolver {
            errors,
            quiet,
            states: Names::new(machine.states.iter().map(|s| s.name.to_string())),
            inputs: Names::new(machine.inputs.iter().map(|i| i.name.to_string())),
            outputs: Names::new(machine.outputs.iter().map(|o| o.name.to_string())),
        }
    }

    /// The index of the first declaration of `name` in `declared`, or an error on `name`.
    fn lookup(&mut self, kind: &str, name: &Ident, declared: &Names) -> Option<usize> {
        let wanted = name.to_string();
        let found = declared.index.get(&wanted).copied();
        if found.is_none() && !self.quiet {
            self.errors
                .at(name, suggest::unknown(kind, &wanted, &declared.list));
        }
        found
    }

    fn transition(&mut self, decl: parse::TransitionDecl) -> Option<Transition> {
        let states = std::mem::take(&mut self.states);
        let inputs = std::mem::take(&mut self.inputs);
        let outputs = std::mem::take(&mut self.outputs);
        let source = match &decl.source {
            parse::Source::State(name) => self
                .lookup("state", name, &states)
                .map(|s| Source::State(s, name.span())),
            parse::Source::Any(underscore) => Some(Source::Any(underscore.span)),
        };
        let input = self.lookup("input", &decl.input, &inputs);
        let target = self.lookup("state", &decl.target, &states);
        let mut uses = Vec::new();
        let mut all_outputs_known = true;
        for name in decl.outputs {
            match self.lookup("output", &name, &outputs) {
                Some(output) => uses.push(OutputUse { output, name }),
                None => all_outputs_known = false,
            }
        }
        self.states = states;
        self.inputs = inputs;
        self.outputs = outputs;
        let docs = Docs::only_docs(decl.attrs, "a transition", self.errors);
        Some(Transition {
            docs,
            source: source?,
            input: input?,
            input_name: decl.input,
            target: target?,
            target_name: decl.target,
            outputs: if all_outputs_known { uses } else { return None },
        })
    }
}
