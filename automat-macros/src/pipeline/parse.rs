//! Stage 1: the grammar of `machine!`, one `Parse` impl per production.
//!
//! ```text
//! input       := ("@" "crate" "=" tokens ";")? machine
//! machine     := attribute* visibility "machine" IDENT generics? where_clause? "{" item* "}"
//! item        := attribute* (state | input | output | guard | context | transition)
//! context     := "context" IDENT ":" TYPE ";"
//! state       := "initial"? "final"? "state" IDENT (";" | "{" state_item* "}")
//! state_item  := ("entry" | "exit") IDENT ("," IDENT)* ";" | IDENT ":" TYPE ("," | ";")?
//!              | attribute* state                (a state inside a compound state)
//! input       := "input" IDENT lifetimes? "(" params ")" ("->" TYPE)? ";"
//! output      := "async"? "output" IDENT lifetimes? "(" params ")" ("->" TYPE)? ";"
//! guard       := "guard" IDENT lifetimes? "(" params ")" ("->" "bool")? ";"
//! lifetimes   := "<" LIFETIME ("," LIFETIME)* ","? ">"
//! params      := (IDENT ":" TYPE),* ","?
//! transition  := sources ("+" (IDENT | timer))? ("[" guard_expr "]")? "=>" "reenter"? target
//!                ("/" use ("," use)*)? ("else" target ("/" IDENT ("," IDENT)*)?)? ";"
//!                (without `+ IDENT`: an eventless transition)
//! timer       := "after" "(" (IDENT | INTEGER ("ms" | "s" | "min" | "h")) ")"
//! sources     := "_" | IDENT ("|" IDENT)*
//! target      := (IDENT | "_") ("{" binding ("," binding)* ","? "}")?
//!              | IDENT "." "history" "*"?       (a compound's shallow or deep history)
//! binding     := IDENT "=" IDENT "?"?
//! use         := IDENT "?"?
//! guard_expr  := guard names combined with "&&", "||", "!" and parentheses
//! ```
//!
//! The `@crate = path;` prefix is added by the facade's `machine!` wrapper (it passes `$crate`, so
//! renamed dependencies work); users never write it.
//!
//! Parsing recovers at `;` (and inside a state's block, at its items): an item that does not
//! parse is recorded in `MachineDef::errors` and the parser skips to the next item, so one build
//! reports every syntax error.

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt as _;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{braced, bracketed, parenthesized, Attribute, Ident, Token, Type, Visibility};

pub mod kw {
    syn::custom_keyword!(machine);
    syn::custom_keyword!(state);
    syn::custom_keyword!(input);
    syn::custom_keyword!(output);
    syn::custom_keyword!(initial);
    syn::custom_keyword!(guard);
    syn::custom_keyword!(entry);
    syn::custom_keyword!(exit);
    syn::custom_keyword!(reenter);
    syn::custom_keyword!(after);
    syn::custom_keyword!(context);
    syn::custom_keyword!(history);
}

/// A whole `machine!` invocation.
pub struct MachineDef {
    /// The path of the facade crate, when given by the `@crate = ...;` prefix.
    pub krate: Option<TokenStream>,
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub name: Ident,
    /// `<P: Peer, const N: usize> where P: Clone`: the machine's type and const parameters.
    pub generics: syn::Generics,
    pub items: Vec<Item>,
    /// Items that failed to parse; the parser skipped each to its `;`.
    pub errors: Vec<syn::Error>,
    /// The user's enum that is the machine's state with its data, when the derive front end
    /// built this syntax (`#[derive(Machine)]`): the data enum is then theirs, not generated.
    pub user_data: Option<Ident>,
}

pub enum Item {
    State(StateDecl),
    Input(Signature),
    Output(Signature),
    Guard(Signature),
    /// `context cx: &mut Context;`: what every input method and `handle` take first.
    Context(ContextDecl),
    Transition(TransitionDecl),
}

/// `context cx: &mut Context;`
pub struct ContextDecl {
    pub attrs: Vec<Attribute>,
    pub keyword: kw::context,
    pub name: Ident,
    pub ty: Type,
}

/// `initial final state Name;` or `state Name { conn: Connection, retries: u32; entry a, b; exit c; }`
pub struct StateDecl {
    pub attrs: Vec<Attribute>,
    pub initial: Option<kw::initial>,
    pub final_: Option<Token![final]>,
    pub name: Ident,
    /// `entry a, b;` lines, in order.
    pub entry: Vec<Ident>,
    /// `exit c;` lines, in order.
    pub exit: Vec<Ident>,
    /// The data the state carries: `conn: Connection`, in order.
    pub fields: Vec<ParamDecl>,
    /// The states declared inside its block: a state with children is compound.
    pub children: Vec<StateDecl>,
    /// Its fields are positional (a derived enum's tuple variant): each is written by its index.
    pub positional: bool,
    /// A derived compound state (`#[machine(compound)] On(OnStates)`): the type of the user's
    /// enum whose variants are its children, which the data enum's variant holds.
    pub children_enum: Option<TokenStream>,
    /// Items of the block that did not parse (the block's other items still count).
    pub errors: Vec<syn::Error>,
}

/// `input name(a: A, b: B) -> R;`, `output name(...) -> R;` or `guard name(...);`
pub struct Signature {
    pub attrs: Vec<Attribute>,
    /// `async output ..`: the output's method returns a future.
    pub asyncness: Option<Token![async]>,
    pub name: Ident,
    /// `<'a, 'b: 'a>` after the name: the lifetimes its parameters borrow for.
    pub lifetimes: Vec<syn::LifetimeParam>,
    pub params: Vec<ParamDecl>,
    pub ret: Option<Type>,
    /// A mistake the parser recovered from (`input done;`, without parentheses): reported, and
    /// the declaration kept as its likeliest meaning, so that its method still exists.
    pub recovered: Option<syn::Error>,
}

/// `name: Type`
pub struct ParamDecl {
    pub name: Ident,
    pub ty: Type,
}

