-- tapls for Neovim (0.7 and newer): filetype detection for QEMU trace-events files, SystemTap
-- scripts and DTrace provider files (a *.d file whose text declares a provider, libvirt's
-- src/libvirt_probes.d: filetype dtrace; a D program stays Neovim's), and the tapls language server ("tapls lsp") started with vim.lsp.start_client and
-- attached with vim.lsp.buf_attach_client (Neovim 0.7 has no vim.lsp.start).
--
--   require("tapls").setup({
--     cmd = { "/path/to/tapls/tapls", "lsp" },
--     settings = { qemuVersion = "7.2", defaultTapsets = false },   -- the server's settings
--   })
--
-- The settings are the server's own keys (docs/editors.md), sent as initializationOptions; the
-- module's update_settings({...}) sends new ones to the running servers.
--
-- :TaplsGenerateTapset in a trace-events buffer has the server write the log-probe tapsets QEMU's
-- tracetool makes of it (:TaplsGenerateTapset! regenerates, replacing files tracetool wrote).
--
-- SPDX-License-Identifier: GPL-2.0-or-later

local M = {}

M.defaults = {
  -- The server command: the tapls launcher and its "lsp" subcommand.
  cmd = { "tapls", "lsp" },
  -- Filetypes handed to the server.
  filetypes = { "trace-events", "stp", "dtrace" },
  -- The server's settings (docs/editors.md; M.setting_keys names them), sent as
  -- initializationOptions, e.g.
  -- { qemuVersion = "7.2", disable = { "checkpatch-hex-prefix" }, enable = { "some-rule" },
  --   tapsets = { "~/tapsets" }, defaultTapsets = false, traceEvents = { "../qemu" },
  --   probePrefixes = { "qemu.system.arm" },
  --   stapTarget = { arch = "aarch64", kernelRelease = "6.1.0", runtime = "kernel" },
  --   syntaxOnly = false, scriptArguments = { "value of $1" },
  --   tapsetBinary = "/usr/bin/qemu-system-aarch64", tapsetOutput = "tapsets",
  --   providerFiles = { "../libvirt/src" }, providerPrefix = "libvirt" }.
  -- Relative paths are read from the project root.
  settings = {},
  -- Older name of the same: merged under settings.
  init_options = {},
  -- A buffer's project root: the nearest directory holding one of these, else the file's directory.
  root_markers = { ".git", "MAINTAINERS", "meson.build" },
  -- Passed to vim.lsp.start_client as on_attach (buffer-local mappings, for instance).
  on_attach = nil,
}

M.config = vim.deepcopy(M.defaults)

-- Neovim filetype -> LSP language id (what the server expects).
M.language_ids = {
  ["trace-events"] = "trace-events",
  stp = "systemtap",
  systemtap = "systemtap",
  dtrace = "dtrace",
}

-- The keys of the server's settings (the server's ClientSettings.KEYS): setup and update_settings
-- warn about any other key, which the server would ignore.
M.setting_keys = {
  "defaultTapsets",
  "disable",
  "enable",
  "probePrefixes",
  "providerFiles",
  "providerPrefix",
  "qemuVersion",
  "scriptArguments",
  "stapTarget",
  "syntaxOnly",
  "tapsetBinary",
  "tapsetOutput",
  "tapsets",
  "traceEvents",
}

-- The server's command that writes a trace-events file's log-probe tapsets: arguments the file's
-- URI and whether to replace files tracetool wrote; it answers with the names of the files written.
M.generate_command = "tapls.generateLogTapset"

-- One client per root directory.
local clients = {}

