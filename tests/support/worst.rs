//! Inputs built to be worst cases, one per rule family, grown to a given size: shared by
//! the growth tests (which check that work grows linearly) and the benchmark (which
//! times keystrokes on 1 MiB of each).

/// A file name and a generator: `make(n)` builds an input of about `n` repeated units.
pub struct Family {
    pub name: &'static str,
    /// The rules whose diagnostics it produces by the thousand.
    pub rules: &'static str,
    /// The bytes one unit adds, to size an input in bytes.
    pub unit_bytes: usize,
    pub make: fn(usize) -> String,
}

const HEAD: &str = "---\nname: worst\ndescription: Use this agent when measuring.\n";

fn repeat(head: &str, unit: impl Fn(usize) -> String, n: usize, tail: &str) -> String {
    let mut s = String::from(head);
    for i in 0..n {
        s.push_str(&unit(i));
    }
    s.push_str(tail);
    s
}

pub const FAMILIES: &[Family] = &[
    Family {
        name: "tools list (one misspelt name)",
        rules: "unknown-tool",
        unit_bytes: 9,
        make: |n| {
            repeat(
                &format!("{HEAD}tools:\n"),
                |_| "  - Raed\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "tools list (distinct unknown names)",
        rules: "unknown-tool",
        unit_bytes: 13,
        make: |n| {
            repeat(
                &format!("{HEAD}tools:\n"),
                |i| format!("  - Rd{i:07}\n"),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "tools on one line",
        rules: "unknown-tool",
        unit_bytes: 6,
        make: |n| {
            repeat(
                &format!("{HEAD}tools: "),
                |_| "Raed, ".into(),
                n,
                "Read\n---\nbody\n",
            )
        },
    },
    Family {
        name: "repeated keys",
        rules: "duplicate-key",
        unit_bytes: 8,
        make: |n| repeat(HEAD, |_| "name: x\n".into(), n, "---\nbody\n"),
    },
    Family {
        name: "unknown keys",
        rules: "unknown-key",
        unit_bytes: 13,
        make: |n| repeat(HEAD, |i| format!("kee{i:07}: x\n"), n, "---\nbody\n"),
    },
    Family {
        name: "many examples",
        rules: "examples-too-many",
        unit_bytes: 58,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: |\n  Use this agent when measuring.\n",
                |_| "  <example>\n  user: hi\n  assistant: worst\n  </example>\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "example lines read as keys",
        rules: "example-line-becomes-key",
        unit_bytes: 18,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: Use this agent when measuring. <example>\n",
                |_| "user: hi\nassistant: x\n".into(),
                n,
                "</example>\n---\nbody\n",
            )
        },
    },
    Family {
        name: "nested unclosed examples",
        rules: "example-unclosed, example-nested",
        unit_bytes: 12,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: |\n  Use this agent when measuring.\n",
                |_| "  <example>\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "mojibake",
        rules: "mojibake",
        unit_bytes: 9,
        make: |n| repeat(&format!("{HEAD}---\n"), |_| "itâ€™s \n".into(), n, ""),
    },
    Family {
        name: "long value line",
        rules: "(one value)",
        unit_bytes: 5,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: Use this agent",
                |_| " when".into(),
                n,
                "\n---\nbody\n",
            )
        },
    },
    Family {
        name: "long body line",
        rules: "(body)",
        unit_bytes: 5,
        make: |n| repeat(&format!("{HEAD}---\n"), |_| "word ".into(), n, "\n"),
    },
    Family {
        name: "many lines",
        rules: "(body)",
        unit_bytes: 2,
        make: |n| repeat(&format!("{HEAD}---\n"), |_| "a\n".into(), n, ""),
    },
    Family {
        name: "many lone CR lines",
        rules: "(line breaks)",
        unit_bytes: 2,
        make: |n| {
            repeat(
                &format!("{HEAD}tools: Raed\r"),
                |_| "a\r".into(),
                n,
                "---\n",
            )
        },
    },
    Family {
        name: "values cut by comments",
        rules: "comment-truncates-value, duplicate-key",
        unit_bytes: 14,
        make: |n| repeat(HEAD, |_| "color: red #x\n".into(), n, "---\nbody\n"),
    },
    Family {
        name: "tab-indented lines",
        rules: "yaml-tab-indent",
        unit_bytes: 9,
        make: |n| {
            repeat(
                &format!("{HEAD}tools:\n"),
                |_| "\t- Read\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "stray closing tags",
        rules: "example-stray-close, commentary-stray-close",
        unit_bytes: 28,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: |\n  Use this agent when measuring.\n",
                |_| "  </example></commentary>\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "text between examples",
        rules: "example-text-between, commentary-outside-example",
        unit_bytes: 64,
        make: |n| {
            repeat(
                "---\nname: worst\ndescription: |\n  Use this agent when measuring.\n",
                |_| {
                    "  <example>user: a\n  assistant: b</example> x <commentary>c</commentary>\n"
                        .into()
                },
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "tool specifiers and legacy names",
        rules: "tool-specifier-ignored, tool-alias",
        unit_bytes: 18,
        make: |n| {
            repeat(
                &format!("{HEAD}tools:\n"),
                |i| {
                    if i % 2 == 0 {
                        "  - Read(x)\n".into()
                    } else {
                        "  - Task\n".into()
                    }
                },
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "unknown hook events",
        rules: "hook-event-unknown",
        unit_bytes: 16,
        make: |n| {
            repeat(
                &format!("{HEAD}hooks:\n"),
                |i| format!("  Ev{i:07}: []\n"),
                n,
                "---\nbody\n",
            )
        },
    },
    Family {
        name: "merge keys, each a new key",
        rules: "(YAML merges)",
        unit_bytes: 18,
        make: |n| repeat(HEAD, |i| format!("<<: {{k{i}: 1}}\n"), n, "---\nbody\n"),
    },
    Family {
        name: "unused suppressions",
        rules: "suppression-unused",
        unit_bytes: 38,
        make: |n| {
            repeat(
                HEAD,
                |_| "# agent-lsp: disable=unknown-tool\n".into(),
                n,
                "---\nbody\n",
            )
        },
    },
];

impl Family {
    /// An input of at most `bytes` bytes.
    pub fn of_size(&self, bytes: usize) -> String {
        let mut n = bytes / self.unit_bytes;
        loop {
            let s = (self.make)(n);
            if s.len() <= bytes || n == 0 {
                return s;
            }
            n -= n / 50 + 1;
        }
    }
}
