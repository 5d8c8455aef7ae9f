import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { AGENT_FILE_GLOBS, COPILOT_LANGUAGE_IDS, documentSelector } from '../src/agentFiles';

const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));

// VS Code matches `pattern` filters against the absolute path with its own glob rules: `**`
// spans any folders, dot-folders included (unlike minimatch's default), and `*` stays within one
// path segment; `{a,b}` is an alternative. This converter implements exactly those rules.
function vscodeGlob(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob.startsWith('**/', i)) {
      re += '(?:.*/)?';
      i += 2;
    } else if (glob[i] === '*') {
      re += '[^/]*';
    } else if (glob[i] === '{') {
      const end = glob.indexOf('}', i);
      re += `(?:${glob.slice(i + 1, end).split(',').join('|')})`;
      i = end;
    } else {
      re += glob[i].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`);
}
const selected = (file: string) => AGENT_FILE_GLOBS.some((g) => vscodeGlob(g).test(file));

test('package.json activation events are the agent-file globs and Copilot languages', () => {
  // Activation must cover exactly what the client selects: a workspace with any agent file.
  assert.deepEqual(pkg.activationEvents, [
    ...AGENT_FILE_GLOBS.map((glob) => `workspaceContains:${glob}`),
    ...COPILOT_LANGUAGE_IDS.map((id) => `onLanguage:${id}`),
  ]);
  assert.ok(!pkg.activationEvents.includes('onLanguage:markdown'), 'must not activate on every Markdown file');
});

test('selector: agent files are selected', () => {
  for (const file of [
    '/home/u/proj/.claude/agents/demo.md',
    '/home/u/proj/.claude/agents/team/reviewer.md',
    '/home/u/proj/.claude/commands/deploy.md',
    '/home/u/proj/.claude/commands/frontend/lint.md',
    '/home/u/proj/.claude/skills/pdf/SKILL.md',
    '/home/u/.claude/agents/global.md',
    '/home/u/proj/.github/agents/planner.md',
    '/home/u/proj/.github/agents/planner.agent.md',
    '/home/u/proj/docs/x.agent.md',
    '/home/u/proj/.github/chatmodes/old.chatmode.md',
    '/home/u/proj/.github/prompts/review.prompt.md',
    '/home/u/proj/.github/instructions/rust.instructions.md',
    '/home/u/proj/.opencode/agent/review.md',
    '/home/u/proj/.opencode/agents/sub/review.md',
    '/home/u/proj/.cursor/rules/style.mdc',
  ]) {
    assert.ok(selected(file), `${file} should be selected`);
  }
});

test('selector: ordinary Markdown is not selected', () => {
  for (const file of [
    '/home/u/proj/README.md',
    '/home/u/proj/docs/agents/intro.md',
    '/home/u/proj/.claude/CLAUDE.md',
    '/home/u/proj/.claude/skills/pdf/reference.md',
    '/home/u/proj/.claude/agents/notes.txt',
    '/home/u/proj/agent.md',
    '/home/u/proj/.github/copilot-instructions.md',
    '/home/u/proj/.opencode/opencode.md',
    '/home/u/proj/.cursor/rules/notes.md',
  ]) {
    assert.ok(!selected(file), `${file} should not be selected`);
  }
});

test('selector: only files on disk, path filters carry no language, Copilot language ids included', () => {
  const selector = documentSelector() as { scheme?: string; language?: string; pattern?: string }[];
  assert.ok(selector.every((f) => f.scheme === 'file'));
  assert.deepEqual(
    selector.filter((f) => f.pattern).map((f) => [f.pattern, f.language]),
    AGENT_FILE_GLOBS.map((g) => [g, undefined]),
  );
  assert.deepEqual(
    selector.filter((f) => f.language).map((f) => f.language),
    [...COPILOT_LANGUAGE_IDS],
  );
  assert.deepEqual([...COPILOT_LANGUAGE_IDS], ['chatagent', 'prompt', 'instructions', 'skill']);
});
