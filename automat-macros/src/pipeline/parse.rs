//! Stage 1: the grammar of `machine!`, one `Parse` impl per production.
//!
//! ```text
//! input       := ("@" "crate" "=" tokens ";")? machine
//! machine     := attribute* visibility "machine" IDENT "{" item* "}"
//! item        := attribute* (state | input | output | transition)
//! state       := "initial"? "final"? "state" IDENT ";"
//! input       := "input" IDENT "(" params ")" ("->" TYPE)? ";"
//! output      := "output" IDENT "(" params ")" ("->" TYPE)? ";"
//! params      := (IDENT ":" TYPE),* ","?
//! transition  := (IDENT | "_") "+" IDENT "=>" IDENT ("/" IDENT ("," IDENT)*)? ";"
//! ```
//!
//! The `@crate = path;` prefix is added by the facade's `machine!` wrapper (it passes `$crate`, so
//! renamed dependencies work); users never write it.
//!
//! Parsing recovers at `;`: an item that does not parse is recorded in `MachineDef::errors` and
//! the parser skips to the next item, so one build reports every syntax error.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{braced, parenthesized, Attribute, Ident, Token, Type, Visibility};

pub mod kw {
    syn::custom_keyword!(machine);
    syn::custom_keyword!(state);
    syn::custom_keyword!(input);
    syn::custom_keyword!(output);
    syn::custom_keyword!(initial);
}

/// A whole `machine!` invocation.
pub struct MachineDef {
    /// The path of the facade crate, when given by the `@crate = ...;` prefix.
    pub krate: Option<TokenStream>,
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    pub items: Vec<Item>,
    /// Items that failed to parse; the parser skipped each to its `;`.
    pub errors: Vec<syn::Error>,
}

pub enum Item {
    State(StateDecl),
    Input(Signature),
    Output(Signature),
    Transition(TransitionDecl),
}

/// `initial final state Name;`
pub struct StateDecl {
    pub attrs: Vec<Attribute>,
    pub initial: Option<kw::initial>,
    pub final_: Option<Token![final]>,
    pub name: Ident,
}

/// `input name(a: A, b: B) -> R;` or `output name(...) -> R;`
pub struct Signature {
    pub attrs: Vec<Attribute>,
    pub name: Ident,
    pub params: Vec<ParamDecl>,
    pub ret: Option<Type>,
}

/// `name: Type`
pub struct ParamDecl {
    pub name: Ident,
    pub ty: Type,
}

/// `Source + input => Target / output, output;`
pub struct TransitionDecl {
    pub attrs: Vec<Attribute>,
    pub source: Source,
    pub input: Ident,
    pub target: Ident,
    pub outputs: Vec<Ident>,
}

pub enum Source {
    State(Ident),
    /// `_`: every non-final state that has no transition of its own on the input.
    Any(Token![_]),
}

impl Parse for MachineDef {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate = if input.peek(Token![@]) {
            input.parse::<Token![@]>()?;
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            let mut path = TokenStream::new();
            while !input.is_empty() && !input.peek(Token![;]) {
                path.extend([input.parse::<TokenTree>()?]);
            }
            input.parse::<Token![;]>()?;
            // `$crate` (what the facade passes) is an identifier that no parser accepts as a path.
            let is_dollar_crate = matches!(
                path.clone().into_iter().collect::<Vec<_>>().as_slice(),
                [TokenTree::Ident(ident)] if ident == "$crate"
            );
            if !is_dollar_crate {
                check_crate_path(path.clone())?;
            }
            Some(path)
        } else {
            None
        };
        let attrs = input.call(Attribute::parse_outer)?;
        let vis: Visibility = input.parse()?;
        if !input.peek(kw::machine) {
            return Err(input.error("expected `machine`, as in `pub machine Name { ... }`"));
        }
        input.parse::<kw::machine>()?;
        let name: Ident = input.parse()?;
        let body;
        braced!(body in input);
        let mut items = Vec::new();
        let mut errors = Vec::new();
        while !body.is_empty() {
            match body.parse::<Item>() {
                Ok(item) => items.push(item),
                Err(error) => {
                    errors.push(error);
                    skip_past_semicolon(&body);
                }
            }
        }
        if !input.is_empty() {
            return Err(
                input.error("unexpected tokens after the machine; `machine!` declares one machine")
            );
        }
        Ok(MachineDef {
            krate,
            attrs,
            vis,
            name,
            items,
            errors,
        })
    }
}

/// A path to the facade crate: `::a::b`, `crate::x` and the like, every segment a plain
/// identifier (a keyword such as `try` would parse as a segment but not compile as a type path).
fn check_crate_path(tokens: TokenStream) -> syn::Result<()> {
    let path: syn::Path = syn::parse2(tokens)?;
    for segment in &path.segments {
        let name = segment.ident.to_string();
        let plain = syn::parse_str::<Ident>(&name).is_ok()
            || matches!(name.as_str(), "crate" | "self" | "super");
        if !plain || !segment.arguments.is_none() {
            return Err(syn::Error::new_spanned(
                &segment.ident,
                "expected a path to the automat-rs crate",
            ));
        }
    }
    Ok(())
}

