#!/usr/bin/env python3
"""Compare server/catalog/ with what a Claude Code release says about itself.

  scripts/catalog-drift.py [VERSION] [--bin PATH]

Fetches the release's linux-x64 npm package (`@anthropic-ai/claude-code-linux-x64@VERSION`,
default: the version the agent catalog names) into the oracle cache, the same place
../shared/oracle/claude-code/fetch-client.sh uses, unless --bin points at a `claude`
binary. From the JavaScript embedded in the binary it extracts the facts the catalogs
hold, each found next to a message or structure that names it (see ANCHORS below):
frontmatter keys per file kind, tool names and aliases, hook events, guard events, the
misplaced-hooks scan, hook handler schemas, model aliases, families and suffixes, colors,
permission modes and effort levels. It prints each group as `same` or with its
differences, and exits 1 when anything differs (2 when an anchor is not found: the
release changed shape, and this script needs a look).

Moving to the next release: run it with the new version, edit the catalogs until it
prints no difference (and update `tool_version`), then re-record the loader fixtures
(scripts/loader-fixtures.py record) and review both diffs. Python 3.11+ stdlib only.
"""
import argparse, json, os, re, subprocess, sys, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "server", "catalog")

# Keys the skill loader reads that are not frontmatter users write, and keys the skill
# catalog documents for other readers of SKILL.md (the Agent Skills spec).
LOADER_INTERNAL = {"created_by": "internal marker of generated skills",
                   "improved_by": "internal marker of generated skills",
                   "experimental": "read only to list the declared fields (telemetry)"}
CATALOG_FOR_OTHER_READERS = {"skill": {"license", "compatibility"}}


class Missing(Exception):
    pass


def fetch(version):
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                         "agent-lsp-oracle", version)
    binary = os.path.join(cache, "package", "claude")
    if not os.access(binary, os.X_OK):
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["npm", "pack", "--silent", f"@anthropic-ai/claude-code-linux-x64@{version}"],
                       cwd=cache, check=True, stdout=subprocess.DEVNULL)
        tgz = [f for f in os.listdir(cache) if f.endswith(".tgz")][0]
        subprocess.run(["tar", "xzf", tgz], cwd=cache, check=True)
        os.remove(os.path.join(cache, tgz))
    return binary


class Release:
    """The embedded JavaScript, searched line by line (one bundled module per line)."""

    def __init__(self, path):
        with open(path, "rb") as f:
            self.data = f.read()

    def lines_with(self, needle):
        b, start, out = needle.encode(), 0, []
        while (i := self.data.find(b, start)) >= 0:
            s = self.data.rfind(b"\n", 0, i) + 1
            e = self.data.find(b"\n", i)
            e = len(self.data) if e < 0 else e
            out.append(self.data[s:e].decode("utf-8", "replace"))
            start = e
        return out

    def line_with(self, needle):
        lines = self.lines_with(needle)
        if not lines:
            raise Missing(needle)
        return lines[0]

    def search(self, pattern, needle, group=1):
        """First match of `pattern` in a line containing the literal `needle`."""
        for line in self.lines_with(needle):
            if m := re.search(pattern, line):
                return m if group is None else m.group(group)
        raise Missing(pattern)

    def has_string(self, s):
        return json.dumps(s).encode() in self.data


def js_list(text):
    return json.loads(text)


def definition(line, var, r=None):
    """The bracketed source `var` is set to (`[...]`, `{...}` or `new Set(...)`): in
    `line` if it is defined there (minified names are reused across modules), else in the
    first module of the release that defines it."""
    pattern = r"(?<![\w$.])" + re.escape(var) + r"=(?=new Set\(|\[|\{)"
    m = re.search(pattern, line)
    if not m and r is not None:
        m = r.search(pattern, var + "=", group=None)
    if not m:
        raise Missing(var)
    src, at = m.string, m.end()
    text = src[at:_close(src, src.index("(", at) if src.startswith("new Set(", at) else at)]
    return text[len("new Set("):-1] if text.startswith("new Set(") else text