/// `A | B + input [guard] => reenter Target / output?, output else Other / output;`
pub struct TransitionDecl {
    pub attrs: Vec<Attribute>,
    pub source: Source,
    /// `+ input`; `None` for an eventless transition (`Checking [valid] => Approved;`) and for
    /// a timer (`Open + after(unlock_time) => Locked;`).
    pub input: Option<Ident>,
    /// `+ after(duration)`: the transition a timer takes when it runs out.
    pub timer: Option<TimerDecl>,
    pub guard: Option<GuardSyntax>,
    pub reenter: Option<kw::reenter>,
    pub target: Target,
    pub outputs: Vec<OutputUse>,
    pub otherwise: Option<ElseDecl>,
}

/// `after(unlock_time)` or `after(30s)`: how long the source state waits.
pub struct TimerDecl {
    /// The `after` keyword.
    pub after: kw::after,
    pub duration: DurationDecl,
}

pub enum DurationDecl {
    /// `after(unlock_time)`: the outputs trait's `fn unlock_time(&self) -> Duration`, asked each
    /// time the state is entered.
    Method(Ident),
    /// `after(30s)`, `after(250ms)`: a constant (units `ms`, `s`, `min`, `h`).
    Literal(syn::LitInt),
}

pub enum Source {
    /// `A` or `A | B | C`: a transition from each listed state.
    States(Vec<Ident>),
    /// `_`: every non-final state that has no transition of its own on the input.
    Any(Token![_]),
}

pub enum Target {
    State(Ident, Vec<BindingDecl>),
    /// `_`: stay in the source state.
    Stay(Token![_], Vec<BindingDecl>),
    /// `Working.history` (shallow) or `Working.history*` (deep): the child (or leaf) of
    /// `Working` that was last active, its initial one before it was ever left.
    History {
        state: Ident,
        history: kw::history,
        deep: Option<Token![*]>,
    },
}

/// `field = value` in `=> Target { field = value }`: the target's field `field` is filled from
/// `value` (an output, which then produces it, `value?` when fallible; or an input argument or
/// a field of the source state, moved under the new name).
pub struct BindingDecl {
    pub field: Ident,
    pub value: Ident,
    pub fallible: Option<Token![?]>,
}

/// An output named in a transition: `heat` or, fallible, `heat?`.
pub struct OutputUse {
    pub name: Ident,
    pub fallible: Option<Token![?]>,
}

/// `else Target / outputs`: where a failing fallible output sends the step instead.
pub struct ElseDecl {
    pub token: Token![else],
    pub target: Target,
    pub outputs: Vec<Ident>,
}

/// `[has_water && !descaling]`: the expression, and its tokens for errors.
pub struct GuardSyntax {
    pub expr: GuardExpr,
    pub tokens: TokenStream,
}

/// A guard expression over guard names.
pub enum GuardExpr {
    Name(Ident),
    Not(Box<GuardExpr>),
    And(Box<GuardExpr>, Box<GuardExpr>),
    Or(Box<GuardExpr>, Box<GuardExpr>),
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
        if let Some(error) = const_without_type(input) {
            return Err(error);
        }
        let mut generics: syn::Generics = input.parse()?;
        if input.peek(Token![where]) {
            generics.where_clause = Some(input.parse()?);
        }
        if !input.peek(syn::token::Brace) {
            return Err(input.error(format!(
                "expected the body of `machine {name}` in braces: write `machine {name} {{ .. }}`"
            )));
        }
        let body;
        braced!(body in input);
        let mut items = Vec::new();
        let mut errors = Vec::new();
        while !body.is_empty() {
            match body.parse::<Item>() {
                Ok(Item::State(mut state)) => {
                    errors.append(&mut state.errors);
                    items.push(Item::State(state));
                }
                Ok(mut item) => {
                    if let Item::Input(sig) | Item::Output(sig) | Item::Guard(sig) = &mut item {
                        errors.extend(sig.recovered.take());
                    }
                    items.push(item);
                }
                Err(error) => {
                    errors.push(error);
                    skip_past_semicolon(&body);
                }
            }
        }
        if !input.is_empty() {
            return Err(input.error(if input.peek(Token![;]) {
                "remove the `;` after the machine's block: `machine!` takes the machine alone"
            } else if input.peek(kw::machine) || input.peek2(kw::machine) {
                "`machine!` declares one machine: write each one in a `machine!` call of its own"
            } else {
                "unexpected tokens after the machine: remove them (`machine!` declares one machine)"
            }));
        }
        Ok(MachineDef {
            krate,
            attrs,
            vis,
            name,
            generics,
            items,
            errors,
            user_data: None,
        })
    }
}

/// `<const N>`: a const parameter without its type, which syn reports as a bare "expected `:`".
fn const_without_type(input: ParseStream) -> Option<syn::Error> {
    if !input.peek(Token![<]) {
        return None;
    }
    let fork = input.fork();
    let _ = fork.parse::<Token![<]>();
    while !fork.is_empty() && !fork.peek(Token![>]) {
        if fork.peek(Token![const]) {
            let _ = fork.parse::<Token![const]>();
            let name = fork.parse::<Ident>().ok()?;
            if !fork.peek(Token![:]) {
                return Some(syn::Error::new(
                    name.span(),
                    format!("a const parameter needs its type: write `const {name}: usize`"),
                ));
            }
        }
        fork.parse::<TokenTree>().ok()?;
    }
    None
}

