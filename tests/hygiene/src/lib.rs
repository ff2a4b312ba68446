//! Generated machines must compile, warning-free, in a crate that makes hygiene mistakes fail:
//! `no_std`, no implicit prelude, every warning denied (with `clippy::pedantic` under clippy),
//! decoy items named like the prelude and like `core`, machines inside functions and inside
//! other `macro_rules!` macros, and two machines in one module.
//!
//! It is a workspace member, so `cargo test --workspace` builds it (and runs its tests) and
//! `cargo clippy --workspace` lints it.
#![no_std]
#![no_implicit_prelude]
#![deny(warnings, unused_qualifications, missing_docs, clippy::pedantic)]
#![forbid(unsafe_code)]

extern crate automat_rs;

/// Decoys: generated code must never refer to these by accident.
pub mod decoys {
    /// Not `core::result::Result`.
    pub struct Result;
    /// Not `core::result::Result::Ok`.
    pub struct Ok;
    /// Not `core::result::Result::Err`.
    pub struct Err;
    /// Not `core::option::Option`.
    pub struct Option;
    /// Not `core::option::Option::Some`.
    pub struct Some;
    /// Not `core::option::Option::None`.
    pub struct None;
    /// Not `core::clone::Clone`.
    pub trait Clone {}
    /// Not `core::fmt::Debug`.
    pub trait Debug {}
    /// Not `core::marker::Copy`.
    pub trait Copy {}
    /// Not `core::marker::Sized`.
    pub trait Sized {}
}

/// Not the `core` crate.
pub mod core {}

/// Not `core::result::Result`.
pub struct Result;
/// Not `core::result::Result::Ok`.
pub struct Ok;
/// Not `core::option::Option`.
pub struct Option;
/// Not `core::option::Option::Some`.
pub struct Some;
/// Not `core::clone::Clone`.
pub trait Clone {}
/// A user type named like the machine's core parameter would be if it were not `__Core`.
#[derive(::core::fmt::Debug, ::core::cmp::PartialEq)]
pub struct C;
/// A user type named `Core`.
pub struct Core;

/// Two machines in one module, one of them private, with arguments, return values and
/// non-`Copy` data.
pub mod two_in_one_module {
    // In scope so that any unqualified `Result`, `Ok`, `Clone`, ... in generated code hits them.
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// A ticket (not `Copy`, not `Clone`).
    #[derive(::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub struct Ticket(pub u32);

    ::automat_rs::machine! {
        /// A ticket gate.
        #[derive_input(::core::fmt::Debug, ::core::cmp::PartialEq)]
        pub machine Gate {
            /// Closed.
            initial state Closed;
            /// Open.
            state Open;
            /// Out of order.
            final state OutOfOrder;

            /// A ticket is shown.
            input show(ticket: Ticket, at: crate::C) -> crate::Core;
            /// Someone walks through.
            input pass();
            /// Break the gate.
            input smash();

            /// Check the ticket.
            output check(ticket: &Ticket);
            /// Keep the ticket.
            output keep(ticket: Ticket) -> crate::Core;
            /// Close the gate.
            output close();

            Closed + show => Open / check, keep;
            Open + pass => Closed / close;
            _ + smash => OutOfOrder;
        }
    }

    ::automat_rs::machine! {
        machine Lamp {
            initial state Off;
            state On;
            input flip();
            Off + flip => On;
            On + flip => Off;
        }
    }

    /// A core for [`Gate`].
    pub struct Keeper {
        /// Tickets kept.
        pub kept: u32,
    }

    impl GateOutputs for Keeper {
        fn check(&mut self, ticket: &Ticket) {
            let _ = ticket.0;
        }

        fn keep(&mut self, ticket: Ticket) -> crate::Core {
            self.kept += ticket.0;
            crate::Core
        }

        fn close(&mut self) {}
    }

    /// Drives both machines; returns whether everything went as expected.
    #[must_use]
    pub fn drive() -> bool {
        let mut gate = Gate::new(Keeper { kept: 0 });
        let shown = gate.show(Ticket(7), crate::C).is_ok();
        let passed = gate.pass().is_ok();
        let refused = gate.pass().is_err();
        let mut lamp = Lamp::new(());
        let flipped = lamp.flip().is_ok() && lamp.state() == LampState::On;
        shown && passed && refused && flipped && gate.core().kept == 7
    }
}

/// A machine that decides (guards, a fallible output with an `else` route, entry and exit
/// actions, several sources, a stay), next to decoys named like the primitive types.
pub mod deciding {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// Not `bool`.
    #[allow(non_camel_case_types)]
    pub struct bool;
    /// Not `usize`.
    #[allow(non_camel_case_types)]
    pub struct usize;
    /// Not `str`.
    #[allow(non_camel_case_types)]
    pub struct str;
    /// Not `u8`.
    #[allow(non_camel_case_types)]
    pub struct u8;

