// Mistake: the core does not implement one output
automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input coin(cents: u32);
        input push();
        output unlock(cents: u32);
        output lock();
        Locked + coin => Unlocked / unlock;
        Unlocked + push => Locked / lock;
    }
}

struct Core;

mod outputs {
    use super::{Core, TurnstileOutputs};

    impl TurnstileOutputs for Core {
 // ^
        fn unlock(&mut self, cents: u32) {
            let _ = cents;
        }
    }
}

fn main() {}
