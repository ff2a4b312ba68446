automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            cycles: u32;
            initial state Idle;
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