    ::automat_rs::machine! {
        /// A door with a lock that can jam.
        #[derive_input(::core::clone::Clone)]
        pub machine Door {
            /// Closed.
            initial state Closed { entry latch; }
            /// Open.
            state Open { exit count; }
            /// Jammed.
            state Jammed;
            /// Open the door with some force.
            input open(force: ::core::primitive::u32) -> ::core::primitive::u32;
            /// Close it.
            input close();
            /// Knock: nothing changes.
            input knock();
            /// Whether the force is enough.
            guard strong(force: ::core::primitive::u32);
            /// Whether the door is locked.
            guard locked();
            /// Turn the handle; fails when jammed.
            output turn(force: ::core::primitive::u32) -> ::core::result::Result<::core::primitive::u32, crate::C>;
            /// Latch the door.
            output latch();
            /// Count an opening.
            output count();
            /// Note a jam.
            output note(error: &crate::C);
            /// Echo a knock.
            output echo();
            Closed + open [strong && !locked] => Open / turn? else Jammed / note;
            Open | Jammed + close => Closed;
            _ + knock => _ / echo;
        }
    }

    /// A core for [`Door`].
    pub struct Frame {
        /// Whether the lock is on.
        pub locked: ::core::primitive::bool,
        /// Whether turning fails.
        pub jammed: ::core::primitive::bool,
        /// Entry and exit actions run, and echoes.
        pub events: ::core::primitive::u32,
    }

    impl DoorOutputs for Frame {
        fn strong(&self, force: &::core::primitive::u32) -> ::core::primitive::bool {
            *force > 2
        }
        fn locked(&self) -> ::core::primitive::bool {
            self.locked
        }
        fn turn(
            &mut self,
            force: ::core::primitive::u32,
        ) -> ::core::result::Result<::core::primitive::u32, crate::C> {
            if self.jammed {
                ::core::result::Result::Err(crate::C)
            } else {
                ::core::result::Result::Ok(force)
            }
        }
        fn latch(&mut self) {
            self.events += 1;
        }
        fn count(&mut self) {
            self.events += 1;
        }
        fn note(&mut self, error: &crate::C) {
            let _ = error;
        }
        fn echo(&mut self) {
            self.events += 1;
        }
    }

    /// Drives the door through every kind of step; returns whether each went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut door = Door::new(Frame {
            locked: false,
            jammed: false,
            events: 0,
        });
        let weak = ::core::matches!(
            door.open(1),
            ::core::result::Result::Err(::automat_rs::StepError::GuardsFailed(_))
        );
        let opened = ::core::matches!(door.open(5), ::core::result::Result::Ok(5));
        let knocked = door.knock().is_ok() && door.state() == DoorState::Open;
        let closed = door.close().is_ok();
        door.core_mut().jammed = true;
        let jammed = ::core::matches!(
            door.open(5),
            ::core::result::Result::Err(::automat_rs::StepError::Diverted(_))
        ) && door.state() == DoorState::Jammed;
        // latch (new), count (leaving Open), latch (entering Closed), echo.
        weak && opened && knocked && closed && jammed && door.core().events == 4
    }
}

/// Machines whose states carry data, one with a state without fields (the placeholder while
/// fields move) and one where every state has fields.
pub mod with_data {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// Not `u32`.
    #[allow(non_camel_case_types)]
    pub struct u32;

