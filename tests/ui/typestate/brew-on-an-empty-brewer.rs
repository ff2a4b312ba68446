#[derive(Debug, Clone, PartialEq)]
pub struct Beans(pub &'static str);
#[derive(Debug, PartialEq)]
pub struct Cup(pub Beans);

automat_rs::machine! {
    #[typestate]
    pub machine CoffeeBrewer {
        initial state Empty;
        state Ready;
        state Brewing;
        input put_in_beans(beans: Beans);
        input brew() -> Cup;
        input done();
        output save_beans(beans: Beans);
        output heat() -> Cup;
        Empty + put_in_beans => Ready / save_beans;
        Ready + brew => Brewing / heat;
        Brewing + done => Empty;
    }
}

pub struct Hardware(Option<Beans>);

impl CoffeeBrewerOutputs for Hardware {
    fn save_beans(&mut self, beans: Beans) {
        self.0 = Some(beans);
    }
    fn heat(&mut self) -> Cup {
        Cup(self.0.take().unwrap())
    }
}

fn main() {
    let empty = CoffeeBrewerAt::new(Hardware(None));
    // An empty brewer cannot brew: put beans in first.
    let _ = empty.brew();
}
