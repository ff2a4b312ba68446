// The machine has an error, and code below uses every generated item. The macro still emits the
// machine's types with stub bodies, so the only error is the real one: no "cannot find type".
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Lockd;
    }
}

struct Gate;

impl TurnstileOutputs for Gate {
    fn unlock(&mut self) {}
}

fn main() {
    let mut turnstile = Turnstile::new(Gate);
    let _: Result<(), automat_rs::NoTransition<TurnstileState>> = turnstile.coin(5);
    let _ = turnstile.handle(TurnstileInput::Push);
    let _ = TurnstileState::Locked.name();
    let _ = Turnstile::description();
}
