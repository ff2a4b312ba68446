//! The input and return enums: the machine's inputs, and what each returned, as values.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::lifetimes::{for_lifetime, INPUT_LIFETIME};
use super::super::model::Machine;
use super::{docs_or, Gen};

impl Gen<'_> {
    pub(super) fn input_enum(&self) -> TokenStream {
        let Machine {
            vis,
            name,
            derive_input,
            ..
        } = self.m;
        let doc = format!(
            "The inputs of [`{name}`] as values, one variant per input with its arguments, for \
             [`{name}::handle`] and for recording what a machine was fed."
        );
        let variants = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let docs = docs_or(&input.docs.attrs, &format!("The input `{}`.", input.name));
            let variant = &input.variant;
            if input.params.is_empty() {
                quote!(#docs #variant)
            } else {
                let lifetime = syn::Lifetime::new(INPUT_LIFETIME, proc_macro2::Span::call_site());
                let fields = self.params(&input.params).into_iter().map(|p| {
                    let name = &p.name;
                    let ty = for_lifetime(&p.ty, &lifetime);
                    let doc = format!("The argument `{name}` of `{}`.", input.name);
                    quote!(#[doc = #doc] #name: #ty)
                });
                quote!(#docs #variant { #(#fields,)* })
            }
        });
        let derive = (!derive_input.is_empty()).then(|| quote!(#[derive(#(#derive_input),*)]));
        let lifetime = if self.input_borrows {
            quote!('input,)
        } else {
            TokenStream::new()
        };
        let (input_enum, where_clause) =
            super::declared(&self.input_enum, &lifetime, &self.input_params);
        quote! {
            #[doc = #doc]
            #derive
            // Whether input values are built is up to the user: a private machine driven only
            // through its methods never builds one, and that is no mistake of theirs.
            #[allow(dead_code)]
            #vis enum #input_enum #where_clause {
                #(#variants,)*
            }
        }
    }

    pub(super) fn return_enum(&self) -> TokenStream {
        let Machine {
            vis,
            name,
            derive_return,
            ..
        } = self.m;
        let (return_enum, where_clause) =
            super::declared(&self.return_enum, &TokenStream::new(), &self.return_params);
        let doc = format!(
            "What an input of [`{name}`] returned, as a value: the result of [`{name}::handle`]."
        );
        let variants = self.inputs.iter().map(|&i| {
            let input = &self.m.inputs[i];
            let variant = &input.variant;
            let doc = format!(
                "`{}` was handled{}.",
                input.name,
                if input.ret.is_some() {
                    " and returned this"
                } else {
                    ""
                }
            );
            let field = input.ret.as_ref().map(|ty| {
                let ty = self.lenient(ty);
                quote!((#ty))
            });
            quote!(#[doc = #doc] #variant #field)
        });
        let derive = (!derive_return.is_empty()).then(|| quote!(#[derive(#(#derive_return),*)]));
        quote! {
            #[doc = #doc]
            #derive
            // Built by `handle`; whether its values are read is up to the user.
            #[allow(dead_code)]
            #vis enum #return_enum #where_clause {
                #(#variants,)*
            }
        }
    }
}

impl Gen<'_> {
    /// `NameFailure`: when inputs fail with different error types, `handle`'s error holds one of
    /// them in a variant named after the input.
    pub(super) fn failure_enum(&self) -> TokenStream {
        if !self.decides || !self.needs_failure_enum() {
            return TokenStream::new();
        }
        let Machine {
            vis,
            name,
            derive_failure,
            ..
        } = self.m;
        let (failure_enum, where_clause) = super::declared(
            &self.failure_enum,
            &TokenStream::new(),
            &self.failure_params,
        );
        let doc = format!(
            "Why an input of [`{name}`] failed, for [`{name}::handle`]: the error of the input's \
             fallible output, in the variant named after the input. Derives nothing unless asked \
             with `#[derive_failure(Debug, ...)]`."
        );
        let variants = self
            .inputs
            .iter()
            .filter(|&&i| self.m.fallible_type(i).is_some())
            .map(|&i| {
                let input = &self.m.inputs[i];
                let variant = &input.variant;
                let failure = self.input_failure(i);
                let doc = format!("A fallible output of `{}` failed.", input.name);
                quote!(#[doc = #doc] #variant(#failure))
            });
        let derive = (!derive_failure.is_empty()).then(|| quote!(#[derive(#(#derive_failure),*)]));
        quote! {
            #[doc = #doc]
            #derive
            // Built by `handle`; whether its values are read is up to the user.
            #[allow(dead_code)]
            #vis enum #failure_enum #where_clause {
                #(#variants,)*
            }
        }
    }

    /// `NameRecord`: what a journal keeps of a step of a machine that decides, the input and the
    /// state it led to, so that replaying never evaluates a guard or a fallible output again.
    pub(super) fn record_struct(&self) -> TokenStream {
        if !self.decides {
            return TokenStream::new();
        }
        let Machine {
            vis,
            name,
            derive_input,
            ..
        } = self.m;
        let Gen { state_enum, .. } = self;
        let lifetime = if self.input_borrows {
            quote!('input,)
        } else {
            TokenStream::new()
        };
        let (record, where_clause) = super::declared(&self.record, &lifetime, &self.input_params);
        let input_enum = self.input_type(&quote!('input));
        let doc = format!(
            "A step of [`{name}`] as a journal records it: the input, and the state it led to (the \
             transition's target, or its `else` route's). `journal::replay_state` rebuilds the state \
             from records without evaluating a guard or an output. Derives what \
             `#[derive_input(..)]` asks of the input enum."
        );
        let derive = (!derive_input.is_empty()).then(|| quote!(#[derive(#(#derive_input),*)]));
        quote! {
            #[doc = #doc]
            #derive
            #vis struct #record #where_clause {
                /// The input the machine took.
                pub input: #input_enum,
                /// The state it led to.
                pub to: #state_enum,
            }
        }
    }
}
