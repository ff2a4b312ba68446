automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Reviewing;
        state Approved;
        input submit();
        input ship();
        guard valid();
        Cart + submit => Checking;
        Checking => Reviewing;
        Reviewing => Checking;
        Approved + ship => Cart;
        Cart [valid] => Approved;
    }
}

fn main() {}
