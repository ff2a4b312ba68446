automat_rs::machine! {
    machine Kettle {
        initial state Cold;
        #[serialized(Hot)]
        state Boiling;
        input boil();
        input cool();
        Cold + boil => Boiling;
        Boiling + cool => Cold;
    }
}

fn main() {}
