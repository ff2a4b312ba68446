//! The typestate API (`#[typestate]`), from the same model as the dynamic machine:
//!
//! - one type per leaf state, named after it, next to the machine (a unit struct, or the state's
//!   fields as a struct with public fields), each implementing `NameTypedState` (sealed by a
//!   hidden module that refers to nothing, so a machine declared in a function works too); a
//!   trait `NameIn<Compound>` per compound state, which the states inside it implement;
//! - `NameAt<S, Core>`: the machine in state `S`, holding `S` (its data), the core and what else
//!   the machine keeps (its history): no state tag, so it is the size of the core and the data;
//! - one inherent `impl` per group of states that take an input the same way (same candidate
//!   transitions, same possible outcomes), generic over a sealed trait when the group has more
//!   than one state (`NameIn<Compound>` when the group is a compound's leaves, else
//!   `NameTakes<Input>`), so a transition declared on a compound or `_` is one method;
//! - each method consumes the typed machine, turns it into the dynamic one, calls the dynamic
//!   input method (the same step code, so behaviour and type errors exist once) and turns the
//!   result back into the typed machine of the state it reached: `NameAt<Target, Core>` when it
//!   can reach only one, else `NameAfter<Input>` (an enum of the states it can reach; a
//!   diverted step's variant holds the failure), wrapped in `Result<_, (NameAt<S, Core>, E)>`
//!   when the step can leave the machine where it was (guards, fallible outputs without `else`);
//! - `into_dynamic`, the dynamic machine's `into_typed::<S>()` and `into_any()` (`NameAny`, an
//!   enum of the typed machines) convert both ways.
//!
//! The build cost is one impl per (group, input) and one struct per state: linear in the
//! machine, never one trait impl per transition.

use heck::ToSnakeCase;
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use super::machine::return_type;
use super::{docs_or, Gen, Mode};

/// What taking input `i` in a state can lead to.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub(super) struct Outcome {
    /// The leaves a committed step can end in (sorted).
    ends: Vec<usize>,
    /// The leaves an `else` route can end in (sorted).
    elses: Vec<usize>,
    /// Whether the step can leave the machine in its source (no guard held, or a fallible output
    /// failed without an `else` route).
    stays: bool,
}

