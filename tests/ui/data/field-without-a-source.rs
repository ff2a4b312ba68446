pub struct Connection;

automat_rs::machine! {
    machine Client {
        initial state Idle;
        state Connected { conn: Connection, retries: u32 }
        input opened(conn: Connection);
        input close();
        Idle + opened => Connected;
        Connected + close => Idle;
    }
}

fn main() {}
