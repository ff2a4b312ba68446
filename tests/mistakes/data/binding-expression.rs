// Mistake: an expression as a binding's value
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32 }
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries = 3 + 1 };
        //                                   ^
        Connected + close => Idle;
    }
}

fn main() {}
