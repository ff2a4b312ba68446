//! The derive front end: `#[derive(Machine)]` on the user's enum, lowered into the same
//! `MachineDef` that `machine!` parses, so both share every later stage.
//!
//! ```text
//! enum attributes := "#[machine(" machine ")]"         (machine as in parse.rs, without states)
//!                  | "#[machine(crate = " PATH ")]"     (the facade's path, if renamed)
//! variant         := attribute* IDENT ("{" (IDENT ":" TYPE),* "}" | "(" (field_attr? TYPE),* ")")?
//!                    ("=" EXPR)?
//! field_attr      := "#[machine(name = " IDENT ")]"       (else a positional field is `_0`, `_1`, ..)
//! variant attr    := "#[machine(" flag ("," flag)* ")]"
//! flag            := "initial" | "final" | ("entry" | "exit") ("=" IDENT | "(" IDENT,* ")")
//!                  | "serialized" "=" STRING | "allow" "(" IDENT,* ")"
//! ```
//!
//! Each variant is one state declaration (its docs, its flags, its fields), in order, before
//! the attribute's items. The user's enum is the machine's data enum (`Machine::user_data`):
//! it is not generated, and a step stores it, as `machine!`'s machine stores `NameData`. The
//! machine type, the state enum (without data), the input and return enums and the outputs
//! trait are generated next to it, named after the machine.
//!
//! Every mistake becomes a `syn::Error` in `MachineDef::errors` (so the fallback still defines
//! the machine's items), except a derive that cannot name its machine (no `#[machine(..)]`,
//! a struct or union), which is one error alone.

use std::fmt::Write as _;

use proc_macro2::{Span, TokenStream};
use syn::ext::IdentExt as _;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned as _;
use syn::{Attribute, Data, DeriveInput, Fields, Ident, Token, Visibility};

use super::parse::{kw, Item, MachineDef, ParamDecl, StateDecl};
use super::suggest;

/// Lowers the machine's enum, with the enums of its compound states (`known`, each from its
/// `#[derive(States)]`), into the syntax of a `machine!`, or the one error that stops it.
pub fn lower_tree(item: DeriveInput, known: &[DeriveInput]) -> syn::Result<MachineDef> {
    let variants = variants(item.data)?;
    let enum_name = item.ident;
    let (header, krate, mut docs, mut late_errors) = enum_attrs(item.attrs)?;
    let Some(mut def) = header else {
        return Err(syn::Error::new(
            enum_name.span(),
            format!(
                "`#[derive(Machine)]` needs the rest of the machine: add \
                 `#[machine(machine {enum_name}Machine {{ input ..; output ..; \
                 State + input => Next; }})]` to the enum (its variants are the states)"
            ),
        ));
    };
    def.errors.append(&mut late_errors);
    if let Some(path) = krate {
        def.krate = Some(path);
    }
    if matches!(def.vis, Visibility::Inherited) {
        def.vis = item.vis;
    }
    docs.append(&mut def.attrs);
    def.attrs = docs;
    // Both stop the derive alone: the machine's items would not fit the enum (a generic one),
    // or would declare it a second time.
    if let Some(param) = item.generics.params.first() {
        return Err(syn::Error::new(
            param.span(),
            format!(
                "`#[derive(Machine)]` does not take a generic enum (yet): give the fields of \
                 `{enum_name}` concrete types, or declare the machine with `machine!`, whose \
                 `machine Name<P>` takes parameters"
            ),
        ));
    }
    check_enum_name(&enum_name, &def.name)?;
    for attr in std::mem::take(&mut def.attrs) {
        if attr.path().is_ident("derive_data") {
            def.errors.push(syn::Error::new_spanned(
                &attr,
                format!(
                    "`#[derive_data(..)]` derives on the generated data enum, and a derived \
                     machine's data enum is `{enum_name}` itself: write `#[derive(..)]` on it"
                ),
            ));
        } else {
            def.attrs.push(attr);
        }
    }

    let serde = def.attrs.iter().any(|a| a.path().is_ident("serde"));
    let mut tree = Tree {
        known,
        open: vec![enum_name.unraw().to_string()],
        machine: def.name.clone(),
        serde,
        errors: Vec::new(),
    };
    let mut states = Vec::with_capacity(variants.len());
    for variant in variants {
        let tuple = match &variant.fields {
            Fields::Unnamed(fields) => Some(fields.paren_token.span.join()),
            _ => None,
        };
        let state = state_of(variant, &mut tree);
        if let (Some(span), true, None) = (tuple, serde, &state.children_enum) {
            def.errors.push(syn::Error::new(
                span,
                format!(
                    "a `#[serde]` machine writes each state's fields by name, and the fields of \
                     tuple variant `{}` have none in snapshots (not supported yet): give them \
                     names, as in `{} {{ name: Type }}`",
                    state.name.unraw(),
                    state.name.unraw()
                ),
            ));
        }
        states.push(Item::State(state));
    }
    def.errors.append(&mut tree.errors);
    let items = std::mem::take(&mut def.items);
    for item in items {
        match item {
            Item::State(state) => def.errors.push(syn::Error::new(
                state.name.span(),
                format!(
                    "declare state `{}` as a variant of `{enum_name}`: the enum's variants are the \
                     machine's states, and `#[machine(..)]` holds the rest",
                    state.name.unraw()
                ),
            )),
            other => states.push(other),
        }
    }
    def.items = states;
    def.user_data = Some(enum_name);
    Ok(def)
}

