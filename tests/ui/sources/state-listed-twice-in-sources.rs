automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Addressed;
        state Paid;
        input address();
        input pay();
        Cart | Addressed | Cart + address => Addressed;
        Addressed + pay => Paid;
        Paid + address => Cart;
    }
}

fn main() {}
