// An async output that raises inputs needs `#[local]`: its `Raise` is not `Send` yet.
automat_rs::machine! {
    pub machine Upload {
        initial state Ready;
        state Sending;
        input send();
        input sent();
        async output push(raise: Raise);
        Ready + send => Sending / push;
        Sending + sent => Ready;
    }
}

fn main() {}
