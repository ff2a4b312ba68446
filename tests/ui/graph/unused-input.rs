automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        input open();
        input close();
        input knock();
        Closed + open => Open;
        Open + close => Closed;
    }
}

fn main() {}
