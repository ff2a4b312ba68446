// Every state is broken: the stubs still compile, with no warning of their own
// (such as "unreachable expression" from a state enum without variants).
automat_rs::machine! {
    machine Lamp {
        initial state Off<T>;
        input toggle();
        Off + toggle => Off;
    }
}

fn main() {
    let mut lamp = Lamp::new(());
    lamp.toggle().ok();
}
