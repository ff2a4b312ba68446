automat_rs::machine! {
    #[typestate]
    machine Link {
        initial state Down;
        state Up;
        input up();
        input into_dynamic();
        Down + up => Up;
        Up + into_dynamic => Down;
    }
}

fn main() {}
