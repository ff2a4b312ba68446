//! The machines the diagram tests draw: the examples (each included with its own
//! `mod support;`) and three more real ones, for `tests/diagrams.rs` and
//! `tests/diagram_quality.rs`.

#![allow(dead_code)] // each test uses its part

use automat_rs::{machine, Description};

#[allow(dead_code, unused_imports)]
#[path = "../../examples/coffee_brewer.rs"]
pub mod coffee_brewer;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/dishwasher.rs"]
pub mod dishwasher;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/garage_door.rs"]
pub mod garage_door;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/http2_stream.rs"]
pub mod http2_stream;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/order_journal.rs"]
pub mod order_journal;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/tcp.rs"]
pub mod tcp;
#[allow(dead_code, unused_imports)]
#[path = "../../examples/turnstile.rs"]
pub mod turnstile;

machine! {
    /// An online checkout: a cart, an address, a payment that may be declined, shipping.
    pub machine Checkout {
        initial state Cart;
        state Addressed;
        state Paying;
        state Paid;
        state Shipped;
        final state Delivered;
        final state Cancelled;

        input add_item(sku: u32);
        input address();
        input pay(cents: u64);
        input approved();
        input declined();
        input ship();
        input deliver();
        input cancel();

        guard in_stock(sku: &u32);
        guard covers_total(cents: &u64);

        output reserve(sku: u32);
        output charge(cents: u64);
        output refund();
        output notify();

        Cart | Addressed + add_item [in_stock] => Cart / reserve;
        Cart + address => Addressed;
        Addressed + address => Addressed;
        Addressed + pay [covers_total] => Paying / charge;
        Paying + approved => Paid / notify;
        Paying + declined => Addressed / notify;
        Paid + ship => Shipped / notify;
        Shipped + deliver => Delivered / notify;
        Cart | Addressed + cancel => Cancelled;
        Paying | Paid + cancel => Cancelled / refund;
    }
}

machine! {
    /// A vending machine: coins in, a choice, change out; service mode from anywhere.
    pub machine Vending {
        initial state Idle;
        state Credit;
        state Vending;
        state OutOfOrder;
        state Service;

        input coin(cents: u32);
        input choose(item: u8);
        input dispensed();
        input refund();
        input jam();
        input service();
        input done();

        guard enough(item: &u8);
        guard empty_slot(item: &u8);

        output add(cents: u32);
        output drop_item(item: u8);
        output give_change();
        output alarm();

        Idle | Credit + coin => Credit / add;
        Credit + choose [empty_slot] => Credit;
        Credit + choose [enough] => Vending / drop_item;
        Vending + dispensed => Idle / give_change;
        Credit + refund => Idle / give_change;
        Vending + jam => OutOfOrder / alarm;
        _ + service => Service;
        Service + done => Idle;
    }
}

machine! {
    /// A background job: queued, running with retries, paused, done or failed.
    pub machine Job {
        initial state Queued;
        state Running;
        state Paused;
        state Retrying;
        final state Succeeded;
        final state Failed;

        input start();
        input pause();
        input resume();
        input finish();
        input fail();
        input retry();
        input give_up();

        guard retries_left();

        Queued + start => Running;
        Running + pause => Paused;
        Paused + resume => Running;
        Running + finish => Succeeded;
        Running + fail [retries_left] => Retrying;
        Running + fail => Failed;
        Retrying + retry => Running;
        Retrying | Paused + give_up => Failed;
    }
}

machine! {
    /// An order's fulfilment, step by step: a long chain, with a cancellation until it is
    /// charged and a retry when the carrier refuses it.
    pub machine Fulfilment {
        initial state Received;
        state Validated;
        state Priced;
        state Reserved;
        state Charged;
        state Picked;
        state Packed;
        state Labelled;
        state Shipped;
        state Delivered;
        final state Closed;
        final state Cancelled;

        input next();
        input cancel();
        input refused();

        output log();
        output release();

        Received + next => Validated / log;
        Validated + next => Priced / log;
        Priced + next => Reserved / log;
        Reserved + next => Charged / log;
        Charged + next => Picked / log;
        Picked + next => Packed / log;
        Packed + next => Labelled / log;
        Labelled + next => Shipped / log;
        Shipped + refused => Labelled / log;
        Shipped + next => Delivered / log;
        Delivered + next => Closed / log;
        Received | Validated | Priced | Reserved + cancel => Cancelled / release;
    }
}

pub fn corpus() -> Vec<&'static Description<'static>> {
    vec![
        turnstile::Turnstile::description(),
        coffee_brewer::CoffeeBrewer::description(),
        garage_door::GarageDoor::description(),
        order_journal::Order::description(),
        tcp::Connection::description(),
        http2_stream::Stream::description(),
        dishwasher::Dishwasher::description(),
        Checkout::description(),
        Vending::description(),
        Job::description(),
        Fulfilment::description(),
    ]
}

/// The six examples the diagram tests check in every format.
pub fn examples() -> [&'static Description<'static>; 6] {
    [
        turnstile::Turnstile::description(),
        coffee_brewer::CoffeeBrewer::description(),
        garage_door::GarageDoor::description(),
        tcp::Connection::description(),
        http2_stream::Stream::description(),
        dishwasher::Dishwasher::description(),
    ]
}
