// Mistake: a child state named like a top-level one
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Off;
            //    ^
            state Washing;
        }
        input power();
        input start();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off;
    }
}

fn main() {}
