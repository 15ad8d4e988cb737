#!/usr/bin/env python3
"""TOML conformance cases for Limn's own TOML parser, with Python's tomllib as the reference.

    scripts/dev/toml_cases.py write          # rewrite Tests/LimnConfigTests/Fixtures/toml-cases.json
    scripts/dev/toml_cases.py mutate N FILE  # N random mutations of the cases, with tomllib's verdicts
    LIMN_TOML_CASES=FILE swift test --filter TOMLConformance   # check the parser against FILE too

Each case is {"name", "toml", "expect"}: "expect" is null when tomllib rejects the document,
else the document in the canonical form `canonical()` gives (the Swift test renders the same).
"""
import json, math, random, struct, sys, tomllib, datetime, pathlib

VALID = {
    "bare-keys": 'key = "value"\nbare_key = 1\nbare-key = 2\n1234 = 3\n',
    "quoted-keys": '"127.0.0.1" = "v"\n"character encoding" = "v"\n\'key2\' = "v"\n\'quoted "value"\' = "v"\n"" = "empty"\n',
    "dotted-keys": 'name = "Orange"\nphysical.color = "orange"\nphysical.shape = "round"\nsite."google.com" = true\n',
    "dotted-whitespace": 'fruit.name = "banana"\nfruit. color = "yellow"\nfruit . flavor = "banana"\n',
    "dotted-out-of-order": 'apple.type = "fruit"\norange.type = "fruit"\napple.skin = "thin"\n',
    "basic-string-escapes": 'str = "I\'m a string. \\"You can quote me\\". Name\\tJos\\u00E9\\nLocation\\tSF. \\U0001F600 \\b\\f\\r\\\\"\n',
    "multiline-basic": 'str1 = """\nRoses are red\nViolets are blue"""\n',
    "multiline-trim": 'str = """\\\n       The quick brown \\\n\n\n       fox jumps over \\\n         the lazy dog.\\\n       """\n',
    "multiline-quotes": 'str4 = """Here are two quotation marks: "". Simple enough."""\nstr5 = """Here are three quotation marks: ""\\"."""\nstr7 = """"This," she said, "is just a pointless statement.""""\n',
    "multiline-crlf": 'a = """\r\nx\r\ny"""\r\nb = 1\r\n',
    "literal": "winpath  = 'C:\\Users\\nodejs\\templates'\nquoted   = 'Tom \"Dubs\" Preston-Werner'\nregex    = '<\\i\\c*\\s*>'\n",
    "multiline-literal": "regex2 = '''I [dw]on't need \\d{2} apples'''\nlines  = '''\nThe first newline is\ntrimmed in raw strings.\n'''\nquot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\napos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\nstr = ''''That,' she said, 'is still pointless.''''\n",
    "integers": "int1 = +99\nint2 = 42\nint3 = 0\nint4 = -17\nint5 = 1_000\nint6 = 5_349_221\nint7 = 53_49_221\nint8 = 1_2_3_4_5\nmax = 9223372036854775807\nmin = -9223372036854775808\nz = -0\np = +0\n",
    "integers-prefixed": "hex1 = 0xDEADBEEF\nhex2 = 0xdeadbeef\nhex3 = 0xdead_beef\noct1 = 0o01234567\noct2 = 0o755\nbin1 = 0b11010110\nhexmax = 0x7fffffffffffffff\nz = 0x0\n",
    "floats": "flt1 = +1.0\nflt2 = 3.1415\nflt3 = -0.01\nflt4 = 5e+22\nflt5 = 1e06\nflt6 = -2E-2\nflt7 = 6.626e-34\nflt8 = 224_617.445_991_228\nz = -0.0\np = +0.0\nbig = 1e400\nsmall = 1e-400\nexp0 = 0e0\n",
    "floats-special": "sf1 = inf\nsf2 = +inf\nsf3 = -inf\nsf4 = nan\nsf5 = +nan\nsf6 = -nan\n",
    "booleans": "bool1 = true\nbool2 = false\n",
    "datetimes": "odt1 = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T00:32:00-07:00\nodt3 = 1979-05-27T00:32:00.999999-07:00\nodt4 = 1979-05-27 07:32:00Z\nldt1 = 1979-05-27T07:32:00\nldt2 = 1979-05-27T00:32:00.999999\nld1 = 1979-05-27\nlt1 = 07:32:00\nlt2 = 00:32:00.999999\nlower = 1979-05-27t07:32:00z\nleap = 2000-02-29\n",
    "arrays": 'integers = [ 1, 2, 3 ]\ncolors = [ "red", "yellow", "green" ]\nnested_arrays_of_ints = [ [ 1, 2 ], [3, 4, 5] ]\nnested_mixed_array = [ [ 1, 2 ], ["a", "b", "c"] ]\nstring_array = [ "all", \'strings\', """are the same""", \'\'\'type\'\'\' ]\nnumbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\ncontributors = [\n  "Foo Bar <foo@example.com>",\n  { name = "Baz Qux", email = "bazqux@example.com", url = "https://example.com/bazqux" }\n]\n',
    "arrays-multiline": 'integers2 = [\n  1, 2, 3\n]\nintegers3 = [\n  1,\n  2, # this is ok\n]\nempty = [ ]\nempty2 = [\n# only a comment\n]\n',
    "tables": '[table-1]\nkey1 = "some string"\nkey2 = 123\n\n[table-2]\nkey1 = "another string"\nkey2 = 456\n',
    "tables-dotted-headers": '[dog."tater.man"]\ntype.name = "pug"\n[a.b.c]\n[ d.e.f ]\n[ g .  h  . i ]\n[ j . "ʞ" . \'l\' ]\n',
    "tables-implicit-then-defined": "[x.y.z.w]\n[x]\n",
    "tables-super-after": "[fruit.apple]\n[animal]\n[fruit.orange]\n",
    "tables-root-keys-first": 'name = "Fido"\nbreed = "pug"\n[owner]\nname = "Regina Dogman"\nmember_since = 1999-08-04\n',
    "tables-dotted-then-subtable": '[fruit]\napple.color = "red"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true\n',
    "inline-tables": 'name = { first = "Tom", last = "Preston-Werner" }\npoint = { x = 1, y = 2 }\nanimal = { type.name = "pug" }\nempty = {}\nnested = { a = { b = [1, { c = 2 }] } }\n',
    "array-of-tables": '[[products]]\nname = "Hammer"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = "Nail"\nsku = 284758393\ncolor = "gray"\n',
    "array-of-tables-nested": '[[fruits]]\nname = "apple"\n[fruits.physical]\ncolor = "red"\nshape = "round"\n[[fruits.varieties]]\nname = "red delicious"\n[[fruits.varieties]]\nname = "granny smith"\n[[fruits]]\nname = "banana"\n[[fruits.varieties]]\nname = "plantain"\n',
    "comments": '# This is a full-line comment\nkey = "value"  # This is a comment at the end of a line\nanother = "# This is not a comment"\n#\n# comment with unicode ☃ and tab\t\n',
    "whitespace": '\t key\t=\t"v"\t\n\n   \n[ t ]\t# c\n',
    "no-trailing-newline": 'a = 1',
    "empty": '',
    "unicode-content": 'a = "ʎǝʞ ☃ 𝄞"\n"ʎǝʞ" = 1\n',
    "crlf": 'a = 1\r\n[b]\r\nc = "x"\r\n',
    "limn-config": '''provider = "crazyrouter"
concurrency = 8

[providers.crazyrouter]
base_url = "https://api.crazyrouter.com/v1"
api_key_env = "CRAZYROUTER_KEY"

[routes]
"nano-banana*" = "gemini"

[prices."gpt-image-1"]
per_image = 0.04
sizes = { "1536x1024" = 0.06 }
''',
    "key-numeric-dotted": '3.14159 = "pi"\n',
    "keys-bare-like-values": 'true = 1\nfalse = 2\ninf = 3\nnan = 4\n1979-05-27 = 5\n',
    "aot-subtable-of-implicit": "[a.b]\nc = 1\n[a]\nd = 2\n",
    "dotted-into-implicit": "[a.b.c]\n[a]\nb.d = 1\n",
    "string-with-hash": 'a = "#"\nb = \'#\' # real\n',
    "escape-del-literal": "a = 'x\\u0000y'\n",
    "array-trailing-comma-newlines": "a = [\n  1,\n  2,\n\n]\n",
    "inline-table-in-array-of-tables": "[[a]]\nb = { c = 1 }\n[[a]]\nb = { c = 2 }\n",
    "multiline-backslash-spaces": 'a = """x \\   \n   y"""\n',
    "multiline-five-quotes": 'a = """""x"""""\n',
}

