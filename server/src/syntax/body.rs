//! The Markdown body (the agent's system prompt), read with pulldown-cmark. Only the
//! body is given to the Markdown parser: the frontmatter is not Markdown.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub text: String,
    /// The heading's byte range in the file.
    pub range: Range<usize>,
}

/// The headings of the body that starts at `body.start` of `text`.
pub fn headings(text: &str, body: Range<usize>) -> Vec<Heading> {
    let slice = &text[body.clone()];
    let mut out = Vec::new();
    let mut current: Option<Heading> = None;
    for (event, range) in Parser::new(slice).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                let end = body.start + slice[range.clone()].trim_end().len() + range.start;
                current = Some(Heading {
                    level,
                    text: String::new(),
                    range: body.start + range.start..end,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The relative links of the body (`[text](../x.md)`, `![](img.png)`): each destination
/// as written, without its `#fragment`, and its bytes in the file. Links with a scheme
/// (`https:`, `mailto:`), absolute paths and bare `#anchors` are left out.
pub fn links(text: &str, body: Range<usize>) -> Vec<(String, Range<usize>)> {
    let slice = &text[body.clone()];
    let mut out = Vec::new();
    for (event, range) in Parser::new(slice).into_offset_iter() {
        let dest = match &event {
            Event::Start(Tag::Link { dest_url, .. })
            | Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        let path = dest.split('#').next().unwrap_or_default();
        let scheme = path.split_once(':').is_some_and(|(s, _)| {
            s.len() > 1
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        });
        if path.is_empty() || scheme || path.starts_with('/') {
            continue;
        }
        // The destination as written inside the link's source, else the whole link.
        let src = &slice[range.clone()];
        let at = src.rfind(path).map_or(range.clone(), |i| {
            range.start + i..range.start + i + path.len()
        });
        out.push((path.to_string(), body.start + at.start..body.start + at.end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_headings_with_file_offsets() {
        let text = "---\nname: a\n---\n# Role\n\ntext\n\n## Steps `x`\n";
        let body = text.find("# Role").unwrap()..text.len();
        let hs = headings(text, body);
        assert_eq!(hs.len(), 2);
        assert_eq!(hs[1].text, "Steps x");
        assert_eq!(&text[hs[0].range.clone()], "# Role");
        assert_eq!(hs[1].level, 2);
    }
}
