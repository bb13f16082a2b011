#!/usr/bin/env python3
# Random SystemTap scripts that stap elaborates without a kernel, for the differential comparison of pass 2 with
# stap -p2 (pass2/generated.txt):   gen-pass2.py SEED COUNT [ERROR_RATE] > generated.txt
# Typed: each expression is generated for the type its place wants, and with probability ERROR_RATE for the other
# one; a call sometimes gets one argument too many. Probes are begin, end, error and timer; the library functions
# are those the tests' own tapset library declares as Debian's does.
import random, sys
seed=int(sys.argv[1]); n=int(sys.argv[2]); ERR=float(sys.argv[3]) if len(sys.argv)>3 else 0.03
R=random.Random(seed)
LIBS=[('strlen',['s'],'l'),('substr',['s','l','l'],'s'),('execname',[],'s'),('pid',[],'l'),('strtol',['s','l'],'l'),('ppid',[],'l')]
def flip(t): return 's' if t=='l' else 'l'
def err(): return R.random()<ERR
def gen_script():
    scal={}; arrs={}; stats=[]
    for i in range(R.randint(0,4)):
        k=R.choice(['scalar','array','array','stat'])
        name='g%d'%i
        if k=='scalar': scal[name]=R.choice('ls')
        elif k=='array': arrs[name]=([R.choice('ls') for _ in range(R.randint(1,2))], R.choice('ls'))
        else: stats.append(name)
    funcs={}
    for i in range(R.randint(0,3)):
        funcs['f%d'%i]=([R.choice('ls') for _ in range(R.randint(0,2))], R.choice('ls'))
    out=[]
    decl=[]
    for g,t in scal.items(): decl.append(g + ((' = 1' if t=='l' else ' = "x"') if R.random()<0.3 else ''))
    decl += list(arrs) + stats
    if decl: out.append('global ' + ', '.join(decl))
    def expr(t, d, locs):
        if err(): t=flip(t)
        r=R.random()
        cands=[v for v,vt in locs.items() if vt==t]
        if d>2 or r<0.3:
            c=R.random()
            if c<0.4 and cands: return R.choice(cands)
            if c<0.55:
                gs=[g for g,gt in scal.items() if gt==t]
                if gs: return R.choice(gs)
            return str(R.randint(0,9)) if t=='l' else '"%s"' % R.choice(['a','b','xy',''])
        c=R.random()
        if t=='l':
            if c<0.2: return '%s %s %s' % (expr('l',d+1,locs), R.choice(['+','-','*','&','<<','%']), expr('l',d+1,locs))
            if c<0.3: tt=R.choice('ls'); return '%s %s %s' % (expr(tt,d+1,locs), R.choice(['==','<','!=']), expr(tt,d+1,locs))
            if c<0.35: return '%s =~ "%s"' % (expr('s',d+1,locs), R.choice(['a','^b$','[0-9]+','(a|b)+','x*']))
            if c<0.40 and stats: return '@%s(%s)' % (R.choice(['count','sum','min','max','avg']), R.choice(stats))
            if c<0.45 and arrs:
                a=R.choice(list(arrs)); ks,vt=arrs[a]
                return '[%s] in %s' % (', '.join(expr(k,d+1,locs) for k in ks), a)
            if c<0.50: return '!%s' % expr('l',d+1,locs)
            if c<0.55: return '(%s && %s)' % (expr('l',d+1,locs), expr('l',d+1,locs))
        else:
            if c<0.2: return '%s . %s' % (expr('s',d+1,locs), expr('s',d+1,locs))
            if c<0.3: return 'sprintf("%%d-%%s", %s, %s)' % (expr('l',d+1,locs), expr('s',d+1,locs))
            if c<0.35: return 'sprint(%s)' % expr(R.choice('ls'),d+1,locs)
        if c<0.65:
            ls=[x for x in LIBS if x[2]==t]
            if ls:
                f,ps,rt=R.choice(ls); return '%s(%s)' % (f, ', '.join(expr(p,d+1,locs) for p in ps))
        if c<0.75:
            fs=[f for f,(ps,rt) in funcs.items() if rt==t]
            if fs:
                f=R.choice(fs); ps=funcs[f][0]
                args=[expr(p,d+1,locs) for p in ps]
                if err(): args.append('1')
                return '%s(%s)' % (f, ', '.join(args))
        if c<0.85:
            as_=[a for a,(ks,vt) in arrs.items() if vt==t]
            if as_:
                a=R.choice(as_); ks=arrs[a][0]
                return '%s[%s]' % (a, ', '.join(expr(k,d+1,locs) for k in ks))
        if c<0.92: return '(%s ? %s : %s)' % (expr('l',d+1,locs), expr(t,d+1,locs), expr(t,d+1,locs))
        return expr(t,d+1,locs)
    def newlocal(locs, t):
        v='%s%d' % (t, len(locs)); locs[v]=t; return v
    def stmt(d, locs, rett):
        c=R.random()
        if d>2: c=R.random()*0.5
        if c<0.22:
            t=R.choice('ls')
            cands=[v for v,vt in locs.items() if vt==t]
            v = R.choice(cands) if cands and R.random()<0.5 else newlocal(locs,t)
            op = '=' if R.random()<0.7 else ('.=' if t=='s' else '+=')
            return '%s %s %s' % (v, op, expr(t,0,locs))
        if c<0.32 and arrs:
            a=R.choice(list(arrs)); ks,vt=arrs[a]
            return '%s[%s] = %s' % (a, ', '.join(expr(k,1,locs) for k in ks), expr(vt,0,locs))
        if c<0.37 and stats: return '%s <<< %s' % (R.choice(stats), expr('l',0,locs))
        if c<0.42 and scal:
            g=R.choice(list(scal)); return '%s = %s' % (g, expr(scal[g],0,locs))
        if c<0.52:
            ts=[R.choice('ls') for _ in range(R.randint(0,3))]
            fmt=' '.join({'l':R.choice(['%d','%x','%u','%5d']),'s':R.choice(['%s','%-4s'])}[t] for t in ts)
            return 'printf("%s\\n"%s)' % (fmt, ''.join(', '+expr(t,0,locs) for t in ts))
        if c<0.58: return 'println(%s)' % expr(R.choice('ls'),0,locs)
        if c<0.66: return 'if (%s) { %s } %s' % (expr('l',0,locs), stmt(d+1,locs,rett), ('else { %s }' % stmt(d+1,locs,rett)) if R.random()<0.4 else '')
        if c<0.73 and arrs:
            a=R.choice(list(arrs)); ks,vt=arrs[a]
            names=[]
            for k in ks:
                names.append(newlocal(locs,k))
            val=''
            if R.random()<0.4: val=newlocal(locs,vt)+' = '
            kt=names[0] if len(names)==1 and R.random()<0.5 else '[%s]' % ', '.join(names)
            return 'foreach (%s%s in %s%s) { %s }' % (val, kt, a, R.choice(['','','+','-']), stmt(d+1,locs,rett))
        if c<0.77: i=newlocal(locs,'l'); return 'for (%s = 0; %s < %s; %s++) { %s }' % (i,i,expr('l',1,locs),i,stmt(d+1,locs,rett))
        if c<0.81: return 'try { %s } catch (e%d) { println(e%d) }' % (stmt(d+1,locs,rett), d, d)
        if c<0.86 and rett: return 'return %s' % expr(rett,0,locs)
        if c<0.88 and arrs: return 'delete %s' % R.choice(list(arrs))
        if c<0.93 and funcs:
            f=R.choice(list(funcs)); return '%s(%s)' % (f, ', '.join(expr(p,0,locs) for p in funcs[f][0]))
        if c<0.95 and rett is None: return 'next'
        return 'println(%s)' % expr(R.choice('ls'),0,locs)
    for f,(ps,rt) in funcs.items():
        params=['p%d'%i for i in range(len(ps))]
        ptxt=', '.join(p + ((':long' if t=='l' else ':string') if R.random()<0.4 else '') for p,t in zip(params,ps))
        locs={p:t for p,t in zip(params,ps)}
        body='; '.join(stmt(0,locs,rt) for _ in range(R.randint(1,3)))
        body += '; return %s' % expr(rt,0,locs)
        rtd = (':long' if rt=='l' else ':string') if R.random()<0.3 else ''
        out.append('function %s%s(%s) { %s }' % (f, rtd, ptxt, body))
    for i in range(R.randint(1,3)):
        pt=R.choice(['begin','end','timer.ms(100)','begin','timer.s(1)','error'])
        locs={}
        body='; '.join(stmt(0,locs,None) for _ in range(R.randint(1,4)))
        out.append('probe %s { %s }' % (pt, body))
    return '\n'.join(out)
for i in range(n):
    print('=== q%d_%d' % (seed, i))
    print(gen_script())
