import assert from 'node:assert/strict';
import { test } from 'node:test';
import { claudeFilesAction, servedByBuiltin, withClaudeAssociations } from '../src/coexistence';

test('VS Code 1.139 serves chatagent, prompt, instructions and skill itself; markdown is agent-lsp alone', () => {
  for (const id of ['chatagent', 'prompt', 'instructions', 'skill']) assert.ok(servedByBuiltin(id), id);
  assert.ok(!servedByBuiltin('markdown'));
});

test('Claude associations are added to the user\'s own, and only when missing', () => {
  const added = withClaudeAssociations({ '*.foo': 'bar' });
  assert.equal(added?.['*.foo'], 'bar');
  assert.equal(added?.['**/.claude/agents/**/*.md'], 'markdown');
  assert.equal(withClaudeAssociations(added), undefined);
  assert.ok(withClaudeAssociations({ '**/.claude/agents/**/*.md': 'chatagent' }));
});

test('the setting wins over the remembered answer; "ask" asks only once', () => {
  assert.equal(claudeFilesAction('agentLsp', 'vscode'), 'apply');
  assert.equal(claudeFilesAction('vscode', undefined), 'nothing');
  assert.equal(claudeFilesAction('ask', undefined), 'ask');
  assert.equal(claudeFilesAction(undefined, undefined), 'ask');
  assert.equal(claudeFilesAction('ask', 'vscode'), 'nothing');
});
