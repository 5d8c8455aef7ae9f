#!/usr/bin/env python3
"""Check tests/fixtures/corpus/EXPECTED.jsonl against the real Claude Code client.

  scripts/corpus-oracle.py [CORPUS_DIR]

Runs every Claude Code agent row of EXPECTED.jsonl through ../shared/oracle/claude-code/
(or $CLAUDE_ORACLE_DIR) in one client run, as project agents, and reports each row whose
recorded verdict (whether it loads, under which name) the client no longer gives. The
rows were recorded with an earlier client; this tells whether they still hold for the
client the oracle runs. Exit status 1 when a row disagrees. Python 3 stdlib only.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_DIR = os.environ.get("CLAUDE_ORACLE_DIR", os.path.join(HERE, "..", "..", "..", "shared", "oracle", "claude-code"))


def main():
    corpus = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "tests", "fixtures", "corpus")
    sys.path.insert(0, ORACLE_DIR)
    import oracle
    rows = [json.loads(l) for l in open(os.path.join(corpus, "EXPECTED.jsonl")) if l.strip()]
    files = {"%03d-%s" % (i, os.path.basename(r["file"])): open(os.path.join(corpus, r["file"]), "rb").read()
             for i, r in enumerate(rows)}
    init, lines = oracle.run(oracle.client_path(None), files)
    loaded = set(init.get("agents", []))
    refused = {f for f in files for l in lines
               if re.search(r"(Failed to parse agent from \S*/\.claude/agents/" + re.escape(f) + r"|Agent file \S*/\.claude/agents/" + re.escape(f) + r":)", l)}
    wrong = []
    for (f, _), r in zip(files.items(), rows):
        loads = f not in refused and bool(r.get("name")) and r.get("name") in loaded
        if loads != r["loads"]:
            wrong.append(f"{r['file']}: recorded loads={r['loads']}, client {init.get('claude_code_version')} loads={loads}")
    print(f"{len(rows)} rows, client {init.get('claude_code_version')}: {len(rows) - len(wrong)} agree, {len(wrong)} differ")
    for w in wrong:
        print("  " + w)
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
