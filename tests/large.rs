//! Machines of more than 64 states, which the macro writes in their compact forms (a table of
//! state indices, names and `Debug` read from the description): behaviour identical to the
//! declaration, checked against the rule the declaration was written from; and one that
//! decides ([`Dial`]), whose table steps run inside a machine with guards.
//!
//! The declaration below is generated, and must stay so: state `S<i>` takes input `j` (`a`, `b`,
//! `c`) to `S<(7i + 13j + 1) % 71>` unless `5i + j` is a multiple of 8 (see [`target`]);
//! `a` and `b` run `count`, `c` runs `add`.
#![allow(missing_docs)] // test-only machine and core

use std::cell::RefCell;
use std::rc::Rc;

use automat_rs::{machine, MachineState, NoTransition, Observer, StepError};

/// How many states [`Large`] has.
const STATES: usize = 71;

machine! {
    /// Seventy-one states, three inputs.
    pub machine Large {
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
        state S65;
        state S66;
        state S67;
        state S68;
        state S69;
        state S70;
        input a();
        input b();
        input c(n: u32);
        output count();
        output add(n: u32);
        S0 + b => S14 / count;
        S0 + c => S27 / add;
        S1 + a => S8 / count;
        S1 + b => S21 / count;
        S1 + c => S34 / add;
        S2 + a => S15 / count;
        S2 + b => S28 / count;
        S2 + c => S41 / add;
        S3 + a => S22 / count;
        S3 + c => S48 / add;
        S4 + a => S29 / count;
        S4 + b => S42 / count;
        S4 + c => S55 / add;
        S5 + a => S36 / count;
        S5 + b => S49 / count;
        S5 + c => S62 / add;
        S6 + a => S43 / count;
        S6 + b => S56 / count;
        S7 + a => S50 / count;
        S7 + b => S63 / count;
        S7 + c => S5 / add;
        S8 + b => S70 / count;
        S8 + c => S12 / add;
        S9 + a => S64 / count;
        S9 + b => S6 / count;
        S9 + c => S19 / add;
        S10 + a => S0 / count;
        S10 + b => S13 / count;
        S10 + c => S26 / add;
        S11 + a => S7 / count;
        S11 + c => S33 / add;
        S12 + a => S14 / count;
        S12 + b => S27 / count;
        S12 + c => S40 / add;
        S13 + a => S21 / count;
        S13 + b => S34 / count;
        S13 + c => S47 / add;
        S14 + a => S28 / count;
        S14 + b => S41 / count;
        S15 + a => S35 / count;
        S15 + b => S48 / count;
        S15 + c => S61 / add;
        S16 + b => S55 / count;
        S16 + c => S68 / add;
        S17 + a => S49 / count;
        S17 + b => S62 / count;
        S17 + c => S4 / add;
        S18 + a => S56 / count;
        S18 + b => S69 / count;
        S18 + c => S11 / add;
        S19 + a => S63 / count;
        S19 + c => S18 / add;
        S20 + a => S70 / count;
        S20 + b => S12 / count;
        S20 + c => S25 / add;
        S21 + a => S6 / count;
        S21 + b => S19 / count;
        S21 + c => S32 / add;
        S22 + a => S13 / count;
        S22 + b => S26 / count;
        S23 + a => S20 / count;
        S23 + b => S33 / count;
        S23 + c => S46 / add;
        S24 + b => S40 / count;
        S24 + c => S53 / add;
        S25 + a => S34 / count;
        S25 + b => S47 / count;
        S25 + c => S60 / add;
        S26 + a => S41 / count;
        S26 + b => S54 / count;
        S26 + c => S67 / add;
        S27 + a => S48 / count;
        S27 + c => S3 / add;
        S28 + a => S55 / count;
        S28 + b => S68 / count;
        S28 + c => S10 / add;
        S29 + a => S62 / count;
        S29 + b => S4 / count;
        S29 + c => S17 / add;
        S30 + a => S69 / count;
        S30 + b => S11 / count;
        S31 + a => S5 / count;
        S31 + b => S18 / count;
        S31 + c => S31 / add;
        S32 + b => S25 / count;
        S32 + c => S38 / add;
        S33 + a => S19 / count;
        S33 + b => S32 / count;
        S33 + c => S45 / add;
        S34 + a => S26 / count;
        S34 + b => S39 / count;
        S34 + c => S52 / add;
        S35 + a => S33 / count;
        S35 + c => S59 / add;
        S36 + a => S40 / count;
        S36 + b => S53 / count;
        S36 + c => S66 / add;
        S37 + a => S47 / count;
        S37 + b => S60 / count;
        S37 + c => S2 / add;
        S38 + a => S54 / count;
        S38 + b => S67 / count;
        S39 + a => S61 / count;
        S39 + b => S3 / count;
        S39 + c => S16 / add;
        S40 + b => S10 / count;
        S40 + c => S23 / add;
        S41 + a => S4 / count;
        S41 + b => S17 / count;
        S41 + c => S30 / add;
        S42 + a => S11 / count;
        S42 + b => S24 / count;
        S42 + c => S37 / add;
        S43 + a => S18 / count;
        S43 + c => S44 / add;
        S44 + a => S25 / count;
        S44 + b => S38 / count;
        S44 + c => S51 / add;
        S45 + a => S32 / count;
        S45 + b => S45 / count;
        S45 + c => S58 / add;
        S46 + a => S39 / count;
        S46 + b => S52 / count;
        S47 + a => S46 / count;
        S47 + b => S59 / count;
        S47 + c => S1 / add;
        S48 + b => S66 / count;
        S48 + c => S8 / add;
        S49 + a => S60 / count;
        S49 + b => S2 / count;
        S49 + c => S15 / add;
        S50 + a => S67 / count;
        S50 + b => S9 / count;
        S50 + c => S22 / add;
        S51 + a => S3 / count;
        S51 + c => S29 / add;
        S52 + a => S10 / count;
        S52 + b => S23 / count;
        S52 + c => S36 / add;
        S53 + a => S17 / count;
        S53 + b => S30 / count;
        S53 + c => S43 / add;
        S54 + a => S24 / count;
        S54 + b => S37 / count;
        S55 + a => S31 / count;
        S55 + b => S44 / count;
        S55 + c => S57 / add;
        S56 + b => S51 / count;
        S56 + c => S64 / add;
        S57 + a => S45 / count;
        S57 + b => S58 / count;
        S57 + c => S0 / add;
        S58 + a => S52 / count;
        S58 + b => S65 / count;
        S58 + c => S7 / add;
        S59 + a => S59 / count;
        S59 + c => S14 / add;
        S60 + a => S66 / count;
        S60 + b => S8 / count;
        S60 + c => S21 / add;
        S61 + a => S2 / count;
        S61 + b => S15 / count;
        S61 + c => S28 / add;
        S62 + a => S9 / count;
        S62 + b => S22 / count;
        S63 + a => S16 / count;
        S63 + b => S29 / count;
        S63 + c => S42 / add;
        S64 + b => S36 / count;
        S64 + c => S49 / add;
        S65 + a => S30 / count;
        S65 + b => S43 / count;
        S65 + c => S56 / add;
        S66 + a => S37 / count;
        S66 + b => S50 / count;
        S66 + c => S63 / add;
        S67 + a => S44 / count;
        S67 + c => S70 / add;
        S68 + a => S51 / count;
        S68 + b => S64 / count;
        S68 + c => S6 / add;
        S69 + a => S58 / count;
        S69 + b => S0 / count;
        S69 + c => S13 / add;
        S70 + a => S65 / count;
        S70 + b => S7 / count;
    }
}

