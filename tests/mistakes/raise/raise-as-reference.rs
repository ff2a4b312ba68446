// Mistake: `raise: &mut Raise` instead of `raise: Raise`
automat_rs::machine! {
    #[raise(capacity = 4)]
    machine Client {
        initial state Idle;
        state Connected;
        input connect();
        input drop();
        output dial(raise: &mut Raise);
        //                 ^
        Idle + connect => Connected / dial;
        Connected + drop => Idle;
    }
}

fn main() {}
