-- Headless Neovim 0.11 test of editors/neovim/lsp/agent_lsp.lua, loaded unchanged, in one of
-- the two ways editors/README.md tells users:
--   AGENT_LSP_MODE=enable  the file on 'runtimepath' + `vim.lsp.enable('agent_lsp')` (0.11+)
--   AGENT_LSP_MODE=legacy  the README's `vim.lsp.start` snippet for 0.8-0.10 (AGENT_LSP_SNIPPET),
--                          which loads the file from stdpath('config')/lsp/
-- `agent-lsp` is found on PATH (run.sh puts the binary under test there).
-- Env also: AGENT_LSP_REPO (repo root), AGENT_LSP_PROJECT (a temp copy of the fixture project).
-- Prints `ok: ...` lines, or `FAIL: <reason>` last; the exit status tells.
vim.cmd('filetype plugin indent on')
local mode = os.getenv('AGENT_LSP_MODE')

local project = os.getenv('AGENT_LSP_PROJECT')
local timeout = 15000

local function say(msg)
  io.stdout:write(msg .. '\n')
end

local function fail(msg)
  say('FAIL: ' .. msg)
  vim.cmd('cquit 1')
end

-- Raises; the pcall in the VimEnter callback turns it into `fail`.
local function check(cond, msg)
  if not cond then
    error(msg, 0)
  end
end

-- Records how the server process ended, to prove shutdown/exit is clean (enable mode; the
-- legacy snippet has no hook for it, and neovim-0.7 covers that API's lifecycle).
local server_exit
if mode == 'enable' then
  vim.opt.runtimepath:prepend(os.getenv('AGENT_LSP_REPO') .. '/editors/neovim')
  vim.lsp.config('agent_lsp', {
    on_exit = function(code, signal)
      server_exit = { code = code, signal = signal }
    end,
  })
  vim.lsp.enable('agent_lsp')
elseif mode == 'legacy' then
  dofile(os.getenv('AGENT_LSP_SNIPPET'))
else
  error('AGENT_LSP_MODE must be enable or legacy')
end

local function agent_client(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'agent_lsp' })[1]
end

