automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        state Locked;
        input open();
        input close();
        input lock();
        Closed + open => Open;
        Open + close => Closed;
        Closed + lock => Locked;
    }
}

fn main() {}
