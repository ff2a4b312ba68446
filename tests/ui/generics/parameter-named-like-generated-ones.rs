automat_rs::machine! {
    machine Holder<__Core> {
        initial state Empty;
        state Full { item: __Core }
        input put(item: __Core);
        input take();
        Empty + put => Full;
        Full + take => Empty;
    }
}

fn main() {}
