-- Headless test of editors/nvim with the real Neovim and the real tapls server:
--   nvim --headless -u NONE -i NONE -n -c "luafile editors/nvim/test/test.lua"
-- Environment: TAPLS_EXECUTABLE, the launcher (default: the repository's ./tapls).
-- Prints one line per check, with its time, and ends with "N passed, N failed"; exits non-zero on a
-- failure.

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
  local start = vim.loop.hrtime()
  local ok, err = pcall(f)
  local took = string.format(" (%.2f s)", (vim.loop.hrtime() - start) / 1e9)
  if ok then
    passed = passed + 1
    out("ok - " .. name .. took)
  else
    failed = failed + 1
    out("FAILED - " .. name .. took .. ": " .. tostring(err))
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
  eq(tapls.detect("/q/src/libvirt_probes.d", { "provider libvirt {", "\t# file: a.c" }), "dtrace", "provider file")
  eq(tapls.detect("/q/app.d", { "module app;", "void main() {}" }), nil, "a D program")
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

check("a DTrace provider file is attached with language id dtrace; a D program is not", function()
  vim.fn.mkdir(dir .. "/src", "p")
  local d = dir .. "/src/libvirt_probes.d"
  vim.fn.writefile({ "provider libvirt {", "\tprobe orphan(int x);", "};" }, d)
  local app = dir .. "/app.d"
  vim.fn.writefile({ "module app;", "void main() {}" }, app)
  vim.cmd("edit " .. vim.fn.fnameescape(app))
  local abuf = vim.api.nvim_get_current_buf()
  if vim.bo[abuf].filetype == "dtrace" then
    error("a D program got filetype dtrace")
  end
  eq(#vim.lsp.buf_get_clients(abuf), 0, "no client for a D program")
  vim.cmd("edit " .. vim.fn.fnameescape(d))
  local pbuf = vim.api.nvim_get_current_buf()
  eq(vim.bo[pbuf].filetype, "dtrace", "filetype")
  eq(vim.bo[pbuf].commentstring, "# %s", "commentstring")
  wait("the client to attach", 10000, function()
    return #vim.lsp.buf_get_clients(pbuf) > 0
  end)
  local _, client = next(vim.lsp.buf_get_clients(pbuf))
  eq(client.config.get_language_id(pbuf, "dtrace"), "dtrace", "language id")
  -- the server reads it as a provider file: the probe before any "# file:" is reported
  wait("the provider file's diagnostics", 30000, function()
    return #vim.diagnostic.get(pbuf) > 0
  end)
  eq(vim.diagnostic.get(pbuf)[1].lnum, 1, "on the probe's line")
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
  if not (ms[1]:find("probe point mismatch (similar: qio_task_new", 1, true)
      and ms[1]:find("(no alias 'qemu.system.arm.qio_task_nwe')", 1, true)) then
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

check("setting_keys are the server's settings (ClientSettings.KEYS), and others are warned about", function()
  local java = table.concat(vim.fn.readfile(repo .. "/server/src/main/java/io/tapls/lsp/ClientSettings.java"), "\n")
  local list = java:match("KEYS = Set%.of%(([^)]*)%)")
  local keys = {}
  for key in list:gmatch('"(%a+)"') do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  if #keys < 10 then
    error("KEYS not found in ClientSettings.java")
  end
  local ours = vim.deepcopy(tapls.setting_keys)
  table.sort(ours)
  eq(ours, keys, "setting_keys")
  local settings = {}
  for _, key in ipairs(keys) do
    settings[key] = true
  end
  eq(tapls.unknown_settings(settings), {}, "every key known")
  settings.qemuVerison = "7.2"
  eq(tapls.unknown_settings(settings), { "qemuVerison" }, "a misspelt key")
  local warned = {}
  local notify = vim.notify
  vim.notify = function(msg, level)
    warned[#warned + 1] = { msg, level }
  end
  local ok, err = pcall(tapls.update_settings, { qemuVerison = "7.2", defaultTapsets = false })
  vim.notify = notify
  assert(ok, err)
  eq(warned, { { "tapls: unknown settings (the server ignores them): qemuVerison", vim.log.levels.WARN } }, "warning")
  tapls.update_settings({})
end)

-- Completion, hover and the generate action in the test workspace (editors/test/workspace).
local dir3 = vim.fn.tempname()
local ws = dir3 .. "/ws"
vim.fn.mkdir(dir3, "p")
vim.fn.system({ "cp", "-R", repo .. "/editors/test/workspace", ws })
vim.fn.writefile({}, ws .. "/MAINTAINERS")
-- Completing at the end of a line: in Insert mode the cursor stands after its last character; in
-- Normal mode, where this test is, only so.
vim.o.virtualedit = "onemore"
local tapsets = { "qemu-system-x86_64-log.stp", "qemu-system-x86_64.stp" }
local qio_events = { "qio_channel_socket_new", "qio_task_complete", "qio_task_new", "qio_task_thread_start" }

local function bytes(path)
  local f = io.open(path, "rb")
  if not f then
    return nil
  end
  local s = f:read("*a")
  f:close()
  return s
end

--- What `tapls generate` writes for a trace-events file (or for text in a file of the same name),
--- with the settings' qemuVersion below.
local function cli_tapsets(events, text)
  local out = vim.fn.tempname()
  local input = events
  if text then
    input = vim.fn.tempname() .. "/trace-events"
    vim.fn.mkdir(vim.fn.fnamemodify(input, ":h"), "p")
    local f = io.open(input, "wb")
    f:write(text)
    f:close()
  end
  local output = vim.fn.system({ tapls_exe, "generate", "--install-set=" .. out, "--binary=/usr/bin/qemu-system-x86_64", "--qemu-version=7.2", input })
  if vim.v.shell_error ~= 0 then
    error("tapls generate failed: " .. output)
  end
  local files = {}
  for _, name in ipairs(tapsets) do
    files[name] = bytes(out .. "/" .. name)
  end
  vim.fn.delete(out, "rf")
  return files
end

local function written_tapsets()
  local files = {}
  for _, name in ipairs(tapsets) do
    files[name] = bytes(ws .. "/" .. name)
  end
  return files
end

--- What Neovim's omnifunc (vim.lsp.omnifunc, <C-x><C-o>) offers at the cursor: the words and the
--- complete() items. Headless Neovim cannot stay in Insert mode while the test runs, so the two
--- editor primitives the omnifunc ends with, mode() and complete(), are stood in for.
local function omni_complete()
  local got
  vim.fn.mode = function()
    return "i"
  end
  vim.fn.complete = function(col, items)
    got = { col = col, items = items }
  end
  local ok, err = pcall(function()
    -- The module makes it the buffer's omnifunc. Vim's first call: the omnifunc sends the request
    -- and answers -2 (no second call); the answer's handler calls complete().
    eq(vim.bo.omnifunc, "v:lua.vim.lsp.omnifunc", "the buffer's omnifunc")
    eq(vim.lsp.omnifunc(1, ""), -2, "findstart: asynchronous")
    wait("the completion", 10000, function()
      return got ~= nil
    end)
  end)
  vim.fn.mode = nil
  vim.fn.complete = nil
  assert(ok, err)
  local words = {}
  for _, item in ipairs(got.items) do
    words[#words + 1] = item.word
  end
  return words, got.items, got.col
end

--- The hover at the cursor, as vim.lsp.buf.hover() shows it: the floating window's lines, joined.
local function hover_text()
  vim.lsp.buf.hover()
  local float
  wait("the hover window", 10000, function()
    for _, w in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(w).relative ~= "" then
        float = w
        return true
      end
    end
  end)
  local text = table.concat(vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false), "\n")
  vim.api.nvim_win_close(float, true)
  return text
end

local function contains(text, part, what)
  if not text:find(part, 1, true) then
    error(string.format("%s: %q not in %q", what, part, text), 2)
  end
end

check("a script: the diagnostic, a probe body's variables, the events after log.qio, an alias's hover", function()
  tapls.setup({ cmd = { tapls_exe, "lsp" }, settings = { defaultTapsets = false, qemuVersion = "7.2" } })
  vim.cmd("edit " .. vim.fn.fnameescape(ws .. "/tasks.stp"))
  local sbuf = vim.api.nvim_get_current_buf()
  -- A script's diagnostics come once the server has indexed the workspace's aliases.
  wait("the script's diagnostic", 30000, function()
    return #vim.diagnostic.get(sbuf) == 1
  end)
  contains(vim.diagnostic.get(sbuf)[1].message,
    "probe point mismatch (similar: qio_task_new", "diagnostic")
  contains(vim.diagnostic.get(sbuf)[1].message, "(no alias 'qemu.system.x86_64.qio_task_nwe')", "the alias")
  -- Inside `probe qemu.system.x86_64.qio_task_new {`: the alias's variables, with their type.
  vim.api.nvim_buf_set_lines(sbuf, 1, 1, false, { "  " })
  vim.api.nvim_win_set_cursor(0, { 2, 2 })
  local words, items = omni_complete()
  local kinds = {}
  for _, item in ipairs(items) do
    kinds[item.word] = item.kind .. " " .. item.menu
  end
  for _, var in ipairs({ "task", "source", "func", "opaque" }) do
    eq(kinds[var], "Variable long", var)
  end
  eq(kinds.worker, nil, "another event's variable")
  -- After `probe qemu.system.x86_64.log.qio`: exactly the file's qio events, completing `qio`.
  local last = vim.api.nvim_buf_line_count(sbuf)
  vim.api.nvim_buf_set_lines(sbuf, last, last, false, { "probe qemu.system.x86_64.log.qio" })
  vim.api.nvim_win_set_cursor(0, { last + 1, #"probe qemu.system.x86_64.log.qio" })
  local col
  words, _, col = omni_complete()
  table.sort(words)
  eq(words, qio_events, "the qio events")
  eq(col, #"probe qemu.system.x86_64.log." + 1, "the completed word's column")
  vim.api.nvim_win_set_cursor(0, { 1, #"probe qemu.system.x86_64.qio" })
  local text = hover_text()
  contains(text, "Variables: `task` (long), `source` (long), `func` (long), `opaque` (long)", "hover")
  contains(text, 'qio_task_new(void *task, void *source, void *func, void *opaque) "Task new task=%p source=%p func=%p opaque=%p"', "hover")
  -- Go to definition on the alias: the event's line in io/trace-events.
  vim.lsp.buf.definition()
  wait("the jump to the event", 10000, function()
    return vim.api.nvim_buf_get_name(0) == ws .. "/io/trace-events"
  end)
  eq(vim.api.nvim_win_get_cursor(0), { 2, 0 }, "the event's line")
  vim.cmd("buffer " .. sbuf)
end)

check("its trace-events file: types, property words, an event's real probe names", function()
  vim.cmd("edit " .. vim.fn.fnameescape(ws .. "/io/trace-events"))
  local tbuf = vim.api.nvim_get_current_buf()
  -- buf_get_clients is keyed by client id.
  wait("the client to attach", 10000, function()
    return next(vim.lsp.buf_get_clients(tbuf)) ~= nil
  end)
  eq(vim.tbl_count(vim.lsp.get_active_clients()), 1, "the script's client")
  local last = vim.api.nvim_buf_line_count(tbuf)
  vim.api.nvim_buf_set_lines(tbuf, last, last, false, { "qio_task_cancel(uint" })
  vim.api.nvim_win_set_cursor(0, { last + 1, #"qio_task_cancel(uint" })
  local words = omni_complete()
  for _, type in ipairs({ "uint8_t", "uint16_t", "uint32_t", "uint64_t", "uintptr_t" }) do
    if not vim.tbl_contains(words, type) then
      error(type .. " not offered: " .. vim.inspect(words))
    end
  end
  -- qemuVersion 7.2 still has the vcpu property.
  vim.api.nvim_buf_set_lines(tbuf, last, last + 1, false, { "qio_task_cancel(uint32_t id)", "v" })
  vim.api.nvim_win_set_cursor(0, { last + 2, 1 })
  eq(omni_complete(), { "vcpu" }, "property words")
  vim.api.nvim_buf_set_lines(tbuf, last, -1, false, {})
  vim.api.nvim_win_set_cursor(0, { 2, 5 })
  local text = hover_text()
  contains(text, "`qemu.system.x86_64.qio_task_new`, `qemu.system.x86_64.log.qio_task_new`, "
    .. "`qemu.system.x86_64.simpletrace.qio_task_new`", "hover")
end)

check(":TaplsGenerateTapset writes what tapls generate writes, never over a file; ! regenerates", function()
  local tbuf = vim.api.nvim_get_current_buf()
  eq(vim.bo[tbuf].filetype, "trace-events", "the trace-events buffer")
  local messages = {}
  local notify = vim.notify
  vim.notify = function(msg, level)
    messages[#messages + 1] = { msg, level }
  end
  local ok, err = pcall(function()
    vim.cmd("TaplsGenerateTapset")
    wait("the tapsets", 30000, function()
      return #messages > 0
    end)
    eq(messages[1], { "tapls: wrote " .. ws .. "/" .. tapsets[2] .. ", " .. ws .. "/" .. tapsets[1], vim.log.levels.INFO },
      "message")
    local expected = cli_tapsets(ws .. "/io/trace-events")
    eq(written_tapsets(), expected, "the files")
    eq(vim.fn.filereadable(ws .. "/qemu-system-x86_64-simpletrace.stp"), 0, "no simpletrace tapset")
    -- Again: refused, the files untouched.
    vim.cmd("TaplsGenerateTapset")
    wait("the refusal", 30000, function()
      return #messages > 1
    end)
    eq(messages[2][2], vim.log.levels.ERROR, "an error")
    contains(messages[2][1], ".stp exists; use \"Regenerate log-probe tapset (overwrite)\"", "refusal")
    eq(written_tapsets(), expected, "the files, untouched")
    -- An event added, unsaved: ! regenerates from the buffer's text.
    vim.api.nvim_buf_set_lines(tbuf, -1, -1, false, { 'qio_task_cancel(void *task) "Task cancel task=%p"' })
    vim.cmd("TaplsGenerateTapset!")
    wait("the regenerated tapsets", 30000, function()
      return #messages > 2
    end)
    eq(messages[3][2], vim.log.levels.INFO, "written")
    eq(vim.bo[tbuf].modified, true, "the buffer is not saved")
    local text = table.concat(vim.api.nvim_buf_get_lines(tbuf, 0, -1, false), "\n") .. "\n"
    eq(written_tapsets(), cli_tapsets(ws .. "/io/trace-events", text), "the regenerated files")
  end)
  vim.notify = notify
  assert(ok, err)
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  wait("the server to exit", 10000, function()
    return #vim.lsp.get_active_clients() == 0
  end)
end)

vim.fn.delete(dir3, "rf")
vim.fn.delete(dir2, "rf")
vim.fn.delete(dir, "rf")
out(string.format("%d passed, %d failed", passed, failed))
if failed > 0 then
  vim.cmd("cquit 1")
else
  vim.cmd("qall!")
end
