// Mistake: state data written as a tuple
automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected(u16, u32);
        //             ^
        input open(port: u16);
        input close();
        Idle + open => Connected { retries = RETRIES };
        Connected + close => Idle;
    }
}

const RETRIES: u32 = 3;

fn main() {}
