// A machine with timers has `timeout(run)` and `resume_timers()`: an input may not be named so.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        input timeout();
        Locked + unlock => Open;
        Open + timeout => Locked;
        Open + after(30s) => Locked;
    }
}

fn main() {}
