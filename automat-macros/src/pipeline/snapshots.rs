//! What the macro writes, for three representative machines, reviewed as snapshots: any change to
//! the generated code shows up in review. Refresh with `INSTA_UPDATE=always cargo test -p
//! automat-macros snapshots` (or `cargo insta review`) and read the diff.

use quote::quote;

use super::expand;

/// The expansion, pretty-printed, without the inline SVG of the docs: it is only there with the
/// `svg` feature (so `cargo test -p automat-macros` and `cargo test --workspace` would disagree),
/// and the diagram tests check it.
fn pretty(tokens: proc_macro2::TokenStream) -> String {
    let file: syn::File = syn::parse2(tokens).expect("expand writes Rust items");
    let mut text = prettyplease::unparse(&file);
    let (open, close) = ("\n\n# Diagram\n\n<div class=", "</svg>\n</div>\n");
    if let (Some(start), Some(end)) = (text.find(open), text.find(close)) {
        text.replace_range(start..end + close.len(), "");
    }
    text
}

/// The smallest machine: no arguments, no return values, a self-loop.
#[test]
fn turnstile() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        /// A coin-operated turnstile.
        pub machine Turnstile {
            initial state Locked;
            state Unlocked;
            input coin();
            input push();
            output unlock();
            output lock();
            Locked + coin => Unlocked / unlock;
            Unlocked + coin => Unlocked;
            Unlocked + push => Locked / lock;
        }
    })));
}

/// Arguments moved, cloned and borrowed; a return value; a wildcard; a final state.
#[test]
fn coffee_brewer() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        /// A coffee brewer.
        #[derive_input(Debug, Clone)]
        #[serde]
        pub machine CoffeeBrewer {
            /// No beans in the hopper.
            initial state Empty;
            state Ready;
            state Brewing;
            final state Broken;
            /// The user put in some beans.
            input put_in_beans(beans: Beans);
            input brew() -> Cup;
            input done();
            input kick();
            output log_beans(beans: &Beans);
            output save_beans(beans: Beans);
            output archive(beans: Beans);
            output heat() -> Cup;
            output complain();
            Empty + put_in_beans => Ready / log_beans, save_beans, archive;
            Ready + brew => Brewing / heat;
            Brewing + done => Empty;
            _ + kick => Broken / complain;
        }
    })));
}

/// A machine with errors: the errors, then the public items with stub bodies.
#[test]
fn machine_with_errors() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        machine Door {
            initial state Closed;
            state Open;
            state Open;
            input open(angle: u8);
            Closed + open => Opne;
        }
    })));
}

/// A machine that decides: guards, a fallible output with an `else` route, entry and exit
/// actions, several sources, a stay, `reenter`; one input (`ping`) still steps by table.
#[test]
fn machine_that_decides() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        /// A kettle.
        pub machine Kettle {
            initial state Cold { exit leave_cold; }
            state Hot { entry beep; }
            state Broken;
            input boil(target: u8) -> u8;
            input cool();
            input ping();
            input fix();
            guard has_water();
            guard safe(target: u8);
            output heat(target: u8) -> Result<u8, Fault>;
            output leave_cold();
            output beep();
            output report(error: &Fault);
            output pong();
            Cold + boil [has_water && safe] => Hot / heat? else Broken / report;
            Hot | Broken + cool => Cold;
            Broken + fix => reenter _;
            _ + ping => _ / pong;
        }
    })));
}

/// A machine whose states carry data: a field from a producer, from an argument, moved from the
/// source; kept by a self-loop (and lent `&mut`); a leftover given to an output by value.
#[test]
fn machine_with_data() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        /// A reconnecting client.
        #[derive_data(Debug)]
        pub machine Client {
            initial state Idle;
            state Connecting { attempt: u32 }
            state Connected { conn: Conn, attempt: u32 }
            state Backoff { attempt: u32, delay_ms: u64 }
            input connect();
            input opened(conn: Conn);
            input send(bytes: Vec<u8>) -> usize;
            input lost();
            input retry();
            output first() -> u32;
            output dial(attempt: u32);
            output write(conn: &mut Conn, bytes: Vec<u8>) -> usize;
            output delay(attempt: &u32) -> u64;
            output hang_up(conn: Conn);
            Idle + connect => Connecting { attempt = first } / dial;
            Connecting + opened => Connected;
            Connected + send => _ / write;
            Connected + lost => Backoff { delay_ms = delay } / hang_up;
            Backoff + retry => Connecting / dial;
        }
    })));
}

/// A guarded wildcard that is the whole plan of several states: `__handle` matches the state
/// for the states' own transitions, then checks the wildcard's guard once for all of them.
#[test]
fn shared_guarded_wildcard() {
    insta::assert_snapshot!(pretty(expand(quote! {
        @crate = ::automat_rs;
        pub machine Conn {
            initial state Idle;
            state Active { count: u32 }
            final state Gone;
            input open();
            input write(n: u8);
            input leave();
            input reset(n: u8);
            guard low(n: u8);
            output start() -> u32;
            output add(count: &mut u32, n: u8);
            Idle + open => Active { count = start };
            Active + write => _ / add;
            Active + leave => Gone;
            _ + reset [low] => Idle;
        }
    })));
}

