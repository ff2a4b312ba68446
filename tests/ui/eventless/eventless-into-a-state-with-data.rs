automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Approved { total: u32 }
        input submit();
        input reset();
        guard valid();
        Cart + submit => Checking;
        Checking [valid] => Approved;
        Checking + reset => Cart;
        Approved + reset => Cart;
    }
}

fn main() {}
