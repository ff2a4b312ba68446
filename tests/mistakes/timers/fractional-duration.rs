// Mistake: a fractional duration
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        Open + after(1.5s) => Locked;
        //           ^
    }
}

fn main() {}
