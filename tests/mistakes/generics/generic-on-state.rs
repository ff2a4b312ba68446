// Mistake: a type parameter on a state instead of the machine
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked<T>;
        //            ^
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

fn main() {}
