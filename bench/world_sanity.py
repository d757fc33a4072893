"""Sanity check of an evaluation world (``vrdndi world``), not an evaluation of vrdndi's models.

    vrdndi world WORLD && vrdndi --store WORLD.sqlite import WORLD
    .venv/bin/python bench/world_sanity.py WORLD WORLD.sqlite

Two numpy logistic regressions on what the product can see, trained on the productive labels of
labels.csv and scored on the noise-free truth of test_truth.csv:
- context-free: YouTube categoryId one-hot + log duration (+ short / over an hour)
- context-bag: the same, plus the time shares of eight app groups in the last 60 minutes of
  stored (AFK-filtered) events, local hour sin/cos and weekend, each crossed with the video features.
If the context-bag is not clearly better in AUC, the world's "right moment" is not visible in
the events, and the world is no use for deciding about context models. Prints F1 (threshold
chosen on the training labels) and AUC. Stdlib + numpy; runs in seconds.
"""
import csv, json, math, sqlite3, sys, bisect
from datetime import datetime
from zoneinfo import ZoneInfo
import numpy as np
world, db = sys.argv[1], sys.argv[2]
meta = json.load(open(f"{world}/world.json")); zone = ZoneInfo(meta["zone"])
c = sqlite3.connect(db)
def ts(s): return datetime.fromisoformat(s).timestamp()
ev = [(ts(s), ts(e), a, t, u) for s, e, a, t, u in c.execute("select start, end, app, title, url from app_events order by start")]
starts = [e[0] for e in ev]
GROUPS = ["code", "meeting", "chat", "game", "watch", "browse", "office", "other"]
def group(app, title, url):
    a = app.lower()
    if a.startswith("code") or a in ("iterm2", "windowsterminal.exe", "alacritty", "aseprite", "blender.exe", "krita") : return "code"
    if "zoom" in a or "teams" in a or title.startswith("Meet -"): return "meeting"
    if a.split(".")[0] in ("slack", "discord", "telegram", "org") : return "chat"
    if "youtube" in title.lower() or "netflix" in title.lower() or "twitch" in title.lower() or "vlc" in a or a == "mpv": return "watch"
    if a in ("google chrome", "firefox.exe", "firefox"): return "browse"
    if a in ("microsoft outlook", "outlook.exe", "microsoft excel", "excel.exe", "microsoft word", "winword.exe", "notion", "obsidian.exe", "preview", "acrobat.exe", "thunderbird"): return "office"
    if a.endswith(".exe") and a not in ("explorer.exe", "steam.exe", "lockapp.exe", "spotify.exe"): return "game"
    return "other"
def ctx(m):
    i = bisect.bisect_left(starts, m - 3600) - 50
    sh = dict.fromkeys(GROUPS, 0.0)
    for s, e, a, t, u in ev[max(0, i): bisect.bisect_left(starts, m)]:
        o = min(e, m) - max(s, m - 3600)
        if o > 0: sh[group(a, t, u)] += o / 3600
    local = datetime.fromtimestamp(m, zone); h = local.hour + local.minute / 60
    return [sh[g] for g in GROUPS] + [math.sin(2*math.pi*h/24), math.cos(2*math.pi*h/24), float(local.weekday() >= 5), 1.0]
vids = {}
for line in open(f"{world}/videos.jsonl"):
    r = json.loads(line); vids[r["id"]] = r
def kfeat(vid):
    cat = vids[vid]["snippet"]["categoryId"]
    cats = ["1","10","17","20","22","23","24","25","26","27","28"]
    from vrdndi.timeutil import parse_duration
    d = parse_duration(vids[vid]["contentDetails"]["duration"]) or 60
    return [float(cat == x) for x in cats] + [math.log(d/60+0.1)/5, float(d < 60), float(d > 3600)]
def X(vid, m, context):
    k = np.array(kfeat(vid))
    if not context: return np.concatenate([k, [1.0]])
    cx = np.array(ctx(m))
    return np.concatenate([k, cx, np.outer(k, cx).ravel()])
def fit(Xs, y, l2=1e-2, it=600):
    Xs = np.array(Xs); y = np.array(y, float); w = np.zeros(Xs.shape[1])
    for _ in range(it):
        p = 1/(1+np.exp(-Xs@w)); g = Xs.T@(p-y)/len(y) + l2*w; w -= 1.0*g
    return w
def f1(y, p, thr):
    yh = p > thr; tp = (yh & (y == 1)).sum(); return 2*tp/max(1, yh.sum() + (y == 1).sum())
def auc(y, p):
    o = np.argsort(p); r = np.empty(len(p)); r[o] = np.arange(len(p)); n1 = y.sum(); n0 = len(y)-n1
    return (r[y == 1].sum() - n1*(n1-1)/2)/(n1*n0)
train = [(r["video_id"], ts(r["moment"]), int(r["value"])) for r in csv.DictReader(open(f"{world}/labels.csv")) if r["kind"] == "productive"]
test = [(r["video_id"], ts(r["moment"]), int(r["productive"])) for r in csv.DictReader(open(f"{world}/test_truth.csv"))]
for context in (False, True):
    w = fit([X(v, m, context) for v, m, _ in train], [y for *_, y in train])
    ptr = 1/(1+np.exp(-np.array([X(v, m, context) for v, m, _ in train])@w))
    ytr = np.array([y for *_, y in train])
    thr = max(np.linspace(0.1, 0.9, 33), key=lambda t: f1(ytr, ptr, t))
    p = 1/(1+np.exp(-np.array([X(v, m, context) for v, m, _ in test])@w)); y = np.array([t for *_, t in test])
    print(("context-bag " if context else "context-free"), f"F1 {f1(y, p, thr):.2f} AUC {auc(y, p):.2f} (thr {thr:.2f}, test pos {y.mean():.2f})")