/// The rule the declaration was written from: where state `i` goes on input `j`.
fn target(i: usize, j: usize) -> Option<usize> {
    if (5 * i + j).is_multiple_of(8) {
        None
    } else {
        Some((7 * i + 13 * j + 1) % STATES)
    }
}

/// Input `j` (`c` with argument `n`).
fn input(j: usize, n: u32) -> LargeInput {
    match j {
        0 => LargeInput::A,
        1 => LargeInput::B,
        _ => LargeInput::C { n },
    }
}

/// Counts `count` and sums `add`'s arguments.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Tally {
    count: u32,
    sum: u32,
}

impl LargeOutputs for Tally {
    fn count(&mut self) {
        self.count += 1;
    }
    fn add(&mut self, n: u32) {
        self.sum += n;
    }
}

#[test]
fn next_follows_the_declaration_for_every_state_and_input() {
    assert_eq!(LargeState::ALL.len(), STATES);
    for (i, &state) in LargeState::ALL.iter().enumerate() {
        for j in 0..3 {
            let expected = target(i, j).map(|t| LargeState::ALL[t]);
            assert_eq!(state.next(&input(j, 1)), expected, "S{i} on input {j}");
        }
    }
}

#[test]
fn every_state_has_its_declared_name_in_name_debug_display_and_the_description() {
    /// A state formatted by the derive, to compare with.
    #[derive(Debug)]
    enum Derived {
        S70,
    }
    for (i, &state) in LargeState::ALL.iter().enumerate() {
        let name = format!("S{i}");
        assert_eq!(state.name(), name);
        assert_eq!(format!("{state:?}"), name);
        assert_eq!(format!("{state}"), name);
        assert_eq!(MachineState::index(state), i);
        assert_eq!(LargeState::DESCRIPTION.states[i].name, name);
    }
    assert_eq!(LargeState::INITIAL, LargeState::S0);
    // `Debug` is written by hand for a large machine: it formats as the derive does, flags and
    // all.
    let format = |s: &dyn std::fmt::Debug| format!("{s:>6?}|{s:#?}|{s:<5?}|");
    assert_eq!(format(&LargeState::S70), format(&Derived::S70));
}

