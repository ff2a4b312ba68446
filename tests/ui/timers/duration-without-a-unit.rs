// A literal duration names its unit.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        Open + after(30) => Locked;
    }
}

fn main() {}
