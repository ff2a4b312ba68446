//! What one input does, written once: private methods of the plain machine, generic over an
//! observer, which both forms call (the plain one with `NoObserver`). Every step follows
//! PRODUCT.md's one order: select → try → exit → commit → outputs → entry.
//!
//! An input whose every state takes at most one transition, unguarded and infallible, with no
//! exit or entry action to run (every input of a v0.1 machine), steps **by table**
//! (`table.rs`); any other input steps **by cases** (`cases.rs`). This file holds what both
//! share: the error types and their docs, the observer's hooks and refusals, `__handle`, and the
//! names of generated locals; `calls.rs` passes the input's arguments to outputs.
//!
//! `__handle` steps any input: for a machine stepping only by table, one lookup whatever the
//! input, then the input's `__outputs<i>`; for one that decides, a `match` on the state, then on
//! the input (see `cases.rs`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::{Ident, Type};

use super::super::model::error_text;
use super::machine::return_type;
use super::{is_reference, Gen, Mode};

/// What `handle`'s error carries when an input's fallible output fails.
pub(super) enum HandleFailure<'a> {
    /// No input has a fallible output.
    None,
    /// Every fallible output fails with this `Result` type's error.
    Shared(&'a Type),
    /// Inputs fail with different types: the generated failure enum, one variant per input.
    Enum,
}

