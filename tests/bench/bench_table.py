"""The figures of a benchmark module, printed as one table at its end."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Figure:
    measure: str
    value: str
    baseline: str = ""
    ratio: str = ""
    goal: str = ""


@dataclass
class BenchTable:
    title: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, measure: str, value: str, baseline: str = "", ratio: str = "",
            goal: str = "") -> None:
        figure = Figure(measure, value, baseline, ratio, goal)
        self.figures.append(figure)
        # Printed at once too: a later benchmark that fails must not take this one's figures.
        print(f"  {measure}: {value}" + (f" | baseline {baseline}" if baseline else "")
              + (f" | ratio {ratio}" if ratio else "") + (f" | goal {goal}" if goal else ""))

    def note(self, text: str) -> None:
        self.notes.append(text)
        print(f"  note: {text}")

    def render(self) -> str:
        header = Figure("measure", "application", "baseline", "ratio", "goal")
        rows = [header, *self.figures]
        widths = [max(len(getattr(r, name)) for r in rows)
                  for name in ("measure", "value", "baseline", "ratio", "goal")]

        def line(r: Figure) -> str:
            cells = (r.measure, r.value, r.baseline, r.ratio, r.goal)
            return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
        out = [f"\n{self.title}", line(header), rule, *(line(r) for r in self.figures)]
        out += [f"- {n}" for n in self.notes]
        return "\n".join(out)


def ratio(numerator: float, denominator: float) -> str:
    return f"{numerator / denominator:.2f}x" if denominator else "n/a"
