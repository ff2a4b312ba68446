// Mistake: an input named like a generated method
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input new();
        //    ^
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + new => Locked / lock;
    }
}

fn main() {}
