// Mistake: `exitt` for `exit` in a child state's block
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing { exitt spin; }
            //              ^
        }
        input power();
        input start();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off;
    }
}

fn main() {}
