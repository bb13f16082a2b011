#!/usr/bin/env python3
# Mutants of the pass-2 corpus's scripts, for the differential comparison with stap -p2 (pass2/mutated.txt):
#   mutate-pass2.py SEED COUNT SUITE.txt... > mutated.txt
# Each mutant changes one thing in a script: a number becomes a string or the other way round, an identifier
# another of the script's, an operator another, a statement goes, a '?' is added to a probe point.
import random, re, sys
seed, count = int(sys.argv[1]), int(sys.argv[2])
R = random.Random(seed)
scripts = []
for path in sys.argv[3:]:
    ident, body = None, []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if line.startswith("=== "):
            if ident is not None:
                scripts.append("\n".join(body).strip())
            ident, body = line[4:].strip(), []
        elif ident is not None:
            body.append(line)
    if ident is not None:
        scripts.append("\n".join(body).strip())
OPS = ["+", "-", "*", ".", "==", "<", "&&", "||", "=", ".=", "+="]
def mutate(s):
    kind = R.randrange(6)
    if kind == 0:
        nums = [m for m in re.finditer(r'(?<![\w"])\d+(?![\w"])', s)]
        if nums:
            m = R.choice(nums)
            return s[:m.start()] + '"' + m.group() + '"' + s[m.end():]
    if kind == 1:
        strs = [m for m in re.finditer(r'"[^"\\%]*"', s)]
        if strs:
            m = R.choice(strs)
            return s[:m.start()] + str(R.randint(0, 9)) + s[m.end():]
    if kind == 2:
        ids = [m for m in re.finditer(r'\b[a-z_][a-z0-9_]*\b', s) if m.group() not in
               ("probe", "global", "function", "if", "else", "for", "foreach", "in", "while", "return", "try",
                "catch", "delete", "next", "break", "continue", "limit", "begin", "end", "timer", "ms", "s",
                "private", "long", "string")]
        if len(ids) > 1:
            m = R.choice(ids)
            other = R.choice(ids).group()
            return s[:m.start()] + other + s[m.end():]
    if kind == 3:
        ops = [m for m in re.finditer(r'(?<=\s)(\+|-|\*|\.|==|<|&&|\|\||=|\.=|\+=)(?=\s)', s)]
        if ops:
            m = R.choice(ops)
            return s[:m.start()] + R.choice(OPS) + s[m.end():]
    if kind == 4:
        parts = [m for m in re.finditer(r';', s)]
        if parts:
            m = R.choice(parts)
            end = s.find(";", m.end())
            if end < 0:
                end = s.find("}", m.end())
            if end > m.end():
                return s[:m.end()] + s[end:]
    points = [m for m in re.finditer(r'probe ([a-z.()0-9"]+)', s)]
    if points:
        m = R.choice(points)
        return s[:m.end()] + "?" + s[m.end():]
    return s
out = []
for i in range(count):
    s = R.choice(scripts)
    for _ in range(R.randint(1, 2)):
        s = mutate(s)
    out.append("=== x%d_%d\n%s" % (seed, i, s))
print("\n".join(out))
