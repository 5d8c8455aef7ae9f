//! The differential test of the YAML reader against `Bun.YAML.parse` (Bun 1.4, the
//! reader inside Claude Code): a seeded generator of YAML edge cases, each case read by
//! both, any disagreement on the verdict (accepted or not) or the value fails.
//!
//! - `recorded_cases_agree_with_bun` runs in the normal suite: it reads Bun's answers for
//!   a fixed generated set from `tests/fixtures/bun-yaml/cases.jsonl`.
//! - `live_cases_agree_with_bun` (ignored) generates fresh cases and asks Bun itself:
//!   `AGENT_LSP_BUN=/path/to/bun cargo test --test it bun_yaml -- --ignored`, with
//!   `BUN_YAML_CASES` per seed (default 3000) and `BUN_YAML_SEED` (a seed, `A-B` or a
//!   comma list; default: the clock). With `BUN_YAML_RECORD=path` it also writes the
//!   cases and Bun's answers there. A text Bun itself crashes on is reported as such,
//!   not as a disagreement.

use agent_lsp::syntax::reader::to_js;
use agent_lsp::syntax::yaml;
use serde_json::{json, Value};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// splitmix64: small, seeded, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// True with probability 1/n.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const WORDS: &[&str] = &[
    "Read",
    "Grep",
    "sonnet",
    "Expert in C#",
    "a b",
    "yes",
    "no",
    "on",
    "Off",
    "null",
    "Null",
    "NULL",
    "~",
    "true",
    "True",
    "TRUE",
    "false",
    "FALSE",
    "nullx",
    "true story",
    "12",
    "-3",
    "+4",
    "0",
    "-0",
    "007",
    "0x1F",
    "0o17",
    "0xg",
    "1e3",
    "1E3",
    "1.5",
    ".5",
    "1.",
    "1.e5",
    "-.5",
    ".inf",
    "-.Inf",
    "+.INF",
    ".nan",
    ".NaN",
    "0b101",
    "1_000",
    "--1",
    "+-1",
    "12abc",
    "1-2",
    "1e",
    "99999999999999999999",
    "1e400",
    "1:2",
    ", Read",
    ",sonnet",
    "Use when: x",
    "a #b",
    "a#b",
    "\u{FEFF}x",
    "x\u{FEFF}",
    "em\u{2003}space",
    "\u{2003}lead",
    "nbsp\u{a0}x",
    "ü",
    "😀 ok",
    "- x",
    "-x",
    "?x",
    ":x",
    "x:",
    "x::y",
    "@x",
    "`x`",
    "%x",
    "!x",
    "&x",
    "*x",
    "|x",
    ">x",
    "a [b] {c}",
    "a, b",
    "<<",
    "Bash(git log:*)",
    "mcp__s__t",
    "x\\y",
    "'q'",
    "\"dq\"",
    "...",
    "---",
    "a...b",
    "-.",
    "#x",
    "x #",
    "a\tb",
    "a  b",
];

const QUOTED: &[&str] = &[
    "'it''s'",
    "''",
    "\"\"",
    "'a: b'",
    "\"a\\nb\"",
    "\"\\u00e9\"",
    "\"\\x41\\t\"",
    "\"\\U0001F600\"",
    "\"bad\\q\"",
    "\"\\uD800\"",
    "'x # y'",
    "\"a\\\\b\"",
    "\"\\N\\_\\L\\P\\0\\a\\e\\/\"",
    "'\u{FEFF}'",
    "\"multi\n  line\"",
    "'multi\n  line'",
    "\"a\n\n  b\"",
    "\"esc\\\n  aped\"",
    "'unterminated",
    "\"x\"y",
    "'x'#c",
    "'x' #c",
    "\"12\"",
    "'true'",
    "\"tab\there\"",
];

const TAGS: &[&str] = &[
    "!!str",
    "!!null",
    "!!int",
    "!!float",
    "!!bool",
    "!!map",
    "!!seq",
    "!",
    "!foo",
    "!str",
    "!<tag:x.org,2000:y>",
    "!e!x",
    "!!binary",
    "!!str,",
];

