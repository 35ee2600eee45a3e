"""A small progress bar for the search commands (no dependency)."""

import sys
import time


class ProgressBar:
    def __init__(self, stream=None, width=30, enabled=True):
        self.stream = stream or sys.stderr
        self.width = width
        self.enabled = enabled
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = {}
        self._last_line = 0.0

    def __call__(self, label, done, total):
        if not self.enabled:
            return
        now = time.monotonic()
        start = self.started.setdefault(label, now)
        finished = done >= total
        if not self.tty and not finished and now - self._last_line < 2:
            return
        self._last_line = now
        fraction = done / total if total else 1.0
        filled = int(self.width * fraction)
        rate = done / (now - start) if now > start else 0.0
        line = (f"{label:<11} [{'#' * filled}{'-' * (self.width - filled)}] {fraction:4.0%} "
                f"{done:>9,}/{total:,}  {rate:,.0f}/s")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if finished else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
