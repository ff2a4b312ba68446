//! Async outputs (RESEARCH-v02 §3.6): an `async output` is a trait method returning
//! `impl Future<Output = T> + Send` (`#[local]`: without `Send`), which the step awaits where it
//! would call it. Any async output makes every step method, input method, `handle`, and the
//! steps they run (eventless transitions, raised inputs) `async fn`; `new` too when the initial
//! configuration's entry actions await. Nothing else changes: the step is the same code, so the
//! state is committed at one place, between awaits, and a future dropped at an `.await` leaves
//! the machine in the source state before the commit and in the target after it.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::Ident;

use super::Gen;

impl Gen<'_> {
    /// `async` before a step's `fn`, for an async machine.
    pub(super) fn asyncness(&self) -> TokenStream {
        if self.m.is_async() {
            quote!(async)
        } else {
            TokenStream::new()
        }
    }

    /// `.await` after a call of a step method, for an async machine.
    pub(super) fn awaited(&self) -> TokenStream {
        if self.m.is_async() {
            quote!(.await)
        } else {
            TokenStream::new()
        }
    }

    /// `.await` after a call of output `o`, when it is async.
    pub(super) fn output_awaited(&self, o: usize) -> TokenStream {
        if self.m.outputs[o].asyncness.is_some() {
            quote!(.await)
        } else {
            TokenStream::new()
        }
    }

    /// A public method's body for an async machine: the step (`run`, given the observer to
    /// use) with an `Interrupt` held across it, which tells the observer if the future is
    /// dropped before the step returns; `input` is the input's index (an expression). For a
    /// machine that is not async, or the plain form (whose `NoObserver` hears nothing),
    /// `run(observer)`.
    pub(super) fn interruptible(
        &self,
        watched: bool,
        this: &TokenStream,
        observer: &TokenStream,
        input: &TokenStream,
        run: impl Fn(&TokenStream) -> TokenStream,
    ) -> TokenStream {
        // The plain form's observer hears nothing: no guard, and a smaller future.
        if !self.m.is_async() || !watched {
            return run(observer);
        }
        let rt = &self.rt;
        let interrupt = Ident::new("__interrupt", Span::mixed_site());
        let watch = Ident::new("__watch", Span::mixed_site());
        let tag = self.tag_of(this);
        let body = run(&quote!(#watch));
        let lent = Ident::new("__lent", Span::mixed_site());
        quote! {{
            // Bound first: `&mut NoObserver` lives as long as the binding.
            let #lent = #observer;
            let mut #interrupt = #rt::Interrupt::__new(#lent, #tag, #input);
            let #watch = &mut *#interrupt.observer;
            let __result = #body;
            #interrupt.done = true;
            __result
        }}
    }

    /// What the outputs trait's method of async output `o` returns: `impl Future<Output = T> +
    /// Send` (no `Send` for a `#[local]` machine).
    pub(super) fn async_output_return(&self, o: usize) -> TokenStream {
        let output = &self.m.outputs[o];
        let ret = output.ret.as_ref();
        let output_ty = ret.map_or_else(|| quote!(()), |ty| quote!(#ty));
        // Spanned on `async`, so that a future that is not `Send` is reported against the
        // declaration that asks for it.
        let span = output.asyncness.unwrap_or_else(|| output.name.span());
        let send = self
            .m
            .local
            .is_none()
            .then(|| quote_spanned!(span=> + ::core::marker::Send));
        let output = output_ty;
        quote!(-> impl ::core::future::Future<Output = #output> #send)
    }
}