/// The variants of the derive's enum, or the error that it is none.
fn variants(data: Data) -> syn::Result<syn::punctuated::Punctuated<syn::Variant, Token![,]>> {
    match data {
        Data::Enum(data) => Ok(data.variants),
        Data::Struct(data) => Err(syn::Error::new(
            data.struct_token.span,
            "`#[derive(Machine)]` goes on an enum whose variants are the machine's states, not \
             on a struct: write `enum Name { Idle, Running { .. } }`, or declare the machine \
             with `machine!`",
        )),
        Data::Union(data) => Err(syn::Error::new(
            data.union_token.span,
            "`#[derive(Machine)]` goes on an enum whose variants are the machine's states, not \
             on a union: write `enum Name { Idle, Running { .. } }`",
        )),
    }
}

/// The enum's attributes the derive reads: its `#[machine(..)]` declaration (the first; a second
/// is an error, returned apart), the facade's path, and its docs (the machine's too).
#[allow(clippy::type_complexity)]
fn enum_attrs(
    attrs: Vec<Attribute>,
) -> syn::Result<(
    Option<MachineDef>,
    Option<TokenStream>,
    Vec<Attribute>,
    Vec<syn::Error>,
)> {
    let mut krate = None;
    let mut header: Option<MachineDef> = None;
    let mut docs = Vec::new();
    let mut late_errors = Vec::new();
    for attr in attrs {
        if attr.path().is_ident("doc") {
            docs.push(attr);
            continue;
        }
        if !attr.path().is_ident("machine") {
            continue;
        }
        match attr.parse_args_with(Header::parse)? {
            Header::Crate(path) => krate = Some(path),
            Header::Machine(def) => {
                if header.is_some() {
                    late_errors.push(syn::Error::new_spanned(
                        &attr,
                        "a second `#[machine(..)]` declaration: one `#[machine(machine Name { .. })]` \
                         holds the whole machine; move these items into it",
                    ));
                } else {
                    header = Some(*def);
                }
            }
        }
    }
    Ok((header, krate, docs, late_errors))
}

/// What one `#[machine(..)]` on the enum holds.
enum Header {
    Crate(TokenStream),
    Machine(Box<MachineDef>),
}

impl Parse for Header {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        if input.peek(Token![crate]) && input.peek2(Token![=]) {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            let path: syn::Path = input.parse().map_err(|error| {
                syn::Error::new(
                    error.span(),
                    "expected the facade's path: `#[machine(crate = my_automat)]`",
                )
            })?;
            let path = quote::ToTokens::into_token_stream(path);
            // A keyword in it (`try::automat_rs`) parses as a path, but is none in Rust.
            super::parse::check_crate_path(path.clone())?;
            if !input.is_empty() {
                return Err(input.error("expected nothing more after the facade's path"));
            }
            return Ok(Header::Crate(path));
        }
        let fork = input.fork();
        if let Ok(flag) = Ident::parse_any(&fork) {
            if FLAGS.contains(&flag.to_string().as_str()) {
                return Err(syn::Error::new(
                    flag.span(),
                    format!(
                        "`#[machine({flag})]` goes on a variant, the state it marks: the enum's \
                         own `#[machine(..)]` holds the machine, as in `#[machine(machine Name {{ .. }})]`"
                    ),
                ));
            }
        }
        Ok(Header::Machine(Box::new(input.parse()?)))
    }
}

