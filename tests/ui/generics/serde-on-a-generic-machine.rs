automat_rs::machine! {
    #[serde]
    machine Holder<T> {
        initial state Empty;
        state Full { item: T }
        input put(item: T);
        input take();
        Empty + put => Full;
        Full + take => Empty;
    }
}

fn main() {}
