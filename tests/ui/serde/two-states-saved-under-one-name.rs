automat_rs::machine! {
    #[serde]
    machine Kettle {
        initial state Cold;
        #[serialized = "Cold"]
        state Boiling;
        input boil();
        input cool();
        Cold + boil => Boiling;
        Boiling + cool => Cold;
    }
}

fn main() {}
