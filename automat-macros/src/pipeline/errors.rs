//! Collects every error of an expansion, so a build reports them all at once.

/// The errors found so far, in the order found.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        self.list.push(error);
    }

    /// An error on `tokens` (a span, an ident, or any `ToTokens`) with `message`.
    pub fn at<T: quote::ToTokens>(&mut self, tokens: T, message: impl std::fmt::Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    pub fn span(&mut self, span: proc_macro2::Span, message: impl std::fmt::Display) {
        self.push(syn::Error::new(span, message));
    }

    /// All errors combined into one, or `Ok` when there were none.
    pub fn into_result(self) -> syn::Result<()> {
        let mut list = self.list.into_iter();
        let Some(mut first) = list.next() else {
            return Ok(());
        };
        for error in list {
            first.combine(error);
        }
        Err(first)
    }
}
