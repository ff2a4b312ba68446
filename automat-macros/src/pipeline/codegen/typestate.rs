//! The typestate API (`#[typestate]`), from the same model as the dynamic machine:
//!
//! - one type per leaf state, named after it, next to the machine (a unit struct, or the state's
//!   fields as a struct with public fields), each implementing `NameTypedState` (sealed by a
//!   hidden module that refers to nothing, so a machine declared in a function works too);
//! - `NameAt<S, Core>`: the machine in state `S`, holding `S` (its data), the core and what else
//!   the machine keeps (its history): no state tag, so it is the size of the core and the data;
//! - per input, a trait `NameTakes<Input><Core>` whose `Next` is what the step leads to from a
//!   state (`NameAt<Target, Core>`; with the input's value; `NameAfter<Input>`, an enum of the
//!   states it can reach, whose `else` variants hold the failure; in a `Result` that gives the
//!   machine back when the step can stay), implemented by every state that takes the input with
//!   nothing but that type, and one generic method on `NameAt<S, Core>` for all of them, which
//!   turns the typed machine into the dynamic one, calls the dynamic input method (the same
//!   step code, so behaviour and type errors exist once) and converts the result into `Next`
//!   (`__NameFromStep`, implemented generically for the one-target shapes and by each enum);
//! - `into_dynamic`, the dynamic machine's `into_typed::<S>()` and `into_any()` (`NameAny`, an
//!   enum of the typed machines) convert both ways.
//!
//! Why not one inherent impl per state (the first design): rustc checks inherent impls of one
//! type pairwise for overlap and probes all of them for every method call, so 2,048 states
//! cost it quadratically (14 s to build, against 1.3 s without typestate); bodiless trait
//! impls over distinct state types are linear for it (3.5 s).

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use super::machine::return_type;
use super::{docs_or, Gen, Mode};

/// States that take one input the same way, with what it leads to (they share its outcome
/// enum).
pub(super) struct Group {
    states: Vec<usize>,
    outcome: Outcome,
}

