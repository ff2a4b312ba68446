// A timer's transition cannot fail: `timeout` takes it whenever its run is current.
automat_rs::machine! {
    machine Door {
        initial state Locked;
        state Open;
        input unlock();
        output lock() -> Result<(), ()>;
        Locked + unlock => Open;
        Open + after(30s) => Locked / lock?;
    }
}

fn main() {}
