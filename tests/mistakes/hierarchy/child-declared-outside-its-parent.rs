// Mistake: a child state declared beside its compound with `in`, instead of inside its braces
automat_rs::machine! {
    machine Washer {
        initial state Off;
        state On;
        initial state Idle in On;
        //                 ^
        input power();
        Off + power => On;
        On + power => Off;
    }
}

fn main() {}
