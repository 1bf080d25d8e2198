"""The gradient-flow study as the worker thread owns it. No Qt here: the page calls these methods
through ``Worker.call`` (or drives a generator with ``Worker.start``) and receives what they
return as reports.

Every report names the study it comes from (a number the page gives each configuration), so the
page can tell a first frame of a new study from one more frame of the study it shows, whichever
way the report arrived.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from engine.gradient_flow import FlowConfig, FlowSnapshot, GradientFlowStudy, Task


@dataclass(frozen=True)
class FlowReport:
    study: int
    snapshots: tuple[FlowSnapshot, ...]
    # True for the answer to a request (a Step, ``--steps``, a pause): the page draws it at
    # once and completely, where frames of a run may be merged and partly drawn.
    requested: bool = False


class FlowSession:
    """Keeps the study, and the data of every task made so far (the digits take a moment)."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.number = -1
        self.study: GradientFlowStudy | None = None
        self._tasks: dict[str, Task] = {}

    def configure(self, configs: Sequence[FlowConfig], number: int) -> FlowReport:
        """New networks for ``configs`` at step 0, known from now on as study ``number``."""
        self.study = GradientFlowStudy(configs, self.seed, tasks=self._tasks)
        self._tasks = self.study.tasks
        self.number = number
        return FlowReport(number, self.study.snapshot())

    def report(self) -> FlowReport:
        """The study now: after a pause, the steps trained since the last frame."""
        return FlowReport(self.number, self.study.snapshot(), requested=True)

    def advance(self, steps: int) -> FlowReport:
        return FlowReport(self.number, self.study.advance(steps), requested=True)

    def run(self) -> Iterator[FlowReport | None]:
        """Train the current study (looked up when the worker takes the first item)."""
        study, number = self.study, self.number
        for item in study.run():
            yield None if item is None else FlowReport(number, item)

    def configure_and_run(self, configs: Sequence[FlowConfig], number: int) -> Iterator[FlowReport | None]:
        """:meth:`configure`, then :meth:`run`, as one generator: a running lab whose settings
        change goes on running the new networks."""
        yield self.configure(configs, number)
        yield from self.run()
