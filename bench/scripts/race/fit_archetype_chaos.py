#!/usr/bin/env python3
"""Fits the per-archetype chaos parameters of slipstream.kernels.race.ArchetypeChaos from the shipped NASCAR data.

Usage: python3 bench/scripts/race/fit_archetype_chaos.py [/work/shared/data/nascar]
Standard library only. Prints the fitted numbers and the history figures used by the bench sanity check.

Method (per archetype):
- caution share q_r = 1 - (sum of fastest laps) / (race laps) per race of the 2019-2023 loop data (fastest laps
  are awarded on green-flag laps only); logit-normal fit: mu, sigma of logit(q_r).
- DNF: mean DNF rate over 2015-2023 driver-races; dnfPerChaos m from OLS of the per-race DNF rate on
  c_r = q_r / mean(q) - 1 over races present in both files: rate_r = p (1 + m c_r), so m = slope / p.
- strength noise (only above-average chaos widens it, so the average race stays plain Plackett-Luce): with
  eta = beta * start score, Spearman rho_r(start, finish) among finishers is modelled as
  beta / sqrt(beta^2 + pi^2/6 + s^2 max(0, c_r)^2); OLS of 1 / rho_r^2 on max(0, c_r)^2 gives intercept
  a = 1 + pi^2/(6 beta^2) and slope b = s^2 / beta^2. Negative estimates are clamped to 0.
- team effect: intraclass correlation of (finish pct - start pct) among teammates within a race (one-way ANOVA),
  mapped to a latent sd by sd^2 = icc / (1 - icc) * (pi^2/6 + beta^2).
- front bonus lambda: maximum likelihood of the laps-led counts under a multinomial with weight finish^-lambda.
- lead spells (rho, beta): the simulator gives laps led in 10-lap stints; the previous stint's leader keeps the
  next stint with probability rho (if still running), else the stint goes to a running car drawn by weight; and
  with probability beta one lap of the stint goes to a brief leader drawn by weight. Neither moves any lap's
  leader distribution, so lambda (and the model's laps-led kappa, fitted on expected shares) stays valid; they set
  only how one race's laps led are spread. Fitted per archetype by nested bisection so that replaying each race
  given its actual finish order and laps completed (weights finish^-lambda, common random numbers, 100 replays a
  race) gives history's mean top-3 share of laps led and mean number of leaders.
- fastest-lap temper: fastest laps are drawn with the laps-led weights raised to this power; it is lambda_f /
  lambda, with lambda_f the same maximum-likelihood exponent fitted on the 2019-2023 fastest-lap counts.
- IN_MODEL_HOLD_SCALE: the simulator's weights also carry exp(kappa * eta), which the replay lacks and which
  already concentrates laps led, so ArchetypeChaos uses rho * 0.5: with it, posterior predictive checks on 2021
  and 2022 (each held out from a fit on the seasons before) cover the observed top-3 share; with rho they overshoot.
"""
import csv, math, random, sys
from bisect import bisect_right
from collections import defaultdict

root = sys.argv[1] if len(sys.argv) > 1 else '/work/shared/data/nascar'
ARCH = {'superspeedway': 'SUPERSPEEDWAY', 'intermediate': 'INTERMEDIATE', 'short': 'SHORT_TRACK',
        'short_track': 'SHORT_TRACK', 'road': 'ROAD_COURSE', 'road_course': 'ROAD_COURSE'}

races = defaultdict(list)
for r in csv.DictReader(open(f'{root}/cup_results_2015_2023_model_ready.csv')):
    races[(r['season'], r['race'])].append(r)
arch_of_date = {}
for k, rows in races.items():
    a = ARCH.get(rows[0]['archetype'].strip().lower())
    rows[0]['_arch'] = a
    arch_of_date[rows[0]['race_date'][:10]] = (a, k)

loop = defaultdict(list)
for r in csv.DictReader(open(f'{root}/cup_loop_data_2019_2023.csv')):
    loop[r['race_date'].replace('/', '-')].append(r)

def mean(x): return sum(x) / len(x)

def ols(x, y):
    mx, my = mean(x), mean(y)
    sxx = sum((a - mx) ** 2 for a in x)
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    return my - sxy / sxx * mx, sxy / sxx

def ranks(v):
    o = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(o):
        j = i
        while j + 1 < len(o) and v[o[j + 1]] == v[o[i]]:
            j += 1
        for k in range(i, j + 1):
            r[o[k]] = (i + j) / 2.0
        i = j + 1
    return r

def spearman(x, y):
    rx, ry = ranks(x), ranks(y)
    mx, my = mean(rx), mean(ry)
    num = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    den = math.sqrt(sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry))
    return num / den

