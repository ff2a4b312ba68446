//! The lifetimes in the types of inputs, outputs and guards (part of the model stage): which
//! types borrow, which named lifetimes they use, and the input enum's field types, where every
//! borrow of an input's arguments is for the enum's one lifetime, `'input`.
//!
//! Function pointers and the `Fn(..)` sugar are left alone: their elided lifetimes are bound by
//! the function type itself, not by the input.

use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};
use syn::{Lifetime, Type};

/// The lifetime of the input enum (`NameInput<'input>`) when inputs borrow their arguments.
pub const INPUT_LIFETIME: &str = "'input";

/// Whether `ty` borrows: a reference, or a lifetime other than `'static`.
pub fn borrows(ty: &Type) -> bool {
    struct Finder(bool);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_type_reference(&mut self, reference: &'ast syn::TypeReference) {
            match &reference.lifetime {
                Some(lifetime) if lifetime.ident == "static" => {
                    visit::visit_type_reference(self, reference);
                }
                _ => self.0 = true,
            }
        }
        fn visit_lifetime(&mut self, lifetime: &'ast Lifetime) {
            if lifetime.ident != "static" {
                self.0 = true;
            }
        }
        fn visit_type_bare_fn(&mut self, _: &'ast syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'ast syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut finder = Finder(false);
    finder.visit_type(ty);
    finder.0
}

/// The named lifetimes `ty` uses (not `'static`, not `'_`), in order, with repeats.
pub fn named(ty: &Type) -> Vec<Lifetime> {
    struct Collector(Vec<Lifetime>);
    impl<'ast> Visit<'ast> for Collector {
        fn visit_lifetime(&mut self, lifetime: &'ast Lifetime) {
            if lifetime.ident != "static" && lifetime.ident != "_" {
                self.0.push(lifetime.clone());
            }
        }
        fn visit_type_bare_fn(&mut self, _: &'ast syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'ast syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut collector = Collector(Vec::new());
    collector.visit_type(ty);
    collector.0
}

/// `ty` with every borrow (an elided reference, `'_`, a named lifetime but `'static`) for
/// `lifetime`: the type of an input's argument in the input enum.
pub fn for_lifetime(ty: &Type, lifetime: &Lifetime) -> Type {
    struct Rewriter<'l>(&'l Lifetime);
    impl VisitMut for Rewriter<'_> {
        fn visit_type_reference_mut(&mut self, reference: &mut syn::TypeReference) {
            if reference.lifetime.is_none() {
                reference.lifetime = Some(self.0.clone());
            }
            visit_mut::visit_type_reference_mut(self, reference);
        }
        fn visit_lifetime_mut(&mut self, lifetime: &mut Lifetime) {
            if lifetime.ident != "static" {
                *lifetime = self.0.clone();
            }
        }
        fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments_mut(
            &mut self,
            _: &mut syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut ty = ty.clone();
    Rewriter(lifetime).visit_type_mut(&mut ty);
    ty
}
