automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing;
        }
        state Broken;
        input power();
        input start();
        input kick();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off;
        On | Off + kick => Broken;
    }
}

fn main() {}
