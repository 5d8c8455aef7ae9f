//! Every rule, once. The order here is the order of the docs: what stops a file from
//! loading first, then what loads but not as written, then the `<example>` rules, then
//! notes and conventions. A new rule is one entry here plus its check.

use super::Group::{
    AgentSkills, All, ClaudeAgent, ClaudeCode, ClaudeSkill, Configuration, Copilot, Cursor,
    OpenCode, Yaml,
};
use super::Rule;
use super::Severity::{Error, Hint, Info, Warning};

/// Declares each rule as a constant (`rules::UNKNOWN_TOOL`) and lists them all in `ALL`,
/// so a rule cannot exist without being in the registry.
macro_rules! rules {
    ($($name:ident = $rule:expr;)*) => {
        $(pub const $name: &Rule = &$rule;)*
        /// Every rule, in the order of the docs.
        pub const ALL: &[&Rule] = &[$($name),*];
    };
}

rules! {
    FRONTMATTER_UNPARSEABLE = Rule {
        code: "frontmatter-unparseable",
        severity: Error,
        varies: "a warning for plugin agents (they still load); for other formats the level their catalog gives (`unreadable`: a warning, an info for Cursor, whose own reader is lenient)",
        group: Yaml,
        summary: "The frontmatter is not YAML (for Claude Code formats, even after its re-quote retry)",
        explanation: "Claude Code parses the frontmatter as YAML; when that fails it retries once after quoting single-line values and turning leading tabs into spaces. When the retry fails too, the agent is skipped without a word. The diagnostic points at the line to fix (for a value that runs on over raw lines, the first raw line), says when CRLF line endings are what stops the retry (with a fix converting them to LF), and, when the broken value is a description holding `<example>` blocks, offers the `|` rewrite that makes it valid YAML.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\n  tools: [Read\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: [Read]\n---\n",
    };
    FRONTMATTER_NOT_AT_START = Rule {
        code: "frontmatter-not-at-start",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "Something (even a blank line) stands before the opening `---`",
        explanation: "Claude Code only sees frontmatter that opens on the very first line. With anything before the `---` (a blank line, a comment, a title) the file has no frontmatter for the loader, which skips the agent silently. The fix removes what stands before the fence.",
        bad: "\n---\nname: reviewer\ndescription: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    FRONTMATTER_NOT_MAPPING = Rule {
        code: "frontmatter-not-mapping",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "The frontmatter is a list or a scalar, not `key: value` lines",
        explanation: "The loader reads the frontmatter as a mapping of keys to values. A YAML list or a lone scalar gives it no keys at all: no name, no description, and the file is skipped.",
        bad: "---\n- name: reviewer\n- description: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    FILE_TOO_LARGE = Rule {
        code: "file-too-large",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "The file is over 1 MiB: Claude Code skips it unread",
        explanation: "Claude Code does not read agent files larger than 1 MiB (1,048,576 bytes); the agent is never registered. Move long reference material out of the system prompt (into files the agent reads when it needs them).",
        bad: "---\nname: encyclopedia\ndescription: Knows everything.\n---\n(1.2 MB of reference text)\n",
        good: "---\nname: encyclopedia\ndescription: Knows everything.\n---\nRead docs/reference/*.md when you need details.\n",
    };
    NAME_MISSING = Rule {
        code: "name-missing",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "No `name`, or an empty one",
        explanation: "Without a `name` Claude Code treats the file as documentation and skips it silently (plugin agents fall back to the file name and are not checked for this).",
        bad: "---\ndescription: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    DUPLICATE_AGENT_NAME = Rule {
        code: "duplicate-agent-name",
        severity: Error,
        varies: "a warning on the one file Claude Code keeps",
        group: ClaudeAgent,
        summary: "Several project agents share one `name`: Claude Code uses one, the others never",
        explanation: "Claude Code registers one agent per name. When several files below a project's `.claude/agents/` declare the same `name`, it sorts their paths (byte order) and keeps the last one; the others are never used, and only its debug log says so. Every file it drops gets an error naming the file it uses instead; the file it keeps gets a warning naming the others. Rename the agents (or delete the copies) so that each name is declared once.",
        bad: "# .claude/agents/a.md and .claude/agents/b.md both say:\n---\nname: reviewer\ndescription: Reviews code.\n---\n",
        good: "# .claude/agents/a.md\n---\nname: reviewer\ndescription: Reviews code.\n---\n# .claude/agents/b.md\n---\nname: security-reviewer\ndescription: Reviews code for security.\n---\n",
    };
    AGENT_SHADOWS = Rule {
        code: "agent-shadows",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "An agent that replaces a user agent or a built-in agent of the same name",
        explanation: "Claude Code registers one agent per name: a project's agent replaces the user's agent (`~/.claude/agents/`) of the same name, and either replaces a built-in agent (`general-purpose`, `Explore`, `Plan`, …), silently. Recorded with Claude Code 2.1.332 (tests/fixtures/workspace/scopes/). Rename the agent if the other one should stay available.",
        bad: "# .claude/agents/explore.md\n---\nname: Explore\ndescription: My explorer.\n---\n",
        good: "# .claude/agents/explore.md\n---\nname: deep-explore\ndescription: My explorer.\n---\n",
    };
    AGENT_UNKNOWN = Rule {
        code: "agent-unknown",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "`Agent(x)`, `agent:` or `observer` names an agent no file declares",
        explanation: "The name is neither a built-in agent type (`general-purpose`, `Explore`, `Plan`, …) nor the `name` of an agent in the project's or the user's `.claude/agents/`. A skill or command with `agent:` cannot run in it, and an `Agent(x)` allowlist lets the agent spawn nothing by that name. The message names the nearest agent that exists. Plugin agents (`plugin:name`) are not checked.",
        bad: "---\nname: lead\ndescription: Leads.\ntools: Agent(reveiwer)\n---\n",
        good: "---\nname: lead\ndescription: Leads.\ntools: Agent(reviewer)\n---\n",
    };
    SKILL_UNKNOWN = Rule {
        code: "skill-unknown",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "A `skills:` entry names a skill no folder declares",
        explanation: "Claude Code preloads the skills an agent lists when it starts, and skips the ones it cannot find. The name is no folder of the project's or the user's `.claude/skills/` (a skill is named by its folder). The message names the nearest skill that exists. Plugin skills (`plugin:name`) are not checked.",
        bad: "---\nname: writer\ndescription: Writes.\nskills: pdf-tool\n---\n",
        good: "---\nname: writer\ndescription: Writes.\nskills: pdf-tools\n---\n",
    };
    COPILOT_AGENT_UNKNOWN = Rule {
        code: "copilot-agent-unknown",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "`agents`, `handoffs[].agent` or a prompt's `agent` names no custom agent",
        explanation: "VS Code looks the name up among the workspace's custom agents (`*.agent.md`, `.github/agents/`), by their `name` or file name, and for a prompt's `agent` also among its built-in modes (`agent`, `ask`, `plan`). A name that matches none is ignored: the handoff button does nothing, the subagent is never offered. The message names the nearest agent that exists.",
        bad: "# planner.agent.md\n---\nhandoffs:\n  - label: Build\n    agent: implementor\n---\n",
        good: "# planner.agent.md\n---\nhandoffs:\n  - label: Build\n    agent: implementer\n---\n",
    };
    NAME_NOT_STRING = Rule {
        code: "name-not-string",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "`name` is a number, a boolean, a list or a mapping",
        explanation: "The loader requires `name` to be a string and skips the agent otherwise. YAML reads `name: 404` as a number and `name: yes` as a boolean; the fix quotes the value.",
        bad: "---\nname: 404\ndescription: Handles missing pages.\n---\n",
        good: "---\nname: \"404\"\ndescription: Handles missing pages.\n---\n",
    };
    NAME_LEADING_DASH = Rule {
        code: "name-leading-dash",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "`name` starts with `-`",
        explanation: "Claude Code rejects names that start with a dash (they would read as command-line options) and skips the agent.",
        bad: "---\nname: \"-reviewer\"\ndescription: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    NAME_COLON = Rule {
        code: "name-colon",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "`name` contains `:` (checked after NFKC normalisation)",
        explanation: "`:` is reserved for plugin namespacing (`plugin:agent`). Claude Code checks the name after NFKC normalisation, so a full-width `：` counts too, and skips the agent.",
        bad: "---\nname: \"team:reviewer\"\ndescription: Reviews code.\n---\n",
        good: "---\nname: team-reviewer\ndescription: Reviews code.\n---\n",
    };
    NAME_TOO_LONG = Rule {
        code: "name-too-long",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "`name` is longer than 256 characters (UTF-16 units)",
        explanation: "Claude Code skips agents whose name is longer than 256 UTF-16 code units (an emoji counts as two).",
        bad: "---\nname: reviewer-of-everything-… (300 characters)\ndescription: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    DESCRIPTION_MISSING = Rule {
        code: "description-missing",
        severity: Error,
        varies: "",
        group: ClaudeAgent,
        summary: "No `description`, an empty one, or one that is not a string",
        explanation: "The description is how the main model decides when to delegate to the agent, and the loader requires it: without it (or with an empty or non-string one) Claude Code logs `Missing required \"description\" field` and skips the agent.",
        bad: "---\nname: reviewer\n---\n",
        good: "---\nname: reviewer\ndescription: Use this agent when code needs a review.\n---\n",
    };
    HOOKS_INVALID = Rule {
        code: "hooks-invalid",
        severity: Error,
        varies: "a warning for plugin agents, whose hooks are ignored anyway, and for skills and commands, which load without their hooks and their `allowed-tools`",
        group: ClaudeCode,
        summary: "A malformed entry under a guard hook event, or `hooks` not a mapping of events",
        explanation: "Claude Code checks the guard events strictly (`PreToolUse`, `PermissionRequest`, `PreSkillShellCommand`: the hooks that decide whether a tool may run). Any malformed entry under them (not a list, a matcher that is not a string, a handler with an unknown `type` or without its `command`, a `timeout` that is not a positive number, …) refuses the whole agent, since a guard that cannot load may be what keeps the permissions beside it safe. So does `hooks` as a list or a string, or an unknown event holding hooks. Under the other events the same mistakes only drop the entry (`hook-entry-dropped`).",
        bad: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  PreToolUse: ./check.sh\n---\n",
        good: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks:\n        - type: command\n          command: ./check.sh\n---\n",
    };
    HOOK_EVENT_TOP_LEVEL = Rule {
        code: "hook-event-top-level",
        severity: Error,
        varies: "a warning for skills and commands, which load without their hooks and their `allowed-tools`",
        group: ClaudeCode,
        summary: "A guard hook event such as `PreToolUse` is a top-level key instead of under `hooks:`",
        explanation: "Claude Code refuses agents that declare a guard event (`PreToolUse`, `PermissionRequest`, `PreSkillShellCommand`) with a value outside `hooks:`, and skips them. Indent the event under a `hooks:` key. (Other events at the top level are unknown keys, ignored with a warning.)",
        bad: "---\nname: guarded\ndescription: Runs checked commands.\nPreToolUse:\n  - matcher: Bash\n    hooks: [{type: command, command: ./check.sh}]\n---\n",
        good: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  PreToolUse:\n    - matcher: Bash\n      hooks: [{type: command, command: ./check.sh}]\n---\n",
    };
    HOOKS_MISPLACED = Rule {
        code: "hooks-misplaced",
        severity: Error,
        varies: "a warning for skills and commands, which load without their hooks and their `allowed-tools`",
        group: ClaudeCode,
        summary: "A non-empty `hooks:` list (or a guard event) inside another key, where Claude Code does not read hooks",
        explanation: "Claude Code looks three levels into every top-level key except `hooks`, `metadata`, `mcpServers`, `lspServers` and the names of hook events; a map holding a non-empty `hooks:` list there (or a guard event such as `PreToolUse`) looks like guard hooks in the wrong place, and it refuses the agent (\"Unknown parsing error\"). Move the hooks under `hooks:`, or keep such data under `metadata`.",
        bad: "---\nname: guarded\ndescription: Runs checked commands.\ntools:\n  hooks:\n    - type: command\n      command: ./check.sh\n---\n",
        good: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  PreToolUse:\n    - hooks:\n        - type: command\n          command: ./check.sh\n---\n",
    };
    YAML_REQUOTED = Rule {
        code: "yaml-requoted",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "A value Claude Code reads only through its re-quote retry: read otherwise than YAML would, or in a file other tools reject",
        explanation: "A plain value holding `: ` or starting with a YAML indicator is not valid YAML. Claude Code still reads it, because its fallback re-quotes such lines, as written. Reported when another tool verified to reject the file reads the format (agents: strict YAML 1.2 parsers; VS Code 1.139 was verified to read such files, recorded in tests/fixtures/formats/copilot/claude-yaml/; skills: the Agent Skills validator skills-ref; commands: none, so nothing is said when the retry reads the value as written); the fix quotes every value the way Claude Code reads it, so the file becomes strict YAML with the same meaning. Reported in every Claude Code format when the retry changes a line YAML could read (a `[…]`/`{…}` value becomes text, a ` # comment` becomes part of the value): then the fix quotes only the other lines, so that this one keeps its YAML meaning.",
        bad: "---\nname: reviewer\ndescription: Reviews code: style, tests and docs\n---\n",
        good: "---\nname: reviewer\ndescription: \"Reviews code: style, tests and docs\"\n---\n",
    };
    YAML_BUN_ONLY = Rule {
        code: "yaml-bun-only",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "YAML only Claude Code's reader (Bun's) accepts: strict YAML parsers reject the file",
        explanation: "Claude Code reads frontmatter with `Bun.YAML.parse`, which is more lenient than YAML 1.2: it takes a tab after `key:`, a zero-width no-break space (U+FEFF) in keys and values, plain values starting with `,`, a flow list closed at its key's indentation, and more. The agent loads, but strict YAML 1.2 parsers reject the file. Write it as plain YAML (a space after the colon, quotes around odd values, brackets indented under their key).",
        bad: "---\nname: reviewer\ndescription:\tReviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
    };
    YAML_TAB_INDENT = Rule {
        code: "yaml-tab-indent",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "Tab indentation, read only through the re-quote retry",
        explanation: "YAML forbids tabs for indentation. Claude Code's fallback turns each leading tab into two spaces, so the agent loads, but other tools reject the file. The fix indents with spaces.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ntools:\n\t- Read\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools:\n  - Read\n---\n",
    };
    FRONTMATTER_CLOSED_EARLY = Rule {
        code: "frontmatter-closed-early",
        severity: Warning,
        varies: "",
        group: Yaml,
        summary: "A `---` inside a value ends the frontmatter there",
        explanation: "The loader ends the frontmatter at the first `---` after the opening one, anywhere, even in the middle of a value. The rest of the value and every key after it become part of the system prompt. Use another separator (the fix offers an em dash).",
        bad: "---\nname: reviewer\ndescription: Reviews code --- never edits it\ntools: Read\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code — never edits it\ntools: Read\n---\n",
    };
    COMMENT_TRUNCATES_VALUE = Rule {
        code: "comment-truncates-value",
        severity: Warning,
        varies: "",
        group: Yaml,
        summary: "` #` starts a YAML comment: the rest of the value is silently dropped",
        explanation: "In a plain value, a `#` after a space starts a comment. The loader reads the value up to it and drops the rest without a word. Quote the whole value to keep it.",
        bad: "---\nname: reviewer\ndescription: Reviews C# and F# code\n---\n",
        good: "---\nname: reviewer\ndescription: \"Reviews C# and F# code\"\n---\n",
    };
    DUPLICATE_KEY = Rule {
        code: "duplicate-key",
        severity: Warning,
        varies: "",
        group: Yaml,
        summary: "A key is set twice (the last one wins)",
        explanation: "Claude Code keeps the last value of a repeated key and ignores the others; Node-based tools and strict YAML parsers reject the file. Remove the one you do not mean.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\nmodel: opus\nmodel: sonnet\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\nmodel: sonnet\n---\n",
    };
    UNKNOWN_KEY = Rule {
        code: "unknown-key",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A key Claude Code ignores (with the loader's own did-you-mean)",
        explanation: "Claude Code ignores frontmatter keys it does not know (it logs them to its debug log only). The message suggests the key you probably meant, using the loader's own hints (`allowed-tools` → `tools`) or the nearest known key.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\nallowed-tools: Read, Grep\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n",
    };
    INVALID_VALUE = Rule {
        code: "invalid-value",
        severity: Warning,
        varies: "an error where the tool refuses its whole configuration over a bad value (OpenCode: the catalog's `invalid_severity`)",
        group: Yaml,
        summary: "A value the tool ignores, as the key's schema in the format's catalog says (subagents: `color`, `permissionMode`, `memory`, `isolation`, `effort`, `background`, `maxTurns`, `autoCompactWindow`, `mcpServers`, `model` type)",
        explanation: "These keys take a fixed set of values (or a number in a range, or a list). Claude Code ignores a value outside it (and, for `color`, picks a color itself) without telling you. The message lists the valid values and the fix offers the nearest one.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ncolor: purpel\nmaxTurns: 0\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ncolor: purple\nmaxTurns: 20\n---\n",
    };
    UNKNOWN_TOOL = Rule {
        code: "unknown-tool",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A name in `tools` or `disallowedTools` that is not a tool: dropped when the agent starts",
        explanation: "Claude Code drops tool names it does not know when the agent starts, so a typo silently takes a tool away from the agent. The message suggests the nearest tool name. Tools your build adds can be declared in `agent-lsp.toml` (`tools = [...]`).",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Raed, Grep\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n",
    };
    TOOL_CASE = Rule {
        code: "tool-case",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A tool name with the wrong case (tool names are case-sensitive)",
        explanation: "`read` is not `Read`: Claude Code matches tool names exactly and drops the name. The fix (safe) corrects the case.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ntools: read, grep\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n",
    };
    TOOL_REMOVED = Rule {
        code: "tool-removed",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A tool that no longer exists (`MultiEdit`, `LS`, …)",
        explanation: "Some tools were removed from Claude Code; their names are dropped. The message names the tool that replaced it.",
        bad: "---\nname: editor\ndescription: Edits code.\ntools: Read, MultiEdit\n---\n",
        good: "---\nname: editor\ndescription: Edits code.\ntools: Read, Edit\n---\n",
    };
    TOOLS_EMPTY = Rule {
        code: "tools-empty",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "`tools:` with no value, `\"\"` or `[]`: the agent gets no tools at all",
        explanation: "An absent `tools` key means every tool; a present but empty one means none. This is rarely what was meant: remove the key, or list the tools the agent needs.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ntools:\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n",
    };
    TOOLS_NONE_RESOLVE = Rule {
        code: "tools-none-resolve",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "No name in `tools` is a tool: Claude Code refuses to spawn the agent",
        explanation: "When every listed name is dropped, the agent would have zero tools, and Claude Code refuses to start it.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\ntools: Reed, Grap\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\ntools: Read, Grep\n---\n",
    };
    TOOL_SPECIFIER_IGNORED = Rule {
        code: "tool-specifier-ignored",
        severity: Warning,
        varies: "info for `Agent(…)` / `Task(…)` in `tools`, which restricts agent types when the agent runs as the main thread",
        group: ClaudeAgent,
        summary: "`Bash(git log:*)` in `tools` grants all of Bash",
        explanation: "Permission-rule patterns in parentheses mean nothing in an agent's `tools` or `disallowedTools`: only the tool name counts, so `Bash(git log:*)` grants (or removes) the whole Bash tool. Restrict commands with permission rules or hooks instead.",
        bad: "---\nname: historian\ndescription: Reads git history.\ntools: Read, Bash(git log:*)\n---\n",
        good: "---\nname: historian\ndescription: Reads git history.\ntools: Read, Bash\n---\n",
    };
    HOOK_EVENT_UNKNOWN = Rule {
        code: "hook-event-unknown",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "An event under `hooks:` that Claude Code drops",
        explanation: "Hook events are a fixed list (`PreToolUse`, `PostToolUse`, `Stop`, …); an event outside it is dropped with its hooks.",
        bad: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  BeforeTool:\n    - hooks: [{type: command, command: ./check.sh}]\n---\n",
        good: "---\nname: guarded\ndescription: Runs checked commands.\nhooks:\n  PreToolUse:\n    - hooks: [{type: command, command: ./check.sh}]\n---\n",
    };
    HOOK_ENTRY_DROPPED = Rule {
        code: "hook-entry-dropped",
        severity: Warning,
        varies: "",
        group: ClaudeCode,
        summary: "A malformed hooks entry under an event that is not a guard event: Claude Code drops it",
        explanation: "Under events other than `PreToolUse`, `PermissionRequest` and `PreSkillShellCommand`, Claude Code drops a malformed entry (a value that is not a list, a matcher given as a list, a missing `hooks` or `command`, an unknown handler `type`, …) with a warning in its debug log, and loads the agent without those hooks.",
        bad: "---\nname: notifier\ndescription: Reports edits.\nhooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - type: command\n---\n",
        good: "---\nname: notifier\ndescription: Reports edits.\nhooks:\n  PostToolUse:\n    - matcher: Edit\n      hooks:\n        - type: command\n          command: ./notify.sh\n---\n",
    };
    // Skills and slash commands (Claude Code's skill loader; the Agent Skills spec).
    SKILL_FILE_TOO_LARGE = Rule {
        code: "skill-file-too-large",
        severity: Error,
        varies: "",
        group: ClaudeSkill,
        summary: "A skill over 1,000,000 bytes or a command over 1 MiB: Claude Code skips it unread",
        explanation: "Claude Code 2.1.332 does not read a `SKILL.md` larger than 1,000,000 bytes (`[skills] skipping …: exceeds 1000000 byte limit`) nor a command file larger than 1 MiB (1,048,576 bytes): the skill or command does not exist. Move reference material into files next to the `SKILL.md`, which the skill reads when it needs them.",
        bad: "---\nname: encyclopedia\ndescription: Knows everything.\n---\n(1.2 MB of reference text)\n",
        good: "---\nname: encyclopedia\ndescription: Knows everything.\n---\nRead reference/*.md when you need details.\n",
    };
    TOOLS_KEY_IGNORED = Rule {
        code: "tools-key-ignored",
        severity: Warning,
        varies: "",
        group: ClaudeSkill,
        summary: "`tools:` in a skill or command: Claude Code ignores it (the key is `allowed-tools`)",
        explanation: "Skills and commands take `allowed-tools`, the tools pre-approved while they run; `tools` is the subagents' key and Claude Code ignores it here without a word. The fix renames the key; it is not applied by `check --fix`, since pre-approving tools is a permission you grant on purpose.",
        bad: "---\ndescription: Reviews the staged diff.\ntools: Read, Grep\n---\n",
        good: "---\ndescription: Reviews the staged diff.\nallowed-tools: Read, Grep\n---\n",
    };
    ARGUMENT_HINT_LIST = Rule {
        code: "argument-hint-list",
        severity: Warning,
        varies: "",
        group: ClaudeSkill,
        summary: "An unquoted `argument-hint: [file]` is a YAML list, shown as `file`",
        explanation: "Brackets start a YAML list: Claude Code turns `argument-hint: [file]` into the string `file` and `[a, b]` into `a,b`, so the menu shows neither the brackets nor the spaces the author wrote. The fix quotes the hint, which Claude Code then shows as written.",
        bad: "---\ndescription: Fixes an issue.\nargument-hint: [issue-number]\n---\n",
        good: "---\ndescription: Fixes an issue.\nargument-hint: \"[issue-number]\"\n---\n",
    };
    ALLOWED_TOOL_UNKNOWN = Rule {
        code: "allowed-tool-unknown",
        severity: Warning,
        varies: "",
        group: ClaudeSkill,
        summary: "A name in `allowed-tools` or `disallowed-tools` that is not a Claude Code tool: it does nothing",
        explanation: "Claude Code matches tool names exactly (case-sensitively) when a skill or command runs; a name that is not a tool (a typo, `read` for `Read`, a removed tool such as `MultiEdit`) pre-approves or forbids nothing. The message suggests the nearest tool; a wrong case has a safe fix. Tools your build adds can be declared in `agent-lsp.toml` (`tools = [...]`).",
        bad: "---\ndescription: Reviews code.\nallowed-tools: Read, Raed, grep\n---\n",
        good: "---\ndescription: Reviews code.\nallowed-tools: Read, Grep\n---\n",
    };
    SKILL_NO_FRONTMATTER = Rule {
        code: "skill-no-frontmatter",
        severity: Warning,
        varies: "",
        group: AgentSkills,
        summary: "A `SKILL.md` without frontmatter: no description, and not a valid Agent Skill",
        explanation: "Claude Code still lists the skill as a slash command, but describes it to the model by its first body line and leaves it out of the session's skill list; the Agent Skills spec requires frontmatter with `name` and `description` (skills-ref: `SKILL.md must start with YAML frontmatter`).",
        bad: "# PDF tools\n\nExtract text from PDF files.\n",
        good: "---\nname: pdf-tools\ndescription: Extracts text from PDF files. Use when the user works with PDFs.\n---\n# PDF tools\n",
    };
    SKILL_DESCRIPTION_MISSING = Rule {
        code: "skill-description-missing",
        severity: Warning,
        varies: "",
        group: AgentSkills,
        summary: "A skill without a `description` (or with an empty one)",
        explanation: "Without a description Claude Code describes the skill to the model by the first paragraph of its body and leaves it out of the session's skill list (the SDK's `skills`); the Agent Skills spec requires a non-empty description of at most 1,024 characters.",
        bad: "---\nname: pdf-tools\n---\nExtract text from PDF files.\n",
        good: "---\nname: pdf-tools\ndescription: Extracts text from PDF files. Use when the user works with PDFs.\n---\n",
    };
    SKILL_DESCRIPTION_TOO_LONG = Rule {
        code: "skill-description-too-long",
        severity: Warning,
        varies: "",
        group: AgentSkills,
        summary: "A skill `description` over 1,024 characters",
        explanation: "The Agent Skills spec limits the description to 1,024 characters (skills-ref: `Description exceeds 1024 character limit`), and claude.ai and the Skills API refuse longer ones. Claude Code loads it, cutting the listing the model sees (description and `when_to_use` together) at 1,536 characters.",
        bad: "---\nname: pdf-tools\ndescription: (1,100 characters)\n---\n",
        good: "---\nname: pdf-tools\ndescription: Extracts text from PDF files. Use when the user works with PDFs.\n---\n",
    };
    SKILL_NAME_MISMATCH = Rule {
        code: "skill-name-mismatch",
        severity: Warning,
        varies: "",
        group: AgentSkills,
        summary: "A skill `name` that is missing or not its folder's name",
        explanation: "Claude Code names a project skill after its folder (`.claude/skills/<folder>/`): `/folder` runs it and `name` is only the label it shows. The Agent Skills spec requires the two to be equal (skills-ref: `Directory name … must match skill name …`), so other tools reject the skill or name it differently; it also requires `name` to be there (skills-ref: `Missing required field in frontmatter: name`). The fix sets `name` to the folder's name (or rename the folder).",
        bad: "# .claude/skills/pdf-tools/SKILL.md\n---\nname: pdf-helper\ndescription: Extracts text from PDF files.\n---\n",
        good: "# .claude/skills/pdf-tools/SKILL.md\n---\nname: pdf-tools\ndescription: Extracts text from PDF files.\n---\n",
    };
    SKILL_NAME_INVALID = Rule {
        code: "skill-name-invalid",
        severity: Warning,
        varies: "",
        group: AgentSkills,
        summary: "A skill `name` that is not 1–64 lowercase letters, digits and single hyphens",
        explanation: "The Agent Skills spec allows only lowercase letters, digits and hyphens in a skill's name (no leading, trailing or doubled hyphen), at most 64 characters; skills-ref, claude.ai and the Skills API reject other names. Claude Code itself shows any name up to 256 characters as the skill's label.",
        bad: "---\nname: PDF_Tools\ndescription: Extracts text from PDF files.\n---\n",
        good: "---\nname: pdf-tools\ndescription: Extracts text from PDF files.\n---\n",
    };
    SKILL_KEY_NOT_PORTABLE = Rule {
        code: "skill-key-not-portable",
        severity: Hint,
        varies: "a warning for a key Claude Code does not know either (ignored everywhere)",
        group: AgentSkills,
        summary: "A `SKILL.md` key outside the Agent Skills spec: other tools reject the skill",
        explanation: "The Agent Skills spec allows only `name`, `description`, `license`, `compatibility`, `metadata` and `allowed-tools`; skills-ref, claude.ai and the Skills API reject a skill with any other key (`Unexpected fields in frontmatter`). Claude Code's own keys (`argument-hint`, `model`, `context`, …) work in Claude Code, so they get a hint; a key Claude Code does not know either gets a warning. Custom data belongs under `metadata`.",
        bad: "---\nname: pdf-tools\ndescription: Extracts text from PDF files.\ntags: [pdf]\n---\n",
        good: "---\nname: pdf-tools\ndescription: Extracts text from PDF files.\nmetadata:\n  tags: pdf\n---\n",
    };
    MOJIBAKE = Rule {
        code: "mojibake",
        severity: Warning,
        varies: "a hint on every place after the first (the first one's fix repairs them all)",
        group: Yaml,
        summary: "UTF-8 text read as Mac Roman or Windows-1252 and saved again (`‚ùå` for `❌`)",
        explanation: "An editor or a script decoded the UTF-8 file in a legacy encoding and saved it again: every non-ASCII character became two or three wrong ones, and the model reads the garbled text. The fix re-encodes each place back to what the author wrote.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\n---\nâœ… Approve only when tests pass.\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\n✅ Approve only when tests pass.\n",
    };
    LINK_BROKEN = Rule {
        code: "link-broken",
        severity: Warning,
        varies: "",
        group: All,
        summary: "A relative link in the body names a file that is neither beside the file nor in the project",
        explanation: "The body is what the model reads: a link to a file that is not there points it (and a reader on GitHub) at nothing. A destination is looked for from the file's own folder, as GitHub and editors resolve it, and from the project's root, as an agent running there reads a path; only when neither holds it is it reported. Links with a scheme (`https:`), absolute paths, bare `#anchors`, placeholders (`$ARGUMENTS`, `{{x}}`) and paths that leave the project are not checked, nor more than 1,000 distinct destinations per file; the check runs where agent-lsp has the workspace on disk (the server with a workspace folder, `check`).",
        bad: "---\nname: reviewer\ndescription: Reviews code.\n---\nFollow [the style guide](docs/styel.md).\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\nFollow [the style guide](docs/style.md).\n",
    };
    EXAMPLE_UNCLOSED = Rule {
        code: "example-unclosed",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "An `<example>` that is never closed",
        explanation: "The model reads everything up to the next `<example>` (or the end of the description) as one example. The fix inserts `</example>` after the example's last line.",
        bad: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n",
        good: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_NESTED = Rule {
        code: "example-nested",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "An `<example>` inside another one",
        explanation: "The model reads one example holding another. Usually the first one lacks its `</example>`.",
        bad: "description: |\n  <example>\n  user: Review my change\n  <example>\n  user: Check this diff\n  </example>\n",
        good: "description: |\n  <example>\n  user: Review my change\n  </example>\n  <example>\n  user: Check this diff\n  </example>\n",
    };
    EXAMPLE_STRAY_CLOSE = Rule {
        code: "example-stray-close",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A `</example>` that closes no open example",
        explanation: "The model sees a stray closing tag. Is an opening `<example>` missing? The fix removes the tag.",
        bad: "description: |\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
        good: "description: |\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    COMMENTARY_UNCLOSED = Rule {
        code: "commentary-unclosed",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A `<commentary>` that is never closed",
        explanation: "The model reads the rest of the example as commentary. The fix inserts `</commentary>` before the next turn or at the end of the example.",
        bad: "  <example>\n  user: Review my change\n  <commentary>A change is ready for review.\n  assistant: I'll use the reviewer agent.\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  <commentary>A change is ready for review.</commentary>\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    COMMENTARY_STRAY_CLOSE = Rule {
        code: "commentary-stray-close",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A `</commentary>` that closes no open commentary",
        explanation: "The model sees a stray closing tag; usually the opening `<commentary>` is missing.",
        bad: "  <example>\n  user: Review my change\n  A change is ready for review.</commentary>\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  <commentary>A change is ready for review.</commentary>\n  </example>\n",
    };
    COMMENTARY_CROSSES_EXAMPLE = Rule {
        code: "commentary-crosses-example",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "`</commentary>` comes after `</example>`",
        explanation: "The commentary runs past the end of its example, so the tags cross. The fix closes the commentary before the example.",
        bad: "  <example>\n  user: Review my change\n  <commentary>Ready for review.\n  </example></commentary>\n",
        good: "  <example>\n  user: Review my change\n  <commentary>Ready for review.\n  </commentary></example>\n",
    };
    COMMENTARY_OUTSIDE_EXAMPLE = Rule {
        code: "commentary-outside-example",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A `<commentary>` outside every example",
        explanation: "Commentary explains why the agent fits an example. Outside an example the model reads it as plain description text.",
        bad: "description: |\n  <commentary>Use for reviews.</commentary>\n  <example>\n  user: Review my change\n  </example>\n",
        good: "description: |\n  <example>\n  user: Review my change\n  <commentary>Use for reviews.</commentary>\n  </example>\n",
    };
    EXAMPLE_EMPTY = Rule {
        code: "example-empty",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "An `<example>` with nothing in it",
        explanation: "The model sees the tags and nothing to learn from. Fill in a user request and the assistant delegating to this agent, or remove the tags.",
        bad: "description: |\n  Use this agent when code needs a review.\n  <example></example>\n",
        good: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_NO_USER = Rule {
        code: "example-no-user",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "An example without a `user:` turn",
        explanation: "Without a request the model has nothing to match future requests against.",
        bad: "  <example>\n  assistant: I'll use the reviewer agent.\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_NO_ASSISTANT = Rule {
        code: "example-no-assistant",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "An example without an `assistant:` turn",
        explanation: "Without an answer the model never sees itself delegating to this agent.",
        bad: "  <example>\n  user: Review my change\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_ASSISTANT_FIRST = Rule {
        code: "example-assistant-first",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "`assistant:` comes before the first `user:`",
        explanation: "The model reads the answer before the request. Put the user's turn first.",
        bad: "  <example>\n  assistant: I'll use the reviewer agent.\n  user: Review my change\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_FLATTENED = Rule {
        code: "example-flattened",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "A `>` block or a multi-line value folds the example's lines into one",
        explanation: "YAML folds the line breaks of a `>` block and of a plain or quoted value written over several lines into spaces, and plugin agents keep `\\n` escapes as two characters: the model reads each example as one long line. The fix rewrites the description as a `|` block, which keeps every line break.",
        bad: "description: >\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
        good: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLE_LINE_BECOMES_KEY = Rule {
        code: "example-line-becomes-key",
        severity: Warning,
        varies: "",
        group: ClaudeAgent,
        summary: "Raw `user:` / `assistant:` / `Context:` lines at column 0 become keys of their own",
        explanation: "When a description's example lines start at column 0, YAML (through Claude Code's re-quote retry) reads `user: …` as a key of its own: the agent loads with its description cut before the first such line and every example lost. The fix rewrites the description as a `|` block.",
        bad: "---\nname: reviewer\ndescription: Use this agent when code needs a review.\n<example>\nuser: Review my change\nassistant: I'll use the reviewer agent.\n</example>\n---\n",
        good: "---\nname: reviewer\ndescription: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n---\n",
    };
    EXAMPLE_TEXT_BETWEEN = Rule {
        code: "example-text-between",
        severity: Info,
        varies: "a warning when the text holds a turn (`user:`, `assistant:`): an `</example>` closed its example too early",
        group: ClaudeAgent,
        summary: "Text between `</example>` and the next `<example>`",
        explanation: "The model reads text between examples as part of the description; keep only white space or a list dash there. A turn between examples usually means an `</example>` came too early.",
        bad: "  </example>\n  assistant: Now let me review.\n  <example>\n",
        good: "  assistant: Now let me review.\n  </example>\n  <example>\n",
    };
    MODEL_UNKNOWN = Rule {
        code: "model-unknown",
        severity: Info,
        varies: "",
        group: ClaudeCode,
        summary: "A `model` Claude Code passes through unchanged",
        explanation: "A `model` that is neither an alias (`sonnet`, `opus`, `haiku`, `inherit`) nor a known model ID is passed to the API as written and may fail when the agent runs. Gateway model names can be declared in `agent-lsp.toml` (`models = [...]`).",
        bad: "---\nname: reviewer\ndescription: Reviews code.\nmodel: sonet\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\nmodel: sonnet\n---\n",
    };
    MCP_SERVER_UNKNOWN = Rule {
        code: "mcp-server-unknown",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "An `mcp__server__…` name whose server is in no `.mcp.json` or configuration",
        explanation: "Once the project lists its MCP servers (in `.mcp.json` or `agent-lsp.toml`), a tool of another server is worth a note: unless user settings or a plugin define that server, its tools are dropped.",
        bad: "---\nname: triager\ndescription: Triages issues.\ntools: mcp__linaer__create_issue\n---\n",
        good: "---\nname: triager\ndescription: Triages issues.\ntools: mcp__linear__create_issue\n---\n",
    };
    EXAMPLES_NONE = Rule {
        code: "examples-none",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "A description without `<example>` blocks",
        explanation: "The main model decides when to delegate to the agent from the description alone. Claude Code's agent generator writes two to four `<example>` blocks showing requests that should go to the agent.",
        bad: "description: Reviews code.\n",
        good: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent.\n  </example>\n",
    };
    EXAMPLES_TOO_MANY = Rule {
        code: "examples-too-many",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "More than six examples",
        explanation: "Every example makes each listing of the Agent tool longer, in every conversation, without teaching much more; the guidance is two to four.",
        bad: "description: |\n  <example>…</example> (seven times)\n",
        good: "description: |\n  <example>…</example> (three times)\n",
    };
    EXAMPLES_AGENT_NOT_NAMED = Rule {
        code: "examples-agent-not-named",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "No `assistant:` turn names the agent (or the Agent tool)",
        explanation: "The examples should show the assistant delegating to this agent; when no answer names it, they show the assistant answering by itself.",
        bad: "  <example>\n  user: Review my change\n  assistant: Looks good to me.\n  </example>\n",
        good: "  <example>\n  user: Review my change\n  assistant: I'll use the reviewer agent to review it.\n  </example>\n",
    };
    EXAMPLE_CONTEXT_NOT_FIRST = Rule {
        code: "example-context-not-first",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "`Context:` does not open the example",
        explanation: "The convention is Context, user, assistant, commentary, so the model reads the situation before the turns.",
        bad: "  <example>\n  user: Review my change\n  Context: A pull request is open.\n  </example>\n",
        good: "  <example>\n  Context: A pull request is open.\n  user: Review my change\n  </example>\n",
    };
    COMMENTARY_EMPTY = Rule {
        code: "commentary-empty",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "An empty `<commentary>`",
        explanation: "The commentary tells the model why this agent fits the example; an empty one tells it nothing.",
        bad: "  <commentary></commentary>\n",
        good: "  <commentary>A finished change is the reviewer's job.</commentary>\n",
    };
    NO_FRONTMATTER = Rule {
        code: "no-frontmatter",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "A Markdown file in an agents folder with no frontmatter",
        explanation: "Claude Code treats a file without a `---` block as documentation, not as an agent. That is fine for a README; an agent starts with a `---` block holding `name` and `description`.",
        bad: "# Reviewer\n\nReviews code.\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\nYou review code.\n",
    };
    BODY_EMPTY = Rule {
        code: "body-empty",
        severity: Info,
        varies: "",
        group: ClaudeAgent,
        summary: "No system prompt",
        explanation: "The body after the frontmatter is the agent's system prompt; when it is empty the agent starts with no instructions.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n---\nYou review code for correctness and style.\n",
    };
    TOOL_ALIAS = Rule {
        code: "tool-alias",
        severity: Hint,
        varies: "",
        group: ClaudeAgent,
        summary: "A legacy tool name that still resolves (`Task` → `Agent`)",
        explanation: "Claude Code still resolves some old tool names to their new ones. The fix (safe) writes the current name.",
        bad: "---\nname: lead\ndescription: Delegates work.\ntools: Read, Task\n---\n",
        good: "---\nname: lead\ndescription: Delegates work.\ntools: Read, Agent\n---\n",
    };
    NAME_STYLE = Rule {
        code: "name-style",
        severity: Hint,
        varies: "",
        group: ClaudeAgent,
        summary: "A name that is not lowercase-hyphen, 3–50 characters",
        explanation: "Claude Code accepts the name, but by convention agent names are lowercase letters, digits and hyphens, 3 to 50 characters.",
        bad: "---\nname: Code_Reviewer\ndescription: Reviews code.\n---\n",
        good: "---\nname: code-reviewer\ndescription: Reviews code.\n---\n",
    };
    DESCRIPTION_STYLE = Rule {
        code: "description-style",
        severity: Hint,
        varies: "",
        group: ClaudeAgent,
        summary: "A description not starting \"Use this agent when\"",
        explanation: "Claude Code's agent generator starts every description with \"Use this agent when…\" (or says PROACTIVELY): the main model matches requests against that opening.",
        bad: "description: Reviews code.\n",
        good: "description: Use this agent when code needs a review.\n",
    };
    // Copilot files as VS Code 1.139 reads and validates them (its prompt validator).
    APPLY_TO_NOT_STRING = Rule {
        code: "applyto-not-string",
        severity: Error,
        varies: "",
        group: Copilot,
        summary: "`applyTo` is a list or a mapping: the instructions never apply automatically",
        explanation: "VS Code reads `applyTo` only as a string of globs separated by commas. A YAML list is not read at all (VS Code marks it as an error), so the instructions are never added to a request on their own; they can only be attached by hand. The fix joins the globs into one string, which VS Code splits again at the commas (commas inside `{…}` excepted).",
        bad: "---\napplyTo: [\"**/*.ts\", \"**/*.tsx\"]\n---\n",
        good: "---\napplyTo: \"**/*.ts, **/*.tsx\"\n---\n",
    };
    APPLY_TO_EMPTY = Rule {
        code: "applyto-empty",
        severity: Error,
        varies: "",
        group: Copilot,
        summary: "`applyTo` holds no glob (empty, or an empty pattern between commas)",
        explanation: "VS Code splits `applyTo` at commas and rejects an empty pattern (\"must be a valid glob pattern\"); an `applyTo` that names no file never applies the instructions automatically. Write the globs, e.g. `\"**\"` for every file.",
        bad: "---\napplyTo: \"\"\n---\n",
        good: "---\napplyTo: \"**\"\n---\n",
    };
    VSCODE_HEADER_ERROR = Rule {
        code: "vscode-header-error",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "VS Code's own YAML reader reports an error in the header",
        explanation: "VS Code reads Copilot files with its own lenient YAML reader. It does not reject the file: it marks the place as an error and reads on, so the value there is not what was written (a repeated key keeps its first value, a key with nothing after it is empty, an over-indented line is read at the outer level). Fix the YAML at the place shown.",
        bad: "---\ndescription: Reviews code.\ndescription: Reviews tests.\n---\n",
        good: "---\ndescription: Reviews code and tests.\n---\n",
    };
    COPILOT_KEY_UNSUPPORTED = Rule {
        code: "copilot-key-unsupported",
        severity: Warning,
        varies: "an info for a key only GitHub's cloud agent reads (`mcp-servers`, `github`) in an agent that does not say `target: github-copilot`: VS Code ignores it when running locally; an info in skill files, which other tools read with their own keys",
        group: Copilot,
        summary: "A key VS Code does not support in this kind of file: it is ignored",
        explanation: "VS Code's validator knows which keys each kind of Copilot file takes (agents, prompts, instructions; agents meant for GitHub's cloud agent, `target: github-copilot`, take another set) and ignores the others. Keys from other tools (Claude Code's `color`, `permissionMode`) do nothing here.",
        bad: "---\ndescription: TypeScript style\napplyTo: \"**/*.ts\"\ntools: [read]\n---\n",
        good: "---\ndescription: TypeScript style\napplyTo: \"**/*.ts\"\n---\n",
    };
    COPILOT_SKILL_NAME = Rule {
        code: "copilot-skill-name",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "A skill whose `name` is missing, not a valid name, or not its folder's name: VS Code names it after the folder",
        explanation: "VS Code 1.139 names every skill after its folder (`.github/skills/<folder>/SKILL.md`) and ignores a `name` that differs; it marks a missing name (warning), a name other than lowercase letters, digits and hyphens (error) and a name that is not the folder's (warning). The skill still loads, under the folder's name: `/name` as written does not exist. The fix sets `name` to the folder's name (or rename the folder).",
        bad: "# .github/skills/pdf-tools/SKILL.md\n---\nname: pdf-helper\ndescription: Extracts text from PDF files.\n---\n",
        good: "# .github/skills/pdf-tools/SKILL.md\n---\nname: pdf-tools\ndescription: Extracts text from PDF files.\n---\n",
    };
    COPILOT_SKILL_DESCRIPTION = Rule {
        code: "copilot-skill-description",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "A skill without a `description`: the agent cannot tell when to load it",
        explanation: "VS Code adds each skill's description to every request, and the agent loads a skill when its description fits the task. Without one VS Code marks the file (a warning; an error on `user-invocable: false` or `disable-model-invocation: false`, which leave the loading to the agent) and the skill is never picked by the agent in practice.",
        bad: "# .github/skills/pdf-tools/SKILL.md\n---\nname: pdf-tools\nuser-invocable: false\n---\n",
        good: "# .github/skills/pdf-tools/SKILL.md\n---\nname: pdf-tools\ndescription: Extracts text from PDF files. Use when the user works with PDFs.\nuser-invocable: false\n---\n",
    };
    MODE_DEPRECATED = Rule {
        code: "mode-deprecated",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "`mode` in a prompt file is deprecated: use `agent`",
        explanation: "VS Code renamed the prompt file key `mode` to `agent`. It still reads `mode` when there is no `agent` (and ignores it when there is one), and marks it as deprecated. The fix renames the key (or removes it when `agent` is set).",
        bad: "---\nmode: agent\ndescription: Write tests\n---\n",
        good: "---\nagent: agent\ndescription: Write tests\n---\n",
    };
    INFER_DEPRECATED = Rule {
        code: "infer-deprecated",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "`infer` is deprecated: use `disable-model-invocation` (and `user-invocable`)",
        explanation: "VS Code marks every `infer` as an error. It still honours `infer: true` / `infer: false` (and then ignores `disable-model-invocation`); any other value is ignored. The fix writes the same setting as `disable-model-invocation`.",
        bad: "---\ndescription: Helper\ninfer: false\n---\n",
        good: "---\ndescription: Helper\ndisable-model-invocation: true\n---\n",
    };
    HANDOFF_INVALID = Rule {
        code: "handoff-invalid",
        severity: Warning,
        varies: "an info for an unknown property, which VS Code ignores",
        group: Copilot,
        summary: "A `handoffs` entry VS Code drops or reads differently",
        explanation: "`handoffs` is a list of mappings, each with `label`, `agent` and `prompt` (strings) and optionally `send` and `showContinueOn` (`true`/`false`) and `model`. VS Code drops an entry that is not a mapping or lacks `label`, `agent` or `prompt`, and ignores a `send` that is not a plain boolean.",
        bad: "---\ndescription: Planner\nhandoffs:\n  - label: Implement\n    agent: agent\n---\n",
        good: "---\ndescription: Planner\nhandoffs:\n  - label: Implement\n    agent: agent\n    prompt: Implement the plan above.\n---\n",
    };
    AGENTS_WITHOUT_AGENT_TOOL = Rule {
        code: "agents-without-agent-tool",
        severity: Warning,
        varies: "",
        group: Copilot,
        summary: "`agents` names subagents but `tools` lacks the `agent` tool",
        explanation: "An agent runs the subagents listed in `agents` through the `agent` tool. When `tools` is given without it, the agent cannot run them (VS Code warns). Add `agent` to `tools`. `agents` must be a list; VS Code ignores anything else.",
        bad: "---\ndescription: Orchestrator\ntools: [read, edit]\nagents: [reviewer]\n---\n",
        good: "---\ndescription: Orchestrator\ntools: [read, edit, agent]\nagents: [reviewer]\n---\n",
    };
    TOOL_RENAMED = Rule {
        code: "tool-renamed",
        severity: Info,
        varies: "",
        group: Copilot,
        summary: "A tool or tool set VS Code has renamed: the old name still works",
        explanation: "VS Code renamed many tools and tool sets (`shell` → `execute`, `todos` → `todo`, `codebase` → `search/codebase`; `runCommands` was split into several tools). The old name still resolves, and VS Code shows it as deprecated. The fix writes the new name when there is exactly one.",
        bad: "---\ndescription: Builder\ntools: [shell, todos]\n---\n",
        good: "---\ndescription: Builder\ntools: [execute, todo]\n---\n",
    };
    OPENCODE_UNKNOWN_KEY = Rule {
        code: "opencode-unknown-key",
        severity: Warning,
        varies: "an info when the key is no near miss of a known one (a provider option written at the top level, which OpenCode passes on as intended)",
        group: OpenCode,
        summary: "A key OpenCode's agent schema does not have: it is moved into `options` and sent to the model provider",
        explanation: "OpenCode keeps keys it does not know, moves them into the agent's `options` and sends them to the model provider with every request. A misspelt key therefore does nothing it was meant to do: `permissions:` (for `permission:`) leaves the agent with the default permissions, silently. The fix renames a near miss to the key OpenCode knows (safe when the value is valid there). A provider option written at the top level (`reasoningEffort: high`) is reported as an info.",
        bad: "---\ndescription: Reviews code.\npermissions:\n  edit: deny\n---\n",
        good: "---\ndescription: Reviews code.\npermission:\n  edit: deny\n---\n",
    };
    OPENCODE_MODEL_NO_PROVIDER = Rule {
        code: "opencode-model-no-provider",
        severity: Warning,
        varies: "",
        group: OpenCode,
        summary: "`model` without a `provider/` prefix: the agent fails when it runs",
        explanation: "OpenCode reads `model` as `provider/model-id` and splits it at the first `/`. Without one the configuration loads, but running the agent fails because no provider is named. Write the provider: `anthropic/claude-sonnet-4-5`, `openai/gpt-5`.",
        bad: "---\ndescription: Reviews code.\nmodel: claude-sonnet-4-5\n---\n",
        good: "---\ndescription: Reviews code.\nmodel: anthropic/claude-sonnet-4-5\n---\n",
    };
    CURSOR_GLOBS_QUOTED = Rule {
        code: "cursor-globs-quoted",
        severity: Warning,
        varies: "",
        group: Cursor,
        summary: "A quoted `globs` pattern: Cursor keeps the quotes and the pattern matches no file",
        explanation: "Cursor reads `globs` as written, a comma-separated list of patterns (`globs: src/**/*.ts, *.tsx`), without YAML's quoting: `\"**/*.ts\"` is a pattern whose first and last characters are quotes, and it matches no file. The rule is then never attached by its globs. The fix (safe) removes the quotes. Other tools that read `.mdc` files as YAML are not Cursor: do not quote for them.",
        bad: "---\ndescription: TypeScript style\nglobs: \"**/*.ts\"\nalwaysApply: false\n---\n",
        good: "---\ndescription: TypeScript style\nglobs: **/*.ts\nalwaysApply: false\n---\n",
    };
    CURSOR_GLOBS_LIST = Rule {
        code: "cursor-globs-list",
        severity: Warning,
        varies: "",
        group: Cursor,
        summary: "`globs` written as a YAML list: Cursor reads a comma-separated string",
        explanation: "Cursor documents `globs` as one comma-separated string. A flow list `[\"a\", \"b\"]` is read as the patterns `[\"a\"` and `\"b\"]`, brackets and quotes included, which match no file; a block list (`- a` lines) leaves `globs:` empty. Either way the rule is never attached by its globs. The fix (safe) writes the patterns as Cursor reads them: `globs: a, b`.",
        bad: "---\ndescription: Python style\nglobs: [\"**/*.py\", \"pyproject.toml\"]\nalwaysApply: false\n---\n",
        good: "---\ndescription: Python style\nglobs: **/*.py, pyproject.toml\nalwaysApply: false\n---\n",
    };
    CURSOR_ALWAYS_APPLY_NOT_BOOLEAN = Rule {
        code: "cursor-always-apply-not-boolean",
        severity: Warning,
        varies: "",
        group: Cursor,
        summary: "`alwaysApply` is not a bare `true` or `false`: Cursor does not honour it",
        explanation: "`alwaysApply` is a boolean. Cursor honours only a bare `true`; `\"true\"` in quotes, `yes` or `True` count as not set, so the rule is not always applied (it falls back to its globs, its description, or `@` mentions). The fix writes the bare boolean (safe for a quoted `true`/`false`).",
        bad: "---\ndescription: Project conventions\nalwaysApply: \"true\"\n---\n",
        good: "---\ndescription: Project conventions\nalwaysApply: true\n---\n",
    };
    CURSOR_MANUAL_ONLY = Rule {
        code: "cursor-manual-only",
        severity: Info,
        varies: "",
        group: Cursor,
        summary: "The rule never applies automatically: only an `@` mention brings it in",
        explanation: "A Cursor rule applies in one of four ways: always (`alwaysApply: true`), when a file matching its `globs` is in the context, when the agent picks it from its `description`, or only when mentioned (`@rule-name`). With `alwaysApply` not `true`, no globs that match files and no description, only the last is left. That is right for a rule meant to be mentioned; otherwise add a description, globs, or `alwaysApply: true`.",
        bad: "---\nglobs: \"*.ts\"\nalwaysApply: false\n---\n",
        good: "---\ndescription: TypeScript conventions\nglobs: *.ts\nalwaysApply: false\n---\n",
    };
    CURSOR_GLOBS_IGNORED = Rule {
        code: "cursor-globs-ignored",
        severity: Hint,
        varies: "",
        group: Cursor,
        summary: "`globs` beside `alwaysApply: true`: the rule applies everywhere, the globs change nothing",
        explanation: "With `alwaysApply: true` Cursor includes the rule in every request, whatever files are in the context; its `globs` are not consulted. Remove them, or set `alwaysApply: false` to attach the rule only for those files.",
        bad: "---\ndescription: TypeScript style\nglobs: **/*.ts\nalwaysApply: true\n---\n",
        good: "---\ndescription: TypeScript style\nglobs: **/*.ts\nalwaysApply: false\n---\n",
    };
    SUPPRESSION_UNUSED = Rule {
        code: "suppression-unused",
        severity: Warning,
        varies: "",
        group: All,
        summary: "An `# agent-lsp: disable=…` comment that silences nothing",
        explanation: "A YAML comment on a line of its own in the frontmatter silences rules: `# agent-lsp: disable=code[,code]` on the next line, `# agent-lsp: disable-file=code[,code]` in the whole file (configuration can also switch a rule off everywhere: `disable` in `agent-lsp.toml`). A code in such a comment that is not reported where it applies, or that is no rule at all, silences nothing: the problem was fixed, or the code is misspelt. Remove it, or correct the code.",
        bad: "---\nname: reviewer\ndescription: Reviews code.\n# agent-lsp: disable=unknown-tool\ntools: Read\n---\n",
        good: "---\nname: reviewer\ndescription: Reviews code.\n# agent-lsp: disable=unknown-tool\ntools: Read, Raed\n---\n",
    };
    TOO_MANY_DIAGNOSTICS = Rule {
        code: "too-many-diagnostics",
        severity: Info,
        varies: "",
        group: All,
        summary: "More than 200 problems in one file: the rest are counted, not listed",
        explanation: "agent-lsp reports at most 200 diagnostics per file, the most severe first, so a file with thousands of problems (a generated tool list, a key repeated on every line) stays fast to check and readable. This note on the first line says how many more there are; fix the ones shown, or turn a noisy rule off in `agent-lsp.toml`, and the rest appear.",
        bad: "---\nname: a\ndescription: d\ntools:\n  - Raed\n  - Raed\n  (… 300 times)\n---\n",
        good: "---\nname: a\ndescription: d\ntools:\n  - Read\n---\n",
    };
    EXAMPLES_ONE_LINE = Rule {
        code: "examples-one-line",
        severity: Hint,
        varies: "",
        group: ClaudeAgent,
        summary: "Examples written on one line with `\\n` escapes",
        explanation: "The old `/agents` format wrote the whole description on one line with `\\n` escapes. Claude Code reads it the same as a `|` block with real line breaks, which is much easier to edit; the fix rewrites it.",
        bad: "description: \"Use this agent when code needs a review.\\n<example>\\nuser: Review my change\\n</example>\"\n",
        good: "description: |\n  Use this agent when code needs a review.\n  <example>\n  user: Review my change\n  </example>\n",
    };
    CONFIG_UNKNOWN_KEY = Rule {
        code: "config-unknown-key",
        severity: Error,
        varies: "a warning for an unknown key in a `{ name, doc }` entry, which is ignored",
        group: Configuration,
        summary: "A setting agent-lsp does not know, in `agent-lsp.toml` or the LSP options",
        explanation: "agent-lsp refuses a configuration with a setting it does not know, so that a typo never silently changes the results: the whole file (or the new LSP options) is not used until it is fixed. The message names the nearest setting; a key of an `[[overrides]]` entry other than `paths`, `severity` and `disable` is refused the same way. Inside a `{ name, doc }` entry of `tools`, `models` or `mcp_servers`, an unknown key is ignored instead.",
        bad: "# agent-lsp.toml\ndisabel = [\"name-style\"]\n",
        good: "# agent-lsp.toml\ndisable = [\"name-style\"]\n",
    };
    CONFIG_UNKNOWN_RULE = Rule {
        code: "config-unknown-rule",
        severity: Warning,
        varies: "",
        group: Configuration,
        summary: "`severity` or `disable` names a rule code that does not exist",
        explanation: "A rule code in `[severity]` or `disable` (at the top level or in an `[[overrides]]` entry) that is not a rule changes nothing: the rule you meant keeps its level. The message names the nearest code; `agent-lsp explain` lists them all.",
        bad: "# agent-lsp.toml\n[severity]\n\"unknwon-tool\" = \"off\"\n",
        good: "# agent-lsp.toml\n[severity]\n\"unknown-tool\" = \"off\"\n",
    };
}
