// Mistake: an input named with a Rust keyword
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input move();
        //    ^
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + move => Locked / lock;
    }
}

fn main() {}
