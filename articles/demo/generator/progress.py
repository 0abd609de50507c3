import time
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass
class Phase:
    name: str
    total: int
    done: int = 0
    seconds: float = 0.0
    rows: dict = field(default_factory=dict)  # model label -> rows written


class Progress:
    """Counts per phase on a stream: redrawn in place on a terminal, one line each otherwise."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.interactive = hasattr(stream, "isatty") and stream.isatty()
        self.phases = []
        self._last_draw = 0.0

    @contextmanager
    def phase(self, name, total):
        phase = Phase(name, total)
        self.phases.append(phase)
        started = time.monotonic()
        self._draw(phase, force=True)
        yield phase
        phase.seconds = time.monotonic() - started
        phase.done = phase.total
        if self.interactive:
            self._draw(phase, force=True)
            self.stream.write("\n")
        else:
            self.stream.write(f"{self._line(phase)} in {phase.seconds:.1f}s\n")
        self.stream.flush()

    def advance(self, phase, count):
        phase.done = min(phase.total, phase.done + count)
        self._draw(phase)

    def _draw(self, phase, force=False):
        if not self.interactive:
            return
        now = time.monotonic()
        # Redrawing on every batch would cost more than the batch on a slow terminal.
        if not force and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        self.stream.write(f"\r{self._line(phase)}\x1b[K")
        self.stream.flush()

    def _line(self, phase):
        share = phase.done / phase.total if phase.total else 1
        filled = round(self.WIDTH * share)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        return f"{phase.name:<14} [{bar}] {phase.done:>7,}/{phase.total:,}"
