#![allow(non_snake_case)]

automat_rs::machine! {
    machine Turnstile {
        initial state Locked;
        state Unlocked;
        input insert_coin();
        input insertCoin();
        Locked + insert_coin => Unlocked;
        Unlocked + insertCoin => Locked;
    }
}

fn main() {}