def split_top(s, sep=","):
    """Splits JavaScript source at `sep` outside brackets and strings."""
    out, depth, cur, i, quote = [], 0, [], 0, None
    while i < len(s):
        c = s[i]
        if quote:
            cur.append(c)
            if c == "\\":
                cur.append(s[i + 1]); i += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c; cur.append(c)
        elif c in "([{":
            depth += 1; cur.append(c)
        elif c in ")]}":
            depth -= 1; cur.append(c)
        elif c == sep and depth == 0:
            out.append("".join(cur)); cur = []
        else:
            cur.append(c)
        i += 1
    if "".join(cur).strip():
        out.append("".join(cur))
    return out


def _close(s, i):
    depth, quote, j = 0, None, i
    while j < len(s):
        c = s[j]
        if quote:
            if c == "\\":
                j += 1
            elif c == quote:
                quote = None
        elif c in "\"'`":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    raise Missing("unbalanced source")


def object_entries(line, at):
    """The `key: source` pairs of the object literal opening at line[at] (`{`)."""
    body = line[at + 1:_close(line, at) - 1]
    out = {}
    for part in split_top(body):
        k, _, v = part.partition(":")
        out[k.strip().strip('"')] = v
    return out


def zod_object_keys(line, var):
    """Keys of `var=p(()=>u({...}))` or `var=p(()=>base().extend({...}))`, with the base's."""
    m = re.search(r"(?<![\w$.])" + re.escape(var) + r"=p\(\(\)=>(\w+)\(\)\.extend\(\{", line)
    if m:
        return zod_object_keys(line, m.group(1)) | set(object_entries(line, m.end() - 1))
    m = re.search(r"(?<![\w$.])" + re.escape(var) + r"=p\(\(\)=>\w+\(\{", line)
    if not m:
        raise Missing(var)
    return set(object_entries(line, m.end() - 1))


# ---- the facts, each from its anchor -------------------------------------------------

def hook_facts(r):
    events = js_list(r.search(r'(\["PreToolUse","PostToolUse"[^\]]*\])', '["PreToolUse","PostToolUse"'))
    needle = "holds PreToolUse/PermissionRequest hooks where a matcher was expected"
    m = r.search(r'return\{stripped:\[\],unloadableGuards:\[\]\};let \w+=(\w+)\.has\(n\)', needle, group=None)
    line, guard_var = m.string, m.group(1)
    guards = js_list(definition(line, guard_var, r))
    m = r.search(r"function \w+\(e,n\)\{if\((\w+)\(e,(\w+)\)\)return t\(`Agent '", 'is declared at the frontmatter top level, outside "hooks"', group=None)
    line, (scan_fn, unscanned_var) = m.string, m.groups()
    unscanned = js_list(definition(line, unscanned_var, r))
    depth = int(r.search(r"function " + re.escape(scan_fn) + r"\(e,n\)\{.*?\(o,(\d+),\{unscannedKeys", "function " + scan_fn + "(e,n){"))
    return {"hook events": events, "guard hook events": guards,
            "hooks scan: unscanned top-level keys": unscanned, "hooks scan: depth": depth,
            "hook handlers": handler_facts(r)}


def handler_facts(r):
    fn = r.search(r"function (\w+)\(\)\{let e=\w+\(\{type:\w+\(\"command\"\)", "BashCommandHookSchema:", group=None)
    line = fn.string
    body = line[fn.start():_close(line, line.index("{", fn.start()))]
    schemas = [object_entries(body, m.end() - 1) for m in re.finditer(r"(?:let |,)\w=\w+\(\{", body)]
    cmd = next(s for s in schemas if '"command"' in s.get("type", ""))
    http = next(s for s in schemas if '"http"' in s.get("type", ""))
    callee = lambda src: re.match(r"\s*(\w+)\(", src).group(1)
    learned = {callee(cmd["command"]): "a string", callee(cmd["once"]): "a boolean",
               callee(cmd["args"]): "list", callee(http["headers"]): "record",
               callee(cmd["timeout"]): "number"}
    out = {}
    for s in schemas:
        name = re.search(r'\("(\w+)"\)', s.pop("type")).group(1)
        fields = {k: field_kind(v, learned, line) for k, v in s.items()}
        required = sorted(k for k, v in s.items() if not optional(v, line))
        out[name] = {"required": required, "fields": dict(sorted(fields.items()))}
    return out


