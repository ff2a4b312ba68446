// The input passes a `u32` where the output takes a `String`: rustc's error lands on the
// output's parameter, where the disagreement is declared.
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin(cents: u32);
        output count(cents: String);
        Locked + coin => Unlocked / count;
    }
}

struct Counter;

impl TurnstileOutputs for Counter {
    fn count(&mut self, _cents: String) {}
}

fn main() {
    let _ = Turnstile::new(Counter);
}
