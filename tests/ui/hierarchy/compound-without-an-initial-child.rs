automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            state Idle;
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
