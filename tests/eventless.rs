//! Eventless transitions (PRODUCT.md, step 7): once a step has entered a state, its eventless
//! transitions are taken, each a whole step (exit, commit, outputs, entry), before the method
//! returns; a state tries its own first, in declaration order, then its compounds'.
#![allow(missing_docs)] // test-only machines and cores

use automat_rs::{machine, Description, Observer};

machine! {
    /// An order checks itself as soon as it is submitted.
    #[derive_input(Debug, Clone, Copy, PartialEq)]
    pub machine Checkout {
        initial state Cart;
        state Checking { entry check_in; exit check_out; }
        state Approved { entry approved_in; }
        state Rejected { entry rejected_in; }
        final state Shipped { entry shipped_in; }

        input submit();
        input retry();

        guard valid();
        guard in_stock();

        output check_in(); output check_out();
        output approved_in(); output rejected_in(); output shipped_in();
        output audit();

        Cart + submit => Checking;
        /// Approve a valid order.
        Checking [valid] => Approved / audit;
        Checking => Rejected;
        Approved [in_stock] => Shipped;
        Rejected + retry => Checking;
    }
}

#[derive(Default)]
pub struct Shop {
    valid: bool,
    in_stock: bool,
    log: Vec<&'static str>,
}

impl CheckoutOutputs for Shop {
    fn valid(&self) -> bool {
        self.valid
    }
    fn in_stock(&self) -> bool {
        self.in_stock
    }
    fn check_in(&mut self) {
        self.log.push("check_in");
    }
    fn check_out(&mut self) {
        self.log.push("check_out");
    }
    fn approved_in(&mut self) {
        self.log.push("approved_in");
    }
    fn rejected_in(&mut self) {
        self.log.push("rejected_in");
    }
    fn shipped_in(&mut self) {
        self.log.push("shipped_in");
    }
    fn audit(&mut self) {
        self.log.push("audit");
    }
}

#[test]
fn an_eventless_chain_runs_before_the_method_returns() {
    let mut order = Checkout::new(Shop {
        valid: true,
        in_stock: true,
        ..Shop::default()
    });
    order.submit().unwrap();
    assert_eq!(order.state(), CheckoutState::Shipped);
    assert_eq!(
        order.core().log,
        [
            "check_in",
            "check_out",
            "audit",
            "approved_in",
            "shipped_in"
        ]
    );
}

#[test]
fn the_first_eventless_transition_whose_guard_holds_is_taken() {
    let mut order = Checkout::new(Shop::default());
    order.submit().unwrap();
    assert_eq!(order.state(), CheckoutState::Rejected);
    assert_eq!(order.core().log, ["check_in", "check_out", "rejected_in"]);
    // A guard that fails leaves the machine where the step took it.
    order.core_mut().valid = true;
    order.core_mut().log.clear();
    order.retry().unwrap();
    assert_eq!(order.state(), CheckoutState::Approved);
    assert_eq!(
        order.core().log,
        ["check_in", "check_out", "audit", "approved_in"]
    );
}

#[derive(Default)]
struct Seen(Vec<String>);

impl Observer<CheckoutState> for Seen {
    fn transition(&mut self, from: CheckoutState, input: usize, to: CheckoutState) {
        let input = Checkout::description().inputs[input].name;
        self.0.push(format!("{from} + {input} => {to}"));
    }
    fn eventless(&mut self, from: CheckoutState, index: usize, to: CheckoutState) {
        let entry = &Checkout::description().eventless[index];
        assert_eq!(entry.source, from as usize);
        assert_eq!(entry.target, to as usize);
        self.0.push(format!("{from} => {to}"));
    }
}

#[test]
fn observers_see_each_eventless_step() {
    let order = Checkout::new(Shop {
        valid: true,
        in_stock: true,
        ..Shop::default()
    });
    let mut order = order.observe(Seen::default());
    order.handle(CheckoutInput::Submit).unwrap();
    let (_, seen) = order.unobserve();
    assert_eq!(
        seen.0,
        [
            "Cart + submit => Checking",
            "Checking => Approved",
            "Approved => Shipped"
        ]
    );
}

#[test]
fn the_description_lists_eventless_transitions() {
    let d: &Description<'_> = Checkout::description();
    let listed: Vec<(&str, &str, Option<&str>)> = d
        .eventless
        .iter()
        .map(|e| (d.states[e.source].name, d.states[e.target].name, e.guard))
        .collect();
    assert_eq!(
        listed,
        [
            ("Checking", "Approved", Some("valid")),
            ("Checking", "Rejected", None),
            ("Approved", "Shipped", Some("in_stock")),
        ]
    );
    assert_eq!(d.eventless[0].docs, "Approve a valid order.");
    let audit = d.outputs.iter().position(|o| o.name == "audit");
    assert_eq!(d.eventless[0].outputs, [audit.unwrap()]);
}

#[test]
fn a_journal_replays_a_step_to_where_its_eventless_chain_ended() {
    let mut order = Checkout::new(Shop {
        valid: true,
        in_stock: true,
        ..Shop::default()
    });
    let mut journal = automat_rs::journal::Journal::new();
    journal.record(&mut order, CheckoutInput::Submit).unwrap();
    assert_eq!(
        automat_rs::journal::replay_state(CheckoutState::Cart, journal.entries()),
        Ok(CheckoutState::Shipped)
    );
}

machine! {
    /// Two states that hand over to each other while `spin` holds, under a compound whose
    /// eventless transition every leaf inherits.
    pub machine Spinner {
        initial state Idle;
        state Busy {
            initial state Left;
            state Right;
        }
        state Done;
        input go();
        input stop();
        guard spin();
        guard finished();
        output tick();
        Idle + go => Busy;
        Left [spin] => Right / tick;
        Right [spin] => Left / tick;
        Busy [finished] => Done;
        Busy + stop => Idle;
        Done + go => Idle;
    }
}

#[derive(Default)]
pub struct Wheel {
    spin: bool,
    finished: bool,
    ticks: usize,
}

impl SpinnerOutputs for Wheel {
    fn spin(&self) -> bool {
        self.spin
    }
    fn finished(&self) -> bool {
        self.finished
    }
    fn tick(&mut self) {
        self.ticks += 1;
    }
}

#[test]
fn a_guarded_cycle_that_keeps_holding_is_cut_after_as_many_steps_as_states() {
    let mut wheel = Spinner::new(Wheel {
        spin: true,
        ..Wheel::default()
    });
    wheel.go().unwrap();
    // Four states: four eventless steps, then the method returns.
    assert_eq!(wheel.core().ticks, 4);
    assert_eq!(wheel.state(), SpinnerState::Left);
}

#[test]
fn a_leaf_inherits_its_compounds_eventless_transitions_after_its_own() {
    let mut wheel = Spinner::new(Wheel {
        finished: true,
        ..Wheel::default()
    });
    wheel.go().unwrap();
    assert_eq!(wheel.state(), SpinnerState::Done);
    assert_eq!(wheel.core().ticks, 0);
    // Its own come first: with both guards holding, `Left` spins before `Busy` finishes.
    let mut wheel = Spinner::new(Wheel {
        spin: true,
        finished: true,
        ..Wheel::default()
    });
    wheel.go().unwrap();
    assert_eq!(wheel.state(), SpinnerState::Left);
    assert_eq!(wheel.core().ticks, 4);
}