const KEYS: &[&str] = &[
    "name",
    "description",
    "tools",
    "model",
    "color",
    "hooks",
    "a",
    "b",
    "x y",
    "tools\u{FEFF}",
    "\u{FEFF}name",
    "\"quoted key\"",
    "'sq'",
    "1",
    "2.5",
    "null",
    "~",
    "true",
    "<<",
    "-k",
    "k-",
    "ké",
    "a#b",
    "a:b",
    "[x, y]",
    "{x: 1}",
    "&k key",
    "!!str 3",
    "*undef",
];

/// What goes between `key:` and its value.
const SEPARATORS: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\t",
    " \t",
    "\t ",
    "\u{2003}",
    "\u{FEFF}",
    " \u{FEFF}",
    "\u{a0}",
];

struct Gen<'r> {
    r: &'r mut Rng,
    anchors: Vec<String>,
    depth: usize,
}

impl Gen<'_> {
    fn ind(n: usize) -> String {
        " ".repeat(n)
    }

    fn word(&mut self) -> String {
        self.r.pick(WORDS).to_string()
    }

    fn comment(&mut self) -> &'static str {
        match self.r.below(12) {
            0 => " # note",
            1 => " #",
            2 => "#x",
            _ => "",
        }
    }

    fn props(&mut self) -> String {
        let mut p = String::new();
        if self.r.one_in(8) {
            let name = format!("a{}", self.r.below(4));
            p.push_str(&format!("&{name} "));
            self.anchors.push(name);
        }
        if self.r.one_in(8) {
            let tag = self.r.pick::<&str>(TAGS);
            p.push_str(tag);
            p.push(' ');
        }
        p
    }

    /// An anchor (sometimes with a tag) before a collection, rarer than on scalars.
    fn collection_props(&mut self) -> String {
        if self.r.one_in(4) {
            self.props()
        } else {
            String::new()
        }
    }

    fn alias(&mut self) -> String {
        match self.anchors.is_empty() || self.r.one_in(6) {
            true => "*nope".into(),
            false => format!("*{}", self.r.pick(&self.anchors.clone())),
        }
    }

    /// A value that fits on the rest of the key's line.
    fn inline_value(&mut self, indent: usize) -> String {
        match self.r.below(14) {
            0..=4 => format!("{}{}", self.props(), self.word()),
            5 | 6 => format!("{}{}", self.props(), self.r.pick(QUOTED)),
            7 => self.alias(),
            // Properties on a collection: aliases inside it name it (a cycle).
            8 | 9 => format!("{}{}", self.collection_props(), self.flow(indent, true)),
            10 => format!("{}{}", self.collection_props(), self.flow(indent, false)),
            _ => format!("{}{} {}", self.props(), self.word(), self.word()),
        }
    }

    /// `[…]` or `{…}`, possibly over several lines, closed at `indent` or deeper.
    fn flow(&mut self, indent: usize, seq: bool) -> String {
        self.depth += 1;
        let n = self.r.below(4);
        let multi = self.r.one_in(3);
        let close_indent = if self.r.one_in(2) {
            indent
        } else {
            indent + self.r.below(3)
        };
        let item_indent = indent + self.r.below(4);
        let mut items = Vec::new();
        for _ in 0..n {
            let v = if self.depth < 6 && self.r.one_in(4) {
                let seq = self.r.one_in(2);
                self.flow(item_indent, seq)
            } else if self.r.one_in(5) {
                self.r.pick(QUOTED).to_string()
            } else if self.r.one_in(8) {
                self.alias()
            } else {
                self.word()
            };
            let key = self.r.pick(&[
                "a", "b", "<<", "c d", "1", "? a", "?", "\"q\"", "'s'", "[k]", "{k: v}",
            ]);
            // After a quoted or bracketed key `:` needs no space (`"q":v`, `[k]:v`).
            let colon = match self.r.below(4) {
                0 => ":",
                _ => ": ",
            };
            items.push(if seq && !self.r.one_in(6) {
                v
            } else if self.r.one_in(12) {
                format!("? {v}")
            } else {
                format!("{key}{colon}{v}")
            });
        }
        self.depth -= 1;
        let (open, close) = if seq { ("[", "]") } else { ("{", "}") };
        let trailing = if self.r.one_in(6) { "," } else { "" };
        if multi {
            let sep = format!(",\n{}", Self::ind(item_indent));
            format!(
                "{open}\n{}{}{trailing}\n{}{close}",
                Self::ind(item_indent),
                items.join(&sep),
                Self::ind(close_indent)
            )
        } else {
            format!("{open}{}{trailing}{close}", items.join(", "))
        }
    }

    fn block_scalar(&mut self, indent: usize) -> String {
        let header = self.r.pick(&[
            "|", "|-", "|+", ">", ">-", ">+", "|2", "|1-", ">2+", "| # c", "|0", "|x",
        ]);
        let content = indent + 1 + self.r.below(3);
        let mut s = header.to_string();
        for _ in 0..1 + self.r.below(4) {
            s.push('\n');
            match self.r.below(6) {
                0 => {}
                1 => s.push_str(&Self::ind(content + 2)),
                2 => s.push_str(&format!("{}more {}", Self::ind(content + 1), self.word())),
                3 if self.r.one_in(3) => s.push_str(&format!("{}less", Self::ind(indent))),
                3 if self.r.one_in(2) => {
                    s.push_str(&format!("{}\t{}", Self::ind(content), self.word()))
                }
                _ => s.push_str(&format!("{}{}", Self::ind(content), self.word())),
            }
        }
        if self.r.one_in(3) {
            s.push('\n');
        }
        s
    }

    /// The value after `key:` (separator included), for a key at `indent`.
    fn map_value(&mut self, indent: usize) -> String {
        let sep = self.r.pick(SEPARATORS).to_string();
        let deeper = indent + 1 + self.r.below(3);
        match self.r.below(16) {
            0 => String::new(),
            1 => {
                let at = if self.r.one_in(2) { indent } else { deeper };
                format!("{}\n{}", self.comment(), self.block_seq(at))
            }
            2 | 3 if self.depth < 8 => {
                let props = self.collection_props();
                let props = match props.trim_end() {
                    "" => String::new(),
                    p => format!(" {p}"),
                };
                format!("{props}{}\n{}", self.comment(), self.block_map(deeper))
            }
            4 => format!("{sep}{}", self.block_scalar(indent)),
            5 if !self.anchors.is_empty() || self.r.one_in(2) => format!("{sep}{}", self.alias()),
            _ => format!("{sep}{}{}", self.inline_value(indent), self.comment()),
        }
    }

    fn key(&mut self) -> String {
        let k = self.r.pick(KEYS).to_string();
        if self.r.one_in(20) {
            format!("? {k}\n")
        } else {
            k
        }
    }

    fn block_map(&mut self, indent: usize) -> String {
        self.depth += 1;
        let mut lines = Vec::new();
        for _ in 0..1 + self.r.below(4) {
            if self.r.one_in(10) {
                lines.push(format!("{}# comment", Self::ind(self.r.below(indent + 2))));
            }
            let key = self.key();
            let merge = self.r.one_in(12);
            let line = if merge {
                let v = match self.r.below(3) {
                    0 => self.alias(),
                    1 => self.flow(indent, false),
                    _ => format!("[{}, {{m: 1}}]", self.alias()),
                };
                format!("{}<<: {v}", Self::ind(indent))
            } else if key.ends_with('\n') {
                format!(
                    "{}{key}{}:{}",
                    Self::ind(indent),
                    Self::ind(indent),
                    self.map_value(indent)
                )
            } else {
                let props = if self.r.one_in(12) {
                    self.props()
                } else {
                    String::new()
                };
                format!(
                    "{}{props}{key}:{}",
                    Self::ind(indent),
                    self.map_value(indent)
                )
            };
            lines.push(line);
        }
        self.depth -= 1;
        lines.join("\n")
    }

    fn block_seq(&mut self, indent: usize) -> String {
        self.depth += 1;
        let mut lines = Vec::new();
        for _ in 0..1 + self.r.below(3) {
            let item = match self.r.below(8) {
                0 => String::new(),
                1 if self.depth < 8 => format!(" {}", self.block_seq(indent + 2).trim_start()),
                2 if self.depth < 8 => format!(" {}", self.block_map(indent + 2).trim_start()),
                3 => format!(" {}", self.block_scalar(indent)),
                _ => format!(" {}{}", self.inline_value(indent), self.comment()),
            };
            lines.push(format!("{}-{item}", Self::ind(indent)));
        }
        self.depth -= 1;
        lines.join("\n")
    }

    fn nested(&mut self) -> String {
        let n = 1 + self.r.below(60);
        let (open, close) = if self.r.one_in(2) {
            ("[", "]")
        } else {
            ("{a: ", "}")
        };
        format!("deep: {}x{}", open.repeat(n), close.repeat(n))
    }

    fn document(&mut self) -> String {
        let mut doc = String::new();
        match self.r.below(20) {
            0 => doc.push_str("---\n"),
            1 => doc.push_str("%YAML 1.2\n---\n"),
            2 => doc.push_str("--- "),
            3 => doc.push_str("%TAG !e! tag:e.org,2000:\n---\n"),
            _ => {}
        }
        let body = match self.r.below(12) {
            0 => self.block_seq(0),
            1 => self.nested(),
            2 => self.inline_value(0),
            _ => self.block_map(0),
        };
        doc.push_str(&body);
        match self.r.below(12) {
            0 => doc.push_str("\n...\n"),
            1 => doc.push_str(&format!("\n---\n{}", self.block_map(0))),
            2 => {}
            _ => doc.push('\n'),
        }
        doc
    }
}

