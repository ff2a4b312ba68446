// Mistake: two initial children
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            initial state Washing;
         // ^
        }
        input power();
        input start();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off;
    }
}

fn main() {}
