import json, re, sys
# usage: clean.py IN.jsonl PREFIX_TO_STRIP NEW_PREFIX
src, strip, new = sys.argv[1], sys.argv[2], sys.argv[3]
scratch = re.compile(r"/tmp/ocoracle-[^/]+/xdg/[^/]+/")
for line in open(src):
    r = json.loads(line)
    if "summary" in r:
        s = r["summary"]; s.pop("seconds", None)
        if s.get("combined"): s["combined"].pop("seconds", None)
        if s.get("combined") and s["combined"].get("error"):
            s["combined"]["error"] = s["combined"]["error"].replace(strip, new)
        print(json.dumps(r, ensure_ascii=False)); continue
    r.pop("seconds", None)
    r["file"] = r["file"].replace(strip, new)
    if r.get("error"): r["error"] = r["error"].replace(strip, new)
    perm = (r.get("resolved") or {}).get("permission")
    if isinstance(perm, list):
        r["resolved"]["permission"] = [p for p in perm if not scratch.search(str(p.get("pattern", "")))]
    print(json.dumps(r, ensure_ascii=False, sort_keys=True))
