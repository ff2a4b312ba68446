//! The machine's description, built from the model once and used twice: written into the
//! generated code as the `Description` constant, and rendered at expansion time (through
//! `automat-core`'s own renderers) into the machine's rustdoc. One mapping from model to
//! description, so the docs and the runtime can never disagree.

use std::fmt::Write as _;

use std::collections::HashMap;

use automat_core::{Description, InputInfo, OutputInfo, Param, StateInfo, TransitionInfo};
use proc_macro2::TokenStream;
use quote::quote;

use super::model::{Machine, Source};

/// Above this many transitions the docs show no inline SVG (it would weigh more than it helps);
/// `Description::svg()` still draws the machine at run time.
#[cfg(feature = "svg")]
const MAX_SVG_TRANSITIONS: usize = 256;
/// Above this many transitions the docs show no transition table either.
const MAX_TABLE_TRANSITIONS: usize = 1024;

pub struct Signature {
    name: String,
    docs: String,
    params: Vec<(String, String)>,
    returns: Option<String>,
}

pub struct Transition {
    source: usize,
    input: usize,
    target: usize,
    outputs: Vec<usize>,
    wildcard: bool,
    docs: String,
}

/// The parameters of each signature, as description parts borrowing from it.
fn params(sigs: &[Signature]) -> Vec<Vec<Param<'_>>> {
    sigs.iter()
        .map(|s| {
            s.params
                .iter()
                .map(|(name, ty)| Param::__new(name, ty))
                .collect()
        })
        .collect()
}

/// A description that owns its strings.
pub struct Owned {
    name: String,
    docs: String,
    states: Vec<(String, String, bool, bool)>,
    inputs: Vec<Signature>,
    outputs: Vec<Signature>,
    transitions: Vec<Transition>,
}

impl Owned {
    pub fn from_model(m: &Machine) -> Owned {
        let signature = |name: &syn::Ident,
                         docs: String,
                         params: &[super::model::Param],
                         ret: &Option<syn::Type>| {
            Signature {
                name: name.to_string(),
                docs,
                params: params
                    .iter()
                    .map(|p| (p.name.to_string(), type_text(&p.ty)))
                    .collect(),
                returns: ret.as_ref().map(type_text),
            }
        };
        Owned {
            name: m.name.to_string(),
            docs: m.docs.text(),
            states: m
                .states
                .iter()
                .map(|s| {
                    (
                        s.name.to_string(),
                        s.docs.text(),
                        s.initial.is_some(),
                        s.final_.is_some(),
                    )
                })
                .collect(),
            inputs: m
                .inputs
                .iter()
                .map(|i| signature(&i.name, i.docs.text(), &i.params, &i.ret))
                .collect(),
            outputs: m
                .outputs
                .iter()
                .map(|o| signature(&o.name, o.docs.text(), &o.params, &o.ret))
                .collect(),
            transitions: m
                .edges()
                .into_iter()
                .map(|edge| {
                    let t = &m.transitions[edge.transition];
                    Transition {
                        source: edge.source,
                        input: edge.input,
                        target: t.target,
                        outputs: t.outputs.iter().map(|u| u.output).collect(),
                        wildcard: matches!(t.source, Source::Any(_)),
                        docs: t.docs.text(),
                    }
                })
                .collect(),
        }
    }

