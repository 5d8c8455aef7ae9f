//! What Claude Code 2.1.332 registers from an agent file: whether it loads, and the
//! effective name, description, tools, model and color (spec §1.2, §1.4, §4.3).

pub mod cursor;
pub mod hooks;
pub mod tool_list;

use crate::catalog::{Catalog, Origin};
use crate::syntax::{Frontmatter, Mode, Node, Value};
use tool_list::{list_of, ToolList};
use unicode_normalization::UnicodeNormalization;

/// Why the loader skips an agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Skip {
    NoFrontmatter,
    NoName,
    NameNotString,
    NoDescription,
    NameLeadingDash,
    NameColon,
    NameTooLong,
    InvalidHooks,
    HooksOutsideHooks,
    TooLarge,
}

impl Skip {
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::NoFrontmatter => "no frontmatter",
            Skip::NoName => "no name",
            Skip::NameNotString => "name not a string",
            Skip::NoDescription => "no description",
            Skip::NameLeadingDash => "name starts with -",
            Skip::NameColon => "name contains :",
            Skip::NameTooLong => "name longer than 256 characters",
            Skip::InvalidHooks => "invalid hooks",
            Skip::HooksOutsideHooks => "hooks outside `hooks:`",
            Skip::TooLarge => "file larger than 1 MiB",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub mode: Mode,
    /// None when the agent loads.
    pub skip: Option<Skip>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub tools: ToolList,
    pub disallowed_tools: Option<Vec<String>>,
    pub model: Option<String>,
    pub color: Option<String>,
    /// The hooks check, when the loader got as far as the hooks (a project agent with a
    /// name and a description): the hooks rule reports from it instead of checking again.
    pub hook_check: Option<hooks::HookCheck>,
}

impl Loaded {
    pub fn loads(&self) -> bool {
        self.skip.is_none()
    }
}

/// Claude Code skips agent files larger than this (1 MiB in 2.1.330), before reading them.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// The size check that comes before everything else.
pub fn size_skip(len: usize) -> Option<Skip> {
    (len > MAX_FILE_BYTES).then_some(Skip::TooLarge)
}

/// A JavaScript-truthy string: present and not empty.
fn nonempty_str(node: Option<&Node>) -> Option<&str> {
    node.and_then(Node::as_str).filter(|s| !s.is_empty())
}

/// The name check of 2.1.332, in the loader's order; None when the name is acceptable.
pub fn name_problem(name: &str) -> Option<Skip> {
    if name.starts_with('-') {
        return Some(Skip::NameLeadingDash);
    }
    // JavaScript counts UTF-16 code units.
    if name.encode_utf16().count() > 256 {
        return Some(Skip::NameTooLong);
    }
    if name.nfkc().any(|c| c == ':') {
        return Some(Skip::NameColon);
    }
    None
}

/// Computes what the loader registers from `fm`.
pub fn load(fm: &Frontmatter, origin: &Origin, catalog: &Catalog) -> Loaded {
    let root = fm.loader_root();
    let get = |k: &str| root.and_then(|r| r.get(k)).map(|e| &e.value);
    let plugin = matches!(origin, Origin::Plugin { .. });

    let name_node = get("name");
    let mut name = nonempty_str(name_node).map(str::to_string);
    let mut description = nonempty_str(get("description")).map(|d| {
        if plugin {
            d.to_string()
        } else {
            d.replace("\\n", "\n")
        }
    });
    let tools = match root.and_then(|r| r.get("tools")) {
        None => ToolList::All,
        // `tools:` with no value gives no tools (f14), unlike an absent key.
        Some(e) if e.value.is_null() => ToolList::Some(Vec::new()),
        Some(e) => ToolList::from_names(list_of(&e.value)),
    };
    let disallowed_tools = get("disallowedTools").filter(|n| !n.is_null()).map(list_of);
    let model = get("model")
        .and_then(Node::as_str)
        .map(tool_list::js_trim)
        .filter(|m| !m.is_empty())
        .map(|m| {
            if m.eq_ignore_ascii_case("inherit") {
                "inherit".to_string()
            } else {
                m.to_string()
            }
        });
    let color = get("color")
        .and_then(Node::as_str)
        // The catalog's `color` values: anything else is dropped.
        .filter(|c| catalog.key("color").and_then(|k| k.enum_value(c)).is_some())
        .map(str::to_string);

    let mut hook_check = None;
    let skip = match origin {
        Origin::Plugin { plugin, file_stem } => {
            // Plugin agents load even with broken YAML, under the file name.
            if name.is_none() {
                name = Some(file_stem.clone());
            }
            if description.is_none() {
                description = ["when_to_use", "when-to-use"]
                    .iter()
                    .find_map(|k| nonempty_str(get(k)))
                    .map(str::to_string)
                    .or_else(|| Some(format!("Agent from {plugin} plugin")));
            }
            name.as_deref().and_then(name_problem)
        }
        Origin::Project => {
            let (skip, check) = project_skip(fm, root, name_node, description.is_some(), catalog);
            hook_check = check;
            skip
        }
    };
    Loaded {
        mode: fm.mode,
        skip,
        name: name.or_else(|| name_node.and_then(Node::as_str).map(str::to_string)),
        description,
        tools,
        disallowed_tools,
        model,
        color,
        hook_check,
    }
}

/// The top-level keys in first-seen order, each once (as `inspect` lists them).
pub fn top_level_keys(fm: &Frontmatter) -> Vec<String> {
    let mut keys: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<String, foldhash::fast::RandomState> =
        std::collections::HashSet::default();
    for e in fm.loader_root().and_then(Node::entries).unwrap_or_default() {
        let k = match e.key.scalar() {
            Some(Value::Str(s)) => s.to_string(),
            Some(Value::Int(i)) => i.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            _ => continue,
        };
        if seen.insert(k.clone()) {
            keys.push(k);
        }
    }
    keys
}

/// Why a project agent is skipped, and the hooks check when it got that far.
fn project_skip(
    fm: &Frontmatter,
    root: Option<&Node>,
    name_node: Option<&Node>,
    has_description: bool,
    catalog: &Catalog,
) -> (Option<Skip>, Option<hooks::HookCheck>) {
    let before_hooks = |s| (Some(s), None);
    if fm.mode == Mode::None {
        return before_hooks(Skip::NoFrontmatter);
    }
    let name = match name_node {
        None => return before_hooks(Skip::NoName),
        Some(n) if n.is_null() || n.as_str() == Some("") => return before_hooks(Skip::NoName),
        Some(n) => match n.as_str() {
            Some(s) => s,
            None => return before_hooks(Skip::NameNotString),
        },
    };
    if !has_description {
        return before_hooks(Skip::NoDescription);
    }
    if let Some(p) = name_problem(name) {
        return before_hooks(p);
    }
    let Some(root) = root else {
        return (None, None);
    };
    let check = hooks::check(root, catalog);
    let skip = if check.refused_outside_hooks() {
        Some(Skip::HooksOutsideHooks)
    } else {
        check.refuses().then_some(Skip::InvalidHooks)
    };
    (skip, Some(check))
}