/// A path to the facade crate: `::a::b`, `crate::x` and the like, every segment a plain
/// identifier (a keyword such as `try` would parse as a segment but not compile as a type path).
pub fn check_crate_path(tokens: TokenStream) -> syn::Result<()> {
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
        // A transition starts with a name (or `_`) and `+` or `|` (`=>` or `[`: an eventless
        // one); checked first, so that states may be called `state`, `input`, ... without being
        // taken for keywords.
        let starts_transition = (input.peek(Ident) || input.peek(Token![_]))
            && (input.peek2(Token![+])
                || input.peek2(Token![|])
                || input.peek2(Token![=>])
                || input.peek2(syn::token::Bracket));
        if starts_transition {
            return input
                .parse()
                .map(|t: TransitionDecl| Item::Transition(TransitionDecl { attrs, ..t }));
        }
        if input.peek(Token![async]) {
            return Item::parse_async(input, attrs);
        }
        let lookahead = input.lookahead1();
        if lookahead.peek(kw::initial) || lookahead.peek(Token![final]) || lookahead.peek(kw::state)
        {
            StateDecl::parse_rest(input, attrs).map(Item::State)
        } else if lookahead.peek(kw::input) {
            input.parse::<kw::input>()?;
            Signature::parse_rest(input, attrs).map(Item::Input)
        } else if lookahead.peek(kw::output) {
            input.parse::<kw::output>()?;
            Signature::parse_rest(input, attrs).map(Item::Output)
        } else if lookahead.peek(kw::guard) {
            input.parse::<kw::guard>()?;
            Signature::parse_rest(input, attrs).map(Item::Guard)
        } else if lookahead.peek(kw::context) {
            Item::parse_context(input, attrs)
        } else if let Some(error) = not_an_item(input) {
            Err(error)
        } else if input.peek(Ident) || input.peek(Token![_]) {
            // A name not followed by `+`: a transition missing its `+`, or a misspelt keyword.
            let mut message = ITEM_START.to_owned();
            let keywords = [
                "initial", "final", "state", "input", "output", "guard", "context", "async",
            ];
            if let Some((word, close)) = input.fork().parse::<Ident>().ok().and_then(|word| {
                super::suggest::closest(&word.to_string(), keywords).map(|close| (word, close))
            }) {
                message = format!(
                    "`{word}` is not a keyword of `machine!`; did you mean `{close}`? (an item is \
                     `state`, `input`, `output`, `guard`, `context`, or a transition \
                     `Source + input => Target;`)"
                );
            }
            Err(input.error(message))
        } else {
            // `lookahead` would list the keywords only, leaving transitions out.
            drop(lookahead);
            Err(input.error(ITEM_START))
        }
    }
}

impl Item {
    /// `async output name(..);`, and the errors for `async` before anything else.
    fn parse_async(input: ParseStream, attrs: Vec<Attribute>) -> syn::Result<Self> {
        let asyncness: Token![async] = input.parse()?;
        if !input.peek(kw::output) {
            let what = if input.peek(kw::guard) {
                "remove `async`: a guard is never async, since it is tried, and may be \
                     discarded, before anything changes; read what it needs from the core, and \
                     await in an output"
            } else if input.peek(kw::input) {
                "remove `async`: an input is not declared async, since every input method \
                     becomes `async fn` as soon as the machine has an `async output`"
            } else if input.peek(Token![fn]) {
                return Err(input.error(
                    "`fn` is not an item of `machine!`: write `async output` for an output \
                         the machine awaits, as in `async output dial();`",
                ));
            } else {
                "only outputs are async: write `async output connect(..);` (entry and exit \
                     actions that name them are awaited too)"
            };
            return Err(syn::Error::new(asyncness.span, what));
        }
        input.parse::<kw::output>()?;
        Signature::parse_rest(input, attrs).map(|mut sig| {
            sig.asyncness = Some(asyncness);
            Item::Output(sig)
        })
    }

    /// `context name: Type;`
    fn parse_context(input: ParseStream, attrs: Vec<Attribute>) -> syn::Result<Self> {
        let keyword = input.parse::<kw::context>()?;
        if input.peek(Token![self]) {
            return Err(input.error(
                "`self` cannot name the context: rename it, as in `context cx: &mut Context;`",
            ));
        }
        if input.peek(Ident) && !input.peek2(Token![:]) {
            let name: Ident = input.parse()?;
            return Err(input.error(format!(
                "expected `:` and the context's type after `context {name}`, as in \
                     `context {name}: &mut Context;`"
            )));
        }
        if !input.peek(Ident) {
            return Err(input.error(
                "expected a name and a type after `context`, as in `context cx: &mut Context;`",
            ));
        }
        let name = input.parse()?;
        input.parse::<Token![:]>()?;
        let ty = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Item::Context(ContextDecl {
            attrs,
            keyword,
            name,
            ty,
        }))
    }
}

