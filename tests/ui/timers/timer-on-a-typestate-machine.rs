// The typestate API does not cover timers yet.
automat_rs::machine! {
    #[typestate]
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        Open + after(30s) => Locked;
    }
}

fn main() {}
