automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Paid;
        input pay();
        input cancel();
        Cart + pay => Paid;
        Paid | _ + cancel => Cart;
    }
}

fn main() {}