    ::automat_rs::machine! {
        /// A link that keeps its peer and counts retries.
        #[derive_data(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        pub machine Link {
            /// Down.
            initial state Down;
            /// Up, with a peer.
            state Up { peer: ::core::primitive::u32, retries: ::core::primitive::u32 }
            /// Waiting to retry.
            state Waiting { peer: ::core::primitive::u32, retries: ::core::primitive::u32 }
            /// Retired.
            final state Retired;
            /// Bring the link up.
            input up(peer: ::core::primitive::u32);
            /// Lose the link.
            input lose() -> ::core::primitive::u32;
            /// Try again.
            input retry();
            /// Drop the link when `force` says so.
            input cut(force: ::core::primitive::u8);
            /// Retire the link for good.
            input retire();
            /// Whether `force` is enough to cut the link.
            guard forced(force: &::core::primitive::u8);
            /// Whether the retries are spent.
            guard spent(retries: &::core::primitive::u32);
            /// The first count.
            output zero() -> ::core::primitive::u32;
            /// Count a retry.
            output bump(retries: &mut ::core::primitive::u32);
            /// Report the peer lost.
            output report(peer: &::core::primitive::u32) -> ::core::primitive::u32;
            Down + up => Up { retries = zero };
            Up + lose => Waiting / report;
            Waiting + retry [!spent] => Up / bump;
            Waiting + retry [spent] => Down;
            // Checked once for every state that takes it (not `Retired`, which is final).
            _ + cut [forced] => Down;
            Down + retire => Retired;
        }
    }

    /// A core for [`Link`].
    pub struct Wire;

    impl LinkOutputs for Wire {
        fn forced(&self, force: &::core::primitive::u8) -> ::core::primitive::bool {
            *force > 5
        }
        fn spent(&self, retries: &::core::primitive::u32) -> ::core::primitive::bool {
            *retries >= 2
        }
        fn zero(&mut self) -> ::core::primitive::u32 {
            0
        }
        fn bump(&mut self, retries: &mut ::core::primitive::u32) {
            *retries += 1;
        }
        fn report(&mut self, peer: &::core::primitive::u32) -> ::core::primitive::u32 {
            *peer
        }
    }

    ::automat_rs::machine! {
        /// A counter that is always somewhere with a count.
        pub machine Tally {
            /// Counting up.
            initial state Up { n: ::core::primitive::u32 }
            /// Counting down.
            state Down { n: ::core::primitive::u32 }
            /// Turn around.
            input turn();
            Up + turn => Down;
            Down + turn => Up;
        }
    }

    /// Drives both machines; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut link = Link::new(Wire);
        let up = link.up(7).is_ok()
            && ::core::matches!(
                link.data(),
                LinkData::Up {
                    peer: 7,
                    retries: 0
                }
            );
        let lost = ::core::matches!(link.lose(), ::core::result::Result::Ok(7));
        let retried = link.retry().is_ok() && link.lose().is_ok() && link.retry().is_ok();
        let spent = ::core::matches!(link.data(), LinkData::Up { retries: 2, .. })
            && link.lose().is_ok()
            && link.retry().is_ok()
            && link.state() == LinkState::Down;
        let cut = link.up(8).is_ok()
            && link.cut(1).is_err()
            && link.cut(9).is_ok()
            && link.state() == LinkState::Down
            && link.retire().is_ok()
            && link.handle(LinkInput::Cut { force: 9 }).is_err();
        let mut tally = Tally::new((), 3);
        let turned =
            tally.turn().is_ok() && ::core::matches!(tally.data(), TallyData::Down { n: 3 });
        up && lost && retried && spent && cut && turned
    }
}

/// A machine whose inputs borrow their arguments.
pub mod borrowing {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// Reads names and fills buffers it does not own.
        #[derive_input(::core::fmt::Debug)]
        pub machine Reader {
            /// Waiting.
            initial state Waiting;
            /// Reading.
            state Reading;
            /// A name, borrowed.
            input name(text: &::core::primitive::str) -> ::core::primitive::usize;
            /// A buffer to fill, borrowed mutably.
            input fill<'b>(buffer: &'b mut [::core::primitive::u8]);
            /// Whether the name is long enough.
            guard long(text: &::core::primitive::str);
            /// Measure the name.
            output measure(text: &::core::primitive::str) -> ::core::primitive::usize;
            /// Zero the buffer.
            output clear(buffer: &mut [::core::primitive::u8]);
            /// Mark the buffer.
            output mark(buffer: &mut [::core::primitive::u8]);
            Waiting + name [long] => Reading / measure;
            Reading + fill => Waiting / clear, mark;
        }
    }

    /// A core for [`Reader`].
    pub struct Eyes;

    impl ReaderOutputs for Eyes {
        fn long(&self, text: &::core::primitive::str) -> ::core::primitive::bool {
            text.len() > 2
        }
        fn measure(&mut self, text: &::core::primitive::str) -> ::core::primitive::usize {
            text.len()
        }
        fn clear(&mut self, buffer: &mut [::core::primitive::u8]) {
            buffer.fill(0);
        }
        fn mark(&mut self, buffer: &mut [::core::primitive::u8]) {
            if let ::core::option::Option::Some(first) = buffer.first_mut() {
                *first = 1;
            }
        }
    }

    /// Drives the reader; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut reader = Reader::new(Eyes);
        let short = reader.name("ab").is_err();
        let read = ::core::matches!(reader.name("abcd"), ::core::result::Result::Ok(4));
        let mut buffer = [7_u8; 3];
        let filled = reader
            .handle(ReaderInput::Fill {
                buffer: &mut buffer,
            })
            .is_ok();
        short && read && filled && buffer == [1, 0, 0]
    }
}

/// A machine with a per-call context.
pub mod with_context {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// What a call lends the machine.
    pub struct Clock {
        /// The time.
        pub now: ::core::primitive::u64,
    }

    ::automat_rs::machine! {
        /// A lamp that reads the clock.
        pub machine Lamp {
            /// The caller's clock.
            context clock: &mut Clock;
            /// Off.
            initial state Off;
            /// On since a time.
            state On { since: ::core::primitive::u64; exit tick; }
            /// Switch it.
            input switch();
            /// Whether it is day.
            guard day(clock: &Clock);
            /// The time now.
            output now(clock: &Clock) -> ::core::primitive::u64;
            /// Advance the clock.
            output tick(clock: &mut Clock);
            Off + switch [!day] => On { since = now };
            On + switch => Off;
        }
    }

