automat_rs::machine! {
    #[typestate]
    machine Link<P> {
        initial state Down;
        state Up;
        input up(peer: P);
        input down();
        Down + up => Up;
        Up + down => Down;
    }
}

fn main() {}