/// The names the machine generates next to the enum: the enum must not take one of them
/// (except `NameData`, the role it plays).
fn check_enum_name(enum_name: &Ident, machine: &Ident) -> syn::Result<()> {
    let taken = [
        ("", "the machine"),
        ("State", "the state without its data"),
        ("Input", "the input enum"),
        ("Return", "the return enum"),
        ("Outputs", "the outputs trait"),
        ("Record", "a journal's record"),
        ("Failure", "the failure enum"),
        ("Observed", "the observed machine"),
        ("Compound", "the compound states"),
        ("At", "the typed machine"),
        ("TypedState", "the typed states' trait"),
    ];
    let name = enum_name.unraw().to_string();
    let machine = machine.unraw().to_string();
    for (suffix, what) in taken {
        if name == format!("{machine}{suffix}") {
            return Err(syn::Error::new(
                enum_name.span(),
                format!(
                    "the machine `{machine}` generates `{name}` ({what}) next to this enum: name \
                     the enum `{machine}Data`, or the machine otherwise"
                ),
            ));
        }
    }
    Ok(())
}

/// What lowering a variant may look up: the enums of compound states, and which of them are
/// being lowered (a compound that holds one of those would hold itself).
struct Tree<'k> {
    known: &'k [DeriveInput],
    open: Vec<String>,
    machine: Ident,
    serde: bool,
    errors: Vec<syn::Error>,
}

/// The enum a compound variant holds: `OnStates` in `#[machine(compound)] On(OnStates)`.
fn held_enum(fields: &Fields) -> Option<&syn::TypePath> {
    let Fields::Unnamed(fields) = fields else {
        return None;
    };
    let mut fields = fields.unnamed.iter();
    match (fields.next().map(|f| &f.ty), fields.next()) {
        (Some(syn::Type::Path(path)), None)
            if path.qself.is_none()
                && path
                    .path
                    .segments
                    .iter()
                    .all(|s| matches!(s.arguments, syn::PathArguments::None))
                // An enum's own name: its `#[derive(States)]` callback is a macro of that name,
                // which `Self`, `crate` and the like cannot be.
                && path.path.segments.last().is_some_and(|s| {
                    !matches!(
                        s.ident.to_string().as_str(),
                        "Self" | "self" | "super" | "crate"
                    )
                }) =>
        {
            Some(path)
        }
        _ => None,
    }
}

/// Whether a variant says `#[machine(.., compound, ..)]` (read before its flags are parsed, to
/// find the enums the derive must be given).
fn marked_compound(variant: &syn::Variant) -> bool {
    variant
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("machine"))
        .filter_map(|a| a.meta.require_list().ok())
        .any(|list| {
            // A flag of its own (`compound` between commas), not an action named so
            // (`entry = compound`).
            let trees: Vec<proc_macro2::TokenTree> = list.tokens.clone().into_iter().collect();
            let comma = |t: Option<&proc_macro2::TokenTree>| {
                t.is_none_or(
                    |t| matches!(t, proc_macro2::TokenTree::Punct(p) if p.as_char() == ','),
                )
            };
            trees.iter().enumerate().any(|(k, t)| {
                matches!(t, proc_macro2::TokenTree::Ident(i) if i == "compound")
                    && comma(k.checked_sub(1).and_then(|k| trees.get(k)))
                    && comma(trees.get(k + 1))
            })
        })
}

