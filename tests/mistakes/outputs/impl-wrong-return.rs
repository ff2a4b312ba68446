// Mistake: the core's output returns a value the trait does not declare
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

impl TurnstileOutputs for Core {
    fn unlock(&mut self, cents: u32) {
        let _ = cents;
    }
    fn lock(&mut self) -> bool {
    //                    ^
        true
    }
}

fn main() {}