    /// A core for [`Lamp`].
    pub struct Bulb;

    impl LampOutputs for Bulb {
        fn day(&self, clock: &Clock) -> ::core::primitive::bool {
            clock.now > 100
        }
        fn now(&mut self, clock: &Clock) -> ::core::primitive::u64 {
            clock.now
        }
        fn tick(&mut self, clock: &mut Clock) {
            clock.now += 1;
        }
    }

    /// Drives the lamp; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut clock = Clock { now: 7 };
        let mut lamp = Lamp::new(Bulb);
        let on = lamp.switch(&mut clock).is_ok()
            && ::core::matches!(lamp.data(), LampData::On { since: 7 });
        let off = lamp.handle(&mut clock, LampInput::Switch).is_ok() && clock.now == 8;
        on && off
    }
}

/// A generic machine.
pub mod generic {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A slot that holds one item of any type, up to a const count of uses.
        #[derive_data(::core::fmt::Debug, ::core::clone::Clone)]
        pub machine Slot<T, const N: ::core::primitive::usize>
        where
            T: ::core::clone::Clone + ::core::fmt::Debug
        {
            /// Empty.
            initial state Empty;
            /// Holding an item.
            state Holding { item: T, uses: [::core::primitive::u8; N] }
            /// Put an item in.
            input put(item: T);
            /// Look at the item.
            input peek() -> T;
            /// Take it out.
            input take() -> T;
            /// No uses yet.
            output fresh() -> [::core::primitive::u8; N];
            /// A copy of the item.
            output copy(item: &T) -> T;
            /// The item itself.
            output give(item: T) -> T;
            Empty + put => Holding { uses = fresh };
            Holding + peek => _ / copy;
            Holding + take => Empty / give;
        }
    }

    /// A core for [`Slot`].
    #[derive(::core::clone::Clone)]
    pub struct Keeper;

    impl<T: ::core::clone::Clone + ::core::fmt::Debug, const N: ::core::primitive::usize>
        SlotOutputs<T, N> for Keeper
    {
        fn fresh(&mut self) -> [::core::primitive::u8; N] {
            [0; N]
        }
        fn copy(&mut self, item: &T) -> T {
            ::core::clone::Clone::clone(item)
        }
        fn give(&mut self, item: T) -> T {
            item
        }
    }

    /// Drives the slot; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut slot = Slot::<::core::primitive::u32, 2, Keeper>::new(Keeper);
        let put = slot.put(5).is_ok();
        let peeked = ::core::matches!(slot.peek(), ::core::result::Result::Ok(5));
        let copy = ::core::clone::Clone::clone(&slot);
        let taken = ::core::matches!(slot.take(), ::core::result::Result::Ok(5));
        put && peeked && taken && ::core::matches!(copy.data(), SlotData::Holding { item: 5, .. })
    }
}

/// A machine declared inside a function body.
#[must_use]
pub fn machine_in_a_function() -> bool {
    ::automat_rs::machine! {
        machine Local {
            initial state A;
            state B;
            input go(n: u8) -> u8;
            output double(n: u8) -> u8;
            A + go => B / double;
            B + go => A / double;
        }
    }
    struct Twice;
    impl LocalOutputs for Twice {
        fn double(&mut self, n: u8) -> u8 {
            n * 2
        }
    }
    let mut local = Local::new(Twice);
    ::core::matches!(local.go(4), ::core::result::Result::Ok(8)) && local.state() == LocalState::B
}

/// A `macro_rules!` macro that declares a machine from its arguments.
macro_rules! declare_toggle {
    ($name:ident, $on:ident, $off:ident) => {
        ::automat_rs::machine! {
            /// A toggle declared by another macro.
            pub machine $name {
                /// Off.
                initial state $off;
                /// On.
                state $on;
                /// Flip it.
                input toggle();
                /// Say it.
                output announce();
                $off + toggle => $on / announce;
                $on + toggle => $off / announce;
            }
        }
    };
}

declare_toggle!(Toggle, Up, Down);

/// Counts announcements.
pub struct Announcer(pub u32);

impl ToggleOutputs for Announcer {
    fn announce(&mut self) {
        self.0 += 1;
    }
}

/// Counts transitions: an observer that needs no allocation.
pub struct Transitions(pub u32);

impl ::automat_rs::Observer<ToggleState> for Transitions {
    fn transition(&mut self, _: ToggleState, _: usize, _: ToggleState) {
        self.0 += 1;
    }
}