/// Whether the next tokens start a declaration (`state`, `input`, ...), where an item that lacks
/// its `;` may end without losing the next one.
fn starts_declaration(input: ParseStream) -> bool {
    input.peek(kw::state)
        || input.peek(kw::initial)
        || input.peek(Token![final])
        || input.peek(kw::input)
        || input.peek(kw::output)
        || input.peek(kw::guard)
        || input.peek(kw::context)
        || input.peek(Token![async])
        || input.peek(Token![#])
}

/// The name a declaration gives `what`; a Rust keyword there gets the raw form to write instead
/// (or, for the keywords that have none, a rename).
fn declared_name(input: ParseStream, what: &str) -> syn::Result<Ident> {
    if input.peek(Ident) {
        return input.parse();
    }
    let Ok(word) = input.fork().call(Ident::parse_any) else {
        return input.parse();
    };
    let text = word.to_string();
    let message = if text == "async" && what != "a state" {
        "`async` comes first: write `async output name(..);`, not `output async name(..);`"
            .to_owned()
    } else if NO_RAW_FORM.contains(&text.as_str()) {
        format!(
            "`{text}` is a Rust keyword, which cannot name {what} even as `r#{text}`; rename it"
        )
    } else {
        format!("`{text}` is a Rust keyword; write `r#{text}` to use it as the name of {what}, or rename it")
    };
    Err(syn::Error::new(word.span(), message))
}

/// The keywords that have no raw form (`r#self` is no identifier), so cannot name anything.
const NO_RAW_FORM: [&str; 5] = ["self", "Self", "super", "crate", "_"];

/// A name used in a transition. A Rust keyword is taken as its raw form (`move` as `r#move`), so
/// that a declaration rejected for its keyword name is reported once, not at every use.
fn used_name(input: ParseStream) -> syn::Result<Ident> {
    if input.peek(Ident) {
        return input.parse();
    }
    match input.fork().call(Ident::parse_any) {
        // `else` goes on to the route; the keywords without a raw form stay errors.
        Ok(word) if word != "else" && !NO_RAW_FORM.contains(&word.to_string().as_str()) => {
            let _ = input.call(Ident::parse_any);
            Ok(Ident::new_raw(&word.to_string(), word.span()))
        }
        _ => input.parse(),
    }
}

/// The error for a transition that does not end with `;` where it should: a second `else`, or
/// a missing `;` (what else could have come is named after `pair`, the transition's start).
fn unended_transition(
    input: ParseStream,
    pair: &str,
    no_outputs: bool,
    has_else: bool,
) -> syn::Error {
    if input.peek(Token![else]) {
        return input.error(
            "a transition has one `else` route: remove this one (a failure of any of its \
                     fallible outputs takes the first)",
        );
    }
    input.error(match (no_outputs, has_else) {
        (_, true) => format!(
            "add `;` to end the transition `{pair} => ..`, or `,` and another output of \
                     its `else` route"
        ),
        (true, false) => format!(
            "add `;` to end the transition `{pair} => ..`, or `/` and its outputs, as in \
                     `{pair} => Target / output;`"
        ),
        (false, false) => format!(
            "add `;` to end the transition `{pair} => ..`, or `,` and another output, or \
                     `else` and where a failure goes"
        ),
    })
}

/// The outputs after a transition's `/`: `a, b?, c`. The known mistakes get their own errors: no
/// output at all, `lock()` for `lock`, two names without a `,`.
fn parse_output_uses(input: ParseStream, slash: Token![/]) -> syn::Result<Vec<OutputUse>> {
    let mut outputs = Vec::new();
    loop {
        if !input.peek(Ident) && input.fork().call(Ident::parse_any).is_err() {
            let message = if outputs.is_empty() {
                "expected an output after `/`: name one, as in `/ unlock`, or remove the `/`"
            } else {
                "expected another output after `,`: name one, or remove the `,`"
            };
            return Err(if input.is_empty() {
                syn::Error::new(slash.span, message)
            } else {
                input.error(message)
            });
        }
        let name = used_name(input)?;
        if input.peek(syn::token::Paren) {
            return Err(input.error(format!(
                "outputs are named without `()` in a transition: write `{name}`; it receives the \
                 input's arguments by name"
            )));
        }
        outputs.push(OutputUse {
            name,
            fallible: input.parse()?,
        });
        let next_starts_transition = input.peek2(Token![+])
            || input.peek2(Token![|])
            || input.peek2(Token![=>])
            || input.peek2(syn::token::Bracket);
        if input.peek(Ident) && !next_starts_transition {
            return Err(input.error(format!(
                "expected `,` between outputs: write `{}, ..`",
                outputs
                    .last()
                    .map(|use_| use_.name.to_string())
                    .unwrap_or_default()
            )));
        }
        if !input.peek(Token![,]) {
            return Ok(outputs);
        }
        input.parse::<Token![,]>()?;
    }
}

/// The error for a second name after a target: a misspelt `reenter`, or two targets.
fn two_targets(input: ParseStream, target: &Target) -> syn::Error {
    let (Target::State(first, _) | Target::History { state: first, .. }) = target else {
        return input
            .error("expected one target: `_` stays in the source state; remove the name after it");
    };
    let second = input
        .fork()
        .parse::<Ident>()
        .map(|name| name.to_string())
        .unwrap_or_default();
    match super::suggest::closest(&first.to_string(), ["reenter"]) {
        Some(close) => syn::Error::new(
            first.span(),
            format!("`{first}` is not a keyword of `machine!`; did you mean `{close} {second}`?"),
        ),
        None => input.error(format!(
            "a transition has one target, `{first}`: remove `{second}`, or add `/` before it if it \
             is an output"
        )),
    }
}

/// What may start an item, for the errors on a token that starts none.
const ITEM_START: &str = "expected `state`, `input`, `output`, `guard`, `context`, or a \
                          transition `Source + input => Target;`";

/// The error for an item start that is a known mistake: `*` for `_`, a Rust item, a `,` after a
/// source. `None` when the tokens are not one of those.
fn not_an_item(input: ParseStream) -> Option<syn::Error> {
    if input.peek(Token![*]) {
        return Some(
            input.error(
                "`*` is not a source: write `_` for every state, as in `_ + reset => Idle;`",
            ),
        );
    }
    let rust_items: [(&str, &str); 11] = [
        ("enum", "declare it outside the `machine!` block, and name it in a parameter's type"),
        ("struct", "declare it outside the `machine!` block, and name it in a parameter's type"),
        ("type", "declare it outside the `machine!` block, and name it in a parameter's type"),
        ("use", "put the `use` outside the `machine!` block"),
        ("const", "declare it outside the `machine!` block"),
        ("static", "declare it outside the `machine!` block"),
        ("mod", "declare it outside the `machine!` block"),
        ("trait", "declare it outside the `machine!` block"),
        ("impl", "write the `impl` outside the `machine!` block (the core implements the outputs trait there)"),
        ("fn", "declare an input (`input name(..);`) or an output (`output name(..);`), and write its body in the core's `impl` of the outputs trait"),
        ("let", "keep values in the core or in a state's data (`state Name { field: Type }`)"),
    ];
    let word = input.fork().call(Ident::parse_any).ok()?;
    let text = word.to_string();
    if let Some((keyword, fix)) = rust_items.iter().find(|(keyword, _)| *keyword == text) {
        return Some(syn::Error::new(
            word.span(),
            format!("a Rust `{keyword}` is not an item of `machine!`; {fix}"),
        ));
    }
    if input.peek(Ident) && input.peek2(Token![,]) {
        let fork = input.fork();
        let _ = fork.parse::<Ident>();
        return Some(fork.error(format!(
            "a `,` cannot follow `{word}` here: write `+` and an input, as in `{word} + coin => ..`, \
             or `|` and another source, as in `{word} | Other + coin => ..`"
        )));
    }
    None
}

impl StateDecl {
    fn parse_rest(input: ParseStream, attrs: Vec<Attribute>) -> syn::Result<Self> {
        let initial: Option<kw::initial> = input.parse()?;
        let final_: Option<Token![final]> = input.parse()?;
        if let (None, Some(final_)) = (&initial, &final_) {
            if input.peek(kw::initial) {
                return Err(syn::Error::new(
                    final_.span,
                    "`initial` comes before `final`: write `initial final state Name;`",
                ));
            }
        }
        if !input.peek(kw::state) {
            return Err(input.error("expected `state`, as in `initial state Name;`"));
        }
        input.parse::<kw::state>()?;
        let name = declared_name(input, "a state")?;
        let mut state = StateDecl {
            attrs,
            initial,
            final_,
            name,
            entry: Vec::new(),
            exit: Vec::new(),
            fields: Vec::new(),
            children: Vec::new(),
            positional: false,
            children_enum: None,
            errors: Vec::new(),
        };
        if input.peek(syn::token::Brace) {
            let block;
            braced!(block in input);
            while !block.is_empty() {
                if let Err(error) = state.parse_block_item(&block) {
                    state.errors.push(error);
                    skip_past_semicolon(&block);
                }
            }
            // A `;` after the block is allowed, as after any other declaration.
            let _ = input.parse::<Option<Token![;]>>()?;
            return Ok(state);
        }
        if !input.peek(Token![;]) {
            let name = &state.name;
            if input.peek(Token![<]) {
                return Err(input.error(format!(
                    "a state takes no type parameters: declare them on the machine (`machine \
                     Name<T>`), and give `{name}` its data as fields, as in `state {name} {{ value: T }}`"
                )));
            }
            if input.peek(Token![in]) || input.peek(Token![:]) || input.peek(Token![.]) {
                let fork = input.fork();
                let dotted = fork.parse::<Option<Token![.]>>()?.is_some();
                if !dotted {
                    let _ = fork.parse::<Option<Token![in]>>()?;
                    let _ = fork.parse::<Option<Token![:]>>()?;
                }
                let other = fork.parse::<Ident>().ok();
                let initial = if state.initial.is_some() {
                    "initial "
                } else {
                    ""
                };
                let example = match (dotted, other) {
                    (true, Some(child)) => format!("state {name} {{ {initial}state {child}; }}"),
                    (false, Some(parent)) => format!("state {parent} {{ {initial}state {name}; }}"),
                    (_, None) => format!("state Parent {{ {initial}state {name}; }}"),
                };
                return Err(input.error(format!(
                    "a state inside another is declared in that state's braces: write `{example}`"
                )));
            }
            let error = input.error(format!(
                "expected `;` after `state {name}`, or a block of its data and its entry and exit \
                 actions, as in `state {name} {{ count: u32; entry start; exit stop; }}`"
            ));
            if starts_declaration(input) {
                // `state A` then `state B;` on the next line: A is kept, B parsed on its own.
                state.errors.push(error);
                return Ok(state);
            }
            return Err(error);
        }
        input.parse::<Token![;]>()?;
        Ok(state)
    }

    /// `entry a, b;`, `exit c;`, a field `name: Type` (then `,` or `;`), or a state inside it.
    fn parse_block_item(&mut self, block: ParseStream) -> syn::Result<()> {
        let attrs_ahead = block.peek(Token![#]);
        if attrs_ahead
            || ((block.peek(kw::initial) || block.peek(Token![final]) || block.peek(kw::state))
                && !block.peek2(Token![:]))
        {
            let attrs = block.call(Attribute::parse_outer)?;
            let mut child = StateDecl::parse_rest(block, attrs)?;
            self.errors.append(&mut child.errors);
            self.children.push(child);
            return Ok(());
        }
        if block.peek(Ident) && block.peek2(Token![:]) && !block.peek2(Token![::]) {
            let name: Ident = block.parse()?;
            block.parse::<Token![:]>()?;
            let ty = one_type(block, &name)?;
            self.fields.push(ParamDecl { name, ty });
            if block.peek(Token![,]) {
                block.parse::<Token![,]>()?;
            } else if block.peek(Token![;]) {
                block.parse::<Token![;]>()?;
            } else if !block.is_empty() {
                return Err(block.error(
                    "expected `,` or `;` after the field, as in `state Connected { conn: Connection, retries: u32; }`",
                ));
            }
            return Ok(());
        }
        let list = if block.peek(kw::entry) {
            block.parse::<kw::entry>()?;
            &mut self.entry
        } else if block.peek(kw::exit) {
            block.parse::<kw::exit>()?;
            &mut self.exit
        } else {
            return Err(block.error(format!(
                "expected a field `name: Type`, `entry` or `exit` in the block of state `{name}`, as \
                 in `state {name} {{ count: u32; entry start; exit stop; }}`",
                name = self.name
            )));
        };
        let names = Punctuated::<Ident, Token![,]>::parse_separated_nonempty(block)?;
        list.extend(names);
        if !block.peek(Token![;]) {
            return Err(block.error(
                "expected `,` and another action, or `;`, as in `entry power_on, start_timer;`",
            ));
        }
        block.parse::<Token![;]>()?;
        Ok(())
    }
}

impl Signature {
    fn parse_rest(input: ParseStream, attrs: Vec<Attribute>) -> syn::Result<Self> {
        let name = declared_name(input, "an input, output or guard")?;
        let mut lifetimes = Vec::new();
        if input.peek(Token![<]) {
            let generics: syn::Generics = input.parse()?;
            for param in generics.params {
                match param {
                    syn::GenericParam::Lifetime(lifetime) => lifetimes.push(lifetime),
                    other => {
                        return Err(syn::Error::new_spanned(
                            other,
                            format!(
                                "`{name}` may declare lifetimes only (`{name}<'a>`); declare type \
                                 parameters on the machine, as in `machine Name<T> {{ .. }}`"
                            ),
                        ))
                    }
                }
            }
        }
        if !input.peek(syn::token::Paren) {
            let error = input.error(format!("expected `(` and parameters, as in `{name}();`"));
            if input.peek(Token![;]) {
                // `input done;`: no parameters meant; kept as `done()`.
                input.parse::<Token![;]>()?;
                return Ok(Signature {
                    attrs,
                    asyncness: None,
                    name,
                    lifetimes,
                    params: Vec::new(),
                    ret: None,
                    recovered: Some(error),
                });
            }
            return Err(error);
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
            if input.peek(Token![;]) || input.is_empty() {
                return Err(input.error(format!(
                    "expected the type `{name}` returns after `->`, as in `-> u32`, or remove the `->`"
                )));
            }
            let ty: Type = input.parse()?;
            // `-> ()` means what no return type means.
            match &ty {
                Type::Tuple(tuple) if tuple.elems.is_empty() => None,
                _ => Some(ty),
            }
        } else {
            None
        };
        if !input.peek(Token![;]) {
            let error = if input.peek(Token![,]) {
                input.error(format!(
                    "write `;` for this `,`: a declaration ends with `;`, as in `{name}(..);`"
                ))
            } else {
                input.error(format!(
                    "expected `;` after the declaration of `{name}`: add it"
                ))
            };
            return Err(error);
        }
        input.parse::<Token![;]>()?;
        Ok(Signature {
            attrs,
            asyncness: None,
            name,
            lifetimes,
            params: params.into_iter().collect(),
            ret,
            recovered: None,
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
                "remove the `self` parameter: inputs and outputs take none, since the machine \
                 passes its core to outputs itself",
            ));
        }
        let name: Ident = input.parse()?;
        if !input.peek(Token![:]) {
            return Err(input.error(format!(
                "expected `:` and the type of `{name}`, as in `{name}: u32`"
            )));
        }
        input.parse::<Token![:]>()?;
        if input.peek(Token![impl]) {
            return Err(input.error(format!(
                "a parameter cannot be `impl Trait`, since the machine's input enum stores it: \
                 declare a type parameter on the machine, as in `machine Name<T: Trait>`, and \
                 write `{name}: T`"
            )));
        }
        if input.is_empty() || input.peek(Token![,]) {
            return Err(input.error(format!(
                "expected the type of `{name}` after `:`, as in `{name}: u32`"
            )));
        }
        let ty = one_type(input, &name)?;
        if input.peek(Token![=]) {
            return Err(input.error(
                "a parameter takes no default value: remove the `= ..`; every caller passes it",
            ));
        }
        Ok(ParamDecl { name, ty })
    }
}

impl Parse for TransitionDecl {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let source = Source::parse(input)?;
        // The messages name what came before; built only when there is an error.
        let eventless = input.peek(Token![=>]) || input.peek(syn::token::Bracket);
        if !input.peek(Token![+]) && !eventless {
            let source = source.text();
            return Err(input.error(format!(
                "expected `+` and an input after `{source}`, as in `{source} + input => Target;` \
                 (or `=>` for an eventless transition, `{source} [guard] => Target;`)"
            )));
        }
        let mut timer = None;
        let input_name: Option<Ident> = if eventless {
            None
        } else {
            input.parse::<Token![+]>()?;
            if input.peek(kw::after) && input.peek2(syn::token::Paren) {
                timer = Some(TimerDecl::parse(input)?);
                None
            } else if input.peek(Token![=>]) || input.peek(syn::token::Bracket) {
                let source = source.text();
                return Err(input.error(format!(
                    "expected an input after `{source} +`: name one, as in `{source} + push => ..`, \
                     or remove the `+` for an eventless transition (`{source} => ..`)"
                )));
            } else {
                Some(used_name(input)?)
            }
        };
        let pair = || match (&input_name, &timer) {
            (Some(name), _) => format!("{} + {name}", source.text()),
            (None, Some(timer)) => format!("{} + {}", source.text(), timer.text()),
            (None, None) => source.text(),
        };
        let guard = if input.peek(syn::token::Bracket) {
            Some(input.parse()?)
        } else {
            None
        };
        if input_name.as_ref().is_some_and(|name| name == "after") && input.peek(syn::Lit) {
            return Err(input.error("a timer's duration goes in parentheses: write `after(30s)`"));
        }
        if !input.peek(Token![=>]) {
            let pair = pair();
            return Err(input.error(format!(
                "expected `=>` and a target after `{pair}`, as in `{pair} => Target;`"
            )));
        }
        input.parse::<Token![=>]>()?;
        let reenter = input.parse()?;
        let target = Target::parse_after(input, || format!("{} =>", pair()))?;
        if input.peek(Ident) {
            return Err(two_targets(input, &target));
        }
        if input.peek(syn::token::Bracket) {
            return Err(
                input.error("a guard goes before `=>`: write `Source + input [guard] => Target;`")
            );
        }
        if input.peek(Token![|]) {
            return Err(input.error(
                "a transition has one target: remove `| ..`, or write one transition per target, \
                 with guards to choose between them",
            ));
        }
        let outputs = if input.peek(Token![/]) {
            let slash: Token![/] = input.parse()?;
            parse_output_uses(input, slash)?
        } else {
            Vec::new()
        };
        let otherwise: Option<ElseDecl> = if input.peek(Token![else]) {
            Some(input.parse()?)
        } else {
            None
        };
        if !input.peek(Token![;]) {
            return Err(unended_transition(
                input,
                &pair(),
                outputs.is_empty(),
                otherwise.is_some(),
            ));
        }
        input.parse::<Token![;]>()?;
        Ok(TransitionDecl {
            attrs: Vec::new(),
            source,
            input: input_name,
            timer,
            guard,
            reenter,
            target,
            outputs,
            otherwise,
        })
    }
}

impl Parse for Source {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![_]) {
            let any: Token![_] = input.parse()?;
            if input.peek(Token![|]) {
                return Err(syn::Error::new(
                    any.span,
                    "`_` stands for every state already: write `_` alone, or list the states with \
                     `|` (`A | B + input`)",
                ));
            }
            return Ok(Source::Any(any));
        }
        let mut states = vec![used_name(input)?];
        loop {
            if input.peek(Token![||]) {
                return Err(
                    input.error("one `|` goes between sources: write `A | B + input => ..`")
                );
            }
            if !input.peek(Token![|]) {
                break;
            }
            input.parse::<Token![|]>()?;
            if input.peek(Token![_]) {
                return Err(input.error(
                    "`_` stands for every state already, so it cannot be one of several sources; \
                     remove it, or write `_` alone",
                ));
            }
            states.push(used_name(input)?);
        }
        Ok(Source::States(states))
    }
}

