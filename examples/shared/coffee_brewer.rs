//! What `coffee_brewer.rs` and `coffee_brewer_derive.rs` share: the types the machine
//! takes, the hardware that is its core, and the run. Each example declares `CoffeeBrewer` (one
//! with `machine!`, one with `#[derive(Machine)]`); this module uses the one of its parent.

use super::{support, CoffeeBrewer, CoffeeBrewerOutputs};

/// Beans put into the hopper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beans(pub &'static str);

/// A cup of coffee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cup {
    /// What the coffee was brewed from.
    pub beans: Beans,
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

/// Runs the example (its diagram files named `name`); the diagram test calls it too.
pub fn run(name: &str) -> Result<(), Box<dyn std::error::Error>> {
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
        name,
        CoffeeBrewer::description(),
    )?;
    println!(
        "diagram written to {} (and .mmd, .md, .svg)",
        files[0].display()
    );
    Ok(())
}
