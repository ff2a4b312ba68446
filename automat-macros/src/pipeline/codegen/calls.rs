//! Passing the input's arguments to outputs: each is borrowed by a reference parameter, moved
//! into its last use, cloned for the uses before; in an `else` route, `error` is the failure.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use super::super::model::OutputUse;
use super::step::error_ident;
use super::{is_reference, Gen};

/// The name under which an `else` route's outputs receive the failure.
pub(super) const ERROR_PARAM: &str = "error";

impl Gen<'_> {
    /// `let _ = &arg;` for the arguments of input `i` that nothing receives (they are still part
    /// of the signature and of the input enum).
    pub(super) fn unused_args(&self, i: usize) -> Vec<TokenStream> {
        let mut used = HashSet::new();
        let mut guards = Vec::new();
        for t in self.m.transitions.iter().filter(|t| t.input == i) {
            let otherwise = t.otherwise.iter().flat_map(|e| &e.outputs);
            for u in t.outputs.iter().chain(otherwise) {
                used.extend(
                    self.m.outputs[u.output]
                        .params
                        .iter()
                        .map(|p| p.name.to_string()),
                );
            }
            if let Some(guard) = &t.guard {
                guards.clear();
                guard.expr.names(&mut guards);
                for (g, _) in &guards {
                    used.extend(self.m.guards[*g].params.iter().map(|p| p.name.to_string()));
                }
            }
        }
        self.m.inputs[i]
            .params
            .iter()
            .filter(|p| !used.contains(&p.name.to_string()))
            .map(|p| {
                let name = &p.name;
                quote!(let _ = &#name;)
            })
            .collect()
    }

    /// Runs `uses` in order after the commit (each announced to the observer), moving each
    /// argument into its last use (none of `after` uses it later); with `failure`, the outputs
    /// of an `else` route, which receive the failure by name. Returns the statements and the
    /// input's value (`__value`, spanned on the output that returns it), if an output returns
    /// one the input returns.
    pub(super) fn run_outputs(
        &self,
        i: usize,
        uses: &[&OutputUse],
        after: &HashSet<String>,
        failure: bool,
    ) -> (TokenStream, Option<TokenStream>) {
        let input = &self.m.inputs[i];
        let mut statements = TokenStream::new();
        let mut returned = None;
        for (position, used) in uses.iter().enumerate() {
            let mut later = self.param_names(&uses[position + 1..]);
            later.extend(after.iter().cloned());
            let call = self.output_call(i, used, &later, failure);
            let output_index = used.output;
            statements.extend(self.hook("output", &quote!(self.__state, #output_index)));
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

    /// The names of the parameters of the outputs `uses`.
    pub(super) fn param_names(&self, uses: &[&OutputUse]) -> HashSet<String> {
        uses.iter()
            .flat_map(|u| &self.m.outputs[u.output].params)
            .map(|p| p.name.to_string())
            .collect()
    }

    /// `<Core as Outputs>::output(&mut self.__core, args..)`, spanned on the output's name where
    /// it is used, so that errors about the call (arity, argument and return types) land there.
    /// Each argument is borrowed for a reference parameter, moved when nothing in `later` uses it
    /// again, else cloned. With `failure`, a parameter named `error` receives the failure.
    pub(super) fn output_call(
        &self,
        i: usize,
        used: &OutputUse,
        later: &HashSet<String>,
        failure: bool,
    ) -> TokenStream {
        let Gen {
            outputs_trait,
            core,
            ..
        } = self;
        let input = &self.m.inputs[i];
        let output = &self.m.outputs[used.output];
        let args = output.params.iter().map(|param| {
            let span = param.name.span();
            if failure && param.name == ERROR_PARAM {
                // The failure goes on to the step's error, so an output taking it by value gets a
                // clone.
                let error = error_ident();
                return if is_reference(&param.ty) {
                    quote_spanned!(span=> &#error)
                } else {
                    quote_spanned!(span=> ::core::clone::Clone::clone(&#error))
                };
            }
            let Some(arg) = input.params.iter().find(|p| p.name == param.name) else {
                return quote!(::core::unreachable!()); // reported by check_output_parameters
            };
            let name = Ident::new(&param.name.to_string(), span);
            if is_reference(&param.ty) && !is_reference(&arg.ty) {
                quote_spanned!(span=> &#name)
            } else if !later.contains(&param.name.to_string()) {
                quote_spanned!(span=> #name)
            } else {
                quote_spanned!(span=> ::core::clone::Clone::clone(&#name))
            }
        });
        let span = used.name.span();
        let method = Ident::new(&output.name.to_string(), span);
        // `self` is hygienic when the macro is called through the facade's `macro_rules!`
        // wrapper: it must keep the call-site span of the method signature, never a user's span.
        let core_ref = quote!(&mut self.__core);
        quote_spanned!(span=> <#core as #outputs_trait>::#method(#core_ref, #(#args),*))
    }
}
