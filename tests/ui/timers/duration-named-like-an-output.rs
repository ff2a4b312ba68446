// A timer's duration is a method of its own on the outputs trait.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        output chime();
        Locked + unlock => Open / chime;
        Open + after(chime) => Locked;
    }
}

fn main() {}
