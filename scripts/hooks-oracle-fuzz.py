#!/usr/bin/env python3
"""Random hook-shaped agents through the real client and agent-lsp: do they agree?

  scripts/hooks-oracle-fuzz.py [--seed N] [--count N] [--bin PATH]

Writes COUNT agents (seeded) mixing hooks of every shape under guard, loose and unknown
events, misplaced `hooks:` lists at depths 0-4 under assorted top-level keys, and guard
events at the top level; runs them through ../shared/oracle/claude-code/ (or
$CLAUDE_ORACLE_DIR) in one client run and through `agent-lsp check --format json`
(default: target/debug/agent-lsp); prints every file where the client loads and we
report an error, or it skips and we report none. Exit status 1 on any disagreement.
Python 3 stdlib only.
"""
import argparse, json, os, random, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ORACLE_DIR = os.environ.get("CLAUDE_ORACLE_DIR", os.path.join(HERE, "..", "..", "..", "shared", "oracle", "claude-code"))
SEED = 0
EVENTS=["PreToolUse","PermissionRequest","PreSkillShellCommand","PostToolUse","Stop","SessionStart","Notification","BeforeTool","metadata"]
TOP=["foo","tools","color","metadata","mcpServers","lspServers","PostToolUse","PreToolUse","Stop","model","skills","x"]
def scalar():
    return random.choice(["oops","''","5","0","true","null","[]","{}","Bash","'5'","-1","30"])
def handler(ind):
    t=random.choice(["command","http","prompt","agent","mcp_tool","script",None])
    lines=[]
    if t: lines.append(f"type: {t}")
    for f,v in random.sample([("command","./x.sh"),("url","https://e.com/h"),("url","nope"),("prompt","ok?"),("server","s"),("tool","t"),("timeout",scalar()),("async",scalar()),("shell",random.choice(["bash","zsh"])),("once","true"),("hooks","[ {type: command, command: x} ]")],k=random.randint(0,3)):
        lines.append(f"{f}: {v}")
    if not lines: return "{}"
    return ("\n"+ind).join(lines)
def group(ind):
    r=random.random()
    if r<0.08: return scalar()
    lines=[]
    if random.random()<0.7: lines.append("matcher: "+random.choice(["Bash","[Bash]","''","null"]))
    if random.random()<0.1: lines.append("PreToolUse: [ {hooks: [ {type: command, command: x} ]} ]")
    if random.random()<0.85:
        hs=random.randint(0,2)
        if hs==0 and random.random()<0.5: lines.append("hooks: "+random.choice(["oops","[]","{type: command, command: x}"]))
        else:
            lines.append("hooks:"+("" if hs else " []"))
            for _ in range(hs):
                lines.append("  - "+handler(ind+"    "))
    if not lines: return "{}"
    return ("\n"+ind).join(lines)
def event_value(ind):
    r=random.random()
    if r<0.15: return " "+scalar()
    if r<0.2: return ""
    if r<0.27: return "\n"+ind+"hooks:\n"+ind+"  - type: command\n"+ind+"    command: x"
    out=""
    for _ in range(random.randint(1,2)):
        out+="\n"+ind+"- "+group(ind+"  ")
    return out
def nested(depth):
    ind="  "*1
    s=""
    path=[f"k{i}" for i in range(depth)]
    for i,k in enumerate(path):
        s+="\n"+"  "*(i+1)+k+":"
    base="  "*(depth+1)
    if random.random()<0.5:
        s+="\n"+base+"hooks:\n"+base+"  - type: command\n"+base+"    command: x"
    else:
        s+="\n"+base+random.choice(["PreToolUse","PostToolUse","hooks"])+": "+random.choice(["[]","[x]","null","x"])
    return s
def doc(i):
    name=f"fz-{SEED}-{i}"
    fm=[f"name: {name}","description: d"]
    r=random.random()
    if r<0.6:
        hv=""
        if random.random()<0.1: hv=" "+scalar()
        else:
            for ev in random.sample(EVENTS,k=random.randint(1,2)):
                hv+=f"\n  {ev}:"+event_value("    ")
        fm.append("hooks:"+hv)
    if random.random()<0.35:
        k=random.choice(TOP)
        if k in ("PreToolUse","PostToolUse","Stop") and random.random()<0.5:
            fm.append(f"{k}:"+event_value("  "))
        else:
            fm.append(k+":"+nested(random.randint(0,4)))
    return name,"---\n"+"\n".join(fm)+"\n---\nbody\n"


def main():
    global SEED
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=500)
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "target", "debug", "agent-lsp"))
    a = ap.parse_args()
    SEED = a.seed
    random.seed(a.seed)
    sys.path.insert(0, ORACLE_DIR)
    import oracle
    with tempfile.TemporaryDirectory(prefix="hooks-fuzz-") as d:
        files = dict(doc(i) for i in range(a.count))
        for n, t in files.items():
            with open(os.path.join(d, n + ".md"), "w") as f:
                f.write(t)
        init, _ = oracle.run(oracle.client_path(None), {n + ".md": t.encode() for n, t in files.items()})
        loaded = set(init.get("agents", []))
        out = subprocess.run([a.bin, "check", "--format", "json", *[os.path.join(d, n + ".md") for n in files]],
                             capture_output=True, text=True, timeout=600)
        wrong = 0
        for f in json.loads(out.stdout)["files"]:
            name = os.path.basename(f.get("path") or f.get("file"))[:-3]
            error = any(x["severity"] == "error" for x in f["diagnostics"])
            if error == (name in loaded):
                wrong += 1
                print(f"{name}: client loads={name in loaded}, agent-lsp errors={error}\n{files[name]}")
    print(f"seed {a.seed}: {a.count} agents, {len(loaded)} load, {wrong} disagreements")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
