// One voice per file beside VS Code's built-in agent support. VS Code (checked against 1.139)
// gives some agent files its own languages (`chatagent`, `prompt`,
// `instructions`, `skill`, from its prompt-basics extension's file patterns) and registers
// hover, completion and a validator for exactly those language ids. No setting turns them off;
// only the language id decides. So:
// - where the file has a built-in language, VS Code speaks for hover and completion and
//   agent-lsp only adds its diagnostics (VS Code is the loader of Copilot files, and its hover
//   describes them as it reads them);
// - Claude Code files VS Code also claims (`.claude/agents/*.md`, `.claude/skills/*/SKILL.md`)
//   are judged there by Copilot's reading, which rejects what Claude Code accepts. The extension
//   offers to map them to `markdown` in the workspace's `files.associations`: VS Code's support
//   then leaves them alone and agent-lsp is their only voice. Copilot Chat still finds them,
//   since it discovers agent and skill files by location, not by language.

import { COPILOT_LANGUAGE_IDS } from './agentFiles';

/** True when VS Code's own hover and completion serve a document of this language. */
export function servedByBuiltin(languageId: string): boolean {
  return COPILOT_LANGUAGE_IDS.includes(languageId);
}

/**
 * `files.associations` entries that hand Claude Code files back to plain Markdown. They cover
 * the paths VS Code's patterns claim (`**\/.claude/agents/*.md`, `SKILL.md` anywhere) within
 * Claude's folders only; Copilot's `.github/skills` keep VS Code's language.
 */
export const CLAUDE_ASSOCIATIONS: Readonly<Record<string, string>> = {
  '**/.claude/agents/**/*.md': 'markdown',
  '**/.claude/skills/**/SKILL.md': 'markdown',
};

/** Finds the Claude Code files VS Code's built-in support would claim. */
export const CLAIMED_CLAUDE_FILES = '{**/.claude/agents/*.md,**/.claude/skills/*/SKILL.md}';

/** The `agentLsp.claudeFiles` setting: ask once per workspace, always agent-lsp, or leave VS Code's. */
export type ClaudeFilesMode = 'ask' | 'agentLsp' | 'vscode';

/** `associations` with the Claude entries added, or undefined when all are already there. */
export function withClaudeAssociations(
  associations: Readonly<Record<string, string>> | undefined,
): Record<string, string> | undefined {
  const current = associations ?? {};
  const missing = Object.entries(CLAUDE_ASSOCIATIONS).filter(([glob, lang]) => current[glob] !== lang);
  if (!missing.length) return undefined;
  return { ...current, ...Object.fromEntries(missing) };
}

/** What to do on activation, given the setting and the answer remembered for this workspace. */
export function claudeFilesAction(
  mode: ClaudeFilesMode | undefined,
  remembered: string | undefined,
): 'apply' | 'ask' | 'nothing' {
  if (mode === 'agentLsp') return 'apply';
  if (mode === 'vscode') return 'nothing';
  return remembered ? 'nothing' : 'ask';
}