/// The first enum of a compound state (depth first) that the derive has not been given yet:
/// the `#[derive(States)]` callback to ask for next, or `None` when the tree is complete.
pub fn pending<'a>(root: &'a DeriveInput, known: &'a [DeriveInput]) -> Option<&'a syn::Path> {
    fn walk<'a>(
        item: &'a DeriveInput,
        known: &'a [DeriveInput],
        seen: &mut Vec<String>,
    ) -> Option<&'a syn::Path> {
        let Data::Enum(data) = &item.data else {
            return None;
        };
        for variant in data.variants.iter().filter(|v| marked_compound(v)) {
            let Some(held) = held_enum(&variant.fields) else {
                continue;
            };
            let Some(last) = held.path.segments.last() else {
                continue;
            };
            let name = last.ident.unraw().to_string();
            if seen.contains(&name) {
                continue;
            }
            match known.iter().find(|k| k.ident.unraw() == name) {
                Some(inner) => {
                    seen.push(name);
                    if let Some(path) = walk(inner, known, seen) {
                        return Some(path);
                    }
                }
                None => return Some(&held.path),
            }
        }
        None
    }
    walk(root, known, &mut vec![root.ident.unraw().to_string()])
}

/// A compound variant's children: the variants of the enum it holds, lowered in turn. `false`
/// (an error reported) when it holds none: the variant is then lowered as it is written, so the
/// machine's fallback items still match it.
fn children_of(state: &mut StateDecl, flag: Span, fields: &Fields, tree: &mut Tree<'_>) -> bool {
    let name = state.name.unraw().to_string();
    let Some(held) = held_enum(fields) else {
        tree.errors.push(syn::Error::new(
            flag,
            format!(
                "a compound state's variant holds the enum of the states inside it: write \
                 `{name}({name}States)`, with `#[derive(automat_rs::States)]` on `{name}States`"
            ),
        ));
        return false;
    };
    if tree.serde {
        tree.errors.push(syn::Error::new(
            flag,
            "a `#[serde]` derived machine cannot have compound states (not supported yet): \
             declare the machine with `machine!`, whose snapshots take compound states",
        ));
    }
    let held_name = held
        .path
        .segments
        .last()
        .map(|s| s.ident.unraw().to_string());
    let Some(held_name) = held_name else {
        return false;
    };
    if tree.open.contains(&held_name) {
        tree.errors.push(syn::Error::new_spanned(
            held,
            format!(
                "`{held_name}` holds the compound state `{name}`, which would be inside itself: \
                 a compound's enum holds the states below it only"
            ),
        ));
        return false;
    }
    let Some(inner) = tree.known.iter().find(|k| k.ident.unraw() == held_name) else {
        tree.errors.push(syn::Error::new_spanned(
            held,
            format!(
                "`{held_name}` is not an enum of states: derive `automat_rs::States` on it, in \
                 this module"
            ),
        ));
        return false;
    };
    if let Err(error) = check_enum_name(&inner.ident, &tree.machine) {
        tree.errors.push(error);
    }
    if let Some(param) = inner.generics.params.first() {
        tree.errors.push(syn::Error::new(
            param.span(),
            format!("`#[derive(States)]` does not take a generic enum (yet): give the fields of `{held_name}` concrete types"),
        ));
    }
    let Data::Enum(data) = &inner.data else {
        return false;
    };
    tree.open.push(held_name);
    for variant in data.variants.iter().cloned() {
        let child = state_of(variant, tree);
        state.children.push(child);
    }
    tree.open.pop();
    state.children_enum = Some(quote::ToTokens::into_token_stream(&held.path));
    true
}

