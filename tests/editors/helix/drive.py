"""Drives Helix in a detached tmux session like a user: open an agent file, wait for the
diagnostic to appear inline, open the hover popup with `Space k`, go to a definition in another
file with `gd`, open an ordinary README, quit.
Protocol facts are read from Helix's -vv log (every JSON-RPC message); what the user sees is read
with `tmux capture-pane`. Prints `ok: ...` lines, or `FAIL: <reason>` and exits 1."""
import argparse
import json
import os
import re
import subprocess
import sys
import time

TIMEOUT = 20


def fail(msg, screen=None):
    if screen is not None:
        print("--- screen\n" + screen)
    print(f"FAIL: {msg}")
    sys.exit(1)


class Helix:
    def __init__(self, args):
        self.args = args
        self.log = os.path.join(args.cache, "helix", "helix.log")
        env = dict(os.environ, XDG_CONFIG_HOME=args.config, XDG_CACHE_HOME=args.cache, TERM="xterm-256color")
        self.tmux = ["tmux", "-L", args.socket]
        subprocess.run(self.tmux + ["-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "40", "-c", args.project,
                        f"{args.hx} -vv .claude/agents/demo.md"], env=env, check=True)

    def screen(self):
        return subprocess.run(self.tmux + ["capture-pane", "-p"], capture_output=True, text=True).stdout

    def keys(self, *keys):
        subprocess.run(self.tmux + ["send-keys", *keys], check=True)

    def alive(self):
        return subprocess.run(self.tmux + ["has-session"], capture_output=True).returncode == 0

    def messages(self):
        """(direction, server, message) for every JSON-RPC message in the log."""
        out = []
        try:
            lines = open(self.log, encoding="utf-8", errors="replace").read().splitlines()
        except FileNotFoundError:
            return out
        for line in lines:
            m = re.search(r"helix_lsp::transport \[\w+\] (\S+) (->|<-) (\{.*\})\s*$", line)
            if m:
                try:
                    out.append((m.group(2), m.group(1), json.loads(m.group(3))))
                except json.JSONDecodeError:
                    pass
        return out

    def wait(self, what, predicate):
        end = time.time() + TIMEOUT
        while time.time() < end:
            value = predicate()
            if value:
                return value
            time.sleep(0.1)
        fail(f"timed out waiting for {what}", self.screen())

    def close(self):
        subprocess.run(self.tmux + ["kill-server"], capture_output=True)


def published(helix, suffix):
    for direction, server, msg in helix.messages():
        if direction == "<-" and server == "agent-lsp" and msg.get("method") == "textDocument/publishDiagnostics" \
                and msg["params"]["uri"].endswith(suffix) and msg["params"]["diagnostics"]:
            return msg["params"]["diagnostics"]
    return None


def main():
    p = argparse.ArgumentParser()
    for a in ("--hx", "--project", "--config", "--cache", "--socket"):
        p.add_argument(a, required=True)
    helix = Helix(p.parse_args())
    try:
        run(helix)
    finally:
        helix.close()


def run(helix):
    diags = helix.wait("agent-lsp to publish diagnostics for demo.md", lambda: published(helix, "/.claude/agents/demo.md"))
    tool = next((d for d in diags if d.get("code") == "unknown-tool"), None)
    if not tool or "Raed" not in tool["message"]:
        fail(f"no unknown-tool diagnostic mentioning Raed: {diags}")
    print(f"ok: publishDiagnostics: {[d.get('code') for d in diags]}")

    # Helix renders a diagnostic at the end of its line (one per line, the most severe). Seeing
    # a published message on screen, not just the word Raed from the file, proves it is shown.
    snippets = [d["message"].split("\n")[0][:30] for d in diags]
    shown = helix.wait(f"one of {snippets} inline", lambda: next((t for t in snippets if t in helix.screen()), None))
    print(f"ok: diagnostic shown inline: {shown!r}")

    # Cursor to line 4 (`tools: ...`), column 1, then Space k: hover.
    helix.keys(":4", "Enter")
    helix.keys("Space", "k")
    hover = helix.wait("a hover response", lambda: next(
        (msg for d, s, msg in helix.messages() if d == "<-" and s == "agent-lsp" and "result" in msg
         and isinstance(msg["result"], dict) and "contents" in msg["result"]), None))
    contents = hover["result"]["contents"]
    text = contents.get("value", "") if isinstance(contents, dict) else json.dumps(contents)
    if "`tools`" not in text:
        fail(f"hover on tools lacks `tools`: {text[:200]!r}")
    # The popup renders the Markdown (markup dropped, long lines wrapped): look for the start of
    # its first plain prose line on screen.
    plain = [re.sub(r"[`*#>]", "", line).strip() for line in text.splitlines()]
    plain = [line for line in plain if len(line) >= 12 and not re.search(r"[\[\](){}|<>\\]", line)]
    probe = (plain[0] if plain else "tools")[:20]
    helix.wait(f"the hover popup showing {probe!r}", lambda: probe in helix.screen())
    print(f"ok: hover popup shows {probe!r}")
    helix.keys("Escape")

    # Go to definition: from `Agent(demo-agent)` in lead.md (line 4, column 14) with `gd`,
    # Helix opens demo.md, where the name is declared.
    helix.keys(":open .claude/agents/lead.md", "Enter")
    helix.wait("lead.md to open", lambda: "You lead." in helix.screen())
    helix.keys(":4", "Enter")
    helix.keys("1", "4", "l")
    helix.keys("g", "d")
    answer = helix.wait("a definition response", lambda: next(
        (msg for d, s, msg in helix.messages() if d == "<-" and s == "agent-lsp" and "result" in msg
         and isinstance(msg["result"], list) and msg["result"] and "uri" in msg["result"][0]), None))
    target = answer["result"][0]
    if not target["uri"].endswith("/.claude/agents/demo.md") or target["range"]["start"]["line"] != 1:
        fail(f"definition is not demo.md line 2: {target}")
    helix.wait("demo.md to be shown after gd", lambda: "You are a test agent." in helix.screen()
               and "demo.md" in helix.screen())
    print("ok: gd from Agent(demo-agent) opened demo.md")

    # An ordinary Markdown file: no agent-lsp document for it.
    helix.keys(":open docs/README.md", "Enter")
    helix.wait("README.md to open", lambda: "Ordinary Markdown" in helix.screen())
    time.sleep(1)
    opened = [msg["params"]["textDocument"]["uri"] for d, s, msg in helix.messages()
              if d == "->" and s == "agent-lsp" and msg.get("method") == "textDocument/didOpen"]
    if any(u.endswith("/docs/README.md") for u in opened):
        fail("Helix sent docs/README.md to agent-lsp")
    print("ok: docs/README.md not sent to agent-lsp")

    helix.keys(":qa!", "Enter")
    helix.wait("Helix to quit", lambda: not helix.alive())
    sent = [msg.get("method") for d, s, msg in helix.messages() if d == "->" and s == "agent-lsp"]
    if "shutdown" not in sent:
        fail("Helix did not send shutdown to agent-lsp on quit")
    print("ok: quit, shutdown sent")


if __name__ == "__main__":
    main()
