#!/usr/bin/env python3
"""trajectories.py — an independent check of descent's optimizers: COURSE.md's update
rules written again, plainly, in Python, run side by side with `descent -c '...; trace'`
for 40 steps on Rosenbrock from (-1.2, 1) (fewer when early stopping stops the run).
Every iterate must agree to 1e-12 relative, and the trails must have the same length.
Prints one line per case and "reference: N passed, N failed"."""
import csv, io, math, os, subprocess, sys

DESCENT = os.environ.get("DESCENT", os.path.join(os.path.dirname(__file__), "..", "..", "descent"))
STEPS = 40


def grad(x, y):
    return [-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)]


def descent_trail(commands):
    out = subprocess.run([DESCENT, "-c", commands + "; trace"], capture_output=True, text=True,
                         check=True).stdout
    lines = [l for l in out.splitlines() if l.startswith("run,") or l[:1].isdigit()]
    rows = csv.DictReader(io.StringIO("\n".join(lines)))
    return [(float(r["x"]), float(r["y"])) for r in rows if r["run"] == "1"]


def f(x, y):
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


class ReduceLROnPlateau:
    """PyTorch's torch.optim.lr_scheduler.ReduceLROnPlateau(mode='min', factor, patience,
    threshold, threshold_mode='abs', cooldown=0, eps=0), its step() written out."""

    def __init__(self, factor, patience, threshold=0.0):
        self.factor, self.patience, self.threshold = factor, patience, threshold
        self.best, self.num_bad_epochs, self.scale = math.inf, 0, 1.0

    def step(self, metric):
        if metric < self.best - self.threshold:
            self.best, self.num_bad_epochs = metric, 0
        else:
            self.num_bad_epochs += 1
        if self.num_bad_epochs > self.patience:
            self.scale *= self.factor
            self.num_bad_epochs = 0


class EarlyStopping:
    """COURSE.md §6, the notes' pseudo-code: best_score = None; after every step the
    monitored loss is evaluated; stop after `patience` evaluations without improvement."""

    def __init__(self, patience, min_delta=0.0):
        self.patience, self.min_delta = patience, min_delta
        self.best_score, self.counter = None, 0

    def __call__(self, loss):  # True: stop now
        if self.best_score is None or loss < self.best_score - self.min_delta:
            self.best_score, self.counter = loss, 0
            return False
        self.counter += 1
        return self.counter >= self.patience


def reference(algo, lr, sched=lambda t, a: a, beta=0.9, beta1=0.9, beta2=0.999, eps=1e-8,
              wd=0.0, decoupled=0.0, plateau=None, earlystop=None):
    th, v, s, m, G = [-1.2, 1.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]
    trail = [tuple(th)]
    for t in range(STEPS):
        a = sched(t, lr) * (plateau.scale if plateau else 1.0)
        if algo == "nag":  # look-ahead form: v = βv + α∇J(θ − βv); θ −= v
            look = [th[i] - beta * v[i] for i in range(2)]
            g = grad(*look)
            g = [g[i] + wd * look[i] for i in range(2)]
            v = [beta * v[i] + a * g[i] for i in range(2)]
            th = [th[i] - v[i] for i in range(2)]
            trail.append(tuple(th))
            continue
        g = grad(*th)
        g = [g[i] + wd * th[i] for i in range(2)]  # PyTorch weight decay
        if algo == "gd":
            th = [th[i] - a * g[i] for i in range(2)]
        elif algo == "momentum":  # EMA form
            v = [beta * v[i] + (1 - beta) * g[i] for i in range(2)]
            th = [th[i] - a * v[i] for i in range(2)]
        elif algo == "heavyball":
            v = [beta * v[i] - a * g[i] for i in range(2)]
            th = [th[i] + v[i] for i in range(2)]
        elif algo == "adagrad":  # ε inside the root
            G = [G[i] + g[i] ** 2 for i in range(2)]
            th = [th[i] - a / math.sqrt(G[i] + eps) * g[i] for i in range(2)]
        elif algo == "rmsprop":  # ε inside the root
            s = [beta * s[i] + (1 - beta) * g[i] ** 2 for i in range(2)]
            th = [th[i] - a / math.sqrt(s[i] + eps) * g[i] for i in range(2)]
        elif algo in ("adam", "adamw"):  # ε outside the root; AdamW decays first
            th = [th[i] - a * decoupled * th[i] for i in range(2)]
            m = [beta1 * m[i] + (1 - beta1) * g[i] for i in range(2)]
            s = [beta2 * s[i] + (1 - beta2) * g[i] ** 2 for i in range(2)]
            mh = [m[i] / (1 - beta1 ** (t + 1)) for i in range(2)]
            vh = [s[i] / (1 - beta2 ** (t + 1)) for i in range(2)]
            th = [th[i] - a * mh[i] / (math.sqrt(vh[i]) + eps) for i in range(2)]
        trail.append(tuple(th))
        if plateau:  # evaluated once after every step, as the scheduler's epoch metric
            plateau.step(f(*th))
        if earlystop and earlystop(f(*th)):
            break
    return trail


