//! The macro never panics: thousands of mutated machines go through `expand`, and each must come
//! back as tokens that parse as Rust items (the machine, or `compile_error!` plus stubs).
//!
//! A machine is flattened into leaves and group delimiters, mutated (tokens dropped, duplicated,
//! swapped, renamed, inserted, delimiters broken), and rebuilt, so mutations reach every depth
//! and may unbalance groups. Run more cases with `PROPTEST_CASES=100000 cargo test -p
//! automat-macros proptests`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use quote::quote;

use super::{expand, expand_compound, expand_derive};

/// One token of a flattened stream.
#[derive(Clone, Debug)]
enum Flat {
    Leaf(TokenTree),
    Open(Delimiter),
    Close,
}

fn flatten(stream: TokenStream, out: &mut Vec<Flat>) {
    for tree in stream {
        match tree {
            TokenTree::Group(group) => {
                out.push(Flat::Open(group.delimiter()));
                flatten(group.stream(), out);
                out.push(Flat::Close);
            }
            leaf => out.push(Flat::Leaf(leaf)),
        }
    }
}

/// Rebuilds a stream; an unmatched close is dropped and unclosed groups are closed at the end.
fn rebuild(flat: &[Flat]) -> TokenStream {
    let mut stack: Vec<(Delimiter, TokenStream)> = vec![(Delimiter::None, TokenStream::new())];
    for token in flat {
        match token {
            Flat::Leaf(tree) => stack.last_mut().unwrap().1.extend([tree.clone()]),
            Flat::Open(delimiter) => stack.push((*delimiter, TokenStream::new())),
            Flat::Close => {
                if stack.len() > 1 {
                    let (delimiter, inner) = stack.pop().unwrap();
                    stack
                        .last_mut()
                        .unwrap()
                        .1
                        .extend([TokenTree::Group(Group::new(delimiter, inner))]);
                }
            }
        }
    }
    while stack.len() > 1 {
        let (delimiter, inner) = stack.pop().unwrap();
        stack
            .last_mut()
            .unwrap()
            .1
            .extend([TokenTree::Group(Group::new(delimiter, inner))]);
    }
    stack.pop().unwrap().1
}

/// Tokens a mutation may insert or rename to: the grammar's own words and punctuation, names a
/// machine uses, Rust keywords, literals and delimiters.
fn pool(n: usize) -> Vec<Flat> {
    const IDENTS: &[&str] = &[
        "machine",
        "state",
        "input",
        "output",
        "initial",
        "final",
        "pub",
        "crate",
        "self",
        "Self",
        "fn",
        "_",
        "Locked",
        "Unlocked",
        "coin",
        "push",
        "unlock",
        "Beans",
        "Cup",
        "u8",
        "derive_input",
        "allow",
        "unreachable",
        "unused",
        "doc",
        "new",
        "state",
        "handle",
        "r#type",
        // Reserved words: the fuzzer found `try` slipping through as a path segment.
        "try",
        "async",
        "dyn",
        "super",
        "serde",
        "serialized",
        // v0.2: guards, actions, routes.
        "guard",
        "entry",
        "exit",
        "reenter",
        "else",
        "has_water",
        "Result",
        "error",
        "bool",
        // v0.2: data on states.
        "conn",
        "retries",
        "core",
        "data",
        // v0.2: hierarchy, history, eventless transitions.
        "history",
        "Working",
        "Heating",
        "valid",
    ];
    const PUNCTS: &[&str] = &[
        "+", "=>", "/", ",", ";", ":", "->", "@", "#", "!", "=", "&", "<", ">", "::", "'", "|",
        "?", "&&", "||", ".", "*",
    ];
    let k = n % (IDENTS.len() + PUNCTS.len() + 6);
    let leaf = |tree: TokenTree| vec![Flat::Leaf(tree)];
    if k < IDENTS.len() {
        let name = IDENTS[k];
        let ident = match name.strip_prefix("r#") {
            Some(raw) => Ident::new_raw(raw, Span::call_site()),
            None => Ident::new(name, Span::call_site()),
        };
        return leaf(ident.into());
    }
    let k = k - IDENTS.len();
    if k < PUNCTS.len() {
        let chars: Vec<char> = PUNCTS[k].chars().collect();
        return chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                let spacing = if i + 1 < chars.len() {
                    Spacing::Joint
                } else {
                    Spacing::Alone
                };
                Flat::Leaf(Punct::new(c, spacing).into())
            })
            .collect();
    }
    match k - PUNCTS.len() {
        0 => leaf(Literal::string("doc text").into()),
        1 => leaf(Literal::u8_suffixed(7).into()),
        2 => vec![Flat::Open(Delimiter::Brace)],
        3 => vec![Flat::Open(Delimiter::Parenthesis)],
        4 => vec![Flat::Open(Delimiter::Bracket)],
        _ => vec![Flat::Close],
    }
}

