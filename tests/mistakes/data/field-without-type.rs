// Mistake: a field without its type
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries }
        //                           ^
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries = fresh };
        Connected + close => Idle;
    }
}

fn main() {}
