-- agent-lsp for Neovim, in the nvim-lspconfig shape.
--
-- Neovim 0.11+: copy this file to `~/.config/nvim/lsp/agent_lsp.lua` (any `lsp/` directory on
-- 'runtimepath' works) and call `vim.lsp.enable('agent_lsp')`.
-- Neovim 0.8-0.10: see editors/README.md; it reuses `cmd`, `root_markers` and `is_agent_file`
-- from this file with `vim.lsp.start`.
--
-- Agent files are ordinary Markdown to Neovim, so `filetypes` alone would attach the server to
-- every README. `root_dir` below only calls `on_dir` (which is what starts the client in 0.11)
-- for the paths that Claude Code and GitHub Copilot read as agent definitions.

-- Lua patterns matched against the buffer's full path with `/` separators.
local agent_path_patterns = {
  '/%.claude/agents/.+%.md$', -- Claude Code subagents (nested folders too)
  '/%.claude/commands/.+%.md$', -- Claude Code slash commands
  '/%.claude/skills/[^/]+/SKILL%.md$', -- Claude Code skills
  '/%.github/skills/[^/]+/SKILL%.md$', -- skills VS Code reads
  '/%.agents/skills/[^/]+/SKILL%.md$',
  '/%.copilot/skills/[^/]+/SKILL%.md$',
  '/%.github/agents/.+%.md$', -- Copilot custom agents (any .md in that folder)
  '%.agent%.md$', -- Copilot custom agents anywhere
  '%.chatmode%.md$', -- Copilot's legacy name for agents
  '%.prompt%.md$', -- Copilot prompt files
  '%.instructions%.md$', -- Copilot instructions files
  '/%.opencode/agents?/.+%.md$', -- OpenCode agents
  -- Cursor rules; Neovim gives .mdc no filetype, so this needs
  -- `vim.filetype.add({ extension = { mdc = 'markdown' } })` to reach the FileType event.
  '/%.cursor/rules/.+%.mdc$',
}

--- Whether `path` is a file agent-lsp understands. Pure Lua so it also works on Neovim < 0.8.
---@param path string
---@return boolean
local function is_agent_file(path)
  path = path:gsub('\\', '/')
  for _, pattern in ipairs(agent_path_patterns) do
    if path:find(pattern) then
      return true
    end
  end
  return false
end

local root_markers = { '.claude', '.github', '.git' }

---@type vim.lsp.Config
return {
  cmd = { 'agent-lsp' },
  filetypes = { 'markdown' },
  root_markers = root_markers,
  -- Server options, sent as initializationOptions and answered to workspace/configuration.
  -- Override with `vim.lsp.config('agent_lsp', { settings = { agentLsp = { ... } } })`.
  settings = { agentLsp = vim.empty_dict() },
  before_init = function(params, config)
    params.initializationOptions = config.settings and config.settings.agentLsp or nil
  end,
  root_dir = function(bufnr, on_dir)
    local path = vim.api.nvim_buf_get_name(bufnr)
    if path == '' or not is_agent_file(path) then
      return
    end
    -- The folder holding .claude/.github (the project), else the file's own folder, so a lone
    -- `*.agent.md` outside any project still gets the server.
    on_dir(vim.fs.root(bufnr, root_markers) or vim.fs.dirname(path))
  end,
  is_agent_file = is_agent_file,
}
