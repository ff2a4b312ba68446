//! The machine's description, as a constant and as the diagram and table in its rustdoc; both
//! come from `describe::Owned`, one mapping from the model, so they cannot disagree.

use proc_macro2::TokenStream;
use quote::quote;
use syn::ext::IdentExt as _;

use super::super::describe::Owned;
use super::Gen;

impl Gen<'_> {
    /// The `Description` literal.
    pub(super) fn description(&self) -> TokenStream {
        let rt = &self.rt;
        if let Some(described) = &self.described {
            return described.to_tokens(rt);
        }
        let (name, docs) = (self.m.name.unraw().to_string(), self.m.docs.text());
        quote!(#rt::Description::__new(#name, #docs, &[], &[], &[], &[]))
    }

    /// The diagram and transition table for the machine type's docs, drawn now from the same
    /// description the code uses (nothing next to errors).
    pub(super) fn drawing(&self) -> String {
        self.described
            .as_ref()
            .map_or_else(String::new, Owned::docs_section)
    }
}
