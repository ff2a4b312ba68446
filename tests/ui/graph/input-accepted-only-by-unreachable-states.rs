automat_rs::machine! {
    machine Door {
        initial state Closed;
        state Open;
        #[allow(unreachable)]
        state Welded;
        state Ajar;
        input open();
        input close();
        input grind();
        input nudge();
        Closed + open => Open;
        Open + close => Closed;
        Welded + grind => Closed;
        Ajar + nudge => Closed;
    }
}

fn main() {}
