/// Lua run after the prelude when a recipe runs in the sandbox: it narrows the globals to an
/// allow-list and puts checked `load` and `require` in place. Everything it needs is captured
/// as locals first, so nothing the recipe later changes (string methods, globals) reaches it.
enum SandboxPrelude {
    static let allowed = [
        "generate", "edit", "chat", "save", "image", "limn",
        "string", "table", "math", "utf8", "coroutine",
        "print", "assert", "error", "pcall", "xpcall", "select", "type", "tostring", "tonumber",
        "pairs", "ipairs", "next", "rawget", "rawset", "rawequal", "rawlen", "setmetatable", "getmetatable",
        "os", "require", "load", "debug", "_G", "_VERSION", "arg",
    ]

    static let source = #"""
local Error, find_module, allowed = ...
local getinfo, traceback = debug.getinfo, debug.traceback
local raw_load, raw_setmetatable, raw_getmetatable = load, setmetatable, getmetatable
local type, select, error, next, rawget, rawset, tostring = type, select, error, next, rawget, rawset, tostring
local byte, format = string.byte, string.format
local time, clock, date = os.time, os.clock, os.date
local G = _G

-- A refusal: an error of kind "sandbox" at the recipe's line (`level` as for error(): 2 = the caller of the function refusing).
local function refuse(message, level)
  local where = ""
  local at = (level or 2) + 1
  local info = getinfo(at, "Sl")
  while info and (info.short_src == "[limn sandbox]" or info.what == "C") do at = at + 1; info = getinfo(at, "Sl") end
  if info and info.currentline and info.currentline > 0 then where = info.short_src .. ":" .. info.currentline .. ": " end
  error(raw_setmetatable({ kind = "sandbox", message = message, where = where }, Error), 0)
end

local hint = " is not available in the sandbox (limn --sandbox allows the Lua libraries string, table, math, utf8, coroutine, os.time/clock/date and Limn's own calls)"

-- Library tables whose missing names are refused by name instead of reading as nil.
local function guard(t, prefix)
  return raw_setmetatable(t, {
    __index = function(_, k) refuse(prefix .. tostring(k) .. hint, 2) end,
    __newindex = function(_, k) refuse("the sandbox's " .. prefix:sub(1, -2) .. " library cannot be changed (" .. prefix .. tostring(k) .. ")", 2) end,
    __metatable = false,
  })
end

local protected = {}
protected[G] = true

-- Globals: only the allow-list stays; a removed standard name is refused when read.
local keep = {}
for _, name in next, allowed do keep[name] = true end
local removed = {}
for name in next, G do if not keep[name] then removed[#removed + 1] = name end end
local blocked = {}
for _, name in next, removed do blocked[name] = true; rawset(G, name, nil) end
for _, name in next, { "io", "package", "dofile", "loadfile", "collectgarbage", "warn", "loadstring", "module" } do blocked[name] = true end

rawset(G, "os", guard({ time = time, clock = clock, date = date }, "os."))
rawset(G, "debug", guard({ traceback = traceback }, "debug."))
protected[G.os], protected[G.debug] = true, true

-- No string.dump (binary chunks), and the string metatable cannot be changed.
local string = G.string
rawset(string, "dump", nil)
raw_setmetatable(string, { __index = function(_, k)
  if k == "dump" then refuse("string.dump" .. hint .. "; binary chunks cannot be made or loaded", 2) end
end, __metatable = false })
protected[string] = true
local string_meta = raw_getmetatable("")
local string_view = raw_setmetatable({}, {
  __index = string_meta,
  __newindex = function() refuse("the string metatable cannot be changed in the sandbox", 2) end,
  __metatable = false,
})
string_meta.__metatable = string_view

raw_setmetatable(G, {
  __index = function(_, k) if blocked[k] then refuse(tostring(k) .. hint, 2) end end,
  __metatable = false,
})

function G.setmetatable(t, mt)
  if protected[t] then refuse("the sandbox's own tables keep their metatables", 2) end
  return raw_setmetatable(t, mt)
end

-- load: text chunks only.
local binary = "load: binary chunks are refused in the sandbox (only Lua source can be loaded)"
function G.load(chunk, name, mode, ...)
  if mode ~= nil and mode ~= "t" then refuse(binary .. "; mode must be \"t\"", 2) end
  if type(chunk) == "string" then
    if byte(chunk, 1) == 27 then refuse(binary, 2) end
  elseif type(chunk) == "function" then
    local reader, first = chunk, true
    chunk = function()
      local piece = reader()
      if first and type(piece) == "string" and #piece > 0 then
        first = false
        if byte(piece, 1) == 27 then refuse(binary, 3) end
      end
      return piece
    end
  end
  local f, err = raw_load(chunk, name, "t", ...)
  if f == nil and type(err) == "table" and rawget(err, "kind") == "sandbox" then error(err, 0) end
  return f, err
end

-- require: pure-Lua modules beside the recipe, and the libraries the sandbox keeps.
local loaded = { string = string, table = G.table, math = G.math, utf8 = G.utf8, coroutine = G.coroutine, os = G.os, debug = G.debug, _G = G }
function G.require(name)
  if type(name) ~= "string" then
    error(format("bad argument #1 to 'require' (string expected, got %s)", type(name)), 2)
  end
  local value = loaded[name]
  if value ~= nil then return value end
  local source, path = find_module(name)
  if source == nil then refuse(path, 2) end
  local f, err = raw_load(source, "@" .. path, "t", G)
  if f == nil then error(err, 2) end
  local result = f(name, path)
  if result == nil then result = loaded[name] or true end
  loaded[name] = result
  return result, path
end
"""#
}
