"""A bound on guessing round codes: a few wrong codes per session per minute.

Kept in the session (a list of the times of recent wrong codes), so one student mistyping
twice is never slowed, and a script trying codes gets a handful per minute out of 244 million.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

#: Wrong codes allowed per window.
WRONG_CODES_ALLOWED = 5
#: The window, in seconds.
WINDOW_SECONDS = 60.0


@dataclass
class CodeGuard:
    """Times of the recent wrong codes of one session."""
    wrong: list[float] = field(default_factory=list)
    allowed: int = WRONG_CODES_ALLOWED
    window: float = WINDOW_SECONDS

    def _recent(self, now: float) -> list[float]:
        self.wrong = [t for t in self.wrong if now - t < self.window][-self.allowed:]
        return self.wrong

    def wait_seconds(self, now: float | None = None) -> float:
        """0 when another code may be tried now, else how long to wait."""
        now = time.monotonic() if now is None else now
        recent = self._recent(now)
        if len(recent) < self.allowed:
            return 0.0
        return max(0.0, self.window - (now - recent[0]))

    def record_wrong(self, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        self._recent(now)
        self.wrong.append(now)
