// Mistake: a guard on a timer's transition
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        guard quiet();
        Locked + unlock => Open;
        Open + after(30s) [quiet] => Locked;
        //                 ^
    }
}

fn main() {}