def cosine(t, a0, lo, T):
    return lo + 0.5 * (a0 - lo) * (1 + math.cos(min(t, T) * math.pi / T))


CASES = [
    ("gd", "algo gd lr=0.001", reference("gd", 0.001)),
    ("gd wd", "algo gd lr=0.001 wd=0.1", reference("gd", 0.001, wd=0.1)),
    ("momentum", "algo momentum lr=0.001 beta=0.9", reference("momentum", 0.001)),
    ("heavyball", "algo heavyball lr=0.0005 beta=0.8", reference("heavyball", 0.0005, beta=0.8)),
    ("nag", "algo nag lr=0.0005 beta=0.9", reference("nag", 0.0005)),
    ("nag wd", "algo nag lr=0.0005 beta=0.9 wd=0.05", reference("nag", 0.0005, wd=0.05)),
    ("adagrad", "algo adagrad lr=0.1", reference("adagrad", 0.1)),
    ("rmsprop", "algo rmsprop lr=0.01 beta=0.9", reference("rmsprop", 0.01)),
    ("adam", "algo adam lr=0.01", reference("adam", 0.01)),
    ("adam wd", "algo adam lr=0.01 wd=0.1", reference("adam", 0.01, wd=0.1)),
    ("adamw", "algo adamw lr=0.01 wd=0.05", reference("adamw", 0.01, decoupled=0.05)),
    ("gd step decay", "algo gd lr=0.001; sched step step=5 gamma=0.5",
     reference("gd", 0.001, sched=lambda t, a: a * 0.5 ** (t // 5))),
    ("gd exponential", "algo gd lr=0.001; sched exp lambda=0.1",
     reference("gd", 0.001, sched=lambda t, a: a * math.exp(-0.1 * t))),
    ("gd cosine", "algo gd lr=0.001; sched cosine T=20 min=0.0001",
     reference("gd", 0.001, sched=lambda t, a: cosine(t, a, 0.0001, 20))),
    ("adam warmup+cosine", "algo adam lr=0.01; sched warmup T=10 then=cosine decay=20 min=0",
     reference("adam", 0.01, sched=lambda t, a: a * t / 10 if t < 10 else cosine(t - 10, a, 0, 20))),
    # descent's patience P is PyTorch's P − 1 (it cuts after more than `patience` bad epochs)
    # (lr = 0.003: step 1 is worse than the start, so counting the start as an evaluation
    # would cut or stop at step 3)
    ("gd plateau", "algo gd lr=0.003; sched plateau factor=0.5 patience=3",
     reference("gd", 0.003, plateau=ReduceLROnPlateau(0.5, 3 - 1))),
    ("gd plateau min_delta", "algo gd lr=0.003; sched plateau factor=0.5 patience=3 min_delta=0.1",
     reference("gd", 0.003, plateau=ReduceLROnPlateau(0.5, 3 - 1, 0.1))),
    ("gd earlystop", "algo gd lr=0.003; earlystop patience=3 monitor=train",
     reference("gd", 0.003, earlystop=EarlyStopping(3))),
    ("gd earlystop min_delta", "algo gd lr=0.003; earlystop patience=3 min_delta=0.1 monitor=train",
     reference("gd", 0.003, earlystop=EarlyStopping(3, 0.1))),
]

passed = failed = 0
for name, commands, expected in CASES:
    got = descent_trail("func rosenbrock; start -1.2 1; " + commands + f"; step {STEPS}")
    n = min(len(got), len(expected))
    err = max(max(abs(got[i][0] - expected[i][0]), abs(got[i][1] - expected[i][1]))
              / (1 + abs(expected[i][0]) + abs(expected[i][1])) for i in range(n))
    ok = len(got) == len(expected) and err < 1e-12
    print(f"{'ok  ' if ok else 'FAIL'} {name:22s} {n - 1} steps, max relative difference {err:.1e}")
    passed += ok
    failed += not ok
print(f"reference: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
