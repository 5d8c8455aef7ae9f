"""`agent-lsp mcp` driven by the official Python MCP client SDK (the `mcp` package), as an
agent's MCP host drives it: stdio transport, initialize, list the tools, call each.
Run by .ci/mcp-sdk.sh; ends with "mcp-sdk: N passed, M failed".

Usage: python client.py AGENT_LSP_BINARY REPOSITORY_ROOT
"""

import asyncio
import json
import sys

from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

AGENT = "---\nname: reviewer\ndescription: Reviews code\ntools: Read, Raed\n---\nBody.\n"

results = {"passed": 0, "failed": 0}


def expect(ok, what, detail=""):
    if ok:
        results["passed"] += 1
        print(f"ok: {what}")
    else:
        results["failed"] += 1
        print(f"FAILED: {what}\n{detail}")


def text_of(result):
    return "".join(c.text for c in result.content if getattr(c, "type", "") == "text")


async def run(binary, root):
    server = StdioServerParameters(command=binary, args=["mcp"], cwd=root)
    async with stdio_client(server) as (read, write):
        async with ClientSession(read, write) as session:
            init = await session.initialize()
            expect(init.server_info.name == "agent-lsp", "initialize names the server", init)
            listed = await session.list_tools()
            names = sorted(t.name for t in listed.tools)
            expect(names == ["check", "explain", "inspect", "list_rules"], "four tools", names)
            schemas = {t.name: t.input_schema for t in listed.tools}
            expect("text" in schemas["check"].get("properties", {}), "check takes text", schemas)

            checked = await session.call_tool("check", {"text": AGENT})
            body = json.loads(text_of(checked))
            codes = [d["code"] for d in body["files"][0]["diagnostics"]]
            expect(not checked.is_error and "unknown-tool" in codes, "check finds Raed", codes)

            folder = await session.call_tool("check", {"path": "examples"})
            expect(
                "duplicate-agent-name" in text_of(folder) and "SKILL.md" in text_of(folder),
                "check reads a folder of every format",
                text_of(folder)[:400],
            )
            missing = await session.call_tool("check", {"path": "no/such/folder"})
            expect(missing.is_error, "a missing path is a tool error", text_of(missing))

            inspected = await session.call_tool("inspect", {"text": "---\ndescription: x\n---\n"})
            expect(json.loads(text_of(inspected))["loads"] is False, "inspect: no name, not loaded",
                   text_of(inspected))

            explained = await session.call_tool("explain", {"code": "unknown-tool"})
            expect(text_of(explained).startswith("unknown-tool: warning"), "explain a rule",
                   text_of(explained)[:200])
            typo = await session.call_tool("explain", {"code": "unknwon-tool"})
            expect(typo.is_error and "did you mean `unknown-tool`?" in text_of(typo),
                   "explain suggests the nearest code", text_of(typo))

            rules = json.loads(text_of(await session.call_tool("list_rules", {})))
            expect(len(rules) > 40, "list_rules lists the registry", len(rules))


def main():
    binary, root = sys.argv[1], sys.argv[2]
    try:
        asyncio.run(asyncio.wait_for(run(binary, root), timeout=60))
    except Exception as e:  # the run itself failed: count it, say why
        expect(False, "the session ran to the end", repr(e))
    print(f"mcp-sdk: {results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)


main()
