automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Unlocked;
        input coin();
        output unlock();
        Locked + coin => Unlocked / unlokc;
    }
}

fn main() {}
