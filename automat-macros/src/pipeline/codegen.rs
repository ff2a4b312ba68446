//! Stage 4: code generation from a checked model.
//!
//! `generate` writes the machine; `fallback` writes the same public items with stub bodies when
//! the macro reports errors, so the user's code that names them does not fail a second time.
//!
//! Hygiene rules for everything written here: only absolute paths (`::core::...`, and the facade's
//! `__private` for the runtime), generated names start with `__`, generated local variables use
//! `Span::mixed_site()`, and code whose type errors belong to the user (argument and return types)
//! is spanned on the user's tokens with `quote_spanned!`.

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{Ident, Type};

use super::check::GENERATED_METHODS;
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
pub fn fallback(machine: &Machine) -> TokenStream {
    Gen::new(machine, Mode::Stub).all()
}

struct Gen<'a> {
    m: &'a Machine,
    mode: Mode,
    /// Path to the runtime, `<facade>::__private`.
    rt: TokenStream,
    state_enum: Ident,
    input_enum: Ident,
    return_enum: Ident,
    outputs_trait: Ident,
    core: Ident,
    observer: Ident,
    /// The machine with an observer attached (`NameObserved`).
    observed: Ident,
    /// Indices of the states, inputs and outputs to emit (all of them unless in `Stub` mode).
    states: Vec<usize>,
    inputs: Vec<usize>,
    outputs: Vec<usize>,
}