/// What every impl of one input's trait names.
struct InputTypes {
    /// `NameTakes<Input>`.
    takes: Ident,
    /// The input's value type.
    ret: TokenStream,
    /// Its method's error type.
    error: TokenStream,
}

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
        self.typed_names[0].clone()
    }

    fn any_ident(&self) -> Ident {
        format_ident!("{}Any", self.m.name)
    }

    /// The hidden module of the sealed trait: `__coffee_brewer_sealed`.
    fn sealed_module(&self) -> Ident {
        self.typed_names[2].clone()
    }

    /// The trait every state type implements: `CoffeeBrewerTypedState`.
    fn typed_trait(&self) -> Ident {
        self.typed_names[1].clone()
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
        let settle = |leaf: usize| {
            if self.m.raise.is_some() {
                (0..self.m.states.len()).collect()
            } else if self.m.eventless.is_empty() {
                vec![leaf]
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
        let groups = self.all_groups();
        let mut tokens = self.state_types(&groups);
        tokens.extend(self.typed_machine());
        tokens.extend(self.typed_conversions());
        tokens.extend(self.typed_helpers());
        if self.mode == Mode::Full {
            tokens.extend(self.step_conversion_impls());
            tokens.extend(self.typed_inputs(&groups));
        }
        tokens
    }

    /// The state types, their sealed trait, and the traits of groups of them.
    fn state_types(&self, groups: &[Vec<Group>]) -> TokenStream {
        let (vis, name) = (&self.m.vis, &self.m.name);
        let (state_enum, data_enum) = (&self.state_enum, &self.data_enum);
        let (typed_trait, sealed) = (self.typed_trait(), self.sealed_module());
        // Each (state, input) pair's outcome, from its group: computed once.
        let inputs = self.m.inputs.len();
        let mut outcomes: Vec<Option<&Outcome>> = vec![None; self.m.states.len() * inputs];
        for (i, groups) in groups.iter().enumerate() {
            for group in groups {
                for &s in &group.states {
                    outcomes[s * inputs + i] = Some(&group.outcome);
                }
            }
        }
        let items: TokenStream = self
            .states
            .iter()
            .map(|&s| self.state_item(s, &outcomes[s * inputs..(s + 1) * inputs]))
            .collect();
        let data_methods = self.has_data.then(|| {
            quote! {
                #[doc(hidden)]
                fn __into_data(self) -> #data_enum;
                #[doc(hidden)]
                fn __from_data(data: #data_enum) -> ::core::result::Result<Self, #data_enum>;
            }
        });
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
    fn state_item(&self, s: usize, outcomes: &[Option<&Outcome>]) -> TokenStream {
        let name = &self.m.name;
        let (state_enum, data_enum) = (&self.state_enum, &self.data_enum);
        let mut items = TokenStream::new();
        let state = &self.m.states[s];
        let ident = &state.name;
        let accepts = self.accepted_doc(outcomes);
        // One literal: the user's docs, or a line, then what the state accepts.
        let docs = if state.docs.attrs.is_empty() {
            let doc = format!("The state `{ident}` of [`{name}`].{accepts}");
            quote!(#[doc = #doc])
        } else {
            let attrs = &state.docs.attrs;
            quote!(#(#attrs)* #[doc = #accepts])
        };
        let body = if state.fields.is_empty() {
            quote! {
                #docs
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
                #derive
                pub struct #ident { #(#fields),* }
            }
        };
        items.extend(body);
        let names: Vec<&Ident> = state.fields.iter().map(|f| &f.name).collect();
        let data = self.has_data.then(|| {
            let (pattern, value) = if names.is_empty() {
                (self.data_variant(s, &TokenStream::new()), quote!(#ident))
            } else if state.positional {
                // `Data::Ended { 0: __field__0 }` to `Ended { _0: __field__0 }`: no binding
                // named `_0` (clippy's `used_underscore_binding`).
                let locals: Vec<Ident> = names.iter().map(|n| Self::field_local(n)).collect();
                let members = (0..names.len()).map(|k| self.member(s, k));
                (
                    self.data_variant(s, &quote!({ #(#members: #locals),* })),
                    quote!(#ident { #(#names: #locals),* }),
                )
            } else {
                (
                    self.data_variant(s, &quote!({ #(#names),* })),
                    quote!(#ident { #(#names),* }),
                )
            };
            let built = if names.is_empty() {
                self.data_variant(s, &TokenStream::new())
            } else {
                let at = names.iter().enumerate().map(|(k, n)| {
                    let member = self.member(s, k);
                    quote!(#member: self.#n)
                });
                self.data_variant(s, &quote!({ #(#at),* }))
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

    /// `Accepts `brew` (→ `Brewing`), `kick` (→ `Broken`).` for a state's docs.
    fn accepted_doc(&self, outcomes: &[Option<&Outcome>]) -> String {
        let accepted: Vec<String> = outcomes
            .iter()
            .enumerate()
            .filter_map(|(i, outcome)| outcome.map(|outcome| (i, outcome)))
            .map(|(i, outcome)| {
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

    /// The groups of states that take input `i` to the same outcome (they share its enum), in
    /// state order, each with its outcome.
    fn typed_groups(&self, i: usize) -> Vec<(Vec<usize>, Outcome)> {
        let inputs = self.m.inputs.len();
        let mut groups: Vec<(Vec<usize>, Outcome)> = Vec::new();
        let mut index: HashMap<Outcome, usize> = HashMap::new();
        for s in 0..self.m.states.len() {
            if self.plans[s * inputs + i].is_empty() {
                continue;
            }
            let outcome = self.outcome(s, i);
            match index.entry(outcome.clone()) {
                std::collections::hash_map::Entry::Occupied(at) => groups[*at.get()].0.push(s),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(groups.len());
                    groups.push((vec![s], outcome));
                }
            }
        }
        groups
    }

    /// Every input's groups (`typed_groups`).
    pub(super) fn all_groups(&self) -> Vec<Vec<Group>> {
        (0..self.m.inputs.len())
            .map(|i| {
                self.typed_groups(i)
                    .into_iter()
                    .map(|(states, outcome)| Group { states, outcome })
                    .collect()
            })
            .collect()
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
             same machine as [`{name}`], without a state tag: it holds the state's data (`S`, in a machine with data), the \
             core{}. Make one with [`{at}::new`] or [`{name}::into_typed`].",
            if self.recorded.is_empty() { "" } else { " and the recorded history" }
        );
        let new_impl = self.typed_new();
        // A machine without data keeps only the state's type: nothing to build per state.
        let (at_field, data_accessors) = if self.has_data {
            (
                quote!(S),
                quote! {
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
                },
            )
        } else {
            (quote!(::core::marker::PhantomData<S>), TokenStream::new())
        };
        let into_dynamic_doc = format!(
            "The same machine, as the dynamic [`{name}`] (in the same state, with the same data, \
             core and history)."
        );
        quote! {
            #[doc = #doc]
            #vis struct #at<S, #core> {
                __at: #at_field,
                __core: #core,
                #history_field
            }

            #new_impl

            #[automatically_derived]
            impl<S: #typed_trait, #core: ::core::fmt::Debug> ::core::fmt::Debug for #at<S, #core> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(#at_name)
                        .field("state", &<S as #typed_trait>::STATE)
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

                #data_accessors

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
                    #name::__from_typed(self)
                }
            }
        }
    }
}

impl Gen<'_> {
    /// `NameAt::new(core, ...)` with the parameters of `new`, in the initial state (or
    /// `new_any` when the initial state's eventless transitions may move it).
    fn typed_new(&self) -> Option<TokenStream> {
        let (core, name) = (&self.core, &self.m.name);
        let s = self.m.initial_state()?;
        // Next to an error, `new` may not take the initial state's fields: no typed `new`.
        if self.mode == Mode::Stub && !self.m.states[s].fields.is_empty() {
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

    /// The parameters of `new` (the core, the context when `new` takes it, the initial state's
    /// fields), and the arguments that pass them on.
    fn new_params(&self) -> (TokenStream, TokenStream) {
        let core = &self.core;
        let (params, args) = self.new_extra_params();
        (quote!(core: #core #params), quote!(core #args))
    }

    /// `NameAny`: the typed machine of whichever state the machine is in.
    fn any_enum(&self) -> TokenStream {
        let core = &self.core;
        let vis = &self.m.vis;
        let (name, any) = (&self.m.name, self.any_ident());
        let variants = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let doc = format!("In `{ident}`.");
            let typed = self.typed(&self.state_type(s));
            quote!(#[doc = #doc] #ident(#typed))
        });
        // No `into_dynamic` (nor `Debug`) on it: moving a variant's machine out in a `match` of
        // every state is what a large machine's build pays most for (rustc tracks each variant's
        // field apart: 0.4 s at 2,048 states); each variant converts itself.
        let any_doc = format!(
            "[`{name}`] as the typed machine of whichever state it is in, for a `match`: see \
             [`{name}::into_any`]. Each variant's machine converts back with `into_dynamic`."
        );
        quote! {
            #[doc = #any_doc]
            #vis enum #any<#core> {
                #(#variants),*
            }



        }
    }

    /// The hidden helpers the typed methods and conversions share, on the dynamic machine.
    fn typed_helpers(&self) -> TokenStream {
        let core = &self.core;
        let (name, at, typed_trait) = (&self.m.name, self.at_ident(), self.typed_trait());
        let from_history = (!self.recorded.is_empty()).then(|| quote!(, __history: at.__history));
        let raise_tail = self.raise_init();
        let dynamic_state = if self.has_data {
            let stored = self.stored(&quote!(#typed_trait::__into_data(at.__at)));
            quote!(__data: #stored,)
        } else {
            quote!(__state: <S as #typed_trait>::STATE,)
        };
        quote! {
            impl<#core> #name<#core> {
                /// The dynamic machine of a typed one (in the same state, with the same data, core
                /// and history; no raised input waits between steps, so the queue starts empty).
                #[doc(hidden)]
                #[inline]
                pub fn __from_typed<S: #typed_trait>(at: #at<S, #core>) -> Self {
                    Self {
                        #dynamic_state
                        __core: at.__core
                        #raise_tail
                        #from_history
                    }
                }

                /// The typed machine of state `T`, which a step just ended in.
                #[doc(hidden)]
                #[inline]
                pub fn __typed<T: #typed_trait>(self) -> #at<T, #core> {
                    match self.into_typed::<T>() {
                        ::core::result::Result::Ok(typed) => typed,
                        // The step ended in `T`: the state says so.
                        ::core::result::Result::Err(_) => ::core::unreachable!(),
                    }
                }

                /// A typed step's outcome: the machine in `T` with the value, the step having been
                /// taken (a state that takes the input, without a refusal that stays).
                #[doc(hidden)]
                #[inline]
                pub fn __after<T: #typed_trait, R, E>(self, result: ::core::result::Result<R, E>) -> (#at<T, #core>, R) {
                    match result {
                        ::core::result::Result::Ok(value) => (self.__typed(), value),
                        ::core::result::Result::Err(_) => ::core::unreachable!(),
                    }
                }

                /// A typed step's outcome when it may stay: the machine in `T` with the value, or
                /// back in `S` with the error.
                #[doc(hidden)]
                #[inline]
                #[allow(clippy::type_complexity)]
                pub fn __after_or_back<S: #typed_trait, T: #typed_trait, R, E>(
                    self,
                    result: ::core::result::Result<R, E>,
                ) -> ::core::result::Result<(#at<T, #core>, R), (#at<S, #core>, E)> {
                    match result {
                        ::core::result::Result::Ok(value) => ::core::result::Result::Ok((self.__typed(), value)),
                        ::core::result::Result::Err(error) => ::core::result::Result::Err((self.__typed(), error)),
                    }
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
        let from_self_history = history_tail.clone();
        let raise_tail = self.raise_init();
        let (take_state, _) = if self.has_data {
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
                        __at: ::core::marker::PhantomData,
                        __core: self.__core,
                        #history_copy
                    })
                },
                TokenStream::new(),
            )
        };
        let state_enum = &self.state_enum;
        let arms = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let ty = self.state_type(s);
            if self.has_data {
                quote! {
                    <#ty as #typed_trait>::STATE => match self.into_typed::<#ty>() {
                        ::core::result::Result::Ok(typed) => #any::#ident(typed),
                        ::core::result::Result::Err(_) => ::core::unreachable!(),
                    }
                }
            } else {
                // Built in place: one arm per state of a wide machine costs rustc little.
                quote! {
                    #state_enum::#ident => #any::#ident(#at { __at: ::core::marker::PhantomData, __core: self.__core #from_self_history })
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
                pub fn into_typed<S: #typed_trait>(self) -> ::core::result::Result<#at<S, #core>, Self> {
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
    fn typed_inputs(&self, groups: &[Vec<Group>]) -> TokenStream {
        let mut tokens = TokenStream::new();
        for (i, groups) in groups.iter().enumerate() {
            if !groups.is_empty() {
                tokens.extend(self.typed_input_method(i));
            }
            // An enum per group with several outcomes, numbered when the input has several.
            let enums = groups
                .iter()
                .filter(|g| {
                    g.outcome.ends.len() + g.outcome.elses.len() > 1 || !g.outcome.elses.is_empty()
                })
                .count();
            let mut k = 0;
            let input = &self.m.inputs[i];
            let types = InputTypes {
                takes: self.takes_trait(i),
                ret: return_type(input.ret.as_ref()),
                error: self.input_error(i),
            };
            for group in groups {
                let several = group.outcome.ends.len() + group.outcome.elses.len() > 1
                    || !group.outcome.elses.is_empty();
                if several {
                    let number = (enums > 1).then(|| {
                        k += 1;
                        k
                    });
                    tokens.extend(self.typed_input(i, group, number));
                } else {
                    tokens.extend(self.typed_input_single(group, &types, input.ret.is_some()));
                }
            }
        }
        tokens
    }

    /// The impls of an input's trait for a group of states whose step ends in one state: its
    /// `Next` is the typed machine there (converted by `__NameFromStep`'s generic impls).
    fn typed_input_single(
        &self,
        group: &Group,
        types: &InputTypes,
        has_value: bool,
    ) -> TokenStream {
        let (core, InputTypes { takes, ret, error }) = (&self.core, types);
        let target = self.typed(&self.state_type(group.outcome.ends[0]));
        let ok = if has_value {
            quote!((#target, #ret))
        } else {
            target
        };
        let mut tokens = TokenStream::new();
        for &s in &group.states {
            let source_param = self.state_type(s);
            let next = if group.outcome.stays {
                let source = self.typed(&source_param);
                quote!(::core::result::Result<#ok, (#source, #error)>)
            } else {
                ok.clone()
            };
            tokens.extend(quote! {
                impl<#core> #takes<#core> for #source_param {
                    type Next = #next;
                }
            });
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
                variants.push(quote!(#[doc = #doc] #variant(#typed, __F)));
                diverted_arms.push(quote!(#tag => #after::#variant(#at, __diverted.error)));
            }
            let doc = format!(
                "What `{}` can lead to: the typed machine in each state it can reach.",
                input.name
            );
            // The failure is a parameter (defaulted): `Debug` then asks it of the failure only
            // where it is printed.
            let failure_param = (!outcome.elses.is_empty()).then(|| quote!(, __F = #failure));
            let item = quote! {
                #[doc = #doc]
                #[derive(::core::fmt::Debug)]
                #vis enum #after<#core #failure_param> {
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

    /// Input `i`'s trait (`NameTakes<Input><Core>`, whose `Next` is what the step leads to
    /// from the state) and its one generic method on `NameAt<S, Core>`, which runs the dynamic
    /// machine's step and converts its result into `Next` (`__NameFromStep`).
    fn typed_input_method(&self, i: usize) -> TokenStream {
        let (core, outputs_trait, vis, name) =
            (&self.core, &self.outputs_trait, &self.m.vis, &self.m.name);
        let input = &self.m.inputs[i];
        let method = &input.name;
        let takes = self.takes_trait(i);
        let (at, typed_trait, from_step) = (
            self.at_ident(),
            self.typed_trait(),
            self.step_conversion_trait(),
        );
        let (signature, names) = self.typed_signature(i);
        let lifetimes = self.signature_lifetimes(
            &input.lifetimes,
            input.params.iter().map(|p| &p.ty).chain(&input.ret),
        );
        let cx = self.context_arg();
        let ret = return_type(input.ret.as_ref());
        let error = self.input_error(i);
        let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
        let method_doc = format!(
            "\n\nThe same step as [`{}::{}`], from the typed machine; only the states that take \
             `{}` have it (they implement [`{takes}`], whose `Next` is what the step leads to).",
            self.m.name, input.name, input.name
        );
        let trait_doc = format!(
            "The states of [`{}`] that take `{}`, with what it leads to from each (`Next`).",
            self.m.name, input.name
        );
        quote! {
            #[doc = #trait_doc]
            #vis trait #takes<#core>: #typed_trait {
                /// What taking the input leads to from this state.
                type Next;
            }

            impl<S: #takes<#core>, #core: #outputs_trait> #at<S, #core> {
                #docs
                #[doc = #method_doc]
                #[must_use = "the machine is in its next state in what this returns"]
                #[inline]
                pub fn #method #lifetimes (self, #signature) -> S::Next
                where
                    S::Next: #from_step<#core, #ret, #error>,
                {
                    let mut machine = #name::__from_typed(self);
                    let result = machine.#method(#cx #(#names),*);
                    <S::Next as #from_step<#core, #ret, #error>>::__from_step(machine, result)
                }
            }
        }
    }

    /// `__NameFromStep`: what a typed method returns, made from the dynamic machine after its
    /// step and the step's result.
    fn step_conversion_trait(&self) -> Ident {
        format_ident!("__{}FromStep", self.m.name)
    }

    /// The conversion trait and its impls for the outcomes of one target (the typed machine
    /// there, with the input's value, and either wrapped in the `Result` of a step that can
    /// stay); the enums of several outcomes implement it themselves (`typed_input`).
    fn step_conversion_impls(&self) -> TokenStream {
        let (core, name, vis) = (&self.core, &self.m.name, &self.m.vis);
        let (at, typed_trait, from_step) = (
            self.at_ident(),
            self.typed_trait(),
            self.step_conversion_trait(),
        );
        quote! {
            #[doc(hidden)]
            #vis trait #from_step<#core, R, E>: ::core::marker::Sized {
                fn __from_step(machine: #name<#core>, result: ::core::result::Result<R, E>) -> Self;
            }

            impl<T: #typed_trait, #core, E> #from_step<#core, (), E> for #at<T, #core> {
                #[inline]
                fn __from_step(machine: #name<#core>, result: ::core::result::Result<(), E>) -> Self {
                    machine.__after::<T, (), E>(result).0
                }
            }

            impl<T: #typed_trait, #core, R, E> #from_step<#core, R, E> for (#at<T, #core>, R) {
                #[inline]
                fn __from_step(machine: #name<#core>, result: ::core::result::Result<R, E>) -> Self {
                    machine.__after::<T, R, E>(result)
                }
            }

            impl<S: #typed_trait, T: #typed_trait, #core, E> #from_step<#core, (), E>
                for ::core::result::Result<#at<T, #core>, (#at<S, #core>, E)>
            {
                #[inline]
                fn __from_step(machine: #name<#core>, result: ::core::result::Result<(), E>) -> Self {
                    ::core::result::Result::map(machine.__after_or_back::<S, T, (), E>(result), |(typed, ())| typed)
                }
            }

            impl<S: #typed_trait, T: #typed_trait, #core, R, E> #from_step<#core, R, E>
                for ::core::result::Result<(#at<T, #core>, R), (#at<S, #core>, E)>
            {
                #[inline]
                fn __from_step(machine: #name<#core>, result: ::core::result::Result<R, E>) -> Self {
                    machine.__after_or_back::<S, T, R, E>(result)
                }
            }
        }
    }

    /// `NameTakes<Input>`.
    fn takes_trait(&self, i: usize) -> Ident {
        format_ident!("{}Takes{}", self.m.name, self.m.inputs[i].variant)
    }

    /// The parameters of input `i`'s typed method (the context, then the arguments), and the
    /// names that pass them on.
    fn typed_signature(&self, i: usize) -> (TokenStream, Vec<Ident>) {
        let input = &self.m.inputs[i];
        let params = self.input_params(&input.params);
        let typed = params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let cx = self.context_param();
        let names = params.iter().map(|p| p.name.clone()).collect();
        (quote!(#cx #(#typed),*), names)
    }

    /// The impls of input `i`'s trait for the states of `group` (only their `Next`), and the
    /// group's outcome enum with its conversion from a step.
    fn typed_input(&self, i: usize, group: &Group, number: Option<usize>) -> TokenStream {
        let (states, outcome) = (&group.states, &group.outcome);
        let (core, outputs_trait, rt, name) =
            (&self.core, &self.outputs_trait, &self.rt, &self.m.name);
        let input = &self.m.inputs[i];
        let takes = self.takes_trait(i);
        let from_step = self.step_conversion_trait();
        let ret = return_type(input.ret.as_ref());
        let error = self.input_error(i);
        let value = Ident::new("__value", Span::mixed_site());
        let machine = Ident::new("__machine", Span::mixed_site());
        let (ok_ty, enum_item, on_ok, on_diverted) =
            self.typed_outcome(i, outcome, number, &machine, &value);
        let impls = states.iter().map(|&s| {
            let source = self.typed(&self.state_type(s));
            let source_param = self.state_type(s);
            let next = if outcome.stays {
                quote!(::core::result::Result<#ok_ty, (#source, #error)>)
            } else {
                ok_ty.clone()
            };
            quote! {
                impl<#core> #takes<#core> for #source_param {
                    type Next = #next;
                }
            }
        });
        // Several outcomes: the enum converts itself (and, for a step that can stay, from the
        // `Result` of each of its source states).
        let enum_from_step = enum_item.as_ref().map(|_| {
            let diverted = on_diverted.as_ref().map(|code| {
                quote! {
                    ::core::result::Result::Err(#rt::StepError::Diverted(__diverted)) => {
                        ::core::result::Result::Ok(#code)
                    }
                }
            });
            let stays_impls = outcome.stays.then(|| {
                let per_state = states.iter().map(|&s| {
                    let source_param = self.state_type(s);
                    let source = self.typed(&source_param);
                    quote! {
                        impl<#core: #outputs_trait> #from_step<#core, #ret, #error>
                            for ::core::result::Result<#ok_ty, (#source, #error)>
                        {
                            #[inline]
                            fn __from_step(#machine: #name<#core>, result: ::core::result::Result<#ret, #error>) -> Self {
                                match result {
                                    ::core::result::Result::Ok(#value) => {
                                        let _ = &#value;
                                        ::core::result::Result::Ok(#on_ok)
                                    }
                                    #diverted
                                    ::core::result::Result::Err(__error) => {
                                        ::core::result::Result::Err((#machine.__typed::<#source_param>(), __error))
                                    }
                                }
                            }
                        }
                    }
                });
                quote!(#(#per_state)*)
            });
            let plain = (!outcome.stays).then(|| {
                let diverted = on_diverted.as_ref().map(|code| {
                    quote! {
                        ::core::result::Result::Err(#rt::StepError::Diverted(__diverted)) => #code,
                    }
                });
                quote! {
                    impl<#core: #outputs_trait> #from_step<#core, #ret, #error> for #ok_ty {
                        #[inline]
                        fn __from_step(#machine: #name<#core>, result: ::core::result::Result<#ret, #error>) -> Self {
                            match result {
                                ::core::result::Result::Ok(#value) => {
                                    let _ = &#value;
                                    #on_ok
                                }
                                #diverted
                                // A state that takes the input, without a refusal that stays.
                                ::core::result::Result::Err(_) => ::core::unreachable!(),
                            }
                        }
                    }
                }
            });
            quote!(#stays_impls #plain)
        });
        quote! {
            #enum_item
            #enum_from_step
            #(#impls)*
        }
    }
}