/// A machine with compound states.
pub mod hierarchical {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A lamp that dims while on.
        pub machine Lamp {
            /// Dark.
            initial state Off;
            /// Lit, at some level.
            state On {
                entry click;
                /// Full brightness.
                initial state Bright;
                /// Dimmed.
                state Dim;
            }
            /// Flip the switch.
            input flip();
            /// Turn the dimmer.
            input dim();
            /// Count a click.
            output click();
            Off + flip => On;
            On + flip => Off;
            Bright + dim => Dim;
            Dim + dim => Bright;
        }
    }

    /// A core for [`Lamp`].
    pub struct Clicks(pub ::core::primitive::u32);

    impl LampOutputs for Clicks {
        fn click(&mut self) {
            self.0 += 1;
        }
    }

    /// Drives it; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut lamp = Lamp::new(Clicks(0));
        let on = lamp.flip().is_ok() && lamp.state() == LampState::Bright;
        let dimmed = lamp.dim().is_ok() && lamp.state() == LampState::Dim;
        let off = lamp.flip().is_ok() && lamp.state() == LampState::Off;
        on && dimmed && off && lamp.flip().is_ok() && lamp.core().0 == 2
    }
}

/// History targets and eventless transitions, with a context.
pub mod completing {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A kettle that boils, pauses when lifted, and goes back to what it was doing.
        pub machine Kettle {
            /// Waiting.
            initial state Idle;
            /// Working.
            state Working {
                /// Heating up.
                initial state Heating;
                /// Boiling.
                state Boiling;
            }
            /// Lifted off its base.
            state Lifted;
            /// Done.
            state Done;
            /// The counter of ticks.
            context ticks: &mut ::core::primitive::u32;
            /// Switch it on.
            input start();
            /// Heat some more.
            input heat();
            /// Lift it.
            input lift();
            /// Put it back.
            input put();
            /// Start over.
            input reset();
            /// Whether it has boiled long enough.
            guard boiled(ticks: &::core::primitive::u32);
            /// Count a tick.
            output tick(ticks: &mut ::core::primitive::u32);
            Idle + start => Working;
            Heating + heat => Boiling / tick;
            Boiling + heat => Boiling / tick;
            Working + lift => Lifted;
            Lifted + put => Working.history*;
            Boiling [boiled] => Done;
            Done + reset => Idle;
        }
    }

    /// A core for [`Kettle`].
    pub struct Element;

    impl KettleOutputs for Element {
        fn boiled(&self, ticks: &::core::primitive::u32) -> ::core::primitive::bool {
            *ticks >= 3
        }
        fn tick(&mut self, ticks: &mut ::core::primitive::u32) {
            *ticks += 1;
        }
    }

    ::automat_rs::machine! {
        /// A bell that rings back: its output raises an input of its own (a bounded queue, as
        /// `no_std` without allocation has).
        #[raise(capacity = 1)]
        pub machine Bell {
            /// Quiet.
            initial state Quiet;
            /// Ringing.
            state Ringing;
            /// Ring it.
            input ring();
            /// It stops.
            input stop();
            /// Rings, and stops by itself.
            output chime(raise: Raise);
            Quiet + ring => Ringing / chime;
            Ringing + stop => Quiet;
        }
    }

    /// A core for [`Bell`].
    pub struct Chimes(pub ::core::primitive::u32);

    impl BellOutputs for Chimes {
        fn chime(&mut self, raise: &mut ::automat_rs::Raise<'_, BellInput>) {
            self.0 += 1;
            if raise.raise(BellInput::Stop).is_err() {
                self.0 = 0;
            }
        }
    }

    /// Drives it; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut bell = Bell::new(Chimes(0));
        let rang = bell.ring().is_ok() && bell.ring().is_ok();
        if !rang || bell.state() != BellState::Quiet || bell.core().0 != 2 {
            return false;
        }
        let mut ticks = 0;
        let mut kettle = Kettle::new(Element);
        let started = kettle.start(&mut ticks).is_ok() && kettle.heat(&mut ticks).is_ok();
        let lifted = kettle.lift(&mut ticks).is_ok() && kettle.state() == KettleState::Lifted;
        let back = kettle.put(&mut ticks).is_ok() && kettle.state() == KettleState::Boiling;
        let boiled = kettle.heat(&mut ticks).is_ok()
            && kettle.heat(&mut ticks).is_ok()
            && kettle.state() == KettleState::Done;
        started
            && lifted
            && back
            && boiled
            && kettle.history(KettleCompound::Working)
                == ::core::option::Option::Some(KettleState::Boiling)
    }
}

