//! Every machine linked into the program, for tools that draw or check them all (feature
//! `registry`).
//!
//! With the feature on, each `machine!` registers its [`Description`] in a distributed slice
//! (`linkme`): the linker gathers them from every crate of the program, with no list to keep up
//! to date, as Automat's `automat-visualize` finds every machine of a Python module.
//! [`crate::export::export_all`] writes all their diagrams.
//!
//! ```
//! automat_rs::machine! {
//!     machine Lamp {
//!         initial state Off;
//!         state On;
//!         input flip();
//!         Off + flip => On;
//!         On + flip => Off;
//!     }
//! }
//! assert!(automat_rs::registry::machines().iter().any(|d| d.name == "Lamp"));
//! ```

use crate::Description;

/// Where `machine!` registers descriptions; read it through [`machines`].
#[doc(hidden)]
#[linkme::distributed_slice]
#[linkme(crate = linkme)]
pub static MACHINES: [&'static Description<'static>];

/// Every machine linked into the program, in link order (unspecified; sort it for output that
/// must be stable, as [`crate::export::export_all`] does).
#[must_use]
pub fn machines() -> &'static [&'static Description<'static>] {
    &MACHINES
}