def lazy(name, line):
    """The expression of `name=p(()=>EXPR)` (a lazily built schema) in `line`, if any."""
    d = re.search(r"(?<![\w$.])" + re.escape(name) + r"=p\(\(\)=>", line)
    return line[d.end():_close(line, d.end() - 5) - 1] if d else None


def optional(src, line, depth=0):
    """Whether the schema `src` lets the field be absent (through lazy schemas too)."""
    if ".optional()" in src or ".catch(" in src:
        return True
    m = re.fullmatch(r"\s*(\w+)\(\)(?:\.describe\(.*\))?\s*", src, re.S)
    inner = lazy(m.group(1), line) if m and depth < 4 else None
    return inner is not None and optional(inner, line, depth + 1)


def field_kind(src, learned, line, depth=0):
    src = src.strip()
    if ".catch(" in src or depth > 4:
        return "any"
    if ".url()" in src:
        return "a URL"
    if ".positive()" in src:
        return "a positive number"
    if ".min(1)" in src:
        return "a non-empty string"
    m = re.match(r"(\w+)\((.*)", src, re.S)
    if not m:
        return "any"
    name, rest = m.groups()
    args = rest[:_close("(" + rest, 0) - 2]
    kind = learned.get(name)
    if kind == "list":
        return "a list of strings" if field_kind(args, learned, line, depth + 1) == "a string" else "a list"
    if kind == "record":
        value = split_top(args)[-1]
        return "a mapping of strings" if field_kind(value, learned, line, depth + 1) == "a string" else "a mapping"
    if kind:
        return kind
    if args.startswith("["):
        return "one of " + ", ".join(js_list(args))
    if re.fullmatch(r"\w+", args) and (d := re.search(r"(?<![\w$.])" + args + r"=(\[\"[^\]]*\])", line)):
        return "one of " + ", ".join(js_list(d.group(1)))
    if "=>" in args:
        return "any"
    inner = lazy(name, line)
    return "any" if inner is None else field_kind(inner, learned, line, depth + 1)


def key_facts(r):
    m = r.search(r"\{skill:p\(\(\)=>(\w+)\(\)\.strict\(\)\),agent:p\(\(\)=>(\w+)\(\)\.strict\(\)\)", ".strict()),agent:p(()=>", group=None)
    line = m.string
    agent = zod_object_keys(line, m.group(2))
    pattern = r'function (\w+)\((\w+),\w+,\w+,\w+="Skill"\)\{'
    fn = r.search(pattern, "declaredFields:", group=None)
    line = fn.string
    e = fn.group(2)
    body = line[fn.start():_close(line, fn.end() - 1)]
    read = set(re.findall(r"(?<![\w$])" + e + r"\.(\w+)", body)) | set(re.findall(r"(?<![\w$])" + e + r'\["([^"]+)"\]', body))
    for helper in set(re.findall(r"(?<![\w$.])(\w+)\(" + e + r"[,)]", body)) - {fn.group(1)}:
        h_pattern = r"function " + re.escape(helper) + r"\((\w+)[,)][^{]*\{"
        h = re.search(h_pattern, line)
        if not h:
            try:
                h = r.search(h_pattern, "function " + helper + "(", group=None)
            except Missing:
                continue
        if h:
            hb = h.string[h.start():_close(h.string, h.end() - 1)]
            read |= set(re.findall(r'(?<![\w$])' + h.group(1) + r'\["([^"]+)"\]', hb))
            read |= set(re.findall(r"(?<![\w$])" + h.group(1) + r"\.(\w+)", hb))
    read -= set(LOADER_INTERNAL)
    paths_fn = r.search(r"paths:\w+\?(\w+)\(\w+\):void 0", "declaredFields:void 0")
    paths_line = r.line_with("function " + paths_fn + "(")
    skill_only = set(re.findall(r"if\(!e\.(\w+)\)return;", paths_line[paths_line.index("function " + paths_fn + "("):][:80]))
    return {"agent keys": sorted(agent), "skill keys": sorted(read | skill_only), "command keys": sorted(read)}


