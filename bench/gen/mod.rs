//! Source text of the wide machine, written once per implementation so that every implementation
//! of a shape has the same transitions. Used by `build.rs` (the 64 × 8 dispatch workload) and by
//! `automat-bench source` (the machines of the build-time script).
//!
//! The shape: states `S0..S{n}`, inputs `0..m`; state `i` on input `j` goes to
//! `(7i + 13j + 1) mod n` and runs the one output (which bumps a counter), except where
//! `(5i + j) mod 8 == 0`: there the state has no transition on that input (refused).

use std::fmt::Write;

/// The target of state `i` on input `j`, or `None` when the pair is refused.
#[must_use]
pub const fn target(states: usize, i: usize, j: usize) -> Option<usize> {
    if (5 * i + j).is_multiple_of(8) {
        None
    } else {
        Some((7 * i + 13 * j + 1) % states)
    }
}

/// The implementations whose source this module writes.
pub const IMPLEMENTATIONS: [&str; 7] = [
    "automat",
    "automat_typestate",
    "match",
    "rust_fsm",
    "sm",
    "smlang",
    "statig",
];

fn pairs(states: usize, inputs: usize) -> impl Iterator<Item = (usize, usize, usize)> {
    (0..states)
        .flat_map(move |i| (0..inputs).filter_map(move |j| target(states, i, j).map(|t| (i, j, t))))
}

/// The input name of index `j`, per implementation's convention.
fn input_variant(j: usize) -> String {
    format!("I{j}")
}

/// A module `wide` holding the machine as `implementation` declares it, with a uniform driver:
/// `wide::Machine::new()`, `feed(&mut self, k: u8) -> bool` (accepted), `state_index()`,
/// `outputs()`.
///
/// # Panics
///
/// On an unknown implementation name (a bug of the caller).
pub fn source(implementation: &str, states: usize, inputs: usize) -> String {
    let mut s = String::new();
    match implementation {
        "automat" => automat(&mut s, states, inputs, false),
        "automat_typestate" => automat(&mut s, states, inputs, true),
        "sm" => sm(&mut s, states, inputs),
        "match" => handwritten(&mut s, states, inputs),
        "rust_fsm" => rust_fsm(&mut s, states, inputs),
        "smlang" => smlang(&mut s, states, inputs),
        "statig" => statig(&mut s, states, inputs),
        other => panic!("unknown implementation {other}"),
    }
    s
}

fn automat(s: &mut String, states: usize, inputs: usize, typestate: bool) {
    s.push_str("automat_rs::machine! {\n    /// The wide machine.\n");
    if typestate {
        s.push_str("    #[typestate]\n");
    }
    s.push_str("    pub machine Wide {\n");
    for i in 0..states {
        let initial = if i == 0 { "initial " } else { "" };
        writeln!(s, "        {initial}state S{i};").unwrap();
    }
    for j in 0..inputs {
        writeln!(s, "        input in{j}();").unwrap();
    }
    s.push_str("        output count();\n");
    for (i, j, t) in pairs(states, inputs) {
        writeln!(s, "        S{i} + in{j} => S{t} / count;").unwrap();
    }
    s.push_str("    }\n}\n\n");
    s.push_str(
        "/// The core: counts the outputs run.\n#[derive(Default)]\npub struct Counter(pub u64);\n\n\
         impl WideOutputs for Counter {\n    #[inline]\n    fn count(&mut self) {\n        self.0 += 1;\n    }\n}\n\n",
    );
    input_of_k(
        s,
        inputs,
        "/// Input `k` as a value.\n#[inline]\n#[must_use]\npub fn input_of(k: u8) -> WideInput",
        |j| format!("WideInput::In{j}"),
    );
    s.push_str(
        "/// The wide machine behind the uniform driver.\npub struct Machine(Wide<Counter>);\n\n",
    );
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self(Wide::new(Counter::default()))\n    }\n\n");
    s.push_str("    /// Feeds input `k`, as a value; whether it was accepted.\n    #[inline]\n    pub fn feed(&mut self, k: u8) -> bool {\n        self.0.handle(input_of(k)).is_ok()\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        automat_rs::MachineState::index(self.0.state())\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.0.core().0\n    }\n}\n");
}

fn states_enum(s: &mut String, states: usize, inputs: usize) {
    s.push_str("/// The states.\n#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum State {\n");
    for i in 0..states {
        writeln!(s, "    /// A state.\n    S{i},").unwrap();
    }
    s.push_str(
        "}\n\n/// The inputs.\n#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum Input {\n",
    );
    for j in 0..inputs {
        writeln!(s, "    /// An input.\n    {},", input_variant(j)).unwrap();
    }
    s.push_str("}\n\n");
    input_of_k(s, inputs, "#[inline]\nfn input_of(k: u8) -> Input", |j| {
        format!("Input::{}", input_variant(j))
    });
}

