//! The state enum, its `MachineState` impl, the transition table and the pure transition
//! function `State::next` (with `Input::index`/`name`).

use proc_macro2::{Span, TokenStream};
use quote::{quote, ToTokens as _};
use syn::ext::IdentExt as _;
use syn::Ident;

use super::super::model::Machine;
use super::{docs_or, Gen, Mode};

impl Gen<'_> {
    pub(super) fn state_enum(&self) -> TokenStream {
        let Machine { vis, name, .. } = self.m;
        let state_enum = &self.state_enum;
        let doc = format!("The states of [`{name}`].");
        let variants = self.states.iter().map(|&s| {
            let state = &self.m.states[s];
            let docs = docs_or(&state.docs.attrs, &format!("The state `{}`.", state.name));
            let ident = &state.name;
            quote!(#docs #ident)
        });
        let names = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            let text = ident.unraw().to_string();
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
        let machine_state = self.machine_state_impl();
        let is_final_body = if self
            .states
            .iter()
            .any(|&s| self.m.states[s].final_.is_some())
        {
            quote!(::core::matches!(self, #(#finals)|*))
        } else {
            quote!(false)
        };
        let rt = &self.rt;
        let name_body = if self.states.is_empty() {
            quote!(match self {})
        } else if self.compact() {
            // One lookup in the description instead of a `match` of one arm per state.
            quote!(<Self as #rt::MachineState>::DESCRIPTION.states[self as ::core::primitive::usize].name)
        } else {
            quote!(match self { #(#names,)* })
        };
        // `Display` writes the name; so does a large machine's `Debug`: the derive's `match` of
        // one arm per state costs the compiler as much as the rest of the enum.
        let by_name = |format: TokenStream| {
            quote! {
                #[automatically_derived]
                impl #format for #state_enum {
                    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(self.name())
                    }
                }
            }
        };
        let display_impl = by_name(quote!(::core::fmt::Display));
        let (debug_derive, debug_impl) = if self.compact() {
            (TokenStream::new(), by_name(quote!(::core::fmt::Debug)))
        } else {
            (quote!(, ::core::fmt::Debug), TokenStream::new())
        };
        let compounds = self.compound_enum();
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::cmp::PartialOrd, ::core::cmp::Ord, ::core::hash::Hash #debug_derive
            )]
            #vis enum #state_enum {
                #(#variants,)*
            }

            #compounds

            impl #state_enum {
                /// The state's name, as declared.
                #[must_use]
                pub const fn name(self) -> &'static ::core::primitive::str {
                    #name_body
                }

                /// Whether the state is `final`: it accepts no input.
                #[must_use]
                pub const fn is_final(self) -> ::core::primitive::bool {
                    #is_final_body
                }
            }

            #display_impl

            #debug_impl

            #machine_state
        }
    }

    /// For a machine with compound states: `NameCompound`, one variant per compound state, and
    /// `NameState::is_in(compound)`, one `match` (a jump on the compound, then a test on the
    /// state).
    fn compound_enum(&self) -> TokenStream {
        if self.m.compounds.is_empty() {
            return TokenStream::new();
        }
        let Machine { vis, name, .. } = self.m;
        let state_enum = &self.state_enum;
        let compound_enum = quote::format_ident!("{}Compound", name);
        let doc = format!(
            "The compound states of [`{name}`]: states that hold others (see [`{state_enum}::is_in`])."
        );
        let variants = self.m.compounds.iter().map(|c| {
            let docs = docs_or(&c.docs.attrs, &format!("The compound state `{}`.", c.name));
            let ident = &c.name;
            quote!(#docs #ident)
        });
        let arms = self.m.compounds.iter().enumerate().map(|(k, c)| {
            let ident = &c.name;
            let inside: Vec<TokenStream> = self
                .states
                .iter()
                .filter(|&&s| self.m.within(super::super::model::Node::Leaf(s), k))
                .map(|&s| {
                    let leaf = &self.m.states[s].name;
                    quote!(#state_enum::#leaf)
                })
                .collect();
            if inside.is_empty() {
                quote!(#compound_enum::#ident => false)
            } else {
                quote!(#compound_enum::#ident => ::core::matches!(self, #(#inside)|*))
            }
        });
        quote! {
            #[doc = #doc]
            #[derive(
                ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
                ::core::hash::Hash, ::core::fmt::Debug
            )]
            #vis enum #compound_enum {
                #(#variants,)*
            }

            impl #state_enum {
                /// Whether the state is inside compound state `compound`, at any depth.
                #[must_use]
                pub const fn is_in(self, compound: #compound_enum) -> ::core::primitive::bool {
                    match compound { #(#arms,)* }
                }
            }
        }
    }

    /// `impl MachineState for State`: the description, the initial state, every state, and the
    /// transition function over journal records.
    fn machine_state_impl(&self) -> TokenStream {
        let Gen {
            state_enum,
            input_enum,
            rt,
            ..
        } = self;
        let initial = self.initial_state_path();
        let description = self.description();
        let all = self.states.iter().map(|&s| {
            let ident = &self.m.states[s].name;
            quote!(#state_enum::#ident)
        });
        // In stub mode `next` is not generated (it needs valid transitions).
        let record = Ident::new(
            if self.decides { "record" } else { "input" },
            Span::call_site(),
        );
        let record_input = if self.decides {
            quote!(&#record.input)
        } else {
            quote!(#record)
        };
        let next_state_body = match self.mode {
            Mode::Full => quote! {
                match #state_enum::next(self, #record) {
                    ::core::option::Option::Some(next) => ::core::result::Result::Ok(next),
                    ::core::option::Option::None => ::core::result::Result::Err(#rt::NoTransition::__new(self, #input_enum::index(#record_input))),
                }
            },
            Mode::Stub => quote!(::core::unreachable!()),
        };
        let record_type = self.record_type();
        let (make_record, record_into_input) = if self.decides {
            let record_struct = &self.record;
            (quote!(#record_struct { input, to }), quote!(#record.input))
        } else {
            (quote!(let _ = to; input), quote!(#record))
        };
        let input_enum = self.input_type(&quote!('static));
        // The state enum is not generic, so it cannot name a generic input enum: its machine's
        // journals have no records (and the machine does not implement `Machine`).
        let (input_enum, record_type, next_state_body, make_record, record_into_input) =
            if self.input_params.is_empty() {
                (
                    input_enum,
                    record_type,
                    next_state_body,
                    make_record,
                    record_into_input,
                )
            } else {
                let never = quote!(::core::convert::Infallible);
                (
                    never.clone(),
                    never,
                    quote!(match *#record {}),
                    quote!(let _ = to; input),
                    quote!(#record),
                )
            };
        quote! {
            #[automatically_derived]
            impl #rt::MachineState for #state_enum {
                type Input = #input_enum;
                type Record = #record_type;

                const DESCRIPTION: &'static #rt::Description<'static> = &#description;
                const INITIAL: Self = #initial;
                const ALL: &'static [Self] = &[#(#all),*];

                #[inline]
                fn index(self) -> ::core::primitive::usize {
                    self as ::core::primitive::usize
                }

                #[inline]
                #[allow(unused_variables)]
                fn next_state(self, #record: &#record_type) -> ::core::result::Result<Self, #rt::NoTransition<Self>> {
                    #next_state_body
                }

                #[inline]
                fn record(input: #input_enum, to: Self) -> #record_type {
                    #make_record
                }

                #[inline]
                fn into_input(#record: #record_type) -> #input_enum {
                    #record_into_input
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
            let (variant, name) = (&decl.variant, decl.name.unraw().to_string());
            quote!(#input_enum::#variant { .. } => #name)
        });
        let index_body = if self.m.inputs.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#indices,)* })
        };
        let name_body = if self.m.inputs.is_empty() {
            quote!(match *self {})
        } else {
            quote!(match self { #(#names,)* })
        };
        let table = self.next_table();
        let input_anon = self.input_type(&quote!('_));
        let (input_generics, input_where) = {
            let decl = self.input_params.decl();
            (
                super::angled(&decl),
                self.input_params.where_clause(&TokenStream::new()),
            )
        };
        let next = if self.decides {
            self.recorded_next()
        } else {
            let next_body = if self.m.inputs.is_empty() {
                quote!(match *#input {})
            } else {
                self.table_target(
                    &quote!(Self),
                    &quote!(self),
                    &quote!(#input_enum::index(#input)),
                )
            };
            quote! {
                /// The state `input` leads to from this state, or `None` when this state has no
                /// transition for it. A pure function of the declaration (no output runs), usable
                /// in `const` contexts: replaying a journal of inputs with it rebuilds a machine's
                /// state without side effects.
                #[must_use]
                pub const fn next #input_generics (self, #input: &#input_anon) -> ::core::option::Option<Self> #input_where {
                    #next_body
                }
            }
        };
        quote! {
            impl #state_enum {
                #table

                #next
            }

            impl #input_generics #input_anon #input_where {
                /// The input's index in the machine's `Description::inputs`.
                #[must_use]
                pub const fn index(&self) -> ::core::primitive::usize {
                    #index_body
                }

                /// The input's name, as declared.
                #[must_use]
                pub const fn name(&self) -> &'static ::core::primitive::str {
                    #name_body
                }
            }
        }
    }

    /// `__NEXT[state][input]`: the target of every transition, `None` where the state refuses
    /// the input. The one source of targets for `next` and the inputs that step by table; in a
    /// machine that decides, only those inputs have cells (and without them, no table).
    fn next_table(&self) -> TokenStream {
        let (states, inputs) = (self.m.states.len(), self.m.inputs.len());
        if self.decides && !self.by_table.iter().any(|&t| t) {
            return TokenStream::new();
        }
        let cells: Vec<Option<usize>> = (0..states * inputs)
            .map(|pair| match self.plans[pair].as_slice() {
                [t] if !self.decides || self.by_table[pair % inputs] => {
                    Some(self.m.transitions[*t].target_from(pair / inputs))
                }
                _ => None,
            })
            .collect();
        // A large machine's cells are the index of their target in `MachineState::ALL`, or the
        // cell type's maximum where the state refuses the input (read by `__target`): an
        // integer costs the compiler a fraction of an `Option` constructor, and a table of
        // thousands of cells is most of a large machine's build time; reading one costs a load.
        let compact = self.compact();
        // The narrowest type whose maximum (the refusal) is no state's index.
        let (index_type, refusal) = if states < usize::from(u16::MAX) {
            (quote!(::core::primitive::u16), u64::from(u16::MAX))
        } else {
            (quote!(::core::primitive::u32), u64::from(u32::MAX))
        };
        let cell = |cell: Option<usize>| match cell {
            _ if compact => {
                let index = cell.and_then(|t| u64::try_from(t).ok());
                proc_macro2::Literal::u64_unsuffixed(index.unwrap_or(refusal)).into_token_stream()
            }
            Some(target) => {
                let target = &self.m.states[target].name;
                quote!(::core::option::Option::Some(Self::#target))
            }
            None => quote!(::core::option::Option::None),
        };
        let rows = cells.chunks(inputs.max(1)).map(|row| {
            let cells = row.iter().map(|&c| cell(c));
            quote!([#(#cells),*])
        });
        if !compact {
            return quote! {
                /// The transition table: the target of each state (row) on each input (column).
                const __NEXT: [[::core::option::Option<Self>; #inputs]; #states] = [#(#rows),*];
            };
        }
        let rt = &self.rt;
        quote! {
            /// The transition table: the index (in `ALL`) of the target of each state (row) on
            /// each input (column); the maximum where the state refuses the input.
            const __NEXT: [[#index_type; #inputs]; #states] = [#(#rows),*];

            /// The state a cell of `__NEXT` names, `None` for a refusal.
            #[inline]
            const fn __target(cell: #index_type) -> ::core::option::Option<Self> {
                let all = <Self as #rt::MachineState>::ALL;
                let index = cell as ::core::primitive::usize;
                if index < all.len() {
                    ::core::option::Option::Some(all[index])
                } else {
                    ::core::option::Option::None
                }
            }
        }
    }

    /// The target `__NEXT` holds for state `from` on input `index` (expressions), as an
    /// `Option` of `owner` (the state enum, as `Self` or by name).
    pub(super) fn table_target(
        &self,
        owner: &TokenStream,
        from: &TokenStream,
        index: &TokenStream,
    ) -> TokenStream {
        let cell = quote!(#owner::__NEXT[#from as ::core::primitive::usize][#index]);
        if self.compact() {
            quote!(#owner::__target(#cell))
        } else {
            cell
        }
    }

    /// What a journal records per step: the input, or (for a machine that decides) its record.
    fn record_type(&self) -> TokenStream {
        let lifetime = quote!('static);
        if self.decides {
            self.record_type_for(&lifetime)
        } else {
            self.input_type(&lifetime)
        }
    }

    /// `State::next` of a machine that decides: the recorded state, when the recorded input can
    /// lead there from this state (no guard is evaluated again).
    fn recorded_next(&self) -> TokenStream {
        let record_anon = self.record_type_for(&quote!('_));
        let (input_generics, input_where) = {
            let decl = self.input_params.decl();
            (
                super::angled(&decl),
                self.input_params.where_clause(&TokenStream::new()),
            )
        };
        let inputs = self.m.inputs.len();
        let mut leads: Vec<(usize, usize, usize)> = Vec::new();
        for (pair, plan) in self.plans.iter().enumerate() {
            let (source, input) = (pair / inputs, pair % inputs);
            for &t in plan {
                let t = &self.m.transitions[t];
                for target in self.m.targets_from(t, source) {
                    for settled in self.m.settles_at(target) {
                        leads.push((source, input, settled));
                    }
                }
                if let Some(otherwise) = &t.otherwise {
                    for settled in self.m.settles_at(otherwise.target.from(source)) {
                        leads.push((source, input, settled));
                    }
                }
            }
        }
        // Raised inputs can take a call anywhere the machine goes: its record is checked to start
        // with an input the state takes, and the state it names is taken as it is.
        let raises = self.m.raise.is_some();
        if raises {
            for lead in &mut leads {
                lead.2 = 0;
            }
        }
        leads.sort_unstable();
        leads.dedup();
        let to_index = if raises {
            quote!({
                let _ = to;
                0
            })
        } else {
            quote!(to as ::core::primitive::usize)
        };
        let count = leads.len();
        let rows = leads.iter().map(|&(source, input, target)| {
            let cells = [source, input, target].map(proc_macro2::Literal::usize_unsuffixed);
            quote!([#(#cells),*])
        });
        quote! {
            /// Every `[source, input, target]` a step can take (targets of `else` routes too),
            /// sorted, for `next` to search.
            const __LEADS: [[::core::primitive::usize; 3]; #count] = [#(#rows),*];

            /// Whether input number `input` can lead from this state to `to`.
            #[doc(hidden)]
            #[must_use]
            pub const fn __leads(self, input: ::core::primitive::usize, to: Self) -> ::core::primitive::bool {
                let wanted = [self as ::core::primitive::usize, input, #to_index];
                let (mut low, mut high) = (0, Self::__LEADS.len());
                while low < high {
                    let middle = low + (high - low) / 2;
                    let row = Self::__LEADS[middle];
                    let mut k = 0;
                    while k < 3 && row[k] == wanted[k] {
                        k += 1;
                    }
                    if k == 3 {
                        return true;
                    }
                    if row[k] < wanted[k] {
                        low = middle + 1;
                    } else {
                        high = middle;
                    }
                }
                false
            }

            /// The state a journal's `record` leads to from this state: the recorded state, when
            /// the recorded input can lead there from this state, else `None`. A pure function of
            /// the declaration (no guard or output runs), usable in `const` contexts: replaying a
            /// journal with it rebuilds a machine's state without deciding anything again.
            #[must_use]
            pub const fn next #input_generics (self, record: &#record_anon) -> ::core::option::Option<Self> #input_where {
                if self.__leads(record.input.index(), record.to) {
                    ::core::option::Option::Some(record.to)
                } else {
                    ::core::option::Option::None
                }
            }
        }
    }
}
