-- test.lua - drives Neovim's built-in LSP client against `ftlc lsp` through
-- the shipped configuration (editors/nvim/ftlc.lua), headless: opens a file
-- with an error, waits for its diagnostics, jumps to a definition in a pinned
-- realm's cache, formats the buffer, and writes what it saw to $OUT.
-- Environment: FTLC (the binary), EDITORS (editors/ of the source tree), OUT.
local out = {}
local function say(fmt, ...) table.insert(out, string.format(fmt, ...)) end
local function finish(status)
  local f = assert(io.open(os.getenv('OUT'), 'w'))
  f:write(table.concat(out, '\n'), '\n')
  f:close()
  vim.cmd(status == 0 and 'qall!' or 'cquit!')
end
local function check(ok, what)
  if not ok then
    say('FAILED: %s', what)
    finish(1)
  end
end

package.path = os.getenv('EDITORS') .. '/nvim/?.lua;' .. package.path
require('ftlc').setup({ cmd = { os.getenv('FTLC'), 'lsp' } })

local root = vim.fn.getcwd()
local function rel(path) return (path:gsub('^' .. vim.pesc(root) .. '/', '')) end

vim.cmd('edit orders.ftl')
local buf = vim.api.nvim_get_current_buf()
check(vim.bo.filetype == 'ftl', 'the filetype of orders.ftl is ftl')
check(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 50), 'diagnostics arrive')
say('diagnostics:')
for _, d in ipairs(vim.diagnostic.get(buf)) do
  say('  %s:%d:%d-%d:%d %s %s: %s', rel(vim.api.nvim_buf_get_name(buf)), d.lnum + 1, d.col + 1,
      d.end_lnum + 1, d.end_col + 1, d.severity == vim.diagnostic.severity.ERROR and 'error' or 'other',
      d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?',
      (d.message:gsub('\n', ' | ')))
end

-- Definition of accounts.Account@bank (line 6, on "Account"): bank's cache.
vim.api.nvim_win_set_cursor(0, { 6, 23 })
vim.lsp.buf.definition()
check(vim.wait(20000, function() return vim.api.nvim_get_current_buf() ~= buf end, 50), 'definition jumps')
local pos = vim.api.nvim_win_get_cursor(0)
say('definition: %s:%d:%d', rel(vim.api.nvim_buf_get_name(0)), pos[1], pos[2] + 1)
say('  %s', vim.api.nvim_get_current_line())

-- Back to orders.ftl: the quickfix of the diagnostic, applied as the client
-- applies edits.
vim.api.nvim_set_current_buf(buf)
local d = vim.diagnostic.get(buf)[1]
local params = vim.lsp.util.make_range_params()
params.range = { start = { line = d.lnum, character = 50 }, ['end'] = { line = d.lnum, character = 50 } }
params.context = { diagnostics = {}, only = { 'quickfix' } }
local answers = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 20000) or {}
local applied = 0
for id, answer in pairs(answers) do
  for _, action in ipairs(answer.result or {}) do
    say('code action: %s (%s)', action.title, action.kind)
    vim.lsp.util.apply_workspace_edit(action.edit, vim.lsp.get_client_by_id(id).offset_encoding)
    applied = applied + 1
  end
end
check(applied == 1, 'one quickfix')
check(vim.wait(20000, function() return #vim.diagnostic.get(buf) == 0 end, 50), 'the fix clears the diagnostics')

-- Formatted as ftlc fmt does.
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 20000 })
else
  vim.lsp.buf.formatting_sync(nil, 20000)
end
say('formatted:')
for _, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do say('  |%s', line) end
finish(0)
