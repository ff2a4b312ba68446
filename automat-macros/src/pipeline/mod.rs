//! The expansion pipeline: parse → model → check → codegen.
//!
//! Each stage is one module; see `ARCHITECTURE.md` at the repository root for the invariants
//! between them. This module is also compiled into tests and benches by `#[path]`, so it only
//! refers to its siblings through `super`/`self`, never `crate`.

mod check;
mod codegen;
mod derive;
mod describe;
mod errors;
mod lifetimes;
mod model;
mod parse;
mod scope;
mod suggest;

use proc_macro2::TokenStream;

use self::errors::Errors;

/// Expands one `machine!` invocation.
///
/// Never panics: every problem with the input becomes a `compile_error!` on the offending tokens.
/// When there are errors, the output still holds the machine's public types with stub bodies
/// (see `codegen::fallback`), so the user sees the real errors and not their echoes.
pub fn expand(input: TokenStream) -> TokenStream {
    match syn::parse2::<parse::MachineDef>(input) {
        Ok(syntax) => expand_syntax(syntax),
        Err(error) => error.to_compile_error(),
    }
}

/// Expands one `#[derive(Machine)]`: the user's enum and its `#[machine(..)]` lowered into the
/// syntax `machine!` parses (see `derive.rs`), then the same stages. An enum with compound
/// states first asks each of their enums for its variants (`derive::callback`).
pub fn expand_derive(input: TokenStream) -> TokenStream {
    let item = match syn::parse2::<syn::DeriveInput>(input) {
        Ok(item) => item,
        Err(error) => return error.to_compile_error(),
    };
    let krate = derive::facade(&item);
    expand_tree(&krate, item, &[])
}

/// Expands `#[derive(States)]`: the enum of a compound state's children, which the machine's
/// derive asks for by name (see `derive::states`).
pub fn expand_states(input: TokenStream) -> TokenStream {
    match syn::parse2::<syn::DeriveInput>(input) {
        Ok(item) => derive::states(&item).unwrap_or_else(|error| error.to_compile_error()),
        Err(error) => error.to_compile_error(),
    }
}

/// Expands the hidden `derive_compound!` that a `#[derive(States)]` callback calls: the
/// machine's enum and the compound enums known so far, with one more.
pub fn expand_compound(input: TokenStream) -> TokenStream {
    match syn::parse2::<derive::Gathered>(input) {
        Ok(gathered) => expand_tree(&gathered.krate, gathered.root, &gathered.known),
        Err(error) => error.to_compile_error(),
    }
}

/// The machine of a derived enum once every compound's enum is known, or the callback that
/// asks for the next one.
fn expand_tree(
    krate: &TokenStream,
    root: syn::DeriveInput,
    known: &[syn::DeriveInput],
) -> TokenStream {
    if let Some(next) = derive::pending(&root, known) {
        return derive::callback(krate, next, &root, known);
    }
    match derive::lower_tree(root, known) {
        Ok(syntax) => expand_syntax(syntax),
        Err(error) => error.to_compile_error(),
    }
}

/// The stages after parsing, shared by both front ends.
fn expand_syntax(syntax: parse::MachineDef) -> TokenStream {
    let mut errors = Errors::default();
    let syntax_failed = !syntax.errors.is_empty();
    for error in &syntax.errors {
        errors.push(error.clone());
    }
    let machine = model::Machine::from_syntax(syntax, &mut errors, syntax_failed);
    if !syntax_failed {
        check::all(&machine, &mut errors);
    }
    match errors.into_result() {
        Ok(()) => codegen::generate(&machine),
        Err(error) => {
            let mut tokens = error.to_compile_error();
            tokens.extend(codegen::fallback(machine));
            tokens
        }
    }
}