#[derive(Clone, Debug)]
enum Mutation {
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Replace(usize, usize),
    Insert(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Duplicate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
    ]
}

fn apply(flat: &mut Vec<Flat>, mutation: &Mutation) {
    if flat.is_empty() {
        flat.extend(pool(0));
        return;
    }
    let at = |i: usize, len: usize| i % len;
    match *mutation {
        Mutation::Drop(i) => {
            flat.remove(at(i, flat.len()));
        }
        Mutation::Duplicate(i) => {
            let i = at(i, flat.len());
            flat.insert(i, flat[i].clone());
        }
        Mutation::Swap(a, b) => {
            let len = flat.len();
            flat.swap(at(a, len), at(b, len));
        }
        Mutation::Replace(i, n) => {
            let i = at(i, flat.len());
            flat.splice(i..=i, pool(n));
        }
        Mutation::Insert(i, n) => {
            let i = at(i, flat.len() + 1);
            flat.splice(i..i, pool(n));
        }
    }
}

/// Machines that exercise every production, with the facade's prefix on one of them.
#[allow(clippy::too_many_lines)] // one machine per feature, as a user writes them
fn seeds() -> Vec<TokenStream> {
    vec![
        quote! {
            /// A coffee brewer.
            #[derive_input(Debug, Clone)]
            pub machine CoffeeBrewer {
                /// Empty.
                initial state Empty;
                state Ready;
                state Brewing;
                final state Broken;
                #[allow(unreachable)]
                state Restored;
                input put_in_beans(beans: Beans, grams: u32);
                input brew() -> Cup;
                input done();
                input kick();
                output save_beans(beans: Beans);
                output log(beans: &Beans, grams: u32);
                output heat() -> Cup;
                #[allow(unused)]
                output complain();
                Empty + put_in_beans => Ready / log, save_beans;
                Ready + brew => Brewing / heat;
                Brewing + done => Empty;
                Restored + done => Empty;
                /// Kicked.
                _ + kick => Broken;
            }
        },
        quote! {
            /// Every v0.2 production of issue 11.
            pub machine Brewer {
                initial state Idle { entry power_on; exit power_off; }
                state Ready;
                state Brewing { entry start; }
                state Jammed;
                final state Broken;
                input fill(grams: u32);
                input brew(strength: u8) -> Cup;
                input done();
                input ping();
                input kick();
                guard has_water();
                guard enough(grams: u32);
                guard strong(strength: &u8);
                guard full();
                output power_on(); output power_off(); output start();
                output heat(strength: u8) -> Result<Cup, HeatError>;
                output complain(error: &HeatError);
                output pong();
                Idle + fill [has_water && (enough || !full)] => Ready;
                Idle + fill [has_water] => Idle;
                Ready + brew [strong] => Brewing / heat? else Jammed / complain;
                Ready + brew => Brewing / heat? else _;
                Brewing | Jammed + done => Idle;
                Idle + done => reenter _;
                _ + ping => _ / pong;
                _ + kick => Broken;
            }
        },
        quote! {
            @crate = ::automat_rs;
            #[derive_data(Debug)]
            machine Client {
                initial state Idle;
                state Connected { conn: Conn, retries: u32; entry hello; }
                state Backoff { retries: u32 }
                input opened(conn: Conn);
                input lost() -> u64;
                input retry();
                output zero() -> u32;
                output hello();
                output wait(retries: &u32) -> u64;
                output hang_up(conn: Conn);
                output bump(retries: &mut u32);
                output dial() -> Result<Conn, Fault>;
                Idle + opened => Connected { retries = zero };
                Connected + lost => Backoff / hang_up, wait;
                Backoff + retry => Connected { conn = dial? } / bump else _;
            }
        },
        quote! {
            machine Kettle {
                initial state Idle;
                state Working {
                    entry warm; exit cool;
                    initial state Heating;
                    state Boiling;
                }
                state Lifted;
                state Done;
                input start(); input heat(); input lift(); input put();
                guard valid();
                output warm(); output cool();
                Idle + start => Working;
                Heating + heat => Boiling;
                Working + lift => Lifted;
                Lifted + put => Working.history*;
                Lifted + start => Working.history;
                Boiling [valid] => Done;
                Done => Idle;
            }
        },
        quote! {
            @crate = ::automat_rs;
            machine Turnstile {
                initial state Locked;
                state Unlocked;
                input coin(); input push();
                output unlock(); output lock();
                Locked + coin => Unlocked / unlock;
                Unlocked + push => Locked / lock;
                Unlocked + coin => Unlocked;
            }
        },
    ]
}

