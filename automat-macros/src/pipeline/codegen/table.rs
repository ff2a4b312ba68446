//! Inputs that step **by table**, the code v0.1 generates: every state takes at most one
//! transition on the input, unguarded and infallible, with no exit or entry action to run.
//!
//! - `__step<i>`: its target comes from the transition table (`State::__NEXT`), one load instead
//!   of a branch on the state (which a wide machine fed unpredictable inputs would mispredict);
//!   then the outputs run in `__outputs<i>`.
//! - `__outputs<i>`: the outputs of the transition just taken (a `match` on the source state only
//!   when they differ between states), and the input's value; shared with `__handle`, which for
//!   a machine stepping only by table looks the target up once whatever the input (calling
//!   `__step<i>` from a `match` on the input would branch on the input first, which a caller
//!   feeding unpredictable inputs pays for in mispredictions).

use std::collections::HashSet;

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::Ident;

use super::super::model::{Machine, Node, OutputUse};
use super::super::scope::{Route, Step};
use super::calls::Names;
use super::step::{from_ident, observer_ident};
use super::{group, Gen};

/// Whether input `i` steps by table (see the module docs).
pub(super) fn is_table_step(m: &Machine, plans: &[Vec<usize>], i: usize) -> bool {
    let inputs = m.inputs.len();
    let recorded = m.recorded();
    (0..m.states.len()).all(|s| match plans[s * inputs + i].as_slice() {
        [] => true,
        [t] => {
            let t = &m.transitions[*t];
            let path = m.path(t, s, false);
            let timed = |n: &Node| m.timers.iter().any(|t| t.node == Some(*n));
            let quiet = path.exits.iter().all(|&n| m.exit_actions(n).is_empty())
                && path.entries.iter().all(|&n| m.entry_actions(n).is_empty())
                && !path.exits.iter().chain(&path.entries).any(timed);
            let records = path
                .exits
                .iter()
                .any(|n| matches!(n, Node::Compound(c) if recorded.contains(c)));
            t.guard.is_none()
                && t.tries().next().is_none()
                && t.reenter.is_none()
                && t.history.is_none()
                && quiet
                && !records
                && m.eventless_of(t.target_from(s)).is_empty()
        }
        _ => false,
    })
}

