// Mistake: a binding written with `:` as in a struct literal
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32 }
        input open(port: u16);
        input close();
        output fresh() -> u32;
        Idle + open => Connected { retries: fresh };
        //                                ^
        Connected + close => Idle;
    }
}

fn main() {}
