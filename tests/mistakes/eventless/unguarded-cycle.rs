// Mistake: two eventless transitions that loop without a guard
automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        state Approved;
        input submit();
        guard valid();
        Cart + submit => Checking;
        Checking [valid] => Approved;
        Approved => Cart;
     // ^
        Cart => Approved;
    }
}

fn main() {}
