automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Off;
        }
        input power();
        Off + power => On;
        On + power => Off;
    }
}

fn main() {}