local function codes(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    out[#out + 1] = tostring(d.code)
  end
  table.sort(out)
  return table.concat(out, ',')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/.claude/agents/demo.md'))
  local buf = vim.api.nvim_get_current_buf()
  check(vim.wait(timeout, function()
    return agent_client(buf) ~= nil
  end, 50), 'agent_lsp did not attach to .claude/agents/demo.md')
  local client = agent_client(buf)
  say('ok: attached, root_dir=' .. tostring(client.root_dir))
  check(client.root_dir == project, 'root_dir is ' .. tostring(client.root_dir) .. ', expected ' .. project)

  check(vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) >= 2
  end, 50), 'expected 2 diagnostics, got [' .. codes(buf) .. ']')
  local by_code = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    by_code[tostring(d.code)] = d
    check(d.source == 'agent-lsp', 'diagnostic source is ' .. tostring(d.source))
  end
  check(by_code['unknown-tool'] and by_code['unknown-tool'].message:find('Raed', 1, true),
    'no unknown-tool diagnostic mentioning Raed: [' .. codes(buf) .. ']')
  check(by_code['unknown-tool'].severity == vim.diagnostic.severity.WARN, 'unknown-tool is not a warning')
  check(by_code['unknown-key'], 'no unknown-key diagnostic: [' .. codes(buf) .. ']')
  -- Each problem once: a server that pushed and answered pulls too showed each twice.
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local key = ('%s:%d:%d:%s'):format(tostring(d.code), d.lnum, d.col, d.message)
    check(not seen[key], 'diagnostic shown twice: ' .. key)
    seen[key] = true
  end
  say('ok: diagnostics [' .. codes(buf) .. ']')

  -- Hover on the `tools` key (line 4, 0-based 3).
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 3, character = 1 },
  }, timeout)
  local hover_result = hover and hover[client.id] and hover[client.id].result
  check(hover_result, 'no hover result: ' .. vim.inspect(hover))
  local hover_text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(hover_result.contents), '\n')
  check(hover_text:find('`tools`', 1, true), 'hover does not mention `tools`: ' .. hover_text)
  say('ok: hover')

  -- Completion right after `model: ` (line 5, 0-based 4, column 7).
  local compl = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 4, character = 7 },
  }, timeout)
  local compl_result = compl and compl[client.id] and compl[client.id].result
  check(compl_result, 'no completion result: ' .. vim.inspect(compl))
  local labels = {}
  for _, item in ipairs(compl_result.items or compl_result) do
    labels[item.label] = true
  end
  for _, want in ipairs({ 'sonnet', 'opus', 'haiku', 'inherit' }) do
    check(labels[want], 'completion lacks ' .. want .. ': ' .. table.concat(vim.tbl_keys(labels), ','))
  end
  say('ok: completion')

  -- An edit that fixes the typo must clear that diagnostic (didChange reaches the server).
  vim.api.nvim_buf_set_lines(buf, 3, 4, false, { 'tools: Read, Grep' })
  check(vim.wait(timeout, function()
    return by_code['unknown-tool'] and not codes(buf):find('unknown-tool', 1, true)
  end, 50), 'unknown-tool still reported after fixing it: [' .. codes(buf) .. ']')
  say('ok: didChange re-published [' .. codes(buf) .. ']')

  -- Go to definition from `Agent(demo-agent)` in lead.md (line 4, 0-based 3, column 14)
  -- lands on demo.md's `name:` value; then rename it from there: both files change.
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/.claude/agents/lead.md'))
  local lead = vim.api.nvim_get_current_buf()
  check(vim.wait(timeout, function()
    return agent_client(lead) ~= nil
  end, 50), 'agent_lsp did not attach to lead.md')
  -- The workspace is indexed in the background: ask until the answer comes.
  local def, locations
  vim.wait(timeout, function()
    def = vim.lsp.buf_request_sync(lead, 'textDocument/definition', {
      textDocument = { uri = vim.uri_from_bufnr(lead) },
      position = { line = 3, character = 14 },
    }, timeout)
    locations = def and def[client.id] and def[client.id].result
    return locations ~= nil and locations[1] ~= nil
  end, 100)
  check(locations and locations[1], 'no definition: ' .. vim.inspect(def))
  local target = locations[1].uri or locations[1].targetUri
  check(target == vim.uri_from_bufnr(buf) and (locations[1].range or locations[1].targetRange).start.line == 1,
    'definition is not demo.md line 2: ' .. vim.inspect(locations))
  say('ok: definition from Agent(demo-agent) to demo.md')
  vim.api.nvim_win_set_cursor(0, { 4, 14 })
  vim.lsp.buf.rename('demo-helper')
  check(vim.wait(timeout, function()
    local l = vim.api.nvim_buf_get_lines(lead, 3, 4, false)[1]
    local d = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
    return l == 'tools: Agent(demo-helper), Read' and d == 'name: demo-helper'
  end, 50), 'rename did not edit both files: ' .. vim.inspect({
    vim.api.nvim_buf_get_lines(lead, 3, 4, false)[1], vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1] }))
  say('ok: rename edited lead.md and demo.md')

  -- Ordinary Markdown outside the agent folders must not get the server.
  vim.cmd('edit ' .. vim.fn.fnameescape(project .. '/docs/README.md'))
  local readme = vim.api.nvim_get_current_buf()
  check(vim.bo[readme].filetype == 'markdown', 'README.md filetype is ' .. vim.bo[readme].filetype)
  vim.wait(500)
  check(agent_client(readme) == nil, 'agent_lsp attached to docs/README.md')
  say('ok: not attached to docs/README.md')

  -- Clean stop: shutdown + exit, and the server process exits with status 0.
  client:stop()
  check(vim.wait(timeout, function()
    return client:is_stopped() and (mode ~= 'enable' or server_exit ~= nil)
  end, 50), 'client did not stop / server did not exit')
  if mode == 'enable' then
    check(server_exit.code == 0 and server_exit.signal == 0,
      ('server exited with code %s signal %s'):format(server_exit.code, server_exit.signal))
    say('ok: stopped, server exit code 0')
  else
    say('ok: stopped')
  end
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so :edit inside fires FileType and the LSP attaches
  callback = function()
    local ok, err = pcall(run)
    if not ok then
      fail(tostring(err))
    end
  end,
})
