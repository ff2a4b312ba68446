//! Passing values to guards and outputs, by name (what each name means is `scope`'s answer):
//! an input's argument is borrowed by a reference parameter, moved into its last use, cloned
//! for the uses before; a field of the source is lent before the commit, and after it, when the
//! target did not take it, moved like an argument; a field of the target is lent (or cloned for
//! a parameter by value); in an `else` route, `error` is the failure.

use std::collections::HashSet;
use syn::ext::IdentExt as _;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{Ident, Type};

use super::super::lifetimes::borrows;
use super::super::model::{OutputUse, Param};
use super::super::scope::{Fill, Lookup, Origin, Phase, Route, Step, Value};
use super::step::error_ident;
use super::{is_reference, Gen};

/// One step (a transition from a source state, on a route) with its fills, computed once.
pub(super) struct Names<'m> {
    pub step: Step<'m>,
    pub fills: Vec<Fill>,
}

impl<'m> Names<'m> {
    pub fn new(step: Step<'m>) -> Self {
        let fills = step.fills();
        Names { step, fills }
    }

    /// The value `name` means in `phase` (`check` made sure it means one).
    pub fn value(&self, phase: Phase, name: &Ident) -> Option<Value> {
        match self.step.lookup(phase, name, &self.fills) {
            Lookup::Found(value) => Some(value),
            _ => None,
        }
    }

    /// The values the parameters of `uses` take in `phase`.
    pub fn values_of(&self, gen: &Gen, phase: Phase, uses: &[&OutputUse]) -> HashSet<Value> {
        uses.iter()
            .flat_map(|u| &gen.m.outputs[u.output].params)
            .filter_map(|p| self.value(phase, &p.name))
            .collect()
    }

    /// The arguments the commit moves into the target's fields.
    pub fn consumed(&self) -> impl Iterator<Item = Value> + '_ {
        self.fills.iter().filter_map(|fill| match fill {
            Fill::From(Origin::Arg(a)) => Some(Value::Arg(*a)),
            _ => None,
        })
    }

    /// The source's fields the commit moves out: into the target, or to outputs (`after`: the
    /// values the outputs after the commit take).
    pub fn moved_fields(&self, after: &HashSet<Value>) -> Vec<usize> {
        let fields = self.step.m.states[self.step.source].fields.len();
        (0..fields)
            .filter(|&f| {
                self.fills.contains(&Fill::From(Origin::Field(f)))
                    || after.contains(&Value::Source(f))
            })
            .collect()
    }
}