#[test]
fn the_description_lists_every_declared_transition() {
    let declared: Vec<(usize, usize, usize)> = (0..STATES)
        .flat_map(|i| (0..3).filter_map(move |j| target(i, j).map(|t| (i, j, t))))
        .collect();
    let described: Vec<(usize, usize, usize)> = LargeState::DESCRIPTION
        .transitions
        .iter()
        .map(|t| (t.source, t.input, t.target))
        .collect();
    assert_eq!(described, declared);
}

#[test]
fn a_walk_takes_every_transition_the_table_has_and_refuses_the_rest_without_change() {
    let mut machine = Large::new(Tally::default());
    let (mut here, mut expected) = (0, Tally::default());
    let (mut taken, mut refused) = (0, 0);
    for k in 0..600_u32 {
        let j = (k * 7 % 3) as usize;
        let result = match j {
            0 => machine.a(),
            1 => machine.b(),
            _ => machine.c(k),
        };
        if let Some(to) = target(here, j) {
            assert!(result.is_ok(), "S{here} takes input {j}");
            here = to;
            if j == 2 {
                expected.sum += k;
            } else {
                expected.count += 1;
            }
            taken += 1;
        } else {
            let error: NoTransition<LargeState> = result.unwrap_err();
            assert_eq!(error.state(), LargeState::ALL[here]);
            assert_eq!(error.input().name, ["a", "b", "c"][j]);
            refused += 1;
        }
        assert_eq!(machine.state(), LargeState::ALL[here]);
        assert_eq!(*machine.core(), expected);
    }
    assert!(
        taken > 100 && refused > 10,
        "{taken} taken, {refused} refused"
    );
}

type Log = Rc<RefCell<Vec<String>>>;

/// Writes what it sees into a shared log.
pub struct Events(Log);

impl Observer<LargeState> for Events {
    fn transition(&mut self, from: LargeState, input: usize, to: LargeState) {
        self.0
            .borrow_mut()
            .push(format!("{from} + {input} => {to}"));
    }
    fn rejected(&mut self, error: NoTransition<LargeState>) {
        let line = format!("{} refuses {}", error.state(), error.input().name);
        self.0.borrow_mut().push(line);
    }
}

#[test]
fn handle_and_an_observer_see_the_same_steps_as_the_declaration() {
    let log: Log = Rc::default();
    let mut machine = Large::new(Tally::default()).observe(Events(Rc::clone(&log)));
    let mut expected = Vec::new();
    let mut here = 0;
    for k in 0..300_u32 {
        let j = (k * 5 % 3) as usize;
        let accepted = machine.handle(input(j, k)).is_ok();
        if let Some(to) = target(here, j) {
            assert!(accepted);
            expected.push(format!("S{here} + {j} => S{to}"));
            here = to;
        } else {
            assert!(!accepted);
            expected.push(format!("S{here} refuses {}", ["a", "b", "c"][j]));
        }
    }
    assert_eq!(machine.state(), LargeState::ALL[here]);
    assert_eq!(*log.borrow(), expected);
}

/// How many states [`Dial`] has.
const DIAL: usize = 66;

