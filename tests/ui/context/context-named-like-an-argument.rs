pub struct Context;

automat_rs::machine! {
    machine Socket {
        context cx: &mut Context;
        initial state Closed;
        state Open;
        input open(cx: u32);
        input close();
        Closed + open => Open;
        Open + close => Closed;
    }
}

fn main() {}
