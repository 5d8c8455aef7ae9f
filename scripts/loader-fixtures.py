#!/usr/bin/env python3
"""The loader fixtures of tests/fixtures/loader-2.1.332/: write them, and record the real
Claude Code client's verdict on each.

  scripts/loader-fixtures.py write  [DIR]   write every case below as DIR/<case>.md
  scripts/loader-fixtures.py record [DIR]   run the client on DIR/*.md, write DIR/EXPECTED.jsonl,
                                            and on DIR/skills, DIR/commands: EXPECTED-skills.jsonl

`record` needs ../shared/oracle/claude-code/ (or $CLAUDE_ORACLE_DIR): it imports that
oracle's `run`, so the client runs headless, offline, with a bogus key. Each EXPECTED row:
  file, loads (the client registered the agent), log (its WARN/ERROR lines about the agent,
  with timestamps and scratch paths removed), and for model cases the model the client
  resolves when the agent runs and whether it warned that it does not know it.
The test (tests/loader_oracle.rs) compares agent-lsp with these rows; it never runs the
client. Python 3 stdlib only.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "..", "tests", "fixtures", "loader-2.1.332")
ORACLE_DIR = os.environ.get("CLAUDE_ORACLE_DIR", os.path.join(HERE, "..", "..", "..", "shared", "oracle", "claude-code"))

HANDLER = "hooks:\n        - type: command\n          command: ./check.sh"
GROUP = "- matcher: Bash\n      " + HANDLER
LOOSE = ["PostToolUse", "PostToolUseFailure", "Notification", "UserPromptSubmit", "SessionStart",
         "SessionEnd", "Stop", "SubagentStart", "SubagentStop", "PreCompact", "Setup"]
GUARDS = ["PreToolUse", "PermissionRequest", "PreSkillShellCommand"]

# The shapes of one event's value under `hooks:` (indented for `  Event:`).
SHAPES = {
    "valid": "\n    " + GROUP,
    "not-list": " oops",
    "empty": "",
    "empty-string": " ''",
    "empty-list": " []",
    "matcher-list": "\n    - matcher: [Bash]\n      " + HANDLER,
    "no-hooks": "\n    - matcher: Bash",
    "no-command": "\n    - matcher: Bash\n      hooks:\n        - type: command",
    "unknown-type": "\n    - matcher: Bash\n      hooks:\n        - type: script\n          command: ./check.sh",
    "timeout-string": "\n    - matcher: Bash\n      " + HANDLER + "\n          timeout: '5'",
    "timeout-null": "\n    - matcher: Bash\n      " + HANDLER + "\n          timeout:",
    "timeout-zero": "\n    - matcher: Bash\n      " + HANDLER + "\n          timeout: 0",
    "timeout-number": "\n    - matcher: Bash\n      " + HANDLER + "\n          timeout: 30",
    "async-string": "\n    - matcher: Bash\n      " + HANDLER + "\n          async: 'yes'",
    "shell-zsh": "\n    - matcher: Bash\n      " + HANDLER + "\n          shell: zsh",
    "http-bad-url": "\n    - matcher: Bash\n      hooks:\n        - type: http\n          url: not a url",
    "http-url": "\n    - matcher: Bash\n      hooks:\n        - type: http\n          url: https://example.com/hook",
    "mcp-no-tool": "\n    - matcher: Bash\n      hooks:\n        - type: mcp_tool\n          server: s",
    "prompt-type": "\n    - matcher: Bash\n      hooks:\n        - type: prompt\n          prompt: Is this safe?",
    "agent-type": "\n    - matcher: Bash\n      hooks:\n        - type: agent\n          prompt: Is this safe?",
    "prompt-no-prompt": "\n    - matcher: Bash\n      hooks:\n        - type: prompt",
    "matcher-null": "\n    - matcher:\n      " + HANDLER,
    "entry-string": "\n    - oops",
    "hooks-not-list": "\n    - matcher: Bash\n      hooks: oops",
    "guard-in-entry": "\n    - matcher: Bash\n      PreToolUse:\n        - " + "hooks:\n            - type: command\n              command: x",
}
LOOSE_SHAPES = ["not-list", "empty", "matcher-list", "no-hooks", "no-command", "unknown-type"]
GUARD_SHAPES = ["valid", "not-list", "empty", "empty-string", "empty-list", "matcher-list", "no-hooks",
                "no-command", "unknown-type", "timeout-string"]
HANDLER_SHAPES = ["timeout-null", "timeout-zero", "timeout-number", "async-string", "shell-zsh",
                  "http-bad-url", "http-url", "mcp-no-tool", "prompt-no-prompt", "matcher-null",
                  "entry-string", "hooks-not-list", "guard-in-entry"]

NESTED = "\n    - type: command\n      command: x"  # a non-empty `hooks:` list, indented for depth 1


def nest(keys, leaf):
    """`keys[0]:` at the top level, each next key one level deeper, then `leaf` text."""
    out, ind = "", ""
    for k in keys:
        out += f"\n{ind}{k}:"
        ind += "  "
    return out + leaf.replace("\n", "\n" + ind[:-2])


def hooks_list(ind=""):
    return f"\n{ind}hooks:\n{ind}  - type: command\n{ind}    command: x"


def cases():
    c = {}
    for ev in LOOSE:
        for sh in LOOSE_SHAPES:
            c[f"loose-{ev.lower()}-{sh}"] = f"hooks:\n  {ev}:{SHAPES[sh]}"
    for ev in GUARDS:
        for sh in GUARD_SHAPES:
            c[f"guard-{ev.lower()}-{sh}"] = f"hooks:\n  {ev}:{SHAPES[sh]}"
    for sh in HANDLER_SHAPES:
        c[f"pretooluse-{sh}"] = f"hooks:\n  PreToolUse:{SHAPES[sh]}"
        c[f"posttooluse-{sh}"] = f"hooks:\n  PostToolUse:{SHAPES[sh]}"
    for sh in ["prompt-type", "agent-type"]:
        c[f"preskillshellcommand-{sh}"] = f"hooks:\n  PreSkillShellCommand:{SHAPES[sh]}"
    # `hooks:` itself
    for label, v in {"empty-single": " ''", "empty-double": ' ""', "null": "", "empty-list": " []",
                     "empty-map": " {}", "string": " oops", "zero": " 0", "false": " false", "true": " true",
                     "number": " 5", "single-matcher": "\n  matcher: Bash\n  " + HANDLER.replace("\n  ", "\n"),
                     "matcher-list": "\n  - matcher: Bash\n    " + HANDLER.replace("\n  ", "\n")}.items():
        c[f"hooks-{label}"] = f"hooks:{v}"
    c["hooks-unknown-event-list"] = "hooks:\n  BeforeToolUse:\n    " + GROUP
    c["hooks-unknown-event-map"] = "hooks:\n  BeforeToolUse:" + hooks_list("    ")
    c["hooks-unknown-event-string"] = "hooks:\n  BeforeToolUse: oops"
    c["hooks-loose-event-map-with-hooks"] = "hooks:\n  PostToolUse:" + hooks_list("    ")
    # guard events at the top level
    for ev in GUARDS:
        c[f"top-{ev.lower()}"] = f"{ev}:\n  " + GROUP.replace("\n  ", "\n")
        c[f"top-{ev.lower()}-null"] = f"{ev}:"
        c[f"top-{ev.lower()}-empty-list"] = f"{ev}: []"
        c[f"top-{ev.lower()}-empty-string"] = f"{ev}: ''"
    c["top-posttooluse"] = "PostToolUse:\n  " + GROUP.replace("\n  ", "\n")
    c["top-posttooluse-hooks-map"] = "PostToolUse:" + hooks_list("  ")
    c["top-posttooluse-nested-guard"] = "PostToolUse:\n  PreToolUse:\n    " + GROUP
    # non-empty `hooks:` lists in maps where the client expects none
    for key in ["tools", "color", "foo", "model", "skills", "metadata", "mcpServers", "lspServers",
                "PostToolUse", "Stop", "SessionStart"]:
        c[f"nested-under-{key.lower()}"] = f"{key}:" + hooks_list("  ")
    for depth in range(1, 6):
        path = ["foo"] + [f"k{i}" for i in range(1, depth)]
        c[f"nested-depth-{depth}"] = nest(path, hooks_list("  "))[1:]
    c["nested-in-list"] = "foo:\n  - hooks:\n      - type: command\n        command: x"
    c["nested-empty-list"] = "foo:\n  hooks: []"
    c["nested-under-metadata-deep"] = "metadata:\n  a:\n    b:" + hooks_list("      ")
    c["nested-guard-key"] = "foo:\n  PreToolUse:\n    " + GROUP
    c["nested-guard-key-empty"] = "foo:\n  PreToolUse: []"
    c["nested-matcher-hooks-map"] = "foo:\n  matcher: Bash\n  hooks:\n    type: command\n    command: x"
    return c


MODELS = ["claude-opus-4-1", "claude-opus-4-2", "claude-opus-4-3", "claude-opus-4-4", "claude-opus-4-5",
          "claude-mythos-preview", "claude-mythos-5-2", "claude-sonnet-4-5-20250929", "sonnet", "opus",
          "haiku", "fable", "best", "opusplan", "sonnet[1m]", "opus[1m]", "fable[1m]", "haiku[1m]",
          "opusplan[1m]", "best[1m]", "HAIKU[1M]", "inherit", "gpt-4o"]


def model_file(m):
    upper = "upper-" if m != m.lower() else ""
    return "model-" + upper + re.sub(r"[^a-z0-9]+", "-", m.lower()).strip("-")


# Skills and commands share the agents' hook checks, with another consequence: they load
# without their hooks and allowed-tools. Written as DIR/skills/<case>/SKILL.md and
# DIR/commands/<case>.md.
SKILL_CASES = {
    "valid": "hooks:\n  PreToolUse:\n    " + GROUP,
    "top-guard": "PreToolUse:\n  " + GROUP.replace("\n  ", "\n"),
    "top-preskillshellcommand": "PreSkillShellCommand:\n  " + GROUP.replace("\n  ", "\n"),
    "guard-matcher-list": "hooks:\n  PreToolUse:" + SHAPES["matcher-list"],
    "guard-timeout-string": "hooks:\n  PreToolUse:" + SHAPES["timeout-string"],
    "loose-not-list": "hooks:\n  PostToolUse: oops",
    "loose-no-command": "hooks:\n  PostToolUse:" + SHAPES["no-command"],
    "misplaced": "foo:" + hooks_list("  "),
    "hooks-empty-string": "hooks: ''",
    "unknown-event": "hooks:\n  BeforeToolUse:\n    " + GROUP,
}


def write(d):
    for kind, path in (("skill", "skills/{}/SKILL.md"), ("command", "commands/{}.md")):
        for name, fm in SKILL_CASES.items():
            f = os.path.join(d, path.format(f"{kind}-{name}"))
            os.makedirs(os.path.dirname(f), exist_ok=True)
            with open(f, "w") as out:
                out.write(f"---\ndescription: Loader case {kind}-{name}.\nallowed-tools: Read\n{fm}\n---\nYou check.\n")
    os.makedirs(d, exist_ok=True)
    for name, fm in cases().items():
        with open(os.path.join(d, name + ".md"), "w") as f:
            f.write(f"---\nname: {name}\ndescription: Loader case {name}.\n{fm}\n---\nYou check.\n")
    for m in MODELS:
        name = model_file(m)
        with open(os.path.join(d, name + ".md"), "w") as f:
            f.write(f"---\nname: {name}\ndescription: Loader case {name}.\nmodel: {m}\n---\nYou check.\n")


def clean(line, files):
    line = re.sub(r"^\S+Z ", "", line)
    line = re.sub(r"/tmp/cc-oracle-[^/]+/proj/", "", line)
    for f in files:
        line = line.replace(".claude/agents/" + f, ".claude/agents/" + f.split("-", 1)[1])
    return line


def about(line, stem, files):
    return f"'{stem}'" in line or any(f.endswith("-" + stem + ".md") and f in line for f in files)


def record_skills(d):
    """The client's verdicts on the skill and command cases: EXPECTED-skills.jsonl."""
    import subprocess
    commands = sorted(os.path.join(d, "commands", f) for f in os.listdir(os.path.join(d, "commands")))
    out = subprocess.run([os.path.join(ORACLE_DIR, "skills_commands.py"), os.path.join(d, "skills"), *commands],
                         capture_output=True, text=True, check=True, timeout=600)
    rows = []
    for line in out.stdout.splitlines():
        r = json.loads(line)
        if "file" not in r:
            continue
        rel = os.path.relpath(r["file"], d)
        log = [re.sub(r"^\S+Z ", "", l) for l in r["log"] if "[WARN]" in l or "[ERROR]" in l]
        rows.append({"file": rel, "loaded": r["loaded"], "log": log})
    with open(os.path.join(d, "EXPECTED-skills.jsonl"), "w") as f:
        f.write('{"client": "2.1.332"}\n')
        for r in sorted(rows, key=lambda r: r["file"]):
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} skill/command verdicts", file=sys.stderr)


