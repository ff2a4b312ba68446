automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Approved;
        input submit();
        guard valid();
        Cart + submit => Approved;
        _ [valid] => Cart;
    }
}

fn main() {}
