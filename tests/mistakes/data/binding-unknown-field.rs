// Mistake: a binding for a misspelt field
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32 }
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retrys = fresh };
        //                         ^
        Connected + close => Idle;
    }
}

fn main() {}
