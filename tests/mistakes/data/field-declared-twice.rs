// Mistake: one field declared twice
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { port: u16, retries: u32, port: u16 }
        //                                         ^
        input open(port: u16);
        input close();
        Idle + open => Connected { retries = RETRIES };
        Connected + close => Idle;
    }
}

const RETRIES: u32 = 3;

fn main() {}