impl Gen<'_> {
    /// The name of input `i`'s step method.
    pub(super) fn step_name(i: usize) -> Ident {
        format_ident!("__step{}", i)
    }

    pub(super) fn handle_failure(&self) -> HandleFailure<'_> {
        let mut types = self.inputs.iter().filter_map(|&i| self.m.fallible_type(i));
        let Some(first) = types.next() else {
            return HandleFailure::None;
        };
        let key = error_text(first);
        if types.all(|ty| error_text(ty) == key) {
            HandleFailure::Shared(first)
        } else {
            HandleFailure::Enum
        }
    }

    /// Whether `handle` needs the generated failure enum.
    pub(super) fn needs_failure_enum(&self) -> bool {
        matches!(self.handle_failure(), HandleFailure::Enum)
    }

    /// The error of input `i`'s fallible outputs, `Infallible` when it has none.
    pub(super) fn input_failure(&self, i: usize) -> TokenStream {
        let rt = &self.rt;
        self.m.fallible_type(i).map_or_else(
            || quote!(::core::convert::Infallible),
            |ty| quote!(<#ty as #rt::Fallible>::Error),
        )
    }

    /// The error type of input `i`'s method.
    pub(super) fn input_error(&self, i: usize) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        if self.decides {
            let failure = self.input_failure(i);
            quote!(#rt::StepError<#state_enum, #failure>)
        } else {
            quote!(#rt::NoTransition<#state_enum>)
        }
    }

    /// `Result<T, Error>`: what the method of input `i` returns.
    pub(super) fn input_result(&self, i: usize) -> TokenStream {
        let ret = return_type(self.m.inputs[i].ret.as_ref());
        let error = self.input_error(i);
        quote!(::core::result::Result<#ret, #error>)
    }

    /// What `handle` returns.
    pub(super) fn handle_result(&self) -> TokenStream {
        let (return_enum, error) = (self.return_ty(), self.handle_error());
        quote!(::core::result::Result<#return_enum, #error>)
    }

    /// The error type of `handle`.
    pub(super) fn handle_error(&self) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        if !self.decides {
            return quote!(#rt::NoTransition<#state_enum>);
        }
        let failure = match self.handle_failure() {
            HandleFailure::None => quote!(::core::convert::Infallible),
            HandleFailure::Shared(ty) => quote!(<#ty as #rt::Fallible>::Error),
            HandleFailure::Enum => self.failure_ty(),
        };
        quote!(#rt::StepError<#state_enum, #failure>)
    }

    /// The `# Errors` section of input `i`'s method.
    pub(super) fn input_errors_doc(&self, i: usize) -> String {
        let input = &self.m.inputs[i];
        if !self.decides {
            return format!(
                "\n\n# Errors\n\n`NoTransition` when the current state has no transition on `{}`; \
                 then no output has run and the state is unchanged.",
                input.name,
            );
        }
        let rows: Vec<_> = self.m.transitions.iter().filter(|t| t.input == i).collect();
        let mut doc = format!(
            "\n\n# Errors\n\n- `StepError::NoTransition` when the current state has no transition on `{}`;",
            input.name
        );
        if rows.iter().any(|t| t.guard.is_some()) {
            doc.push_str("\n- `StepError::GuardsFailed` when its transitions there are guarded and no guard held;");
        }
        if rows.iter().any(|t| t.tries().next().is_some()) {
            doc.push_str("\n- `StepError::Failed` when a fallible output failed;");
        }
        doc.push_str(
            "\n\nthen nothing but guards and fallible outputs has run, and the state is unchanged.",
        );
        if rows.iter().any(|t| t.otherwise.is_some()) {
            doc.push_str(
                "\n\n`StepError::Diverted` when a fallible output failed and the transition's `else` route \
                 was taken: the machine moved to the route's target.",
            );
        }
        doc
    }

    /// The `# Errors` section of `handle`, after its heading.
    pub(super) fn handle_errors_doc(&self) -> String {
        if self.decides {
            "A `StepError`, as the input's method returns it: the input was refused (no transition,\n\
             no guard held) or a fallible output failed, and nothing changed; or it failed and the\n\
             `else` route was taken (`StepError::Diverted`)."
                .to_owned()
        } else {
            "`NoTransition` when the current state has no transition for\n\
             the input; then no output has run and the state is unchanged."
                .to_owned()
        }
    }

    /// Every input's step method (and outputs helper), and `__handle` (nothing in `Stub` mode).
    pub(super) fn step_methods(&self) -> TokenStream {
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        let mut handle = self.handle_step();
        handle.extend(self.complete_method());
        handle.extend(self.drain_method());
        let steps = self.inputs.iter().map(|&i| {
            if self.by_table[i] {
                let helper = self.outputs_helper(i);
                let step = self.table_step(i);
                quote!(#step #helper)
            } else {
                self.case_step(i)
            }
        });
        quote! {
            #handle
            #(#steps)*
        }
    }

    /// `<__Observer: Observer<State>>` and the `__observer` parameter of every step method.
    pub(super) fn observer_param(&self) -> (TokenStream, TokenStream) {
        self.step_generics(None)
    }

    /// The generics of a step method of input `i` (its lifetimes, then `__Observer`), and the
    /// `__observer` parameter.
    pub(super) fn step_generics(&self, i: Option<usize>) -> (TokenStream, TokenStream) {
        let Gen {
            rt,
            state_enum,
            observer,
            ..
        } = self;
        let param = observer_ident();
        let lifetimes = i.map(|i| &self.m.inputs[i].lifetimes).into_iter().flatten();
        let context = self.m.context.as_ref().map(|c| {
            let (name, ty) = (&c.name, &c.ty);
            // An owned context may be lent mutably to outputs.
            let mutable = (!is_reference(ty)).then(|| quote!(mut));
            quote!(, #mutable #name: #ty)
        });
        (
            quote!(<#(#lifetimes,)* #observer: #rt::Observer<#state_enum>>),
            quote!(#param: &mut #observer #context),
        )
    }

    /// `cx,`: the context, passed on to a step method (nothing for a machine without one).
    pub(super) fn context_arg(&self) -> TokenStream {
        self.m
            .context
            .as_ref()
            .map(|c| {
                let name = &c.name;
                quote!(#name,)
            })
            .unwrap_or_default()
    }

    /// `cx: Type,`: the context parameter of the public methods (nothing without a context).
    pub(super) fn context_param(&self) -> TokenStream {
        self.m
            .context
            .as_ref()
            .map(|c| {
                let (name, ty) = (&c.name, &c.ty);
                quote!(#name: #ty,)
            })
            .unwrap_or_default()
    }

    /// The input enum's type with `lifetime` (`'_`, `'static`, `'input`) when inputs borrow, and
    /// the machine's parameters its arguments use.
    pub(super) fn input_type(&self, lifetime: &TokenStream) -> TokenStream {
        let lifetime = if self.input_borrows {
            quote!(#lifetime,)
        } else {
            TokenStream::new()
        };
        super::with_args(&self.input_enum, &lifetime, &self.input_params)
    }

    /// The journal record's type with `lifetime`, like `input_type`.
    pub(super) fn record_type_for(&self, lifetime: &TokenStream) -> TokenStream {
        let lifetime = if self.input_borrows {
            quote!(#lifetime,)
        } else {
            TokenStream::new()
        };
        super::with_args(&self.record, &lifetime, &self.input_params)
    }

    /// A call of the observer's hook `name` with `args`.
    pub(super) fn hook(&self, name: &str, args: &TokenStream) -> TokenStream {
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        let (param, method) = (observer_ident(), Ident::new(name, Span::call_site()));
        quote!(<#observer as #rt::Observer<#state_enum>>::#method(#param, #args);)
    }

    /// `Commit::__new(__from, input, to, candidate, diverted)` for the `commit` hook, `to` the
    /// state just committed.
    pub(super) fn commit_hook(
        &self,
        input: &TokenStream,
        to: &TokenStream,
        candidate: usize,
        diverted: bool,
    ) -> TokenStream {
        let (rt, from) = (&self.rt, from_ident());
        self.hook(
            "commit",
            &quote!(#rt::Commit::__new(#from, #input, #to, #candidate, #diverted)),
        )
    }

    /// `__handle`: any input (see the module docs).
    pub(super) fn handle_step(&self) -> TokenStream {
        let input_enum = self.input_type(&quote!('_));
        let (generics, observer_param) = self.observer_param();
        let result = self.handle_result();
        let body = if self.inputs.is_empty() {
            quote!(match input {})
        } else if self.decides || self.has_data || !self.cases.is_empty() {
            self.case_handle_body()
        } else {
            self.table_handle_body()
        };
        let asyncness = self.asyncness();
        quote! {
            #[inline]
            #asyncness fn __handle #generics (&mut self, #observer_param, input: #input_enum) -> #result {
                #body
            }
        }
    }

    /// Whether some state takes input `i`.
    pub(super) fn accepted(&self, i: usize) -> bool {
        let inputs = self.m.inputs.len();
        (0..self.m.states.len()).any(|s| !self.plans[s * inputs + i].is_empty())
    }

    /// The refusal of input `input`: no transition from `__from`. The observer hears of it (when
    /// `hooks`), nothing changes.
    pub(super) fn refusal(&self, input: &TokenStream, hooks: bool) -> TokenStream {
        let rt = &self.rt;
        let (from, error) = (from_ident(), error_ident());
        let hook = hooks.then(|| self.hook("rejected", &quote!(#error)));
        let error_value = if self.decides {
            quote!(#rt::StepError::NoTransition(#error))
        } else {
            quote!(#error)
        };
        quote!({
            let #error = #rt::NoTransition::__new(#from, #input);
            #hook
            ::core::result::Result::Err(#error_value)
        })
    }
}

/// The observer parameter of every step method.
pub(super) fn observer_ident() -> Ident {
    Ident::new("__observer", Span::mixed_site())
}

/// The source state of a step.
pub(super) fn from_ident() -> Ident {
    Ident::new("__from", Span::mixed_site())
}

/// The refusal or failure of a step.
pub(super) fn error_ident() -> Ident {
    Ident::new("__error", Span::mixed_site())
}
