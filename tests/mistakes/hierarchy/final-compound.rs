// Mistake: a compound state marked `final`
automat_rs::machine! {
    machine Washer {
        initial state Off;
        final state On {
     // ^
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
