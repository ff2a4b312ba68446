// Mistake: an eventless transition's guard taking an argument
automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        final state Approved;
        input submit();
        guard valid(id: u32);
        Cart + submit => Checking;
        Checking [valid] => Approved;
        //        ^
    }
}

fn main() {}