INVALID = {
    "no-value": "a =\n",
    "no-value-eof": "a = ",
    "no-equals": "a 1\n",
    "no-key": "= 1\n",
    "bare-value": "a = hello\n",
    "two-on-a-line": "a = 1 b = 2\n",
    "duplicate-key": 'name = "Tom"\nname = "Pradyun"\n',
    "duplicate-quoted": 'spelling = "favorite"\n"spelling" = "favourite"\n',
    "value-then-dotted": 'fruit.apple = 1\nfruit.apple.smooth = true\n',
    "dotted-then-inline-parent": 'a.b = 1\na = {}\n',
    "duplicate-table": '[fruit]\napple = "red"\n[fruit]\norange = "orange"\n',
    "table-over-dotted-key": '[fruit]\napple = "red"\n[fruit.apple]\ntexture = "smooth"\n',
    "header-over-dotted-table": '[fruit]\napple.color = "red"\n[fruit.apple]\n',
    "header-over-dotted-subtable": '[fruit]\napple.taste.sweet = true\n[fruit.apple.taste]\n',
    "dotted-into-header-table": '[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n',
    "dotted-root-over-later-header": 'a.b = 1\n[a]\n',
    "inline-extended-by-header": '[product]\ntype = { name = "Nail" }\n[product.type]\n',
    "inline-extended-by-dotted": '[product]\ntype = { name = "Nail" }\ntype.edible = false\n',
    "inline-newline": 'a = { b = 1,\n c = 2 }\n',
    "inline-trailing-comma": 'a = { b = 1, }\n',
    "inline-duplicate": 'a = { b = 1, b = 2 }\n',
    "inline-dotted-conflict": 'a = { b.c = 1, b = 2 }\n',
    "inline-unclosed": 'a = { b = 1\n',
    "static-array-appended": 'fruits = []\n[[fruits]]\n',
    "aot-over-table": '[fruit]\n[[fruit]]\n',
    "table-over-aot": '[[fruit]]\n[fruit]\n',
    "aot-spaced-brackets": '[ [a] ]\n',
    "header-unclosed": '[a\nb = 1\n',
    "header-empty": '[]\n',
    "header-dot-start": '[.a]\n',
    "header-dot-end": '[a.]\n',
    "header-double-dot": '[a..b]\n',
    "header-trailing": '[a] b = 1\n',
    "key-dot-end": 'a. = 1\n',
    "key-multiline": '"""a""" = 1\n',
    "key-space": 'a b = 1\n',
    "key-unicode-bare": 'ʎǝʞ = 1\n',
    "string-unclosed": 'a = "abc\n',
    "string-newline": 'a = "a\nb"\n',
    "literal-newline": "a = 'a\nb'\n",
    "bad-escape": 'a = "\\q"\n',
    "escape-x": 'a = "\\x41"\n',
    "escape-e": 'a = "\\e"\n',
    "escape-surrogate": 'a = "\\uD800"\n',
    "escape-too-big": 'a = "\\U00110000"\n',
    "escape-short": 'a = "\\u12"\n',
    "multiline-unclosed": 'a = """abc\n',
    "multiline-six-quotes": 'a = """x""""""\n',
    "literal-multiline-six": "a = '''x''''''\n",
    "integer-leading-zero": 'a = 012\n',
    "integer-leading-zero-neg": 'a = -012\n',
    "integer-double-underscore": 'a = 1__2\n',
    "integer-trailing-underscore": 'a = 1_\n',
    "integer-leading-underscore": 'a = _1\n',
    "integer-overflow": 'a = 9223372036854775808\n',
    "integer-underflow": 'a = -9223372036854775809\n',
    "hex-upper-prefix": 'a = 0XFF\n',
    "hex-signed": 'a = +0xFF\n',
    "hex-empty": 'a = 0x\n',
    "hex-overflow": 'a = 0x8000000000000000\n',
    "octal-bad-digit": 'a = 0o8\n',
    "binary-bad-digit": 'a = 0b2\n',
    "prefix-underscore": 'a = 0x_1\n',
    "float-no-leading": 'a = .7\n',
    "float-no-trailing": 'a = 7.\n',
    "float-exp-point": 'a = 3.e+20\n',
    "float-leading-zero": 'a = 03.14\n',
    "float-underscore-dot": 'a = 1_.5\n',
    "float-exp-empty": 'a = 1e\n',
    "float-exp-underscore": 'a = 1e_1\n',
    "float-infinity-word": 'a = infinity\n',
    "float-capital-inf": 'a = Inf\n',
    "float-nan-capital": 'a = NaN\n',
    "bool-capital": 'a = True\n',
    "date-bad-month": 'a = 1979-13-27\n',
    "date-bad-day": 'a = 1979-02-30\n',
    "date-not-leap": 'a = 1900-02-29\n',
    "date-short": 'a = 1979-5-27\n',
    "time-bad-hour": 'a = 24:00:00\n',
    "time-no-seconds": 'a = 07:32\n',
    "time-bad-fraction": 'a = 07:32:00.\n',
    "datetime-bad-offset": 'a = 1979-05-27T07:32:00+24:00\n',
    "datetime-offset-no-colon": 'a = 1979-05-27T07:32:00+0700\n',
    "time-with-offset": 'a = 07:32:00Z\n',
    "datetime-trailing": 'a = 1979-05-27T07:32:00Zx\n',
    "array-unclosed": 'a = [1, 2\n',
    "array-double-comma": 'a = [1,,2]\n',
    "array-leading-comma": 'a = [,1]\n',
    "array-no-comma": 'a = [1 2]\n',
    "array-bare": 'a = [x]\n',
    "lone-cr": 'a = 1\rb = 2\n',
    "control-in-string": 'a = "\x01"\n',
    "control-in-comment": '# \x7f\n',
    "control-in-literal": "a = '\x1b'\n",
    "control-in-multiline": 'a = """\x00"""\n',
    "comment-after-value-no-space": 'a = 1#ok\nb = c\n',
    "equals-twice": 'a = = 1\n',
    "open-bracket-eof": '[',
    "header-pipe": '[|imeouts]\n',
    "aot-unclosed": '[[a]\n',
    "nested-aot-over-static": 'a = [{ b = 1 }]\n[[a.c]]\n',
    "value-as-table-prefix": 'a = 1\n[a.b]\n',
    "string-prefix-value": 'a = "x" "y"\n',
}


