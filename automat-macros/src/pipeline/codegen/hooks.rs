//! The hooks into the facade: serde impls by stable names, and the registry of machines.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::ext::IdentExt as _;

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
            // A machine of a state and a core is written as v0.1 wrote it; one with more
            // (history, a queue) through its snapshot methods.
            if self.recorded.is_empty() && self.m.raise.is_none() {
                return quote! {
                    #rt::serde_impls #bang {
                        machine = #name, state = #state_enum, input = #input_enum, #record
                        states = { #(#states),* },
                        inputs = { #(#inputs),* },
                    }
                };
            }
            let snapshot = self.snapshot_parts();
            return quote! {
                #rt::serde_impls #bang {
                    machine = #name, state = #state_enum, input = #input_enum, #record
                    states = { #(#states),* },
                    inputs = { #(#inputs),* },
                    snapshot = true,
                }

                #snapshot
            };
        };
        let init = self.raise_init();
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
                    Self { __data: #from_parts, __core: core #init }
                }
            }
        }
    }

    /// What the serde impls of a machine without data read and write: its state, core and
    /// recorded history (each compound's by its name, in `__HISTORY`), and a machine made from
    /// them.
    fn snapshot_parts(&self) -> TokenStream {
        let (name, core, state_enum) = (&self.m.name, &self.core, &self.state_enum);
        let init = self.marker_init();
        let names = self
            .recorded
            .iter()
            .map(|&c| self.m.compounds[c].name.unraw().to_string());
        let history = if self.recorded.is_empty() {
            quote!(&[])
        } else {
            quote!(&self.__history)
        };
        let compound_enum = format_ident!("{}Compound", name);
        let slots = self.recorded.iter().enumerate().map(|(slot, &c)| {
            let compound = &self.m.compounds[c].name;
            quote! {
                #slot if #state_enum::is_in(leaf, #compound_enum::#compound) => {
                    self.__history[#slot] = leaf;
                    true
                }
            }
        });
        quote! {
            // For the serde impls, which do not ask the core to implement the outputs.
            impl<#core> #name<#core> {
                /// The compounds whose history a snapshot holds, by name, in slot order.
                #[doc(hidden)]
                pub const __HISTORY: &'static [&'static ::core::primitive::str] = &[#(#names),*];

                #[doc(hidden)]
                pub const fn __snapshot(&self) -> (&#state_enum, &#core, &[#state_enum]) {
                    (&self.__state, &self.__core, #history)
                }

                #[doc(hidden)]
                pub const fn __from_snapshot(state: #state_enum, core: #core) -> Self {
                    Self { __state: state, __core: core #init }
                }

                /// Sets the history of slot `slot` to `leaf`, if `leaf` is inside its compound.
                #[doc(hidden)]
                #[allow(clippy::match_single_binding, clippy::missing_const_for_fn)]
                pub fn __restore_history(&mut self, slot: ::core::primitive::usize, leaf: #state_enum) -> ::core::primitive::bool {
                    match slot {
                        #(#slots)*
                        _ => {
                            let _ = leaf;
                            false
                        }
                    }
                }
            }
        }
    }
}
