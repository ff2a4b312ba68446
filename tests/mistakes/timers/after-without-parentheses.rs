// Mistake: `after 30s` without parentheses
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        Open + after 30s => Locked;
        //           ^
    }
}

fn main() {}
