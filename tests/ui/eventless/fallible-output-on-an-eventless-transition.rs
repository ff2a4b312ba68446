automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Approved;
        input submit();
        input reset();
        guard valid();
        output charge() -> Result<(), ()>;
        Cart + submit => Checking;
        Checking [valid] => Approved / charge?;
        Checking + reset => Cart;
        Approved + reset => Cart;
    }
}

fn main() {}
