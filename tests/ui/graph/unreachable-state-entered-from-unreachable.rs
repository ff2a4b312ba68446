automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        state Jammed;
        state Broken;
        input open();
        input close();
        input kick();
        Closed + open => Open;
        Open + close => Closed;
        Open + kick => Open;
        Jammed + kick => Broken;
        Broken + open => Closed;
    }
}

fn main() {}
