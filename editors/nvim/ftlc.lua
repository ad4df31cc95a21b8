-- ftlc.lua - FTL schema files in Neovim (0.7 or later): the filetype "ftl" for
-- *.ftl, and `ftlc lsp` started for each workspace with Neovim's built-in
-- language server client. See ftlc-lsp(1).
--
-- Install: copy this file to ~/.config/nvim/plugin/ftlc.lua (it runs at
-- start-up), or call it from your configuration:
--
--   require('ftlc').setup({ cmd = { 'ftlc', 'lsp' } })   -- with the file in lua/
--
-- Options of setup() (all optional):
--   cmd        the command that starts the server   (default { 'ftlc', 'lsp' })
--   on_attach  function(client, bufnr), as for vim.lsp.start_client
--   root       function(path) -> the workspace root of a file (default: the
--              nearest folder above it with ftl-project.toml, else with .git,
--              else the file's folder)
local M = {}

local function nearest(dir, name)
  local found = vim.fn.findfile(name, dir .. ';')
  if found == '' then found = vim.fn.finddir(name, dir .. ';') end
  if found == '' then return nil end
  return vim.fn.fnamemodify(found, ':p:h' .. (vim.fn.isdirectory(found) == 1 and ':h' or ''))
end

-- The workspace of a file: where ftl-project.toml is, else the repository.
function M.root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  return nearest(dir, 'ftl-project.toml') or nearest(dir, '.git') or dir
end

local clients = {} -- workspace root -> client id
local opts = { cmd = { 'ftlc', 'lsp' } }

local function attach(bufnr)
  local path = vim.api.nvim_buf_get_name(bufnr)
  if path == '' then return end
  local root = (opts.root or M.root)(path)
  local id = clients[root]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client({
      name = 'ftlc',
      cmd = opts.cmd,
      cmd_cwd = root,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      on_attach = opts.on_attach,
    })
    if not id then return end
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
end

function M.setup(user)
  opts = vim.tbl_extend('force', opts, user or {})
  local group = vim.api.nvim_create_augroup('ftlc', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group, pattern = '*.ftl',
    callback = function(ev) vim.bo[ev.buf].filetype = 'ftl' end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group, pattern = 'ftl',
    callback = function(ev)
      vim.bo[ev.buf].commentstring = '// %s'
      attach(ev.buf)
    end,
  })
end

-- Sourced as a plugin file (not required as a module): set up with defaults.
if not ... or ... ~= 'ftlc' then M.setup() end

return M
