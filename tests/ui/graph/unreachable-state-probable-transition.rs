// `Opened` is unreachable, and `Opening + open_sensor` loops back to `Opening`, a similar name:
// sending it to `Opened` instead makes `Opened` reachable and breaks nothing, so the error
// suggests it. (`Closed + push => Opening` is not suggested: `Opening` would become unreachable.)
automat_rs::machine! {
    machine GarageDoor {
        initial state Closed;
        state Opening;
        state Opened;
        input push();
        input open_sensor();
        Closed + push => Opening;
        Opening + open_sensor => Opening;
        Opening + push => Closed;
        Opened + push => Closed;
    }
}

fn main() {}
