//! The outputs trait: the side effects, which the user's core implements.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::model::Machine;
use super::{docs_or, is_reference, Gen, Mode};

impl Gen<'_> {
    pub(super) fn outputs_trait(&self) -> TokenStream {
        let Machine { vis, name, .. } = self.m;
        let outputs_trait = &self.outputs_trait;
        let (declared, where_clause) =
            super::declared(&self.outputs_ident, &TokenStream::new(), &self.params);
        let steps_in_order = !self.m.guards.is_empty()
            || self
                .m
                .states
                .iter()
                .any(|s| !s.entry.is_empty() || !s.exit.is_empty())
            || self.decides;
        let doc = if steps_in_order {
            format!(
                "The outputs of [`{name}`]: the side effects its transitions perform (and its guards, \
                 the conditions that choose between transitions). Implement this on the core type you \
                 give to [`{name}::new`]; the machine calls these methods in the order of its steps: \
                 guards, fallible outputs, exit actions, then (once it has moved to the target state) \
                 the transition's other outputs and the target's entry actions."
            )
        } else {
            format!(
                "The outputs of [`{name}`]: the side effects its transitions perform. Implement this on \
                 the core type you give to [`{name}::new`]; the machine calls these methods, in the \
                 order a transition lists them, after it has moved to the transition's target state."
            )
        };
        let methods = self.outputs.iter().map(|&o| {
            let output = &self.m.outputs[o];
            let docs = docs_or(
                &output.docs.attrs,
                &format!("The output `{}`.", output.name),
            );
            let ident = &output.name;
            let params = self.params(&output.params).into_iter().map(|p| {
                let name = &p.name;
                if self.m.raise.is_some() && p.name == super::super::model::RAISE_PARAM {
                    let ty = self.raise_param_ty(p.name.span());
                    return quote!(#name: #ty);
                }
                let ty = &p.ty;
                quote!(#name: #ty)
            });
            let ret = if output.asyncness.is_some() {
                Some(self.async_output_return(o))
            } else {
                output.ret.as_ref().map(|ty| quote!(-> #ty))
            };
            let lifetimes = self.signature_lifetimes(
                &output.lifetimes,
                output.params.iter().map(|p| &p.ty).chain(&output.ret),
            );
            quote!(#docs fn #ident #lifetimes (&mut self, #(#params),*) #ret;)
        });
        let guards = self
            .m
            .guards
            .iter()
            .enumerate()
            .filter(|&(g, _)| self.mode == Mode::Full || self.first_guard(g))
            .map(|(_, guard)| {
                let docs = docs_or(&guard.docs.attrs, &format!("The guard `{}`.", guard.name));
                let ident = &guard.name;
                // Guards receive the input's arguments by reference; a parameter declared as a
                // reference is taken as declared.
                let params = self.params(&guard.params).into_iter().map(|p| {
                    let (name, ty) = (&p.name, &p.ty);
                    if is_reference(ty) {
                        quote!(#name: #ty)
                    } else {
                        quote!(#name: &#ty)
                    }
                });
                let lifetimes =
                    self.signature_lifetimes(&guard.lifetimes, guard.params.iter().map(|p| &p.ty));
                quote!(#docs #[must_use] fn #ident #lifetimes (&self, #(#params),*) -> ::core::primitive::bool;)
            });
        let decl = self.params.decl();
        let blanket = (self.m.outputs.is_empty() && self.m.guards.is_empty() && !self.has_timers())
            .then(|| {
                let doc = format!("`{name}` has no outputs, so any type can be its core.");
                quote! {
                    #[doc = #doc]
                    impl<#decl __T: ?::core::marker::Sized> #outputs_trait for __T #where_clause {}
                }
            });
        let (supertrait, durations) = (self.timers_supertrait(), self.timer_duration_methods());
        quote! {
            #[doc = #doc]
            #vis trait #declared #supertrait #where_clause {
                #(#methods)*
                #(#guards)*
                #durations
            }
            #blanket
        }
    }

    /// Whether guard `g` is the first of its name (in `Stub` mode only those are declared).
    fn first_guard(&self, g: usize) -> bool {
        let name = &self.m.guards[g].name;
        self.m.guards[..g].iter().all(|other| other.name != *name)
            && self.m.outputs.iter().all(|o| o.name != *name)
    }
}
