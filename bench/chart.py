"""The SVG bar chart of a run (bench/results/latest.svg): each scenario's req/s over nginx's GET /
(linear), and apilab's req/s over the baseline's (logarithmic), with the targets marked."""
import math
from xml.sax.saxutils import escape

COLOURS = {"nginx": "#7f7f7f", "sqlite": "#1f77b4", "postgres": "#2ca02c", "baseline": "#ff7f0e"}
WIDTH, LEFT, RIGHT, BAR, GAP = 980, 300, 90, 13, 12
PLOT = WIDTH - LEFT - RIGHT


def _ratio(v):
    if v == 0:
        return "0 ×"
    if v < 0.001:
        return "< 0.001 ×"
    if v < 1:
        return f"{v:.3f} ×"
    if v < 100:
        return f"{v:.3g} ×"
    return f"{v:,.0f} ×"


def _text(x, y, text, size=12, anchor="start", weight="normal", fill="#222"):
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
            f'font-weight="{weight}" fill="{fill}">{escape(text)}</text>')


def _panel(y, title, rows, position, ticks, markers):
    """rows: [(scenario, [(server, value)])]; position(value) -> 0..1; markers: {scenario: (value, label)}."""
    out = [_text(LEFT, y + 16, title, 14, weight="bold")]
    y += 30
    top = y
    for scenario, bars in rows:
        height = max(1, len(bars)) * (BAR + 2)
        out.append(_text(LEFT - 8, y + height / 2 + 4, scenario, 12, "end"))
        for i, (server, value) in enumerate(bars):
            by = y + i * (BAR + 2)
            w = max(0.0, min(1.0, position(value))) * PLOT
            out.append(f'<rect x="{LEFT}" y="{by:.1f}" width="{w:.1f}" height="{BAR}" fill="{COLOURS.get(server, "#999")}"/>')
            out.append(_text(LEFT + w + 4, by + BAR - 2, _ratio(value), 11))
        if scenario in markers:
            value, label = markers[scenario]
            x = LEFT + position(value) * PLOT
            out.append(f'<line x1="{x:.1f}" y1="{y - 3:.1f}" x2="{x:.1f}" y2="{y + height + 1:.1f}" '
                       f'stroke="#d62728" stroke-width="2" stroke-dasharray="4 2"/>')
            out.append(_text(x + 3, y - 4, label, 10, fill="#d62728"))
        y += height + GAP
    for value, label in ticks:
        x = LEFT + position(value) * PLOT
        out.insert(1, f'<line x1="{x:.1f}" y1="{top - 6}" x2="{x:.1f}" y2="{y - GAP + 4:.1f}" stroke="#ddd"/>')
        out.append(_text(x, y + 6, label, 10, "middle", fill="#666"))
    return out, y + 20


def svg(results):
    servers = [s for s in results["servers"]]
    runs = {(r["server"], r["scenario"]): r for r in results["runs"]}
    nginx = runs[("nginx", "hello")]["ok_rps"]
    scenarios = results["scenarios"]

    rows = []
    for s in scenarios:
        rows.append((s["title"], [(v["key"], runs[(v["key"], s["key"])]["ok_rps"] / nginx)
                                  for v in servers if (v["key"], s["key"]) in runs]))
    top = max(1.0, max(v for _, bars in rows for _, v in bars)) * 1.08
    ticks = [(t / 5, f"{t / 5:g}") for t in range(0, int(top * 5) + 1)]
    markers = {scenarios[0]["title"]: (0.6, "target 0.6"),
               next(s["title"] for s in scenarios if s["key"] == "profile"): (0.4, "target 0.4")}
    first, y = _panel(10, "req/s ÷ nginx GET / (the loopback ceiling)", rows, lambda v: v / top, ticks, markers)

    rows = []
    for s in scenarios:
        base = runs.get(("baseline", s["key"]))
        if base and base["ok_rps"] > 0:
            rows.append((s["title"], [(v["key"], runs[(v["key"], s["key"])]["ok_rps"] / base["ok_rps"])
                                      for v in servers if v["kind"] == "apilab" and (v["key"], s["key"]) in runs]))
    values = [v for _, bars in rows for _, v in bars if v > 0] or [1]
    low = 10 ** math.floor(math.log10(min(min(values), 1) * 0.9))
    high = 10 ** math.ceil(math.log10(max(max(values), 10) * 1.1))
    span = math.log10(high) - math.log10(low)
    position = lambda v: (math.log10(max(v, low)) - math.log10(low)) / span  # noqa: E731
    ticks = [(10 ** e, f"{10 ** e:g} ×") for e in range(int(math.log10(low)), int(math.log10(high)) + 1)]
    markers = {next(s["title"] for s in scenarios if s["key"] == "profile"): (10, "target 10 ×")}
    second, y = _panel(y, "apilab req/s ÷ baseline req/s, same scenario (log scale)", rows, position, ticks, markers)

    legend, x = [], LEFT
    for v in servers:
        legend.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{COLOURS.get(v["key"], "#999")}"/>')
        legend.append(_text(x + 16, y + 11, v["label"], 11))
        x += 24 + 7 * len(v["label"])
    m = results["meta"]
    note = (f"{m['date']} · {m['nproc']} cores {m['cpu']} · wrk -t1 -c{m['connections']} -d{m['duration_s']}s · "
            f"commit {m['commit']}")
    legend.append(_text(10, y + 36, note, 10, fill="#666"))
    height = y + 48
    body = "\n".join(first + second + legend)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0f}" '
            f'viewBox="0 0 {WIDTH} {height:.0f}" font-family="sans-serif">\n'
            f'<rect width="100%" height="100%" fill="white"/>\n{body}\n</svg>\n')
