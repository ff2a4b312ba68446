// Mistake: a timer on `_`
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        Locked + unlock => Open;
        _ + after(30s) => Locked;
     // ^
    }
}

fn main() {}