/// The typestate API of a machine with a guard, data on a state and a compound state.
pub mod typed {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A gate that counts who passes.
        #[typestate]
        pub machine Gate {
            /// Shut.
            initial state Shut;
            /// In use.
            state Open {
                /// Letting people through.
                initial state Passing { count: ::core::primitive::u32 }
                /// Held open.
                state Held;
            }
            /// Open it.
            input open();
            /// Someone passes.
            input pass();
            /// Hold it.
            input hold();
            /// Shut it.
            input shut();
            /// Whether it may open.
            guard allowed();
            /// Count one more.
            output count(count: &mut ::core::primitive::u32);
            /// The first count.
            output zero() -> ::core::primitive::u32;
            Shut + open [allowed] => Open { count = zero };
            Passing + pass => _ / count;
            Passing + hold => Held;
            Open + shut => Shut;
        }
    }

    /// A core for [`Gate`].
    pub struct Lock;

    impl GateOutputs for Lock {
        fn allowed(&self) -> ::core::primitive::bool {
            true
        }
        fn count(&mut self, count: &mut ::core::primitive::u32) {
            *count += 1;
        }
        fn zero(&mut self) -> ::core::primitive::u32 {
            0
        }
    }

    /// Drives it; returns whether each step went as declared.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let shut = GateAt::new(Lock);
        let ::core::result::Result::Ok(passing) = shut.open() else {
            return false;
        };
        let passing = passing.pass();
        let counted = passing.data().count == 1;
        let held = passing.hold();
        let shut = held.shut();
        counted && shut.into_dynamic().state() == GateState::Shut
    }
}

/// Observing and state-only replay, as a `no_std` program without allocation uses them: returns
/// the state a journal of `flips` toggles leads to, and the transitions an observer saw.
#[must_use]
pub fn replay_and_observe(flips: usize) -> (ToggleState, u32) {
    let journal = [
        ToggleInput::Toggle,
        ToggleInput::Toggle,
        ToggleInput::Toggle,
    ];
    let state = match ::automat_rs::journal::replay_state(
        ToggleState::Down,
        &journal[..::core::cmp::Ord::min(flips, 3)],
    ) {
        ::core::result::Result::Ok(state) => state,
        ::core::result::Result::Err(error) => error.error.state(),
    };
    let mut toggle = Toggle::new(Announcer(0)).observe(Transitions(0));
    for _ in 0..flips {
        let _ = toggle.toggle();
    }
    (state, toggle.observer().0)
}

/// A machine with timers (a constant duration and one the core gives), in a function, next to
/// the decoys.
pub mod timed {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// Drives a timed machine: the core records the last run it was given.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        ::automat_rs::machine! {
            /// A door that locks itself.
            pub machine Door {
                /// Locked.
                initial state Locked;
                /// Open.
                state Open;
                /// Unlock it.
                input unlock();
                Locked + unlock => Open;
                Open + after(30s) => Locked;
                Locked + after(relock) => Locked;
            }
        }

        struct Clock(::core::option::Option<::automat_rs::Timeout<DoorTimer>>);

        impl ::automat_rs::Timers<DoorTimer> for Clock {
            fn start(&mut self, run: ::automat_rs::Timeout<DoorTimer>, _: ::core::time::Duration) {
                self.0 = ::core::option::Option::Some(run);
            }
            fn cancel(&mut self, _: DoorTimer) {
                self.0 = ::core::option::Option::None;
            }
        }

        impl DoorOutputs for Clock {
            fn relock(&self) -> ::core::time::Duration {
                ::core::time::Duration::from_secs(1)
            }
        }

        let mut door = Door::new(Clock(::core::option::Option::None));
        let ::core::option::Option::Some(relock) = door.core().0 else {
            return false;
        };
        door.timeout(relock).is_ok()
            && door.unlock().is_ok()
            && door.core().0.is_some_and(|run| door.timeout(run).is_ok())
            && door.state() == DoorState::Locked
            && door.timeout(relock).is_err()
    }
}

/// An async machine (awaited outputs, an async entry action), polled by a no-op waker.
pub mod awaiting {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A lamp that fades.
        pub machine Fader {
            /// Dark.
            initial state Dark;
            /// Lit.
            state Lit { entry glow; }
            /// Switch.
            input switch() -> ::core::primitive::u8;
            /// Fade to a level.
            async output fade() -> ::core::result::Result<::core::primitive::u8, ()>;
            /// Glow once lit.
            async output glow();
            Dark + switch => Lit / fade?;
            Lit + switch => Dark / fade?;
        }
    }

    /// A core for [`Fader`].
    pub struct Dimmer(::core::primitive::u8);

    impl FaderOutputs for Dimmer {
        async fn fade(&mut self) -> ::core::result::Result<::core::primitive::u8, ()> {
            self.0 = 255 - self.0;
            ::core::result::Result::Ok(self.0)
        }
        async fn glow(&mut self) {}
    }

    /// Switches it twice.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut fader = Fader::new(Dimmer(0));
        let mut cx = ::core::task::Context::from_waker(::core::task::Waker::noop());
        let mut levels = [0; 2];
        for level in &mut levels {
            let step = ::core::pin::pin!(fader.switch());
            match ::core::future::Future::poll(step, &mut cx) {
                ::core::task::Poll::Ready(::core::result::Result::Ok(value)) => *level = value,
                _ => return false,
            }
        }
        levels == [255, 0] && fader.state() == FaderState::Dark
    }
}

