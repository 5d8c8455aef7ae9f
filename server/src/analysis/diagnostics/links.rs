//! `link-broken`: the body's relative links whose file is not there, neither beside the
//! file nor from the project's root ([`crate::workspace::Workspace::link_target`]).

use super::Context;
use crate::analysis::limits::Sink;
use crate::analysis::Diagnostic;
use crate::rules;
use crate::workspace::links::LinkTarget;
use std::collections::HashMap;

/// Distinct destinations looked up per file at most: a body of 100,000 links costs a
/// thousand lookups, not a hundred thousand.
const MAX_LOOKUPS: usize = 1_000;

pub fn check(cx: &Context, out: &mut Sink) {
    let ws = &cx.settings.workspace;
    let Some(dir) = cx.path.and_then(|p| p.parent()) else {
        return;
    };
    if ws.disk.is_none() {
        return;
    }
    let body = cx.fm.body(cx.text.len());
    // Most bodies hold no link: the Markdown is parsed only when one may be there.
    let written = &cx.text[body.clone()];
    if !written.contains("](") && !written.contains("]:") {
        return;
    }
    let mut missing: HashMap<String, bool> = HashMap::new();
    for (dest, range) in crate::syntax::body::links(cx.text, body) {
        let is_missing = match missing.get(&dest) {
            Some(&m) => m,
            None if missing.len() >= MAX_LOOKUPS => continue,
            None => {
                let m = matches!(ws.link_target(dir, &dest), Some(LinkTarget::Missing(_)));
                missing.insert(dest.clone(), m);
                m
            }
        };
        if is_missing && out.room(rules::LINK_BROKEN, range.start) {
            let message =
                format!("`{dest}` does not exist, beside this file or from the project's root");
            out.push(Diagnostic::new(range, rules::LINK_BROKEN, message));
        }
    }
}
