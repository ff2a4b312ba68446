//! Stage 4: code generation from a checked model, one file per concern.
//!
//! - `machine.rs`: the machine type and its observed form, their constructors, accessors and
//!   public input methods (thin wrappers), and the trait impls;
//! - `step.rs`: what one input does, written once for both forms (see below): what every step
//!   shares; `table.rs` and `cases.rs` its two ways to step; `calls.rs` how outputs receive the
//!   input's arguments;
//! - `state.rs`: the state enum, its `MachineState` impl, the transition table and `State::next`;
//! - `values.rs`: the input and return enums; `outputs.rs`: the outputs trait;
//! - `docs.rs`: the `Description` constant and the diagram in the docs;
//! - `hooks.rs`: the serde and registry hooks.
//!
//! **The step is written once.** Each input's step is a private method of the plain machine,
//! generic over an observer: the plain machine calls it with `NoObserver` (whose empty hooks
//! inline to nothing, so its code has no observer in it), the observed form with its own
//! observer. So each transition's code exists once, and rustc reports each type error in it once.
//!
//! `generate` writes the machine; `fallback` writes the same public items with stub bodies when
//! the macro reports errors, so the user's code that names them does not fail a second time.
//!
//! Hygiene rules for everything written here: only absolute paths (`::core::...`, and the facade's
//! `__private` for the runtime), generated names start with `__`, generated local variables use
//! `Span::mixed_site()`, and code whose type errors belong to the user (argument and return types)
//! is spanned on the user's tokens with `quote_spanned!`.

mod asyncs;
mod calls;
mod cases;
mod data;
mod docs;
mod eventless;
mod generics;
mod history;
mod hooks;
mod machine;
mod outputs;
mod raise;
mod state;
mod step;
mod table;
mod timers;
mod typestate;
mod values;

use std::collections::HashSet;
use syn::ext::IdentExt as _;

use heck::ToSnakeCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, Type};

use super::check::is_generated_method;
use super::describe::Owned;
use super::model::{Edge, Machine, Param};

/// Whether the input methods get real bodies or stubs.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Full,
    Stub,
}

pub fn generate(machine: &Machine) -> TokenStream {
    Gen::new(machine, Mode::Full).all()
}

/// The machine's public items with stub bodies, emitted next to the errors. Declarations that
/// are themselves in error (a name declared twice, an input named like a generated method) are
/// left out, so the stubs cannot cause errors of their own.
///
/// A machine none of whose states parsed gets one placeholder state: a state enum without
/// variants would make the stubs' `match`es unreachable code, and warn.
pub fn fallback(mut machine: Machine) -> TokenStream {
    if machine.states.is_empty() {
        let span = machine.name.span();
        machine.states.push(super::model::State {
            name: Ident::new("Unparsed", span),
            docs: super::model::Docs::default(),
            allows: super::model::Allows::default(),
            initial: Some(span),
            final_: None,
            entry: Vec::new(),
            exit: Vec::new(),
            fields: Vec::new(),
            positional: false,
            parent: None,
        });
    }
    Gen::new(&machine, Mode::Stub).all()
}

