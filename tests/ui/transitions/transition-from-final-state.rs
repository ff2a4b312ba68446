automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        final state Broken;
        input kick();
        input repair();
        Locked + kick => Broken;
        Broken + repair => Locked;
    }
}

fn main() {}
