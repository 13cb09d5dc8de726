--- rewind.lua: Rewind, the time-travel debugger, in Neovim through nvim-dap.
---
--- `require('rewind').setup({ rewind = 'rewind' })` registers the debug adapter
--- `dap.adapters.rewind` (it starts `rewind dap`, which speaks the Debug Adapter Protocol on
--- stdin/stdout) and two configurations for C, C++ and Rust buffers: record a program and debug
--- the replay, or debug a recording made earlier with `rewind record`. It also creates the
--- commands nvim-dap has no equivalent for:
---
---   :RewindReverseStepOut   back to the call of the current function, in its caller
---   :RewindPosition         where the replay is: "event N of TOTAL"
---   :RewindSeek {event}     travel to the moment before a recorded event
---
--- Stepping back and running backwards need nothing from this file: the adapter advertises
--- `supportsStepBack`, so nvim-dap's own `require('dap').step_back()` and
--- `require('dap').reverse_continue()` send the standard `stepBack` and `reverseContinue`
--- requests. Suggested mappings are in editors/README.md.
---
--- Written against nvim-dap's documented API (`dap.adapters`, `dap.configurations`,
--- `dap.session()`, `session:request()`); needs Neovim 0.7 or later.

local M = {}

--- The defaults of setup()'s options.
M.defaults = {
  -- The Rewind command: a name on $PATH or an absolute path.
  rewind = 'rewind',
  -- The filetypes that get the two Rewind configurations.
  filetypes = { 'c', 'cpp', 'rust' },
}

local CONFIG_RECORD = 'Rewind: record and debug a program'
local CONFIG_TRACE = 'Rewind: debug a recording'

local function notify(message, level)
  vim.notify('rewind: ' .. message, level or vim.log.levels.INFO)
end

--- Splits a command line typed by the user into arguments: blanks separate them, and single or
--- double quotes keep blanks inside one. Returns nil when there are none, so that the launch
--- request carries no `args` at all rather than an empty table that could be encoded as `{}`.
function M.split_args(line)
  local args, current, quote, started = {}, {}, nil, false
  for char in (line or ''):gmatch('.') do
    if quote then
      if char == quote then quote = nil else table.insert(current, char) end
    elseif char == '"' or char == "'" then
      quote, started = char, true
    elseif char:match('%s') then
      if started then
        table.insert(args, table.concat(current))
        current, started = {}, false
      end
    else
      table.insert(current, char)
      started = true
    end
  end
  if started then table.insert(args, table.concat(current)) end
  if #args == 0 then return nil end
  return args
end

--- Where `rewind record` puts recordings made without -o.
function M.traces_folder()
  local data = os.getenv('XDG_DATA_HOME')
  if not data or data == '' then data = (os.getenv('HOME') or '') .. '/.local/share' end
  return data .. '/rewind/traces'
end

--- The nvim-dap adapter entry that starts `rewind dap` on stdin/stdout.
function M.adapter(opts)
  return { type = 'executable', command = opts.rewind, args = { 'dap' }, id = 'rewind' }
end