impl Gen<'_> {
    fn at_ident(&self) -> Ident {
        format_ident!("{}At", self.m.name)
    }

    fn any_ident(&self) -> Ident {
        format_ident!("{}Any", self.m.name)
    }

    /// The hidden module of the sealed trait: `__coffee_brewer_sealed`.
    fn sealed_module(&self) -> Ident {
        format_ident!("__{}_sealed", self.m.name.to_string().to_snake_case())
    }

    /// The trait every state type implements: `CoffeeBrewerTypedState`.
    fn typed_trait(&self) -> Ident {
        format_ident!("{}TypedState", self.m.name)
    }

    /// A state's type: the state's own name.
    fn state_type(&self, s: usize) -> TokenStream {
        let ident = &self.m.states[s].name;
        quote!(#ident)
    }

    fn typed(&self, s: &TokenStream) -> TokenStream {
        let (at, core) = (self.at_ident(), &self.core);
        quote!(#at<#s, #core>)
    }

    /// What input `i` leads to from leaf `s` (which takes it).
    pub(super) fn outcome(&self, s: usize, i: usize) -> Outcome {
        let plan = &self.plans[s * self.m.inputs.len() + i];
        let all: Vec<usize> = (0..self.m.states.len()).collect();
        let settle = |leaf: usize| {
            if self.m.raise.is_some() {
                all.clone()
            } else {
                self.m.settles_at(leaf)
            }
        };
        let mut ends = Vec::new();
        let mut elses = Vec::new();
        for &t in plan {
            let t = &self.m.transitions[t];
            for target in self.m.targets_from(t, s) {
                ends.extend(settle(target));
            }
            if let Some(otherwise) = &t.otherwise {
                elses.extend(settle(otherwise.target.from(s)));
            }
        }
        for list in [&mut ends, &mut elses] {
            list.sort_unstable();
            list.dedup();
        }
        let guarded = plan
            .last()
            .is_some_and(|&t| self.m.transitions[t].guard.is_some());
        let fails = plan.iter().any(|&t| {
            let t = &self.m.transitions[t];
            t.otherwise.is_none() && t.tries().next().is_some()
        });
        Outcome {
            ends,
            elses,
            stays: guarded || fails,
        }
    }

    /// Everything the typestate API adds (nothing without `#[typestate]`).
    pub(super) fn typestate_items(&self) -> TokenStream {
        if self.m.typestate.is_none()
            || self.mode == Mode::Stub && !self.m.generics.params.is_empty()
        {
            return TokenStream::new();
        }
        let mut tokens = self.state_types();
        tokens.extend(self.typed_machine());
        tokens.extend(self.typed_conversions());
        if self.mode == Mode::Full {
            tokens.extend(self.typed_inputs());
        }
        tokens
    }

    /// The state types, their sealed trait, and the traits of groups of them.
    fn state_types(&self) -> TokenStream {
        let (vis, name) = (&self.m.vis, &self.m.name);
        let (state_enum, data_enum) = (&self.state_enum, &self.data_enum);
        let (typed_trait, sealed) = (self.typed_trait(), self.sealed_module());
        let mut items: TokenStream = self.states.iter().map(|&s| self.state_item(s)).collect();
        let data_methods = self.has_data.then(|| {
            quote! {
                #[doc(hidden)]
                fn __into_data(self) -> #data_enum;
                #[doc(hidden)]
                fn __from_data(data: #data_enum) -> ::core::result::Result<Self, #data_enum>;
            }
        });
        items.extend(self.state_traits());
        let doc = format!(
            "A state of [`{name}`] as a type, for its typestate API ([`{at}`]); sealed: only the \
             machine's states implement it.",
            at = self.at_ident()
        );
        quote! {
            #[doc(hidden)]
            #[allow(non_snake_case)]
            #vis mod #sealed {
                pub trait Sealed {}
            }

            #[doc = #doc]
            #vis trait #typed_trait: #sealed::Sealed + ::core::marker::Sized {
                /// The state, as the dynamic machine names it.
                const STATE: #state_enum;
                #data_methods
            }

            #items
        }
    }

    /// A state's type, with its `TypedState` impl.
    fn state_item(&self, s: usize) -> TokenStream {
        let name = &self.m.name;
        let (state_enum, data_enum) = (&self.state_enum, &self.data_enum);
        let mut items = TokenStream::new();
        let state = &self.m.states[s];
        let ident = &state.name;
        let accepts = self.accepted_doc(s);
        let docs = docs_or(
            &state.docs.attrs,
            &format!("The state `{ident}` of [`{name}`]."),
        );
        let body = if state.fields.is_empty() {
            quote! {
                #docs
                #[doc = #accepts]
                #[derive(
                    ::core::fmt::Debug, ::core::clone::Clone, ::core::marker::Copy,
                    ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,
                    ::core::default::Default
                )]
                pub struct #ident;
            }
        } else {
            let derive = (!self.m.derive_data.is_empty()).then(|| {
                let derives = &self.m.derive_data;
                quote!(#[derive(#(#derives),*)])
            });
            let fields = state.fields.iter().map(|f| {
                let (field, ty) = (&f.name, &f.ty);
                let doc = format!("The field `{field}` of state `{ident}`.");
                quote!(#[doc = #doc] pub #field: #ty)
            });
            quote! {
                #docs
                #[doc = #accepts]
                #derive
                pub struct #ident { #(#fields),* }
            }
        };
        items.extend(body);
        let names: Vec<&Ident> = state.fields.iter().map(|f| &f.name).collect();
        let data = self.has_data.then(|| {
            let (pattern, value) = if names.is_empty() {
                (quote!(#data_enum::#ident), quote!(#ident))
            } else {
                (
                    quote!(#data_enum::#ident { #(#names),* }),
                    quote!(#ident { #(#names),* }),
                )
            };
            let built = if names.is_empty() {
                quote!(#data_enum::#ident)
            } else {
                let at = names.iter().map(|n| quote!(#n: self.#n));
                quote!(#data_enum::#ident { #(#at),* })
            };
            quote! {
                #[inline]
                fn __into_data(self) -> #data_enum {
                    #built
                }

                #[inline]
                fn __from_data(data: #data_enum) -> ::core::result::Result<Self, #data_enum> {
                    match data {
                        #pattern => ::core::result::Result::Ok(#value),
                        #[allow(unreachable_patterns)]
                        other => ::core::result::Result::Err(other),
                    }
                }
            }
        });
        let (typed_trait, sealed) = (self.typed_trait(), self.sealed_module());
        items.extend(quote! {
            impl #sealed::Sealed for #ident {}

            impl #typed_trait for #ident {
                const STATE: #state_enum = #state_enum::#ident;
                #data
            }
        });
        items
    }

    /// A trait per compound state (`In<Compound>`) and per group of states that take an input the
    /// same way (`Takes<Input>`), each implemented by those states.
    fn state_traits(&self) -> TokenStream {
        let (name, vis, typed_trait) = (&self.m.name, &self.m.vis, self.typed_trait());
        let mut items = TokenStream::new();
        for (c, compound) in self.m.compounds.iter().enumerate() {
            let trait_name = format_ident!("{}In{}", name, compound.name);
            let doc = format!(
                "The states inside the compound state `{}` of [`{name}`]: generic code over \
                 them can take the inputs the compound declares.",
                compound.name
            );
            let impls = self.m.leaves_in(c).into_iter().map(|s| {
                let ident = &self.m.states[s].name;
                quote!(impl #trait_name for #ident {})
            });
            items.extend(quote! {
                #[doc = #doc]
                #vis trait #trait_name: #typed_trait {}
                #(#impls)*
            });
        }
        for (trait_name, states, doc) in self.group_traits() {
            let impls = states.iter().map(|&s| {
                let ident = &self.m.states[s].name;
                quote!(impl #trait_name for #ident {})
            });
            items.extend(quote! {
                #[doc = #doc]
                #vis trait #trait_name: #typed_trait {}
                #(#impls)*
            });
        }
        items
    }

    /// `Accepts `brew` (→ `Brewing`), `kick` (→ `Broken`).` for a state's docs.
    fn accepted_doc(&self, s: usize) -> String {
        let inputs = self.m.inputs.len();
        let accepted: Vec<String> = (0..inputs)
            .filter(|&i| !self.plans[s * inputs + i].is_empty())
            .map(|i| {
                let outcome = self.outcome(s, i);
                let ends: Vec<String> = outcome
                    .ends
                    .iter()
                    .chain(&outcome.elses)
                    .map(|&e| format!("`{}`", self.m.states[e].name))
                    .collect();
                format!("`{}` (→ {})", self.m.inputs[i].name, ends.join(", "))
            })
            .collect();
        if accepted.is_empty() {
            "\n\nAccepts no input.".to_owned()
        } else {
            format!(
                "\n\nAccepts {}. See the machine's diagram on [`{}`].",
                accepted.join(", "),
                self.m.name
            )
        }
    }

    /// The groups of states that take input `i` the same way, in state order, each with its
    /// outcome.
    fn typed_groups(&self, i: usize) -> Vec<(Vec<usize>, Outcome)> {
        let inputs = self.m.inputs.len();
        let mut groups: Vec<(Vec<usize>, Outcome)> = Vec::new();
        for s in 0..self.m.states.len() {
            if self.plans[s * inputs + i].is_empty() {
                continue;
            }
            let outcome = self.outcome(s, i);
            let plan = &self.plans[s * inputs + i];
            let same = groups
                .iter_mut()
                .find(|(states, o)| *o == outcome && self.plans[states[0] * inputs + i] == *plan);
            match same {
                Some(group) => group.0.push(s),
                None => groups.push((vec![s], outcome)),
            }
        }
        groups
    }

    /// The sealed traits of groups of several states that are not a compound's leaves:
    /// `Takes<Input>` (numbered when an input has several).
    fn group_traits(&self) -> Vec<(Ident, Vec<usize>, String)> {
        let mut traits = Vec::new();
        for (i, input) in self.m.inputs.iter().enumerate() {
            let groups: Vec<Vec<usize>> = self
                .typed_groups(i)
                .into_iter()
                .map(|(states, _)| states)
                .filter(|states| states.len() > 1 && self.compound_of(states).is_none())
                .collect();
            let several = groups.len() > 1;
            for (k, states) in groups.into_iter().enumerate() {
                let name = if several {
                    format_ident!("{}Takes{}{}", self.m.name, input.variant, k + 1)
                } else {
                    format_ident!("{}Takes{}", self.m.name, input.variant)
                };
                let doc = format!(
                    "The states of [`{}`] that take `{}` the same way.",
                    self.m.name, input.name
                );
                traits.push((name, states, doc));
            }
        }
        traits
    }

    /// The compound whose leaves are exactly `states`, if one is.
    fn compound_of(&self, states: &[usize]) -> Option<usize> {
        (0..self.m.compounds.len()).find(|&c| self.m.leaves_in(c) == states)
    }

    /// The trait bound of a group's impl (`None` for a single state).
    fn group_bound(&self, i: usize, states: &[usize]) -> Option<TokenStream> {
        if states.len() < 2 {
            return None;
        }
        if let Some(c) = self.compound_of(states) {
            let name = format_ident!("{}In{}", self.m.name, self.m.compounds[c].name);
            return Some(quote!(#name));
        }
        let input = &self.m.inputs[i];
        let groups: Vec<Vec<usize>> = self
            .typed_groups(i)
            .into_iter()
            .map(|(states, _)| states)
            .filter(|states| states.len() > 1 && self.compound_of(states).is_none())
            .collect();
        let k = groups.iter().position(|g| g == states).unwrap_or_default();
        let name = if groups.len() > 1 {
            format_ident!("{}Takes{}{}", self.m.name, input.variant, k + 1)
        } else {
            format_ident!("{}Takes{}", self.m.name, input.variant)
        };
        Some(quote!(#name))
    }

    /// `NameAt<S, Core>`, its accessors, and `into_dynamic`.
    fn typed_machine(&self) -> TokenStream {
        let Gen {
            core, state_enum, ..
        } = self;
        let vis = &self.m.vis;
        let (name, at, typed_trait) = (&self.m.name, self.at_ident(), self.typed_trait());
        let at_name = at.to_string();
        let history_field = self.history_field();
        let doc =
            format!(
            "[`{name}`] in the state `S` (a [`{typed_trait}`]): its methods are the inputs `S` \
             accepts, each consuming the machine and returning it in the state it reached. The \
             same machine as [`{name}`], without a state tag: it holds `S` (the state's data), the \
             core{}. Make one with [`{at}::new`] or [`{name}::into_typed`].",
            if self.recorded.is_empty() { "" } else { " and the recorded history" }
        );
        let history_copy = (!self.recorded.is_empty()).then(|| quote!(, __history: self.__history));
        let dynamic_state = if self.has_data {
            let stored = self.stored(&quote!(#typed_trait::__into_data(self.__at)));
            quote!(__data: #stored,)
        } else {
            quote!(__state: <S as #typed_trait>::STATE,)
        };
        let raise_init = self.raise_init();
        let new_impl = self.typed_new();
        let into_dynamic_doc = format!(
            "The same machine, as the dynamic [`{name}`] (in the same state, with the same data, \
             core and history)."
        );
        quote! {
            #[doc = #doc]
            #vis struct #at<S, #core> {
                __at: S,
                __core: #core,
                #history_field
            }

            #new_impl

            #[automatically_derived]
            impl<S: ::core::fmt::Debug, #core: ::core::fmt::Debug> ::core::fmt::Debug for #at<S, #core> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#at_name)
                        .field("state", &self.__at)
                        .field("core", &self.__core)
                        .finish()
                }
            }

            impl<S: #typed_trait, #core> #at<S, #core> {
                /// The state, as the dynamic machine names it.
                #[must_use]
                pub const fn state(&self) -> #state_enum {
                    <S as #typed_trait>::STATE
                }

                /// The state's data (its fields, for a state that has some).
                #[must_use]
                pub const fn data(&self) -> &S {
                    &self.__at
                }

                /// The state's data, mutably: a typed machine stays in its state whatever its
                /// fields hold.
                pub fn data_mut(&mut self) -> &mut S {
                    &mut self.__at
                }

                /// The user's core, shared.
                #[must_use]
                pub const fn core(&self) -> &#core {
                    &self.__core
                }

                /// The user's core, exclusively.
                pub fn core_mut(&mut self) -> &mut #core {
                    &mut self.__core
                }

                /// Consumes the machine and returns its core.
                pub fn into_core(self) -> #core {
                    self.__core
                }

                #[doc = #into_dynamic_doc]
                #[must_use]
                pub fn into_dynamic(self) -> #name<#core> {
                    // No raised input waits between steps: the queue starts empty.
                    #name {
                        #dynamic_state
                        __core: self.__core
                        #raise_init
                        #history_copy
                    }
                }
            }
        }
    }
}

impl Gen<'_> {
    /// `NameAt::new(core)`, in the initial state (or `new_any` when the initial state's
    /// eventless transitions may move it), for a machine whose `new` takes only the core.
    fn typed_new(&self) -> Option<TokenStream> {
        let (core, name) = (&self.core, &self.m.name);
        let s = self.m.initial_state()?;
        // `new` with more than the core (the initial state's fields, a context): build the
        // dynamic machine, then `into_typed`.
        if !self.m.states[s].fields.is_empty() || self.m.context.is_some() {
            return None;
        }
        let initial = self.state_type(s);
        let new = {
            let outcome_eventless = !self.m.eventless_of(s).is_empty();
            let (params, args) = self.new_params();
            if outcome_eventless {
                let any = self.any_ident();
                quote! {
                    /// Creates the machine, as `new` does; its initial state has eventless
                    /// transitions, so it may be in any state it leads to.
                    #[must_use]
                    pub fn new_any(#params) -> #any<#core> {
                        #name::new(#args).into_any()
                    }
                }
            } else {
                let typed = self.typed(&initial);
                quote! {
                    /// Creates the machine in its initial state, as `new` does (running what
                    /// `new` runs).
                    #[must_use]
                    pub fn new(#params) -> #typed {
                        match #name::new(#args).into_typed() {
                            ::core::result::Result::Ok(typed) => typed,
                            // `new` ends in the initial state (it has no eventless transition).
                            ::core::result::Result::Err(_) => ::core::unreachable!(),
                        }
                    }
                }
            }
        };
        let typed = self.typed(&initial);
        let outputs = &self.outputs_trait;
        Some(quote! {
            impl<#core: #outputs> #typed {
                #new
            }
        })
    }

    /// `core: Core`, and the argument that passes it on to `new`.
    fn new_params(&self) -> (TokenStream, TokenStream) {
        let core = &self.core;
        (quote!(core: #core), quote!(core))
    }

    /// `NameAny`: the typed machine of whichever state the machine is in.
    fn any_enum(&self) -> TokenStream {
        let core = &self.core;
        let vis = &self.m.vis;
        let (name, any) = (&self.m.name, self.any_ident());
        let into_dynamic_doc = format!("The same machine, as the dynamic [`{name}`].");
        let variants = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let doc = format!("In `{ident}`.");
            let typed = self.typed(&self.state_type(s));
            quote!(#[doc = #doc] #ident(#typed))
        });
        let any_doc = format!(
            "[`{name}`] as the typed machine of whichever state it is in, for a `match`: see \
             [`{name}::into_any`]."
        );
        let debug_bounds: Vec<TokenStream> = self
            .states
            .iter()
            .map(|&s| self.typed(&self.state_type(s)))
            .collect();
        let debug_arms = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let text = ident.to_string();
            quote!(#any::#ident(typed) => f.debug_tuple(#text).field(typed).finish())
        });
        let into_dynamic_arms = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            quote!(#any::#ident(typed) => typed.into_dynamic())
        });
        quote! {
            #[doc = #any_doc]
            #vis enum #any<#core> {
                #(#variants),*
            }

            #[automatically_derived]
            impl<#core> ::core::fmt::Debug for #any<#core> where #(#debug_bounds: ::core::fmt::Debug),* {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self { #(#debug_arms,)* }
                }
            }

            impl<#core> #any<#core> {
                #[doc = #into_dynamic_doc]
                #[must_use]
                pub fn into_dynamic(self) -> #name<#core> {
                    match self { #(#into_dynamic_arms,)* }
                }
            }

        }
    }

    /// `into_typed`, `into_any` on the dynamic machine, and `NameAny`.
    fn typed_conversions(&self) -> TokenStream {
        let core = &self.core;
        let (name, at, any, typed_trait) = (
            &self.m.name,
            self.at_ident(),
            self.any_ident(),
            self.typed_trait(),
        );
        let history_copy = (!self.recorded.is_empty()).then(|| quote!(__history: self.__history,));
        let history_tail = (!self.recorded.is_empty()).then(|| quote!(, __history: self.__history));
        let raise_tail = self.raise_init();
        let (take_state, check) = if self.has_data {
            let data = if self.data_in_option() {
                quote!(match self.__data {
                    ::core::option::Option::Some(data) => data,
                    // Only while a step moves fields, when no one can look.
                    ::core::option::Option::None => ::core::unreachable!(),
                })
            } else {
                quote!(self.__data)
            };
            let restore = self.stored(&quote!(data));
            (
                quote! {
                    let data = #data;
                    match <S as #typed_trait>::__from_data(data) {
                        ::core::result::Result::Ok(at) => ::core::result::Result::Ok(#at {
                            __at: at,
                            __core: self.__core,
                            #history_copy
                        }),
                        ::core::result::Result::Err(data) => ::core::result::Result::Err(Self {
                            __data: #restore,
                            __core: self.__core
                            #raise_tail
                            #history_tail
                        }),
                    }
                },
                TokenStream::new(),
            )
        } else {
            (
                quote! {
                    if self.__state != <S as #typed_trait>::STATE {
                        return ::core::result::Result::Err(self);
                    }
                    ::core::result::Result::Ok(#at {
                        __at: S::default(),
                        __core: self.__core,
                        #history_copy
                    })
                },
                quote!(+ ::core::default::Default),
            )
        };
        let arms = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let ty = self.state_type(s);
            quote! {
                <#ty as #typed_trait>::STATE => match self.into_typed::<#ty>() {
                    ::core::result::Result::Ok(typed) => #any::#ident(typed),
                    ::core::result::Result::Err(_) => ::core::unreachable!(),
                }
            }
        });
        let tag = self.tag_of(&quote!(self));
        let any_enum = self.any_enum();
        quote! {
            #any_enum

            impl<#core> #name<#core> {
                /// The machine as the typed machine of state `S`, when it is in `S`; else the
                /// machine itself, unchanged.
                ///
                /// # Errors
                ///
                /// The machine itself when it is in another state.
                pub fn into_typed<S: #typed_trait #check>(self) -> ::core::result::Result<#at<S, #core>, Self> {
                    #take_state
                }

                /// The machine as the typed machine of the state it is in, for a `match`.
                #[must_use]
                pub fn into_any(self) -> #any<#core> {
                    match #tag {
                        #(#arms,)*
                    }
                }
            }
        }
    }

    /// The typed input methods: one per group of states and input.
    fn typed_inputs(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        for i in 0..self.m.inputs.len() {
            let groups = self.typed_groups(i);
            let several = groups
                .iter()
                .filter(|(_, o)| o.ends.len() + o.elses.len() > 1 || !o.elses.is_empty())
                .count()
                > 1;
            for (k, (states, outcome)) in groups.iter().enumerate() {
                tokens.extend(self.typed_input(i, states, outcome, several.then_some(k + 1)));
            }
        }
        tokens
    }

    /// The enum of what input `i` can lead to from a group (`NameAfterBrew`, numbered when the
    /// input has several).
    fn after_ident(&self, i: usize, number: Option<usize>) -> Ident {
        let (name, variant) = (&self.m.name, &self.m.inputs[i].variant);
        match number {
            Some(k) => format_ident!("{}After{}{}", name, variant, k),
            None => format_ident!("{}After{}", name, variant),
        }
    }

    /// What a typed method of input `i` returns when its step commits, the enum of its outcomes
    /// (when it has several), and the code that builds it from the dynamic `machine` after an
    /// `Ok(value)`, and after a diversion (`__diverted`).
    #[allow(clippy::type_complexity)]
    fn typed_outcome(
        &self,
        i: usize,
        outcome: &Outcome,
        number: Option<usize>,
        machine: &Ident,
        value: &Ident,
    ) -> (
        TokenStream,
        Option<TokenStream>,
        TokenStream,
        Option<TokenStream>,
    ) {
        let (core, state_enum, vis) = (&self.core, &self.state_enum, &self.m.vis);
        let input = &self.m.inputs[i];
        let has_value = input.ret.is_some();
        let ret = return_type(input.ret.as_ref());
        let single = outcome.elses.is_empty() && outcome.ends.len() == 1;
        let typed_at = |s: usize| -> TokenStream {
            let ty = self.state_type(s);
            quote! {
                match #machine.into_typed::<#ty>() {
                    ::core::result::Result::Ok(typed) => typed,
                    // The step ended there: the state says so.
                    ::core::result::Result::Err(_) => ::core::unreachable!(),
                }
            }
        };
        if single {
            let end = outcome.ends[0];
            let typed = self.typed(&self.state_type(end));
            let at = typed_at(end);
            if has_value {
                (quote!((#typed, #ret)), None, quote!((#at, #value)), None)
            } else {
                (typed, None, at, None)
            }
        } else {
            let after = self.after_ident(i, number);
            let mut variants = Vec::new();
            let mut ok_arms = Vec::new();
            let mut diverted_arms = Vec::new();
            for &e in &outcome.ends {
                let ident = &self.m.states[e].name;
                let typed = self.typed(&self.state_type(e));
                let doc = format!("The step ended in `{ident}`.");
                let at = typed_at(e);
                let tag = quote!(#state_enum::#ident);
                if has_value {
                    variants.push(quote!(#[doc = #doc] #ident(#typed, #ret)));
                    ok_arms.push(quote!(#tag => #after::#ident(#at, #value)));
                } else {
                    variants.push(quote!(#[doc = #doc] #ident(#typed)));
                    ok_arms.push(quote!(#tag => #after::#ident(#at)));
                }
            }
            let failure = self.input_failure(i);
            for &e in &outcome.elses {
                let ident = &self.m.states[e].name;
                let variant = format_ident!("Else{}", ident);
                let typed = self.typed(&self.state_type(e));
                let doc = format!(
                    "A fallible output failed with the error held here, and the `else` route took \
                     the machine to `{ident}`."
                );
                let at = typed_at(e);
                let tag = quote!(#state_enum::#ident);
                variants.push(quote!(#[doc = #doc] #variant(#typed, #failure)));
                diverted_arms.push(quote!(#tag => #after::#variant(#at, __diverted.error)));
            }
            let doc = format!(
                "What `{}` can lead to: the typed machine in each state it can reach.",
                input.name
            );
            let item = quote! {
                #[doc = #doc]
                #vis enum #after<#core> {
                    #(#variants),*
                }
            };
            let after_ty = quote!(#after<#core>);
            let ok = quote!(match #machine.state() {
                #(#ok_arms,)*
                _ => ::core::unreachable!(),
            });
            let diverted = (!diverted_arms.is_empty()).then(|| {
                quote!(match #machine.state() {
                    #(#diverted_arms,)*
                    _ => ::core::unreachable!(),
                })
            });
            (after_ty, Some(item), ok, diverted)
        }
    }

    fn typed_input(
        &self,
        i: usize,
        states: &[usize],
        outcome: &Outcome,
        number: Option<usize>,
    ) -> TokenStream {
        let Gen {
            core,
            outputs_trait,
            rt,
            ..
        } = self;
        let input = &self.m.inputs[i];
        let method = &input.name;
        let (source_param, bound) = match self.group_bound(i, states) {
            Some(bound) => (quote!(S), Some(quote!(S: #bound,))),
            None => (self.state_type(states[0]), None),
        };
        let source = self.typed(&source_param);
        let params = self.input_params(&input.params);
        let typed_params = params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let names: Vec<&Ident> = params.iter().map(|p| &p.name).collect();
        let (cx, cx_param) = (self.context_arg(), self.context_param());
        let lifetimes = self.signature_lifetimes(
            &input.lifetimes,
            input.params.iter().map(|p| &p.ty).chain(&input.ret),
        );
        let error = self.input_error(i);
        let value = Ident::new("__value", Span::mixed_site());
        let machine = Ident::new("__machine", Span::mixed_site());
        let (ok_ty, enum_item, on_ok, on_diverted) =
            self.typed_outcome(i, outcome, number, &machine, &value);
        let ok_ty_with_value = ok_ty;
        let (result_ty, body_tail) = if outcome.stays {
            let diverted = on_diverted.as_ref().map(|code| {
                quote! {
                    ::core::result::Result::Err(#rt::StepError::Diverted(__diverted)) => {
                        ::core::result::Result::Ok(#code)
                    }
                }
            });
            (
                quote!(::core::result::Result<#ok_ty_with_value, (#source, #error)>),
                quote! {
                    match __result {
                        ::core::result::Result::Ok(#value) => {
                            let _ = &#value;
                            ::core::result::Result::Ok(#on_ok)
                        }
                        #diverted
                        ::core::result::Result::Err(__error) => {
                            match #machine.into_typed::<#source_param>() {
                                ::core::result::Result::Ok(typed) => ::core::result::Result::Err((typed, __error)),
                                ::core::result::Result::Err(_) => ::core::unreachable!(),
                            }
                        }
                    }
                },
            )
        } else {
            let diverted = on_diverted.as_ref().map(|code| {
                quote! {
                    ::core::result::Result::Err(#rt::StepError::Diverted(__diverted)) => #code,
                }
            });
            (
                ok_ty_with_value,
                quote! {
                    match __result {
                        ::core::result::Result::Ok(#value) => {
                            let _ = &#value;
                            #on_ok
                        }
                        #diverted
                        // A state that takes the input, without guards or a failure that stays.
                        ::core::result::Result::Err(_) => ::core::unreachable!(),
                    }
                },
            )
        };
        let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
        let bound_doc = format!(
            "\n\nThe same step as [`{}::{}`], from the typed machine.",
            self.m.name, input.name
        );
        quote! {
            #enum_item

            impl<#bound #core: #outputs_trait> #source {
                #docs
                #[doc = #bound_doc]
                #[allow(clippy::unnecessary_wraps, clippy::type_complexity)]
                pub fn #method #lifetimes (self, #cx_param #(#typed_params),*) -> #result_ty {
                    let mut #machine = self.into_dynamic();
                    let __result = #machine.#method(#cx #(#names),*);
                    #body_tail
                }
            }
        }
    }
}
