-- string.pack / unpack / packsize across formats, and string.format.
local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
local cases = {
  { "<i1", -1 }, { "<I1", 255 }, { "<i2", -2 }, { ">i2", 258 }, { "<I2", 65535 }, { "<i4", -123456 },
  { ">I4", 3735928559 }, { "<i8", math.mininteger }, { ">j", 1 }, { "<J", -1 }, { "<i3", -5 }, { ">I3", 70000 },
  { "<b", -128 }, { "<B", 200 }, { "<h", -300 }, { ">H", 300 }, { "<l", 7 }, { "<L", 8 }, { "<T", 9 },
  { "<f", 1.5 }, { ">d", -2.25 }, { "<n", 0.125 }, { "z", "zero-term" }, { "<s1", "len1" }, { ">s2", "len2" },
  { "<s4", "" }, { "c5", "abc" }, { "<i16", -2 }, { ">I16", 5 },
}
for _, c in ipairs(cases) do
  local fmt, v = c[1], c[2]
  local ok, s = pcall(string.pack, fmt, v)
  if ok then
    local back = table.pack(string.unpack(fmt, s))
    print(fmt, hex(s), tostring(back[1]), back[2], back.n)
  else
    print(fmt, "error", s)
  end
end
print(string.packsize("i4"), string.packsize("<i1i8"), string.packsize("!8i1i8"), string.packsize("d"), string.packsize("c10"))
print(string.packsize("!4 i1 i4"), string.packsize("i1 x i2"), string.packsize("<i2 Xi4 i4"), string.packsize(""))
print(pcall(string.packsize, "s"), pcall(string.packsize, "z"))
print(pcall(string.packsize, "i17"))
print(pcall(string.pack, "i1", 200))
print(pcall(string.pack, "I1", -1))
print(pcall(string.pack, "i2", 1.5))
print(pcall(string.pack, "c2", "abc"))
print(pcall(string.pack, "z", "a\0b"))
print(pcall(string.pack, "s1", ("x"):rep(300)))
print(pcall(string.unpack, "i4", "ab"))
print(pcall(string.unpack, "z", "abc"))
print(pcall(string.pack, "y", 1))
print(pcall(string.pack, "<i4"))
local multi = string.pack(">i2 B z s1 d", 1000, 7, "mid", "tail", 0.5)
print(#multi, hex(multi))
print(string.unpack(">i2 B z s1 d", multi))
print(string.unpack("B", multi, 3), string.unpack("B", multi, -1))
print(pcall(string.unpack, "B", multi, 100))
local aligned = string.pack("!4 b i4 b", 1, 2, 3)
print(#aligned, hex(aligned), string.unpack("!4 b i4 b", aligned))
print(hex(string.pack("<i2 x x i2", 1, 2)), hex(string.pack(">!2 b Xh h", 1, 2)))
print(hex(string.pack("= i2", 1)) == hex(string.pack("<i2", 1)) or hex(string.pack("= i2", 1)) == hex(string.pack(">i2", 1)))
print(string.unpack("<i8", string.pack("<i8", math.maxinteger)) == math.maxinteger)
print(string.unpack("<I3", "\255\255\255"), string.unpack("<i3", "\255\255\255"))
print(pcall(string.unpack, "<i9", ("\255"):rep(8) .. "\1"))
print(string.unpack("<i9", ("\255"):rep(9)))
-- string.format
print(string.format("%5.2f|%-8.3f|%+d|%05d|%x|%X|%o|%e", 3.14159, 2.5, 7, 42, 255, 255, 8, 12345.678))
print(string.format("%g|%g|%g|%g|%g|%g", 1e20, 0.1, 100000, 1000000, 1e-5, 2^53))
print(string.format("%i|%d|%5s|%-5s|%.2s|%c%c", 12, -3, "ab", "ab", "abcdef", 72, 105))
print(string.format("%q", "line1\nline2\t\"quoted\"\\ \0 \127 end"))
print(string.format("%q", 42), string.format("%q", math.mininteger), string.format("%q", 1.5), string.format("%q", 1/0), string.format("%q", -1/0))
print(string.format("%q", 0/0), string.format("%q", true), string.format("%q", nil))
print(pcall(string.format, "%q", {}))
print(string.format("%s|%s|%s|%s", nil, true, 12, 1.0))
print(string.format("%10.4s|", "abcdefg"), string.format("%%"), string.format("%.0f %.0f %.0f", 0.5, 1.5, 2.5))
print(string.format("%.3g|%#x|%#o|% d", 1234567, 255, 8, 5))
print(pcall(string.format, "%d", 1.5))
print(string.format("%d", 3.0))
print(pcall(string.format, "%y", 1))
print(pcall(string.format, "%d"))
print(pcall(string.format, "%100d", 1))
print(string.format("%.14g", math.pi), string.format("%.20f", 0.1):sub(1, 12), string.format("%5.1s|", "xyz"))
print(string.format("[%s]", setmetatable({}, { __tostring = function() return "TS" end })))
print(pcall(string.format, "%s", setmetatable({}, { __tostring = function() return 1 end })))
