//! The machine's description, built from the model once and used twice: written into the
//! generated code as the `Description` constant, and rendered at expansion time (through
//! `automat-core`'s own renderers) into the machine's rustdoc. One mapping from model to
//! description, so the docs and the runtime can never disagree.

use std::fmt::Write as _;
use syn::ext::IdentExt as _;

use std::collections::HashMap;

use automat_core::{
    CompoundInfo, Description, EventlessInfo, GuardInfo, HistoryTarget, InputInfo, OutputInfo,
    Param, StateInfo, TransitionInfo,
};
use proc_macro2::TokenStream;
use quote::quote;

use super::model::{type_text, Machine, Source, Target};

/// Above this many transitions the docs show no inline SVG (it would weigh more than it helps);
/// `Description::svg()` still draws the machine at run time.
#[cfg(feature = "svg")]
const MAX_SVG_TRANSITIONS: usize = 256;
/// What holds the inline SVG in the docs: a box that scrolls sideways.
#[cfg(feature = "svg")]
pub const DIAGRAM_BOX: &str = "<div class=\"automat-diagram-box\" style=\"overflow-x: auto\">";
/// Above this many transitions the docs show no transition table either.
const MAX_TABLE_TRANSITIONS: usize = 1024;

pub struct Signature {
    name: String,
    docs: String,
    params: Vec<(String, String)>,
    returns: Option<String>,
    /// How diagrams write an async output (`await name`); `None` for the others.
    label: Option<String>,
}

pub struct State {
    name: String,
    docs: String,
    initial: bool,
    is_final: bool,
    entry: Vec<usize>,
    exit: Vec<usize>,
    fields: Vec<(String, String)>,
    parent: Option<usize>,
}

/// A compound state: its name, docs, parent and actions.
pub struct Compound {
    name: String,
    docs: String,
    parent: Option<usize>,
    entry: Vec<usize>,
    exit: Vec<usize>,
}

pub struct Transition {
    source: usize,
    input: usize,
    target: usize,
    outputs: Vec<usize>,
    docs: String,
    rule: usize,
    guard: Option<String>,
    /// `TransitionInfo::__table`'s flags: wildcard, stays, reenter, `else` route, fallible count.
    flags: usize,
    /// The compound state it is declared on.
    within: Option<usize>,
    /// `=> On.history*`: the compound entered by its history, and whether deep.
    history: Option<(usize, bool)>,
}

/// An eventless transition as it applies to one leaf.
pub struct Eventless {
    source: usize,
    target: usize,
    outputs: Vec<usize>,
    guard: Option<String>,
    docs: String,
    rule: usize,
    within: Option<usize>,
    history: Option<(usize, bool)>,
}

