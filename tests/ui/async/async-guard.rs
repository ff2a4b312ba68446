// A guard is never async: it is tried, and may be discarded, before anything changes.
automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        input open();
        async guard allowed();
        Closed + open [allowed] => Open;
        Open + open => Closed;
    }
}

fn main() {}
