-- check.lua: the checks of editors/nvim/rewind.lua that run without nvim-dap, which Debian 12
-- does not package: the file parses and loads in Neovim, setup() says clearly that nvim-dap is
-- missing, and the adapter entry, configurations and argument splitting are what nvim-dap gets.
--
--   nvim --headless -u NONE -c 'luafile editors/nvim/test/check.lua'
--
-- Prints one line per check and "N passed, N failed"; exits non-zero on any failure.

local here = debug.getinfo(1, 'S').source:sub(2)
local module_path = vim.fn.fnamemodify(here, ':p:h:h') .. '/rewind.lua'

local passed, failed = 0, 0

local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    io.stdout:write('ok     ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAILED ' .. name .. ': ' .. tostring(err) .. '\n')
  end
end

local function expect_equal(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected),
      vim.inspect(actual)), 2)
  end
end

--- Calls fn with vim.fn.input answering `answer`, and returns fn's result.
local function answering(answer, fn)
  local input = vim.fn.input
  vim.fn.input = function() return answer end
  local ok, result = pcall(fn)
  vim.fn.input = input
  if not ok then error(result, 2) end
  return result
end

local rewind

check('rewind.lua parses (LuaJIT loadfile)', function()
  local chunk, err = loadfile(module_path)
  assert(chunk, err)
end)

check('rewind.lua loads with luafile and returns the module', function()
  vim.cmd('luafile ' .. vim.fn.fnameescape(module_path))
  rewind = dofile(module_path)
  for _, name in ipairs({ 'setup', 'adapter', 'configurations', 'reverse_step_out', 'position',
    'seek', 'split_args' }) do
    assert(type(rewind[name]) == 'function', 'missing function ' .. name)
  end
end)

check('nvim-dap is absent here', function()
  assert(package.loaded.dap == nil, 'package.loaded.dap is set')
  assert(not pcall(require, 'dap'), 'require("dap") works: these checks expect no nvim-dap')
end)

check('setup() without nvim-dap reports it and registers nothing', function()
  vim.v.errmsg = ''
  local ok = rewind.setup({ rewind = '/opt/rewind/rewind' })
  io.stderr:write('\n') -- after the error message that setup() just showed
  expect_equal(ok, false, 'setup() result')
  assert(vim.v.errmsg:find('nvim-dap is not installed', 1, true),
    'no clear error, v:errmsg is ' .. vim.inspect(vim.v.errmsg))
  expect_equal(vim.fn.exists(':RewindPosition'), 0, ':RewindPosition exists')
  expect_equal(vim.fn.exists(':RewindReverseStepOut'), 0, ':RewindReverseStepOut exists')
end)

check('the adapter entry starts `rewind dap` on stdio', function()
  expect_equal(rewind.adapter({ rewind = '/opt/rewind/rewind' }),
    { type = 'executable', command = '/opt/rewind/rewind', args = { 'dap' }, id = 'rewind' })
  expect_equal(rewind.defaults.rewind, 'rewind', 'default command')
  expect_equal(rewind.defaults.filetypes, { 'c', 'cpp', 'rust' }, 'default filetypes')
end)

check('the record configuration asks for the program', function()
  local record = rewind.configurations(nil)[1]
  expect_equal(record.type, 'rewind', 'type')
  expect_equal(record.request, 'launch', 'request')
  expect_equal(record.name, 'Rewind: record and debug a program', 'name')
  expect_equal(record.stopOnEntry, false, 'stopOnEntry')
  expect_equal(record.cwd, '${workspaceFolder}', 'cwd')
  expect_equal(answering('/usr/bin/env', record.program), '/usr/bin/env', 'program')
  expect_equal(answering('-n 3 "two words"', record.args), { '-n', '3', 'two words' }, 'args')
  expect_equal(answering('', record.args), nil, 'no args')
end)

check('an empty answer cancels with the abort value nvim-dap gives', function()
  local abort = {}
  local record = rewind.configurations(abort)[1]
  assert(answering('', record.program) == abort, 'not aborted')
  local without = rewind.configurations(nil)[1]
  assert(not pcall(answering, '', without.program), 'no error without an abort value')
end)

check('the recording configuration asks for a trace and nothing of a program', function()
  local trace = rewind.configurations(nil)[2]
  expect_equal(trace.type, 'rewind', 'type')
  expect_equal(trace.request, 'launch', 'request')
  expect_equal(trace.name, 'Rewind: debug a recording', 'name')
  expect_equal(answering('/tmp', trace.trace), '/tmp/', 'trace')
  -- The adapter refuses program, args, cwd and env next to a trace.
  for _, key in ipairs({ 'program', 'args', 'cwd', 'env' }) do
    expect_equal(trace[key], nil, key)
  end
end)

check('traces folder follows XDG_DATA_HOME', function()
  local saved = os.getenv('XDG_DATA_HOME')
  vim.env.XDG_DATA_HOME = '/data'
  local folder = rewind.traces_folder()
  vim.env.XDG_DATA_HOME = saved
  expect_equal(folder, '/data/rewind/traces')
end)

check('argument splitting', function()
  expect_equal(rewind.split_args('a  b\tc'), { 'a', 'b', 'c' })
  expect_equal(rewind.split_args([[x "y z" 'w v' ""]]), { 'x', 'y z', 'w v', '' })
  expect_equal(rewind.split_args('--name="a b"'), { '--name=a b' })
  expect_equal(rewind.split_args('   '), nil)
  expect_equal(rewind.split_args(nil), nil)
end)

io.stdout:write(string.format('nvim: %d passed, %d failed\n', passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
