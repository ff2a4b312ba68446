pub struct Context;

automat_rs::machine! {
    machine Socket {
        context cx: &mut Context;
        initial state Closed;
        state Open { entry announce; }
        input open(port: u16);
        input close();
        output announce(cx: &mut Context, port: u16);
        Closed + open => Open;
        Open + close => Closed;
    }
}

fn main() {}