/// With the `svg` feature, the docs hold the diagram inside a box that scrolls, so rustdoc does
/// not shrink a wide machine's picture to the page; without it, no picture.
#[test]
fn the_docs_diagram_scrolls_instead_of_shrinking() {
    let tokens = expand(quote! {
        @crate = ::automat_rs;
        pub machine Lamp {
            initial state Off;
            state On;
            input toggle();
            Off + toggle => On;
            On + toggle => Off;
        }
    });
    let file: syn::File = syn::parse2(tokens).expect("expand writes Rust items");
    let text = prettyplease::unparse(&file);
    let boxed = text
        .find("# Diagram\n\n<div class=")
        .zip(text.find("<svg "));
    if cfg!(feature = "svg") {
        let (open, svg) = boxed.expect("the docs hold the diagram in its box");
        assert!(open < svg && text.contains("</svg>\n</div>\n"));
    } else {
        assert!(boxed.is_none() && !text.contains("<svg "));
    }
}

/// The derive front end: the user's enum is the data enum (not written again), its variants
/// the states, with data, flags and actions; everything else as `machine!` writes it.
#[test]
fn derived_machine() {
    insta::assert_snapshot!(pretty(super::expand_derive(quote! {
        /// A connection.
        #[machine(
            pub machine Conn {
                input dial(addr: &str);
                input hang_up();
                guard allowed(addr: &str);
                output open(addr: &str) -> Result<u32, Refused>;
                output hello();
                Idle + dial [allowed] => Up { fd = open? } else Idle;
                Up + hang_up => Idle;
            }
        )]
        pub enum ConnData {
            /// Not connected.
            #[machine(initial)]
            Idle,
            #[machine(entry = hello)]
            Up { fd: u32 },
        }
    })));
}

/// The derive with compound states: first the callback that asks `#[derive(States)]` for the
/// compound's enum, then (once given it) the machine, whose data patterns nest the leaf's
/// variant in the compound's (`Deck::Active { 0: ActiveStates::Paused }`).
#[test]
fn derived_machine_with_a_compound_state() {
    let root = quote! {
        #[machine(
            pub machine Player {
                input play();
                input pause();
                input stop();
                Stopped + play => Active;
                Playing + pause => Paused;
                Paused + play => Playing;
                Active + stop => Stopped;
            }
        )]
        pub enum Deck {
            #[machine(initial)]
            Stopped,
            #[machine(compound)]
            Active(ActiveStates),
        }
    };
    let asked = super::expand_derive(root.clone()).to_string();
    assert_eq!(
        asked,
        quote!(ActiveStates! { @automat_compound [::automat_rs] { #root } {} }).to_string()
    );
    insta::assert_snapshot!(pretty(super::expand_compound(quote! {
        [::automat_rs]
        { #root }
        { { pub enum ActiveStates { #[machine(initial)] Playing, Paused } } }
    })));
}

/// A ring of `states` states: `S<i> + step => S<i + 1>`, and back to `S0`.
fn ring(states: usize) -> String {
    let names: Vec<_> = (0..states)
        .map(|i| quote::format_ident!("S{}", i))
        .collect();
    let decls = names.iter().skip(1);
    let transitions = (0..states).map(|i| {
        let (from, to) = (&names[i], &names[(i + 1) % states]);
        quote!(#from + step => #to;)
    });
    pretty(expand(quote! {
        @crate = ::automat_rs;
        pub machine Ring {
            initial state S0;
            #(state #decls;)*
            input step();
            #(#transitions)*
        }
    }))
}

/// Up to 64 states a machine keeps the code v0.1 writes; beyond, its table holds state indices
/// and its names and `Debug` read the description (`tests/large.rs` checks that behaviour).
#[test]
fn a_machine_of_more_than_64_states_takes_the_compact_forms() {
    let (small, large) = (ring(64), ring(65));
    assert!(small.contains("const __NEXT: [[::core::option::Option<Self>; 1usize]; 64usize]"));
    assert!(
        !small.contains("__target") && !small.contains("impl ::core::fmt::Debug for RingState")
    );
    assert!(small.contains("RingState::S63 => \"S63\""));
    assert!(large
        .contains("const __NEXT: [[::core::primitive::u16; 1usize]; 65usize] = [\n        [1],"));
    assert!(large.contains("[0],\n    ];") && large.contains("const fn __target("));
    assert!(large.contains("impl ::core::fmt::Debug for RingState"));
    assert!(large.contains("::DESCRIPTION\n            .states[self as ::core::primitive::usize]"));
    assert!(!large.contains("RingState::S63 => \"S63\""));
    let derive = |text: &str| {
        let start = text.find("#[derive(").unwrap_or(0);
        text[start..]
            .find(")]")
            .map(|end| text[start..start + end].contains("Debug"))
    };
    assert_eq!((derive(&small), derive(&large)), (Some(true), Some(false)));
}