#[cfg(test)]
mod derive_mirror;
#[cfg(test)]
mod hierarchy_props;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod snapshots;

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::expand;

    fn brewer() -> proc_macro2::TokenStream {
        quote! {
            /// A coffee brewer.
            pub machine CoffeeBrewer {
                initial state Empty;
                state Ready;
                state Brewing;
                final state Broken;
                input put_in_beans(beans: Beans);
                input brew() -> Cup;
                input done();
                input kick();
                output save_beans(beans: Beans);
                output heat() -> Cup;
                output complain();
                Empty + put_in_beans => Ready / save_beans;
                Ready + brew => Brewing / heat;
                Brewing + done => Empty;
                _ + kick => Broken / complain;
            }
        }
    }

    #[test]
    fn expansion_is_byte_identical_across_runs() {
        let first = expand(brewer()).to_string();
        for _ in 0..5 {
            assert_eq!(expand(brewer()).to_string(), first);
        }
        assert!(!first.contains("compile_error"), "{first}");
    }

    #[test]
    fn expansion_of_a_valid_machine_has_the_public_items() {
        let out = expand(brewer()).to_string();
        for item in [
            "pub struct CoffeeBrewer",
            "pub enum CoffeeBrewerState",
            "pub enum CoffeeBrewerInput",
            "pub enum CoffeeBrewerReturn",
            "pub trait CoffeeBrewerOutputs",
            "pub fn put_in_beans",
            "pub fn handle",
        ] {
            assert!(out.contains(item), "missing `{item}`");
        }
        // Without the facade's `@crate = $crate;` prefix, paths go through `::automat_rs`.
        assert!(out.contains(":: automat_rs :: __private :: NoTransition"));
    }

    #[test]
    fn the_crate_prefix_sets_the_runtime_path() {
        let mut input = quote!(@crate = ::renamed;);
        input.extend(brewer());
        let out = expand(input).to_string();
        assert!(out.contains(":: renamed :: __private :: MachineState"));
        assert!(!out.contains("automat_rs"));
    }

    #[test]
    fn malformed_machines_become_compile_errors_not_panics() {
        let cases = [
            quote!(),
            quote!(machine),
            quote!(machine X),
            quote!(machine X {}),
            quote!(machine X { state }),
            quote!(machine X { initial state A; A + => A; }),
            quote!(machine X { initial state A; input go(: u8); A + go => A; }),
            quote!(machine X { initial state A; input go() -> ; A + go => A; }),
            quote!(machine X { initial state A; _ + go => _; }),
            quote!(machine X { initial state A; input go(); A + go => A / ; }),
            quote!(machine X { initial state A; } trailing),
            quote!(pub(crate) machine X { initial final state A; final state A; }),
            // Found by the fuzzer: `try` parses as a path segment but is no type path.
            quote!(@crate = try::automat_rs; machine X { initial state A; input go(); A + go => A; }),
            quote!(@crate = ::a<u8>::b; machine X { initial state A; input go(); A + go => A; }),
        ];
        for case in cases {
            let out = expand(case.clone()).to_string();
            assert!(
                out.contains("compile_error"),
                "no error for `{case}`: {out}"
            );
        }
    }

    #[test]
    fn an_explicit_transition_overrides_a_wildcard_wherever_it_is_declared() {
        let syntax = syn::parse2(quote! {
            machine X {
                initial state A;
                #[allow(unreachable)]
                state B;
                state C;
                #[allow(unreachable)]
                final state D;
                input go();
                _ + go => C;
                B + go => A;
            }
        })
        .unwrap();
        let mut errors = super::Errors::default();
        let machine = super::model::Machine::from_syntax(syntax, &mut errors, false);
        super::check::all(&machine, &mut errors);
        if let Err(error) = errors.into_result() {
            panic!("{}", error.to_compile_error());
        }
        let edges: Vec<_> = super::model::Machine::edges_of(&machine.plans(), machine.inputs.len())
            .iter()
            .map(|e| (e.source, e.transition))
            .collect();
        // A and C take the wildcard (transition 0), B its own (transition 1), final D nothing.
        assert_eq!(edges, [(0, 0), (2, 0), (1, 1)]);
    }

    #[test]
    fn types_print_as_written() {
        let cases = [
            (quote!(Vec<u8>), "Vec<u8>"),
            (quote!(&'static str), "&'static str"),
            (
                quote!(std::collections::HashMap<String, Vec<(u8, u16)>>),
                "std::collections::HashMap<String, Vec<(u8, u16)>>",
            ),
            (quote!(&mut [u8; 4]), "&mut [u8; 4]"),
            (quote!(Box<dyn Fn(u8) -> u8>), "Box<dyn Fn(u8) -> u8>"),
        ];
        for (tokens, text) in cases {
            let ty: syn::Type = syn::parse2(tokens).unwrap();
            assert_eq!(super::model::type_text(&ty), text);
        }
    }
}
