// A timer belongs to one state, whose entry starts it.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        state Ajar;
        input unlock();
        input push();
        Locked + unlock => Open;
        Open + push => Ajar;
        Open | Ajar + after(30s) => Locked;
    }
}

fn main() {}