/// Skips token trees up to and including the next top-level `;`, to resume after a bad item.
fn skip_past_semicolon(input: ParseStream) {
    while !input.is_empty() {
        if input.peek(Token![;]) {
            let _ = input.parse::<Token![;]>();
            return;
        }
        if input.parse::<TokenTree>().is_err() {
            return;
        }
    }
}

impl Parse for Item {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        // A transition starts with a name (or `_`) and `+`; checked first, so that states may be
        // called `state`, `input`, ... without being taken for keywords.
        let starts_transition =
            (input.peek(Ident) || input.peek(Token![_])) && input.peek2(Token![+]);
        if starts_transition {
            return input
                .parse()
                .map(|t: TransitionDecl| Item::Transition(TransitionDecl { attrs, ..t }));
        }
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::initial) || lookahead.peek(Token![final]) || lookahead.peek(kw::state)
        {
            let initial = input.parse()?;
            let final_ = input.parse()?;
            if !input.peek(kw::state) {
                return Err(input.error("expected `state`, as in `initial state Name;`"));
            }
            input.parse::<kw::state>()?;
            let name = input.parse()?;
            input.parse::<Token![;]>()?;
            Ok(Item::State(StateDecl {
                attrs,
                initial,
                final_,
                name,
            }))
        } else if lookahead.peek(kw::input) {
            input.parse::<kw::input>()?;
            Signature::parse_rest(input, attrs).map(Item::Input)
        } else if lookahead.peek(kw::output) {
            input.parse::<kw::output>()?;
            Signature::parse_rest(input, attrs).map(Item::Output)
        } else if input.peek(Ident) || input.peek(Token![_]) {
            // A name not followed by `+`: a transition missing its `+`, or a misspelt keyword.
            Err(input.error(
                "expected `state`, `input`, `output`, or a transition `Source + input => Target;`",
            ))
        } else {
            Err(lookahead.error())
        }
    }
}

impl Signature {
    fn parse_rest(input: ParseStream, attrs: Vec<Attribute>) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        if !input.peek(syn::token::Paren) {
            return Err(input.error(format!("expected `(` and parameters, as in `{name}();`")));
        }
        let content;
        parenthesized!(content in input);
        let params = match Punctuated::<ParamDecl, Token![,]>::parse_terminated(&content) {
            Ok(params) => params,
            Err(error) => {
                // Consume the rest of the parentheses: syn reports a group left half-read as an
                // "unexpected token" of the whole invocation, which would hide this error.
                let _ = content.parse::<TokenStream>();
                return Err(error);
            }
        };
        let ret = if input.peek(Token![->]) {
            input.parse::<Token![->]>()?;
            let ty: Type = input.parse()?;
            // `-> ()` means what no return type means.
            match &ty {
                Type::Tuple(tuple) if tuple.elems.is_empty() => None,
                _ => Some(ty),
            }
        } else {
            None
        };
        input.parse::<Token![;]>()?;
        Ok(Signature {
            attrs,
            name,
            params: params.into_iter().collect(),
            ret,
        })
    }
}

impl Parse for ParamDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![self])
            || (input.peek(Token![&]) && input.peek2(Token![self]))
            || (input.peek(Token![&]) && input.peek2(Token![mut]))
        {
            return Err(input.error(
                "inputs and outputs take no `self` parameter: the machine passes its core to outputs itself",
            ));
        }
        let name = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = input.parse()?;
        Ok(ParamDecl { name, ty })
    }
}

impl Parse for TransitionDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let source = if input.peek(Token![_]) {
            Source::Any(input.parse()?)
        } else {
            Source::State(input.parse()?)
        };
        input.parse::<Token![+]>()?;
        let input_name = input.parse()?;
        input.parse::<Token![=>]>()?;
        let target = input.parse()?;
        let mut outputs = Vec::new();
        if input.peek(Token![/]) {
            input.parse::<Token![/]>()?;
            outputs.push(input.parse()?);
            while input.peek(Token![,]) {
                input.parse::<Token![,]>()?;
                outputs.push(input.parse()?);
            }
        }
        if !input.peek(Token![;]) {
            return Err(input.error(if outputs.is_empty() {
                "expected `;` or `/` and the outputs of this transition"
            } else {
                "expected `,` and another output, or `;`"
            }));
        }
        input.parse::<Token![;]>()?;
        Ok(TransitionDecl {
            attrs: Vec::new(),
            source,
            input: input_name,
            target,
            outputs,
        })
    }
}
