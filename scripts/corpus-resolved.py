#!/usr/bin/env python3
"""Record what the real Claude Code client resolves for each corpus agent.

  scripts/corpus-resolved.py [CORPUS_DIR] > tests/fixtures/corpus/RESOLVED.jsonl

For every row of EXPECTED.jsonl that loads, runs the client (../shared/oracle/claude-code/,
or $CLAUDE_ORACLE_DIR) on that file alone with `--agent NAME` and prints one JSON line:
{"file", "name", "tools", "model"}: the tools and model the client resolves for the agent
when it runs as the main thread (`claude --agent NAME`). The first line names the client
and the session's baseline (`all_tools`, `default_model`: what an agent that sets neither
gets).
tests/corpus.rs holds `inspect` to these values. One client run per agent (~2 s each).
Python 3 stdlib only.
"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_DIR = os.environ.get("CLAUDE_ORACLE_DIR", os.path.join(HERE, "..", "..", "..", "shared", "oracle", "claude-code"))


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "fixtures", "corpus")
    sys.path.insert(0, ORACLE_DIR)
    import oracle
    client = oracle.client_path(None)
    rows = [json.loads(l) for l in open(os.path.join(corpus, "EXPECTED.jsonl")) if l.strip()]
    # The session's baseline: an agent with neither `tools` nor `model` gets every tool of
    # the main thread's pool and the session's default model.
    probe = b"---\nname: resolved-probe\ndescription: probe\n---\nprobe\n"
    init, _ = oracle.run(client, {"resolved-probe.md": probe}, agent="resolved-probe")
    if init is None:
        sys.exit("the client gave no init message for the probe agent")
    version = init.get("claude_code_version")
    session = {"client": version, "all_tools": init.get("tools"), "default_model": init.get("model")}
    out = []
    for r in rows:
        if not r.get("loads"):
            continue
        data = open(os.path.join(corpus, r["file"]), "rb").read()
        init, _ = oracle.run(client, {os.path.basename(r["file"]): data}, agent=r["name"])
        if init is None:
            sys.exit(f"{r['file']}: the client gave no init message")
        out.append({"file": r["file"], "name": r["name"], "tools": init.get("tools"), "model": init.get("model")})
        print(f"{r['file']}: {len(init.get('tools') or [])} tools, {init.get('model')}", file=sys.stderr)
    print(json.dumps(session))
    for o in out:
        print(json.dumps(o, ensure_ascii=False))


if __name__ == "__main__":
    main()
