// Mistake: a child declared with a dotted path outside its parent
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On {
            initial state Idle;
            state Washing;
        }
        state On.Drying;
        //      ^
        input power();
        input start();
        Off + power => On;
        Idle + start => Washing;
        On + power => Off;
    }
}

fn main() {}