impl Parse for TimerDecl {
    /// `after(unlock_time)` or `after(30s)`.
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let after: kw::after = input.parse()?;
        let content;
        parenthesized!(content in input);
        let duration = if content.peek(syn::LitInt) {
            let literal: syn::LitInt = content.parse()?;
            if !matches!(literal.suffix(), "ms" | "s" | "min" | "h") {
                return Err(syn::Error::new(
                    literal.span(),
                    format!(
                        "expected a duration with its unit, `ms`, `s`, `min` or `h`, as in \
                         `after(30s)`; found `{literal}`"
                    ),
                ));
            }
            DurationDecl::Literal(literal)
        } else if content.peek(syn::LitFloat) {
            let literal: syn::LitFloat = content.parse()?;
            return Err(syn::Error::new(
                literal.span(),
                fractional_duration(&literal),
            ));
        } else if content.peek(Ident) {
            DurationDecl::Method(content.parse()?)
        } else {
            return Err(content.error(
                "expected how long the state waits: a duration, as in `after(30s)`, or the name \
                 of an output-trait method that returns it, as in `after(unlock_time)`",
            ));
        };
        if !content.is_empty() {
            return Err(content
                .error("expected `)` after the duration: a timer takes one, as in `after(30s)`"));
        }
        Ok(TimerDecl { after, duration })
    }
}

