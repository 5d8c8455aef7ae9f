// Which documents agent-lsp handles. Agent files are plain Markdown to VS Code, so the client
// selects them by path; Copilot's own language ids are added for VS Code versions that assign
// them to .agent.md / .prompt.md / .instructions.md / SKILL.md files.
import type { DocumentSelector } from 'vscode-languageclient';

/** Glob patterns (VS Code glob syntax, matched against the full path) of agent files. */
export const AGENT_FILE_GLOBS: readonly string[] = [
  '**/.claude/agents/**/*.md', // Claude Code subagents
  '**/.claude/commands/**/*.md', // Claude Code slash commands
  '**/.claude/skills/*/SKILL.md', // Claude Code skills
  '**/.github/agents/**/*.md', // Copilot custom agents: any .md in that folder
  '**/*.agent.md', // Copilot custom agents anywhere
  '**/*.chatmode.md', // Copilot's legacy name for agents
  '**/*.prompt.md', // Copilot prompt files
  '**/*.instructions.md', // Copilot instructions files
  '**/.opencode/{agent,agents}/**/*.md', // OpenCode agents
  '**/.cursor/rules/**/*.mdc', // Cursor rules
];

/** VS Code's built-in language ids for Copilot customization files. */
export const COPILOT_LANGUAGE_IDS: readonly string[] = ['chatagent', 'prompt', 'instructions', 'skill'];

/**
 * The language client's document selector. Path patterns carry no language so that a file keeps
 * matching whichever language id VS Code gives it; only files on disk (`file` scheme) are sent,
 * since the server reads sibling files (skills, agents) relative to them.
 */
export function documentSelector(): DocumentSelector {
  return [
    ...AGENT_FILE_GLOBS.map((pattern) => ({ scheme: 'file', pattern })),
    ...COPILOT_LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
  ];
}