--- The keys of a settings table that the server does not know, sorted.
function M.unknown_settings(settings)
  local unknown = {}
  for key in pairs(settings or {}) do
    if not vim.tbl_contains(M.setting_keys, key) then
      unknown[#unknown + 1] = tostring(key)
    end
  end
  table.sort(unknown)
  return unknown
end

local function warn_unknown(settings)
  local unknown = M.unknown_settings(settings)
  if #unknown > 0 then
    vim.notify("tapls: unknown settings (the server ignores them): " .. table.concat(unknown, ", "),
      vim.log.levels.WARN)
  end
end

--- What the server is sent for a settings table: the values that are set. An empty list or table
--- is dropped (Neovim would encode an empty table as a JSON array, which is no object), so an unset
--- value leaves the server's default in force. Returns a table that encodes as a JSON object.
function M.server_settings(settings)
  local out = {}
  for key, value in pairs(settings or {}) do
    if type(value) == "table" then
      value = vim.tbl_islist(value) and value or M.server_settings(value)
      if next(value) ~= nil then
        out[key] = value
      end
    elseif value ~= nil and value ~= vim.NIL then
      out[key] = value
    end
  end
  return next(out) == nil and vim.empty_dict() or out
end

local function current_settings()
  -- Key by key: a list in settings replaces the one in init_options.
  return M.server_settings(vim.tbl_extend("force", M.config.init_options or {}, M.config.settings or {}))
end

local function dirname(path)
  return vim.fn.fnamemodify(path, ":h")
end

--- The root directory for a file: the nearest ancestor with a root marker, else its directory.
function M.root_dir(path)
  local dir = dirname(path)
  local current = dir
  while current and current ~= "" do
    for _, marker in ipairs(M.config.root_markers) do
      local candidate = current .. "/" .. marker
      if vim.loop.fs_stat(candidate) then
        return current
      end
    end
    local parent = dirname(current)
    if parent == current then
      break
    end
    current = parent
  end
  return dir
end

--- Whether a *.d file's lines declare a DTrace provider: a "provider NAME {" or "probe NAME(" line,
--- as the server decides (ProviderReader.declaresProvider). D programs and DTrace scripts do not.
function M.is_provider(lines)
  for _, l in ipairs(lines or {}) do
    if l:match("^%s*provider%s+[%a_][%w_]*%s*{") or l:match("^%s*probe%s+[%a_][%w_]*%s*%(") then
      return true
    end
  end
  return false
end

--- The filetype tapls gives a file name (and, for *.d, its lines), or nil.
function M.detect(path, lines)
  local name = vim.fn.fnamemodify(path, ":t")
  if name:match("%.d$") then
    return M.is_provider(lines) and "dtrace" or nil
  end
  if name == "trace-events" or name == "trace-events-all" or name:match("%.trace%-events$") then
    return "trace-events"
  end
  if name:match("%.stpm?$") then
    return "stp"
  end
  return nil
end

local function client_for(root)
  local id = clients[root]
  if id then
    -- A stopped client is gone from get_client_by_id, and on_exit forgets it here too.
    if vim.lsp.get_client_by_id(id) then
      return id
    end
  end
  id = vim.lsp.start_client({
    name = "tapls",
    cmd = M.config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = current_settings(),
    -- What workspace/configuration would be answered with, and update_settings sends.
    settings = { tapls = current_settings() },
    get_language_id = function(_, filetype)
      return M.language_ids[filetype] or filetype
    end,
    on_attach = M.config.on_attach,
    on_exit = function()
      clients[root] = nil
    end,
  })
  clients[root] = id
  return id
end

--- Attaches the buffer to the tapls client of its root directory (starting one when needed).
--- Returns the client id, or nil when the buffer has no file or the server cannot start.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local name = vim.api.nvim_buf_get_name(bufnr)
  local root = name ~= "" and M.root_dir(name) or vim.loop.cwd()
  local id = client_for(root)
  if not id then
    vim.notify("tapls: could not start " .. table.concat(M.config.cmd, " "), vim.log.levels.ERROR)
    return nil
  end
  vim.lsp.buf_attach_client(bufnr, id)
  -- Neovim 0.7 leaves 'omnifunc' alone: make <C-x><C-o> ask the server, unless something else
  -- completes there already.
  if vim.bo[bufnr].omnifunc == "" then
    vim.bo[bufnr].omnifunc = "v:lua.vim.lsp.omnifunc"
  end
  return id
end

--- Replaces the settings (the whole table, as in setup) and sends them to every running tapls
--- server with workspace/didChangeConfiguration; servers started later get them at start.
--- Returns the number of servers told.
function M.update_settings(settings)
  warn_unknown(settings)
  M.config.settings = settings or {}
  M.config.init_options = {}
  local s = current_settings()
  local count = 0
  for _, id in pairs(clients) do
    local client = vim.lsp.get_client_by_id(id)
    if client then
      client.config.settings = { tapls = s }
      client.notify("workspace/didChangeConfiguration", { settings = { tapls = s } })
      count = count + 1
    end
  end
  return count
end

--- The tapls client attached to a buffer, or nil.
local function buffer_client(bufnr)
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == "tapls" then
      return client
    end
  end
  return nil
end

--- Has the server generate the log-probe tapsets of a trace-events buffer: <binary>-log.stp and
--- the <binary>.stp whose aliases it uses, byte for byte what `tapls generate` writes for the
--- buffer's text (saved or not), for the settings' tapsetBinary, into tapsetOutput (default: the
--- project root). It never replaces an existing file; with overwrite, it regenerates files
--- tracetool wrote. Asynchronous: on_done(err, files) gets the server's error message or the names
--- of the files written; without on_done, the outcome is shown with vim.notify. Returns whether
--- the request was sent.
function M.generate_tapset(bufnr, overwrite, on_done)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  on_done = on_done
    or function(err, files)
      if err then
        vim.notify("tapls: " .. err, vim.log.levels.ERROR)
      else
        vim.notify("tapls: wrote " .. table.concat(files, ", "), vim.log.levels.INFO)
      end
    end
  if vim.bo[bufnr].filetype ~= "trace-events" then
    on_done("not a trace-events buffer", nil)
    return false
  end
  local client = buffer_client(bufnr)
  if not client then
    on_done("no tapls server is attached to this buffer", nil)
    return false
  end
  local params = { command = M.generate_command, arguments = { vim.uri_from_bufnr(bufnr), overwrite == true } }
  -- client.request sends the buffer's pending changes first: the server sees the text of now.
  return client.request("workspace/executeCommand", params, function(err, result)
    if err then
      on_done(err.message or vim.inspect(err), nil)
    else
      on_done(nil, result or {})
    end
  end, bufnr)
end

--- Sets up filetype detection and starts tapls for matching buffers.
function M.setup(opts)
  M.config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  warn_unknown(M.config.settings)
  warn_unknown(M.config.init_options)
  vim.api.nvim_create_user_command("TaplsGenerateTapset", function(args)
    M.generate_tapset(0, args.bang)
  end, { bang = true, desc = "tapls: generate the log-probe tapset of this trace-events file (! overwrites)" })
  local group = vim.api.nvim_create_augroup("tapls", { clear = true })
  vim.api.nvim_create_autocmd({ "BufRead", "BufNewFile" }, {
    group = group,
    pattern = { "trace-events", "trace-events-all", "*.trace-events", "*.stp", "*.stpm", "*.d" },
    callback = function(args)
      local ft = M.detect(args.file ~= "" and args.file or vim.api.nvim_buf_get_name(args.buf),
        vim.api.nvim_buf_get_lines(args.buf, 0, 200, false))
      if ft then
        vim.bo[args.buf].filetype = ft
      end
    end,
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      if vim.bo[args.buf].buftype == "" then
        M.attach(args.buf)
      end
    end,
  })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = { "trace-events", "dtrace" },
    callback = function(args)
      vim.bo[args.buf].commentstring = "# %s"
      vim.bo[args.buf].comments = ":#"
    end,
  })
end

return M