/// A derived machine: the user's enum is the state, with data, guards and actions.
pub mod derived {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// A door that counts how often it opened.
    #[derive(::automat_rs::Machine, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    #[machine(
        pub machine Door {
            /// Open it.
            input open();
            /// Close it.
            input close();
            /// Whether the door may open.
            guard unlocked() -> ::core::primitive::bool;
            /// A first count.
            output first() -> ::core::primitive::u32;
            /// A chime, on entry.
            output chime();
            Shut + open [unlocked] => Ajar { opened = first };
            Ajar + close => Shut;
        }
    )]
    pub enum DoorData {
        /// Shut.
        #[machine(initial)]
        Shut,
        /// Open, counted.
        #[machine(entry = chime)]
        Ajar {
            /// How often it opened.
            opened: ::core::primitive::u32,
        },
    }

    /// The door's hardware.
    pub struct Hinge(pub ::core::primitive::u32);

    impl DoorOutputs for Hinge {
        fn unlocked(&self) -> ::core::primitive::bool {
            true
        }
        fn first(&mut self) -> ::core::primitive::u32 {
            1
        }
        fn chime(&mut self) {
            self.0 += 1;
        }
    }

    /// Drives it; true when it did what it should.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut door = Door::new(Hinge(0));
        let refused = door.close().is_err();
        let opened = door.open().is_ok();
        refused
            && opened
            && door.data() == &DoorData::Ajar { opened: 1 }
            && door.state() == DoorState::Ajar
            && door.core().0 == 1
    }
}

/// A derived machine with compound states (enums of `#[derive(States)]`), deep history, in a
/// hostile crate.
pub mod derived_compound {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    /// A washer with a door.
    #[derive(::automat_rs::Machine, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    #[machine(
        pub machine Washer {
            /// Power.
            input power();
            /// Next step.
            input next();
            /// Open the door.
            input open();
            /// Close it.
            input close();
            /// The motor, on entry to `On`.
            output motor();
            Off + power => On;
            Idle + next => Washing;
            Rinse + next => Soak;
            On + open => Door;
            Door + close => On.history*;
        }
    )]
    pub enum WasherData {
        /// Off.
        #[machine(initial)]
        Off,
        /// On.
        #[machine(compound, entry = motor)]
        On(OnStates),
        /// The door is open.
        Door,
    }

    /// Inside `On`.
    #[derive(::automat_rs::States, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub enum OnStates {
        /// Idle.
        #[machine(initial)]
        Idle,
        /// Washing.
        #[machine(compound)]
        Washing(WashingStates),
    }

    /// Inside `Washing`.
    #[derive(::automat_rs::States, ::core::fmt::Debug, ::core::cmp::PartialEq)]
    pub enum WashingStates {
        /// Rinse.
        #[machine(initial)]
        Rinse,
        /// Soak.
        Soak,
    }

    /// The motor's count.
    pub struct Motor(pub ::core::primitive::u32);

    impl WasherOutputs for Motor {
        fn motor(&mut self) {
            self.0 += 1;
        }
    }

    /// Drives it; true when it did what it should.
    #[must_use]
    pub fn drive() -> ::core::primitive::bool {
        let mut washer = Washer::new(Motor(0));
        let steps = washer.power().is_ok()
            && washer.next().is_ok()
            && washer.next().is_ok()
            && washer.open().is_ok()
            && washer.close().is_ok();
        steps
            && washer.data() == &WasherData::On(OnStates::Washing(WashingStates::Soak))
            && washer.core().0 == 2
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replay_and_observers_work_without_std() {
        ::core::assert_eq!(crate::replay_and_observe(3), (crate::ToggleState::Up, 3));
        ::core::assert_eq!(crate::replay_and_observe(2), (crate::ToggleState::Down, 2));
    }

    #[test]
    fn machines_built_in_a_hostile_crate_behave() {
        ::core::assert!(crate::two_in_one_module::drive());
        ::core::assert!(crate::deciding::drive());
        ::core::assert!(crate::completing::drive());
        ::core::assert!(crate::typed::drive());
        ::core::assert!(crate::with_data::drive());
        ::core::assert!(crate::hierarchical::drive());
        ::core::assert!(crate::derived_compound::drive());
        ::core::assert!(crate::borrowing::drive());
        ::core::assert!(crate::with_context::drive());
        ::core::assert!(crate::generic::drive());
        ::core::assert!(crate::timed::drive());
        ::core::assert!(crate::awaiting::drive());
        ::core::assert!(crate::derived::drive());
        ::core::assert!(crate::machine_in_a_function());
        let mut toggle = crate::Toggle::new(crate::Announcer(0));
        ::core::assert!(toggle.toggle().is_ok());
        ::core::assert!(toggle.toggle().is_ok());
        ::core::assert_eq!(toggle.state(), crate::ToggleState::Down);
        ::core::assert_eq!(toggle.core().0, 2);
    }
}