/// One variant as a state declaration (with its children, for a compound state's).
fn state_of(variant: syn::Variant, tree: &mut Tree<'_>) -> StateDecl {
    let errors = &mut tree.errors;
    let mut state = StateDecl {
        attrs: Vec::new(),
        initial: None,
        final_: None,
        name: variant.ident,
        entry: Vec::new(),
        exit: Vec::new(),
        fields: Vec::new(),
        children: Vec::new(),
        positional: false,
        children_enum: None,
        errors: Vec::new(),
    };
    let mut compound = None;
    for attr in variant.attrs {
        if attr.path().is_ident("doc") {
            state.attrs.push(attr);
        } else if attr.path().is_ident("machine") {
            match attr.parse_args_with(|input: ParseStream| flags(input, &mut state, &mut compound))
            {
                Ok(()) => {}
                Err(error) => errors.push(error),
            }
        }
    }
    if let Some(flag) = compound {
        if children_of(&mut state, flag, &variant.fields, tree) {
            return state;
        }
    }
    let errors = &mut tree.errors;
    match variant.fields {
        Fields::Unit => {}
        Fields::Named(fields) => {
            for field in fields.named {
                if let Some(attr) = field.attrs.iter().find(|a| a.path().is_ident("machine")) {
                    errors.push(syn::Error::new_spanned(
                        attr,
                        format!(
                            "`#[machine(..)]` marks a state, not a field: put it on the variant `{}`",
                            state.name.unraw()
                        ),
                    ));
                }
                if let Some(name) = field.ident {
                    state.fields.push(ParamDecl { name, ty: field.ty });
                }
            }
        }
        Fields::Unnamed(fields) => {
            // Positional fields: `_0`, `_1`, .. unless `#[machine(name = cause)]` names one
            // (the name guards, outputs and bindings take it by).
            state.positional = true;
            for (k, field) in fields.unnamed.into_iter().enumerate() {
                let mut name = Ident::new(&format!("_{k}"), field.ty.span());
                for attr in field.attrs.iter().filter(|a| a.path().is_ident("machine")) {
                    match attr.parse_args_with(field_name) {
                        Ok(given) => name = given,
                        Err(error) => errors.push(error),
                    }
                }
                state.fields.push(ParamDecl { name, ty: field.ty });
            }
        }
    }
    state
}

/// `name = cause` in a positional field's `#[machine(..)]`.
fn field_name(input: ParseStream) -> syn::Result<Ident> {
    let key = Ident::parse_any(input)?;
    if key != "name" || !input.peek(Token![=]) {
        return Err(syn::Error::new(
            key.span(),
            "a positional field's `#[machine(..)]` names it: write `#[machine(name = cause)]`",
        ));
    }
    input.parse::<Token![=]>()?;
    let name: Ident = input.parse()?;
    if !input.is_empty() {
        return Err(input.error("expected nothing more after the field's name"));
    }
    Ok(name)
}

/// What a variant's `#[machine(..)]` may say.
const FLAGS: [&str; 7] = [
    "initial",
    "final",
    "entry",
    "exit",
    "serialized",
    "allow",
    "compound",
];

/// The flags of a variant's `#[machine(..)]` (`compound`: where it says so).
fn flags(
    input: ParseStream,
    state: &mut StateDecl,
    compound: &mut Option<Span>,
) -> syn::Result<()> {
    loop {
        let flag = Ident::parse_any(input)?;
        let span = flag.span();
        match flag.to_string().as_str() {
            "initial" => state.initial = Some(kw::initial { span }),
            "compound" => *compound = Some(span),
            "final" => state.final_ = Some(Token![final](span)),
            "entry" | "exit" => {
                let names = actions(input, &flag)?;
                if flag == "entry" {
                    state.entry.extend(names);
                } else {
                    state.exit.extend(names);
                }
            }
            "serialized" => {
                input.parse::<Token![=]>().map_err(|error| {
                    syn::Error::new(
                        error.span(),
                        "expected `serialized = \"name\"`, the name in snapshots and journals",
                    )
                })?;
                let name: syn::LitStr = input.parse()?;
                let attr: Attribute = syn::parse_quote_spanned!(span=> #[serialized = #name]);
                state.attrs.push(attr);
            }
            "allow" => {
                let content;
                syn::parenthesized!(content in input);
                let lints: TokenStream = content.parse()?;
                let attr: Attribute = syn::parse_quote_spanned!(span=> #[allow(#lints)]);
                state.attrs.push(attr);
            }
            other => {
                let mut message = format!("unknown flag `{other}` on a state");
                if let Some(close) = suggest::closest(other, FLAGS) {
                    let _ = write!(message, ": did you mean `{close}`?");
                } else {
                    message.push_str(
                        ": a variant takes `initial`, `final`, `entry = action`, `exit = action`, \
                         `serialized = \"name\"`, `allow(unreachable)` and `compound`",
                    );
                }
                return Err(syn::Error::new(span, message));
            }
        }
        if input.is_empty() {
            return Ok(());
        }
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            return Ok(());
        }
    }
}

/// `= action` or `(a, b)` after `entry`/`exit`.
fn actions(input: ParseStream, flag: &Ident) -> syn::Result<Vec<Ident>> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
        return Ok(vec![Ident::parse_any(input)?]);
    }
    if input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in input);
        let names = content.parse_terminated(Ident::parse_any, Token![,])?;
        return Ok(names.into_iter().collect());
    }
    Err(syn::Error::new(
        flag.span(),
        format!("expected the action `{flag}` runs: write `{flag} = action` or `{flag}(a, b)`"),
    ))
}

