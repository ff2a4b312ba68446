automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        state Removed;
        input open();
        input close();
        Closed + open => Open;
        Open + close => Closed;
        Removed + open => Closed;
    }
}

fn main() {}