def tool_facts(r):
    m = r.search(r'(\w+)=(\[(?:"\w+",?)+\]),(\w+)=\{Task:"Agent"', '{Task:"Agent"', group=None)
    tools = js_list(m.group(2))
    line = m.string
    aliases = dict(re.findall(r'(\w+):"(\w+)"', line[m.end() - len('{Task:"Agent"'):][:600].split("}")[0]))
    extra = r.search(r"\{\.\.\." + re.escape(m.group(3)) + r",([^}]*)\}", "..." + m.group(3) + ",")
    aliases.update(re.findall(r'(\w+):"(\w+)"', extra))
    return {"tools": tools, "tool aliases": dict(sorted(aliases.items()))}


def model_facts(r):
    needle = r'return e.replace(/\[1m\]$/i,"")'
    strip = r.search(r"function (\w+)\(e\)\{return e\.replace\(/\\\[(\w+)\\\]\$/i,\"\"\)\}", needle, group=None)
    line = strip.string
    alias_fn = re.search(r"function \w+\(e\)\{if\((\w+)\(e\)\)return!0;let r=" + strip.group(1) + r"\(e\);return r!==e", line)
    alias_var = re.search(r"function " + alias_fn.group(1) + r"\(e\)\{return (\w+)\.includes\(e\)\}", line).group(1)
    aliases = js_list(definition(line, alias_var, r))
    fam = re.search(r"var (\w+)=(\[[^\]]*\]),(?:\w+=\[[^\]]*\],)*" + alias_var + "=", line)
    families = js_list(fam.group(2))
    families += re.findall(r';var \w+="(claude-[\w-]+)";function ' + alias_fn.group(1), line)
    return {"model aliases": aliases, "model families": sorted(families),
            "model suffixes (after any alias)": ["[" + strip.group(2) + "]"]}


def value_facts(r):
    table = r.search(r'=(\{(?:\w+:"\w+_FOR_SUBAGENTS_ONLY",?)+\})', '_FOR_SUBAGENTS_ONLY"')
    colors = re.findall(r'(\w+):"\w+_FOR_SUBAGENTS_ONLY"', table)
    m = r.search(r"Cannot set permission mode: must be one of \$\{(\w+)\.join", "Cannot set permission mode: must be one of", group=None)
    line, var = m.string, m.group(1)
    modes = js_list(definition(line, var, r))
    alias = re.search(r'function \w+\(e\)\{return e==="(\w+)"\?"(\w+)":e\}', line)
    m = r.search(r"let n=String\(e\)\.toLowerCase\(\),o=(\w+)\[n\]\?\?n;if\((\w+)\(o\)\)return o", "=String(e).toLowerCase(),o=", group=None)
    line = m.string
    levels_var = re.search(r"function " + m.group(2) + r"\(e\)\{return (\w+)\.includes\(e\)\}", line).group(1)
    levels = js_list(definition(line, levels_var, r))
    effort_aliases = dict(re.findall(r'(\w+):"(\w+)"', definition(line, m.group(1), r)))
    return {"colors": colors, "permission modes": modes,
            "permission mode aliases": {alias.group(1): alias.group(2)} if alias else {},
            "effort levels": levels, "effort aliases": effort_aliases}


def release_facts(r):
    facts = {}
    for f in (key_facts, tool_facts, hook_facts, model_facts, value_facts):
        facts.update(f(r))
    return facts


# ---- the catalogs -----------------------------------------------------------------------

def load(name):
    with open(os.path.join(CATALOG, name + ".toml"), "rb") as f:
        return tomllib.load(f)


def key(c, name):
    return next(k for k in c["key"] if k["name"] == name)