/// The facade's path for a derived machine: its `#[machine(crate = path)]`, or `::automat_rs`.
pub fn facade(item: &DeriveInput) -> TokenStream {
    item.attrs
        .iter()
        .filter(|a| a.path().is_ident("machine"))
        .find_map(|a| match a.parse_args_with(Header::parse) {
            Ok(Header::Crate(path)) => Some(path),
            _ => None,
        })
        .unwrap_or_else(|| quote::quote!(::automat_rs))
}

/// The name of the callback `#[derive(States)]` defines for `enum_name`.
fn callback_name(enum_name: &Ident) -> Ident {
    quote::format_ident!("__automat_states_{}", enum_name.unraw())
}

/// `#[derive(States)]`: a `macro_rules!` that hands the enum's tokens to the machine's derive
/// when it asks, imported under the enum's own name (macros have a namespace of their own), so
/// that `#[machine(compound)] On(OnStates)` finds it as `OnStates!`.
///
/// The machine's derive cannot read another item; a callback is how one derive gives another
/// its input. The enum's variants are lowered by the machine's derive, with the rest.
pub fn states(item: &DeriveInput) -> syn::Result<TokenStream> {
    let name = &item.ident;
    match &item.data {
        Data::Enum(_) => {}
        Data::Struct(data) => {
            return Err(syn::Error::new(
                data.struct_token.span,
                "`#[derive(States)]` goes on an enum whose variants are the states inside a \
                 compound state, not on a struct",
            ))
        }
        Data::Union(data) => {
            return Err(syn::Error::new(
                data.union_token.span,
                "`#[derive(States)]` goes on an enum whose variants are the states inside a \
                 compound state, not on a union",
            ))
        }
    }
    if let Some(attr) = item.attrs.iter().find(|a| a.path().is_ident("machine")) {
        return Err(syn::Error::new_spanned(
            attr,
            format!(
                "`#[derive(States)]` declares the states inside a compound state; the machine is \
                 declared on the enum that holds `{name}` in its `#[machine(compound)]` variant: \
                 move this `#[machine(..)]` there, or derive `Machine` on `{name}`"
            ),
        ));
    }
    let mac = callback_name(name);
    let doc =
        format!("The states of `{name}`, for the machine that holds them (`#[derive(States)]`).");
    Ok(quote::quote! {
        #[doc(hidden)]
        macro_rules! #mac {
            (@automat_compound [$($krate:tt)*] $root:tt { $($known:tt)* }) => {
                $($krate)*::__private::derive_compound! {
                    [$($krate)*] $root { $($known)* { #item } }
                }
            };
        }
        #[doc = #doc]
        #[doc(hidden)]
        #[allow(unused_imports)]
        use #mac as #name;
    })
}

/// The call of the next compound enum's callback, with the machine's enum and those known.
pub fn callback(
    krate: &TokenStream,
    next: &syn::Path,
    root: &DeriveInput,
    known: &[DeriveInput],
) -> TokenStream {
    quote::quote! {
        #next! { @automat_compound [#krate] { #root } { #({ #known })* } }
    }
}

/// What the hidden `derive_compound!` receives: `[facade] { machine's enum } { { enum } .. }`.
pub struct Gathered {
    pub krate: TokenStream,
    pub root: DeriveInput,
    pub known: Vec<DeriveInput>,
}

impl Parse for Gathered {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let krate;
        syn::bracketed!(krate in input);
        let root;
        syn::braced!(root in input);
        let list;
        syn::braced!(list in input);
        let mut known = Vec::new();
        while !list.is_empty() {
            let item;
            syn::braced!(item in list);
            known.push(item.parse()?);
        }
        Ok(Gathered {
            krate: krate.parse()?,
            root: root.parse()?,
            known,
        })
    }
}
