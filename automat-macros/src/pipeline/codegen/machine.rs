//! The machine type and its observed form: the structs, constructors, accessors, the public
//! input methods and `handle` (each a call of the one step, see `step.rs`), and the trait impls.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::ext::IdentExt as _;

use super::super::model::{Machine, Param};
use super::{docs_or, Gen, Mode};

/// Which of the two machine types a method is generated for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `Name<Core>`: the step runs with `NoObserver`.
    Plain,
    /// `NameObserved<Core, Observer>`: the step runs with the attached observer.
    Observed,
}

impl Gen<'_> {
    pub(super) fn machine_structs(&self) -> TokenStream {
        let Machine {
            vis, name, attrs, ..
        } = self.m;
        let declared = match &self.m.user_data {
            Some(data) => format!("derived on `{data}` with `#[derive(Machine)]`"),
            None => "declared with `machine!`".to_owned(),
        };
        let docs = docs_or(
            &self.m.docs.attrs,
            &format!("The state machine `{name}`, {declared}."),
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
                .map(|s| self.m.states[s].name.unraw().to_string())
                .unwrap_or_default(),
        );
        let context = self.m.context.as_ref().map(|c| {
            let text = c.docs.text();
            let doc = format!(
                "\n\nEvery input method and `handle` take its context `{}: {}` first{}{}",
                c.name,
                super::super::model::type_text(&c.ty),
                if text.is_empty() { "." } else { ": " },
                text
            );
            quote!(#[doc = #doc])
        });
        let drawing = self.drawing();
        let observed_doc = format!(
            "[`{name}`] with an observer attached: the same machine, whose every transition, \
             output and refused input its observer sees. Made by [`{name}::observe`]; an observer \
             is never a cost to a machine without one, which is a type of its own."
        );
        let state_field = if self.has_data {
            let storage = self.storage_type();
            quote!(__data: #storage)
        } else {
            quote!(__state: #state_enum)
        };
        // As declared, with defaults (`Params::decl` leaves those out, for impls).
        let decl = self.m.generics.params.iter().filter(|p| match p {
            syn::GenericParam::Lifetime(_) => false,
            syn::GenericParam::Type(t) => !t.ident.to_string().starts_with("__"),
            syn::GenericParam::Const(c) => !c.ident.to_string().starts_with("__"),
        });
        let decl = quote!(#(#decl,)*);
        let where_clause = self.where_clause(&TokenStream::new());
        let marker = (!self.params.is_empty()).then(|| {
            let marker = self.params.marker();
            quote!(__marker: #marker,)
        });
        let machine_ty = self.machine_ty(&quote!(#core));
        let history_field = self.history_field();
        let raise_field = self.raise_field();
        quote! {
            #docs
            #[doc = #summary]
            #context
            #[doc = #drawing]
            #(#attrs)*
            #vis struct #name<#decl #core> #where_clause {
                #state_field,
                __core: #core,
                #history_field
                #raise_field
                #marker
            }

            #[doc = #observed_doc]
            #vis struct #observed<#decl #core, #observer> #where_clause {
                __machine: #machine_ty,
                __observer: #observer,
            }
        }
    }

    /// The plain machine's impl: constructors, `observe`, the shared methods, and the private
    /// step methods both forms call (`step.rs`); then `description()`.
    pub(super) fn machine_impl(&self) -> TokenStream {
        let Gen {
            rt,
            state_enum,
            outputs_trait,
            core,
            observer,
            observed,
            ..
        } = self;
        let new_doc = format!(
            "Creates the machine in its initial state `{}`, around `core`, which performs its outputs.",
            self.m.initial_state().map(|s| self.m.states[s].name.unraw().to_string()).unwrap_or_default()
        );
        let shared = self.shared_methods(Form::Plain);
        let history = self.history_method();
        let steps = self.step_methods();
        let new = self.new_fn(&new_doc);
        let marker = self.marker_init();
        let restore = if self.has_data {
            let data_enum = self.data_ty();
            let stored = self.stored(&quote!(data));
            let into_data = if self.data_in_option() {
                quote!(match self.__data {
                    ::core::option::Option::Some(data) => data,
                    // Only while a step moves fields, when no one can look.
                    ::core::option::Option::None => ::core::unreachable!(),
                })
            } else {
                quote!(self.__data)
            };
            quote! {
                /// Restores a machine in the state `data` (with its fields) around `core`, as saved
                /// in a snapshot. No transition runs and no output is called: the machine simply is
                /// in that state.
                #[must_use]
                pub const fn restore(data: #data_enum, core: #core) -> Self {
                    Self { __data: #stored, __core: core #marker }
                }

                /// Consumes the machine and returns its state with its data, and its core.
                #[must_use]
                pub fn into_parts(self) -> (#data_enum, #core) {
                    (#into_data, self.__core)
                }
            }
        } else {
            quote! {
                /// Restores a machine in `state` around `core`, as saved in a snapshot. No
                /// transition runs and no output is called: the machine simply is in `state`.
                #[must_use]
                pub const fn restore(state: #state_enum, core: #core) -> Self {
                    Self { __state: state, __core: core #marker }
                }
            }
        };
        let impl_generics = self.impl_generics(&quote!(#core: #outputs_trait));
        let machine_ty = self.machine_ty(&quote!(#core));
        let where_clause = self.where_clause(&TokenStream::new());
        let observed_ty = self.observed_ty(&quote!(#core), &quote!(#observer));
        let described_generics = self.impl_generics(&TokenStream::new());
        let described_ty = self.machine_ty(&quote!(()));
        quote! {
            impl #impl_generics #machine_ty #where_clause {
                #new

                #restore

                #history

                /// The machine with `observer` attached: it sees every transition, output and
                /// refused input from now on (see `Observer`). The state and core are kept.
                #[must_use]
                pub fn observe<#observer: #rt::Observer<#state_enum>>(self, observer: #observer) -> #observed_ty {
                    #observed { __machine: self, __observer: observer }
                }

                #shared

                #steps
            }

            // In an impl of its own, for one concrete core, so that `Name::description()` needs no
            // type annotation: the description does not depend on the core.
            impl #described_generics #described_ty #where_clause {
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

    /// `new`: the machine in its initial state. When that state has entry actions, `new` runs them
    /// (and is no `const fn`); `restore` runs none, since a restored state was entered already.
    fn new_fn(&self, doc: &str) -> TokenStream {
        let core = &self.core;
        let marker = self.marker_init();
        let (initial_param, state_init) = self.initial_data();
        let doc = &if initial_param.is_empty() {
            doc.to_owned()
        } else {
            format!("{doc} The arguments after `core` are that state's fields.")
        };
        // The entry actions of the initial state (and of the compounds it is in, outermost
        // first), then its eventless transitions and the inputs they raised, as a step would.
        let entry: Vec<&super::super::model::OutputUse> = self
            .m
            .initial_configuration()
            .into_iter()
            .flat_map(|node| self.m.entry_actions(node))
            .collect();
        // Only what can happen: eventless transitions of the initial leaf, inputs raised by the
        // entry actions.
        let eventless = self
            .m
            .initial_state()
            .is_some_and(|s| !self.m.eventless_of(s).is_empty());
        let raises = self.m.raise.is_some() && !entry.is_empty();
        let completes = eventless || raises;
        // The timers of the initial configuration start once its entry actions have run.
        let machine = syn::Ident::new("__machine", proc_macro2::Span::mixed_site());
        let timers: TokenStream = self
            .m
            .initial_configuration()
            .into_iter()
            .map(|node| self.timer_starts(node, &quote!(#machine)))
            .collect();
        if self.mode == Mode::Stub {
            // Next to errors: the state may be `unreachable!()` (a machine with data), so it comes
            // last, after which no expression would be unreachable.
            return quote! {
                #[doc = #doc]
                #[must_use]
                pub const fn new(core: #core #initial_param) -> Self {
                    Self { __core: core #marker, #state_init }
                }
            };
        }
        if entry.is_empty() && !completes && timers.is_empty() {
            return quote! {
                #[doc = #doc]
                #[must_use]
                pub const fn new(core: #core #initial_param) -> Self {
                    Self { #state_init, __core: core #marker }
                }
            };
        }
        let doc = if eventless {
            format!(
                "{doc} Runs the initial state's entry actions, then its eventless transitions, \
                 as a step would."
            )
        } else {
            format!("{doc} Runs the initial state's entry actions.")
        };
        let (calls, takes_context) = self.new_entry_calls(&entry, &machine);
        // Completing a step takes the context, when the machine has one.
        let context = self
            .m
            .context
            .as_ref()
            .filter(|_| takes_context || completes);
        debug_assert_eq!(context.is_some(), self.new_takes_context());
        // The eventless transitions of the initial state, then what the entry actions raised,
        // before `new` returns.
        let rt = &self.rt;
        let cx = self.context_arg();
        let awaited = self.awaited();
        let complete =
            eventless.then(|| quote!(#machine.__complete(&mut #rt::NoObserver, #cx) #awaited;));
        let drain = raises.then(|| quote!(#machine.__drain(&mut #rt::NoObserver, #cx) #awaited;));
        // `new` awaits what it runs: an async entry action, or steps of an async machine.
        let awaits = completes && self.m.is_async()
            || entry
                .iter()
                .any(|used| self.m.outputs[used.output].asyncness.is_some());
        let asyncness = awaits.then(|| quote!(async));
        let doc = if awaits {
            format!("{doc} It is `async`: it awaits what it runs.")
        } else {
            doc.clone()
        };
        let (doc, core_param) = if let Some(context) = context {
            let (name, ty) = (&context.name, &context.ty);
            (
                format!("{doc} They take the context, which `new` takes after `core`."),
                quote!(core: #core, #name: #ty),
            )
        } else {
            (doc, quote!(core: #core))
        };
        quote! {
            #[doc = #doc]
            #[must_use]
            pub #asyncness fn new(#core_param #initial_param) -> Self {
                let mut #machine = Self { #state_init, __core: core #marker };
                #(#calls)*
                #timers
                #complete
                #drain
                #machine
            }
        }
    }

    /// The calls of `new`'s entry actions on `machine`, and whether one takes the context
    /// (which `new` then takes too).
    fn new_entry_calls(
        &self,
        entry: &[&super::super::model::OutputUse],
        machine: &syn::Ident,
    ) -> (Vec<TokenStream>, bool) {
        let (core, outputs_trait) = (&self.core, &self.outputs_trait);
        let lent = std::collections::HashSet::from([super::super::scope::Value::Context]);
        let mut takes_context = false;
        let calls = entry
            .iter()
            .map(|used| {
                let span = used.name.span();
                let output = &self.m.outputs[used.output];
                let method = super::respan(&output.name, span);
                let raises = |p: &Param| {
                    self.m.raise.is_some() && p.name == super::super::model::RAISE_PARAM
                };
                takes_context |= output.params.iter().any(|p| !raises(p));
                let args = output.params.iter().map(|param| {
                    if raises(param) {
                        self.raise_arg_on(&quote!(#machine), param.name.span())
                    } else {
                        self.pass_context(param, &lent, false)
                    }
                });
                let awaited = self.output_awaited(used.output);
                quote_spanned!(span=> <#core as #outputs_trait>::#method(&mut #machine.__core, #(#args),*) #awaited;)
            })
            .collect();
        (calls, takes_context)
    }

    /// Whether `new` takes the context after `core`: it runs something (the initial
    /// configuration's entry actions, eventless transitions or raised inputs) that takes it.
    pub(super) fn new_takes_context(&self) -> bool {
        if self.m.context.is_none() || self.mode == Mode::Stub {
            return false;
        }
        let raises =
            |p: &Param| self.m.raise.is_some() && p.name == super::super::model::RAISE_PARAM;
        let mut entry = self
            .m
            .initial_configuration()
            .into_iter()
            .flat_map(|node| self.m.entry_actions(node))
            .peekable();
        let has_entry = entry.peek().is_some();
        let entry_takes = entry.any(|used| {
            self.m.outputs[used.output]
                .params
                .iter()
                .any(|p| !raises(p))
        });
        let eventless = self
            .m
            .initial_state()
            .is_some_and(|s| !self.m.eventless_of(s).is_empty());
        let completes = eventless || self.m.raise.is_some() && has_entry;
        entry_takes || completes
    }

    /// The parameters of `new` after `core` (the context when it takes it, then the initial
    /// state's fields) and the arguments that pass them on, for the typed `new`.
    pub(super) fn new_extra_params(&self) -> (TokenStream, TokenStream) {
        let mut params = TokenStream::new();
        let mut args = TokenStream::new();
        if self.new_takes_context() {
            if let Some(context) = &self.m.context {
                let (name, ty) = (&context.name, &context.ty);
                params.extend(quote!(, #name: #ty));
                args.extend(quote!(, #name));
            }
        }
        if let Some(s) = self.m.initial_state().filter(|s| self.states.contains(s)) {
            if self.has_data && self.mode == Mode::Full {
                for f in self.params(&self.m.states[s].fields) {
                    let (name, ty) = (&f.name, &f.ty);
                    params.extend(quote!(, #name: #ty));
                    args.extend(quote!(, #name));
                }
            }
        }
        (params, args)
    }

    /// The extra parameters of `new` (the initial state's fields, when it has some) and the
    /// initializer of the machine's state field.
    fn initial_data(&self) -> (TokenStream, TokenStream) {
        let initial = self.initial_state_path();
        if !self.has_data {
            return (TokenStream::new(), quote!(__state: #initial));
        }
        let Some(s) = self.m.initial_state().filter(|s| self.states.contains(s)) else {
            return (TokenStream::new(), quote!(__data: ::core::unreachable!()));
        };
        if self.m.states[s].fields.is_empty() {
            let stored = self.stored(&self.data_variant(s, &TokenStream::new()));
            return (TokenStream::new(), quote!(__data: #stored));
        }
        let fields = self.params(&self.m.states[s].fields);
        if self.mode == Mode::Stub {
            // Next to an error (the fields may be in error themselves): no parameters to clash,
            // and no value (`None`, or a state without fields) that would make code after it
            // unreachable.
            let placeholder = if self.data_in_option() {
                quote!(::core::option::Option::None)
            } else {
                self.placeholder()
            };
            return (TokenStream::new(), quote!(__data: #placeholder));
        }
        let params = fields.iter().map(|f| {
            let (name, ty) = (&f.name, &f.ty);
            quote!(#name: #ty)
        });
        let names = (0..fields.len()).map(|k| self.shorthand(s, k));
        let stored = self.stored(&self.data_variant(s, &quote!({ #(#names),* })));
        (quote!(, #(#params),*), quote!(__data: #stored))
    }

    /// The observed form's impl: its own constructor and observer access, and the shared methods.
    pub(super) fn observed_impl(&self) -> TokenStream {
        let Machine { name, .. } = self.m;
        let Gen {
            rt,
            state_enum,
            outputs_trait,
            core,
            observer,
            ..
        } = self;
        let shared = self.shared_methods(Form::Observed);
        let marker = self.marker_init();
        let restore = if self.has_data {
            let data_enum = self.data_ty();
            quote! {
                /// Restores an observed machine in the state `data` around `core`, as saved in a
                /// snapshot. No transition runs, and the observer is not called.
                #[must_use]
                pub const fn restore(data: #data_enum, core: #core, observer: #observer) -> Self {
                    Self { __machine: #name::restore(data, core), __observer: observer }
                }
            }
        } else {
            quote! {
                /// Restores an observed machine in `state` around `core`, as saved in a snapshot.
                /// No transition runs, and the observer is not called.
                #[must_use]
                pub const fn restore(state: #state_enum, core: #core, observer: #observer) -> Self {
                    Self { __machine: #name { __state: state, __core: core #marker }, __observer: observer }
                }
            }
        };
        let impl_generics = self
            .impl_generics(&quote!(#core: #outputs_trait, #observer: #rt::Observer<#state_enum>));
        let observed_ty = self.observed_ty(&quote!(#core), &quote!(#observer));
        let where_clause = self.where_clause(&TokenStream::new());
        let machine_ty = self.machine_ty(&quote!(#core));
        quote! {
            impl #impl_generics #observed_ty #where_clause {
                #restore

                /// Detaches the observer: the machine, in the same state with the same core, and
                /// the observer.
                #[must_use]
                pub fn unobserve(self) -> (#machine_ty, #observer) {
                    (self.__machine, self.__observer)
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

                #shared
            }
        }
    }

    /// The methods both forms have: state and core access, `handle`, and one method per input.
    /// Each input method and `handle` is one call of the shared step, with the form's observer.
    fn shared_methods(&self, form: Form) -> TokenStream {
        let (cx, cx_param) = (self.context_arg(), self.context_param());
        let Gen {
            state_enum, core, ..
        } = self;
        let this = match form {
            Form::Plain => quote!(self),
            Form::Observed => quote!(self.__machine),
        };
        let observer = match form {
            Form::Plain => {
                let rt = &self.rt;
                quote!(&mut #rt::NoObserver)
            }
            Form::Observed => quote!(&mut self.__observer),
        };
        let mut methods: Vec<TokenStream> = self
            .inputs
            .iter()
            .map(|&i| self.input_method(i, &this, &observer, form == Form::Observed))
            .collect();
        methods.push(self.timeout_method(&this));
        let result = self.handle_result();
        let handle_body = match self.mode {
            Mode::Full => {
                let awaited = self.awaited();
                let input_enum = &self.input_enum;
                self.interruptible(
                    form == Form::Observed,
                    &this,
                    &observer,
                    &quote!(#input_enum::index(&input)),
                    |observer| {
                        self.then_drain(
                            &quote!(#this.__handle(#observer, #cx input) #awaited),
                            &this,
                            observer,
                        )
                    },
                )
            }
            Mode::Stub => {
                let cx = self.m.context.as_ref().map(|c| {
                    let name = &c.name;
                    quote!(let _ = #name;)
                });
                quote!({
                    #cx
                    let _ = input;
                    ::core::unreachable!()
                })
            }
        };
        let handle_errors = self.handle_errors_doc();
        let asyncness = self.asyncness();
        let input_anon = self.input_type(&quote!('_));
        let tag = self.tag_of(&this);
        let data = self.has_data.then(|| {
            let data_enum = self.data_ty();
            let body = if self.data_in_option() {
                quote!(match &#this.__data {
                    ::core::option::Option::Some(data) => data,
                    // Only while a step moves fields, when no one can look.
                    ::core::option::Option::None => ::core::unreachable!(),
                })
            } else {
                quote!(&#this.__data)
            };
            quote! {
                /// The current state with its data.
                #[must_use]
                pub const fn data(&self) -> &#data_enum {
                    #body
                }
            }
        });
        quote! {
            /// The current state.
            #[must_use]
            pub const fn state(&self) -> #state_enum {
                #tag
            }

            #data

            /// The core, shared.
            #[must_use]
            pub const fn core(&self) -> &#core {
                &#this.__core
            }

            /// The core, exclusively. The state cannot be changed through it: only inputs move
            /// the machine.
            #[must_use]
            pub fn core_mut(&mut self) -> &mut #core {
                &mut #this.__core
            }

            /// Consumes the machine and returns its core.
            #[must_use]
            pub fn into_core(self) -> #core {
                #this.__core
            }

            /// Feeds the input `input`, as a value, to the machine: the same as calling the
            /// input's method with its arguments.
            ///
            /// # Errors
            ///
            #[doc = #handle_errors]
            pub #asyncness fn handle(&mut self, #cx_param input: #input_anon) -> #result {
                #handle_body
            }

            #(#methods)*
        }
    }

    /// The public method of input `i`: the shared step (`__step<i>`), run by `this` with
    /// `observer`.
    fn input_method(
        &self,
        i: usize,
        this: &TokenStream,
        observer: &TokenStream,
        watched: bool,
    ) -> TokenStream {
        let (cx, cx_param) = (self.context_arg(), self.context_param());
        let input = &self.m.inputs[i];
        let ident = &input.name;
        let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
        let params = self.input_params(&input.params);
        let names = params.iter().map(|p| &p.name);
        let typed = params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let result = self.input_result(i);
        let errors_doc = self.input_errors_doc(i);
        let lifetimes = self.signature_lifetimes(
            &input.lifetimes,
            input.params.iter().map(|p| &p.ty).chain(&input.ret),
        );
        // Stubs stand next to an error; their arguments are unused on purpose.
        let stub_allow = (self.mode == Mode::Stub).then(|| quote!(#[allow(unused_variables)]));
        let step = Self::step_name(i);
        let body = match self.mode {
            Mode::Stub => quote!(::core::unreachable!()),
            Mode::Full => {
                let awaited = self.awaited();
                let names: Vec<_> = names.collect();
                self.interruptible(watched, this, observer, &quote!(#i), |observer| {
                    self.then_drain(
                        &quote!(#this.#step(#observer, #cx #(#names),*) #awaited),
                        this,
                        observer,
                    )
                })
            }
        };
        let asyncness = self.asyncness();
        // A timer's input is taken by `timeout`, which checks the run first.
        let hidden = input.timer.is_some().then(|| quote!(#[doc(hidden)]));
        quote! {
            #docs
            #[doc = #errors_doc]
            #hidden
            // The `Result` is the contract of every input, even one that every state accepts.
            #[allow(clippy::unnecessary_wraps)]
            #stub_allow
            pub #asyncness fn #ident #lifetimes (&mut self, #cx_param #(#typed),*) -> #result {
                #body
            }
        }
    }

    pub(super) fn trait_impls(&self) -> TokenStream {
        let Gen {
            rt,
            state_enum,
            outputs_trait,
            core,
            observer,
            ..
        } = self;
        let return_enum = self.return_ty();
        let error = self.handle_error();
        let input_static = self.input_type(&quote!('static));
        let where_clause = self.where_clause(&TokenStream::new());
        let machine_trait = |ty: TokenStream, generics: TokenStream, this: TokenStream| {
            let tag = self.tag_of(&this);
            let generics = self.impl_generics(&generics);
            quote! {
                #[automatically_derived]
                impl #generics #rt::Machine for #ty #where_clause {
                    type State = #state_enum;
                    type Input = #input_static;
                    type Return = #return_enum;
                    type Error = #error;
                    type Core = #core;

                    #[inline]
                    fn state(&self) -> #state_enum {
                        #tag
                    }

                    #[inline]
                    fn handle(&mut self, input: #input_static) -> ::core::result::Result<#return_enum, #error> {
                        Self::handle(self, input)
                    }

                    #[inline]
                    fn core(&self) -> &#core {
                        &#this.__core
                    }

                    #[inline]
                    fn core_mut(&mut self) -> &mut #core {
                        &mut #this.__core
                    }

                    #[inline]
                    fn into_core(self) -> #core {
                        #this.__core
                    }
                }
            }
        };
        let plain = machine_trait(
            self.machine_ty(&quote!(#core)),
            quote!(#core: #outputs_trait),
            quote!(self),
        );
        let watched = machine_trait(
            self.observed_ty(&quote!(#core), &quote!(#observer)),
            quote!(#core: #outputs_trait, #observer: #rt::Observer<#state_enum>),
            quote!(self.__machine),
        );
        let debug_clone = self.debug_clone();
        if self.m.context.is_some() || !self.input_params.is_empty() || self.m.is_async() {
            // `Machine::handle` takes no context: a machine with one is driven by its own methods.
            // And `Machine::Input` is the state enum's `MachineState::Input`, which cannot name
            // the parameters of an input enum that is generic (the state enum is not). An async
            // machine's `handle` is `async`, which `Machine::handle` is not.
            return debug_clone;
        }
        quote! {
            #plain
            #watched

            #debug_clone
        }
    }
}

impl Gen<'_> {
    /// `Debug` and `Clone` of the machine (and `Debug` of the observed form): the state and the
    /// core; for a machine with data, its data when `#[derive_data(..)]` derives the trait (else
    /// `Debug` shows the state without data, and there is no `Clone`).
    fn debug_clone(&self) -> TokenStream {
        let Machine { name, .. } = self.m;
        let Gen {
            core,
            observer,
            observed,
            ..
        } = self;
        let machine_ty = self.machine_ty(&quote!(#core));
        let observed_ty = self.observed_ty(&quote!(#core), &quote!(#observer));
        // A generic machine's data is `Debug` or `Clone` when its parameters are.
        let data_bound = |bound: TokenStream| {
            if self.has_data && !self.params.is_empty() {
                let storage = self.storage_type();
                self.where_clause(&quote!(#storage: #bound,))
            } else {
                self.where_clause(&TokenStream::new())
            }
        };
        let (debug_where, clone_where) = (
            data_bound(quote!(::core::fmt::Debug)),
            data_bound(quote!(::core::clone::Clone)),
        );
        let generics = |extra: TokenStream| self.impl_generics(&extra);
        let (debug_one, debug_two) = (
            generics(quote!(#core: ::core::fmt::Debug)),
            generics(quote!(#core: ::core::fmt::Debug, #observer: ::core::fmt::Debug)),
        );
        let derives = |wanted: &str| {
            self.m
                .derive_data
                .iter()
                .any(|p| p.segments.last().is_some_and(|s| s.ident == wanted))
        };
        let (debug_field, observed_debug_field) = if !self.has_data {
            (
                quote!(.field("state", &self.__state)),
                quote!(.field("state", &self.__machine.__state)),
            )
        } else if derives("Debug") {
            (
                quote!(.field("data", &self.__data)),
                quote!(.field("data", &self.__machine.__data)),
            )
        } else {
            let (tag, observed_tag) = (
                self.tag_of(&quote!(self)),
                self.tag_of(&quote!(self.__machine)),
            );
            (
                quote!(.field("state", &#tag)),
                quote!(.field("state", &#observed_tag)),
            )
        };
        let clone = self.clone_impls(derives("Clone"), &clone_where);
        quote! {
            #[automatically_derived]
            impl #debug_one ::core::fmt::Debug for #machine_ty #debug_where {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(::core::stringify!(#name))
                        #debug_field
                        .field("core", &self.__core)
                        .finish()
                }
            }

            #[automatically_derived]
            impl #debug_two ::core::fmt::Debug for #observed_ty #debug_where {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.debug_struct(::core::stringify!(#observed))
                        #observed_debug_field
                        .field("core", &self.__machine.__core)
                        .field("observer", &self.__observer)
                        .finish()
                }
            }

            #clone
        }
    }
}

impl Gen<'_> {
    /// `Clone` of the machine and its observed form (for a machine with data, only when
    /// `#[derive_data(Clone)]` makes its data `Clone`: `derives`), with `clone_where`.
    fn clone_impls(&self, derives: bool, clone_where: &TokenStream) -> Option<TokenStream> {
        let Gen { core, observer, .. } = self;
        let mut marker = self.phantom_init();
        if !self.recorded.is_empty() {
            marker.extend(quote!(, __history: self.__history));
        }
        // Between steps, no raised input waits: a clone starts with an empty queue.
        marker.extend(self.raise_init());
        let machine_ty = self.machine_ty(&quote!(#core));
        let observed_ty = self.observed_ty(&quote!(#core), &quote!(#observer));
        let generics = |extra: TokenStream| self.impl_generics(&extra);
        let (clone_one, clone_two) = (
            generics(quote!(#core: ::core::clone::Clone)),
            generics(quote!(#core: ::core::clone::Clone, #observer: ::core::clone::Clone)),
        );
        let clone = if !self.has_data {
            Some(quote!(Self {
                __state: self.__state,
                __core: ::core::clone::Clone::clone(&self.__core)
                #marker
            }))
        } else if derives {
            Some(quote!(Self {
                __data: ::core::clone::Clone::clone(&self.__data),
                __core: ::core::clone::Clone::clone(&self.__core)
                #marker
            }))
        } else {
            None
        };
        clone.map(|body| {
            quote! {
                #[automatically_derived]
                impl #clone_one ::core::clone::Clone for #machine_ty #clone_where {
                    fn clone(&self) -> Self {
                        #body
                    }
                }

                #[automatically_derived]
                impl #clone_two ::core::clone::Clone for #observed_ty #clone_where {
                    fn clone(&self) -> Self {
                        Self {
                            __machine: ::core::clone::Clone::clone(&self.__machine),
                            __observer: ::core::clone::Clone::clone(&self.__observer),
                        }
                    }
                }
            }
        })
    }
}

/// The return type of an input as written, `()` when it returns nothing.
pub(super) fn return_type(ret: Option<&syn::Type>) -> TokenStream {
    ret.map_or_else(|| quote!(()), ToTokens::to_token_stream)
}
