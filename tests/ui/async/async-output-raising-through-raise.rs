// In an async machine an output raises through `SendRaise` (so that its future is `Send`);
// implementing it with `Raise` is a type error that names both.
use automat_rs::Raise;

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

pub struct Link;

impl UploadOutputs for Link {
    async fn push(&mut self, raise: &mut Raise<'_, UploadInput>) {
        let _ = raise.raise(UploadInput::Sent);
    }
}

fn main() {}