/// The error for `after(1.5s)`: a duration is a whole number of its unit; the same duration in
/// the next smaller unit when it is whole there.
fn fractional_duration(literal: &syn::LitFloat) -> String {
    let smaller = match literal.suffix() {
        "s" => Some((1000.0, "ms")),
        "min" => Some((60.0, "s")),
        "h" => Some((60.0, "min")),
        _ => None,
    };
    let value: Option<f64> = literal.base10_parse().ok();
    match (smaller, value) {
        (Some((factor, unit)), Some(value)) if (value * factor).fract() == 0.0 => format!(
            "a duration is a whole number of its unit: write `{}{unit}` for `{literal}`",
            value * factor
        ),
        _ => format!(
            "a duration is a whole number of its unit, `ms`, `s`, `min` or `h`: write it in a \
             smaller unit, as in `1500ms` for `1.5s`; found `{literal}`"
        ),
    }
}

impl TimerDecl {
    /// `after(30s)` as written.
    pub fn text(&self) -> String {
        match &self.duration {
            DurationDecl::Method(name) => format!("after({name})"),
            DurationDecl::Literal(literal) => format!("after({literal})"),
        }
    }
}

impl Source {
    /// The source as written: `A`, `A | B` or `_`.
    fn text(&self) -> String {
        match self {
            Source::Any(_) => "_".to_owned(),
            Source::States(states) => states
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" | "),
        }
    }
}