struct Gen<'a> {
    m: &'a Machine,
    mode: Mode,
    /// Path to the runtime, `<facade>::__private`.
    rt: TokenStream,
    state_enum: Ident,
    input_enum: Ident,
    return_enum: Ident,
    /// The outputs trait as a bound: `NameOutputs`, or `NameOutputs<P, ..>` for a generic
    /// machine.
    outputs_trait: TokenStream,
    /// The outputs trait's name, for its declaration.
    outputs_ident: Ident,
    /// The machine's type and const parameters, and those the data, input, return and failure
    /// enums use (see `generics.rs`).
    params: generics::Params,
    data_params: generics::Params,
    input_params: generics::Params,
    return_params: generics::Params,
    failure_params: generics::Params,
    core: Ident,
    observer: Ident,
    /// The machine with an observer attached (`NameObserved`).
    observed: Ident,
    /// Indices of the states, inputs and outputs to emit (all of them unless in `Stub` mode).
    states: Vec<usize>,
    inputs: Vec<usize>,
    outputs: Vec<usize>,
    /// Whether the machine decides at run time (guards, fallible outputs): its errors are then
    /// `StepError`s and its journals record where each step led.
    decides: bool,
    /// Whether some state carries data: the machine stores the data enum, and every input steps
    /// by cases.
    has_data: bool,
    /// `NameData`: the state with its data.
    data_enum: Ident,
    /// Whether an input borrows an argument: the input enum (and a journal's record) then has a
    /// lifetime, `'input`.
    input_borrows: bool,
    /// `Machine::plans`: the candidate transitions of every `(state, input)` pair.
    plans: Vec<Vec<usize>>,
    /// The typestate API's names (`typestate.rs`): `NameAt`, `NameTypedState` and the hidden
    /// module sealing it, made once (they are written once per state).
    typed_names: [Ident; 3],
    /// `Machine::edges` (of `plans`): every `(state, input, transition)`, in description order.
    edges: Vec<Edge>,
    /// The description, built once for the constant and the docs (`Full` mode only).
    described: Option<Owned>,
    /// Per input, whether its step is a table lookup (every state takes at most one transition,
    /// unguarded, infallible, with no exit or entry action to run): the code v0.1 generates.
    by_table: Vec<bool>,
    /// Per input stepping by cases, its groups of states that run the same code (each with a
    /// representative); empty for inputs stepping by table.
    groups: Vec<Vec<(usize, Vec<usize>)>>,
    /// A machine that decides: the cases `handle` dispatches on, `(input, group)` (`None`: the
    /// input steps by table), and per `(state, input)` pair its case (1 + index; 0 refuses).
    cases: Vec<(usize, Option<usize>)>,
    case_table: Vec<usize>,
    /// The enum of the failures of every input (`NameFailure`), when `handle` needs one.
    failure_enum: Ident,
    /// A journal's record of a step of a machine that decides (`NameRecord`).
    record: Ident,
    /// The compounds whose history the machine records (`Machine::recorded`): one state of
    /// `__history` each.
    recorded: Vec<usize>,
}

/// Above this many states, a machine's state enum and table take their compact forms (`Gen::
/// compact`). At 2,048 states they build in two thirds of the time; up to it, a machine keeps
/// the code v0.1 generates (and the workloads of `bench/` their instruction counts).
const COMPACT_STATES: usize = 64;