per = defaultdict(lambda: defaultdict(list))
for k, rows in races.items():
    a = rows[0]['_arch']
    if a is None:
        continue
    n = len(rows)
    dnf = [int(r['dnf']) for r in rows]
    per[a]['dnf'].extend(dnf)
    led = [int(r['laps_led'] or 0) for r in rows]
    tot = sum(led)
    if tot > 0:
        per[a]['top3'].append(sum(sorted(led, reverse=True)[:3]) / tot)
        per[a]['leaders'].append(sum(1 for x in led if x > 0))
        per[a]['led'].append([(int(r['finish']), int(r['laps_led'] or 0)) for r in rows])
        per[a]['replay'].append((int(rows[0]['race_laps']),
                                 [(int(r['finish']), int(r['laps'] or 0), int(r['dnf'])) for r in rows]))
    per[a]['races'].append(k)

q_of = {}
for date, rows in loop.items():
    if date not in arch_of_date:
        continue
    a, k = arch_of_date[date]
    laps = int(races[k][0]['race_laps'])
    fl = sum(int(r['fastest_lap'] or 0) for r in rows)
    if laps <= 0 or fl <= 0 or fl > laps:
        continue
    q_of[k] = 1 - fl / laps
    per[a]['q'].append(q_of[k])
    per[a]['green'].append(fl / laps)
    per[a]['fastest'].append([(int(r['finish']), int(r['fastest_lap'] or 0)) for r in rows if r['finish']])

all_green = sorted(g for a in per for g in per[a]['green'])
print(f'races with a caution share: {len(q_of)}; median green-flag share {all_green[len(all_green) // 2]:.3f}')

PI2_6 = math.pi ** 2 / 6
STINT_LAPS = 10
IN_MODEL_HOLD_SCALE = 0.5
REPLAYS = 100


def front_bonus_mle(races):
    """lambda maximising the multinomial likelihood of per-driver counts under weights finish^-lambda (grid 0.01)."""
    best = None
    for i in range(0, 501):
        lam = i / 100
        ll = 0.0
        for race in races:
            logw = [-lam * math.log(f) for f, _ in race]
            mx = max(logw)
            lse = mx + math.log(sum(math.exp(w - mx) for w in logw))
            ll += sum(c * (w - lse) for (f, c), w in zip(race, logw))
        if best is None or ll > best[1]:
            best = (lam, ll)
    return best[0]


def replay_setup(race_laps, cars, lam):
    """Cars in simulator order (finishers by finish, then DNFs by laps completed, descending): the cars running at
    any stint end form a prefix, so one cumulative weight list serves every stint."""
    order = sorted(cars, key=lambda c: (c[2], -c[1], c[0]))
    cum, acc = [], 0.0
    for f, _, _ in order:
        acc += f ** -lam
        cum.append(acc)
    stints = (race_laps + STINT_LAPS - 1) // STINT_LAPS
    running = []
    for k in range(stints):
        end = min(race_laps, (k + 1) * STINT_LAPS)
        n = sum(1 for _, laps, dnf in order if dnf == 0 or laps >= end)
        running.append(max(1, n))
    return race_laps, cum, running


def draw(cum, r, v):
    return min(r - 1, bisect_right(cum, v * cum[r - 1], 0, r))


def replay_stats(setups, uniforms, rho, beta):
    """Mean top-3 share of laps led and mean number of leaders, replaying the simulator's rule: the spell leader
    keeps the stint with probability rho (else a weighted draw); with probability beta one lap of the stint goes
    to a brief leader drawn by weight (a pit-cycle or restart lead)."""
    top3 = leaders = 0.0
    for (race_laps, cum, running), race_u in zip(setups, uniforms):
        for u_list in race_u:
            led = [0] * len(cum)
            leader = -1
            for k in range(len(running)):
                u, u2 = u_list[2 * k], u_list[2 * k + 1]
                r = running[k]
                laps = min(STINT_LAPS, race_laps - k * STINT_LAPS)
                holding = 0 <= leader < r
                if not (holding and u < rho):
                    leader = draw(cum, r, (u - rho) / (1 - rho) if holding else u)
                if laps > 1 and u2 < beta:
                    led[draw(cum, r, u2 / beta)] += 1
                    laps -= 1
                led[leader] += laps
            top3 += sum(sorted(led, reverse=True)[:3]) / race_laps
            leaders += sum(1 for x in led if x > 0)
    n = len(setups) * REPLAYS
    return top3 / n, leaders / n


