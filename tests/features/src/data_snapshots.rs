//! Snapshots of a machine whose states carry data (`serde` feature): `[data, core]`, the data as
//! `[name, fields]` by stable names, round trips through JSON and a binary format, and snapshots
//! missing a field or naming an unknown one failing with serde's located error.

automat_rs::machine! {
    /// A reconnecting client; `Linked` was called `Up` in an older release.
    #[serde]
    #[derive_data(Debug, Clone, PartialEq)]
    pub machine Link {
        initial state Down;
        #[serialized = "Up"]
        state Linked { peer: String, retries: u32 }
        state Waiting { retries: u32 }
        input up(peer: String);
        input drop_link();
        input retry();
        output count(retries: &u32);
        Down + up => Linked { retries = zero };
        Linked + drop_link => Waiting / count;
        Waiting + retry => Down;
        output zero() -> u32;
    }
}

/// The link's hardware, saved in snapshots.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Radio {
    /// Retries counted so far.
    pub counted: u32,
}

impl LinkOutputs for Radio {
    fn count(&mut self, retries: &u32) {
        self.counted += 1 + *retries;
    }
    fn zero(&mut self) -> u32 {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::{Link, LinkData, LinkState, Radio};

    #[test]
    fn a_state_with_fields_is_saved_as_its_name_and_its_fields() {
        let mut link = Link::new(Radio::default());
        assert_eq!(
            serde_json::to_string(&link).unwrap(),
            r#"[["Down",null],{"counted":0}]"#
        );
        link.up("relay-2".to_owned()).unwrap();
        let json = serde_json::to_string(&link).unwrap();
        assert_eq!(
            json,
            r#"[["Up",{"peer":"relay-2","retries":0}],{"counted":0}]"#
        );
        let back: Link<Radio> = serde_json::from_str(&json).unwrap();
        assert_eq!(back.state(), LinkState::Linked);
        assert_eq!(back.data(), link.data());
        // The binary format keeps the same structure, without names of fields.
        let bytes = postcard::to_allocvec(&link).unwrap();
        let back: Link<Radio> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.data(), link.data());
    }

    #[test]
    fn a_restored_machine_goes_on_with_its_data() {
        let json = r#"[["Up",{"peer":"relay-9","retries":4}],{"counted":1}]"#;
        let mut link: Link<Radio> = serde_json::from_str(json).unwrap();
        link.drop_link().unwrap();
        assert_eq!(link.data(), &LinkData::Waiting { retries: 4 });
        assert_eq!(link.core().counted, 1 + 1 + 4);
    }

    #[test]
    fn a_snapshot_missing_a_field_or_naming_an_unknown_one_is_a_located_error() {
        let missing = r#"[["Up",{"peer":"relay-9"}],{"counted":1}]"#;
        let error = serde_json::from_str::<Link<Radio>>(missing)
            .unwrap_err()
            .to_string();
        assert!(error.contains("missing field `retries`"), "{error}");
        assert!(error.contains("line 1 column"), "{error}");
        let unknown = r#"[["Up",{"peer":"relay-9","retries":1,"mtu":1500}],{"counted":1}]"#;
        let error = serde_json::from_str::<Link<Radio>>(unknown)
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown field `mtu`"), "{error}");
        let wrong_state = r#"[["Linked",{"peer":"x","retries":1}],{"counted":1}]"#;
        let error = serde_json::from_str::<Link<Radio>>(wrong_state)
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown variant `Linked`"), "{error}");
        let fields_on_a_plain_state = r#"[["Down",{"peer":"x"}],{"counted":1}]"#;
        assert!(serde_json::from_str::<Link<Radio>>(fields_on_a_plain_state).is_err());
    }

    #[test]
    fn restore_takes_the_state_with_its_data() {
        let data = LinkData::Linked {
            peer: "p".to_owned(),
            retries: 2,
        };
        let link = Link::restore(data.clone(), Radio::default());
        assert_eq!(link.data(), &data);
        let (back, radio) = link.into_parts();
        assert_eq!((back, radio), (data, Radio::default()));
    }
}

/// The same link, derived on an enum of its own: `#[serde]` makes the machine write the enum by
/// the same stable names (so the enum must not derive serde itself).
pub mod derived {
    use super::Radio;

    /// A reconnecting client; `Linked` was called `Up` in an older release.
    #[derive(automat_rs::Machine, Debug, Clone, PartialEq)]
    #[machine(
        #[serde]
        pub machine Link {
            input up(peer: String);
            input drop_link();
            input retry();
            output count(retries: &u32);
            Down + up => Linked { retries = zero };
            Linked + drop_link => Waiting / count;
            Waiting + retry => Down;
            output zero() -> u32;
        }
    )]
    // Its variants have no docs, as the states of its twin have none: descriptions carry them.
    #[allow(missing_docs)]
    pub enum LinkData {
        #[machine(initial)]
        Down,
        #[machine(serialized = "Up")]
        Linked {
            /// The peer.
            peer: String,
            /// Retries so far.
            retries: u32,
        },
        Waiting {
            /// Retries so far.
            retries: u32,
        },
    }

    impl LinkOutputs for Radio {
        fn count(&mut self, retries: &u32) {
            self.counted += 1 + *retries;
        }
        fn zero(&mut self) -> u32 {
            0
        }
    }

    #[cfg(test)]
    mod tests {
        use super::{Link, LinkData, LinkState, Radio};

        #[test]
        fn a_derived_machine_is_saved_as_the_declared_one() {
            let mut derived = Link::new(Radio::default());
            let mut declared = super::super::Link::new(Radio::default());
            derived.up("relay-2".to_owned()).unwrap();
            declared.up("relay-2".to_owned()).unwrap();
            let json = serde_json::to_string(&derived).unwrap();
            assert_eq!(json, serde_json::to_string(&declared).unwrap());
            assert_eq!(
                json,
                r#"[["Up",{"peer":"relay-2","retries":0}],{"counted":0}]"#
            );
            let back: Link<Radio> = serde_json::from_str(&json).unwrap();
            assert_eq!(back.state(), LinkState::Linked);
            assert_eq!(
                back.data(),
                &LinkData::Linked {
                    peer: "relay-2".to_owned(),
                    retries: 0
                }
            );
            // The declared machine reads what the derived one wrote.
            let read: super::super::Link<Radio> = serde_json::from_str(&json).unwrap();
            assert_eq!(read.data(), declared.data());
        }
    }
}
