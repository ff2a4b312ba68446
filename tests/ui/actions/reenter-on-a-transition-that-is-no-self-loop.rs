automat_rs::machine! {
    machine Lamp {
        initial state Off;
        state On;
        input flip();
        Off + flip => reenter On;
        On + flip => Off;
    }
}

fn main() {}
