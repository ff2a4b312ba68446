//! Every diagnostic of `machine!` exists for the derive: each compile-fail test under
//! `tests/ui/` is rewritten into the derive form (its states as the variants of an enum, the
//! rest in `#[machine(..)]`) and must report the same errors, in the same order, as the
//! original, apart from the wordings that name the front end's own syntax (`REWORDED`). Spans
//! come along with the tokens, so the errors sit on the same tokens, now in the attribute or on
//! the variant.

use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::visit::Visit;

use super::parse::{Item, StateDecl};
use super::{expand, expand_compound, expand_derive};

/// The tests whose derive form says its fix in the derive's syntax (the message differs on
/// purpose), and why.
const REWORDED: &[(&str, &str)] = &[
    ("initial/no-initial-state.rs", "says `#[machine(initial)]`"),
    (
        "reporting/every-error-at-once.rs",
        "says `#[machine(initial)]`",
    ),
    ("graph/dead-end-state.rs", "says `#[machine(final)]`"),
    (
        "hierarchy/unreachable-child.rs",
        "says `#[machine(allow(unreachable))]`",
    ),
    (
        "graph/input-accepted-only-by-unreachable-states.rs",
        "says `#[machine(allow(unreachable))]`",
    ),
    (
        "graph/unreachable-state-entered-from-unreachable.rs",
        "says `#[machine(allow(unreachable))]`",
    ),
    (
        "graph/unreachable-state.rs",
        "says `#[machine(allow(unreachable))]`",
    ),
    (
        "names/unknown-state-lists-declared.rs",
        "says to declare a variant",
    ),
    (
        "attributes/misspelt-serialized.rs",
        "an unknown flag of the variant's `#[machine(..)]`",
    ),
    (
        "attributes/unsupported-attribute-on-state.rs",
        "an unknown flag of the variant's `#[machine(..)]`",
    ),
    (
        "serde/malformed-serialized-name.rs",
        "says `serialized = \"name\"`, the flag",
    ),
];

/// Every `machine!` call in the file at `path`.
fn machine_calls(path: &Path) -> Vec<TokenStream> {
    struct Calls(Vec<TokenStream>);
    impl<'ast> Visit<'ast> for Calls {
        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            if mac
                .path
                .segments
                .last()
                .is_some_and(|s| s.ident == "machine")
            {
                self.0.push(mac.tokens.clone());
            }
        }
    }
    let Ok(text) = fs::read_to_string(path) else {
        return Vec::new();
    };
    let Ok(file) = syn::parse_file(&text) else {
        return Vec::new();
    };
    let mut calls = Calls(Vec::new());
    calls.visit_file(&file);
    calls.0
}

/// Why a machine has no derive form.
#[derive(Debug)]
enum Skip {
    /// Not `attrs vis machine Name .. { .. }` at the token level.
    Shape,
    /// A compound state with fields of its own: a variant holds either its children's enum or
    /// fields.
    CompoundFields,
    /// A state declaration that does not parse (its own syntax error, a `machine!` one).
    StateSyntax,
}