def record(d):
    record_skills(d)
    sys.path.insert(0, ORACLE_DIR)
    import oracle
    client = oracle.client_path(None)
    names = sorted(n for n in os.listdir(d) if n.endswith(".md"))
    files = {"%03d-%s" % (i, n): open(os.path.join(d, n), "rb").read() for i, n in enumerate(names)}
    init, lines = oracle.run(client, files)
    loaded = set(init.get("agents", []))
    rows = []
    for n in names:
        stem = n[:-3]
        log = [clean(l, files) for l in lines if ("[WARN]" in l or "[ERROR]" in l or "Failed to parse" in l
                                                  or "Invalid hooks" in l) and about(l, stem, files)]
        row = {"file": n, "loads": stem in loaded, "log": log}
        if stem.startswith("model-"):
            minit, mlines = oracle.run(client, {n: files["%03d-%s" % (names.index(n), n)]}, agent=stem)
            row["resolved_model"] = minit.get("model") if minit else None
            row["model_unknown_warning"] = any("doesn't recognize the model" in l for l in mlines)
        rows.append(row)
    with open(os.path.join(d, "EXPECTED.jsonl"), "w") as f:
        f.write(f'{{"client": "{init.get("claude_code_version")}"}}\n')
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} verdicts, {sum(r['loads'] for r in rows)} load", file=sys.stderr)


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "record"
    d = sys.argv[2] if len(sys.argv) > 2 else DEFAULT_DIR
    {"write": write, "record": record, "record-skills": record_skills}[cmd](d)
