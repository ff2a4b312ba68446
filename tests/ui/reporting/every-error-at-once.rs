// Five mistakes, one build: every error is reported, each on its own token.
automat_rs::machine! {
    machine Turnstile {
        state Locked;
        state Unlocked;
        state Unlocked;
        input coin(cents: u32);
        output count(cent: u32);
        Locked + coin => Unlokced;
        Locked + coin => Unlocked / count;
        Unlocked + push => Locked;
    }
}

fn main() {}
