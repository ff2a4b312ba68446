automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Approved;
        input submit(total: u32);
        input reset();
        guard enough(total: u32);
        Cart + submit [enough] => Checking;
        Checking [enough] => Approved;
        Approved + reset => Cart;
        Checking + reset => Cart;
    }
}

fn main() {}