--- Asks with vim.fn.input; an empty answer cancels the launch (nvim-dap's ABORT where it has one).
local function ask(prompt, default, completion, abort)
  local answer = vim.fn.input(prompt, default or '', completion)
  if answer == '' then
    if abort then return abort end
    error('rewind: cancelled')
  end
  return answer
end

--- The two Rewind configurations for dap.configurations.<filetype>. `abort` is the value that
--- tells nvim-dap to cancel a launch (dap.ABORT; nil in versions without it).
function M.configurations(abort)
  return {
    {
      type = 'rewind',
      request = 'launch',
      name = CONFIG_RECORD,
      program = function()
        local path = ask('Program to record: ', vim.fn.getcwd() .. '/', 'file', abort)
        if path == abort then return path end
        return vim.fn.fnamemodify(path, ':p')
      end,
      args = function()
        return M.split_args(vim.fn.input('Arguments: '))
      end,
      cwd = '${workspaceFolder}',
      stopOnEntry = false,
    },
    {
      type = 'rewind',
      request = 'launch',
      name = CONFIG_TRACE,
      trace = function()
        local latest = M.traces_folder() .. '/latest'
        local default = vim.fn.isdirectory(latest) == 1 and latest or (vim.fn.getcwd() .. '/')
        local path = ask('Recording: ', default, 'dir', abort)
        if path == abort then return path end
        return vim.fn.fnamemodify(path, ':p')
      end,
    },
  }
end

--- The current nvim-dap session, when it is a Rewind session; nil (and a message) otherwise.
local function rewind_session()
  local session = require('dap').session()
  if not session then
    notify('no debug session', vim.log.levels.WARN)
    return nil
  end
  if not (session.capabilities and session.capabilities.supportsStepBack) then
    notify('the debug session is not a Rewind session', vim.log.levels.WARN)
    return nil
  end
  return session
end

--- Sends a request that moves the replay, as nvim-dap sends its own steps: the thread counts as
--- running until the adapter's `stopped` event, which nvim-dap then shows as after any step (a
--- thread still marked stopped would make nvim-dap resume the new stop instead). `arguments` is
--- a function of the stopped thread's id.
local function travel(command, arguments)
  local session = rewind_session()
  if not session then return end
  local thread_id = session.stopped_thread_id
  if not thread_id then
    notify('no stopped thread: wait for the program to stop, or pause it', vim.log.levels.WARN)
    return
  end
  local thread = session.threads and session.threads[thread_id]
  session.stopped_thread_id = nil
  if thread then thread.stopped = false end
  session:request(command, arguments(thread_id), function(err)
    if err then
      -- Refused: the replay has not moved, the thread is still stopped where it was.
      session.stopped_thread_id = thread_id
      if thread then thread.stopped = true end
      notify(command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    end
  end)
end

--- Back to the call of the current function, in its caller (custom request rewind/reverseStepOut).
function M.reverse_step_out()
  travel('rewind/reverseStepOut', function(thread_id) return { threadId = thread_id } end)
end

--- Travel to the moment before the recorded event `event` (custom request rewind/seek).
function M.seek(event)
  event = tonumber(event)
  if not event or event < 0 or event % 1 ~= 0 then
    notify('an event number is an integer >= 0', vim.log.levels.ERROR)
    return
  end
  travel('rewind/seek', function() return { event = event } end)
end

--- Where the replay is (custom request rewind/position). Calls `callback(event, total)` when given
--- (total is nil while unknown), else shows "event N of TOTAL".
function M.position(callback)
  local session = rewind_session()
  if not session then return end
  session:request('rewind/position', nil, function(err, body)
    if err then
      notify('no position: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
    elseif callback then
      callback(body.event, body.totalEvents)
    elseif body.totalEvents then
      notify(string.format('event %d of %d', body.event, body.totalEvents))
    else
      notify(string.format('event %d', body.event))
    end
  end)
end

local function add_configurations(dap, filetypes, abort)
  for _, filetype in ipairs(filetypes) do
    local list = dap.configurations[filetype] or {}
    dap.configurations[filetype] = list
    for _, config in ipairs(M.configurations(abort)) do
      local present = false
      for _, existing in ipairs(list) do
        if existing.name == config.name then present = true end
      end
      if not present then table.insert(list, config) end
    end
  end
end

local function create_commands()
  local command = vim.api.nvim_create_user_command
  command('RewindReverseStepOut', function() M.reverse_step_out() end,
    { desc = 'Rewind: back to the call of the current function' })
  command('RewindPosition', function() M.position() end,
    { desc = 'Rewind: show the replay position' })
  command('RewindSeek', function(cmd) M.seek(cmd.args) end,
    { nargs = 1, desc = 'Rewind: travel to a recorded event' })
end

--- Registers the adapter, the configurations and the commands. Returns true, or false (with an
--- error message) when nvim-dap is missing.
function M.setup(opts)
  opts = vim.tbl_extend('force', M.defaults, opts or {})
  local ok, dap = pcall(require, 'dap')
  if not ok then
    notify('nvim-dap is not installed: install the nvim-dap plugin first', vim.log.levels.ERROR)
    return false
  end
  dap.adapters.rewind = M.adapter(opts)
  add_configurations(dap, opts.filetypes, dap.ABORT)
  create_commands()
  return true
end

return M