/// 4096 cases per property in the normal test run; `PROPTEST_CASES` sets another number.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4096)
}

/// Expands `input`; fails the property if `expand` panics or writes something that is not Rust.
fn expands_cleanly(input: TokenStream) -> Result<(), TestCaseError> {
    expands_cleanly_with(expand, input)
}

/// The same for the front end `front` (`expand` or `expand_derive`).
fn expands_cleanly_with(
    front: fn(TokenStream) -> TokenStream,
    input: TokenStream,
) -> Result<(), TestCaseError> {
    let text = input.to_string();
    let output = catch_unwind(AssertUnwindSafe(|| front(input)))
        .map_err(|_| TestCaseError::fail(format!("expand panicked on: {text}")))?;
    syn::parse2::<syn::File>(output.clone()).map_err(|e| {
        TestCaseError::fail(format!(
            "output is not Rust items ({e}) for: {text}\n{output}"
        ))
    })?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn expand_never_panics_on_mutated_machines(
        seed in 0..4usize,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut flat = Vec::new();
        flatten(seeds().swap_remove(seed), &mut flat);
        for m in &mutations {
            apply(&mut flat, m);
        }
        expands_cleanly(rebuild(&flat))?;
    }

    #[test]
    fn the_derive_never_panics_on_mutated_enums(
        seed in 0..2usize,
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut flat = Vec::new();
        flatten(derive_seeds().swap_remove(seed), &mut flat);
        for m in &mutations {
            apply(&mut flat, m);
        }
        expands_cleanly_with(expand_derive, rebuild(&flat))?;
    }

    #[test]
    fn the_compound_stage_never_panics_on_mutated_enums(
        mutations in prop::collection::vec(mutation(), 1..8),
    ) {
        let mut flat = Vec::new();
        flatten(compound_seed(), &mut flat);
        for m in &mutations {
            apply(&mut flat, m);
        }
        expands_cleanly_with(expand_compound, rebuild(&flat))?;
    }

    #[test]
    fn the_derive_never_panics_on_random_token_soup(codes in prop::collection::vec(any::<usize>(), 0..64)) {
        let flat: Vec<Flat> = codes.into_iter().flat_map(pool).collect();
        expands_cleanly_with(expand_derive, rebuild(&flat))?;
    }

    #[test]
    fn expand_never_panics_on_random_token_soup(codes in prop::collection::vec(any::<usize>(), 0..64)) {
        let flat: Vec<Flat> = codes.into_iter().flat_map(pool).collect();
        expands_cleanly(rebuild(&flat))?;
    }
}

/// Enums for the derive: one without data, one with data, guards, bindings and actions.
fn derive_seeds() -> Vec<TokenStream> {
    vec![
        quote! {
            /// A coffee brewer.
            #[machine(
                #[derive_input(Debug, Clone)]
                pub machine CoffeeBrewer {
                    input put_in_beans(beans: Beans);
                    input brew() -> Cup;
                    input kick();
                    output save_beans(beans: Beans);
                    output heat() -> Cup;
                    output complain();
                    Empty + put_in_beans => Ready / save_beans;
                    Ready + brew => Empty / heat;
                    _ + kick => Broken / complain;
                }
            )]
            pub enum Brew {
                #[machine(initial)]
                Empty,
                Ready,
                #[machine(final)]
                Broken,
            }
        },
        quote! {
            #[machine(crate = ::automat_rs)]
            #[machine(
                machine Conn {
                    input dial(addr: &str);
                    input drop();
                    input close();
                    output flag() -> bool;
                    guard allowed(addr: &str);
                    output open(addr: &str) -> Result<u32, Refused>;
                    output hello();
                    Idle + dial [allowed] => Up { fd = open? } else Idle;
                    Up + drop => Idle;
                    Up + close => Closed { _1 = flag };
                    Closed + drop => Idle;
                }
            )]
            enum ConnData {
                #[machine(initial, serialized = "idle")]
                Idle,
                #[machine(entry = hello, exit(hello))]
                Up { fd: u32 },
                Closed(#[machine(name = fd)] u32, bool),
            }
        },
    ]
}

