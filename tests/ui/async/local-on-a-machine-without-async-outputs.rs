// `#[local]` is for async machines.
automat_rs::machine! {
    #[local]
    machine Door {
        initial state Closed;
        state Open;
        input open();
        Closed + open => Open;
        Open + open => Closed;
    }
}

fn main() {}
