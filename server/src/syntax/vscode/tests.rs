use super::*;
use crate::syntax::{NodeKind, Style};

fn value_of<'a>(h: &'a Header, key: &str) -> &'a Node {
    let entries = h.root.as_ref().and_then(Node::entries).unwrap_or_default();
    &entries
        .iter()
        .find(|e| e.key.as_str() == Some(key))
        .unwrap_or_else(|| panic!("no {key}"))
        .value
}

fn strings(n: &Node) -> Vec<&str> {
    n.items()
        .unwrap_or_default()
        .iter()
        .filter_map(Node::as_str)
        .collect()
}

#[test]
fn the_header_ends_only_at_a_line_of_dashes() {
    let t = "---\ndescription: a --- b\ntools:\n  - read\n  # ---\n  - edit\n---  \nBody\n";
    let h = read(t).unwrap();
    assert_eq!(value_of(&h, "description").as_str(), Some("a --- b"));
    assert_eq!(strings(value_of(&h, "tools")), ["read", "edit"]);
    assert_eq!(&t[h.split.body.clone()], "Body\n");
    assert!(h.problems.is_empty(), "{:?}", h.problems);
}

#[test]
fn no_closing_line_makes_the_whole_file_the_header() {
    let t = "---\ndescription: d\n";
    let h = read(t).unwrap();
    assert_eq!(h.split.yaml, 4..t.len());
    assert!(read("\n---\na: b\n---\n").is_none());
}

#[test]
fn flow_lists_span_lines_whatever_their_indentation() {
    let t = "---\ntools: [\n  'read',\n  'edit'\n]\nagents: [\n'a', 'b']\n---\n";
    let h = read(t).unwrap();
    assert_eq!(strings(value_of(&h, "tools")), ["read", "edit"]);
    assert_eq!(strings(value_of(&h, "agents")), ["a", "b"]);
    assert!(h.problems.is_empty(), "{:?}", h.problems);
}

#[test]
fn values_are_text_and_stars_are_not_aliases() {
    let t = "---\napplyTo: **/*.ts, src/**\nname: 12\ndescription: Use this: for x # c\n---\n";
    let h = read(t).unwrap();
    assert_eq!(value_of(&h, "applyTo").as_str(), Some("**/*.ts, src/**"));
    assert_eq!(value_of(&h, "name").as_str(), Some("12"));
    assert_eq!(
        value_of(&h, "description").as_str(),
        Some("Use this: for x")
    );
}

#[test]
fn errors_are_reported_and_reading_goes_on() {
    let t = "---\nname:\ndescription: d\ndescription: e\n---\n";
    let h = read(t).unwrap();
    let messages: Vec<_> = h.problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        ["Missing value", "Duplicate key: \"description\""]
    );
    assert_eq!(&t[h.problems[0].span.clone()], ":");
}

#[test]
fn block_and_quoted_scalars() {
    let t = "---\na: |\n  one\n  two\nb: >-\n  x\n  y\nc: \"q\\tz\"\nd: 'it''s'\ne: plain\n  more\n---\n";
    let h = read(t).unwrap();
    assert_eq!(value_of(&h, "a").as_str(), Some("one\ntwo\n"));
    assert_eq!(value_of(&h, "b").as_str(), Some("x y"));
    assert_eq!(value_of(&h, "c").as_str(), Some("q\tz"));
    assert_eq!(value_of(&h, "d").as_str(), Some("it's"));
    assert_eq!(value_of(&h, "e").as_str(), Some("plain more"));
    assert!(matches!(
        value_of(&h, "a").kind,
        NodeKind::Scalar {
            style: Style::Literal,
            ..
        }
    ));
}

#[test]
fn deep_nesting_is_cut_off_without_overflowing() {
    let t = format!("---\na: {}\n---\n", "[".repeat(100_000));
    let h = read(&t).unwrap();
    assert!(h.problems.iter().any(|p| p.message.contains("too deep")));
}
