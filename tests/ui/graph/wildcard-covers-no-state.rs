automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        input toggle();
        Closed + toggle => Open;
        Open + toggle => Closed;
        _ + toggle => Closed;
    }
}

fn main() {}
