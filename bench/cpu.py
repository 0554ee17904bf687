"""How much of the machine went to processes that are not part of a measurement: the whole
machine's busy time (/proc/stat) minus that of the server's process tree, of wrk and of this
script. On a shared machine this tells a clean run from one that something else slowed down."""
import os
import resource

HZ = os.sysconf("SC_CLK_TCK")


def _machine_busy():
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return user + nice + system + irq + softirq + steal


def _processes():
    """pid -> (ppid, command name, utime + stime in clock ticks) for every live process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        rest = stat[stat.rindex(")") + 2:].split()
        table[int(entry)] = (int(rest[1]), name, int(rest[11]) + int(rest[12]))
    return table


def _ours(roots, names):
    """Ticks of the trees under roots, plus every process named in names (a shared database server)."""
    table = _processes()
    children = {}
    for pid, (ppid, _, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    seen, todo = set(), [r for r in roots if r in table]
    todo += [pid for pid, (_, name, _) in table.items() if name in names]
    while todo:
        pid = todo.pop()
        if pid not in seen:
            seen.add(pid)
            todo.extend(children.get(pid, []))
    return {pid: table[pid][2] for pid in seen}


def _self_and_children():
    own, waited = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return (own.ru_utime + own.ru_stime + waited.ru_utime + waited.ru_stime) * HZ


class Meter:
    """Start before a run, stop after it: stop() gives the cores that others used meanwhile."""

    def __init__(self, roots, names=()):
        self.roots, self.names = roots, set(names)

    def start(self):
        self.busy, self.mine, self.ours = _machine_busy(), _self_and_children(), _ours(self.roots, self.names)
        self.t0 = os.times().elapsed
        return self

    def stop(self):
        elapsed = max(os.times().elapsed - self.t0, 1e-6)
        after = _ours(self.roots, self.names)
        ours = sum(after[pid] - self.ours.get(pid, 0) for pid in after)
        mine = _self_and_children() - self.mine
        foreign = (_machine_busy() - self.busy) - ours - mine
        return {"other_cores": max(0.0, foreign / HZ / elapsed), "server_cores": ours / HZ / elapsed,
                "client_cores": mine / HZ / elapsed}
