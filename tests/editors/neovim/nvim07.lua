-- Debian bookworm's Neovim 0.7.2: the old client API (`vim.lsp.start_client`) driven with the
-- shipped config's `cmd`, `before_init` and `is_agent_file`. Proves the server's lifecycle with a
-- client that waits for the server process to exit after `exit` (tower-lsp 0.20 servers hang
-- here), and that diagnostics arrive.
-- Env: AGENT_LSP_REPO, AGENT_LSP_PROJECT, AGENT_LSP_PIDFILE (the server pid is written there so
-- the calling script can check nothing is left running after :qall).
vim.cmd('filetype plugin indent on')
local repo = os.getenv('AGENT_LSP_REPO')
local project = os.getenv('AGENT_LSP_PROJECT')
local config = dofile(repo .. '/editors/neovim/lsp/agent_lsp.lua')
local timeout = 15000

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function check(cond, msg)
  if not cond then
    error(msg, 0)
  end
end

local exits = {}

local function start(buf)
  local id = vim.lsp.start_client({
    name = 'agent_lsp',
    cmd = config.cmd,
    root_dir = project,
    settings = config.settings,
    before_init = config.before_init,
    on_exit = function(code, signal, client_id)
      exits[client_id] = { code = code, signal = signal }
    end,
  })
  check(id, 'start_client failed')
  vim.lsp.buf_attach_client(buf, id)
  return id
end

local function run()
  vim.cmd('edit ' .. project .. '/.claude/agents/demo.md')
  local buf = vim.api.nvim_get_current_buf()
  check(config.is_agent_file(vim.api.nvim_buf_get_name(buf)), 'is_agent_file rejects demo.md')
  -- The same cases as the VS Code selector's unit test, so both editors pick the same files.
  for _, path in ipairs({
    '/p/.claude/agents/team/reviewer.md', '/p/.claude/commands/frontend/lint.md', '/p/.claude/skills/pdf/SKILL.md',
    '/p/.github/agents/planner.md', '/p/docs/x.agent.md', '/p/.github/chatmodes/old.chatmode.md',
    '/p/.github/prompts/review.prompt.md', '/p/.github/instructions/rust.instructions.md',
    '/p/.opencode/agent/review.md', '/p/.opencode/agents/sub/review.md', '/p/.cursor/rules/style.mdc',
    'C:\\p\\.claude\\agents\\win.md',
  }) do
    check(config.is_agent_file(path), 'is_agent_file rejects ' .. path)
  end
  for _, path in ipairs({
    project .. '/docs/README.md', '/p/README.md', '/p/docs/agents/intro.md', '/p/.claude/CLAUDE.md',
    '/p/.claude/skills/pdf/reference.md', '/p/.claude/agents/notes.txt', '/p/agent.md',
    '/p/.github/copilot-instructions.md', '/p/.opencode/opencode.md', '/p/.cursor/rules/notes.md',
  }) do
    check(not config.is_agent_file(path), 'is_agent_file accepts ' .. path)
  end
  say('ok: is_agent_file selects the agent files and nothing else')

  local id = start(buf)
  check(vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) >= 2
  end, 50), 'expected 2 diagnostics, got ' .. #vim.diagnostic.get(buf))
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    found[tostring(d.code)] = true
  end
  check(found['unknown-tool'] and found['unknown-key'], 'missing unknown-tool/unknown-key: ' .. vim.inspect(vim.tbl_keys(found)))
  say('ok: diagnostics')

  -- stop_client sends shutdown then exit and waits for the process; on_exit must report 0.
  vim.lsp.stop_client(id)
  check(vim.wait(timeout, function()
    return exits[id] ~= nil
  end, 50), 'server did not exit after shutdown/exit')
  check(exits[id].code == 0 and exits[id].signal == 0,
    ('server exited with code %s signal %s'):format(exits[id].code, exits[id].signal))
  say('ok: stopped, server exit code 0')

  -- Quitting with a live client: Neovim 0.7 sends shutdown/exit on VimLeavePre and waits.
  local id2 = start(buf)
  check(vim.wait(timeout, function()
    local c = vim.lsp.get_client_by_id(id2)
    return c ~= nil and c.initialized
  end, 50), 'second client did not initialize')
  local pidfile = io.open(os.getenv('AGENT_LSP_PIDFILE'), 'w')
  pidfile:write(tostring(vim.lsp.get_client_by_id(id2).rpc.pid))
  pidfile:close()
  say('ok: second client up, quitting')
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true,
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      say('FAIL: ' .. tostring(err))
      vim.cmd('cquit 1')
    end
  end,
})
