automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened();
        input close();
        output first() -> String;
        Idle + opened => Connected { retries = first };
        Connected + close => Idle;
    }
}

fn main() {}
