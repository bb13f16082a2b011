-- Headless test of editors/nvim with the real Neovim and the real tapls server:
--   nvim --headless -u NONE -i NONE -n -c "luafile editors/nvim/test/test.lua"
-- Environment: TAPLS_EXECUTABLE, the launcher (default: the repository's ./tapls).
-- Prints one line per check and ends with "N passed, N failed"; exits non-zero on a failure.

local here = vim.fn.fnamemodify(debug.getinfo(1, "S").source:sub(2), ":p:h")
local plugin = vim.fn.fnamemodify(here, ":h")
local repo = vim.fn.fnamemodify(plugin, ":h:h")
vim.opt.runtimepath:prepend(plugin)
vim.cmd("filetype on")
vim.cmd("syntax on")

local tapls_exe = os.getenv("TAPLS_EXECUTABLE") or (repo .. "/tapls")
local passed, failed = 0, 0

local function out(s)
  io.stdout:write(s .. "\n")
end

local function check(name, f)
  local ok, err = pcall(f)
  if ok then
    passed = passed + 1
    out("ok - " .. name)
  else
    failed = failed + 1
    out("FAILED - " .. name .. ": " .. tostring(err))
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format("%s: expected %s, got %s", what or "value", vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

local function wait(what, ms, pred)
  if not vim.wait(ms, pred, 50) then
    error("timed out waiting for " .. what, 2)
  end
end

local tapls = require("tapls")
tapls.setup({ cmd = { tapls_exe, "lsp" } })

local dir = vim.fn.tempname()
vim.fn.mkdir(dir .. "/hw/net", "p")
vim.fn.writefile({}, dir .. "/MAINTAINERS")
local te = dir .. "/hw/net/trace-events"
vim.fn.writefile({
  "# e1000.c",
  'e1000_set_ics(uint64_t val, uint32_t ics) "val=0x%x ics=0x%x"',
}, te)
local stp = dir .. "/count.stpm"
vim.fn.writefile({ "@define N %( 5 %)" }, stp)

check("filetype detection", function()
  eq(tapls.detect("/q/hw/net/trace-events"), "trace-events", "trace-events")
  eq(tapls.detect("/q/trace-events-all"), "trace-events", "trace-events-all")
  eq(tapls.detect("/q/a.trace-events"), "trace-events", "*.trace-events")
  eq(tapls.detect("/q/a.stp"), "stp", "*.stp")
  eq(tapls.detect("/q/a.stpm"), "stp", "*.stpm")
  eq(tapls.detect("/q/trace-events.c"), nil, "trace-events.c")
  eq(tapls.root_dir(te), dir, "root at MAINTAINERS")
end)

vim.cmd("edit " .. vim.fn.fnameescape(te))
local buf = vim.api.nvim_get_current_buf()

check("a trace-events file gets its filetype and a tapls client", function()
  eq(vim.bo[buf].filetype, "trace-events", "filetype")
  wait("the client to attach", 10000, function()
    return #vim.lsp.buf_get_clients(buf) > 0
  end)
  local client = vim.lsp.buf_get_clients(buf)[next(vim.lsp.buf_get_clients(buf))]
  eq(client.name, "tapls", "client name")
  eq(client.config.get_language_id(buf, "trace-events"), "trace-events", "language id")
end)

check("syntax/trace-events.vim highlights the parts of an event", function()
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local function group(text)
    local col = line:find(text, 1, true)
    local names = {}
    for _, id in ipairs(vim.fn.synstack(2, col)) do
      names[#names + 1] = vim.fn.synIDattr(id, "name")
    end
    return names[#names]
  end
  eq(vim.b[buf].current_syntax, "trace-events", "b:current_syntax")
  eq(group("e1000_set_ics"), "traceEventsName", "name")
  eq(group("uint64_t"), "traceEventsType", "type")
  eq(group("val,"), "traceEventsParam", "parameter")
  eq(group("val="), "traceEventsFormat", "format")
  eq(group("%x"), "traceEventsConversion", "conversion")
end)

check("the mistake is reported as a diagnostic", function()
  wait("diagnostics", 30000, function()
    return #vim.diagnostic.get(buf) > 0
  end)
  local ds = vim.diagnostic.get(buf)
  eq(#ds, 1, "number of diagnostics")
  local d = ds[1]
  eq({ d.lnum, d.col, d.end_col }, { 1, 49, 51 }, "position of %x")
  eq(d.severity, vim.diagnostic.severity.ERROR, "severity")
  if not d.message:find("format '%x' expects 'unsigned int', but argument 'val' has type 'uint64_t'", 1, true) then
    error("unexpected message: " .. d.message)
  end
end)

check("hover on the second %x names the argument it prints", function()
  local line = vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1]
  local byte = line:find("ics=0x%x", 1, true) + #"ics=0x" -- 1-based byte of '%', +1 → the 'x'
  local character = vim.str_utfindex(line, byte)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = 1, character = character },
  }
  local replies = vim.lsp.buf_request_sync(buf, "textDocument/hover", params, 10000)
  local _, reply = next(replies or {})
  if not reply or not reply.result then
    error("no hover: " .. vim.inspect(replies))
  end
  eq(reply.result.contents.value, "`%x` prints argument 2, `ics` (`uint32_t`)", "hover text")
end)

check("fixing the line clears the diagnostic", function()
  vim.api.nvim_buf_set_lines(buf, 1, 2, false, { 'e1000_set_ics(uint64_t val, uint32_t ics) "val=0x%" PRIx64 " ics=0x%x"' })
  wait("the diagnostic to clear", 30000, function()
    return #vim.diagnostic.get(buf) == 0
  end)
end)

check("a SystemTap macro file is attached with language id systemtap", function()
  vim.cmd("edit " .. vim.fn.fnameescape(stp))
  local sbuf = vim.api.nvim_get_current_buf()
  eq(vim.bo[sbuf].filetype, "stp", "filetype")
  wait("the client to attach", 10000, function()
    return #vim.lsp.buf_get_clients(sbuf) > 0
  end)
  local _, client = next(vim.lsp.buf_get_clients(sbuf))
  eq(client.config.get_language_id(sbuf, "stp"), "systemtap", "language id")
  eq(vim.tbl_count(vim.lsp.get_active_clients()), 1, "one client for one root")
end)

check("stopping the client ends the server", function()
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  wait("the server to exit", 10000, function()
    return #vim.lsp.get_active_clients() == 0
  end)
end)

check("server_settings drops what is unset, and encodes as a JSON object", function()
  eq(vim.json.encode(tapls.server_settings({})), "{}", "no settings")
  eq(vim.json.encode(tapls.server_settings({ tapsets = {}, stapTarget = { arch = nil }, disable = {} })), "{}", "empty ones")
  eq(
    tapls.server_settings({ defaultTapsets = false, stapTarget = { arch = "aarch64", runtime = nil }, probePrefixes = { "a" } }),
    { defaultTapsets = false, stapTarget = { arch = "aarch64" }, probePrefixes = { "a" } },
    "set ones"
  )
end)

-- A second project: a script that misspells an alias derived from the project's trace-events file and
-- calls a function of SystemTap's library.
local dir2 = vim.fn.tempname()
vim.fn.mkdir(dir2 .. "/ws/io", "p")
vim.fn.mkdir(dir2 .. "/extra", "p")
vim.fn.writefile({}, dir2 .. "/ws/MAINTAINERS")
vim.fn.writefile({ 'qio_task_new(void *task, void *source) "task=%p source=%p"' }, dir2 .. "/ws/io/trace-events")
vim.fn.writefile({ 'qio_task_nwe(void *task) "task=%p"' }, dir2 .. "/extra/trace-events")
local script = dir2 .. "/ws/tasks.stp"
vim.fn.writefile({ "probe qemu.system.arm.qio_task_nwe { println(execname(), task) }" }, script)

local function messages(b)
  local ms = {}
  for _, d in ipairs(vim.diagnostic.get(b)) do
    ms[#ms + 1] = d.message
  end
  table.sort(ms)
  return ms
end

check("setup's settings reach the server as initializationOptions", function()
  -- Empty tables must not reach the server as JSON arrays where it wants objects.
  tapls.setup({
    cmd = { tapls_exe, "lsp" },
    settings = { defaultTapsets = false, probePrefixes = { "qemu.system.arm" }, tapsets = {}, stapTarget = {} },
  })
  vim.cmd("edit " .. vim.fn.fnameescape(script))
  local sbuf = vim.api.nvim_get_current_buf()
  wait("the two diagnostics", 30000, function()
    return #vim.diagnostic.get(sbuf) == 2
  end)
  local ms = messages(sbuf)
  -- probePrefixes: the nearest alias is qemu.system.arm's; defaultTapsets false: execname is unknown.
  if not ms[1]:find("similar: qemu.system.arm.qio_task_new", 1, true) then
    error("unexpected message: " .. ms[1])
  end
  eq(ms[2], "unresolved function execname", "the library's function")
  local _, client = next(vim.lsp.buf_get_clients(sbuf))
  eq(client.config.init_options, { defaultTapsets = false, probePrefixes = { "qemu.system.arm" } }, "init_options")
end)

check("update_settings sends the whole settings to the running server", function()
  local sbuf = vim.api.nvim_get_current_buf()
  local told = tapls.update_settings({ defaultTapsets = false, probePrefixes = { "qemu.system.arm" }, traceEvents = { "../extra" } })
  eq(told, 1, "servers told")
  -- traceEvents, read from the project root: the alias exists there. The other settings still hold.
  wait("the alias of ../extra", 30000, function()
    return #vim.diagnostic.get(sbuf) == 1
  end)
  eq(messages(sbuf), { "unresolved function execname" }, "what is left")
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  wait("the server to exit", 10000, function()
    return #vim.lsp.get_active_clients() == 0
  end)
end)

vim.fn.delete(dir2, "rf")
vim.fn.delete(dir, "rf")
out(string.format("%d passed, %d failed", passed, failed))
if failed > 0 then
  vim.cmd("cquit 1")
else
  vim.cmd("qall!")
end
