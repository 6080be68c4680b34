"""Where the co-occurrence graph puts its nodes: a sunflower spiral (the entities in the
most articles in the middle), then a force-directed refinement (Fruchterman-Reingold) for
as long as a time budget allows. Repulsion is counted only between nodes in neighbouring
cells of a grid, so one round costs about as much as the nodes and edges, not their
square: 2,000 entities take tens of milliseconds a round in plain Python.

Plain Python, no Qt: runs in a worker thread.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def spiral(count: int, spacing: float = 30.0) -> list[tuple[float, float]]:
    """``count`` points on a sunflower spiral, the first in the middle."""
    return [(spacing * math.sqrt(i) * math.cos(i * GOLDEN_ANGLE),
             spacing * math.sqrt(i) * math.sin(i * GOLDEN_ANGLE)) for i in range(count)]


def spring(positions: Sequence[tuple[float, float]], edges: Sequence[tuple[int, int, int]],
           seconds: float = 1.5, rounds: int = 60,
           spacing: float = 30.0) -> list[tuple[float, float]]:
    """Refine ``positions`` (node index -> point) by the edges ``(i, j, weight)``: linked
    nodes pull together (stronger links pull harder), all push apart; stops after
    ``rounds`` rounds or ``seconds``, whichever comes first."""
    count = len(positions)
    if count < 3:
        return list(positions)
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    k = spacing  # the ideal distance between neighbours
    cell = 2 * k
    heaviest = max((w for _i, _j, w in edges), default=1)
    pulls = [(i, j, 1.0 + math.log(w) / (1.0 + math.log(heaviest))) for i, j, w in edges]
    temperature = k * math.sqrt(count) / 8
    deadline = time.perf_counter() + seconds
    for round_number in range(rounds):
        if time.perf_counter() > deadline:
            break
        dx = [0.0] * count
        dy = [0.0] * count
        grid: dict[tuple[int, int], list[int]] = {}
        for n in range(count):
            grid.setdefault((int(xs[n] // cell), int(ys[n] // cell)), []).append(n)
        for (gx, gy), members in grid.items():
            near = [m for ox in (-1, 0, 1) for oy in (-1, 0, 1)
                    for m in grid.get((gx + ox, gy + oy), ())]
            for a in members:
                ax, ay = xs[a], ys[a]
                fx = fy = 0.0
                for b in near:
                    if a == b:
                        continue
                    ddx, ddy = ax - xs[b], ay - ys[b]
                    distance2 = ddx * ddx + ddy * ddy or 0.01
                    if distance2 < cell * cell:
                        force = k * k / distance2
                        fx += ddx * force
                        fy += ddy * force
                dx[a] += fx
                dy[a] += fy
        for a, b, strength in pulls:
            ddx, ddy = xs[a] - xs[b], ys[a] - ys[b]
            distance = math.sqrt(ddx * ddx + ddy * ddy) or 0.01
            force = distance / k * strength
            fx, fy = ddx * force, ddy * force
            dx[a] -= fx
            dy[a] -= fy
            dx[b] += fx
            dy[b] += fy
        # A weak pull to the middle keeps unlinked nodes and separate groups in view.
        for n in range(count):
            dx[n] -= xs[n] * 0.01
            dy[n] -= ys[n] * 0.01
            length = math.sqrt(dx[n] * dx[n] + dy[n] * dy[n])
            if length > 0:
                step = min(length, temperature)
                xs[n] += dx[n] / length * step
                ys[n] += dy[n] / length * step
        temperature *= 0.95 if round_number > rounds // 3 else 0.99
    return list(zip(xs, ys, strict=True))


def separate(positions: Sequence[tuple[float, float]], distance: float,
             rounds: int = 8) -> list[tuple[float, float]]:
    """Push apart the nodes closer than ``distance`` (half the gap each), a few rounds:
    the forces leave tightly linked groups overlapping, and a circle hidden under another
    cannot be clicked."""
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    count = len(xs)
    for _round in range(rounds):
        moved = False
        grid: dict[tuple[int, int], list[int]] = {}
        for n in range(count):
            grid.setdefault((int(xs[n] // distance), int(ys[n] // distance)), []).append(n)
        for (gx, gy), members in grid.items():
            near = [m for ox in (-1, 0, 1) for oy in (-1, 0, 1)
                    for m in grid.get((gx + ox, gy + oy), ())]
            for a in members:
                for b in near:
                    if b <= a:
                        continue
                    ddx, ddy = xs[b] - xs[a], ys[b] - ys[a]
                    gap = math.sqrt(ddx * ddx + ddy * ddy)
                    if gap >= distance:
                        continue
                    if gap < 1e-6:  # on top of each other: part them sideways
                        ddx, ddy, gap = 1.0, 0.0, 1.0
                    push = (distance - gap) / 2 / gap
                    xs[a] -= ddx * push
                    ys[a] -= ddy * push
                    xs[b] += ddx * push
                    ys[b] += ddy * push
                    moved = True
        if not moved:
            break
    return list(zip(xs, ys, strict=True))
