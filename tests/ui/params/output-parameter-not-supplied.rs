automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output count(cents: u32);
        output log(reason: &'static str);
        Locked + coin => Unlocked / count;
        Unlocked + push => Locked / count, log;
    }
}

fn main() {}
