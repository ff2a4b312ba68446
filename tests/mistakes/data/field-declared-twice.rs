// Mistake: one field declared twice
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32, port: u16 }
        //                                         ^
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries = fresh };
        Connected + close => Idle;
    }
}

fn main() {}
