automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Paid;
        final state Shipped;
        input pay();
        input ship();
        input refund();
        Cart + pay => Paid;
        Paid + ship => Shipped;
        Paid | Shipped + refund => Cart;
    }
}

fn main() {}
