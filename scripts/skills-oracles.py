#!/usr/bin/env python3
"""Record what the real tools make of Claude Code skills and slash commands, for the tests.

  scripts/skills-oracles.py ROOT

Runs, over every SKILL.md and `.claude/commands/**/*.md` below ROOT:
  - Claude Code 2.1.332 (`../shared/oracle/claude-code/skills_commands.py`), into
    ROOT/ORACLE-claude-code.jsonl;
  - the Agent Skills spec's reference validator skills-ref 0.1.1
    (`../shared/oracle/agent-skills/skills_ref.py`), over the skills only, into
    ROOT/ORACLE-skills-ref.jsonl.
Each row's `file` is made relative to ROOT; the fields that vary between runs (`seconds`,
`ms`, `scratch`, `target`, `bin`, `skill_dir`) are dropped, and the scratch project's path
in log lines becomes `<project>/`. The summary line is kept without them. The tests
(tests/formats_corpus.rs) read these files; they never run the tools. Set
$SKILLS_ORACLE_DIR to the oracle folder when it is not at ../shared/oracle. Python 3
stdlib only.
"""
import json, os, re, subprocess, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLES = os.environ.get("SKILLS_ORACLE_DIR", os.path.join(HERE, "..", "..", "..", "shared", "oracle"))
VARYING = {"seconds", "ms", "scratch", "target", "bin", "skill_dir", "workspace_file"}
SCRATCH = re.compile(r"/tmp/ccoracle-[^/\s]+/batch\d+/proj/")


def run(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=900, check=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def clean(row, root):
    row = {k: v for k, v in row.items() if k not in VARYING}
    if "summary" in row:
        row["summary"] = {k: v for k, v in row["summary"].items() if k not in VARYING}
        row["summary"]["other_log_lines"] = [SCRATCH.sub("<project>/", l)
                                            for l in row["summary"].get("other_log_lines", [])]
        return row
    row["file"] = os.path.relpath(row["file"], root)
    if "log" in row:
        row["log"] = [SCRATCH.sub("<project>/", l) for l in row["log"]]
    return row


def write(path, rows, root):
    rows = [clean(r, root) for r in rows]
    rows.sort(key=lambda r: ("summary" in r, r.get("file", "")))
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = os.path.abspath(sys.argv[1])
    cc = run([sys.executable, os.path.join(ORACLES, "claude-code", "skills_commands.py"), root])
    write(os.path.join(root, "ORACLE-claude-code.jsonl"), cc, root)
    skills = [r["file"] for r in cc if r.get("kind") == "skill"]
    if skills:
        sr = run([sys.executable, os.path.join(ORACLES, "agent-skills", "skills_ref.py")] + skills)
        write(os.path.join(root, "ORACLE-skills-ref.jsonl"), sr, root)


if __name__ == "__main__":
    main()
