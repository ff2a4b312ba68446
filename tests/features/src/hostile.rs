//! The feature-gated code (serde impls, observed machines, registration) compiled in a module with
//! no implicit prelude and decoys named like what generated code must not pick up by accident.
#![allow(clippy::pedantic)]

#[no_implicit_prelude]
pub mod scope {
    /// Not `core::result::Result`.
    pub struct Result;
    /// Not `core::option::Option`.
    pub struct Option;
    /// Not `core::result::Result::Ok`.
    pub struct Ok;
    /// Not `core::default::Default`.
    pub trait Default {}
    /// Not the `core` crate.
    pub mod core {}

    ::automat_rs::machine! {
        /// A switch with every optional part on.
        #[serde]
        #[derive_input(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq)]
        pub machine Switch {
            initial state Off;
            #[serialized = "ON"]
            state On;
            input flip(times: u8);
            output click(times: u8);
            Off + flip => On / click;
            On + flip => Off / click;
        }
    }

    /// Counts clicks.
    #[derive(::core::default::Default)]
    pub struct Clicker(pub u32);

    impl SwitchOutputs for Clicker {
        fn click(&mut self, times: u8) {
            self.0 +=
                <::core::primitive::u32 as ::core::convert::From<::core::primitive::u8>>::from(
                    times,
                );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::scope::{Clicker, Switch, SwitchInput, SwitchState};

    #[test]
    fn feature_code_generated_in_a_hostile_scope_works() {
        let mut coverage = automat_rs::Coverage::<SwitchState>::new();
        let mut switch = Switch::new(Clicker::default()).observe(&mut coverage);
        switch.flip(2).unwrap();
        let (switch, _) = switch.unobserve();
        assert_eq!(serde_json::to_string(&switch.state()).unwrap(), r#""ON""#);
        assert_eq!(
            serde_json::to_string(&SwitchInput::Flip { times: 3 }).unwrap(),
            r#"["flip",[3]]"#
        );
        assert_eq!(switch.core().0, 2);
        assert_eq!(
            coverage.missed().collect::<Vec<_>>(),
            [("On", "flip", "Off")]
        );
    }
}