def bisect_param(f, target, lo, hi):
    """The root of f(x) = target on [lo, hi] for f increasing, by bisection (clamped to the ends)."""
    if f(lo) >= target:
        return lo
    if f(hi) <= target:
        return hi
    for _ in range(10):
        mid = (lo + hi) / 2
        if f(mid) < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def fit_lead_spells(replays, lam, top3_target, leaders_target, seed):
    """(rho, beta) so that replays give history's top-3 share and leaders per race: for each beta, rho matches the
    top-3 share; beta then matches the leader count."""
    setups = [replay_setup(laps, cars, lam) for laps, cars in replays]
    rng = random.Random(seed)
    uniforms = [[[rng.random() for _ in range(2 * len(st[2]))] for _ in range(REPLAYS)] for st in setups]

    def rho_for(beta):
        return bisect_param(lambda r: replay_stats(setups, uniforms, r, beta)[0], top3_target, 0.0, 0.99)

    beta = bisect_param(lambda bt: replay_stats(setups, uniforms, rho_for(bt), bt)[1], leaders_target, 0.0, 1.0)
    rho = rho_for(beta)
    return rho, beta, replay_stats(setups, uniforms, 0.0, 0.0), replay_stats(setups, uniforms, rho, beta)


for a in ['SUPERSPEEDWAY', 'INTERMEDIATE', 'SHORT_TRACK', 'ROAD_COURSE']:
    d = per[a]
    q = [min(max(v, 0.01), 0.99) for v in d['q']]
    lg = [math.log(v / (1 - v)) for v in q]
    mu = mean(lg)
    sg = math.sqrt(sum((v - mu) ** 2 for v in lg) / (len(lg) - 1))
    qbar = mean(q)
    p = mean(d['dnf'])
    xs, ys, xr, yr = [], [], [], []
    team_groups = []
    for k in d['races']:
        rows = races[k]
        n = len(rows)
        if k in q_of:
            c = q_of[k] / qbar - 1
            xs.append(c)
            ys.append(mean([int(r['dnf']) for r in rows]))
            fin = [r for r in rows if int(r['dnf']) == 0]
            if len(fin) >= 10:
                rho = spearman([int(r['start']) for r in fin], [int(r['finish']) for r in fin])
                if rho > 0.1:
                    xr.append(max(0.0, q_of[k] / qbar - 1) ** 2)
                    yr.append(1 / rho ** 2)
        groups = defaultdict(list)
        for r in rows:
            if r['team']:
                groups[r['team']].append((int(r['finish']) - int(r['start'])) / n)
        team_groups.extend(g for g in groups.values() if len(g) >= 2)
    pj = mean(ys)
    _, slope = ols(xs, ys)
    m = max(0.0, slope / pj)
    ia, ib = ols(xr, yr)
    beta2 = PI2_6 / (ia - 1) if ia > 1 else float('nan')
    s2 = max(0.0, ib * beta2)
    # one-way ANOVA ICC
    vals = [v for g in team_groups for v in g]
    gm = mean(vals)
    N, K = len(vals), len(team_groups)
    ssb = sum(len(g) * (mean(g) - gm) ** 2 for g in team_groups)
    ssw = sum((v - mean(g)) ** 2 for g in team_groups for v in g)
    msb, msw = ssb / (K - 1), ssw / (N - K)
    k0 = (N - sum(len(g) ** 2 for g in team_groups) / N) / (K - 1)
    icc = max(0.0, (msb - msw) / (msb + (k0 - 1) * msw))
    team_sd = math.sqrt(icc / (1 - icc) * (PI2_6 + beta2))
    front_bonus = front_bonus_mle(d['led'])
    fastest_lambda = front_bonus_mle(d['fastest'])
    print(f'{a}: races={len(d["races"])} withCaution={len(q)} logitMu={mu:.4f} logitSigma={sg:.4f} '
          f'meanCautionShare={qbar:.4f} medianGreen={sorted(d["green"])[len(d["green"]) // 2]:.4f} '
          f'dnfRate={p:.4f} dnfPerChaos={m:.4f} (slope {slope:.4f}, n={len(xs)}) beta={math.sqrt(beta2):.4f} '
          f'strengthNoisePerChaos={math.sqrt(s2):.4f} (a={ia:.3f}, b={ib:.3f}, n={len(xr)}) icc={icc:.4f} '
          f'teamSd={team_sd:.4f} frontBonus={front_bonus:.2f} top3LedShare={mean(d["top3"]):.4f}')
    rho, beta, plain, fitted = fit_lead_spells(d['replay'], front_bonus, mean(d['top3']), mean(d['leaders']), 2023)
    print(f'{a}: leadHold={rho * IN_MODEL_HOLD_SCALE:.3f} (replay {rho:.3f}) briefLead={beta:.3f} (replayed top-3 share / leaders per race: '
          f'{plain[0]:.4f} / {plain[1]:.2f} without either, {fitted[0]:.4f} / {fitted[1]:.2f} with both; '
          f'history {mean(d["top3"]):.4f} / {mean(d["leaders"]):.2f})')
    print(f'{a}: fastestLapTemper={fastest_lambda / front_bonus:.2f} (fastest-lap lambda {fastest_lambda:.2f} over '
          f'frontBonus {front_bonus:.2f})')
