automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        input submit();
        input reset();
        guard valid();
        Cart + submit => Checking;
        Checking [valid] => Checking;
        Checking + reset => Cart;
    }
}

fn main() {}
