//! A mapping's entries as they are read, and merge keys: `<<: map` or `<<: [maps]` adds
//! the maps' keys that are not there yet. Whether a key is there is Bun's test: a scalar
//! by its value and type, a collection by identity (an alias of the very node that is
//! already a key: `&a {x: 1}: 5` then `<<: {*a : 3}` keeps 5; an equal copy is another
//! key). The keys present are indexed on the first merge, so that a mapping of many
//! entries and many `<<` costs each entry once, not once per merge.

use super::{ErrorKind, Failure, Resolved};
use crate::syntax::yaml::{Entry, Node, NodeKind};
use std::collections::{HashMap, HashSet};

/// A key as Bun compares keys in a merge; None for one equal to no other (an alias
/// left unexpanded, NaN).
#[derive(Hash, PartialEq, Eq)]
enum KeyId {
    Null,
    Bool(bool),
    Num(u64),
    Str(String),
    /// A collection: the offset of the node itself, for an alias the node it names.
    Node(usize),
}

/// What `aliased` maps: the offset of an alias of a collection to the offset of the
/// collection it names (the reader records it as it copies).
pub(super) type Aliased = HashMap<usize, usize>;

fn key_id(n: &Node, aliased: &Aliased) -> Option<KeyId> {
    let start = n.span.start;
    match &n.kind {
        NodeKind::Scalar {
            value, resolved, ..
        } => match resolved {
            Resolved::Null => Some(KeyId::Null),
            Resolved::Bool(b) => Some(KeyId::Bool(*b)),
            Resolved::Num(x) if x.is_nan() => None,
            // -0 and 0 are one key.
            Resolved::Num(x) => Some(KeyId::Num((x + 0.0).to_bits())),
            Resolved::Str => Some(KeyId::Str(value.clone())),
        },
        NodeKind::Seq { .. } | NodeKind::Map { .. } => {
            Some(KeyId::Node(aliased.get(&start).copied().unwrap_or(start)))
        }
        NodeKind::Alias { .. } => None,
    }
}

#[derive(Default)]
pub(super) struct MapEntries {
    pub list: Vec<Entry>,
    /// The keys of `list`, once a merge asked.
    present: Option<HashSet<KeyId>>,
}

impl MapEntries {
    /// Adds `key: value`, or for a merge key the entries it brings. Merging a node still
    /// being read (an alias of a collection that encloses the `<<`; in a list of maps,
    /// of a mapping) is an error.
    pub fn add(&mut self, key: Node, value: Node, aliased: &Aliased) -> Result<(), Failure> {
        let is_merge = matches!(&key.kind, NodeKind::Scalar { value, resolved: Resolved::Str, .. } if value == "<<");
        if !is_merge {
            self.push(Entry { key, value }, aliased);
            return Ok(());
        }
        let enclosing = |n: &Node, in_list: bool| matches!(n.kind, NodeKind::Alias { open: true, of_seq, .. } if !(in_list && of_seq));
        let (items, in_list) = match &value.kind {
            NodeKind::Seq { items, .. } => (items.as_slice(), true),
            _ => (std::slice::from_ref(&value), false),
        };
        if let Some(n) = items.iter().find(|n| enclosing(n, in_list)) {
            return Err(Failure {
                kind: ErrorKind::MergeEnclosing,
                at: n.span.start,
            });
        }
        if !matches!(value.kind, NodeKind::Map { .. } | NodeKind::Seq { .. }) {
            self.push(Entry { key, value }, aliased);
            return Ok(());
        }
        for item in items {
            if let NodeKind::Map { entries, .. } = &item.kind {
                self.merge(entries, aliased);
            }
        }
        Ok(())
    }

    fn push(&mut self, e: Entry, aliased: &Aliased) {
        // Keys are identified only once a merge asked: an id clones a string key.
        if let Some(present) = &mut self.present {
            if let Some(id) = key_id(&e.key, aliased) {
                present.insert(id);
            }
        }
        self.list.push(e);
    }

    fn merge(&mut self, from: &[Entry], aliased: &Aliased) {
        let list = &self.list;
        let present = self.present.get_or_insert_with(|| {
            list.iter()
                .filter_map(|e| key_id(&e.key, aliased))
                .collect()
        });
        for e in from.iter().rev() {
            let new = key_id(&e.key, aliased).is_none_or(|id| present.insert(id));
            if new {
                self.list.push(e.clone());
            }
        }
    }
}
