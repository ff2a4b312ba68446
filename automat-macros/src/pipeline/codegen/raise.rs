//! Inputs raised from outputs (PRODUCT.md, step 7): the machine keeps a queue (`__raised`, a
//! `Bounded` of `#[raise(capacity = N)]`, or an `Unbounded`); an output or action that declares
//! `raise: Raise` receives a `Raise` over it. Every public method and `handle` run their step,
//! then `__drain`, which steps each queued input in turn (each with its own eventless
//! transitions, and each able to raise more) until the queue is empty, before returning.
//! A raised input that is refused is reported to the observer and otherwise dropped, as SCXML
//! drops an internal event no transition takes.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};

use super::super::model::RaiseQueue;
use super::{Gen, Mode};

impl Gen<'_> {
    /// The queue's type (none in `Stub` mode, next to errors, which steps nothing).
    fn raise_queue_ty(&self) -> Option<TokenStream> {
        if self.mode == Mode::Stub {
            return None;
        }
        let (rt, input_enum) = (&self.rt, &self.input_enum);
        Some(match self.m.raise? {
            RaiseQueue::Bounded(capacity) => {
                quote!(#rt::raise::Bounded<#input_enum, #capacity>)
            }
            RaiseQueue::Unbounded => quote!(#rt::unbounded_queue!(#input_enum)),
        })
    }

    /// The machine struct's run-time fields: `__raised` (nothing for a machine that raises
    /// nothing), then the timers' generations (`timers.rs`).
    pub(super) fn raise_field(&self) -> TokenStream {
        let mut tokens: TokenStream = self
            .raise_queue_ty()
            .map(|ty| quote!(__raised: #ty,))
            .unwrap_or_default();
        tokens.extend(self.timer_fields(true));
        tokens
    }

    /// `, __raised: <empty queue>` in a struct literal, then the timers' (none running).
    pub(super) fn raise_init(&self) -> TokenStream {
        let mut tokens: TokenStream = self
            .raise_queue_ty()
            .map(|ty| quote!(, __raised: <#ty>::new()))
            .unwrap_or_default();
        tokens.extend(self.timer_fields(false));
        tokens
    }

    /// Whether outputs raise through a `SendRaise` (an async machine whose futures are `Send`).
    fn raises_send(&self) -> bool {
        self.m.is_async() && self.m.local.is_none()
    }

    /// The type of an output's `raise` parameter, spanned on the parameter's name (where a
    /// mismatch with the implementation is shown).
    pub(super) fn raise_param_ty(&self, span: Span) -> TokenStream {
        let (rt, input) = (&self.rt, self.input_type(&quote!('_)));
        if self.raises_send() {
            quote_spanned!(span=> &mut #rt::SendRaise<'_, #input>)
        } else {
            quote_spanned!(span=> &mut #rt::Raise<'_, #input>)
        }
    }

    /// What an output's `raise` parameter receives: a `Raise` over the machine's queue.
    pub(super) fn raise_arg(&self, span: Span) -> TokenStream {
        // `self` keeps the call-site span (see `output_call`).
        self.raise_arg_on(&quote!(self), span)
    }

    /// `raise_arg` for the machine `this`.
    pub(super) fn raise_arg_on(&self, this: &TokenStream, span: Span) -> TokenStream {
        let (rt, input) = (&self.rt, self.input_type(&quote!('_)));
        let queue = quote!(&mut #this.__raised);
        // The queue seen as the `dyn` the parameter names (`+ Send` in an async machine).
        let send = self.raises_send().then(|| quote!(+ ::core::marker::Send));
        quote_spanned!(span=> &mut #rt::Raise::<#input, dyn #rt::raise::RaiseQueue<#input> #send>::__new(#queue))
    }

    /// A public method's body: `step`, then the raised inputs (just `step` for a machine that
    /// raises nothing).
    pub(super) fn then_drain(
        &self,
        step: &TokenStream,
        this: &TokenStream,
        observer: &TokenStream,
    ) -> TokenStream {
        if self.m.raise.is_none() {
            return step.clone();
        }
        let cx = self.context_arg();
        let awaited = self.awaited();
        quote! {{
            let __result = #step;
            #this.__drain(#observer, #cx) #awaited;
            __result
        }}
    }

    /// `__drain`: steps every raised input, oldest first, until none waits.
    pub(super) fn drain_method(&self) -> TokenStream {
        if self.m.raise.is_none() {
            return TokenStream::new();
        }
        let rt = &self.rt;
        let (generics, observer_param) = self.observer_param();
        let observer = super::step::observer_ident();
        let cx = self.context_arg();
        let (asyncness, awaited) = (self.asyncness(), self.awaited());
        quote! {
            /// Step 7: the inputs raised by outputs, first in, first out, each a whole step (whose
            /// outputs may raise more), until none waits.
            #[inline]
            #asyncness fn __drain #generics (&mut self, #observer_param) {
                while let ::core::option::Option::Some(input) =
                    #rt::raise::RaiseQueue::pop(&mut self.__raised)
                {
                    // A refused raised input was reported to the observer; it is dropped.
                    let _ = self.__handle(#observer, #cx input) #awaited;
                }
            }
        }
    }
}
