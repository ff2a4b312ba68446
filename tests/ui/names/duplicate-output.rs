automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin();
        output unlock();
        output unlock();
        Locked + coin => Unlocked / unlock;
    }
}

fn main() {}
