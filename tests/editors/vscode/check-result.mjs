// Asserts on the JSON the probe extension wrote. Prints `ok: ...` lines, or `FAIL: <reason>` and
// exits 1.
import { readFileSync } from 'node:fs';

const r = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const fail = (msg) => {
  console.log(`FAIL: ${msg}`);
  process.exit(1);
};
const ok = (msg) => console.log(`ok: ${msg}`);

if (r.error) fail(`probe: ${r.error.split('\n')[0]}`);
if (!r.installed) fail('Agent LSP extension not installed from the .vsix');
if (!r.activated) fail('Agent LSP did not activate on a workspace with .claude/agents');
ok('extension installed from .vsix and activated by workspaceContains');

const claudeGlobs = ['**/.claude/agents/**/*.md', '**/.claude/skills/**/SKILL.md'];
if (!r.associations || claudeGlobs.some((g) => r.associations[g] !== 'markdown'))
  fail(`agentLsp.claudeFiles = agentLsp did not map Claude files to markdown: ${JSON.stringify(r.associations)}`);
if (r.demoLanguageId !== 'markdown') fail(`demo.md has language ${r.demoLanguageId}, not markdown, after the association`);
ok('coexistence choice applied: workspace files.associations maps Claude agents and skills to markdown');

const codes = r.demoDiagnostics.map((d) => d.code);
const tool = r.demoDiagnostics.find((d) => d.code === 'unknown-tool');
if (!tool || !tool.message.includes('Raed')) fail(`no unknown-tool diagnostic mentioning Raed: ${JSON.stringify(r.demoDiagnostics)}`);
if (tool.severity !== 'warning') fail(`unknown-tool severity is ${tool.severity}`);
if (!codes.includes('unknown-key')) fail(`no unknown-key diagnostic: ${codes}`);
ok(`agent-lsp diagnostics on demo.md (language ${r.demoLanguageId}): ${codes.join(', ')}`);

const shownTwice = r.demoDiagnostics.filter((d, i) =>
  r.demoDiagnostics.findIndex((e) => e.code === d.code && e.line === d.line && e.message === d.message) !== i);
if (shownTwice.length) fail(`diagnostics shown twice on demo.md (pushed and pulled?): ${JSON.stringify(shownTwice)}`);
ok('each diagnostic on demo.md shown once');

const twin = (r.closedTwinDiagnostics || []).find((d) => d.code === 'duplicate-agent-name');
if (!twin || twin.severity !== 'error' || !twin.message.includes('twin-b.md'))
  fail(`no duplicate-agent-name error on the closed twin-a.md: ${JSON.stringify(r.closedTwinDiagnostics)}`);
ok(`closed file's duplicate name listed: ${twin.message}`);

const dash = r.badNameDiagnostics.find((d) => d.code === 'name-leading-dash');
if (!dash || dash.severity !== 'error') fail(`no name-leading-dash error: ${JSON.stringify(r.badNameDiagnostics)}`);
ok('name-leading-dash error on bad-name.md');

if (!r.hover.includes('`tools`')) fail(`hover on tools lacks \`tools\`: ${JSON.stringify(r.hover.slice(0, 200))}`);
ok('hover on `tools`');

const missing = ['sonnet', 'opus', 'haiku', 'inherit'].filter((l) => !r.completionLabels.includes(l));
if (missing.length) fail(`completion after "model: " lacks ${missing}: ${r.completionLabels.slice(0, 20)}`);
ok(`completion after "model: " (${r.completionLabels.length} items)`);

const duplicates = (labels) => labels.filter((l, i) => labels.indexOf(l) !== i);
const oneHover = (hovers, where) => {
  if (hovers.length !== 1) fail(`${hovers.length} hovers on model: in ${where}: ${JSON.stringify(hovers.map((h) => h.slice(0, 80)))}`);
};
oneHover(r.modelHovers, 'demo.md');
if (!r.modelHovers[0].includes('`model`')) fail(`the hover on model: in demo.md is not agent-lsp's: ${r.modelHovers[0].slice(0, 120)}`);
ok("exactly one hover on model: in demo.md, agent-lsp's");
for (const [name, labels] of [['model value, demo.md', r.completionLabels], ['key, demo.md', r.keyLabels],
  ['model value, reviewer.agent.md', r.copilotValueLabels], ['key, reviewer.agent.md', r.copilotKeyLabels]]) {
  const dup = duplicates(labels);
  if (dup.length) fail(`duplicate completion labels (${name}): ${dup}`);
}
if (!r.keyLabels.includes('color')) fail(`key completion in demo.md lacks color: ${r.keyLabels}`);
ok(`no duplicate completion labels (demo.md: ${r.completionLabels.length} values, ${r.keyLabels.length} keys; reviewer.agent.md: ${r.copilotValueLabels.length} values, ${r.copilotKeyLabels.length} keys)`);
if (r.copilotLanguageId !== 'chatagent') fail(`reviewer.agent.md has language ${r.copilotLanguageId}, not VS Code's chatagent`);
oneHover(r.copilotModelHovers, 'reviewer.agent.md');
ok("Copilot agent keeps VS Code's language and its single hover on model:");

if (r.readmeDiagnostics.length) fail(`agent-lsp diagnosed docs/README.md: ${JSON.stringify(r.readmeDiagnostics)}`);
ok('no agent-lsp diagnostics on docs/README.md');

if (!r.hoverAfterRestart.includes('`tools`')) fail('no hover after Agent LSP: Restart Server');
ok('hover answers again after Agent LSP: Restart Server');
