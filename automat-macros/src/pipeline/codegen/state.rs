//! The state enum, its `MachineState` impl, the transition table and the pure transition
//! function `State::next` (with `Input::index`/`name`).

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use super::super::model::Machine;
use super::{docs_or, Gen, Mode};

impl Gen<'_> {
    pub(super) fn state_enum(&self) -> TokenStream {
        let Machine { vis, name, .. } = self.m;
        let Gen {
            state_enum,
            input_enum,
            rt,
            ..
        } = self;
        let doc = format!("The states of [`{name}`].");
        // In stub mode `next` is not generated (it needs valid transitions).
        let next_state_body = match self.mode {
            Mode::Full => quote! {
                match #state_enum::next(self, input) {
                    ::core::option::Option::Some(next) => ::core::result::Result::Ok(next),
                    ::core::option::Option::None => ::core::result::Result::Err(#rt::NoTransition::__new(self, #input_enum::index(input))),
                }
            },
            Mode::Stub => quote!(::core::unreachable!()),
        };
        let variants = self.states.iter().map(|&s| {
            let state = &self.m.states[s];
            let docs = docs_or(&state.docs.attrs, &format!("The state `{}`.", state.name));
            let ident = &state.name;
            quote!(#docs #ident)
        });
        let names = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let text = ident.to_string();
            quote!(#state_enum::#ident => #text)
        });
        let finals = self
            .states
            .iter()
            .filter(|&&s| self.m.states[s].final_.is_some())
            .map(|&s| {
                let ident = &self.m.states[s].name;
                quote!(#state_enum::#ident)
            });
        let all = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            quote!(#state_enum::#ident)
        });
        let initial = self.initial_state_path();
        let description = self.description();
        let is_final_body = if self
            .states
            .iter()
            .any(|&s| self.m.states[s].final_.is_some())
        {
            quote!(::core::matches!(self, #(#finals)|*))
        } else {
            quote!(false)
        };
        let name_body = if self.states.is_empty() {
            quote!(match self {})
        } else {
            quote!(match self { #(#names,)* })
        };
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::cmp::PartialOrd, ::core::cmp::Ord, ::core::hash::Hash, ::core::fmt::Debug
            )]
            #vis enum #state_enum {
                #(#variants,)*
            }

            impl #state_enum {
                /// The state's name, as declared.
                #[must_use]
                pub const fn name(self) -> &'static str {
                    #name_body
                }

                /// Whether the state is `final`: it accepts no input.
                #[must_use]
                pub const fn is_final(self) -> bool {
                    #is_final_body
                }
            }

            #[automatically_derived]
            impl ::core::fmt::Display for #state_enum {
                fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    f.write_str(self.name())
                }
            }

            #[automatically_derived]
            impl #rt::MachineState for #state_enum {
                type Input = #input_enum;

                const DESCRIPTION: &'static #rt::Description<'static> = &#description;
                const INITIAL: Self = #initial;
                const ALL: &'static [Self] = &[#(#all),*];

                #[inline]
                fn index(self) -> usize {
                    self as usize
                }

                #[inline]
                #[allow(unused_variables)]
                fn next_state(self, input: &#input_enum) -> ::core::result::Result<Self, #rt::NoTransition<Self>> {
                    #next_state_body
                }
            }
        }
    }

    /// `State::next`, the transition function without outputs (for replaying journals), and
    /// `Input::index`/`name`.
    pub(super) fn pure_transitions(&self) -> TokenStream {
        if self.mode == Mode::Stub {
            return TokenStream::new();
        }
        let Gen {
            state_enum,
            input_enum,
            ..
        } = self;
        let input = Ident::new("input", Span::mixed_site());
        let indices = self.m.inputs.iter().enumerate().map(|(i, decl)| {
            let variant = &decl.variant;
            quote!(#input_enum::#variant { .. } => #i)
        });
        let names = self.m.inputs.iter().map(|decl| {
            let (variant, name) = (&decl.variant, decl.name.to_string());
            quote!(#input_enum::#variant { .. } => #name)
        });
        let (next_body, index_body, name_body) = if self.m.inputs.is_empty() {
            (
                quote!(match *#input {}),
                quote!(match *self {}),
                quote!(match *self {}),
            )
        } else {
            (
                quote!(Self::__NEXT[self as usize][#input_enum::index(#input)]),
                quote!(match self { #(#indices,)* }),
                quote!(match self { #(#names,)* }),
            )
        };
        let table = self.next_table();
        quote! {
            impl #state_enum {
                #table

                /// The state `input` leads to from this state, or `None` when this state has no
                /// transition for it. A pure function of the declaration (no output runs), usable
                /// in `const` contexts: replaying a journal of inputs with it rebuilds a machine's
                /// state without side effects.
                #[must_use]
                pub const fn next(self, #input: &#input_enum) -> ::core::option::Option<Self> {
                    #next_body
                }
            }

            impl #input_enum {
                /// The input's index in the machine's `Description::inputs`.
                #[must_use]
                pub const fn index(&self) -> usize {
                    #index_body
                }

                /// The input's name, as declared.
                #[must_use]
                pub const fn name(&self) -> &'static str {
                    #name_body
                }
            }
        }
    }

    /// `__NEXT[state][input]`: the target of every transition, `None` where the state refuses
    /// the input. The one source of targets for `next` and the table-dispatched input methods.
    fn next_table(&self) -> TokenStream {
        let (states, inputs) = (self.m.states.len(), self.m.inputs.len());
        let mut table: Vec<Option<usize>> = vec![None; states * inputs];
        for edge in self.m.edges() {
            table[edge.source * inputs + edge.input] =
                Some(self.m.transitions[edge.transition].target);
        }
        let rows = table.chunks(inputs.max(1)).map(|row| {
            let cells = row.iter().map(|cell| {
                if let Some(target) = cell {
                    let target = &self.m.states[*target].name;
                    quote!(::core::option::Option::Some(Self::#target))
                } else {
                    quote!(::core::option::Option::None)
                }
            });
            quote!([#(#cells),*])
        });
        quote! {
            /// The transition table: the target of each state (row) on each input (column).
            const __NEXT: [[::core::option::Option<Self>; #inputs]; #states] = [#(#rows),*];
        }
    }
}
