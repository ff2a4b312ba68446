//! A generic machine's type and const parameters (`machine Stream<P: Peer> where P: Clone`), as
//! each generated item needs them: the machine type, its observed form and the outputs trait
//! take all of them; the data, input, return and failure enums and the journal record take only
//! those their fields use (a parameter an enum does not use would be an error, and a hidden
//! variant to use it would be one more arm in every user's `match`); the state enum takes none.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::visit::{self, Visit};
use syn::{GenericParam, Type, WherePredicate};

/// Some of a machine's parameters, with the bounds that concern only them.
#[derive(Clone, Default)]
pub(super) struct Params {
    params: Vec<GenericParam>,
    predicates: Vec<WherePredicate>,
}

impl Params {
    /// The machine's parameters: its type and const ones (`check` reports lifetimes, and names
    /// starting with `__`, which are left out so that the stubs next to the error compile).
    pub(super) fn of(generics: &syn::Generics) -> Self {
        Params {
            params: generics
                .params
                .iter()
                .filter(|p| !matches!(p, GenericParam::Lifetime(_)))
                .filter(|p| !param_name(p).starts_with("__"))
                .cloned()
                .collect(),
            predicates: generics
                .where_clause
                .iter()
                .flat_map(|w| w.predicates.iter().cloned())
                .collect(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// `P: Peer, const N: usize,`: the parameters as an impl or a type declares them.
    pub(super) fn decl(&self) -> TokenStream {
        let params = self.params.iter().map(|p| match p {
            GenericParam::Type(t) => {
                // Defaults belong to the type's declaration only, never to an impl's.
                let mut t = t.clone();
                t.eq_token = None;
                t.default = None;
                quote!(#t)
            }
            GenericParam::Const(c) => {
                let mut c = c.clone();
                c.eq_token = None;
                c.default = None;
                quote!(#c)
            }
            GenericParam::Lifetime(l) => quote!(#l),
        });
        quote!(#(#params,)*)
    }

    /// `P, N,`: the parameters as arguments.
    pub(super) fn args(&self) -> TokenStream {
        let args = self.params.iter().map(|p| match p {
            GenericParam::Type(t) => t.ident.to_token_stream(),
            GenericParam::Const(c) => c.ident.to_token_stream(),
            GenericParam::Lifetime(l) => l.lifetime.to_token_stream(),
        });
        quote!(#(#args,)*)
    }

    /// `P: Clone,`: the where-predicates.
    pub(super) fn predicates(&self) -> TokenStream {
        let predicates = &self.predicates;
        quote!(#(#predicates,)*)
    }

    /// `where P: Clone, extra`, or `extra` alone, or nothing.
    pub(super) fn where_clause(&self, extra: &TokenStream) -> TokenStream {
        if self.predicates.is_empty() && extra.is_empty() {
            return TokenStream::new();
        }
        let predicates = self.predicates();
        quote!(where #predicates #extra)
    }

    /// `::core::marker::PhantomData<fn() -> (P, [(); N])>`: a field that uses every parameter,
    /// without owning one (so `Send`, `Sync` and drop checking are those of the rest).
    pub(super) fn marker(&self) -> TokenStream {
        let used = self.params.iter().map(|p| match p {
            GenericParam::Type(t) => t.ident.to_token_stream(),
            GenericParam::Const(c) => {
                let ident = &c.ident;
                quote!([(); #ident])
            }
            GenericParam::Lifetime(l) => {
                let lifetime = &l.lifetime;
                quote!(&#lifetime ())
            }
        });
        quote!(::core::marker::PhantomData<fn() -> (#(#used,)*)>)
    }

    /// The parameters `types` use, and the predicates that mention only those.
    pub(super) fn used_by<'t>(&self, types: impl IntoIterator<Item = &'t Type>) -> Params {
        let names: HashSet<String> = self.params.iter().map(param_name).collect();
        let mut used = HashSet::new();
        for ty in types {
            used.extend(mentioned(&names, |v| v.visit_type(ty)));
        }
        Params {
            params: self
                .params
                .iter()
                .filter(|p| used.contains(&param_name(p)))
                .cloned()
                .collect(),
            predicates: self
                .predicates
                .iter()
                .filter(|w| {
                    let mentions = mentioned(&names, |v| v.visit_where_predicate(w));
                    !mentions.is_empty() && mentions.iter().all(|n| used.contains(n))
                })
                .cloned()
                .collect(),
        }
    }
}

fn param_name(param: &GenericParam) -> String {
    match param {
        GenericParam::Type(t) => t.ident.to_string(),
        GenericParam::Const(c) => c.ident.to_string(),
        GenericParam::Lifetime(l) => l.lifetime.to_string(),
    }
}

/// The names among `names` that the syntax `visit` walks mentions as a path's first segment.
fn mentioned(names: &HashSet<String>, visit: impl FnOnce(&mut Finder)) -> HashSet<String> {
    let mut finder = Finder {
        names,
        found: HashSet::new(),
    };
    visit(&mut finder);
    finder.found
}

pub(super) struct Finder<'n> {
    names: &'n HashSet<String>,
    found: HashSet<String>,
}

impl<'ast> Visit<'ast> for Finder<'_> {
    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none() {
            if let Some(first) = path.segments.first() {
                let name = first.ident.to_string();
                if self.names.contains(&name) {
                    self.found.insert(name);
                }
            }
        }
        visit::visit_path(self, path);
    }
}