impl Parse for GuardSyntax {
    /// `[expression]`
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let content;
        let bracket = bracketed!(content in input);
        if content.is_empty() {
            return Err(syn::Error::new(
                bracket.span.join(),
                "expected a guard expression in the brackets, as in `[has_water && !descaling]`",
            ));
        }
        let fork = content.fork();
        if fork.parse::<syn::Expr>().is_err() || !fork.is_empty() {
            if let Some(error) = word_operator(content.fork().parse::<TokenStream>()?) {
                let _ = content.parse::<TokenStream>();
                return Err(error);
            }
        }
        let expr: syn::Expr = content.parse()?;
        let tokens = expr.to_token_stream();
        Ok(GuardSyntax {
            expr: GuardExpr::from_expr(&expr)?,
            tokens,
        })
    }
}

impl Parse for ElseDecl {
    /// `else Target / output, output`
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let token = input.parse()?;
        let target = Target::parse_after(input, || "else".to_owned())?;
        let mut outputs = Vec::new();
        if input.peek(Token![/]) {
            input.parse::<Token![/]>()?;
            loop {
                outputs.push(input.parse::<Ident>()?);
                if input.peek(Token![?]) {
                    return Err(input.error(
                        "the outputs of an `else` route cannot be fallible: nothing is left to route \
                         their failure to; remove the `?`",
                    ));
                }
                if !input.peek(Token![,]) {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
        }
        Ok(ElseDecl {
            token,
            target,
            outputs,
        })
    }
}

impl Target {
    /// A target state, or `_` to stay, after `what` (for the error).
    fn parse_after(input: ParseStream, what: impl FnOnce() -> String) -> syn::Result<Self> {
        if input.peek(Token![_]) {
            let stay = input.parse()?;
            Ok(Target::Stay(stay, BindingDecl::parse_list(input)?))
        } else if input.peek(Ident) && !input.peek(Token![else]) {
            let name = input.parse()?;
            if input.peek(Token![.]) {
                input.parse::<Token![.]>()?;
                if !input.peek(kw::history) {
                    let found = input.fork().parse::<Ident>().ok();
                    let fix = if input.peek(Token![*]) && input.peek2(kw::history) {
                        format!("the `*` comes after: write `{name}.history*`")
                    } else if let Some(close) = found
                        .as_ref()
                        .and_then(|found| super::suggest::closest(&found.to_string(), ["history"]))
                    {
                        format!("did you mean `{name}.{close}`?")
                    } else {
                        format!("write `{name}.history`, or `{name}` alone to enter it anew")
                    };
                    return Err(input.error(format!(
                        "expected `history` after `{name}.` (`{name}.history` re-enters the child \
                         of `{name}` last active, `{name}.history*` the leaf); {fix}"
                    )));
                }
                return Ok(Target::History {
                    state: name,
                    history: input.parse()?,
                    deep: input.parse()?,
                });
            }
            Ok(Target::State(name, BindingDecl::parse_list(input)?))
        } else if input.peek(syn::LitStr) {
            let literal: syn::LitStr = input.fork().parse()?;
            Err(input.error(format!(
                "a target is a state's name, not a string: write `{}` without the quotes",
                literal.value()
            )))
        } else if input.peek(Token![self]) || input.peek(Token![Self]) {
            Err(input.error("write `_` to stay in the source state: `self` names no state here"))
        } else {
            let what = what();
            Err(input.error(format!(
                "write a target state after `{what}`, as in `{what} Target;`, or `_` to stay in \
                 the source state"
            )))
        }
    }
}

impl BindingDecl {
    /// `{ field = value, .. }` after a target, if there is one.
    fn parse_list(input: ParseStream) -> syn::Result<Vec<BindingDecl>> {
        if !input.peek(syn::token::Brace) {
            return Ok(Vec::new());
        }
        let content;
        braced!(content in input);
        let bindings = Punctuated::<BindingDecl, Token![,]>::parse_terminated(&content);
        match bindings {
            Ok(bindings) => Ok(bindings.into_iter().collect()),
            Err(error) => {
                let _ = content.parse::<TokenStream>();
                Err(error)
            }
        }
    }
}

impl Parse for BindingDecl {
    /// `field = value` or `field = value?`
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let field: Ident = input.parse()?;
        if !input.peek(Token![=]) {
            return Err(input.error(format!(
                "expected `=` and where field `{field}` comes from, as in `{{ {field} = connect? }}` \
                 (an output that produces it) or `{{ {field} = argument }}`"
            )));
        }
        input.parse::<Token![=]>()?;
        if !input.peek(Ident) {
            return Err(input.error(format!(
                "a binding's value is one name: an output that produces it, an argument of the \
                 input or a field of the source state; compute it in an output, as in \
                 `{{ {field} = fresh }}` with `output fresh() -> Type;`"
            )));
        }
        let value = input.parse()?;
        let fallible = input.parse()?;
        Ok(BindingDecl {
            field,
            value,
            fallible,
        })
    }
}

