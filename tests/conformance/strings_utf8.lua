-- Plain Lua 5.4: utf8 and the string library's edges.
local s = "héllo, wörld — ✓ 𝄞"
print(utf8.len(s), #s, utf8.char(72, 233, 0x2713, 0x1D11E), utf8.codepoint(s, 2), utf8.codepoint(s, 1, 3))
for p, c in utf8.codes("añ✓") do io.write(p, ":", c, " ") end
print()
print(utf8.len("\xff"), utf8.len("abc\xe4"), utf8.len(s, 3), pcall(utf8.len, s, 100))
print(utf8.offset(s, 3), utf8.offset(s, -1), utf8.offset(s, 0, 3), utf8.offset("abc", 5))
print(pcall(utf8.offset, s, 1, 3))
print(pcall(utf8.codepoint, "\xff"))
print(pcall(function() for _ in utf8.codes("a\xffb") do end end))
print(utf8.charpattern == "[\0-\x7F\xC2-\xFD][\x80-\xBF]*")
local n = 0
for ch in s:gmatch(utf8.charpattern) do n = n + 1 end
print(n, utf8.char(), pcall(utf8.char, -1))
print(utf8.len("\u{7FF}\u{FFFF}"), #"\u{10FFFF}", utf8.codepoint("\u{10FFFF}"), utf8.len("\xF4\x90\x80\x80"), utf8.len("\xF4\x90\x80\x80", 1, -1, true))
print(("x"):rep(3, ","), ("ab"):rep(0), ("ab"):rep(-1), ("abc"):sub(-2), ("abc"):sub(2, 100), ("abc"):sub(0), ("abc"):sub(3, 2))
print(("Hello"):upper(), ("Hello"):lower(), ("abc"):reverse(), ("abc"):byte(1, -1), string.char(72, 105))
print(pcall(string.char, 256))
print(("%d"):format(3), ("a,b,,c"):find(",,", 1, true), ("a.b"):find(".", 1, true), ("abc"):find("b", -1))
print(#string.format("%099d", 7), string.format("%-5s|%5s|", "ab", "cd"), string.format("%.3s", "abcdef"))
print(string.format("%q", "line\nbreak\0zero\"q\\"), string.format("%q", 1/0), string.format("%q", 2^63))
print(tostring(nil), tostring(true), select("#", nil, nil), select(-1, 1, 2, 3), select(2, "a", "b", "c"))
print(pcall(select, 0))
print(("  trim  "):match("^%s*(.-)%s*$") .. "|", ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
print(string.len("\0\0"), ("\0a"):byte(1, 2), ("a\0b"):find("\0", 1, true))
print(rawlen("abc"), rawlen({1, 2}), rawequal("a", "a"), rawequal({}, {}))
