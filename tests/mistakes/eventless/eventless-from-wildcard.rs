// Mistake: an eventless transition from `_`
automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Approved;
        input submit();
        guard valid();
        Cart + submit => Checking;
        Checking [valid] => Approved;
        _ [valid] => Cart;
     // ^
    }
}

fn main() {}
