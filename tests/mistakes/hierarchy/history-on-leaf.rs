// Mistake: history of a state with no children
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing;
        }
        input power();
        input start();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off.history;
        //            ^
    }
}

fn main() {}
