//! Names with their documentation, in first-seen order with an index: the shape every
//! list of names outside the catalogs takes (configured tools and models, the agents,
//! skills and servers a workspace declares).

use std::collections::HashMap;

/// A name the catalogs do not know, with what the user or the workspace says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub doc: Option<String>,
}

/// Names in first-seen order with an index for lookups: merging and looking up stay
/// linear however many names a configuration declares.
#[derive(Clone, Debug, Default)]
pub struct NameList {
    items: Vec<Named>,
    index: HashMap<String, usize>,
    /// Names compare without regard to ASCII case (model names).
    fold_case: bool,
}

impl NameList {
    pub fn folding_case() -> NameList {
        NameList {
            fold_case: true,
            ..NameList::default()
        }
    }

    fn key(&self, name: &str) -> String {
        if self.fold_case {
            name.to_ascii_lowercase()
        } else {
            name.to_string()
        }
    }

    /// Adds the names not listed yet; the first entry of a name wins.
    pub fn extend(&mut self, items: impl IntoIterator<Item = Named>) {
        for it in items {
            let key = self.key(&it.name);
            if !self.index.contains_key(&key) {
                self.index.insert(key, self.items.len());
                self.items.push(it);
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&Named> {
        let i = if self.fold_case {
            self.index.get(&name.to_ascii_lowercase())
        } else {
            self.index.get(name)
        };
        i.and_then(|&i| self.items.get(i))
    }
}

/// Read as a slice of names, in first-seen order.
impl std::ops::Deref for NameList {
    type Target = [Named];
    fn deref(&self) -> &[Named] {
        &self.items
    }
}