impl GuardExpr {
    /// Converts a Rust expression made of names, `&&`, `||`, `!` and parentheses.
    fn from_expr(expr: &syn::Expr) -> syn::Result<Self> {
        use syn::{BinOp, Expr, UnOp};
        match expr {
            Expr::Path(path) if path.qself.is_none() && path.attrs.is_empty() => path
                .path
                .get_ident()
                .map(|name| GuardExpr::Name(name.clone()))
                .ok_or_else(|| {
                    syn::Error::new_spanned(path, "expected the name of a declared guard")
                }),
            Expr::Paren(paren) => GuardExpr::from_expr(&paren.expr),
            Expr::Group(group) => GuardExpr::from_expr(&group.expr),
            Expr::Unary(unary) if matches!(unary.op, UnOp::Not(_)) => {
                Ok(GuardExpr::Not(Box::new(GuardExpr::from_expr(&unary.expr)?)))
            }
            Expr::Binary(binary) => {
                let (left, right) = (
                    GuardExpr::from_expr(&binary.left),
                    GuardExpr::from_expr(&binary.right),
                );
                match binary.op {
                    BinOp::And(_) => Ok(GuardExpr::And(Box::new(left?), Box::new(right?))),
                    BinOp::Or(_) => Ok(GuardExpr::Or(Box::new(left?), Box::new(right?))),
                    BinOp::BitAnd(op) => Err(syn::Error::new(
                        op.span(),
                        "write `&&` for `&`: guards combine with `&&`, `||` and `!`",
                    )),
                    BinOp::BitOr(op) => Err(syn::Error::new(
                        op.span(),
                        "write `||` for `|`: guards combine with `&&`, `||` and `!`",
                    )),
                    _ => Err(not_a_guard(expr)),
                }
            }
            _ => Err(not_a_guard(expr)),
        }
    }
}

/// `and`, `or` or `not` written for `&&`, `||` or `!` in a guard expression, if there is one.
fn word_operator(tokens: TokenStream) -> Option<syn::Error> {
    tokens.into_iter().find_map(|token| match token {
        TokenTree::Ident(word) => {
            let operator = match word.to_string().as_str() {
                "and" => "&&",
                "or" => "||",
                "not" => "!",
                _ => return None,
            };
            Some(syn::Error::new(
                word.span(),
                format!("write `{operator}` for `{word}`: guards combine with `&&`, `||` and `!`"),
            ))
        }
        TokenTree::Group(group) => word_operator(group.stream()),
        _ => None,
    })
}

fn not_a_guard(expr: &syn::Expr) -> syn::Error {
    if let syn::Expr::Call(call) = expr {
        if let syn::Expr::Path(path) = &*call.func {
            if let Some(name) = path.path.get_ident() {
                return syn::Error::new(
                    call.paren_token.span.open(),
                    format!(
                        "guards are named without `()` in a condition: write `{name}`; it receives \
                         the input's arguments by name"
                    ),
                );
            }
        }
    }
    syn::Error::new_spanned(
        expr,
        "a guard expression combines declared guards by name with `&&`, `||`, `!` and parentheses, \
         as in `[has_water && !descaling]`; declare a `guard` for this condition and name it here",
    )
}

/// The type of parameter or field `name`, with no `+` at the top: the machine passes parameters
/// and lends fields by reference (`&T`), where Rust takes `A + B` only in parentheses.
fn one_type(input: ParseStream, name: &Ident) -> syn::Result<Type> {
    let ty = Type::without_plus(input)?;
    if input.peek(Token![+]) {
        return Err(input.error(format!(
            "unexpected `+` in the type of `{name}`: it is one type; put bounds in parentheses \
             or a box, as in `{name}: Box<dyn Trait + Send>`"
        )));
    }
    Ok(ty)
}