    /// Calls `f` with a `Description` borrowing from `self`.
    pub fn with<R>(&self, f: impl FnOnce(&Description<'_>) -> R) -> R {
        let states: Vec<StateInfo<'_>> = self
            .states
            .iter()
            .map(|(name, docs, initial, fin)| StateInfo::__new(name, docs, *initial, *fin))
            .collect();
        let (input_params, output_params) = (params(&self.inputs), params(&self.outputs));
        let inputs: Vec<InputInfo<'_>> = self
            .inputs
            .iter()
            .zip(&input_params)
            .map(|(s, p)| InputInfo::__new(&s.name, &s.docs, p, s.returns.as_deref()))
            .collect();
        let outputs: Vec<OutputInfo<'_>> = self
            .outputs
            .iter()
            .zip(&output_params)
            .map(|(s, p)| OutputInfo::__new(&s.name, &s.docs, p, s.returns.as_deref()))
            .collect();
        let transitions: Vec<TransitionInfo<'_>> = self
            .transitions
            .iter()
            .map(|t| {
                TransitionInfo::__new(t.source, t.input, t.target, &t.outputs, t.wildcard, &t.docs)
            })
            .collect();
        f(&Description::__new(
            &self.name,
            &self.docs,
            &states,
            &inputs,
            &outputs,
            &transitions,
        ))
    }

    /// The description as a constant expression of the runtime's types, at `rt`.
    pub fn to_tokens(&self, rt: &TokenStream) -> TokenStream {
        let Owned { name, docs, .. } = self;
        let names = self.states.iter().map(|(name, ..)| name);
        let state_docs = self.states.iter().map(|(_, docs, ..)| docs);
        let flags = self.states.iter().map(|(_, _, initial, fin)| {
            proc_macro2::Literal::u8_unsuffixed(u8::from(*initial) | (u8::from(*fin) << 1))
        });
        let state_count = self.states.len();
        let states = quote! {
            &#rt::StateInfo::__table::<#state_count>([#(#names),*], [#(#state_docs),*], [#(#flags),*])
        };
        let signatures = |sigs: &[Signature], kind: TokenStream| -> Vec<TokenStream> {
            sigs.iter()
                .map(|s| {
                    let (name, docs) = (&s.name, &s.docs);
                    let params = s
                        .params
                        .iter()
                        .map(|(name, ty)| quote!(#rt::Param::__new(#name, #ty)));
                    let returns = s.returns.as_ref().map_or_else(
                        || quote!(::core::option::Option::None),
                        |ty| quote!(::core::option::Option::Some(#ty)),
                    );
                    quote!(#rt::#kind::__new(#name, #docs, &[#(#params),*], #returns))
                })
                .collect()
        };
        let inputs = signatures(&self.inputs, quote!(InputInfo));
        let outputs = signatures(&self.outputs, quote!(OutputInfo));
        // Transitions as integer rows, output lists and docs each written once (see
        // `TransitionInfo::__table`): a wide machine's description then type-checks quickly.
        let mut lists: Vec<&[usize]> = Vec::new();
        let mut list_index: HashMap<&[usize], usize> = HashMap::new();
        let mut doc_texts: Vec<&str> = Vec::new();
        let mut doc_index: HashMap<&str, usize> = HashMap::new();
        let rows: Vec<TokenStream> = self
            .transitions
            .iter()
            .map(|t| {
                let Transition {
                    source,
                    input,
                    target,
                    outputs,
                    wildcard,
                    docs,
                } = t;
                let list = *list_index.entry(outputs.as_slice()).or_insert_with(|| {
                    lists.push(outputs);
                    lists.len() - 1
                });
                let doc = *doc_index.entry(docs.as_str()).or_insert_with(|| {
                    doc_texts.push(docs);
                    doc_texts.len() - 1
                });
                let wildcard = usize::from(*wildcard);
                // Unsuffixed: the row's type says `usize`, and literals are cheaper that way.
                let cells = [*source, *input, *target, list, wildcard, doc]
                    .map(proc_macro2::Literal::usize_unsuffixed);
                quote!([#(#cells),*])
            })
            .collect();
        let lists = lists.iter().map(|list| quote!(&[#(#list),*]));
        let count = rows.len();
        let transitions = quote! {
            &#rt::TransitionInfo::__table::<#count>([#(#rows),*], &[#(#lists),*], &[#(#doc_texts),*])
        };
        quote! {
            #rt::Description::__new(
                #name,
                #docs,
                #states,
                &[#(#inputs),*],
                &[#(#outputs),*],
                #transitions,
            )
        }
    }

    /// The Markdown appended to the machine type's docs: its diagram (inline SVG, with the `svg`
    /// feature) and its transition table, drawn offline with no JavaScript.
    pub fn docs_section(&self) -> String {
        let transitions = self.transitions.len();
        self.with(|d| {
            let mut out = String::new();
            #[cfg(feature = "svg")]
            if transitions <= MAX_SVG_TRANSITIONS {
                // An HTML block in Markdown ends at a blank line; the SVG renderer writes none.
                let _ = write!(out, "\n\n# Diagram\n\n{}", d.svg());
            }
            if transitions <= MAX_TABLE_TRANSITIONS {
                let _ = write!(out, "\n\n# Transitions\n\n{}", d.table());
            } else {
                let _ = write!(
                    out,
                    "\n\n# Transitions\n\n{transitions} transitions: too many to list here; render them with \
                     `Description::table()` or `Description::svg()`.\n"
                );
            }
            out
        })
    }
}

/// A type as a user would write it (`Vec<u8>`, not `Vec < u8 >`), printed by `prettyplease`.
pub fn type_text(ty: &syn::Type) -> String {
    let file: syn::File = syn::parse_quote!(type __T = #ty;);
    let printed = prettyplease::unparse(&file);
    let text = printed
        .trim()
        .strip_prefix("type __T = ")
        .and_then(|t| t.strip_suffix(';'));
    // A type that prettyplease wraps over several lines is joined back into one.
    text.map_or_else(
        || quote!(#ty).to_string(),
        |t| t.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}
