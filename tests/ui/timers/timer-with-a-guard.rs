// A timer's transition is taken whenever its run is current: it has no guard.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        guard quiet();
        Locked + unlock => Open;
        Open + after(30s) [quiet] => Locked;
    }
}

fn main() {}
