automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { retries: u32 }
        input opened(retries: u32);
        input bump(retries: u32);
        input close();
        output add(retries: &u32);
        Idle + opened => Connected;
        Connected + bump => _ / add;
        Connected + close => Idle;
    }
}

fn main() {}
