//! The outputs trait: the side effects, which the user's core implements.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::model::Machine;
use super::{docs_or, Gen};

impl Gen<'_> {
    pub(super) fn outputs_trait(&self) -> TokenStream {
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
}
