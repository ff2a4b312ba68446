//! The data states carry: the data enum (`NameData`, one variant per state, with the fields of
//! the states that have them, as a user would write it by hand), and how a step reads and
//! rebuilds it (see `scope` for what each name means).
//!
//! A machine with data stores its state as the data enum (`__data`), never as a tag next to it:
//! `size_of` is that of the enum a user would write by hand, plus the core. A step that moves
//! fields out of its source swaps a placeholder in for the instant of the commit (no user code
//! runs between the swap and the store): the unit variant of the first state without fields, or,
//! when every state has fields, `None` of an `Option` around the enum.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned, ToTokens as _};
use syn::Ident;

use super::super::model::Machine;
use super::super::scope::{Fill, Origin, Step};
use super::{docs_or, Gen};

impl Gen<'_> {
    /// Whether the data enum is kept in an `Option` (no state without fields to stand in while
    /// fields move).
    pub(super) fn data_in_option(&self) -> bool {
        self.has_data && self.m.states.iter().all(|s| !s.fields.is_empty())
    }

    /// The type of the machine's `__data`.
    pub(super) fn storage_type(&self) -> TokenStream {
        let data_enum = self.data_ty();
        if self.data_in_option() {
            quote!(::core::option::Option<#data_enum>)
        } else {
            quote!(#data_enum)
        }
    }

    /// `value` (of the data enum) as stored.
    pub(super) fn stored(&self, value: &TokenStream) -> TokenStream {
        if self.data_in_option() {
            quote!(::core::option::Option::Some(#value))
        } else {
            value.clone()
        }
    }

    /// A pattern of the stored data matching `pattern` (of the data enum).
    pub(super) fn stored_pattern(&self, pattern: &TokenStream) -> TokenStream {
        self.stored(pattern)
    }

    /// The data enum's variant of leaf `state` followed by `rest` (its fields' braces, or
    /// nothing), as a pattern or an expression: `Data::Leaf { .. }`. In a derived machine with
    /// compound states, the leaf is a variant of its compound's enum, nested in the variants of
    /// the compounds around it (`Washer::On { 0: OnStates::Idle }`), as Rust takes for either.
    pub(super) fn data_variant(&self, state: usize, rest: &TokenStream) -> TokenStream {
        let owner = |parent: Option<usize>| {
            parent
                .and_then(|c| self.m.compounds[c].children_enum.clone())
                .unwrap_or_else(|| self.data_enum.to_token_stream())
        };
        let leaf = &self.m.states[state];
        let (ident, of) = (&leaf.name, owner(leaf.parent));
        let mut tokens = quote!(#of::#ident #rest);
        let mut parent = leaf.parent;
        while let Some(c) = parent {
            let compound = &self.m.compounds[c];
            if compound.children_enum.is_none() {
                break;
            }
            let (name, of) = (&compound.name, owner(compound.parent));
            tokens = quote!(#of::#name { 0: #tokens });
            parent = compound.parent;
        }
        tokens
    }

    /// What stands in `__data` while a step moves fields from the source to the target (of a
    /// machine that has a state without fields; else `None` is taken out of the `Option`).
    pub(super) fn placeholder(&self) -> TokenStream {
        match self.m.states.iter().position(|s| s.fields.is_empty()) {
            Some(s) => self.data_variant(s, &TokenStream::new()),
            None => TokenStream::new(),
        }
    }

    /// The current state's tag, read from `this` (`self` or `self.__machine`).
    pub(super) fn tag_of(&self, this: &TokenStream) -> TokenStream {
        if !self.has_data {
            return quote!(#this.__state);
        }
        let data_enum = &self.data_enum;
        if self.data_in_option() {
            let initial = self.initial_state_path();
            let data = Ident::new("__data", Span::mixed_site());
            quote!(match &#this.__data {
                ::core::option::Option::Some(#data) => #data_enum::state(#data),
                // Only while a step moves fields, when no one can look.
                ::core::option::Option::None => #initial,
            })
        } else {
            quote!(#data_enum::state(&#this.__data))
        }
    }

    /// The data enum and its `state()` (nothing for a machine without data).
    pub(super) fn data_items(&self) -> TokenStream {
        if !self.has_data {
            return TokenStream::new();
        }
        let Machine {
            vis,
            name,
            derive_data,
            ..
        } = self.m;
        let Gen {
            data_enum,
            state_enum,
            ..
        } = self;
        let derive = (!derive_data.is_empty()).then(|| quote!(#[derive(#(#derive_data),*)]));
        let mut variants = Vec::new();
        let mut tags = Vec::new();
        for &s in &self.states {
            let state = &self.m.states[s];
            let ident = &state.name;
            let docs = docs_or(&state.docs.attrs, &format!("The state `{ident}`."));
            if state.fields.is_empty() {
                variants.push(quote!(#docs #ident));
                let pattern = self.data_variant(s, &TokenStream::new());
                tags.push(quote!(#pattern => #state_enum::#ident));
                continue;
            }
            let fields = self.params(&state.fields).into_iter().map(|f| {
                let (field, ty) = (&f.name, self.lenient(&f.ty));
                let doc = format!("The field `{field}` of state `{ident}`.");
                quote!(#[doc = #doc] #field: #ty)
            });
            variants.push(quote!(#docs #ident { #(#fields,)* }));
            let pattern = self.data_variant(s, &quote!({ .. }));
            tags.push(quote!(#pattern => #state_enum::#ident));
        }
        let doc = format!(
            "The state of [`{name}`] with its data: one variant per state, holding the fields of \
             the states that have them. [`{name}::data`] lends it; [`{name}::restore`] takes one."
        );
        let (declared, where_clause) =
            super::declared(data_enum, &TokenStream::new(), &self.data_params);
        let impl_generics = super::angled(&self.data_params.decl());
        let data_ty = self.data_ty();
        // A derived machine's data enum is the user's own, already declared.
        let declaration = self.m.user_data.is_none().then(|| {
            quote! {
                #[doc = #doc]
                #derive
                #vis enum #declared #where_clause {
                    #(#variants,)*
                }
            }
        });
        quote! {
            #declaration

            impl #impl_generics #data_ty #where_clause {
                /// The state, without its data.
                #[must_use]
                pub const fn state(&self) -> #state_enum {
                    match self { #(#tags,)* }
                }
            }
        }
    }

    /// How the data enum's variant of `state` names its field `f`: the field's name, or its
    /// index when the variant is a tuple variant (a derived enum's `Closed(Cause)`), for
    /// `Data::Closed { 0: cause }`, which Rust takes for either.
    pub(super) fn member(&self, state: usize, f: usize) -> TokenStream {
        let s = &self.m.states[state];
        if s.positional {
            let index = syn::Index {
                index: u32::try_from(f).unwrap_or(u32::MAX),
                span: s.fields[f].name.span(),
            };
            quote!(#index)
        } else {
            let name = &s.fields[f].name;
            quote!(#name)
        }
    }

    /// `name` for field `f` of `state` (shorthand, as written by hand), or `0: name` for a tuple
    /// variant's, in a pattern or an expression of the data enum.
    pub(super) fn shorthand(&self, state: usize, f: usize) -> TokenStream {
        let name = &self.m.states[state].fields[f].name;
        if self.m.states[state].positional {
            let member = self.member(state, f);
            quote!(#member: #name)
        } else {
            quote!(#name)
        }
    }

    /// The local that holds the source's field `name` once the commit moved it out.
    pub(super) fn field_local(name: &Ident) -> Ident {
        Ident::new(&format!("__field_{name}"), Span::mixed_site())
    }

    /// The local that holds what binding `b`'s output produced.
    pub(super) fn made_local(b: usize) -> Ident {
        Ident::new(&format!("__made{b}"), Span::mixed_site())
    }

    /// The source's field `name`, lent before the commit.
    pub(super) fn source_local(name: &Ident) -> Ident {
        Ident::new(&format!("__source_{name}"), Span::mixed_site())
    }

    /// The target's field `name`, lent (mutably) to the outputs after the commit.
    pub(super) fn target_local(name: &Ident) -> Ident {
        Ident::new(&format!("__target_{name}"), Span::mixed_site())
    }

    /// `let Data::State { f: __source_f, .. } = &self.__data ..;`: the fields of `state` lent,
    /// in a case method of that state.
    pub(super) fn lend_source(&self, state: usize) -> TokenStream {
        let fields = &self.m.states[state].fields;
        if fields.is_empty() {
            return TokenStream::new();
        }
        let bound = fields.iter().enumerate().map(|(k, f)| {
            let (member, local) = (self.member(state, k), Self::source_local(&f.name));
            quote!(#member: #local)
        });
        let pattern = self.stored_pattern(&self.data_variant(state, &quote!({ #(#bound),* })));
        quote! {
            // A case method runs only in the states of its case.
            let #pattern = &self.__data else { ::core::unreachable!() };
        }
    }

    /// `let Data::State { f: __target_f, .. } = &mut self.__data ..;`: the fields of `state`
    /// (just committed, or kept) lent mutably to the outputs.
    pub(super) fn lend_target(&self, state: usize) -> TokenStream {
        let bound = self.m.states[state]
            .fields
            .iter()
            .enumerate()
            .map(|(k, f)| {
                let (member, local) = (self.member(state, k), Self::target_local(&f.name));
                quote!(#member: #local)
            });
        let pattern = self.stored_pattern(&self.data_variant(state, &quote!({ #(#bound),* })));
        quote! {
            // The step has just stored (or kept) this state's data.
            let #pattern = &mut self.__data else { ::core::unreachable!() };
        }
    }

    /// The commit of a step that leaves its state: move the source's fields that the target or
    /// the outputs take out (`moved`: their indices), build the target's data from its fills,
    /// store it.
    pub(super) fn data_commit(&self, step: &Step, fills: &[Fill], moved: &[usize]) -> TokenStream {
        let source = &self.m.states[step.source];
        let mut code = TokenStream::new();
        if !moved.is_empty() {
            let bound = moved.iter().map(|&f| {
                let member = self.member(step.source, f);
                let local = Self::field_local(&source.fields[f].name);
                quote!(#member: mut #local)
            });
            let rest = (moved.len() < source.fields.len()).then(|| quote!(..));
            let pattern = self
                .stored_pattern(&self.data_variant(step.source, &quote!({ #(#bound,)* #rest })));
            let taken = if self.data_in_option() {
                quote!(::core::option::Option::take(&mut self.__data))
            } else {
                let placeholder = self.placeholder();
                quote!(::core::mem::replace(&mut self.__data, #placeholder))
            };
            code.extend(quote! {
                // A case method runs only in the states of its case.
                let #pattern = #taken else {
                    ::core::unreachable!()
                };
            });
        }
        let target = step.target();
        let value = if self.m.states[target].fields.is_empty() {
            self.data_variant(target, &TokenStream::new())
        } else {
            let bindings = step.bindings();
            let fields = self.m.states[target]
                .fields
                .iter()
                .zip(fills)
                .enumerate()
                .map(|(k, (field, fill))| {
                    let name = &field.name;
                    let member = self.member(target, k);
                    // Spanned on the binding, or else the field, so that a type mismatch points there.
                    let span = bindings
                        .iter()
                        .find(|b| b.field == *name)
                        .map_or_else(|| name.span(), |b| b.value.span());
                    // Each value is located at `span` (keeping its own hygiene), so that a type
                    // mismatch is reported where the user wrote what fills the field.
                    let at = |ident: Ident| {
                        let mut ident = ident;
                        ident.set_span(ident.span().located_at(span));
                        ident
                    };
                    let value = match fill {
                        Fill::From(Origin::Arg(a)) => {
                            let arg = &self.m.inputs[step.t.input].params[*a].name;
                            if arg == name && !self.m.states[target].positional {
                                // `Data { conn }`: the argument of the field's name.
                                return quote!(#arg);
                            }
                            let arg = at(arg.clone());
                            quote!(#arg)
                        }
                        Fill::From(Origin::Field(f)) => {
                            let local = at(Self::field_local(&source.fields[*f].name));
                            quote!(#local)
                        }
                        Fill::From(Origin::Produced(b)) => {
                            let local = at(Self::made_local(*b));
                            quote!(#local)
                        }
                        // Reported by `check`; not generated.
                        Fill::Missing | Fill::Both(..) | Fill::Broken => {
                            quote!(::core::unreachable!())
                        }
                    };
                    quote_spanned!(span=> #member: #value)
                });
            self.data_variant(target, &quote!({ #(#fields,)* }))
        };
        let stored = self.stored(&value);
        code.extend(quote!(self.__data = #stored;));
        code
    }
}