def catalog_facts():
    a, s, c = load("claude-code-agent"), load("claude-code-skill"), load("claude-code-command")
    names = lambda cat: sorted(k["name"] for k in cat["key"])
    models = [m["name"] for m in a["model"] if m["name"] != "inherit"]
    return {
        "agent keys": names(a),
        "skill keys": sorted(set(names(s)) - CATALOG_FOR_OTHER_READERS["skill"]),
        "command keys": names(c),
        "tools": [t["name"] for t in a["tool"]],
        "tool aliases": dict(sorted((t["name"], t["to"]) for t in a["tool_alias"])),
        "removed tools": [t["name"] for t in a["tool_removed"]],
        "hook events": a.get("hook_events", []), "guard hook events": a.get("guard_hook_events", []),
        "hooks scan: unscanned top-level keys": a.get("hooks_unscanned_keys", []),
        "hooks scan: depth": a.get("hooks_scan_depth", 0),
        "hook handlers": {h["name"]: {"required": sorted(h.get("required", [])),
                                      "fields": dict(sorted(h.get("fields", {}).items()))}
                          for h in a.get("hook_handler", [])},
        "model aliases": models, "model families": sorted(a["model_families"]),
        "model suffixes (after any alias)": a.get("model_suffixes", []),
        "colors": [v["name"] for v in key(a, "color")["values"]],
        "permission modes": [v["name"] for v in key(a, "permissionMode")["values"]],
        "permission mode aliases": {x["name"]: x["to"] for x in key(a, "permissionMode").get("aliases", [])},
        "effort levels": [v["name"] for v in key(a, "effort")["values"]],
        "effort aliases": {x["name"]: x["to"] for x in key(a, "effort").get("aliases", [])},
        "tool_version": {n: load(n)["tool_version"] for n in ("claude-code-agent", "claude-code-skill", "claude-code-command")},
    }


# ---- the comparison ---------------------------------------------------------------------

def diff(name, rel, cat, r):
    if name == "tools":
        # The release's list is the tools it documents; the catalog may also know tools
        # that only some sessions have, which must at least exist in the release.
        out = [f"  + {t} (in the release, not in the catalog)" for t in rel if t not in cat]
        out += [f"  - {t} (in the catalog, not anywhere in the release)" for t in cat if t not in rel and not r.has_string(t)]
        return out
    if isinstance(rel, dict) and isinstance(cat, dict):
        out = []
        for k in sorted(set(rel) | set(cat)):
            if k not in cat:
                out.append(f"  + {k}: {json.dumps(rel[k])} (in the release, not in the catalog)")
            elif k not in rel:
                out.append(f"  - {k}: {json.dumps(cat[k])} (in the catalog, not in the release)")
            elif rel[k] != cat[k]:
                out.append(f"  ~ {k}: release {json.dumps(rel[k])}, catalog {json.dumps(cat[k])}")
        return out
    if isinstance(rel, list):
        return ([f"  + {x} (in the release, not in the catalog)" for x in rel if x not in cat]
                + [f"  - {x} (in the catalog, not in the release)" for x in cat if x not in rel])
    return [] if rel == cat else [f"  ~ release {rel}, catalog {cat}"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("version", nargs="?", default=load("claude-code-agent")["tool_version"])
    ap.add_argument("--bin")
    a = ap.parse_args()
    binary = a.bin or fetch(a.version)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=60).stdout.split()[0]
    r = Release(binary)
    try:
        rel = release_facts(r)
    except (Missing, AttributeError, StopIteration) as e:
        print(f"anchor not found in {binary}: {e}", file=sys.stderr)
        return 2
    rel["tool_version"] = {n: version for n in ("claude-code-agent", "claude-code-skill", "claude-code-command")}
    cat = catalog_facts()
    rel["removed tools"] = [t for t in cat["removed tools"] if t in rel["tools"] or t in rel["tool aliases"]]
    cat["removed tools"] = []
    print(f"Claude Code {version} ({binary}) against server/catalog/")
    differences = 0
    for name in rel:
        lines = diff(name, rel[name], cat[name], r)
        if name == "removed tools":
            lines = [f"  ~ {t} is a removed tool in the catalog but a tool or alias of the release" for t in rel[name]]
        size = len(rel[name]) if isinstance(rel[name], (list, dict)) else rel[name]
        print(f"{name}: {'same' if not lines else 'DIFFERENT'} ({size})")
        for line in lines:
            print(line)
        differences += len(lines)
    print(f"{differences} difference(s)")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())
