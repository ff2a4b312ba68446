//! Timers as inputs (`Open + after(unlock_time) => Locked;`, RESEARCH-v02 §3.7): the machine
//! keeps a generation per timer (`__timers`, 0 while it does not run) and a counter
//! (`__clock`); entering a timer's state starts it (the counter goes up, the core's
//! `Timers::start` gets the timer, that generation and the duration), leaving it cancels it
//! (`Timers::cancel`); `timeout(run)` refuses a run whose generation is not the timer's
//! (`Stale`), else takes the timer's transition through its hidden input (`after_open`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::Ident;

use super::super::model::{Node, TimerDuration};
use super::{Gen, Mode};

impl Gen<'_> {
    /// `NameTimer`.
    pub(super) fn timer_enum_ident(&self) -> Ident {
        format_ident!("{}Timer", self.m.name)
    }

    /// Whether the machine has timers (and emits their code: not next to errors).
    pub(super) fn has_timers(&self) -> bool {
        !self.m.timers.is_empty() && self.mode == Mode::Full
    }

    /// `NameTimer`: one variant per timer.
    pub(super) fn timer_enum(&self) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let (vis, name, timer) = (&self.m.vis, &self.m.name, self.timer_enum_ident());
        let variants = self.m.timers.iter().map(|t| {
            let variant = &t.variant;
            let doc = format!(
                "The timer of state `{}`: `after({})`.",
                t.state_name,
                t.duration.text()
            );
            quote!(#[doc = #doc] #variant)
        });
        let doc = format!(
            "The timers of [`{name}`]: what its core's `Timers` hooks start and cancel, and what \
             [`Timeout`]s name when they are handed back to `timeout`."
        );
        let rt = &self.rt;
        let doc_link = format!(
            "\n\n[`Timeout`]: {}::Timeout",
            quote!(#rt).to_string().replace(' ', "")
        );
        quote! {
            #[doc = #doc]
            #[doc = #doc_link]
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::fmt::Debug,
                ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash,
                ::core::cmp::PartialOrd, ::core::cmp::Ord
            )]
            #vis enum #timer {
                #(#variants),*
            }
        }
    }

    /// `: Timers<NameTimer>` for the outputs trait's declaration (nothing without timers).
    pub(super) fn timers_supertrait(&self) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let (rt, timer) = (&self.rt, self.timer_enum_ident());
        quote!(: #rt::Timers<#timer>)
    }

    /// The outputs trait's duration methods (`fn unlock_time(&self) -> Duration;`), one per name.
    pub(super) fn timer_duration_methods(&self) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let mut seen = Vec::new();
        let mut tokens = TokenStream::new();
        for timer in &self.m.timers {
            if let TimerDuration::Method(name) = &timer.duration {
                if seen.contains(&name) {
                    continue;
                }
                seen.push(name);
                let doc = format!(
                    "How long a timer `after({name})` waits: asked each time its state is entered."
                );
                tokens.extend(quote! {
                    #[doc = #doc]
                    #[must_use]
                    fn #name(&self) -> ::core::time::Duration;
                });
            }
        }
        tokens
    }

    /// `, __timers: [0; N], __clock: 0` in a struct literal; `__timers: [u32; N], __clock: u32,`
    /// as fields (`field` true).
    pub(super) fn timer_fields(&self, field: bool) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let count = self.m.timers.len();
        if field {
            quote!(__timers: [::core::primitive::u32; #count], __clock: ::core::primitive::u32,)
        } else {
            quote!(, __timers: [0; #count], __clock: 0)
        }
    }

    /// The timers of `node`, by index.
    fn timers_of(&self, node: Node) -> impl Iterator<Item = usize> + '_ {
        self.m
            .timers
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.node == Some(node))
            .map(|(k, _)| k)
    }

    /// Starts the timers of `node` on machine `this` (step 6, after its entry actions).
    pub(super) fn timer_starts(&self, node: Node, this: &TokenStream) -> TokenStream {
        self.timer_starts_where(node, this, false)
    }

    /// `timer_starts`, or (`idle_only`) only those not running.
    fn timer_starts_where(&self, node: Node, this: &TokenStream, idle_only: bool) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let (rt, core, outputs) = (&self.rt, &self.core, &self.outputs_trait);
        let timer = self.timer_enum_ident();
        self.timers_of(node)
            .map(|k| {
                let variant = &self.m.timers[k].variant;
                let after = match &self.m.timers[k].duration {
                    TimerDuration::Method(name) => {
                        quote!(<#core as #outputs>::#name(&#this.__core))
                    }
                    TimerDuration::Literal { millis, .. } => {
                        quote!(::core::time::Duration::from_millis(#millis))
                    }
                };
                let start = quote! {
                    #this.__clock = ::core::cmp::Ord::max(#this.__clock.wrapping_add(1), 1);
                    #this.__timers[#k] = #this.__clock;
                    let __after = #after;
                    <#core as #rt::Timers<#timer>>::start(
                        &mut #this.__core,
                        #rt::Timeout { timer: #timer::#variant, generation: #this.__clock },
                        __after,
                    );
                };
                if idle_only {
                    quote!(if #this.__timers[#k] == 0 { #start })
                } else {
                    start
                }
            })
            .collect()
    }

    /// Cancels the running timers of `node` on machine `this` (step 3, before its exit actions).
    pub(super) fn timer_cancels(&self, node: Node, this: &TokenStream) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let (rt, core) = (&self.rt, &self.core);
        let timer = self.timer_enum_ident();
        self.timers_of(node)
            .map(|k| {
                let variant = &self.m.timers[k].variant;
                quote! {
                    if #this.__timers[#k] != 0 {
                        #this.__timers[#k] = 0;
                        <#core as #rt::Timers<#timer>>::cancel(&mut #this.__core, #timer::#variant);
                    }
                }
            })
            .collect()
    }

    /// `resume_timers()` on a form whose machine is `this`: starts the timers of the current
    /// state and the compounds it is in that do not run (after `restore`).
    fn resume_timers_method(&self, this: &TokenStream) -> TokenStream {
        let state_enum = &self.state_enum;
        let arms = (0..self.m.states.len()).filter_map(|s| {
            let mut nodes = vec![Node::Leaf(s)];
            let mut up = self.m.states[s].parent;
            while let Some(c) = up {
                nodes.push(Node::Compound(c));
                up = self.m.compounds[c].parent;
            }
            // Outermost first, as entering would.
            let starts: TokenStream = nodes
                .into_iter()
                .rev()
                .map(|node| self.timer_starts_where(node, this, true))
                .collect();
            let ident = &self.m.states[s].name;
            (!starts.is_empty()).then(|| quote!(#state_enum::#ident => { #starts }))
        });
        let tag = self.tag_of(this);
        quote! {
            /// Starts the timers of the state the machine is in (and of the compounds it is in)
            /// that do not run: `restore` runs no entry action, so a restored machine starts its
            /// timers here, once the host's clock is ready. Timers already running are left alone.
            pub fn resume_timers(&mut self) {
                #[allow(unreachable_patterns)]
                match #tag {
                    #(#arms)*
                    _ => {}
                }
            }
        }
    }

    /// `timeout(run)` on a form whose machine is `this`: refuses a stale run, else takes the
    /// timer's transition by its hidden input method.
    pub(super) fn timeout_method(&self, this: &TokenStream) -> TokenStream {
        if !self.has_timers() {
            return TokenStream::new();
        }
        let rt = &self.rt;
        let timer = self.timer_enum_ident();
        let (cx, cx_param) = (self.context_arg(), self.context_param());
        let (asyncness, awaited) = (self.asyncness(), self.awaited());
        let arms = self.m.timers.iter().enumerate().map(|(k, t)| {
            let (variant, method) = (&t.variant, &self.m.inputs[t.input].name);
            quote! {
                #timer::#variant => {
                    #this.__timers[#k] = 0;
                    // Its state is active (the generation says so): the transition is taken.
                    let _ = self.#method(#cx) #awaited;
                }
            }
        });
        let slots = self.m.timers.iter().enumerate().map(|(k, t)| {
            let variant = &t.variant;
            quote!(#timer::#variant => #k)
        });
        let resume = self.resume_timers_method(this);
        quote! {
            #resume

            /// A timer ran out: `run` is what the core's `Timers::start` received. Takes the
            /// timer's transition when `run` is the timer's current run; else (its state was
            /// left, or the timer started again since) refuses it.
            ///
            /// # Errors
            ///
            /// `Stale` when `run` is not the timer's current run: then nothing has run and
            /// nothing changed.
            pub #asyncness fn timeout(&mut self, #cx_param run: #rt::Timeout<#timer>) -> ::core::result::Result<(), #rt::Stale<#timer>> {
                let slot: ::core::primitive::usize = match run.timer { #(#slots,)* };
                if run.generation == 0 || #this.__timers[slot] != run.generation {
                    return ::core::result::Result::Err(#rt::Stale { timeout: run });
                }
                match run.timer { #(#arms)* }
                ::core::result::Result::Ok(())
            }
        }
    }
}