/// What the last `#[derive(States)]` callback of a derived machine with compound states hands
/// the hidden `derive_compound!`: the facade, the machine's enum, and every compound's enum.
fn compound_seed() -> TokenStream {
    quote! {
        [::automat_rs]
        {
            #[machine(
                machine Dishwasher {
                    input power(); input start(); input timer(); input open(); input close();
                    output power_on(); output chime();
                    guard dry();
                    Off + power => On;
                    Idle + start => Washing;
                    Rinse + timer => Soak;
                    Soak + timer => Drying { ticks = start_count };
                    Drying [dry] => Idle / chime;
                    On + open => DoorOpen;
                    DoorOpen + close => On.history*;
                }
            )]
            pub enum Washer {
                #[machine(initial)]
                Off,
                #[machine(compound, entry = power_on)]
                On(OnStates),
                DoorOpen,
            }
        }
        {
            {
                pub enum OnStates {
                    #[machine(initial)]
                    Idle,
                    #[machine(compound)]
                    Washing(WashingStates),
                    Drying { ticks: u32 },
                }
            }
            {
                pub enum WashingStates {
                    #[machine(initial)]
                    Rinse,
                    Soak,
                }
            }
        }
    }
}

#[test]
fn the_compound_seed_expands() {
    // The seed is one mistake away from a machine (a field and history): the errors say so.
    let out = expand_compound(compound_seed()).to_string();
    assert!(out.contains("start_count"), "{out}");
    let out = expand_compound(quote! {
        [::automat_rs]
        { #[machine(machine P { input go(); A + go => B; C + go => D; D + go => A; })] enum E { #[machine(initial)] A, #[machine(compound)] B(Bs) } }
        { { enum Bs { #[machine(initial)] C, D } } }
    })
    .to_string();
    assert!(!out.contains("compile_error"), "{out}");
}

#[test]
fn the_derive_seeds_are_valid_machines() {
    for seed in derive_seeds() {
        let out = expand_derive(seed).to_string();
        assert!(!out.contains("compile_error"), "{out}");
    }
}

#[test]
fn the_seeds_are_valid_machines() {
    for seed in seeds() {
        let out = expand(seed).to_string();
        assert!(!out.contains("compile_error"), "{out}");
    }
}

/// Found by `the_derive_never_panics_on_mutated_enums`: a keyword in the facade's path parsed as
/// a path and was written into the expansion (`try::automat_rs::__private`), which is no Rust.
#[test]
fn a_keyword_in_the_derives_crate_path_is_an_error() {
    let out = expand_derive(quote! {
        #[machine(crate = try::automat_rs)]
        #[machine(machine Lamp { input flip(); Off + flip => On; On + flip => Off; })]
        enum LampData { #[machine(initial)] Off, On }
    });
    assert!(
        out.to_string()
            .contains("expected a path to the automat-rs crate"),
        "{out}"
    );
    syn::parse2::<syn::File>(out).expect("the error is Rust items");
}

/// Found by `the_derive_never_panics_on_mutated_enums`: an input named `_1` (or `self_`) has no
/// camel-case variant (`1`, `Self`), and making one panicked; it is `Input1` (`InputSelf`).
#[test]
fn an_input_whose_camel_case_is_no_identifier_gets_a_variant() {
    let out = expand(quote! {
        machine Lamp {
            initial state Off;
            state On;
            input _1();
            input self_();
            Off + _1 => On;
            On + self_ => Off;
        }
    });
    let text = out.to_string();
    assert!(!text.contains("compile_error"), "{text}");
    assert!(
        text.contains("Input1") && text.contains("InputSelf"),
        "{text}"
    );
    syn::parse2::<syn::File>(out).expect("Rust items");
}

/// An action named `compound` is no `compound` flag: the derive does not ask `Cause` for its
/// states (a macro that does not exist), it takes `Ended(Cause)` as a state with data.
#[test]
fn an_action_named_compound_is_no_compound_flag() {
    let out = expand_derive(quote! {
        #[machine(machine Call { input end(cause: Cause); output compound(); Talking + end => Ended; })]
        enum CallData {
            #[machine(initial)]
            Talking,
            #[machine(final, entry = compound)]
            Ended(#[machine(name = cause)] Cause),
        }
    })
    .to_string();
    assert!(!out.contains("@ automat_compound"), "{out}");
    assert!(!out.contains("compile_error"), "{out}");
}
