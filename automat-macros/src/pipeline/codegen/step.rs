//! What one input does, written once: private methods of the plain machine, generic over an
//! observer, which both forms call (the plain one with `NoObserver`).
//!
//! - `__step<i>`: the method of input `i`. Its target comes from the transition table
//!   (`State::__NEXT`), one load instead of a branch on the state (which a wide machine fed
//!   unpredictable inputs would mispredict); then the outputs run in `__outputs<i>`.
//! - `__handle`: one table lookup whatever the input, then the input's `__outputs<i>`. (Calling
//!   `__step<i>` from a `match` on the input would branch on the input first, which a caller
//!   feeding unpredictable inputs pays for in mispredictions.)
//! - `__outputs<i>`: the outputs of the transition just taken (a `match` on the source state only
//!   when they differ between states), and the input's value.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use super::super::model::Edge;
use super::machine::return_type;
use super::{group, is_reference, Gen, Mode};

impl Gen<'_> {
    /// The name of input `i`'s step method.
    pub(super) fn step_name(i: usize) -> Ident {
        format_ident!("__step{}", i)
    }

    /// `Result<T, NoTransition<State>>`: what the method of input `i` returns.
    pub(super) fn input_result(&self, i: usize) -> TokenStream {
        let ret = return_type(self.m.inputs[i].ret.as_ref());
        let error = self.handle_error();
        quote!(::core::result::Result<#ret, #error>)
    }

    /// What `handle` returns.
    pub(super) fn handle_result(&self) -> TokenStream {
        let (return_enum, error) = (&self.return_enum, self.handle_error());
        quote!(::core::result::Result<#return_enum, #error>)
    }

    /// The error type of `handle` (and of every input method).
    pub(super) fn handle_error(&self) -> TokenStream {
        let (rt, state_enum) = (&self.rt, &self.state_enum);
        quote!(#rt::NoTransition<#state_enum>)
    }

    /// The `# Errors` section of input `i`'s method.
    pub(super) fn input_errors_doc(&self, i: usize) -> String {
        format!(
            "\n\n# Errors\n\n`NoTransition` when the current state has no transition on `{}`; \
             then no output has run and the state is unchanged.",
            self.m.inputs[i].name,
        )
    }

    /// The `# Errors` section of `handle`, after its heading.
    pub(super) fn handle_errors_doc(&self) -> String {
        let _ = self;
        "`NoTransition` when the current state has no transition for\n\
         the input; then no output has run and the state is unchanged."
            .to_owned()
    }

    /// Every input's step method and outputs helper, and `__handle` (nothing in `Stub` mode).
    pub(super) fn step_methods(&self) -> TokenStream {
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        let edges = self.m.edges();
        let steps = self.inputs.iter().map(|&i| self.table_step(i, &edges));
        let helpers = self.inputs.iter().map(|&i| self.outputs_helper(i, &edges));
        let handle = self.handle_step(&edges);
        quote! {
            #handle
            #(#steps)*
            #(#helpers)*
        }
    }

    /// `<__Observer: Observer<State>>` and the `__observer` parameter of every step method.
    fn observer_param(&self) -> (TokenStream, TokenStream) {
        let Gen {
            rt,
            state_enum,
            observer,
            ..
        } = self;
        let param = observer_ident();
        (
            quote!(<#observer: #rt::Observer<#state_enum>>),
            quote!(#param: &mut #observer),
        )
    }

    /// `__handle`: one table lookup for the target whatever the input, then the input's helper.
    fn handle_step(&self, edges: &[Edge]) -> TokenStream {
        let Gen {
            input_enum,
            return_enum,
            ..
        } = self;
        let (generics, observer_param) = self.observer_param();
        let observer = observer_ident();
        let result = self.handle_result();
        let body = if self.inputs.is_empty() {
            quote!(match input {})
        } else {
            let (from, index) = (
                Ident::new("__from", Span::mixed_site()),
                Ident::new("__index", Span::mixed_site()),
            );
            let arms = self.inputs.iter().map(|&i| {
                let input = &self.m.inputs[i];
                let variant = &input.variant;
                let fields: Vec<_> = input.params.iter().map(|p| &p.name).collect();
                let pattern = if fields.is_empty() {
                    quote!(#input_enum::#variant)
                } else {
                    quote!(#input_enum::#variant { #(#fields),* })
                };
                let helper = outputs_name(i);
                if !edges.iter().any(|e| e.input == i) {
                    // Never reached (the table refuses this input everywhere); refuse it here too.
                    let refusal = self.refusal(&quote!(#i), &from, false);
                    quote!(#input_enum::#variant { .. } => { self.__state = #from; #refusal })
                } else if input.ret.is_some() {
                    quote!(#pattern => ::core::result::Result::Ok(#return_enum::#variant(self.#helper(#observer, #from, #(#fields),*))))
                } else {
                    quote!(#pattern => {
                        self.#helper(#observer, #from, #(#fields),*);
                        ::core::result::Result::Ok(#return_enum::#variant)
                    })
                }
            });
            let lookup = self.lookup(&quote!(#index), &quote!(match input { #(#arms,)* }));
            quote! {
                let #index = #input_enum::index(&input);
                #lookup
            }
        };
        quote! {
            #[inline]
            fn __handle #generics (&mut self, #observer_param, input: #input_enum) -> #result {
                #body
            }
        }
    }

    /// The transition on input `index` (an expression) by table: save the source state in
    /// `__from`, look the target up in `State::__NEXT`, commit it, tell the observer, then
    /// evaluate `then`; refuse when the table has no target.
    fn lookup(&self, index: &TokenStream, then: &TokenStream) -> TokenStream {
        let state_enum = &self.state_enum;
        let from = Ident::new("__from", Span::mixed_site());
        let next = Ident::new("__next", Span::mixed_site());
        let hook = self.transition_hook(&from, index);
        let refusal = self.refusal(index, &from, true);
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

    /// The step of input `i`, by table (see the module docs).
    fn table_step(&self, i: usize, edges: &[Edge]) -> TokenStream {
        let input = &self.m.inputs[i];
        let names: Vec<_> = input.params.iter().map(|p| &p.name).collect();
        let typed = input.params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let (generics, observer_param) = self.observer_param();
        let observer = observer_ident();
        let result = self.input_result(i);
        let from = Ident::new("__from", Span::mixed_site());
        let (step, helper) = (Self::step_name(i), outputs_name(i));
        let body = if edges.iter().any(|e| e.input == i) {
            let run = if input.ret.is_some() {
                quote!(::core::result::Result::Ok(self.#helper(#observer, #from, #(#names),*)))
            } else {
                quote!(self.#helper(#observer, #from, #(#names),*); ::core::result::Result::Ok(()))
            };
            self.lookup(&quote!(#i), &run)
        } else {
            // Refused everywhere (an input declared ahead of use, `#[allow(unused)]`).
            let refusal = self.refusal(&quote!(#i), &from, true);
            quote!(#(let _ = &#names;)* let #from = self.__state; #refusal)
        };
        quote! {
            #[inline]
            #[allow(clippy::unnecessary_wraps)]
            fn #step #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                #body
            }
        }
    }

    /// The helper of input `i`, shared by its step and `__handle`: runs the outputs of the
    /// transition just taken from state `__from` (the target is committed already) and returns
    /// the input's value. States are grouped by their outputs: one group needs no `match`.
    /// Nothing for an input no state accepts.
    fn outputs_helper(&self, i: usize, edges: &[Edge]) -> TokenStream {
        let input = &self.m.inputs[i];
        let state_enum = &self.state_enum;
        let from = Ident::new("__from", Span::mixed_site());
        let helper = outputs_name(i);
        let (generics, observer_param) = self.observer_param();
        let typed = input.params.iter().map(|p| {
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
            [(t, _)] => self.outputs(*t),
            [.., _] => {
                // The last group takes the other states: the table sends no other state here.
                let last = groups.len() - 1;
                let arms = groups.iter().enumerate().map(|(g, (t, states))| {
                    let pattern = if g == last {
                        quote!(_)
                    } else {
                        self.state_patterns(states)
                    };
                    let outputs = self.outputs(*t);
                    quote!(#pattern => { #outputs })
                });
                quote!(match #from { #(#arms)* })
            }
        };
        quote! {
            #[inline]
            #[allow(unused_variables, clippy::needless_pass_by_value, clippy::unused_self)]
            fn #helper #generics (&mut self, #observer_param, #from: #state_enum, #(#typed),*) #ret {
                #(#unused)*
                #body
            }
        }
    }

    /// The observer's `transition` hook, once the target of the transition from `from` on input
    /// `input` is committed.
    fn transition_hook(&self, from: &Ident, input: &TokenStream) -> TokenStream {
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        let param = observer_ident();
        quote! {
            <#observer as #rt::Observer<#state_enum>>::transition(#param, #from, #input, self.__state);
        }
    }

    /// The refusal of input `input` in state `state`: the observer hears of it (when `hooks`),
    /// nothing changes.
    fn refusal(&self, input: &TokenStream, state: &Ident, hooks: bool) -> TokenStream {
        let Gen {
            rt,
            observer,
            state_enum,
            ..
        } = self;
        let error = Ident::new("__error", Span::mixed_site());
        let param = observer_ident();
        let hook = hooks
            .then(|| quote!(<#observer as #rt::Observer<#state_enum>>::rejected(#param, #error);));
        quote!({
            let #error = #rt::NoTransition::__new(#state, #input);
            #hook
            ::core::result::Result::Err(#error)
        })
    }

    /// Whether some transition on `input` passes the argument `name` to an output.
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
    fn outputs(&self, t: usize) -> TokenStream {
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
        let param = observer_ident();
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
            statements.push(quote! {
                <#observer as #rt::Observer<#state_enum>>::output(#param, self.__state, #output_index);
            });
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
    /// (then it cannot be moved at position).
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
}

/// The name of input `i`'s outputs helper.
fn outputs_name(i: usize) -> Ident {
    format_ident!("__outputs{}", i)
}

/// The observer parameter of every step method.
fn observer_ident() -> Ident {
    Ident::new("__observer", Span::mixed_site())
}
