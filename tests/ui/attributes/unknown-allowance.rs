automat_rs::machine! {
    machine Door {
        initial state Closed;
        #[allow(unused)]
        state Open;
        input open();
        input close();
        Closed + open => Open;
        Open + close => Closed;
    }
}

fn main() {}