def canonical(value):
    if isinstance(value, bool):
        return {"bool": value}
    if isinstance(value, int):
        # TOML asks for the 64-bit range; tomllib reads any size, Limn refuses what does not fit.
        if not -2**63 <= value < 2**63:
            raise OverflowError(value)
        return {"int": str(value)}
    if isinstance(value, float):
        if math.isnan(value):
            return {"float": "nan"}
        return {"float": str(struct.unpack("<Q", struct.pack("<d", value))[0])}
    if isinstance(value, str):
        return {"string": value}
    if isinstance(value, datetime.datetime):
        return {"other": "date-time"}
    if isinstance(value, datetime.date):
        return {"other": "date"}
    if isinstance(value, datetime.time):
        return {"other": "time"}
    if isinstance(value, list):
        return {"array": [canonical(v) for v in value]}
    if isinstance(value, dict):
        return {"table": {k: canonical(v) for k, v in value.items()}}
    raise TypeError(type(value))


def verdict(text):
    try:
        return canonical(tomllib.loads(text))
    except tomllib.TOMLDecodeError:
        return None
    except (ValueError, RecursionError, OverflowError):
        return None


def cases():
    out = []
    for name, text in VALID.items():
        expect = verdict(text)
        assert expect is not None, f"tomllib rejects the valid case {name}"
        out.append({"name": name, "toml": text, "expect": expect})
    for name, text in INVALID.items():
        assert verdict(text) is None, f"tomllib accepts the invalid case {name}"
        out.append({"name": name, "toml": text, "expect": None})
    return out