/// A machine of more than 64 states, which the macro writes in its compact forms (a table of
/// state indices, names and `Debug` read from the description).
pub mod large {
    #[allow(unused_imports, clippy::wildcard_imports)]
    use crate::decoys::*;

    ::automat_rs::machine! {
        /// A ring of 65 states; even ones can step back.
        pub machine Ring {
            initial state S0;
            state S1;
            state S2;
            state S3;
            state S4;
            state S5;
            state S6;
            state S7;
            state S8;
            state S9;
            state S10;
            state S11;
            state S12;
            state S13;
            state S14;
            state S15;
            state S16;
            state S17;
            state S18;
            state S19;
            state S20;
            state S21;
            state S22;
            state S23;
            state S24;
            state S25;
            state S26;
            state S27;
            state S28;
            state S29;
            state S30;
            state S31;
            state S32;
            state S33;
            state S34;
            state S35;
            state S36;
            state S37;
            state S38;
            state S39;
            state S40;
            state S41;
            state S42;
            state S43;
            state S44;
            state S45;
            state S46;
            state S47;
            state S48;
            state S49;
            state S50;
            state S51;
            state S52;
            state S53;
            state S54;
            state S55;
            state S56;
            state S57;
            state S58;
            state S59;
            state S60;
            state S61;
            state S62;
            state S63;
            state S64;
            /// One step forward.
            input step();
            /// One step back.
            input back();
            /// Counts a step.
            output tick();
            S0 + step => S1 / tick;
            S1 + step => S2 / tick;
            S2 + step => S3 / tick;
            S3 + step => S4 / tick;
            S4 + step => S5 / tick;
            S5 + step => S6 / tick;
            S6 + step => S7 / tick;
            S7 + step => S8 / tick;
            S8 + step => S9 / tick;
            S9 + step => S10 / tick;
            S10 + step => S11 / tick;
            S11 + step => S12 / tick;
            S12 + step => S13 / tick;
            S13 + step => S14 / tick;
            S14 + step => S15 / tick;
            S15 + step => S16 / tick;
            S16 + step => S17 / tick;
            S17 + step => S18 / tick;
            S18 + step => S19 / tick;
            S19 + step => S20 / tick;
            S20 + step => S21 / tick;
            S21 + step => S22 / tick;
            S22 + step => S23 / tick;
            S23 + step => S24 / tick;
            S24 + step => S25 / tick;
            S25 + step => S26 / tick;
            S26 + step => S27 / tick;
            S27 + step => S28 / tick;
            S28 + step => S29 / tick;
            S29 + step => S30 / tick;
            S30 + step => S31 / tick;
            S31 + step => S32 / tick;
            S32 + step => S33 / tick;
            S33 + step => S34 / tick;
            S34 + step => S35 / tick;
            S35 + step => S36 / tick;
            S36 + step => S37 / tick;
            S37 + step => S38 / tick;
            S38 + step => S39 / tick;
            S39 + step => S40 / tick;
            S40 + step => S41 / tick;
            S41 + step => S42 / tick;
            S42 + step => S43 / tick;
            S43 + step => S44 / tick;
            S44 + step => S45 / tick;
            S45 + step => S46 / tick;
            S46 + step => S47 / tick;
            S47 + step => S48 / tick;
            S48 + step => S49 / tick;
            S49 + step => S50 / tick;
            S50 + step => S51 / tick;
            S51 + step => S52 / tick;
            S52 + step => S53 / tick;
            S53 + step => S54 / tick;
            S54 + step => S55 / tick;
            S55 + step => S56 / tick;
            S56 + step => S57 / tick;
            S57 + step => S58 / tick;
            S58 + step => S59 / tick;
            S59 + step => S60 / tick;
            S60 + step => S61 / tick;
            S61 + step => S62 / tick;
            S62 + step => S63 / tick;
            S63 + step => S64 / tick;
            S64 + step => S0 / tick;
            S2 + back => S1;
            S4 + back => S3;
            S6 + back => S5;
            S8 + back => S7;
            S10 + back => S9;
            S12 + back => S11;
            S14 + back => S13;
            S16 + back => S15;
            S18 + back => S17;
            S20 + back => S19;
            S22 + back => S21;
            S24 + back => S23;
            S26 + back => S25;
            S28 + back => S27;
            S30 + back => S29;
            S32 + back => S31;
            S34 + back => S33;
            S36 + back => S35;
            S38 + back => S37;
            S40 + back => S39;
            S42 + back => S41;
            S44 + back => S43;
            S46 + back => S45;
            S48 + back => S47;
            S50 + back => S49;
            S52 + back => S51;
            S54 + back => S53;
            S56 + back => S55;
            S58 + back => S57;
            S60 + back => S59;
            S62 + back => S61;
            S64 + back => S63;
        }
    }
}
