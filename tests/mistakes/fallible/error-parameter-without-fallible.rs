// Mistake: a route output taking `error` where nothing can fail
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        output complain(error: &String);
        Locked + coin => Unlocked / unlock;
        Locked + push => Locked / complain;
        //                        ^
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
