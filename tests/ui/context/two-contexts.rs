pub struct Clock;
pub struct Outbox;

automat_rs::machine! {
    machine Socket {
        context clock: &Clock;
        context outbox: &mut Outbox;
        initial state Closed;
        state Open;
        input open();
        input close();
        Closed + open => Open;
        Open + close => Closed;
    }
}

fn main() {}
