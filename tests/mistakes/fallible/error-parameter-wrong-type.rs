// Mistake: a route output taking `error` typed unlike the failure
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        output complain(error: &u32);
        //                     ^
        output charge(cents: u32) -> Result<(), String>;
        Locked + coin => Unlocked / charge?, unlock else Locked / complain;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
