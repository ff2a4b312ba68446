//! Durable orders on SQLite: create orders, "restart" (drop everything and reopen the file),
//! reload them, watch two writers of one order collide (the stale one is refused before
//! anything runs, reloads, and goes on), and print the notification log.
//!
//! ```sh
//! cargo run --example durable_orders     # no setup: the database is target/store/orders.sqlite
//! ```

use std::path::PathBuf;

use automat_rs::machine;
use automat_store::{SqliteStore, StepFailure, Store, StoreError};

machine! {
    /// An order, from checkout to delivery (or cancellation).
    #[derive_input(Debug, Clone)]
    #[serde]
    pub machine Order {
        initial state Placed;
        state Paid;
        state Packed;
        final state Shipped;
        final state Cancelled;

        input pay(cents: u64);
        input pack();
        input ship(tracking: String);
        input cancel();

        output charge(cents: u64);
        output print_label(tracking: &str);

        Placed + pay => Paid / charge;
        Paid + pack => Packed;
        Packed + ship => Shipped / print_label;
        Placed | Paid + cancel => Cancelled;
    }
}

/// The shop's side effects, which the store never keeps: here, lines printed.
struct Shop(&'static str);

impl OrderOutputs for Shop {
    fn charge(&mut self, cents: u64) {
        println!("    [{}] charged {cents} cents", self.0);
    }
    fn print_label(&mut self, tracking: &str) {
        println!("    [{}] printed label {tracking}", self.0);
    }
}

fn database() -> std::io::Result<PathBuf> {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    );
    let dir = target.join("store");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join("orders.sqlite");
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
    Ok(path)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = database()?;
    println!("-- a first process takes two orders ({})", path.display());
    {
        let mut store = Store::new(SqliteStore::open(&path)?).snapshot_every(2);
        let mut a = store.create("order-1", Order::new(Shop("first")))?;
        let mut b = store.create("order-2", Order::new(Shop("first")))?;
        store.step(&mut a, OrderInput::Pay { cents: 4_990 })?;
        store.step(&mut a, OrderInput::Pack)?;
        store.step(&mut b, OrderInput::Cancel)?;
        match store.step(&mut b, OrderInput::Pack) {
            Err(StepFailure::Refused(refused)) => println!("  order-2 refused pack: {refused}"),
            other => panic!("a cancelled order packs: {}", other.is_ok()),
        }
        println!(
            "  order-1 at version {}: {}",
            a.version(),
            a.machine().state()
        );
        println!(
            "  order-2 at version {}: {}",
            b.version(),
            b.machine().state()
        );
    }

    println!("\n-- the process restarts: reload the orders from the file (no output runs)");
    let mut store = Store::new(SqliteStore::open(&path)?).snapshot_every(2);
    let mut first = store.load::<Order<Shop>>("order-1", Shop("writer A"))?;
    let order2 = store.load::<Order<Shop>>("order-2", Shop("writer A"))?;
    println!(
        "  order-1 at version {}: {}",
        first.version(),
        first.machine().state()
    );
    println!(
        "  order-2 at version {}: {}",
        order2.version(),
        order2.machine().state()
    );

    println!("\n-- two writers load order-1; A ships it, then B's stale write is refused");
    let mut other = Store::new(SqliteStore::open(&path)?);
    let mut second = other.load::<Order<Shop>>("order-1", Shop("writer B"))?;
    store.step(
        &mut first,
        OrderInput::Ship {
            tracking: "1Z999".into(),
        },
    )?;
    match other.step(&mut second, OrderInput::Cancel) {
        Err(StepFailure::Store(conflict @ StoreError::Conflict { .. })) => {
            println!("  B: {conflict}");
        }
        other => panic!("the stale write went through: {}", other.is_ok()),
    }
    let second = other.load::<Order<Shop>>("order-1", Shop("writer B"))?;
    println!(
        "  B reloads: order-1 at version {} is {}, so B does not cancel it",
        second.version(),
        second.machine().state()
    );

    println!("\n-- the notification log: every recorded step, in commit order");
    let mut after = 0;
    loop {
        let page = store.notifications(after, 2)?;
        let Some(last) = page.last() else { break };
        after = last.position;
        for entry in &page {
            println!(
                "  {:>2}  {} v{}  {:<22} -> {}",
                entry.position, entry.id, entry.version, entry.record, entry.state
            );
        }
    }
    Ok(())
}