/// The derive form of one `machine!` call's tokens: the machine's enum, and the enum of each
/// compound state's children (`#[derive(States)]`).
fn derive_form(tokens: TokenStream) -> Result<(TokenStream, Vec<TokenStream>), Skip> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let Some(body_at) = trees
        .iter()
        .rposition(|t| matches!(t, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
    else {
        return Err(Skip::Shape);
    };
    if body_at + 1 != trees.len() {
        return Err(Skip::Shape);
    }
    let Some(machine_at) = trees
        .iter()
        .position(|t| matches!(t, TokenTree::Ident(i) if i == "machine"))
    else {
        return Err(Skip::Shape);
    };
    let Some(TokenTree::Ident(name)) = trees.get(machine_at + 1) else {
        return Err(Skip::Shape);
    };
    let TokenTree::Group(body) = &trees[body_at] else {
        return Err(Skip::Shape);
    };
    let head: TokenStream = trees[..body_at].iter().cloned().collect();
    let (states, rest) = split(body.stream())?;
    let mut enums = Vec::new();
    let variants = states
        .iter()
        .map(|state| variant(state, &mut enums))
        .collect::<Result<Vec<_>, _>>()?;
    let data = format_ident!("{}Data", name);
    let root = quote! {
        #[machine(#head { #rest })]
        enum #data { #(#variants,)* }
    };
    Ok((root, enums))
}

/// The body's state declarations (parsed) and its other items (as written).
fn split(body: TokenStream) -> Result<(Vec<StateDecl>, TokenStream), Skip> {
    let trees: Vec<TokenTree> = body.into_iter().collect();
    let (mut states, mut rest) = (Vec::new(), TokenStream::new());
    let mut at = 0;
    while at < trees.len() {
        let start = at;
        // Attributes.
        while matches!(&trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == '#')
            && matches!(&trees.get(at + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
        {
            at += 2;
        }
        let mut k = at;
        while matches!(&trees.get(k), Some(TokenTree::Ident(i)) if i == "initial" || i == "final") {
            k += 1;
        }
        let is_state = matches!(&trees.get(k), Some(TokenTree::Ident(i)) if i == "state");
        // To the item's end: a `;`, or a state's block.
        let mut end = at;
        while end < trees.len() {
            match &trees[end] {
                TokenTree::Punct(p) if p.as_char() == ';' => break,
                TokenTree::Group(g) if is_state && g.delimiter() == Delimiter::Brace => break,
                _ => end += 1,
            }
        }
        let item: TokenStream = trees[start..(end + 1).min(trees.len())]
            .iter()
            .cloned()
            .collect();
        at = end + 1;
        if is_state {
            match syn::parse2::<Item>(item) {
                Ok(Item::State(state)) if state.errors.is_empty() => states.push(state),
                _ => return Err(Skip::StateSyntax),
            }
        } else {
            rest.extend(item);
        }
    }
    Ok((states, rest))
}

/// A state declaration as a variant; a compound state's as `#[machine(compound)] Name(NameStates)`,
/// with `enum NameStates` (its children's variants) pushed onto `enums`.
fn variant(state: &StateDecl, enums: &mut Vec<TokenStream>) -> Result<TokenStream, Skip> {
    let mut flags = Vec::new();
    if !state.children.is_empty() {
        if !state.fields.is_empty() {
            return Err(Skip::CompoundFields);
        }
        flags.push(quote!(compound));
    }
    if let Some(initial) = &state.initial {
        let initial = proc_macro2::Ident::new("initial", initial.span);
        flags.push(quote!(#initial));
    }
    if let Some(final_) = &state.final_ {
        flags.push(quote!(#final_));
    }
    if !state.entry.is_empty() {
        let entry = &state.entry;
        flags.push(quote!(entry(#(#entry),*)));
    }
    if !state.exit.is_empty() {
        let exit = &state.exit;
        flags.push(quote!(exit(#(#exit),*)));
    }
    // Docs stay attributes; every other attribute of a state is a flag of the variant's
    // `#[machine(..)]` (`#[serialized = ".."]` is `serialized = ".."`).
    let mut attrs = Vec::new();
    for attr in &state.attrs {
        if attr.path().is_ident("doc") {
            attrs.push(attr);
        } else {
            let meta = &attr.meta;
            flags.push(quote!(#meta));
        }
    }
    let flags = (!flags.is_empty()).then(|| quote!(#[machine(#(#flags),*)]));
    let name = &state.name;
    if !state.children.is_empty() {
        let inner = format_ident!("{}States", name);
        let children = state
            .children
            .iter()
            .map(|child| variant(child, enums))
            .collect::<Result<Vec<_>, _>>()?;
        enums.push(quote!(enum #inner { #(#children,)* }));
        return Ok(quote!(#(#attrs)* #flags #name(#inner)));
    }
    let fields = (!state.fields.is_empty()).then(|| {
        let fields = state.fields.iter().map(|f| {
            let (name, ty) = (&f.name, &f.ty);
            quote!(#name: #ty)
        });
        quote!({ #(#fields),* })
    });
    Ok(quote!(#(#attrs)* #flags #name #fields))
}

/// The messages of the `compile_error!`s in an expansion, in order.
fn messages(tokens: TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    for (k, tree) in trees.iter().enumerate() {
        match tree {
            TokenTree::Ident(i) if i == "compile_error" => {
                if let Some(TokenTree::Group(g)) = trees.get(k + 2) {
                    if let Some(TokenTree::Literal(lit)) = g.stream().into_iter().next() {
                        out.push(lit.to_string());
                    }
                }
            }
            TokenTree::Group(g) => out.extend(messages(g.stream())),
            _ => {}
        }
    }
    out
}

fn ui_tests() -> Vec<(String, PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui");
    let mut files = Vec::new();
    for topic in fs::read_dir(&root).into_iter().flatten().flatten() {
        let topic_name = topic.file_name().to_string_lossy().into_owned();
        if topic_name == "derive" {
            continue;
        }
        for file in fs::read_dir(topic.path()).into_iter().flatten().flatten() {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "rs") {
                let name = format!("{topic_name}/{}", file.file_name().to_string_lossy());
                files.push((name, path));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_ui_test_reports_the_same_errors_in_derive_form() {
    let (mut same, mut reworded, mut skipped) = (0, 0, Vec::new());
    let mut differ = Vec::new();
    let files = ui_tests();
    assert!(files.len() > 100, "the ui tests are where they were");
    for (name, path) in files {
        for call in machine_calls(&path) {
            let declared = messages(expand(call.clone()));
            let derived = match derive_form(call) {
                Ok((root, enums)) if enums.is_empty() => messages(expand_derive(root)),
                Ok((root, enums)) => messages(expand_compound(
                    quote!([::automat_rs] { #root } { #({ #enums })* }),
                )),
                Err(why) => {
                    skipped.push(format!("{name}: {why:?}"));
                    continue;
                }
            };
            let expected_to_differ = REWORDED.iter().any(|(n, _)| *n == name);
            if declared == derived {
                assert!(
                    !expected_to_differ,
                    "{name} is listed as reworded, but its messages are the same"
                );
                same += 1;
            } else if expected_to_differ && declared.len() == derived.len() {
                reworded += 1;
            } else {
                differ.push(format!(
                    "{name}:\n  machine!: {declared:?}\n  derive:   {derived:?}"
                ));
            }
        }
    }
    println!("same errors: {same}; reworded: {reworded}; skipped: {skipped:#?}");
    assert!(differ.is_empty(), "{}", differ.join("\n"));
    assert!(same > 100, "only {same} ui tests were compared");
}
