//! The expansion pipeline: parse → model → check → codegen.
//!
//! Each stage is one module; see `ARCHITECTURE.md` at the repository root for the invariants
//! between them. This module is also compiled into tests and benches by `#[path]`, so it only
//! refers to its siblings through `super`/`self`, never `crate`.

mod check;
mod codegen;
mod errors;
mod model;
mod parse;
mod suggest;

use proc_macro2::TokenStream;

use self::errors::Errors;

/// Expands one `machine!` invocation.
///
/// Never panics: every problem with the input becomes a `compile_error!` on the offending tokens.
/// When there are errors, the output still holds the machine's public types with stub bodies
/// (see `codegen::fallback`), so the user sees the real errors and not their echoes.
pub fn expand(input: TokenStream) -> TokenStream {
    let syntax = match syn::parse2::<parse::MachineDef>(input) {
        Ok(syntax) => syntax,
        Err(error) => return error.to_compile_error(),
    };
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
            tokens.extend(codegen::fallback(&machine));
            tokens
        }
    }
}