/// The description's eventless transitions (`Machine::eventless_edges`), each rule named by the
/// position of its first entry.
fn eventless(m: &Machine) -> Vec<Eventless> {
    let edges = m.eventless_edges();
    let mut firsts: HashMap<usize, usize> = HashMap::new();
    edges
        .iter()
        .enumerate()
        .map(|(position, &(source, k))| {
            let t = &m.eventless[k];
            Eventless {
                source,
                target: t.target_from(source),
                outputs: t.outputs.iter().map(|u| u.output).collect(),
                guard: t.guard.as_ref().map(|g| g.expr.text(m).to_string()),
                docs: t.docs.text(),
                rule: *firsts.entry(k).or_insert(position),
                within: match t.source {
                    Source::Within(c, _) => Some(c),
                    _ => None,
                },
                history: t.history.map(|h| (h.compound, h.deep)),
            }
        })
        .collect()
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

/// The description's transitions: one entry per edge, and one per `else` route after it, each
/// rule named by the position of its first entry.
fn transitions(m: &Machine, edges: &[super::model::Edge]) -> Vec<Transition> {
    let mut transitions: Vec<Transition> = Vec::new();
    for edge in edges {
        let t = &m.transitions[edge.transition];
        let wildcard = if matches!(t.source, Source::Any(_)) {
            WILDCARD
        } else {
            0
        };
        let stays = if matches!(t.target, Target::Stay) {
            STAYS
        } else {
            0
        };
        let reenter = if t.reenter.is_some() { REENTER } else { 0 };
        let fallible = t.tries().count().min(FALLIBLE_MAX) << FALLIBLE_SHIFT;
        transitions.push(Transition {
            source: edge.source,
            input: edge.input,
            target: t.target_from(edge.source),
            // In the order a step runs them: what may fail, then the producers that cannot,
            // then the outputs after the commit.
            outputs: t
                .tries()
                .chain(t.producers().filter(|u| u.fallible.is_none()))
                .chain(t.outputs.iter().filter(|u| u.fallible.is_none()))
                .map(|u| u.output)
                .collect(),
            docs: t.docs.text(),
            rule: edge.transition,
            guard: t.guard.as_ref().map(|g| g.expr.text(m).to_string()),
            flags: wildcard | stays | reenter | fallible,
            within: match t.source {
                Source::Within(c, _) => Some(c),
                _ => None,
            },
            history: t.history.map(|h| (h.compound, h.deep)),
        });
        if let Some(otherwise) = &t.otherwise {
            let stays = if matches!(otherwise.target, Target::Stay) {
                STAYS
            } else {
                0
            };
            transitions.push(Transition {
                source: edge.source,
                input: edge.input,
                target: otherwise.target.from(edge.source),
                outputs: otherwise
                    .bindings
                    .iter()
                    .filter_map(|b| b.output.as_ref())
                    .chain(&otherwise.outputs)
                    .map(|u| u.output)
                    .collect(),
                docs: String::new(),
                rule: edge.transition,
                guard: None,
                flags: wildcard | stays | ELSE_ROUTE,
                within: match t.source {
                    Source::Within(c, _) => Some(c),
                    _ => None,
                },
                history: None,
            });
        }
    }
    // A rule is named by the position of its first entry (see `TransitionInfo::rule`); a
    // declaration's entries (and its `else` routes') are next to each other.
    let mut previous = None;
    let mut first = 0;
    for (position, t) in transitions.iter_mut().enumerate() {
        if previous != Some(t.rule) {
            first = position;
        }
        previous = Some(t.rule);
        t.rule = first;
    }
    transitions
}

/// A description that owns its strings.
pub struct Owned {
    name: String,
    docs: String,
    states: Vec<State>,
    inputs: Vec<Signature>,
    outputs: Vec<Signature>,
    guards: Vec<Signature>,
    transitions: Vec<Transition>,
    compounds: Vec<Compound>,
    eventless: Vec<Eventless>,
}

// The bits of `TransitionInfo::__table`'s flags.
const WILDCARD: usize = 1;
const STAYS: usize = 2;
const REENTER: usize = 4;
const ELSE_ROUTE: usize = 8;
const FALLIBLE_SHIFT: usize = 4;
const FALLIBLE_MAX: usize = 63;
const BACK_SHIFT: usize = 10;
const GUARD_SHIFT: usize = 12;

impl Owned {
    pub fn from_model(m: &Machine, edges: &[super::model::Edge]) -> Owned {
        let signature = |name: &syn::Ident,
                         docs: String,
                         params: &[super::model::Param],
                         ret: &Option<syn::Type>| {
            Signature {
                name: name.unraw().to_string(),
                docs,
                params: params
                    .iter()
                    .map(|p| (p.name.unraw().to_string(), type_text(&p.ty)))
                    .collect(),
                returns: ret.as_ref().map(type_text),
                label: None,
            }
        };
        let transitions = transitions(m, edges);
        Owned {
            name: m.name.unraw().to_string(),
            docs: m.docs.text(),
            states: m
                .states
                .iter()
                .enumerate()
                .map(|(index, s)| State {
                    name: s.name.unraw().to_string(),
                    docs: s.docs.text(),
                    // The state the machine starts in (an `initial` child of a compound is only
                    // where that compound is entered).
                    initial: if m.compounds.is_empty() {
                        s.initial.is_some()
                    } else {
                        m.initial_state() == Some(index)
                    },
                    is_final: s.final_.is_some(),
                    entry: s.entry.iter().map(|u| u.output).collect(),
                    exit: s.exit.iter().map(|u| u.output).collect(),
                    fields: s
                        .fields
                        .iter()
                        .map(|f| (f.name.unraw().to_string(), type_text(&f.ty)))
                        .collect(),
                    parent: s.parent,
                })
                .collect(),
            compounds: m
                .compounds
                .iter()
                .map(|c| Compound {
                    name: c.name.unraw().to_string(),
                    docs: c.docs.text(),
                    parent: c.parent,
                    entry: c.entry.iter().map(|u| u.output).collect(),
                    exit: c.exit.iter().map(|u| u.output).collect(),
                })
                .collect(),
            inputs: m
                .inputs
                .iter()
                .map(|i| {
                    let mut described = signature(&i.name, i.docs.text(), &i.params, &i.ret);
                    // A timer's input is drawn as its timer: `after(30s)`.
                    if let Some(k) = i.timer {
                        let timer = &m.timers[k];
                        described.name = format!("after({})", timer.duration.text());
                        described.docs = format!(
                            "The timer of state `{}`: its transition, once the time is up.",
                            timer.state_name
                        );
                    }
                    described
                })
                .collect(),
            outputs: m
                .outputs
                .iter()
                .map(|o| {
                    let mut described = signature(&o.name, o.docs.text(), &o.params, &o.ret);
                    if o.asyncness.is_some() {
                        described.label = Some(format!("await {}", described.name));
                    }
                    described
                })
                .collect(),
            guards: m
                .guards
                .iter()
                .map(|g| signature(&g.name, g.docs.text(), &g.params, &None))
                .collect(),
            transitions,
            eventless: eventless(m),
        }
    }

    /// Calls `f` with a `Description` borrowing from `self`.
    pub fn with<R>(&self, f: impl FnOnce(&Description<'_>) -> R) -> R {
        let fields: Vec<Vec<Param<'_>>> = self
            .states
            .iter()
            .map(|s| s.fields.iter().map(|(n, t)| Param::__new(n, t)).collect())
            .collect();
        let states: Vec<StateInfo<'_>> = self
            .states
            .iter()
            .zip(&fields)
            .map(|(s, fields)| {
                StateInfo::__new(&s.name, &s.docs, s.initial, s.is_final)
                    .__with_actions(&s.entry, &s.exit)
                    .__fields(fields)
                    .__parent(s.parent)
            })
            .collect();
        let (input_params, output_params, guard_params) = (
            params(&self.inputs),
            params(&self.outputs),
            params(&self.guards),
        );
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
            .map(|(s, p)| {
                let info = OutputInfo::__new(&s.name, &s.docs, p, s.returns.as_deref());
                match &s.label {
                    Some(label) => info.__async(label),
                    None => info,
                }
            })
            .collect();
        let compounds: Vec<CompoundInfo<'_>> = self
            .compounds
            .iter()
            .map(|c| CompoundInfo::__new(&c.name, &c.docs, c.parent, &c.entry, &c.exit))
            .collect();
        let guards: Vec<GuardInfo<'_>> = self
            .guards
            .iter()
            .zip(&guard_params)
            .map(|(s, p)| GuardInfo::__new(&s.name, &s.docs, p))
            .collect();
        let transitions: Vec<TransitionInfo<'_>> = self
            .transitions
            .iter()
            .map(|t| {
                TransitionInfo::__new(t.source, t.input, t.target, &t.outputs, false, &t.docs)
                    .__with(t.rule, t.guard.as_deref(), t.flags)
                    .__declared_within(t.within)
                    .__history(t.history.map(|(c, deep)| HistoryTarget::__new(c, deep)))
            })
            .collect();
        let eventless: Vec<EventlessInfo<'_>> = self
            .eventless
            .iter()
            .map(|e| {
                EventlessInfo::__new(
                    e.source,
                    e.target,
                    &e.outputs,
                    e.guard.as_deref(),
                    &e.docs,
                    e.rule,
                    e.within,
                    e.history.map(|(c, deep)| HistoryTarget::__new(c, deep)),
                )
            })
            .collect();
        f(&Description::__new(
            &self.name,
            &self.docs,
            &states,
            &inputs,
            &outputs,
            &transitions,
        )
        .__with_guards(&guards)
        .__with_compounds(&compounds)
        .__with_eventless(&eventless))
    }

    /// The states as a constant: parallel arrays, with the entry and exit actions when any state
    /// has some.
    fn states_tokens(&self, rt: &TokenStream) -> TokenStream {
        let table = self.flat_states_tokens(rt);
        if self.compounds.is_empty() {
            return quote!(&#table);
        }
        let state_count = self.states.len();
        let parents = self.states.iter().map(|s| option_tokens(s.parent));
        quote!(&#rt::StateInfo::__with_parents::<#state_count>(#table, [#(#parents),*]))
    }

    /// The states' array, without parents.
    fn flat_states_tokens(&self, rt: &TokenStream) -> TokenStream {
        let names = self.states.iter().map(|s| &s.name);
        let state_docs = self.states.iter().map(|s| &s.docs);
        let flags = self.states.iter().map(|s| {
            proc_macro2::Literal::u8_unsuffixed(u8::from(s.initial) | (u8::from(s.is_final) << 1))
        });
        let state_count = self.states.len();
        if self.states.iter().any(|s| !s.fields.is_empty()) {
            let fields = self.states.iter().map(|s| {
                let params = s
                    .fields
                    .iter()
                    .map(|(name, ty)| quote!(#rt::Param::__new(#name, #ty)));
                quote!(&[#(#params),*])
            });
            let actions = self.states.iter().map(|s| {
                let (entry, exit) = (&s.entry, &s.exit);
                quote!((&[#(#entry),*], &[#(#exit),*]))
            });
            return quote! {
                #rt::StateInfo::__with_fields::<#state_count>(
                    #rt::StateInfo::__table_with_actions::<#state_count>(
                        [#(#names),*], [#(#state_docs),*], [#(#flags),*], [#(#actions),*]
                    ),
                    [#(#fields),*]
                )
            };
        }
        if self
            .states
            .iter()
            .any(|s| !s.entry.is_empty() || !s.exit.is_empty())
        {
            let actions = self.states.iter().map(|s| {
                let (entry, exit) = (&s.entry, &s.exit);
                quote!((&[#(#entry),*], &[#(#exit),*]))
            });
            quote! {
                #rt::StateInfo::__table_with_actions::<#state_count>(
                    [#(#names),*], [#(#state_docs),*], [#(#flags),*], [#(#actions),*]
                )
            }
        } else {
            quote! {
                #rt::StateInfo::__table::<#state_count>([#(#names),*], [#(#state_docs),*], [#(#flags),*])
            }
        }
    }

    /// The transitions as a constant: integer rows (see `TransitionInfo::__table`), with the
    /// compound each is declared on when any is.
    fn transitions_tokens(&self, rt: &TokenStream) -> TokenStream {
        // Transitions as integer rows, output lists, docs and guards each written once (see
        // `TransitionInfo::__table`): a wide machine's description then type-checks quickly.
        let mut lists: Vec<&[usize]> = Vec::new();
        let mut list_index: HashMap<&[usize], usize> = HashMap::new();
        let mut doc_texts: Vec<&str> = Vec::new();
        let mut doc_index: HashMap<&str, usize> = HashMap::new();
        let mut guard_texts: Vec<&str> = Vec::new();
        let mut guard_index: HashMap<&str, usize> = HashMap::new();
        let rows: Vec<TokenStream> = self
            .transitions
            .iter()
            .enumerate()
            .map(|(position, t)| {
                let list = *list_index.entry(t.outputs.as_slice()).or_insert_with(|| {
                    lists.push(&t.outputs);
                    lists.len() - 1
                });
                let doc = *doc_index.entry(t.docs.as_str()).or_insert_with(|| {
                    doc_texts.push(&t.docs);
                    doc_texts.len() - 1
                });
                let guard = t.guard.as_deref().map_or(0, |text| {
                    1 + *guard_index.entry(text).or_insert_with(|| {
                        guard_texts.push(text);
                        guard_texts.len() - 1
                    })
                });
                // The rule: the same as the row before's (1), or beginning here (0).
                let back = usize::from(t.rule != position);
                let flags = t.flags | (back << BACK_SHIFT) | (guard << GUARD_SHIFT);
                // Unsuffixed: the row's type says `usize`, and literals are cheaper that way.
                let cells = [t.source, t.input, t.target, list, flags, doc]
                    .map(proc_macro2::Literal::usize_unsuffixed);
                quote!([#(#cells),*])
            })
            .collect();
        let lists = lists.iter().map(|list| quote!(&[#(#list),*]));
        let count = rows.len();
        let within: Vec<TokenStream> = self
            .transitions
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.within.map(|c| quote!((#i, #c))))
            .collect();
        let table = quote! {
            #rt::TransitionInfo::__table::<#count>(
                [#(#rows),*], &[#(#lists),*], &[#(#doc_texts),*], &[#(#guard_texts),*]
            )
        };
        let table = if within.is_empty() {
            table
        } else {
            let m = within.len();
            quote!(#rt::TransitionInfo::__within::<#count, #m>(#table, [#(#within),*]))
        };
        let histories: Vec<TokenStream> = self
            .transitions
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.history.map(|(c, deep)| quote!((#i, #c, #deep))))
            .collect();
        let table = if histories.is_empty() {
            table
        } else {
            let m = histories.len();
            quote!(#rt::TransitionInfo::__histories::<#count, #m>(#table, [#(#histories),*]))
        };
        quote!(&#table)
    }

    /// The description as a constant expression of the runtime's types, at `rt`.
    pub fn to_tokens(&self, rt: &TokenStream) -> TokenStream {
        let Owned { name, docs, .. } = self;
        let states = self.states_tokens(rt);
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
                    let label = s.label.as_ref().map(|label| quote!(.__async(#label)));
                    quote!(#rt::#kind::__new(#name, #docs, &[#(#params),*], #returns) #label)
                })
                .collect()
        };
        let inputs = signatures(&self.inputs, quote!(InputInfo));
        let outputs = signatures(&self.outputs, quote!(OutputInfo));
        let transitions = self.transitions_tokens(rt);
        let guards = (!self.guards.is_empty()).then(|| {
            let guards = self.guards.iter().map(|g| {
                let (name, docs) = (&g.name, &g.docs);
                let params = g
                    .params
                    .iter()
                    .map(|(name, ty)| quote!(#rt::Param::__new(#name, #ty)));
                quote!(#rt::GuardInfo::__new(#name, #docs, &[#(#params),*]))
            });
            quote!(.__with_guards(&[#(#guards),*]))
        });
        let compounds = (!self.compounds.is_empty()).then(|| {
            let compounds = self.compounds.iter().map(|c| {
                let (name, docs, entry, exit) = (&c.name, &c.docs, &c.entry, &c.exit);
                let parent = option_tokens(c.parent);
                quote!(#rt::CompoundInfo::__new(#name, #docs, #parent, &[#(#entry),*], &[#(#exit),*]))
            });
            quote!(.__with_compounds(&[#(#compounds),*]))
        });
        let eventless = (!self.eventless.is_empty()).then(|| {
            let entries = self.eventless.iter().map(|e| {
                let (source, target, outputs, docs, rule) =
                    (e.source, e.target, &e.outputs, &e.docs, e.rule);
                let guard = e.guard.as_ref().map_or_else(
                    || quote!(::core::option::Option::None),
                    |g| quote!(::core::option::Option::Some(#g)),
                );
                let within = option_tokens(e.within);
                let history = e.history.map_or_else(
                    || quote!(::core::option::Option::None),
                    |(c, deep)| quote!(::core::option::Option::Some(#rt::HistoryTarget::__new(#c, #deep))),
                );
                quote!(#rt::EventlessInfo::__new(#source, #target, &[#(#outputs),*], #guard, #docs, #rule, #within, #history))
            });
            quote!(.__with_eventless(&[#(#entries),*]))
        });
        quote! {
            #rt::Description::__new(
                #name,
                #docs,
                #states,
                &[#(#inputs),*],
                &[#(#outputs),*],
                #transitions,
            )
            #guards
            #compounds
            #eventless
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
                // Inside a `div` (which rustdoc keeps to the page's width and scrolls), the SVG
                // keeps its natural size: as the docblock's own child, rustdoc would shrink it
                // to the page's width, and a wide machine's text with it.
                let _ = write!(out, "\n\n# Diagram\n\n{DIAGRAM_BOX}\n{}</div>\n", d.svg());
            } else {
                let _ = write!(
                    out,
                    "\n\n# Diagram\n\n{transitions} transitions: too many for a readable picture \
                     on this page; render it with `Description::svg()` or `Description::dot()`.\n"
                );
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

/// `Some(n)` or `None`, as tokens.
fn option_tokens(value: Option<usize>) -> TokenStream {
    value.map_or_else(
        || quote!(::core::option::Option::None),
        |n| quote!(::core::option::Option::Some(#n)),
    )
}