/// `{header} { match k { 0 => .., _ => <last input> } }`: input index `k` as the value
/// `variant(j)` of some implementation's input type.
fn input_of_k(s: &mut String, inputs: usize, header: &str, variant: impl Fn(usize) -> String) {
    writeln!(s, "{header} {{\n    match k {{").unwrap();
    for j in 0..inputs {
        let arm = if j + 1 == inputs {
            "_".to_owned()
        } else {
            j.to_string()
        };
        writeln!(s, "        {arm} => {},", variant(j)).unwrap();
    }
    s.push_str("    }\n}\n\n");
}

fn handwritten(s: &mut String, states: usize, inputs: usize) {
    states_enum(s, states, inputs);
    s.push_str("/// The hand-written machine: an enum and a `match (state, input)`.\npub struct Machine {\n    state: State,\n    outputs: u64,\n}\n\n");
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self { state: State::S0, outputs: 0 }\n    }\n\n");
    s.push_str("    /// Feeds input `k`; whether it was accepted.\n    #[inline]\n    pub fn feed(&mut self, k: u8) -> bool {\n        let next = match (self.state, input_of(k)) {\n");
    for (i, j, t) in pairs(states, inputs) {
        writeln!(
            s,
            "            (State::S{i}, Input::{}) => State::S{t},",
            input_variant(j)
        )
        .unwrap();
    }
    s.push_str("            _ => return false,\n        };\n        self.state = next;\n        self.outputs += 1;\n        true\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        self.state as usize\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.outputs\n    }\n}\n");
}

fn rust_fsm(s: &mut String, states: usize, inputs: usize) {
    s.push_str("rust_fsm::state_machine! {\n    /// The wide machine.\n    #[derive(Clone, Copy, Debug, PartialEq)]\n    pub wide(S0)\n\n");
    for (i, j, t) in pairs(states, inputs) {
        writeln!(s, "    S{i}({}) => S{t} [Count],", input_variant(j)).unwrap();
    }
    s.push_str("}\n\n");
    input_of_k(
        s,
        inputs,
        "#[inline]\nfn input_of(k: u8) -> wide::Input",
        |j| format!("wide::Input::{}", input_variant(j)),
    );
    s.push_str("/// rust-fsm's machine; the caller acts on the returned output.\npub struct Machine {\n    machine: wide::StateMachine,\n    outputs: u64,\n}\n\n");
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self { machine: wide::StateMachine::new(), outputs: 0 }\n    }\n\n");
    s.push_str("    /// Feeds input `k`; whether it was accepted.\n    #[inline]\n    pub fn feed(&mut self, k: u8) -> bool {\n        match self.machine.consume(&input_of(k)) {\n            Ok(Some(wide::Output::Count)) => {\n                self.outputs += 1;\n                true\n            }\n            Ok(None) => true,\n            Err(_) => false,\n        }\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        match *self.machine.state() {\n");
    for i in 0..states {
        writeln!(s, "            wide::State::S{i} => {i},").unwrap();
    }
    s.push_str("        }\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.outputs\n    }\n}\n");
}

fn smlang(s: &mut String, states: usize, inputs: usize) {
    s.push_str(
        "smlang::statemachine! {\n    derive_states: [Clone, Copy, Debug],\n    transitions: {\n",
    );
    for (i, j, t) in pairs(states, inputs) {
        let star = if i == 0 && j == pairs(states, inputs).next().map_or(0, |p| p.1) {
            "*"
        } else {
            ""
        };
        writeln!(
            s,
            "        {star}S{i} + {} / count = S{t},",
            input_variant(j)
        )
        .unwrap();
    }
    s.push_str("    }\n}\n\n");
    s.push_str("/// smlang's context: counts the outputs run.\npub struct Context(u64);\n\nimpl StateMachineContext for Context {\n    #[inline]\n    fn count(&mut self) -> Result<(), ()> {\n        self.0 += 1;\n        Ok(())\n    }\n}\n\n");
    input_of_k(s, inputs, "#[inline]\nfn event_of(k: u8) -> Events", |j| {
        format!("Events::{}", input_variant(j))
    });
    s.push_str("/// smlang's machine.\npub struct Machine(StateMachine<Context>);\n\n");
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self(StateMachine::new(Context(0)))\n    }\n\n");
    s.push_str("    /// Feeds input `k`; whether it was accepted.\n    #[inline]\n    pub fn feed(&mut self, k: u8) -> bool {\n        self.0.process_event(event_of(k)).is_ok()\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        match *self.0.state() {\n");
    for i in 0..states {
        writeln!(s, "            States::S{i} => {i},").unwrap();
    }
    s.push_str("        }\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.0.context().0\n    }\n}\n");
}

