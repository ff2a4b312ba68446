// Mistake: an eventless transition's output taking an argument
automat_rs::machine! {
    machine Checkout {
        initial state Cart;
        state Checking;
        final state Approved;
        input submit();
        guard valid();
        output audit(id: u32);
        Cart + submit => Checking;
        Checking [valid] => Approved / audit;
        //                             ^
    }
}

fn main() {}
