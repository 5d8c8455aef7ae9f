#!/usr/bin/env python3
"""Which file Claude Code uses when one agent name is declared in several scopes (the
project's .claude/agents, the user's ~/.claude/agents, the built-in agents).

Runs the real client through the project oracle (../shared/oracle/claude-code/oracle.py)
headless and offline, once per case, as the main-thread agent (`--agent NAME`), and
prints the model it resolves: each file of a case names a different model, so the model
says which file won. Prints one JSON line per case. Python 3 stdlib only.

    scripts/scope-oracle.py [--oracle DIR] > tests/fixtures/workspace/scopes/EXPECTED.jsonl
"""
import argparse, json, os, shutil, subprocess, sys, tempfile

CASES = [
    # (case, agent, {scope/path: model})
    ("project-over-user", "dup", {"project/dup.md": "haiku", "user/dup.md": "opus"}),
    ("project-over-builtin", "Explore", {"project/explore.md": "haiku"}),
    ("user-over-builtin", "Plan", {"user/plan.md": "haiku"}),
    ("builtin-alone", "Explore", {}),
]


def agent(name, model):
    return f"---\nname: {name}\ndescription: {name} from a file\nmodel: {model}\n---\nBody.\n"


def run_case(oracle, client, name, files):
    work = tempfile.mkdtemp(prefix="scope-oracle-")
    try:
        home, proj = os.path.join(work, "home"), os.path.join(work, "proj")
        for rel, model in files.items():
            scope, base = rel.split("/", 1)
            root = proj if scope == "project" else home
            path = os.path.join(root, ".claude", "agents", base)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(agent(name, model))
        os.makedirs(proj, exist_ok=True)
        os.makedirs(home, exist_ok=True)
        subprocess.run(["git", "init", "-q"], cwd=proj, check=True)
        log = os.path.join(work, "debug.log")
        cmd = ["timeout", str(oracle.TIMEOUT), client, "-p", "hi", "--output-format", "stream-json",
               "--verbose", "--debug-file", log, "--agent", name]
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "TERM": "dumb",
               "ANTHROPIC_API_KEY": "sk-ant-oracle-no-network",
               "ANTHROPIC_BASE_URL": "http://127.0.0.1:9",
               "DISABLE_AUTOUPDATER": "1", "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC": "1"}
        p = subprocess.Popen(cmd, cwd=proj, env=env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True)
        init = None
        try:
            for line in p.stdout:
                if b'"subtype":"init"' in line:
                    init = json.loads(line)
                    break
        finally:
            oracle._kill(p)
            p.wait()
            p.stdout.close()
        lines = []
        if os.path.exists(log):
            with open(log, encoding="utf-8", errors="replace") as f:
                lines = [l.replace(work, "<tmp>") for l in f.read().splitlines()
                         if "uplicate" in l or "overrid" in l or "shadow" in l]
        return init, lines
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--oracle", default=os.path.join(here, "..", "..", "..", "shared", "oracle", "claude-code"))
    a = ap.parse_args()
    sys.path.insert(0, a.oracle)
    import oracle
    client = oracle.client_path(None)
    for case, name, files in CASES:
        init, lines = run_case(oracle, client, name, files)
        print(json.dumps({"case": case, "agent": name, "files": files,
                          "model": (init or {}).get("model"), "log": lines}))


if __name__ == "__main__":
    main()
