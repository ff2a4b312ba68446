//! The hooks into the facade: serde impls by stable names, and the registry of machines.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};

use super::{Gen, Mode};

impl Gen<'_> {
    /// `NameData { Idle, Connected(__NameConnected, __NameConnectedRef { conn: Conn }) }`: the
    /// data enum for `serde_impls!`, each state with fields with the names of the private structs
    /// serde's derive reads and writes its fields through, and its fields.
    fn serde_data(&self) -> Option<TokenStream> {
        if !self.has_data {
            return None;
        }
        let variants = self.m.states.iter().map(|state| {
            let ident = &state.name;
            if state.fields.is_empty() {
                return quote!(#ident);
            }
            let mirror = format_ident!("__{}{}", self.m.name, ident);
            let mirror_ref = format_ident!("__{}{}Ref", self.m.name, ident);
            let fields = state.fields.iter().map(|f| {
                let (name, ty) = (&f.name, &f.ty);
                quote!(#name: #ty)
            });
            quote!(#ident(#mirror, #mirror_ref { #(#fields),* }))
        });
        let data_enum = &self.data_enum;
        Some(quote!(#data_enum { #(#variants),* }))
    }

    /// Registers the description for `registry::machines()`; the facade's `register!` expands to
    /// nothing without its `registry` feature, so the macro needs no feature of its own.
    pub(super) fn registration(&self) -> TokenStream {
        let Gen { rt, state_enum, .. } = self;
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        quote! {
            #rt::register! { <#state_enum as #rt::MachineState>::DESCRIPTION }
        }
    }

    /// `Serialize`/`Deserialize` impls by stable names, written by the facade's `serde_impls!`
    /// when its `serde` feature is on (and nothing otherwise).
    pub(super) fn serde_hook(&self) -> TokenStream {
        let Some(span) = self.m.serde.filter(|_| self.mode == Mode::Full) else {
            return TokenStream::new();
        };
        let Gen {
            rt,
            state_enum,
            input_enum,
            ..
        } = self;
        let name = &self.m.name;
        let states = self.m.states.iter().map(|s| {
            let (variant, serialized) = (&s.name, s.serialized_name());
            quote!(#variant => #serialized)
        });
        let inputs = self.m.inputs.iter().map(|i| {
            let (variant, serialized) = (&i.variant, i.serialized_name());
            let fields = i.params.iter().map(|p| {
                let (name, ty) = (&p.name, &p.ty);
                quote!(#name: #ty)
            });
            quote!(#variant => #serialized (#(#fields),*))
        });
        // Spanned on `#[serde]`, so that the error of a build without the feature points there.
        let bang = quote_spanned!(span=> !);
        let record = self.decides.then(|| {
            let record = &self.record;
            quote!(record = #record,)
        });
        let Some(data) = self.serde_data() else {
            return quote! {
                #rt::serde_impls #bang {
                    machine = #name, state = #state_enum, input = #input_enum, #record
                    states = { #(#states),* },
                    inputs = { #(#inputs),* },
                }
            };
        };
        let (data_enum, core) = (&self.data_enum, &self.core);
        let (parts, from_parts) = if self.data_in_option() {
            (
                quote!(match &self.__data {
                    ::core::option::Option::Some(data) => (data, &self.__core),
                    // Only while a step moves fields, when no one can look.
                    ::core::option::Option::None => ::core::unreachable!(),
                }),
                quote!(::core::option::Option::Some(data)),
            )
        } else {
            (quote!((&self.__data, &self.__core)), quote!(data))
        };
        quote! {
            #rt::serde_impls #bang {
                machine = #name, state = #state_enum, input = #input_enum, #record
                states = { #(#states),* },
                inputs = { #(#inputs),* },
                data = #data,
            }

            // For the serde impls, which do not ask the core to implement the outputs.
            impl<#core> #name<#core> {
                #[doc(hidden)]
                pub const fn __parts(&self) -> (&#data_enum, &#core) {
                    #parts
                }

                #[doc(hidden)]
                pub const fn __from_parts(data: #data_enum, core: #core) -> Self {
                    Self { __data: #from_parts, __core: core }
                }
            }
        }
    }
}