fn statig(s: &mut String, states: usize, inputs: usize) {
    s.push_str("use statig::prelude::*;\n\n");
    s.push_str("/// The inputs.\n#[derive(Clone, Copy, PartialEq, Eq, Debug)]\npub enum Input {\n");
    for j in 0..inputs {
        writeln!(s, "    /// An input.\n    {},", input_variant(j)).unwrap();
    }
    s.push_str("}\n\n");
    input_of_k(s, inputs, "#[inline]\nfn input_of(k: u8) -> Input", |j| {
        format!("Input::{}", input_variant(j))
    });
    s.push_str("/// statig's shared storage: the output counter and the refusals.\n#[derive(Default)]\npub struct Wide {\n    outputs: u64,\n    refused: u64,\n}\n\n");
    s.push_str("#[state_machine(initial = \"State::s0()\")]\nimpl Wide {\n");
    for i in 0..states {
        writeln!(s, "    #[state]\n    fn s{i}(&mut self, event: &Input) -> Outcome<State> {{\n        match event {{").unwrap();
        for j in 0..inputs {
            if let Some(t) = target(states, i, j) {
                writeln!(s, "            Input::{} => {{\n                self.outputs += 1;\n                Transition(State::s{t}())\n            }}", input_variant(j)).unwrap();
            }
        }
        if (0..inputs).any(|j| target(states, i, j).is_none()) {
            s.push_str("            _ => {\n                self.refused += 1;\n                Handled\n            }\n");
        }
        s.push_str("        }\n    }\n\n");
    }
    s.push_str("}\n\n");
    s.push_str("/// statig's machine.\npub struct Machine(statig::blocking::InitializedStateMachine<Wide>);\n\n");
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self(Wide::default().uninitialized_state_machine().init())\n    }\n\n");
    s.push_str("    /// Feeds input `k`; whether it was accepted.\n    #[inline]\n    pub fn feed(&mut self, k: u8) -> bool {\n        let refused = self.0.refused;\n        self.0.handle(&input_of(k));\n        self.0.refused == refused\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        match *self.0.state() {\n");
    for i in 0..states {
        writeln!(s, "            State::S{i} {{}} => {i},").unwrap();
    }
    s.push_str("        }\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.0.outputs\n    }\n}\n");
}

/// sm 0.9 (a typestate machine, one type per state and a trait impl per transition), with the
/// uniform driver over its dynamic view: `Variant`, one variant per `(state, last event)`, each
/// taking the inputs its state accepts (what dynamic code over an sm machine has to write).
fn sm(s: &mut String, states: usize, inputs: usize) {
    s.push_str("pub mod wide {\nuse sm::sm;\nsm! {\n    Wide {\n        InitialStates { S0 }\n");
    for j in 0..inputs {
        write!(s, "        I{j} {{").unwrap();
        for i in 0..states {
            if let Some(t) = target(states, i, j) {
                write!(s, " S{i} => S{t}").unwrap();
            }
        }
        s.push_str(" }\n");
    }
    s.push_str("    }\n}\npub use Wide::*;\n\n");
    s.push_str("/// The machine, by its dynamic view, and its output counter.\npub struct Machine {\n    variant: Option<Variant>,\n    outputs: u64,\n}\n\n");
    s.push_str("impl Machine {\n    /// In the initial state.\n    #[must_use]\n    pub fn new() -> Self {\n        Self { variant: Some(Wide::Machine::new(S0).as_enum()), outputs: 0 }\n    }\n\n");
    s.push_str("    /// Feeds input `k`; whether it was accepted.\n    pub fn feed(&mut self, k: u8) -> bool {\n        let variant = self.variant.take().unwrap();\n        let next = match (variant, k) {\n");
    // Every variant (`InitialS0`, `S<t>ByI<j>`) of every state, on every input it accepts.
    let mut variants: Vec<(String, usize)> = vec![("InitialS0".to_owned(), 0)];
    for j in 0..inputs {
        let mut reached = std::collections::BTreeSet::new();
        for i in 0..states {
            if let Some(t) = target(states, i, j) {
                reached.insert(t);
            }
        }
        for t in reached {
            variants.push((format!("S{t}ByI{j}"), t));
        }
    }
    for (variant, state) in &variants {
        for j in 0..inputs {
            if target(states, *state, j).is_some() {
                writeln!(
                    s,
                    "            (Variant::{variant}(m), {j}) => m.transition(I{j}).as_enum(),"
                )
                .unwrap();
            }
        }
    }
    s.push_str("            (variant, _) => {\n                self.variant = Some(variant);\n                return false;\n            }\n        };\n        self.variant = Some(next);\n        self.outputs += 1;\n        true\n    }\n\n");
    s.push_str("    /// The state's index.\n    #[must_use]\n    pub fn state_index(&self) -> usize {\n        state_of(self.variant.as_ref().unwrap())\n    }\n\n");
    s.push_str("    /// Outputs run.\n    #[must_use]\n    pub fn outputs(&self) -> u64 {\n        self.outputs\n    }\n}\n\n");
    s.push_str("fn state_of(variant: &Variant) -> usize {\n    match variant {\n");
    for (variant, state) in &variants {
        writeln!(s, "        Variant::{variant}(_) => {state},").unwrap();
    }
    s.push_str("    }\n}\n}\npub use wide::Machine;\n");
}
