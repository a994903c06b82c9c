#!/usr/bin/env python3
"""Scores Glasshouse (from forecast-eval's --forecasts dump) and the peers (peers.R's output) on the same origins,
with forecast-eval's own numbers: the dumped actual value and MASE scale of every origin.
usage: score.py DIR/forecasts.csv peers.csv"""
import csv, statistics, sys
from collections import defaultdict

dump, peers = sys.argv[1], sys.argv[2]
truth = {}
acc = defaultdict(lambda: defaultdict(list))   # (method, horizon) -> series -> scaled errors
cover = defaultdict(lambda: [0, 0, 0])          # (method, horizon) -> [in80, in95, n]
secs = defaultdict(float)
fits = defaultdict(set)
horizons = []

def add(method, key, point, lo80, hi80, lo95, hi95):
    series, origin, steps, horizon, actual, scale = truth[key]
    if point is None or scale <= 0:
        return
    acc[(method, horizon)][series].append(abs(actual - point) / scale)
    c = cover[(method, horizon)]
    c[0] += lo80 <= actual <= hi80
    c[1] += lo95 <= actual <= hi95
    c[2] += 1

def num(s):
    try:
        v = float(s)
        return v if v == v else None
    except ValueError:
        return None

with open(peers) as f:
    peer_keys = {(r['series'], r['origin'], r['steps']) for r in csv.DictReader(f)}
with open(dump) as f:
    for r in csv.DictReader(f):
        key = (r['series'], r['origin'], r['steps'])
        if key not in peer_keys:
            continue   # only the origins the peers ran on (peers.R may subsample them)
        truth[key] = (r['series'], r['origin'], r['steps'], r['horizon'], float(r['actual']), float(r['scale']))
        if r['horizon'] not in horizons:
            horizons.append(r['horizon'])
        add('glasshouse', key, *[float(r[k]) for k in ('point', 'lo80', 'hi80', 'lo95', 'hi95')])
with open(peers) as f:
    for r in csv.DictReader(f):
        key = (r['series'], r['origin'], r['steps'])
        if key not in truth:
            continue
        v = [num(r[k]) for k in ('point', 'lo80', 'hi80', 'lo95', 'hi95')]
        if v[0] is None:
            acc[(r['method'], truth[key][3])][truth[key][0]].append(float('nan'))
            continue
        add(r['method'], key, *[x if x is not None else float('nan') for x in v])
        if (r['series'], r['origin']) not in fits[r['method']]:
            fits[r['method']].add((r['series'], r['origin']))
            secs[r['method']] += float(r['seconds'])

methods = ['glasshouse'] + sorted({m for m, _ in acc if m != 'glasshouse'})
print('median over series of MASE (same origins, same scale)')
print('%-8s' % 'horizon' + ''.join('%12s' % m for m in methods))
for h in horizons:
    row = '%-8s' % h
    for m in methods:
        per = [statistics.mean(v) for v in acc[(m, h)].values() if v and all(x == x for x in v)]
        failed = sum(1 for v in acc[(m, h)].values() if not v or any(x != x for x in v))
        row += '%12s' % ('%.3f%s' % (statistics.median(per), '*' if failed else '') if per else '-')
    print(row)
print('\ninterval coverage 80% / 95% (pooled)')
for h in horizons:
    print('%-8s' % h + ''.join('%12s' % ('%.1f/%.1f' % (100 * cover[(m, h)][0] / cover[(m, h)][2],
          100 * cover[(m, h)][1] / cover[(m, h)][2]) if cover[(m, h)][2] else '-') for m in methods))
print('\nmean fit seconds per series and origin (peers: elapsed in R, all horizons at once)')
for m in methods[1:]:
    print('%-10s %.3f' % (m, secs[m] / max(1, len(fits[m]))))
print("(* = the method failed on some origins of a series; that series is left out of that method's median)")
