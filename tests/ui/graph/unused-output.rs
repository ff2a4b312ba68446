automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        input open();
        input close();
        output creak();
        output slam();
        Closed + open => Open / creak;
        Open + close => Closed;
    }
}

fn main() {}
