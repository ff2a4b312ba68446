// Mistake: `.hist` for `.history`
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing;
        }
        input power();
        input start();
        Off + power => On.hist;
        //                ^
        Idle + start => Washing;
        On + power => Off;
    }
}

fn main() {}
