//! Eventless transitions (`Checking [valid] => Approved;`), PRODUCT.md's step 7: once a step has
//! entered its target, `__complete` takes the eventless transitions of the state it is in, each
//! a whole step (exit, commit, outputs, entry), until none applies. A `match` on the state holds,
//! per leaf, its eventless transitions in the order it tries them (its own, then its
//! compounds'), each behind its guard. Guards and outputs take only the context (`check`).
//!
//! A cycle of them with no guard on it is a compile error; a guarded cycle whose guards keep
//! holding is cut after as many eventless steps as the machine has states (so a method always
//! returns), leaving the machine where that last step took it.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::super::model::{GuardExpr, Target};
use super::step::from_ident;
use super::Gen;

impl Gen<'_> {
    /// Whether steps end with `__complete` (the machine has eventless transitions).
    pub(super) fn completes(&self) -> bool {
        !self.m.eventless.is_empty()
    }

    /// `self.__complete(__observer, cx);` at the end of a step (nothing without eventless
    /// transitions).
    pub(super) fn complete_call(&self) -> TokenStream {
        if !self.completes() {
            return TokenStream::new();
        }
        let observer = super::step::observer_ident();
        let cx = self.context_arg();
        let awaited = self.awaited();
        quote!(self.__complete(#observer, #cx) #awaited;)
    }

    /// `__complete`: the eventless steps after a step (nothing without eventless transitions).
    pub(super) fn complete_method(&self) -> TokenStream {
        if !self.completes() {
            return TokenStream::new();
        }
        let (generics, observer_param) = self.observer_param();
        let from = from_ident();
        let tag = self.tag_of(&quote!(self));
        let state_enum = &self.state_enum;
        let steps = Ident::new("__steps", Span::mixed_site());
        let bound = self.m.states.len();
        let edges = self.m.eventless_edges();
        let asyncness = self.asyncness();
        let arms = (0..self.m.states.len()).filter_map(|s| {
            let plan = self.m.eventless_of(s);
            if plan.is_empty() {
                return None;
            }
            let ident = &self.m.states[s].name;
            let tries = plan.iter().map(|&k| {
                let index = edges.iter().position(|&e| e == (s, k)).unwrap_or_default();
                let step = self.eventless_step(k, s, index);
                if let Some(guard) = &self.m.eventless[k].guard {
                    let condition = self.eventless_condition(&guard.expr);
                    quote!(if #condition { #step continue; })
                } else {
                    quote!({ #step continue; })
                }
            });
            Some(quote!(#state_enum::#ident => { #(#tries)* }))
        });
        let rest = (0..self.m.states.len())
            .any(|s| self.m.eventless_of(s).is_empty())
            .then(|| quote!(_ => {}));
        quote! {
            /// Step 7: the eventless transitions of the state a step ended in, each a whole step,
            /// until none applies (at most as many as the machine has states).
            #[inline]
            #asyncness fn __complete #generics (&mut self, #observer_param) {
                let mut #steps: ::core::primitive::usize = 0;
                while #steps < #bound {
                    #steps += 1;
                    let #from = #tag;
                    match #from {
                        #(#arms)*
                        #rest
                    }
                    return;
                }
            }
        }
    }

    /// Eventless transition `k` from leaf `state`, entry `index` of `Description::eventless`:
    /// exit, commit, outputs, entry.
    fn eventless_step(&self, k: usize, state: usize, index: usize) -> TokenStream {
        let t = &self.m.eventless[k];
        let state_enum = &self.state_enum;
        let from = from_ident();
        let path = self.m.path(t, state, false);
        let mut code = TokenStream::new();
        let exits = path.leaves();
        if exits {
            code.extend(self.exit_code(&path.exits));
        }
        let to = if let Some(history) = t.history {
            code.extend(self.history_commit(history));
            self.history_state()
        } else {
            let target = t.target_from(state);
            let ident = &self.m.states[target].name;
            if self.has_data {
                let stored = self.stored(&self.data_variant(target, &TokenStream::new()));
                code.extend(quote!(self.__data = #stored;));
            } else if !matches!(t.target, Target::Stay) {
                code.extend(quote!(self.__state = #state_enum::#ident;));
            }
            quote!(#state_enum::#ident)
        };
        code.extend(self.hook("eventless", &quote!(#from, #index, #to)));
        for used in &t.outputs {
            code.extend(self.action(used, &to));
        }
        if exits {
            code.extend(self.entry_code(&path.entries, &to));
        }
        if let Some(history) = t.history {
            code.extend(self.history_entry(history, &to));
        }
        code
    }

    /// An eventless transition's guard expression: each guard called with the context only,
    /// evaluated once per try, which the observer hears of.
    fn eventless_condition(&self, expr: &GuardExpr) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        super::cases::combine(expr, &|g, name| {
            let from = from_ident();
            let held = Ident::new("__held", Span::mixed_site());
            let lent = std::collections::HashSet::from([super::super::scope::Value::Context]);
            let args = self.m.guards[g]
                .params
                .iter()
                .map(|param| self.pass_context(param, &lent, true));
            let span = name.span();
            let method = super::respan(&self.m.guards[g].name, span);
            let core_ref = quote!(&self.__core);
            let call =
                quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*));
            let hook = self.hook("guard", &quote!(#from, #g, #held));
            quote!({ let #held: ::core::primitive::bool = #call; #hook #held })
        })
    }
}
