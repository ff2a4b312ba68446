pub struct Context;

automat_rs::machine! {
    machine Socket {
        initial state Closed;
        state Open;
        input open();
        input close();
        output announce(cx: &mut Context);
        Closed + open => Open / announce;
        Open + close => Closed;
    }
}

fn main() {}
