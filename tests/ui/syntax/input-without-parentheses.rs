// `input press;` is one error, and the input is kept as `press()`: the call below adds no
// "no method named `press`" error of its own.
automat_rs::machine! {
    machine Lamp {
        initial state Off;
        state On;
        input press;
        Off + press => On;
        On + press => Off;
    }
}

fn main() {
    let mut lamp = Lamp::new(());
    let _ = lamp.press();
}
