//! Reading an agent file the way Claude Code does: split off the frontmatter, parse it
//! with a reader that reads as `Bun.YAML.parse` does (the loader's strict attempt),
//! retry with the loader's re-quote pass, and fall back to a tolerant scan (for editor
//! features only) when both fail. What only Bun's lenient reader accepts is flagged
//! ([`Frontmatter::portable_error`]): other tools' YAML readers reject it.

pub mod body;
pub mod opencode;
pub mod plain_lines;
pub mod reader;
pub mod requote;
pub mod split;
pub mod tolerant;
pub mod vscode;
pub mod yaml;

pub use requote::{Rewrite, RewriteKind};
pub use split::Split;
pub use yaml::{Entry, Node, NodeKind, Style, Value, YamlError};

/// How the frontmatter was read; the names are the ones in the corpus' EXPECTED.jsonl.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// No frontmatter block.
    None,
    /// The loader's first, strict attempt (`Bun.YAML.parse`) parses it.
    Strict,
    /// Only the loader's re-quote retry parses it.
    Requoted,
    /// Neither does: Claude Code treats the frontmatter as empty.
    Unparseable,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::None => "none",
            Mode::Strict => "strict",
            Mode::Requoted => "requoted",
            Mode::Unparseable => "unparseable",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Frontmatter {
    pub split: Option<Split>,
    pub mode: Mode,
    /// The frontmatter tree with spans in file bytes. For `Unparseable` this is the
    /// tolerant scan, which the loader never sees: use [`Frontmatter::loader_root`].
    pub root: Option<Node>,
    /// Strict YAML's first error, in file bytes.
    pub strict_error: Option<YamlError>,
    /// The retry's first error, mapped to file bytes.
    pub retry_error: Option<YamlError>,
    /// Lines the retry rewrote, in file bytes.
    pub rewrites: Vec<Rewrite>,
    /// Set when Bun's reader accepts the frontmatter as written (`Mode::Strict`) but
    /// strict YAML 1.2, which js-yaml, PyYAML and VS Code's reader follow, rejects it:
    /// strict YAML's first error, in file bytes.
    pub portable_error: Option<YamlError>,
    /// The errors VS Code's reader reports (the `vscode` dialect only; it reads on).
    pub vscode_problems: Vec<vscode::Problem>,
}

impl Frontmatter {
    /// The body of a text `text_len` bytes long: what follows the frontmatter, or the
    /// whole text when it has none.
    pub fn body(&self, text_len: usize) -> std::ops::Range<usize> {
        self.split.as_ref().map_or(0..text_len, |s| s.body.clone())
    }

    /// The mapping the loader works with; None means `{}`.
    pub fn loader_root(&self) -> Option<&Node> {
        match self.mode {
            Mode::Strict | Mode::Requoted => self.root.as_ref().filter(|n| n.entries().is_some()),
            Mode::None | Mode::Unparseable => None,
        }
    }

    /// The top-level entries editor features use, whatever the mode.
    pub fn entries(&self) -> &[Entry] {
        self.root
            .as_ref()
            .and_then(Node::entries)
            .unwrap_or_default()
    }

    /// The last entry for `key` (the one the loader keeps), in the editor's view.
    pub fn get(&self, key: &str) -> Option<&Entry> {
        self.root.as_ref()?.get(key)
    }

    pub fn yaml_range(&self) -> Option<std::ops::Range<usize>> {
        self.split.as_ref().map(|s| s.yaml.clone())
    }
}

/// How a tool reads the frontmatter: a format's catalog names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dialect {
    /// Claude Code's loader: `Bun.YAML.parse`, then its single-line re-quote retry.
    ClaudeCode,
    /// A strict YAML 1.2 reader, with no retry (for tools whose own reader is not
    /// modelled): Bun's leniencies are errors here.
    Yaml,
    /// VS Code's own header reader (Copilot files): a line-anchored split and a lenient
    /// YAML reader that reports errors but never rejects the header ([`vscode`]).
    Vscode,
    /// OpenCode's: gray-matter (js-yaml, strict YAML here), then its fallback that turns
    /// a top-level value holding `:` into a string (`opencode.rs`).
    #[serde(rename = "opencode")]
    OpenCode,
    /// Cursor's rules reader: each top-level `key: value` line, the value exactly as
    /// written (quotes and brackets are part of it; `#` starts no comment).
    Cursor,
}

/// Reads the frontmatter of `text` as Claude Code does. `is_known_key` guides the
/// tolerant scan only.
pub fn parse(text: &str, is_known_key: &dyn Fn(&str) -> bool) -> Frontmatter {
    parse_as(text, Dialect::ClaudeCode, is_known_key)
}

/// Reads the frontmatter of `text` in `dialect`, with the strict YAML verdict on a
/// frontmatter Claude Code reads ([`Frontmatter::portable_error`]).
pub fn parse_as(text: &str, dialect: Dialect, is_known_key: &dyn Fn(&str) -> bool) -> Frontmatter {
    read(text, dialect, is_known_key, true)
}

/// Reads the frontmatter of `text` in `dialect` as its tool does, without the strict
/// verdict on what Claude Code reads: for checks of what the tool loads (the `|`
/// rewrite, a fix, the workspace index), which run often and never report portability.
pub fn parse_as_tool(
    text: &str,
    dialect: Dialect,
    is_known_key: &dyn Fn(&str) -> bool,
) -> Frontmatter {
    read(text, dialect, is_known_key, false)
}

