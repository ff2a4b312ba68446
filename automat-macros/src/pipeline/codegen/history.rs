//! History (`Working.history`, `Working.history*`): the machine keeps, per compound a history
//! target names, the leaf it was in when it last left that compound (`__history`, one state
//! tag each; the compound's initial leaf before it was ever left). Exiting such a compound
//! records the leaf (step 3); a history target commits the leaf the record leads to and runs
//! the entry actions below the compound for that leaf (steps 4 and 6), both as one `match` on
//! the record, whose arms the macro wrote out: nothing is walked at run time.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::model::{History, Node};
use super::Gen;

impl Gen<'_> {
    /// The machine struct's `__history` field (nothing without history).
    pub(super) fn history_field(&self) -> TokenStream {
        if self.recorded.is_empty() {
            return TokenStream::new();
        }
        let (state_enum, count) = (&self.state_enum, self.recorded.len());
        quote!(__history: [#state_enum; #count],)
    }

    /// `, __history: [..]` in a new machine's struct literal: each compound's initial leaf.
    pub(super) fn history_init(&self) -> TokenStream {
        if self.recorded.is_empty() {
            return TokenStream::new();
        }
        let state_enum = &self.state_enum;
        let leaves = self.recorded.iter().map(|&c| {
            let leaf = self.m.enter_leaf(Node::Compound(c), &mut Vec::new());
            let ident = &self.m.states[leaf].name;
            quote!(#state_enum::#ident)
        });
        quote!(, __history: [#(#leaves),*])
    }

    /// The position of compound `c` in `__history`.
    fn history_slot(&self, c: usize) -> Option<usize> {
        self.recorded.iter().position(|&r| r == c)
    }

    /// Step 3's record: `__from` is the leaf each exited compound with history was left from.
    pub(super) fn record_history(&self, exits: &[Node]) -> TokenStream {
        let from = super::step::from_ident();
        exits
            .iter()
            .filter_map(|&node| match node {
                Node::Compound(c) => self.history_slot(c),
                Node::Leaf(_) => None,
            })
            .map(|slot| quote!(self.__history[#slot] = #from;))
            .collect()
    }

    /// Step 4 of a history target: the leaf the record of `h`'s compound leads to becomes the
    /// current state.
    pub(super) fn history_commit(&self, h: History) -> TokenStream {
        let state_enum = &self.state_enum;
        let slot = self.history_slot(h.compound).unwrap_or_default();
        let groups = self.m.history_entries(h);
        let default = self
            .m
            .enter_leaf(Node::Compound(h.compound), &mut Vec::new());
        // A machine with data (a derived one, whose states have no fields: `check_history`)
        // stores the leaf's variant of its data enum.
        let value = |s: usize| {
            if self.has_data {
                self.data_variant(s, &TokenStream::new())
            } else {
                let ident = &self.m.states[s].name;
                quote!(#state_enum::#ident)
            }
        };
        let arms = groups.iter().map(|(recorded, target, _)| {
            let patterns = recorded.iter().map(|&s| {
                let ident = &self.m.states[s].name;
                quote!(#state_enum::#ident)
            });
            let target = value(*target);
            quote!(#(#patterns)|* => #target,)
        });
        let covered: usize = groups.iter().map(|g| g.0.len()).sum();
        let rest = (covered < self.m.states.len()).then(|| {
            // Only leaves inside the compound are ever recorded.
            let default = value(default);
            quote!(_ => #default,)
        });
        let chosen = quote!(match self.__history[#slot] { #(#arms)* #rest });
        if self.has_data {
            let stored = self.stored(&chosen);
            return quote!(self.__data = #stored;);
        }
        quote! {
            self.__state = #chosen;
        }
    }

    /// The state a history target committed (chosen at run time by `history_commit`).
    pub(super) fn history_state(&self) -> TokenStream {
        if self.has_data {
            self.tag_of(&quote!(self))
        } else {
            quote!(self.__state)
        }
    }

    /// Step 6 below a history target's compound: the entry actions on the way down to the
    /// leaf committed (`to`, the current state), outermost first.
    pub(super) fn history_entry(&self, h: History, to: &TokenStream) -> TokenStream {
        let state_enum = &self.state_enum;
        let mut arms = TokenStream::new();
        for (_, target, entries) in self.m.history_entries(h) {
            let actions: TokenStream = entries
                .iter()
                .flat_map(|&node| {
                    let mut code: TokenStream = self
                        .m
                        .entry_actions(node)
                        .iter()
                        .map(|used| self.action(used, to))
                        .collect();
                    code.extend(self.timer_starts(node, &quote!(self)));
                    code
                })
                .collect();
            if actions.is_empty() {
                continue;
            }
            let ident = &self.m.states[target].name;
            arms.extend(quote!(#state_enum::#ident => { #actions }));
        }
        if arms.is_empty() {
            return TokenStream::new();
        }
        quote! {
            match #to {
                #arms
                _ => {}
            }
        }
    }

    /// `history(compound)`: what the machine recorded for a compound (nothing without history).
    pub(super) fn history_method(&self) -> TokenStream {
        if self.recorded.is_empty() {
            return TokenStream::new();
        }
        let state_enum = &self.state_enum;
        let compound_enum = quote::format_ident!("{}Compound", self.m.name);
        let arms = self.recorded.iter().enumerate().map(|(slot, &c)| {
            let ident = &self.m.compounds[c].name;
            quote!(#compound_enum::#ident => ::core::option::Option::Some(self.__history[#slot]),)
        });
        let rest = (self.recorded.len() < self.m.compounds.len())
            .then(|| quote!(_ => ::core::option::Option::None,));
        quote! {
            /// The leaf state the machine was in when it last left `compound`, which a history
            /// target (`Compound.history`, `Compound.history*`) re-enters by; before it ever left,
            /// the compound's initial leaf. `None` for a compound no history target names (the
            /// machine records nothing for it).
            #[must_use]
            pub const fn history(&self, compound: #compound_enum) -> ::core::option::Option<#state_enum> {
                match compound {
                    #(#arms)*
                    #rest
                }
            }
        }
    }
}
