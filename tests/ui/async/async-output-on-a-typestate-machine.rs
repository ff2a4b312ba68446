// The typestate API does not cover async outputs yet.
automat_rs::machine! {
    #[typestate]
    machine Door {
        initial state Closed;
        state Open;
        input open();
        async output creak();
        Closed + open => Open / creak;
        Open + open => Closed;
    }
}

fn main() {}