/// A few random edits: the kinds of damage real files carry.
fn mutate(r: &mut Rng, text: &mut String) {
    const SPICE: &[&str] = &[
        "\t", "\u{FEFF}", "\u{2003}", " ", "\n", "#", ":", ",", "-", "'", "\"", "[", "}", "\r",
        "\u{a0}", "*", "&", "!", "|",
    ];
    for _ in 0..r.below(3) {
        if text.is_empty() {
            break;
        }
        let mut at = r.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if r.one_in(3) && at < text.len() {
            let len = text[at..].chars().next().map_or(0, char::len_utf8);
            text.replace_range(at..at + len, "");
        } else {
            let spice = r.pick::<&str>(SPICE);
            text.insert_str(at, spice);
        }
    }
}

/// An agent's frontmatter with the constructs real files carry and Claude Code's
/// loader must read as Bun does (issue 11): tabs after `key:`, U+FEFF, values starting
/// with `,`, flow lists closed at the key's indentation, merge keys, tags, block
/// scalars, comments, duplicates.
fn frontmatter(r: &mut Rng) -> String {
    const SEP: &[&str] = &[
        " ",
        " ",
        " ",
        "\t",
        "  ",
        " \t",
        "\u{2003}",
        " \u{FEFF}",
        "\u{FEFF}",
    ];
    const TEXT: &[&str] = &[
        "Expert in Rust",
        "Use when: the user asks",
        ", Read",
        ",sonnet",
        "Expert\u{FEFF}",
        "a\u{FEFF}b",
        "Use this agent when X.\\n\\n<example>",
        "'quoted'",
        "\"dq \\\"x\\\"\"",
        "!!str 42",
        "!!null True",
        "!!str",
        "!!int 7",
        "C# #dotnet",
        "50% off",
        "yes",
        "42",
        "1.5",
        "~",
        "null",
        "true",
    ];
    const TOOLS: &[&str] = &[
        "Read, Grep",
        "[Read, Grep]",
        "[\n  'read',\n  'edit'\n]",
        "[\n  Read,\n  Edit,\n]",
        "{\n  a: Read\n}",
        "\n  - Read\n  - Grep",
        "\n- Read\n- Grep",
        ", Read",
        "Read\u{FEFF}, Grep",
        "*",
        "Bash(git log:*)",
        "[Read,\n Grep]",
        "[\n   Read\n  ]",
    ];
    let mut lines = Vec::new();
    let mut anchored = false;
    if r.one_in(4) {
        lines.push("x-common: &c {model: sonnet, color: blue}".to_string());
        anchored = true;
    }
    for _ in 0..2 + r.below(6) {
        let sep = *r.pick(SEP);
        let line = match r.below(12) {
            0 => format!(
                "name:{sep}{}",
                r.pick(&["code-reviewer", "!!str 42", "42", "'x y'", "a\u{FEFF}"])
            ),
            1..=3 => format!("description:{sep}{}", r.pick(TEXT)),
            4 | 5 => format!("tools:{sep}{}", r.pick(TOOLS)),
            6 => format!(
                "model:{sep}{}",
                r.pick(&["sonnet", ",sonnet", "!!str opus", "inherit # c", "haiku\t"])
            ),
            7 => format!(
                "<<:{sep}{}",
                match (anchored, r.below(3)) {
                    (true, 0) => "*c".to_string(),
                    (_, 1) => "{description: merged, model: opus}".to_string(),
                    _ => "[{color: red}, {model: haiku}]".to_string(),
                }
            ),
            8 => format!(
                "description:{sep}{}\n  line one\n\n  line two",
                r.pick(&["|", ">", "|-", ">+", "|2"])
            ),
            9 => format!("tools{}: Read", r.pick(&["\u{FEFF}", " ", "\t", ""])),
            10 => format!("# {}", r.pick(TEXT)),
            _ => format!(
                "color:{sep}{}",
                r.pick(&["red", "blue # c", "'green'", "!!str 1"])
            ),
        };
        lines.push(line);
    }
    let mut text = lines.join("\n") + "\n";
    match r.below(8) {
        0 => text = text.replace('\n', "\r\n"),
        1 => text = text.replace('\n', "\r"),
        _ => {}
    }
    text
}