fn read(
    text: &str,
    dialect: Dialect,
    is_known_key: &dyn Fn(&str) -> bool,
    portability: bool,
) -> Frontmatter {
    if dialect == Dialect::Vscode {
        return as_vscode(text);
    }
    let Some(split) = split::split(text) else {
        return Frontmatter {
            split: None,
            mode: Mode::None,
            root: None,
            strict_error: None,
            retry_error: None,
            rewrites: Vec::new(),
            portable_error: None,
            vscode_problems: Vec::new(),
        };
    };
    if dialect == Dialect::Cursor {
        let mut fm = unparseable(split, text, is_known_key);
        fm.mode = Mode::Strict;
        return fm;
    }
    let base = split.yaml.start;
    let yaml_text = &text[split.yaml.clone()];
    let shift = |e: YamlError| YamlError {
        offset: e.offset + base,
        ..e
    };
    let strict = || yaml::check_strict(yaml_text).map_err(shift);
    let (first_attempt, portable) = match dialect {
        Dialect::Yaml | Dialect::OpenCode => match strict() {
            Err(e) => (Err(e), Ok(())),
            Ok(()) if dialect == Dialect::OpenCode => (
                yaml::parse(yaml_text)
                    .and_then(opencode::reject_duplicates)
                    .map_err(shift),
                Ok(()),
            ),
            Ok(()) => (yaml::parse(yaml_text).map_err(shift), Ok(())),
        },
        // Bun's reader decides; the strict verdict only tells whether other tools
        // read what it accepted.
        _ if portability => match yaml::parse_with_verdict(yaml_text) {
            (Ok(root), verdict) => (Ok(root), verdict.map_err(shift)),
            (Err(e), _) => (Err(shift(e)), Ok(())),
        },
        _ => (yaml::parse(yaml_text).map_err(shift), Ok(())),
    };
    let strict_error = match first_attempt {
        Ok(mut root) => {
            if let Some(r) = root.as_mut() {
                r.shift(&|o| o + base);
            }
            return Frontmatter {
                split: Some(split),
                mode: Mode::Strict,
                root,
                strict_error: None,
                retry_error: None,
                rewrites: Vec::new(),
                portable_error: portable.err(),
                vscode_problems: Vec::new(),
            };
        }
        Err(e) => e,
    };
    if dialect == Dialect::Yaml {
        let mut fm = unparseable(split, text, is_known_key);
        fm.strict_error = Some(strict_error);
        return fm;
    }
    let retry = match dialect {
        Dialect::OpenCode => opencode::sanitize(yaml_text),
        _ => requote::requote(yaml_text),
    };
    let to_file = |o: usize| retry.original_offset(o) + base;
    let rewrites = retry
        .rewrites
        .iter()
        .map(|r| Rewrite {
            line: r.line.start + base..r.line.end + base,
            value: r.value.as_ref().map(|v| v.start + base..v.end + base),
            kind: r.kind,
        })
        .collect();
    let reparsed = match dialect {
        // Nothing to retry: the same text fails the same way (a second reading of a
        // large frontmatter was a fifth of a keystroke).
        _ if retry.text == yaml_text => Err(YamlError {
            offset: strict_error.offset - base,
            message: strict_error.message.clone(),
        }),
        Dialect::OpenCode => yaml::check_strict(&retry.text)
            .and_then(|()| yaml::parse(&retry.text))
            .and_then(opencode::reject_duplicates),
        _ => yaml::parse(&retry.text),
    };
    match reparsed {
        Ok(mut root) => {
            if let Some(r) = root.as_mut() {
                r.shift(&to_file);
            }
            Frontmatter {
                split: Some(split),
                mode: Mode::Requoted,
                root,
                strict_error: Some(strict_error),
                retry_error: None,
                rewrites,
                portable_error: None,
                vscode_problems: Vec::new(),
            }
        }
        Err(e) => {
            let retry_error = YamlError {
                offset: to_file(e.offset),
                message: e.message,
            };
            let mut fm = unparseable(split, text, is_known_key);
            fm.strict_error = Some(strict_error);
            fm.retry_error = Some(retry_error);
            fm.rewrites = rewrites;
            fm
        }
    }
}

/// VS Code's reading: never unparseable; its errors are kept beside the tree.
fn as_vscode(text: &str) -> Frontmatter {
    let header = vscode::read(text);
    let (split, root, problems) = match header {
        Some(h) => (Some(h.split), h.root, h.problems),
        None => (None, None, Vec::new()),
    };
    Frontmatter {
        mode: if split.is_some() {
            Mode::Strict
        } else {
            Mode::None
        },
        split,
        root,
        strict_error: None,
        retry_error: None,
        rewrites: Vec::new(),
        portable_error: None,
        vscode_problems: problems,
    }
}

/// A frontmatter no reader accepts, with the tolerant scan for editor features.
fn unparseable(split: Split, text: &str, is_known_key: &dyn Fn(&str) -> bool) -> Frontmatter {
    let mut root = tolerant::scan(&text[split.yaml.clone()], is_known_key);
    root.shift(&|o| o + split.yaml.start);
    Frontmatter {
        split: Some(split),
        mode: Mode::Unparseable,
        root: Some(root),
        strict_error: None,
        retry_error: None,
        rewrites: Vec::new(),
        portable_error: None,
        vscode_problems: Vec::new(),
    }
}
