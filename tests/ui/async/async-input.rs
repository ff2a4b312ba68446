// Inputs are not declared async: their methods are once the machine has an async output.
automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        async input open();
        Closed + open => Open;
        Open + open => Closed;
    }
}

fn main() {}
