// A misspelt keyword gets the keyword it is close to.
automat_rs::machine! {
    machine Lamp {
        inital state Off;
        state On;
        input press();
        Off + press => On;
        On + press => Off;
    }
}

fn main() {}
