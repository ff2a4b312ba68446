//! The hooks into the facade: serde impls by stable names, and the registry of machines.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::{Gen, Mode};

impl Gen<'_> {
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
        quote! {
            #rt::serde_impls #bang {
                machine = #name, state = #state_enum, input = #input_enum, #record
                states = { #(#states),* },
                inputs = { #(#inputs),* },
            }
        }
    }
}