machine! {
    /// A machine that decides, of more than 64 states: a ring stepped by table (`D<i> + step =>
    /// D<i + 1>`, generated), and a guarded `jump` from `D0`.
    pub machine Dial {
        initial state D0;
        state D1;
        state D2;
        state D3;
        state D4;
        state D5;
        state D6;
        state D7;
        state D8;
        state D9;
        state D10;
        state D11;
        state D12;
        state D13;
        state D14;
        state D15;
        state D16;
        state D17;
        state D18;
        state D19;
        state D20;
        state D21;
        state D22;
        state D23;
        state D24;
        state D25;
        state D26;
        state D27;
        state D28;
        state D29;
        state D30;
        state D31;
        state D32;
        state D33;
        state D34;
        state D35;
        state D36;
        state D37;
        state D38;
        state D39;
        state D40;
        state D41;
        state D42;
        state D43;
        state D44;
        state D45;
        state D46;
        state D47;
        state D48;
        state D49;
        state D50;
        state D51;
        state D52;
        state D53;
        state D54;
        state D55;
        state D56;
        state D57;
        state D58;
        state D59;
        state D60;
        state D61;
        state D62;
        state D63;
        state D64;
        state D65;
        input step();
        input jump(n: u32);
        guard far(n: u32);
        output tick();
        D0 + step => D1 / tick;
        D1 + step => D2 / tick;
        D2 + step => D3 / tick;
        D3 + step => D4 / tick;
        D4 + step => D5 / tick;
        D5 + step => D6 / tick;
        D6 + step => D7 / tick;
        D7 + step => D8 / tick;
        D8 + step => D9 / tick;
        D9 + step => D10 / tick;
        D10 + step => D11 / tick;
        D11 + step => D12 / tick;
        D12 + step => D13 / tick;
        D13 + step => D14 / tick;
        D14 + step => D15 / tick;
        D15 + step => D16 / tick;
        D16 + step => D17 / tick;
        D17 + step => D18 / tick;
        D18 + step => D19 / tick;
        D19 + step => D20 / tick;
        D20 + step => D21 / tick;
        D21 + step => D22 / tick;
        D22 + step => D23 / tick;
        D23 + step => D24 / tick;
        D24 + step => D25 / tick;
        D25 + step => D26 / tick;
        D26 + step => D27 / tick;
        D27 + step => D28 / tick;
        D28 + step => D29 / tick;
        D29 + step => D30 / tick;
        D30 + step => D31 / tick;
        D31 + step => D32 / tick;
        D32 + step => D33 / tick;
        D33 + step => D34 / tick;
        D34 + step => D35 / tick;
        D35 + step => D36 / tick;
        D36 + step => D37 / tick;
        D37 + step => D38 / tick;
        D38 + step => D39 / tick;
        D39 + step => D40 / tick;
        D40 + step => D41 / tick;
        D41 + step => D42 / tick;
        D42 + step => D43 / tick;
        D43 + step => D44 / tick;
        D44 + step => D45 / tick;
        D45 + step => D46 / tick;
        D46 + step => D47 / tick;
        D47 + step => D48 / tick;
        D48 + step => D49 / tick;
        D49 + step => D50 / tick;
        D50 + step => D51 / tick;
        D51 + step => D52 / tick;
        D52 + step => D53 / tick;
        D53 + step => D54 / tick;
        D54 + step => D55 / tick;
        D55 + step => D56 / tick;
        D56 + step => D57 / tick;
        D57 + step => D58 / tick;
        D58 + step => D59 / tick;
        D59 + step => D60 / tick;
        D60 + step => D61 / tick;
        D61 + step => D62 / tick;
        D62 + step => D63 / tick;
        D63 + step => D64 / tick;
        D64 + step => D65 / tick;
        D65 + step => D0 / tick;
        D0 + jump [far] => D33 / tick;
    }
}

/// Counts ticks; `far` holds for arguments above 10.
#[derive(Debug, Default)]
pub struct Ticks(u32);

impl DialOutputs for Ticks {
    fn far(&self, n: &u32) -> bool {
        *n > 10
    }
    fn tick(&mut self) {
        self.0 += 1;
    }
}

#[test]
fn a_large_machine_that_decides_steps_by_table_and_by_guard() {
    let mut dial = Dial::new(Ticks::default());
    for i in 1..=DIAL {
        dial.step().unwrap();
        assert_eq!(dial.state(), DialState::ALL[i % DIAL]);
    }
    assert_eq!(dial.core().0, 66);
    let error = dial.jump(3).unwrap_err();
    assert!(matches!(error, StepError::GuardsFailed(_)), "{error:?}");
    assert_eq!((dial.state(), dial.core().0), (DialState::D0, 66));
    dial.jump(11).unwrap();
    assert_eq!((dial.state(), dial.core().0), (DialState::D33, 67));
    let error = dial.jump(11).unwrap_err();
    assert!(matches!(error, StepError::NoTransition(_)), "{error:?}");
    assert_eq!(dial.state(), DialState::D33);
    dial.step().unwrap();
    assert_eq!(format!("{:?} {}", dial.state(), dial.state()), "D34 D34");
}