/// One generated case.
fn case(seed: u64, i: u64) -> String {
    let mut r = Rng(seed ^ i.wrapping_mul(0xD6E8_FEB8_6659_FD93));
    if r.one_in(3) {
        return frontmatter(&mut r);
    }
    let mut text = Gen {
        r: &mut r,
        anchors: Vec::new(),
        depth: 0,
    }
    .document();
    if r.one_in(3) {
        mutate(&mut r, &mut text);
    }
    match r.below(10) {
        0 => text.replace('\n', "\r\n"),
        1 => text.replace('\n', "\r"),
        _ => text,
    }
}

/// Our answer, in the shape of the batch script's.
fn ours(text: &str) -> Value {
    match yaml::parse(text) {
        Ok(root) => json!({ "ok": true, "value": to_js(root.as_ref()) }),
        Err(e) => json!({ "ok": false, "error": e.message }),
    }
}

/// Same value: numbers compared as numbers, objects ignoring key order (JS puts
/// integer-like keys first). A cycle matches any collection: the reader keeps an alias
/// inside the node it names unexpanded, so where a copy of that node is printed (an
/// alias or merge of it), Bun's printer meets the cycle a level later than ours.
fn same(a: &Value, b: &Value) -> bool {
    let cycle = |v: &Value| v.get("$cycle").is_some();
    let collection = |v: &Value| v.is_object() || v.is_array();
    if (cycle(a) && collection(b)) || (cycle(b) && collection(a)) {
        return true;
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// A text as a Rust string literal, every non-ASCII character escaped: invisible
/// spaces are the usual suspects.
fn escaped(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// The disagreements between Bun's answers and ours, printed.
fn disagreements(cases: &[(String, Value)]) -> Vec<String> {
    let mut out = Vec::new();
    for (text, bun) in cases {
        let mine = ours(text);
        let agree =
            mine["ok"] == bun["ok"] && (bun["ok"] == false || same(&mine["value"], &bun["value"]));
        if !agree {
            out.push(format!(
                "input: {}\n  bun:  {bun}\n  ours: {mine}",
                escaped(text)
            ));
        }
    }
    out
}

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bun-yaml")
}

/// Recorded rows: (input, Bun's answer).
fn recorded(file: &str) -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(fixture().join(file)).expect("recorded answers");
    text.lines()
        .map(|l| {
            let mut row: Value = serde_json::from_str(l).expect("row");
            let input = row["input"].as_str().expect("input").to_string();
            if let Some(o) = row.as_object_mut() {
                o.remove("input");
                o.remove("case");
            }
            (input, row)
        })
        .collect()
}

#[test]
fn recorded_cases_agree_with_bun() {
    let cases = recorded("cases.jsonl");
    assert!(cases.len() >= 1000, "only {} recorded cases", cases.len());
    let bad = disagreements(&cases);
    assert!(
        bad.is_empty(),
        "{} of {} cases disagree with Bun:\n{}",
        bad.len(),
        cases.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

/// The disagreements the live test once found, each with minimal relatives
/// (`regressions.jsonl`: what the reader got wrong, and Bun's answer).
#[test]
fn past_disagreements_stay_fixed() {
    let cases = recorded("regressions.jsonl");
    let bad = disagreements(&cases);
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// What Bun answered for the texts of one batch before it exited: all of them, or
/// (when Bun itself crashed) those before the text it died on.
fn run_batch(bun: &str, texts: &[String]) -> Vec<Value> {
    let mut child = Command::new(bun)
        .arg(fixture().join("batch.js"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run bun");
    let input = serde_json::to_vec(texts).expect("json");
    let mut stdin = child.stdin.take().expect("stdin");
    // A crashed Bun closes its stdin early: the write may fail, the answers tell.
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("bun output");
    let _ = writer.join().expect("writer");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map_while(|l| serde_json::from_str(l).ok())
        .take(texts.len())
        .collect()
}

/// Bun's answer for each text, None where Bun itself crashed on it. A batch that dies
/// is resumed after the text it died on; that text is asked alone, so a crash that
/// needs the texts before it is not blamed on it.
fn ask_bun(bun: &str, texts: &[String]) -> Vec<Option<Value>> {
    let mut answers: Vec<Option<Value>> = Vec::with_capacity(texts.len());
    while answers.len() < texts.len() {
        answers.extend(
            run_batch(bun, &texts[answers.len()..])
                .into_iter()
                .map(Some),
        );
        if let Some(text) = texts.get(answers.len()) {
            let alone = run_batch(bun, std::slice::from_ref(text)).pop();
            if alone.is_none() {
                eprintln!("bun crashed on: {}", escaped(text));
            }
            answers.push(alone);
        }
    }
    answers
}

/// `BUN_YAML_SEED`: one seed, a range `A-B`, or a comma list of either; the clock when
/// unset.
fn seeds() -> Vec<u64> {
    let Ok(spec) = std::env::var("BUN_YAML_SEED") else {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        return vec![now.map_or(1, |d| d.as_nanos() as u64)];
    };
    let mut out = Vec::new();
    for part in spec.split(',') {
        let bound = |s: &str| s.trim().parse::<u64>().expect("BUN_YAML_SEED: numbers");
        match part.split_once('-') {
            Some((a, b)) => out.extend(bound(a)..=bound(b)),
            None => out.push(bound(part)),
        }
    }
    out
}

fn record(path: &str, cases: &[(String, Value)]) {
    let rows: Vec<String> = cases
        .iter()
        .map(|(t, a)| {
            let mut row = json!({ "input": t });
            if let (Some(o), Some(a)) = (row.as_object_mut(), a.as_object()) {
                o.extend(a.clone());
            }
            row.to_string()
        })
        .collect();
    std::fs::write(path, rows.join("\n") + "\n").expect("record");
}

/// One seed's cases asked of Bun: (the cases Bun answered, the texts it crashed on).
fn live_seed(bun: &str, seed: u64, n: u64) -> (Vec<(String, Value)>, Vec<String>) {
    let (mut cases, mut crashed) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < n {
        let chunk: Vec<String> = (i..n.min(i + 5000)).map(|j| case(seed, j)).collect();
        i += chunk.len() as u64;
        let answers = ask_bun(bun, &chunk);
        for (text, answer) in chunk.into_iter().zip(answers) {
            match answer {
                Some(a) => cases.push((text, a)),
                None => crashed.push(text),
            }
        }
    }
    (cases, crashed)
}

#[test]
#[ignore = "needs bun: AGENT_LSP_BUN=/path/to/bun"]
fn live_cases_agree_with_bun() {
    let bun = std::env::var("AGENT_LSP_BUN").expect("AGENT_LSP_BUN");
    let n: u64 = std::env::var("BUN_YAML_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let (mut bad, mut crashed, mut total) = (Vec::new(), Vec::new(), 0);
    for seed in seeds() {
        let (cases, bun_crashed) = live_seed(&bun, seed, n);
        if let Ok(path) = std::env::var("BUN_YAML_RECORD") {
            record(&path, &cases);
        }
        let seed_bad = disagreements(&cases);
        let accepted = cases.iter().filter(|(_, a)| a["ok"] == true).count();
        eprintln!(
            "bun-yaml live: seed {seed}, {} cases ({accepted} accepted by Bun), {} disagreements, bun crashed on {}",
            cases.len() + bun_crashed.len(),
            seed_bad.len(),
            bun_crashed.len()
        );
        total += cases.len() + bun_crashed.len();
        bad.extend(seed_bad.into_iter().map(|d| format!("seed {seed}: {d}")));
        crashed.extend(bun_crashed);
    }
    for d in &bad {
        eprintln!("{d}");
    }
    eprintln!(
        "bun-yaml live: {total} cases, {} disagreements, bun crashed on {}",
        bad.len(),
        crashed.len()
    );
    // A crash of Bun is Bun's bug, not a disagreement; crashes on many texts mean the
    // bun given does not work.
    assert!(
        crashed.len() <= 10,
        "bun crashed on {} texts: is AGENT_LSP_BUN a working bun?",
        crashed.len()
    );
    assert!(
        bad.is_empty(),
        "{} of {total} cases disagree with Bun:\n{}",
        bad.len(),
        bad[..bad.len().min(30)].join("\n")
    );
}

#[test]
#[ignore = "a debugging aid: BUN_YAML_SHOW='text' prints our reading"]
fn show_one() {
    let text = std::env::var("BUN_YAML_SHOW").expect("BUN_YAML_SHOW");
    eprintln!("{}", ours(&text));
}

/// Issue 11's YAML-level false errors, one file each, with what Claude Code 2.1.332 did
/// with them (`CLIENT.json`, from `/work/shared/oracle/claude-code/oracle.py`): every
/// agent the client registered must load here too, under the same name.
#[test]
fn issue_11_files_load_as_the_client_loaded_them() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diagnostics/bun-yaml");
    let client: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("CLIENT.json")).expect("CLIENT.json"),
    )
    .expect("client json");
    let mut expected: Vec<String> = client["loaded"]
        .as_array()
        .expect("loaded")
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    let mut loaded = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let out = Command::new(env!("CARGO_BIN_EXE_agent-lsp"))
            .args(["inspect", "--format", "json"])
            .arg(&path)
            .output()
            .expect("run inspect");
        let got: Value = serde_json::from_slice(&out.stdout).expect("inspect JSON");
        // The tools the client resolved (`oracle.py --agent`), where recorded.
        if let Some(tools) =
            client["resolved"][got["name"].as_str().unwrap_or_default()].get("tools")
        {
            assert_eq!(&got["tools"], tools, "{}", path.display());
        }
        if got["loads"] == true {
            loaded.push(got["name"].as_str().unwrap_or_default().to_string());
        }
    }
    expected.sort();
    loaded.sort();
    assert_eq!(loaded, expected);
}
