// Mistake: an unknown unit on a duration
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        Open + after(30sec) => Locked;
        //           ^
    }
}

fn main() {}
