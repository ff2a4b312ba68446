//! Automat's classic: a coffee brewer with a bean hopper, a brew button and a heating element.
//!
//! Run it with `cargo run --example coffee_brewer`. It brews two cups, shows the inputs the
//! machine refuses, and writes its diagram to `target/diagrams/coffee_brewer.dot`.

use automat_rs::machine;

mod support;

/// Beans put into the hopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beans(pub &'static str);

/// A cup of coffee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cup {
    /// What the coffee was brewed from.
    pub beans: Beans,
}

machine! {
    /// A coffee brewer: put in beans, press brew, wait until it is done.
    #[derive_input(Debug, Clone, PartialEq)]
    #[derive_return(Debug, PartialEq)]
    pub machine CoffeeBrewer {
        /// No beans in the hopper.
        initial state Empty;
        /// Beans in the hopper, ready to brew.
        state Ready;
        /// Hot water is running through the beans.
        state Brewing;
        /// Someone kicked it. It will never brew again.
        final state Broken;

        /// The user put some beans in the hopper.
        input put_in_beans(beans: Beans);
        /// The user pressed the brew button; returns the cup being filled.
        input brew() -> Cup;
        /// The heating element finished.
        input done();
        /// The user lost patience.
        input kick();

        /// Keep the beans for the next brew.
        output save_beans(beans: Beans);
        /// Log what went into the hopper.
        output log_beans(beans: &Beans);
        /// Switch on the heating element and start filling a cup.
        output heat() -> Cup;
        /// Make a noise.
        output complain();

        Empty   + put_in_beans => Ready   / log_beans, save_beans;
        Ready   + brew         => Brewing / heat;
        Brewing + done         => Empty;
        _       + kick         => Broken  / complain;
    }
}

/// The hardware the machine drives: its core.
#[derive(Debug, Default)]
pub struct Hardware {
    /// Beans waiting to be brewed.
    pub hopper: Option<Beans>,
    /// Everything the hardware did, in order.
    pub log: Vec<String>,
}

impl CoffeeBrewerOutputs for Hardware {
    fn save_beans(&mut self, beans: Beans) {
        self.hopper = Some(beans);
    }

    fn log_beans(&mut self, beans: &Beans) {
        self.log.push(format!("beans in: {}", beans.0));
    }

    fn heat(&mut self) -> Cup {
        let beans = self.hopper.take().unwrap_or(Beans("nothing"));
        self.log.push(format!("heating {}", beans.0));
        Cup { beans }
    }

    fn complain(&mut self) {
        self.log.push("BZZZT".to_owned());
    }
}

/// Runs the example; the diagram test calls it too.
pub fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut brewer = CoffeeBrewer::new(Hardware::default());
    println!("state: {}", brewer.state());

    if let Err(refused) = brewer.brew() {
        println!("refused: {refused}");
    }

    for beans in ["arabica", "robusta"] {
        brewer.put_in_beans(Beans(beans))?;
        println!("put in {beans}; state: {}", brewer.state());
        let cup = brewer.brew()?;
        println!(
            "brewing a cup of {}; state: {}",
            cup.beans.0,
            brewer.state()
        );
        brewer.done()?;
        println!("done; state: {}", brewer.state());
    }

    brewer.kick()?;
    println!("kicked; state: {}", brewer.state());
    if let Err(refused) = brewer.put_in_beans(Beans("kona")) {
        println!("refused: {refused}");
    }
    println!("hardware log: {:?}", brewer.core().log);

    let files = automat_rs::export::write_diagrams(
        support::target_subdir("diagrams")?,
        "coffee_brewer",
        CoffeeBrewer::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