impl Gen<'_> {
    /// `__handle` of a machine stepping only by table: one lookup, then the input's helper.
    pub(super) fn table_handle_body(&self) -> TokenStream {
        let Gen {
            input_enum,
            return_enum,
            ..
        } = self;
        let observer = observer_ident();
        let cx = self.context_arg();
        let (from, index) = (from_ident(), Ident::new("__index", Span::mixed_site()));
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
            let awaited = self.awaited();
            if !self.accepted(i) {
                // Never reached (the table refuses this input everywhere); refuse it here too.
                let refusal = self.refusal(&quote!(#i), false);
                quote!(#input_enum::#variant { .. } => { self.__state = #from; #refusal })
            } else if input.ret.is_some() {
                quote!(#pattern => ::core::result::Result::Ok(#return_enum::#variant(self.#helper(#observer, #cx #from, #(#fields),*) #awaited)))
            } else {
                quote!(#pattern => {
                    self.#helper(#observer, #cx #from, #(#fields),*) #awaited;
                    ::core::result::Result::Ok(#return_enum::#variant)
                })
            }
        });
        let lookup = self.lookup(&quote!(#index), &quote!(match input { #(#arms,)* }));
        quote! {
            let #index = #input_enum::index(&input);
            #lookup
        }
    }

    /// The transition on input `index` (an expression) by table: save the source state in
    /// `__from`, look the target up in `State::__NEXT`, tell the observer it exits (unless it
    /// loops), commit the target, tell the observer, evaluate `then` (the outputs and the value),
    /// tell the observer it entered; refuse when the table has no target.
    pub(super) fn lookup(&self, index: &TokenStream, then: &TokenStream) -> TokenStream {
        let state_enum = &self.state_enum;
        let from = from_ident();
        let next = Ident::new("__next", Span::mixed_site());
        let result = Ident::new("__result", Span::mixed_site());
        let exit = self.hook("exit", &quote!(#from));
        let commit = self.commit_hook(index, &quote!(self.__state), 0, false);
        let entry = self.hook("entry", &quote!(#next));
        let refusal = self.refusal(index, true);
        let target = self.table_target(&quote!(#state_enum), &quote!(#from), index);
        quote! {
            let #from = self.__state;
            match #target {
                ::core::option::Option::Some(#next) => {
                    if #next != #from { #exit }
                    self.__state = #next;
                    #commit
                    let #result = #then;
                    if #next != #from { #entry }
                    #result
                }
                ::core::option::Option::None => #refusal
            }
        }
    }

    /// The step of input `i`, by table (see the module docs).
    pub(super) fn table_step(&self, i: usize) -> TokenStream {
        let input = &self.m.inputs[i];
        let names: Vec<_> = input.params.iter().map(|p| &p.name).collect();
        let typed = input.params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let (generics, observer_param) = self.step_generics(Some(i));
        let observer = observer_ident();
        let cx = self.context_arg();
        let result = self.input_result(i);
        let from = from_ident();
        let (step, helper) = (Self::step_name(i), outputs_name(i));
        let (asyncness, awaited) = (self.asyncness(), self.awaited());
        let body = if self.accepted(i) {
            let run = if input.ret.is_some() {
                quote!(::core::result::Result::Ok(self.#helper(#observer, #cx #from, #(#names),*) #awaited))
            } else {
                quote!({ self.#helper(#observer, #cx #from, #(#names),*) #awaited; ::core::result::Result::Ok(()) })
            };
            self.lookup(&quote!(#i), &run)
        } else {
            // Refused everywhere (an input declared ahead of use, `#[allow(unused)]`).
            let refusal = self.refusal(&quote!(#i), true);
            let cx = self.m.context.as_ref().map(|c| {
                let name = &c.name;
                quote!(let _ = &#name;)
            });
            quote!(#(let _ = &#names;)* #cx let #from = self.__state; #refusal)
        };
        quote! {
            #[inline]
            #[allow(clippy::unnecessary_wraps)]
            #asyncness fn #step #generics (&mut self, #observer_param, #(#typed),*) -> #result {
                #body
            }
        }
    }

    /// The helper of input `i`, shared by its step and `__handle`: runs the outputs of the
    /// transition just taken from state `__from` (the target is committed already) and returns
    /// the input's value. States are grouped by their outputs: one group needs no `match`.
    /// Nothing for an input no state accepts.
    pub(super) fn outputs_helper(&self, i: usize) -> TokenStream {
        let input = &self.m.inputs[i];
        let state_enum = &self.state_enum;
        let from = from_ident();
        let helper = outputs_name(i);
        let asyncness = self.asyncness();
        let (generics, observer_param) = self.step_generics(Some(i));
        let typed = input.params.iter().map(|p| {
            let (name, ty) = (&p.name, &p.ty);
            quote!(#name: #ty)
        });
        let ret = input.ret.as_ref().map(|ty| quote!(-> #ty));
        let unused = self.unused_args(i);
        // Same outputs, same code: grouped in order of first appearance, hashed, so a wide
        // machine expands in linear time.
        let groups = group(self.edges.iter().filter(|e| e.input == i).map(|edge| {
            let t = &self.m.transitions[edge.transition];
            let outputs: Vec<usize> = t.outputs.iter().map(|u| u.output).collect();
            (outputs, edge.transition, edge.source)
        }));
        let body = match groups.as_slice() {
            [] => return TokenStream::new(),
            [(t, states)] => self.outputs(*t, states[0]),
            [.., _] => {
                // The last group takes the other states: the table sends no other state here.
                let last = groups.len() - 1;
                let arms = groups.iter().enumerate().map(|(g, (t, states))| {
                    let pattern = if g == last {
                        quote!(_)
                    } else {
                        self.state_patterns(states)
                    };
                    let outputs = self.outputs(*t, states[0]);
                    quote!(#pattern => { #outputs })
                });
                quote!(match #from { #(#arms)* })
            }
        };
        quote! {
            #[inline]
            #[allow(unused_variables, clippy::needless_pass_by_value, clippy::unused_self)]
            #asyncness fn #helper #generics (&mut self, #observer_param, #from: #state_enum, #(#typed),*) #ret {
                #(#unused)*
                #body
            }
        }
    }

    /// The outputs of transition `t` (taken from `source`), in order, then the value the input
    /// returns (if it returns one). Runs after the target state is committed.
    pub(super) fn outputs(&self, t: usize, source: usize) -> TokenStream {
        let transition = &self.m.transitions[t];
        let uses: Vec<&OutputUse> = transition.outputs.iter().collect();
        let names = Names::new(Step::new(self.m, transition, source, Route::Main));
        let (statements, value) =
            self.run_outputs(&names, &uses, &HashSet::new(), &quote!(self.__state));
        quote!(#statements #value)
    }
}

/// The name of input `i`'s outputs helper.
pub(super) fn outputs_name(i: usize) -> Ident {
    format_ident!("__outputs{}", i)
}