impl<'a> Gen<'a> {
    fn new(m: &'a Machine, mode: Mode) -> Self {
        let krate = &m.krate;
        let name = &m.name;
        let (states, inputs, outputs) = emitted(m, mode);
        let plans = m.plans();
        let has_data = m.has_data();
        let by_table: Vec<bool> = (0..m.inputs.len())
            .map(|i| !has_data && table::is_table_step(m, &plans, i))
            .collect();
        let groups: Vec<_> = (0..m.inputs.len())
            .map(|i| {
                if by_table[i] {
                    Vec::new()
                } else {
                    cases::case_groups(m, &plans, i)
                }
            })
            .collect();
        // Cases for `handle` whenever an input does not step by table (one that decides, or
        // runs entry and exit actions).
        let by_cases = m.decides() || has_data || by_table.iter().any(|&b| !b);
        let (cases, case_table) = if by_cases && mode == Mode::Full {
            cases::cases(m, &plans, &by_table, &groups)
        } else {
            (Vec::new(), Vec::new())
        };
        let edges = Machine::edges_of(&plans, m.inputs.len());
        let described = (mode == Mode::Full).then(|| Owned::from_model(m, &edges));
        let params = generics::Params::of(&m.generics);
        let data_params =
            params.used_by(m.states.iter().flat_map(|s| s.fields.iter().map(|f| &f.ty)));
        let input_params =
            params.used_by(m.inputs.iter().flat_map(|i| i.params.iter().map(|p| &p.ty)));
        let return_params = params.used_by(m.inputs.iter().filter_map(|i| i.ret.as_ref()));
        let failure_params = params.used_by((0..m.inputs.len()).filter_map(|i| m.fallible_type(i)));
        let outputs_ident = format_ident!("{}Outputs", name);
        let outputs_trait = if params.is_empty() {
            quote!(#outputs_ident)
        } else {
            let args = params.args();
            quote!(#outputs_ident<#args>)
        };
        let input_borrows = inputs.iter().any(|&i| {
            m.inputs[i]
                .params
                .iter()
                .any(|p| super::lifetimes::borrows(&p.ty))
        });
        let typed_names = [
            format_ident!("{}At", name),
            format_ident!("{}TypedState", name),
            format_ident!("__{}_sealed", name.to_string().to_snake_case()),
        ];
        Gen {
            typed_names,
            decides: m.decides(),
            has_data,
            input_borrows,
            data_enum: m
                .user_data
                .clone()
                .unwrap_or_else(|| format_ident!("{}Data", name)),
            edges,
            described,
            groups,
            cases,
            case_table,
            plans,
            by_table,
            failure_enum: format_ident!("{}Failure", name),
            record: format_ident!("{}Record", name),
            recorded: m.recorded(),
            m,
            mode,
            rt: quote!(#krate::__private),
            state_enum: format_ident!("{}State", name),
            input_enum: format_ident!("{}Input", name),
            return_enum: format_ident!("{}Return", name),
            outputs_trait,
            outputs_ident,
            params,
            data_params,
            input_params,
            return_params,
            failure_params,
            observed: format_ident!("{}Observed", name),
            core: Ident::new("__Core", Span::call_site()),
            observer: Ident::new("__Observer", Span::call_site()),
            states,
            inputs,
            outputs,
        }
    }

    /// Whether the machine is large enough (more than [`COMPACT_STATES`] states) for the forms
    /// that cost the compiler least: the table's cells are state indices, and the state names
    /// and `Debug` read the description (see `state.rs`).
    fn compact(&self) -> bool {
        self.mode == Mode::Full && self.m.states.len() > COMPACT_STATES
    }

    fn all(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        tokens.extend(self.machine_structs());
        tokens.extend(self.state_enum());
        tokens.extend(self.data_items());
        tokens.extend(self.input_enum());
        tokens.extend(self.return_enum());
        tokens.extend(self.failure_enum());
        tokens.extend(self.record_struct());
        tokens.extend(self.outputs_trait());
        tokens.extend(self.timer_enum());
        tokens.extend(self.machine_impl());
        tokens.extend(self.observed_impl());
        tokens.extend(self.trait_impls());
        tokens.extend(self.registration());
        tokens.extend(self.serde_hook());
        tokens.extend(self.pure_transitions());
        tokens.extend(self.typestate_items());
        tokens
    }

    /// The machine type for core `core`: `Name<core>`, or `Name<P, .., core>`.
    fn machine_ty(&self, core: &TokenStream) -> TokenStream {
        let (name, args) = (&self.m.name, self.params.args());
        quote!(#name<#args #core>)
    }

    /// The observed machine type for `core` and `observer`.
    fn observed_ty(&self, core: &TokenStream, watcher: &TokenStream) -> TokenStream {
        let (observed, args) = (&self.observed, self.params.args());
        quote!(#observed<#args #core, #watcher>)
    }

    /// `impl<P: Peer, .., #extra>` generics: the machine's parameters, then `extra`.
    fn impl_generics(&self, extra: &TokenStream) -> TokenStream {
        let decl = self.params.decl();
        angled(&quote!(#decl #extra))
    }

    /// The machine's where clause, with `extra` predicates.
    fn where_clause(&self, extra: &TokenStream) -> TokenStream {
        self.params.where_clause(extra)
    }

    /// `, __marker: PhantomData` in a generic machine's struct literal, and the recorded history
    /// of a new machine (nothing otherwise).
    fn marker_init(&self) -> TokenStream {
        let mut tokens = self.phantom_init();
        tokens.extend(self.history_init());
        tokens.extend(self.raise_init());
        tokens
    }

    /// `, __marker: PhantomData` in a generic machine's struct literal (nothing otherwise).
    fn phantom_init(&self) -> TokenStream {
        if self.params.is_empty() {
            TokenStream::new()
        } else {
            quote!(, __marker: ::core::marker::PhantomData)
        }
    }

    /// The data enum's type: `NameData`, or `NameData<P>` with the parameters its fields use.
    fn data_ty(&self) -> TokenStream {
        with_args(&self.data_enum, &TokenStream::new(), &self.data_params)
    }

    /// The return enum's type.
    fn return_ty(&self) -> TokenStream {
        with_args(&self.return_enum, &TokenStream::new(), &self.return_params)
    }

    /// The failure enum's type.
    fn failure_ty(&self) -> TokenStream {
        with_args(
            &self.failure_enum,
            &TokenStream::new(),
            &self.failure_params,
        )
    }

    /// The parameters to declare: all of them, or in `Stub` mode the first of each name.
    fn params<'p>(&self, params: &'p [Param]) -> Vec<&'p Param> {
        let mut seen = HashSet::new();
        params
            .iter()
            .filter(|p| self.mode == Mode::Full || seen.insert(p.name.unraw().to_string()))
            .collect()
    }

    /// The parameters of an input's method: all of them, or in `Stub` mode the first of each name
    /// but the context's (reported: it would be bound twice next to the context).
    fn input_params<'p>(&self, params: &'p [Param]) -> Vec<&'p Param> {
        let context = self.m.context.as_ref().map(|c| &c.name);
        self.params(params)
            .into_iter()
            .filter(|p| self.mode == Mode::Full || Some(&p.name) != context)
            .collect()
    }

    /// `<'a, ..>` for a generated fn of a signature that declares `declared` and whose types are
    /// `types`: the declared lifetimes, and in `Stub` mode also those used without being declared
    /// (an error already), so that the stub compiles. `None` when there are none.
    fn signature_lifetimes<'t>(
        &self,
        declared: &[syn::LifetimeParam],
        types: impl Iterator<Item = &'t Type>,
    ) -> Option<TokenStream> {
        let mut lifetimes: Vec<TokenStream> = declared.iter().map(|l| quote!(#l)).collect();
        if self.mode == Mode::Stub {
            let mut seen: HashSet<String> =
                declared.iter().map(|l| l.lifetime.to_string()).collect();
            for lifetime in types.flat_map(super::lifetimes::named) {
                if seen.insert(lifetime.to_string()) {
                    lifetimes.push(quote!(#lifetime));
                }
            }
        }
        (!lifetimes.is_empty()).then(|| quote!(<#(#lifetimes),*>))
    }

    /// In `Stub` mode, `ty` with its borrows for `'static` (a type that borrows where nothing may,
    /// an error already, then still compiles); else `ty`.
    fn lenient(&self, ty: &Type) -> TokenStream {
        if self.mode == Mode::Stub && super::lifetimes::borrows(ty) {
            let lifetime = syn::Lifetime::new("'static", Span::call_site());
            let ty = super::lifetimes::for_lifetime(ty, &lifetime);
            quote!(#ty)
        } else {
            quote!(#ty)
        }
    }

    /// `NameState::Initial`, or an unreachable stub when the machine has no usable initial state
    /// (only in `Stub` mode, next to the error that says so).
    fn initial_state_path(&self) -> TokenStream {
        let state_enum = &self.state_enum;
        self.m
            .initial_state()
            .filter(|s| self.states.contains(s))
            .map_or_else(
                || quote!(::core::unreachable!()),
                |s| {
                    let ident = &self.m.states[s].name;
                    quote!(#state_enum::#ident)
                },
            )
    }

    /// `A | B | C`: the patterns of states `states`.
    fn state_patterns(&self, states: &[usize]) -> TokenStream {
        let state_enum = &self.state_enum;
        let patterns = states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            quote!(#state_enum::#ident)
        });
        quote!(#(#patterns)|*)
    }
}

/// The indices of the states, inputs and outputs to emit: all of them, or in `Stub` mode those
/// not in error themselves (the first of each name; no input named like a generated method).
fn emitted(m: &Machine, mode: Mode) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let keep_first = |names: Vec<String>, also: &dyn Fn(&str) -> bool| -> Vec<usize> {
        let mut seen = HashSet::new();
        (0..names.len())
            .filter(|&i| seen.insert(names[i].clone()) && also(&names[i]))
            .collect()
    };
    match mode {
        Mode::Full => (
            (0..m.states.len()).collect(),
            (0..m.inputs.len()).collect(),
            (0..m.outputs.len()).collect(),
        ),
        Mode::Stub => {
            let mut variants = HashSet::new();
            let inputs = keep_first(
                m.inputs
                    .iter()
                    .map(|i| i.name.unraw().to_string())
                    .collect(),
                &|n| !is_generated_method(m, n),
            )
            .into_iter()
            .filter(|&i| variants.insert(m.inputs[i].variant.to_string()))
            .collect();
            (
                keep_first(
                    m.states
                        .iter()
                        .map(|s| s.name.unraw().to_string())
                        .collect(),
                    &|_| true,
                ),
                inputs,
                keep_first(
                    m.outputs
                        .iter()
                        .map(|o| o.name.unraw().to_string())
                        .collect(),
                    &|_| true,
                ),
            )
        }
    }
}

/// `<tokens>`, or nothing when there are none.
fn angled(tokens: &TokenStream) -> TokenStream {
    if tokens.is_empty() {
        TokenStream::new()
    } else {
        quote!(<#tokens>)
    }
}

/// `name<lifetime, P: Peer, ..> where ..`: the declaration of a type that takes `params` (and
/// `lifetime`: `'a,` or nothing).
fn declared(
    name: &Ident,
    lifetime: &TokenStream,
    params: &generics::Params,
) -> (TokenStream, TokenStream) {
    let where_clause = params.where_clause(&TokenStream::new());
    if params.is_empty() && lifetime.is_empty() {
        (quote!(#name), where_clause)
    } else {
        let decl = params.decl();
        (quote!(#name<#lifetime #decl>), where_clause)
    }
}

/// `name`, or `name<lifetime, P, ..>` with `params`' arguments (`lifetime`: `'a,` or nothing).
fn with_args(name: &Ident, lifetime: &TokenStream, params: &generics::Params) -> TokenStream {
    if params.is_empty() && lifetime.is_empty() {
        quote!(#name)
    } else {
        let args = params.args();
        quote!(#name<#lifetime #args>)
    }
}

/// Groups `(key, representative, member)` triples by key, in order of first appearance: one
/// `(representative of the first, members)` per key. Linear, for wide machines.
fn group<K: std::hash::Hash + Eq>(
    items: impl IntoIterator<Item = (K, usize, usize)>,
) -> Vec<(usize, Vec<usize>)> {
    let mut index: std::collections::HashMap<K, usize> = std::collections::HashMap::new();
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (key, representative, member) in items {
        if let Some(&g) = index.get(&key) {
            groups[g].1.push(member);
        } else {
            index.insert(key, groups.len());
            groups.push((representative, vec![member]));
        }
    }
    groups
}

/// The user's doc attributes, or one generated line when there are none (so `missing_docs` holds).
/// `ident` with `span` (raw identifiers stay raw: `r#loop`).
fn respan(ident: &Ident, span: Span) -> Ident {
    let mut ident = ident.clone();
    ident.set_span(span);
    ident
}

fn docs_or(attrs: &[syn::Attribute], default: &str) -> TokenStream {
    if attrs.is_empty() {
        quote!(#[doc = #default])
    } else {
        quote!(#(#attrs)*)
    }
}

fn is_reference(ty: &Type) -> bool {
    matches!(ty, Type::Reference(_))
}
