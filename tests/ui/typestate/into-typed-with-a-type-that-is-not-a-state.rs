automat_rs::machine! {
    #[typestate]
    machine Lamp {
        initial state Off;
        state On;
        input flip();
        Off + flip => On;
        On + flip => Off;
    }
}

fn main() {
    let lamp = Lamp::new(());
    let _ = lamp.into_typed::<u8>();
}