impl Gen<'_> {
    /// `let _ = &arg;` for the arguments of input `i` that nothing receives (they are still part
    /// of the signature and of the input enum).
    pub(super) fn unused_args(&self, i: usize) -> Vec<TokenStream> {
        let mut used = HashSet::new();
        let mut guards = Vec::new();
        for t in self.m.transitions.iter().filter(|t| t.input == i) {
            for u in t.uses() {
                used.extend(
                    self.m.outputs[u.output]
                        .params
                        .iter()
                        .map(|p| p.name.unraw().to_string()),
                );
            }
            if let Some(guard) = &t.guard {
                guards.clear();
                guard.expr.names(&mut guards);
                for (g, _) in &guards {
                    used.extend(
                        self.m.guards[*g]
                            .params
                            .iter()
                            .map(|p| p.name.unraw().to_string()),
                    );
                }
            }
        }
        self.m.inputs[i]
            .params
            .iter()
            .filter(|p| !used.contains(&p.name.unraw().to_string()))
            .map(|p| {
                let name = &p.name;
                quote!(let _ = &#name;)
            })
            .collect()
    }

    /// Runs `uses` in order after the commit (each announced to the observer as run in `to`),
    /// moving each value into its last use (none of `after` takes it later); in an `else` route,
    /// the outputs receive the failure by name. Returns the statements and the input's value
    /// (`__value`, spanned on the output that returns it), if an output returns one the input
    /// returns.
    pub(super) fn run_outputs(
        &self,
        names: &Names,
        uses: &[&OutputUse],
        after: &HashSet<Value>,
        to: &TokenStream,
    ) -> (TokenStream, Option<TokenStream>) {
        let input = &self.m.inputs[names.step.t.input];
        let failure = names.step.route == Route::Else;
        let mut statements = TokenStream::new();
        let mut returned = None;
        for (position, used) in uses.iter().enumerate() {
            let mut later = names.values_of(self, Phase::After, &uses[position + 1..]);
            later.extend(after.iter().copied());
            let call = self.output_call(names, Phase::After, used, &later);
            let output_index = used.output;
            statements.extend(self.hook("output", &quote!(#to, #output_index)));
            let output = &self.m.outputs[used.output];
            if !failure && output.ret.is_some() && input.ret.is_some() && returned.is_none() {
                // A user-spanned local, so that a return type mismatch points at the output.
                let span = used.name.span();
                let value = Ident::new("__value", span);
                statements.extend(quote_spanned!(span=> let #value = #call;));
                returned = Some(quote_spanned!(span=> #value));
            } else {
                statements.extend(quote!(#call;));
            }
        }
        (statements, returned)
    }

    /// `<Core as Outputs>::output(&mut self.__core, args..)`, spanned on the output's name where
    /// it is used, so that errors about the call (arity, argument and return types) land there.
    /// Each parameter gets the value its name means in `phase` (see the module docs); `later`
    /// holds the values something after this call takes.
    pub(super) fn output_call(
        &self,
        names: &Names,
        phase: Phase,
        used: &OutputUse,
        later: &HashSet<Value>,
    ) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let output = &self.m.outputs[used.output];
        let args = output
            .params
            .iter()
            .map(|param| self.pass(names, phase, param, later, false));
        let span = used.name.span();
        let method = super::respan(&output.name, span);
        // `self` is hygienic when the macro is called through the facade's `macro_rules!`
        // wrapper: it must keep the call-site span of the method signature, never a user's span.
        let core_ref = quote!(&mut self.__core);
        let awaited = self.output_awaited(used.output);
        quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*) #awaited)
    }

    /// What `param` of a guard (`guard`: always by reference) or an output receives in `phase`,
    /// spanned on the parameter's name.
    pub(super) fn pass(
        &self,
        names: &Names,
        phase: Phase,
        param: &Param,
        later: &HashSet<Value>,
        guard: bool,
    ) -> TokenStream {
        // Located at the parameter's type, so that a type mismatch is reported there.
        let span = param
            .name
            .span()
            .located_at(syn::spanned::Spanned::span(&param.ty));
        let Some(value) = names.value(phase, &param.name) else {
            return quote!(::core::unreachable!()); // reported by `check`
        };
        let by_ref = guard || is_reference(&param.ty);
        let mutable = !guard && is_mut_reference(&param.ty);
        match value {
            Value::Context => self.pass_context(param, later, guard),
            Value::Raise => self.raise_arg(span),
            Value::Failure => {
                // The failure goes on to the step's error, so an output taking it by value gets
                // a clone.
                let error = error_ident();
                let error = super::respan(&error, error.span().located_at(span));
                if by_ref {
                    quote_spanned!(span=> &#error)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#error))
                }
            }
            Value::Arg(a) => {
                let arg = &self.m.inputs[names.step.t.input].params[a];
                let name = super::respan(&param.name, span);
                if is_mut_reference(&arg.ty) && by_ref {
                    // Lent on to each output in turn: a reborrow, never a move.
                    if mutable {
                        quote_spanned!(span=> &mut *#name)
                    } else {
                        quote_spanned!(span=> &*#name)
                    }
                } else if by_ref && (!is_reference(&arg.ty) || refers_to(&param.ty, &arg.ty)) {
                    // `&T` for an argument of type `T` (which may be a reference itself:
                    // `line: &&'static str` for `line: &'static str`) borrows the argument.
                    quote_spanned!(span=> &#name)
                } else if guard || borrows(&arg.ty) || !later.contains(&value) {
                    // A borrowed argument is a shared reference here, which is `Copy` (a
                    // `'static` one is cloned, as v0.1 did).
                    quote_spanned!(span=> #name)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#name))
                }
            }
            Value::Source(f) if phase == Phase::Before => {
                let field = &self.m.states[names.step.source].fields[f].name;
                let source = Self::source_local(field);
                quote_spanned!(span=> #source)
            }
            Value::Source(f) => {
                let local = Self::field_local(&self.m.states[names.step.source].fields[f].name);
                if mutable {
                    quote_spanned!(span=> &mut #local)
                } else if by_ref {
                    quote_spanned!(span=> &#local)
                } else if !later.contains(&value) {
                    quote_spanned!(span=> #local)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#local))
                }
            }
            Value::Target(f) => {
                let field = &self.m.states[names.step.target()].fields[f].name;
                let target = Self::target_local(field);
                if mutable {
                    quote_spanned!(span=> &mut *#target)
                } else if by_ref {
                    quote_spanned!(span=> &*#target)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&*#target))
                }
            }
        }
    }

    /// What `param` (of a guard, when `guard`; of an output or an action) receives of the
    /// machine's context: lent on from a reference (a reborrow), lent from an owned one, or moved
    /// into its last use.
    pub(super) fn pass_context(
        &self,
        param: &Param,
        later: &HashSet<Value>,
        guard: bool,
    ) -> TokenStream {
        let span = param
            .name
            .span()
            .located_at(syn::spanned::Spanned::span(&param.ty));
        let Some(context) = &self.m.context else {
            return quote!(::core::unreachable!());
        };
        let name = super::respan(&context.name, span);
        let by_ref = guard || is_reference(&param.ty);
        let mutable = !guard && is_mut_reference(&param.ty);
        if is_mut_reference(&context.ty) {
            if mutable {
                quote_spanned!(span=> &mut *#name)
            } else if by_ref {
                quote_spanned!(span=> &*#name)
            } else {
                quote_spanned!(span=> #name)
            }
        } else if is_reference(&context.ty) {
            quote_spanned!(span=> #name)
        } else if mutable {
            quote_spanned!(span=> &mut #name)
        } else if by_ref {
            quote_spanned!(span=> &#name)
        } else if later.contains(&Value::Context) {
            quote_spanned!(span=> ::core::clone::Clone::clone(&#name))
        } else {
            quote_spanned!(span=> #name)
        }
    }

    /// Whether the outputs `uses` take a field of the target after the commit.
    pub(super) fn takes_target(&self, names: &Names, uses: &[&OutputUse]) -> bool {
        names
            .values_of(self, Phase::After, uses)
            .iter()
            .any(|v| matches!(v, Value::Target(_)))
    }
}

fn is_mut_reference(ty: &Type) -> bool {
    matches!(ty, Type::Reference(r) if r.mutability.is_some())
}

/// Whether `param` is `&T` (or `&'a T`) for `T` written as `arg` is.
fn refers_to(param: &syn::Type, arg: &syn::Type) -> bool {
    match param {
        syn::Type::Reference(reference) if reference.mutability.is_none() => {
            let (referent, arg) = (&reference.elem, arg);
            quote::quote!(#referent).to_string() == quote::quote!(#arg).to_string()
        }
        _ => false,
    }
}
