#!/usr/bin/env python3
"""How Cursor applies each `.mdc` rule, from its documentation (Cursor is closed source and
has no headless loader, so these verdicts are derived, not observed):

- the frontmatter is the block between a first line `---` and the next line `---`;
- each top-level `key: value` line is read as written: `globs` is a comma-separated list of
  patterns, each trimmed, quotes and brackets kept (a quoted pattern or a `[...]` list matches
  no file); `alwaysApply` counts only as a bare `true`;
- a rule applies always (alwaysApply), by globs (a file matching one is in the context), by
  description (the agent picks it), or manually (`@rule`): the first that holds, in that order
  (globs that match nothing do not count).

usage: scripts/cursor-expected.py tests/fixtures/formats-corpus/cursor > EXPECTED.jsonl
Each line: file (relative to the folder given), activation, globs, dead_globs, always_apply,
applies_automatically. Python 3 stdlib only.
"""
import json, re, sys
from pathlib import Path


def frontmatter(text):
    lines = text.split("\n")
    if not lines or lines[0].rstrip("\r") != "---":
        return None
    out = {}
    for line in lines[1:]:
        if line.rstrip("\r") == "---":
            return out
        m = re.match(r"^([A-Za-z_][\w-]*):(.*)$", line.rstrip("\r"))
        if m:
            out[m.group(1)] = m.group(2).strip()
    return None


def verdict(fm):
    globs = [p.strip() for p in fm.get("globs", "").split(",") if p.strip()]
    dead = [p for p in globs if p[:1] in "\"'[" or p[-1:] in "\"']"]
    always = fm.get("alwaysApply", "") == "true"
    described = fm.get("description", "") != ""
    live = [p for p in globs if p not in dead]
    activation = "always" if always else "globs" if live else "description" if described else "manual"
    auto = activation != "manual"
    return {"activation": activation, "globs": globs, "dead_globs": dead, "always_apply": always,
            "applies_automatically": auto}


def main():
    root = Path(sys.argv[1])
    for f in sorted(root.rglob("*.mdc")):
        fm = frontmatter(f.read_text(encoding="utf-8", errors="replace"))
        row = {"file": str(f.relative_to(root))}
        row.update(verdict(fm) if fm is not None else {"activation": "no frontmatter"})
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
