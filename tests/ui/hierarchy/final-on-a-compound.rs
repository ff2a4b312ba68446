automat_rs::machine! {
    machine Washer {
        initial state Off;
        final state Done {
            initial state Drained;
            state Dry;
        }
        input finish();
        input dry();
        Off + finish => Done;
        Drained + dry => Dry;
    }
}

fn main() {}