impl<'a> Gen<'a> {
    fn new(m: &'a Machine, mode: Mode) -> Self {
        let krate = &m.krate;
        let name = &m.name;
        let keep_first = |names: Vec<String>, also: &dyn Fn(&str) -> bool| -> Vec<usize> {
            let mut seen = HashSet::new();
            (0..names.len())
                .filter(|&i| seen.insert(names[i].clone()) && also(&names[i]))
                .collect()
        };
        let (states, inputs, outputs) = match mode {
            Mode::Full => (
                (0..m.states.len()).collect(),
                (0..m.inputs.len()).collect(),
                (0..m.outputs.len()).collect(),
            ),
            Mode::Stub => {
                let mut variants = HashSet::new();
                let inputs = keep_first(
                    m.inputs.iter().map(|i| i.name.to_string()).collect(),
                    &|n| !GENERATED_METHODS.contains(&n),
                )
                .into_iter()
                .filter(|&i| variants.insert(m.inputs[i].variant.to_string()))
                .collect();
                (
                    keep_first(
                        m.states.iter().map(|s| s.name.to_string()).collect(),
                        &|_| true,
                    ),
                    inputs,
                    keep_first(
                        m.outputs.iter().map(|o| o.name.to_string()).collect(),
                        &|_| true,
                    ),
                )
            }
        };
        Gen {
            m,
            mode,
            rt: quote!(#krate::__private),
            state_enum: format_ident!("{}State", name),
            input_enum: format_ident!("{}Input", name),
            return_enum: format_ident!("{}Return", name),
            outputs_trait: format_ident!("{}Outputs", name),
            observed: format_ident!("{}Observed", name),
            core: Ident::new("__Core", Span::call_site()),
            observer: Ident::new("__Observer", Span::call_site()),
            states,
            inputs,
            outputs,
        }
    }

    fn all(&self) -> TokenStream {
        let mut tokens = TokenStream::new();
        tokens.extend(self.machine_struct());
        tokens.extend(self.state_enum());
        tokens.extend(self.input_enum());
        tokens.extend(self.return_enum());
        tokens.extend(self.outputs_trait());
        tokens.extend(self.machine_impl());
        tokens.extend(self.trait_impls());
        tokens.extend(self.registration());
        tokens.extend(self.serde_hook());
        tokens.extend(self.pure_transitions());
        tokens
    }

    fn machine_struct(&self) -> TokenStream {
        let Machine {
            vis, name, attrs, ..
        } = self.m;
        let docs = docs_or(
            &self.m.docs.attrs,
            &format!("The state machine `{name}`, declared with `machine!`."),
        );
        let Gen {
            state_enum,
            core,
            outputs_trait,
            observer,
            observed,
            ..
        } = self;
        let summary = format!(
            "\n\nIt starts in [`{state_enum}::{initial}`]; its side effects are the methods of \
             [`{outputs_trait}`], which the core type implements. [`{name}::observe`] attaches an \
             observer (see [`{observed}`]).",
            initial = self
                .m
                .initial_state()
                .map(|s| self.m.states[s].name.to_string())
                .unwrap_or_default(),
        );
        // The diagram and transition table, drawn now, from the same description the code uses.
        let drawing = match self.mode {
            Mode::Full => Owned::from_model(self.m).docs_section(),
            Mode::Stub => String::new(),
        };
        let observed_doc = format!(
            "[`{name}`] with an observer attached: the same machine, whose every transition, \
             output and refused input its observer sees. Made by [`{name}::observe`]; an observer \
             is never a cost to a machine without one, which is a type of its own."
        );
        quote! {
            #docs
            #[doc = #summary]
            #[doc = #drawing]
            #(#attrs)*
            #vis struct #name<#core> {
                __state: #state_enum,
                __core: #core,
            }

            #[doc = #observed_doc]
            #vis struct #observed<#core, #observer> {
                __state: #state_enum,
                __core: #core,
                __observer: #observer,
            }
        }
    }

    fn state_enum(&self) -> TokenStream {
        let Machine { vis, name, .. } = self.m;
        let Gen {
            state_enum,
            input_enum,
            rt,
            ..
        } = self;
        let doc = format!("The states of [`{name}`].");
        // In stub mode `next` is not generated (it needs valid transitions).
        let next_state_body = match self.mode {
            Mode::Full => quote! {
                match #state_enum::next(self, input) {
                    ::core::option::Option::Some(next) => ::core::result::Result::Ok(next),
                    ::core::option::Option::None => ::core::result::Result::Err(#rt::NoTransition::__new(self, #input_enum::index(input))),
                }
            },
            Mode::Stub => quote!(::core::unreachable!()),
        };
        let variants = self.states.iter().map(|&s| {
            let state = &self.m.states[s];
            let docs = docs_or(&state.docs.attrs, &format!("The state `{}`.", state.name));
            let ident = &state.name;
            quote!(#docs #ident)
        });
        let names = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let text = ident.to_string();
            quote!(#state_enum::#ident => #text)
        });
        let finals = self
            .states
            .iter()
            .filter(|&&s| self.m.states[s].final_.is_some())
            .map(|&s| {
                let ident = &self.m.states[s].name;
                quote!(#state_enum::#ident)
            });
        let all = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            quote!(#state_enum::#ident)
        });
        let initial = self.initial_state_path();
        let description = self.description();
        let is_final_body = if self
            .states
            .iter()
            .any(|&s| self.m.states[s].final_.is_some())
        {
            quote!(::core::matches!(self, #(#finals)|*))
        } else {
            quote!(false)
        };
        let name_body = if self.states.is_empty() {
            quote!(match self {})
        } else {
            quote!(match self { #(#names,)* })
        };
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::cmp::PartialOrd, ::core::cmp::Ord, ::core::hash::Hash, ::core::fmt::Debug
            )]
            #vis enum #state_enum {
                #(#variants,)*
            }

            impl #state_enum {
                /// The state's name, as declared.
                #[must_use]
                pub const fn name(self) -> &'static str {
                    #name_body
                }

                /// Whether the state is `final`: it accepts no input.
                #[must_use]
                pub const fn is_final(self) -> bool {
                    #is_final_body
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #state_enum {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.name())
                }
            }

            #[automatically_derived]
            impl #rt::MachineState for #state_enum {
                type Input = #input_enum;

                const DESCRIPTION: &'static #rt::Description<'static> = &#description;
                const INITIAL: Self = #initial;
                const ALL: &'static [Self] = &[#(#all),*];

                #[inline]
                fn index(self) -> usize {
                    self as usize
                }

                #[inline]
                #[allow(unused_variables)]
                fn next_state(self, input: &#input_enum) -> ::core::result::Result<Self, #rt::NoTransition<Self>> {
                    #next_state_body
                }
            }
        }
    }

    /// The parameters to declare: all of them, or in `Stub` mode the first of each name.
    fn params<'p>(&self, params: &'p [Param]) -> Vec<&'p Param> {
        let mut seen = HashSet::new();
        params
            .iter()
            .filter(|p| self.mode == Mode::Full || seen.insert(p.name.to_string()))
            .collect()
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

    fn input_enum(&self) -> TokenStream {
        let Machine {
            vis,
            name,
            derive_input,
            ..
        } = self.m;
        let input_enum = &self.input_enum;
        let doc = format!(
            "The inputs of [`{name}`] as values, one variant per input with its arguments, for \
             [`{name}::handle`] and for recording what a machine was fed."
        );
        let variants = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
            let variant = &input.variant;
            if input.params.is_empty() {
                quote!(#docs #variant)
            } else {
                let fields = self.params(&input.params).into_iter().map(|p| {
                    let (name, ty) = (&p.name, &p.ty);
                    let doc = format!("The argument `{name}` of `{}`.", input.name);
                    quote!(#[doc = #doc] #name: #ty)
                });
                quote!(#docs #variant { #(#fields,)* })
            }
        });
        let derive = (!derive_input.is_empty()).then(|| quote!(#[derive(#(#derive_input),*)]));
        quote! {
            #[doc = #doc]
            #derive
            // Whether input values are built is up to the user: a private machine driven only
            // through its methods never builds one, and that is no mistake of theirs.
            #[allow(dead_code)]
            #vis enum #input_enum {
                #(#variants,)*
            }
        }
    }

    fn return_enum(&self) -> TokenStream {
        let Machine {
            vis,
            name,
            derive_return,
            ..
        } = self.m;
        let return_enum = &self.return_enum;
        let doc = format!(
            "What an input of [`{name}`] returned, as a value: the result of [`{name}::handle`]."
        );
        let variants = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let variant = &input.variant;
            let doc = format!(
                "`{}` was handled{}.",
                input.name,
                if input.ret.is_some() {
                    " and returned this"
                } else {
                    ""
                }
            );
            let field = input.ret.as_ref().map(|ty| quote!((#ty)));
            quote!(#[doc = #doc] #variant #field)
        });
        let derive = (!derive_return.is_empty()).then(|| quote!(#[derive(#(#derive_return),*)]));
        quote! {
            #[doc = #doc]
            #derive
            // Built by `handle`; whether its values are read is up to the user.
            #[allow(dead_code)]
            #vis enum #return_enum {
                #(#variants,)*
            }
        }
    }

    fn outputs_trait(&self) -> TokenStream {
        let Machine { vis, name, .. } = self.m;
        let outputs_trait = &self.outputs_trait;
        let doc = format!(
            "The outputs of [`{name}`]: the side effects its transitions perform. Implement this on \
             the core type you give to [`{name}::new`]; the machine calls these methods, in the \
             order a transition lists them, after it has moved to the transition's target state."
        );
        let methods = self.outputs.iter().map(|&o| {
            let output = &self.m.outputs[o];
            let docs = docs_or(
                &output.docs.attrs,
                &format!("The output `{}`.", output.name),
            );
            let ident = &output.name;
            let params = self.params(&output.params).into_iter().map(|p| {
                let (name, ty) = (&p.name, &p.ty);
                quote!(#name: #ty)
            });
            let ret = output.ret.as_ref().map(|ty| quote!(-> #ty));
            quote!(#docs fn #ident(&mut self, #(#params),*) #ret;)
        });
        let blanket = self.m.outputs.is_empty().then(|| {
            let doc = format!("`{name}` has no outputs, so any type can be its core.");
            quote! {
                #[doc = #doc]
                impl<__T: ?::core::marker::Sized> #outputs_trait for __T {}
            }
        });
        quote! {
            #[doc = #doc]
            #vis trait #outputs_trait {
                #(#methods)*
            }
            #blanket
        }
    }

    fn machine_impl(&self) -> TokenStream {
        let Machine { name, .. } = self.m;
        let Gen {
            rt,
            state_enum,
            outputs_trait,
            core,
            observer,
            observed,
            ..
        } = self;
        let initial = self.initial_state_path();
        let new_doc = format!(
            "Creates the machine in its initial state `{}`, around `core`, which performs its outputs.",
            self.m.initial_state().map(|s| self.m.states[s].name.to_string()).unwrap_or_default()
        );
        let plain = self.shared_methods(false);
        let hooked = self.shared_methods(true);
        quote! {
            impl<#core: #outputs_trait> #name<#core> {
                #[doc = #new_doc]
                #[must_use]
                pub const fn new(core: #core) -> Self {
                    Self { __state: #initial, __core: core }
                }

                /// Restores a machine in `state` around `core`, as saved in a snapshot. No
                /// transition runs and no output is called: the machine simply is in `state`.
                #[must_use]
                pub const fn restore(state: #state_enum, core: #core) -> Self {
                    Self { __state: state, __core: core }
                }

                /// The machine with `observer` attached: it sees every transition, output and
                /// refused input from now on (see `Observer`). The state and core are kept.
                #[must_use]
                pub fn observe<#observer: #rt::Observer<#state_enum>>(self, observer: #observer) -> #observed<#core, #observer> {
                    #observed { __state: self.__state, __core: self.__core, __observer: observer }
                }

                #plain
            }

            impl<#core: #outputs_trait, #observer: #rt::Observer<#state_enum>> #observed<#core, #observer> {
                /// Restores an observed machine in `state` around `core`, as saved in a snapshot.
                /// No transition runs, and the observer is not called.
                #[must_use]
                pub const fn restore(state: #state_enum, core: #core, observer: #observer) -> Self {
                    Self { __state: state, __core: core, __observer: observer }
                }

                /// Detaches the observer: the machine, in the same state with the same core, and
                /// the observer.
                #[must_use]
                pub fn unobserve(self) -> (#name<#core>, #observer) {
                    (#name { __state: self.__state, __core: self.__core }, self.__observer)
                }

                /// The observer, shared.
                #[must_use]
                pub const fn observer(&self) -> &#observer {
                    &self.__observer
                }

                /// The observer, exclusively.
                #[must_use]
                pub fn observer_mut(&mut self) -> &mut #observer {
                    &mut self.__observer
                }

                #hooked
            }

            // In an impl of its own, for one concrete core, so that `Name::description()` needs no
            // type annotation: the description does not depend on the core.
            impl #name<()> {
                /// The static description of this machine: states, inputs, outputs, transitions.
                /// Render it with `Description::dot`.
                ///
                /// Defined on `Self<()>` so that it can be called without naming a core type;
                /// generic code can use `Machine::description`.
                #[must_use]
                pub const fn description() -> &'static #rt::Description<'static> {
                    <#state_enum as #rt::MachineState>::DESCRIPTION
                }
            }
        }
    }

    /// The methods the machine and its observed form share: state and core access, `handle`, and
    /// one method per input, with observer calls (`hooks`) or without.
    fn shared_methods(&self, hooks: bool) -> TokenStream {
        let Gen {
            rt,
            state_enum,
            input_enum,
            return_enum,
            core,
            ..
        } = self;
        let edges = self.m.edges();
        let methods = self
            .inputs
            .iter()
            .map(|&i| self.input_method(i, &edges, hooks));
        let helpers = self
            .inputs
            .iter()
            .filter(|_| self.mode == Mode::Full)
            .map(|&i| self.output_helper(i, &edges, hooks));
        let handle_body = self.handle_body(&edges, hooks);
        let result = quote!(::core::result::Result<#return_enum, #rt::NoTransition<#state_enum>>);
        quote! {
            /// The current state.
            #[must_use]
            pub const fn state(&self) -> #state_enum {
                self.__state
            }

            /// The core, shared.
            #[must_use]
            pub const fn core(&self) -> &#core {
                &self.__core
            }

            /// The core, exclusively. The state cannot be changed through it: only inputs move
            /// the machine.
            #[must_use]
            pub fn core_mut(&mut self) -> &mut #core {
                &mut self.__core
            }

            /// Consumes the machine and returns its core.
            #[must_use]
            pub fn into_core(self) -> #core {
                self.__core
            }

            /// Feeds the input `input`, as a value, to the machine: the same as calling the
            /// input's method with its arguments.
            ///
            /// # Errors
            ///
            /// `NoTransition` when the current state has no transition for
            /// the input; then no output has run and the state is unchanged.
            pub fn handle(&mut self, input: #input_enum) -> #result {
                #handle_body
            }

            #(#methods)*

            #(#helpers)*
        }
    }

    /// `handle`: one table lookup for the target whatever the input, then the input's helper.
    /// (Calling the input's method from a `match` on the input would branch on the input first,
    /// which a caller feeding unpredictable inputs pays for in mispredictions.)
    fn handle_body(&self, edges: &[Edge], hooks: bool) -> TokenStream {
        let Gen {
            input_enum,
            return_enum,
            ..
        } = self;
        if self.inputs.is_empty() {
            return quote!(match input {});
        }
        let (from, index) = (
            Ident::new("__from", Span::mixed_site()),
            Ident::new("__index", Span::mixed_site()),
        );
        let arms = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let (ident, variant) = (&input.name, &input.variant);
            let fields: Vec<_> = self
                .params(&input.params)
                .into_iter()
                .map(|p| &p.name)
                .collect();
            let pattern = if fields.is_empty() {
                quote!(#input_enum::#variant)
            } else {
                quote!(#input_enum::#variant { #(#fields),* })
            };
            if self.mode == Mode::Stub {
                let wrap = if input.ret.is_some() {
                    quote!(#return_enum::#variant)
                } else {
                    quote!(|()| #return_enum::#variant)
                };
                return quote!(#pattern => ::core::result::Result::map(self.#ident(#(#fields),*), #wrap));
            }
            let helper = format_ident!("__input{}", i);
            if !edges.iter().any(|e| e.input == i) {
                // Never reached (the table refuses this input everywhere); refuse it here too.
                let refusal = self.refusal(&quote!(#i), &from, false);
                quote!(#input_enum::#variant { .. } => { self.__state = #from; #refusal })
            } else if input.ret.is_some() {
                quote!(#pattern => ::core::result::Result::Ok(#return_enum::#variant(self.#helper(#from, #(#fields),*))))
            } else {
                quote!(#pattern => {
                    self.#helper(#from, #(#fields),*);
                    ::core::result::Result::Ok(#return_enum::#variant)
                })
            }
        });
        if self.mode == Mode::Stub {
            return quote!(match input { #(#arms,)* });
        }
        let lookup = self.lookup(&quote!(#index), &quote!(match input { #(#arms,)* }), hooks);
        quote! {
            let #index = #input_enum::index(&input);
            #lookup
        }
    }

    /// The transition on input `index` (an expression) by table: save the source state in
    /// `__from`, look the target up in `State::__NEXT`, commit it, tell the observer, then
    /// evaluate `then`; refuse when the table has no target.
    fn lookup(&self, index: &TokenStream, then: &TokenStream, hooks: bool) -> TokenStream {
        let state_enum = &self.state_enum;
        let from = Ident::new("__from", Span::mixed_site());
        let next = Ident::new("__next", Span::mixed_site());
        let hook = self.transition_hook(&from, index, hooks);
        let refusal = self.refusal(index, &from, hooks);
        quote! {
            let #from = self.__state;
            match #state_enum::__NEXT[#from as usize][#index] {
                ::core::option::Option::Some(#next) => {
                    self.__state = #next;
                    #hook
                    #then
                }
                ::core::option::Option::None => #refusal
            }
        }
    }

    /// The method of input `i`: the target comes from the transition table (`State::__NEXT`),
    /// one load instead of a branch on the state (which a wide machine fed unpredictable inputs
    /// would mispredict); the outputs run in the input's helper (`Self::output_helper`).
    fn input_method(&self, i: usize, edges: &[Edge], hooks: bool) -> TokenStream {
        let input = &self.m.inputs[i];
        let Gen { rt, state_enum, .. } = self;
        let ident = &input.name;
        let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
        let params = self.params(&input.params);
        let names = params.iter().map(|p| &p.name);
        let typed = params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let ret = input
            .ret
            .as_ref()
            .map_or_else(|| quote!(()), ToTokens::to_token_stream);
        let result = quote!(::core::result::Result<#ret, #rt::NoTransition<#state_enum>>);
        let errors_doc = format!(
            "\n\n# Errors\n\n`NoTransition` when the current state has no transition on `{}`; \
             then no output has run and the state is unchanged.",
            input.name,
        );
        // Stubs stand next to an error; their arguments are unused on purpose.
        let stub_allow = (self.mode == Mode::Stub).then(|| quote!(#[allow(unused_variables)]));
        let from = Ident::new("__from", Span::mixed_site());
        let helper = format_ident!("__input{}", i);
        let body = if self.mode == Mode::Stub {
            quote!(::core::unreachable!())
        } else if !edges.iter().any(|e| e.input == i) {
            // Refused everywhere (an input declared ahead of use, `#[allow(unused)]`).
            let refusal = self.refusal(&quote!(#i), &from, hooks);
            quote!(#(let _ = &#names;)* let #from = self.__state; #refusal)
        } else {
            let run = if input.ret.is_some() {
                quote!(::core::result::Result::Ok(self.#helper(#from, #(#names),*)))
            } else {
                quote!(self.#helper(#from, #(#names),*); ::core::result::Result::Ok(()))
            };
            self.lookup(&quote!(#i), &run, hooks)
        };
        quote! {
            #docs
            #[doc = #errors_doc]
            // The `Result` is the contract of every input, even one that every state accepts.
            #[allow(clippy::unnecessary_wraps)]
            #stub_allow
            pub fn #ident(&mut self, #(#typed),*) -> #result {
                #body
            }
        }
    }

    /// The helper of input `i`, shared by its method and `handle`: runs the outputs of the
    /// transition just taken from state `__from` (the target is committed already) and returns
    /// the input's value. States are grouped by their outputs: one group needs no `match`.
    /// Nothing for an input no state accepts.
    fn output_helper(&self, i: usize, edges: &[Edge], hooks: bool) -> TokenStream {
        let input = &self.m.inputs[i];
        let state_enum = &self.state_enum;
        let from = Ident::new("__from", Span::mixed_site());
        let helper = format_ident!("__input{}", i);
        let typed = self.params(&input.params).into_iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let ret = input.ret.as_ref().map(|ty| quote!(-> #ty));
        // Arguments no transition uses are still part of the signature (and of the input enum).
        let unused = input
            .params
            .iter()
            .filter(|p| !self.param_used(i, &p.name))
            .map(|p| {
                let name = &p.name;
                quote!(let _ = &#name;)
            });
        // Same outputs, same code: grouped in order of first appearance, hashed, so a wide
        // machine expands in linear time.
        let groups = group(edges.iter().filter(|e| e.input == i).map(|edge| {
            let t = &self.m.transitions[edge.transition];
            let outputs: Vec<usize> = t.outputs.iter().map(|u| u.output).collect();
            (outputs, edge.transition, edge.source)
        }));
        let body = match groups.as_slice() {
            [] => return TokenStream::new(),
            [(t, _)] => self.outputs(*t, hooks),
            [.., _] => {
                // The last group takes the other states: the table sends no other state here.
                let last = groups.len() - 1;
                let arms = groups.iter().enumerate().map(|(g, (t, states))| {
                    let pattern = if g == last {
                        quote!(_)
                    } else {
                        self.state_patterns(states)
                    };
                    let outputs = self.outputs(*t, hooks);
                    quote!(#pattern => { #outputs })
                });
                quote!(match #from { #(#arms)* })
            }
        };
        quote! {
            #[inline]
            #[allow(unused_variables, clippy::needless_pass_by_value, clippy::unused_self)]
            fn #helper(&mut self, #from: #state_enum, #(#typed),*) #ret {
                #(#unused)*
                #body
            }
        }
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

    /// The observer's `transition` hook (nothing without an observer), once the target of the
    /// transition from `from` on input `input` is committed.
    fn transition_hook(&self, from: &Ident, input: &TokenStream, hooks: bool) -> TokenStream {
        if !hooks {
            return TokenStream::new();
        }
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        quote! {
            <#observer as #rt::Observer<#state_enum>>::transition(&mut self.__observer, #from, #input, self.__state);
        }
    }

    /// The refusal of input `input` in state `state`: the observer hears of it, nothing changes.
    fn refusal(&self, input: &TokenStream, state: &Ident, hooks: bool) -> TokenStream {
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        let error = Ident::new("__error", Span::mixed_site());
        let hook = hooks.then(|| {
            quote!(<#observer as #rt::Observer<#state_enum>>::rejected(&mut self.__observer, #error);)
        });
        quote!({
            let #error = #rt::NoTransition::__new(#state, #input);
            #hook
            ::core::result::Result::Err(#error)
        })
    }

    /// Whether transitions `a` and `b` do the same thing (same target and outputs), so their
    /// states can share a match arm.
    fn param_used(&self, input: usize, name: &Ident) -> bool {
        self.m
            .transitions
            .iter()
            .filter(|t| t.input == input)
            .any(|t| {
                t.outputs.iter().any(|u| {
                    self.m.outputs[u.output]
                        .params
                        .iter()
                        .any(|p| p.name == *name)
                })
            })
    }

    /// The outputs of transition `t`, in order, then the value the input returns (if it returns
    /// one). Runs after the target state is committed.
    fn outputs(&self, t: usize, hooks: bool) -> TokenStream {
        let transition = &self.m.transitions[t];
        let input = &self.m.inputs[transition.input];
        let Gen {
            state_enum,
            outputs_trait,
            core,
            observer,
            rt,
            ..
        } = self;
        // `self` is hygienic when the macro is called through the facade's `macro_rules!`
        // wrapper: it must keep the call-site span of the method signature, never a user's span.
        let core_ref = quote!(&mut self.__core);

        // Where each argument is used last: there it is moved, elsewhere cloned or borrowed.
        let mut last_use = vec![None; input.params.len()];
        for (position, used) in transition.outputs.iter().enumerate() {
            for param in &self.m.outputs[used.output].params {
                if let Some(arg) = input.params.iter().position(|p| p.name == param.name) {
                    last_use[arg] = Some(position);
                }
            }
        }

        let mut statements = Vec::new();
        let mut returned = None;
        for (position, used) in transition.outputs.iter().enumerate() {
            let output = &self.m.outputs[used.output];
            let method = &output.name;
            let args = output.params.iter().map(|param| {
                let Some(arg) = input.params.iter().position(|p| p.name == param.name) else {
                    return quote!(::core::unreachable!()); // reported by check_output_parameters
                };
                let span = param.name.span();
                let name = Ident::new(&param.name.to_string(), span);
                let by_ref = is_reference(&param.ty) && !is_reference(&input.params[arg].ty);
                if by_ref {
                    quote_spanned!(span=> &#name)
                } else if last_use[arg] == Some(position)
                    && !self.used_by_ref_later(transition.input, t, position, arg)
                {
                    quote_spanned!(span=> #name)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#name))
                }
            });
            // Errors about this call (arity, argument and return types) land on the output's
            // name in the transition.
            let span = used.name.span();
            let method = Ident::new(&method.to_string(), span);
            let call =
                quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*));
            let output_index = used.output;
            if hooks {
                statements.push(quote! {
                    <#observer as #rt::Observer<#state_enum>>::output(&mut self.__observer, self.__state, #output_index);
                });
            }
            if output.ret.is_some() && input.ret.is_some() && returned.is_none() {
                // A user-spanned local, so that a return type mismatch points at the output.
                let value = Ident::new("__value", span);
                statements.push(quote_spanned!(span=> let #value = #call;));
                returned = Some(quote_spanned!(span=> #value));
            } else {
                statements.push(quote!(#call;));
            }
        }
        // Nothing after the last `;` when the input returns nothing.
        quote!(#(#statements)* #returned)
    }

    /// Whether argument `arg` is borrowed by an output after position `position` of transition `t`
    /// (then it cannot be moved at `position`).
    fn used_by_ref_later(&self, input: usize, t: usize, position: usize, arg: usize) -> bool {
        let input = &self.m.inputs[input];
        let arg_name = &input.params[arg].name;
        self.m.transitions[t]
            .outputs
            .iter()
            .skip(position + 1)
            .any(|u| {
                self.m.outputs[u.output]
                    .params
                    .iter()
                    .any(|p| p.name == *arg_name && is_reference(&p.ty))
            })
    }

    /// Registers the description for `registry::machines()`; the facade's `register!` expands to
    /// nothing without its `registry` feature, so the macro needs no feature of its own.
    fn registration(&self) -> TokenStream {
        let Gen { rt, state_enum, .. } = self;
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        quote! {
            #rt::register! { <#state_enum as #rt::MachineState>::DESCRIPTION }
        }
    }

    /// `Serialize`/`Deserialize` impls by stable names, written by the facade's `serde_impls!`
    /// when its `serde` feature is on (and nothing otherwise).
    fn serde_hook(&self) -> TokenStream {
        let Some(span) = self.m.serde.filter(|_| self.mode == Mode::Full) else {
            return TokenStream::new();
        };
        let Gen {
            rt,
            state_enum,
            input_enum,
            ..
        } = self;
        let name = &self.m.name;
        let states = self.m.states.iter().map(|s| {
            let (variant, serialized) = (&s.name, s.serialized_name());
            quote!(#variant => #serialized)
        });
        let inputs = self.m.inputs.iter().map(|i| {
            let (variant, serialized) = (&i.variant, i.serialized_name());
            let fields = i.params.iter().map(|p| {
                let (name, ty) = (&p.name, &p.ty);
                quote!(#name: #ty)
            });
            quote!(#variant => #serialized (#(#fields),*))
        });
        // Spanned on `#[serde]`, so that the error of a build without the feature points there.
        let bang = quote_spanned!(span=> !);
        quote! {
            #rt::serde_impls #bang {
                machine = #name, state = #state_enum, input = #input_enum,
                states = { #(#states),* },
                inputs = { #(#inputs),* },
            }
        }
    }

    /// `State::next`, the transition function without outputs (for replaying journals), and
    /// `Input::index`/`name`.
    fn pure_transitions(&self) -> TokenStream {
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        let Gen {
            state_enum,
            input_enum,
            ..
        } = self;
        let input = Ident::new("input", Span::mixed_site());
        let indices = self.m.inputs.iter().enumerate().map(|(i, decl)| {
            let variant = &decl.variant;
            quote!(#input_enum::#variant { .. } => #i)
        });
        let names = self.m.inputs.iter().map(|decl| {
            let (variant, name) = (&decl.variant, decl.name.to_string());
            quote!(#input_enum::#variant { .. } => #name)
        });
        let (next_body, index_body, name_body) = if self.m.inputs.is_empty() {
            (
                quote!(match *#input {}),
                quote!(match *self {}),
                quote!(match *self {}),
            )
        } else {
            (
                quote!(Self::__NEXT[self as usize][#input_enum::index(#input)]),
                quote!(match self { #(#indices,)* }),
                quote!(match self { #(#names,)* }),
            )
        };
        let table = self.next_table();
        quote! {
            impl #state_enum {
                #table

                /// The state `input` leads to from this state, or `None` when this state has no
                /// transition for it. A pure function of the declaration (no output runs), usable
                /// in `const` contexts: replaying a journal of inputs with it rebuilds a machine's
                /// state without side effects.
                #[must_use]
                pub const fn next(self, #input: &#input_enum) -> ::core::option::Option<Self> {
                    #next_body
                }
            }

            impl #input_enum {
                /// The input's index in the machine's `Description::inputs`.
                #[must_use]
                pub const fn index(&self) -> usize {
                    #index_body
                }

                /// The input's name, as declared.
                #[must_use]
                pub const fn name(&self) -> &'static str {
                    #name_body
                }
            }
        }
    }

    /// `__NEXT[state][input]`: the target of every transition, `None` where the state refuses
    /// the input. The one source of targets for `next` and the table-dispatched input methods.
    fn next_table(&self) -> TokenStream {
        let (states, inputs) = (self.m.states.len(), self.m.inputs.len());
        let mut table: Vec<Option<usize>> = vec![None; states * inputs];
        for edge in self.m.edges() {
            table[edge.source * inputs + edge.input] =
                Some(self.m.transitions[edge.transition].target);
        }
        let rows = table.chunks(inputs.max(1)).map(|row| {
            let cells = row.iter().map(|cell| {
                if let Some(target) = cell {
                    let target = &self.m.states[*target].name;
                    quote!(::core::option::Option::Some(Self::#target))
                } else {
                    quote!(::core::option::Option::None)
                }
            });
            quote!([#(#cells),*])
        });
        quote! {
            /// The transition table: the target of each state (row) on each input (column).
            const __NEXT: [[::core::option::Option<Self>; #inputs]; #states] = [#(#rows),*];
        }
    }

    fn trait_impls(&self) -> TokenStream {
        let Machine { name, .. } = self.m;
        let Gen {
            rt,
            state_enum,
            input_enum,
            return_enum,
            outputs_trait,
            core,
            observer,
            observed,
            ..
        } = self;
        let machine_trait = |ty: TokenStream, generics: TokenStream| {
            quote! {
                #[automatically_derived]
                impl<#generics> #rt::Machine for #ty {
                    type State = #state_enum;
                    type Input = #input_enum;
                    type Return = #return_enum;
                    type Core = #core;

                    #[inline]
                    fn state(&self) -> #state_enum {
                        self.__state
                    }

                    #[inline]
                    fn handle(&mut self, input: #input_enum) -> ::core::result::Result<#return_enum, #rt::NoTransition<#state_enum>> {
                        Self::handle(self, input)
                    }

                    #[inline]
                    fn core(&self) -> &#core {
                        &self.__core
                    }

                    #[inline]
                    fn core_mut(&mut self) -> &mut #core {
                        &mut self.__core
                    }

                    #[inline]
                    fn into_core(self) -> #core {
                        self.__core
                    }
                }
            }
        };
        let plain = machine_trait(quote!(#name<#core>), quote!(#core: #outputs_trait));
        let watched = machine_trait(
            quote!(#observed<#core, #observer>),
            quote!(#core: #outputs_trait, #observer: #rt::Observer<#state_enum>),
        );
        quote! {
            #plain
            #watched

            #[automatically_derived]
            impl<#core: ::core::fmt::Debug> ::core::fmt::Debug for #name<#core> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(::core::stringify!(#name))
                        .field("state", &self.__state)
                        .field("core", &self.__core)
                        .finish()
                }
            }

            #[automatically_derived]
            impl<#core: ::core::fmt::Debug, #observer: ::core::fmt::Debug> ::core::fmt::Debug for #observed<#core, #observer> {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(::core::stringify!(#observed))
                        .field("state", &self.__state)
                        .field("core", &self.__core)
                        .field("observer", &self.__observer)
                        .finish()
                }
            }

            #[automatically_derived]
            impl<#core: ::core::clone::Clone> ::core::clone::Clone for #name<#core> {
                fn clone(&self) -> Self {
                    Self { __state: self.__state, __core: ::core::clone::Clone::clone(&self.__core) }
                }
            }

            #[automatically_derived]
            impl<#core: ::core::clone::Clone, #observer: ::core::clone::Clone> ::core::clone::Clone for #observed<#core, #observer> {
                fn clone(&self) -> Self {
                    Self {
                        __state: self.__state,
                        __core: ::core::clone::Clone::clone(&self.__core),
                        __observer: ::core::clone::Clone::clone(&self.__observer),
                    }
                }
            }
        }
    }

    /// The `Description` literal.
    fn description(&self) -> TokenStream {
        let rt = &self.rt;
        if self.mode == Mode::Stub {
            let (name, docs) = (self.m.name.to_string(), self.m.docs.text());
            return quote!(#rt::Description::__new(#name, #docs, &[], &[], &[], &[]));
        }
        Owned::from_model(self.m).to_tokens(rt)
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
