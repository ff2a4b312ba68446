automat_rs::machine! {
    #[serde(rename_all = "snake_case")]
    machine Kettle {
        initial state Cold;
        state Boiling;
        input boil();
        input cool();
        Cold + boil => Boiling;
        Boiling + cool => Cold;
    }
}

fn main() {}