ALPHABET = list("[]{}=.,\"'#\\ \t\n\r_-+:0123456789abefnrtxzTZ") + ['"""', "'''", "[[", "]]", "\\u00e9", "1979-05-27", "07:32:00", "inf", "nan", "ʞ"]


def mutate(text, rng):
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        pos = rng.randint(0, len(chars))
        if op < 0.4 and chars:
            del chars[min(pos, len(chars) - 1)]
        elif op < 0.8:
            chars.insert(pos, rng.choice(ALPHABET))
        elif chars:
            chars[min(pos, len(chars) - 1)] = rng.choice(ALPHABET)
    return "".join(chars)


def main():
    here = pathlib.Path(__file__).resolve().parents[2]
    if sys.argv[1:2] == ["write"]:
        path = here / "Tests/LimnConfigTests/Fixtures/toml-cases.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(cases(), ensure_ascii=False, indent=1) + "\n")
        print(f"{path.relative_to(here)}: {len(VALID)} valid, {len(INVALID)} invalid")
    elif sys.argv[1:2] == ["mutate"]:
        count, target = int(sys.argv[2]), sys.argv[3]
        rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
        seeds = list(VALID.values()) + list(INVALID.values())
        out, accepted = [], 0
        for n in range(count):
            text = mutate(rng.choice(seeds), rng)
            expect = verdict(text)
            accepted += expect is not None
            out.append({"name": f"mutation-{n}", "toml": text, "expect": expect})
        pathlib.Path(target).write_text(json.dumps(out, ensure_ascii=False) + "\n")
        print(f"{target}: {count} mutations, {accepted} accepted by tomllib")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
