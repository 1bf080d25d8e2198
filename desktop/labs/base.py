"""The lab protocol: what every lab (a page of the main window) provides, and the lab registry.

A lab is a QWidget subclass of :class:`Lab` in its own module (or package) under
``desktop/labs/``, registered with the :func:`register` decorator::

    @register
    class PlaygroundLab(Lab):
        lab_id = "playground"          # = the module or package name, "-" for "_"
        order = 10                     # position in the side bar (smaller = higher)
        advance_unit = "epoch"         # what one step of --steps / advance(n) is

        @classmethod
        def title(cls) -> str:
            return QCoreApplication.translate("PlaygroundLab", "Playground")
        ...

The main window finds labs by importing every module in ``desktop/labs`` (:func:`discover_labs`),
so adding a lab touches no shared file. Because a lab's id is its module name, ``--lab NAME`` is
checked (:func:`lab_names`) without importing the labs, and the window shows before they load.
The window creates a lab (``LabClass(seed)``) when the user first opens it, calls
``apply_style`` right after, and then drives it through these hooks:

=====================  ===================================================================
main window / CLI      lab hook
=====================  ===================================================================
Space                  :meth:`Lab.toggle_run` (calls :meth:`Lab.run` or :meth:`Lab.pause`)
Right arrow, S         :meth:`Lab.step` (one step: an epoch, an optimizer step, ...)
R                      :meth:`Lab.reset`
Ctrl+S / Ctrl+O        :meth:`Lab.save` / :meth:`Lab.open`, offered only if
                       :meth:`Lab.file_filter` is not empty
View > Presentation,   :meth:`Lab.apply_style` with the new :class:`~desktop.theme.Style`
View > Theme
View > Language        :meth:`Lab.retranslate` (called on QEvent.LanguageChange)
--steps N              :meth:`Lab.advance` ``(N)``, then the lab emits ``settled``
closing / quitting     :meth:`Lab.shutdown`
=====================  ===================================================================

Rules every lab follows:

* **Text**: every visible string goes through ``self.tr(...)``, and :meth:`retranslate` sets all
  of them again, so that switching the language at run time works. PySide6's ``self.tr`` looks
  the text up under the class name of the *object* (not of the class that wrote the call), so in
  a method a subclass may inherit, and where there is no ``self``, write
  ``QCoreApplication.translate("<DefiningClass>", "text")`` instead. Translations live in
  ``resources/translations/<module>.zh_CN.ts`` (one file per module or package in
  ``desktop/labs``); ``tools/translations.py`` updates and compiles them. (Avoid ``#:`` comments
  in desktop code: the translation tool reads them as notes to the translator.)
* **Work**: anything slower than a millisecond runs on a :class:`~desktop.worker.Worker` made by
  :meth:`make_worker`, which :meth:`shutdown` stops. Views only draw the items the worker reports.
* **Look**: colors, pen widths and font scale come from the :class:`~desktop.theme.Style` given
  to :meth:`apply_style`, never hard-coded; ``desktop.widgets.plot_style.style_plot`` styles a
  pyqtgraph plot. A label can take ``setProperty("role", "error" | "muted" | "heading")``.
* **Randomness**: everything random derives from ``self.seed`` (``--seed``), through a
  ``np.random.default_rng(seed)`` handed to the engine.
* **Status**: short messages for the status bar go out through ``status_message``; errors about
  bad input are shown next to the control, engine errors and divergence in the lab itself.
* **Running state**: emit ``running_changed`` whenever training starts or stops (forwarding the
  worker's signal is usually enough), so the Lab menu and shortcuts show the truth.
"""
from __future__ import annotations

import importlib
import logging
import pkgutil
from abc import abstractmethod
from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QWidget

from desktop.theme import Style
from desktop.worker import Worker

_log = logging.getLogger(__name__)


class LabFileError(Exception):
    """A lab cannot save or open a file; the message is translated and shown to the user."""


def missing_hooks(cls: type) -> list[str]:
    """The abstract methods ``cls`` has not implemented. (Qt's metaclass cannot be combined
    with ABCMeta's instantiation check, so :class:`Lab` and :func:`register` check this.)"""
    return sorted(
        name for name in dir(cls)
        if getattr(getattr(cls, name, None), "__isabstractmethod__", False)
    )


class Lab(QWidget):
    """Base class of every lab; see the module docstring for the protocol."""

    # Stable identifier: the --lab argument, the settings key, the translation file name.
    # Lowercase letters, digits and dashes.
    lab_id: ClassVar[str]
    # Position in the side bar; smaller comes first.
    order: ClassVar[int] = 100
    # What one step of :meth:`advance` (and ``--steps``) is, for ``--help``: "epoch", "step", ...
    advance_unit: ClassVar[str] = "step"
    # How long (s) a thread may hold Python's interpreter lock while another waits, while this
    # lab is shown. The window and the lab's worker share the lock: a shorter interval gives it
    # back to the window sooner, at some cost to the worker. Python's default suits labs whose
    # worker runs large NumPy calls; a lab of many tiny ones (the Playground) may ask for less.
    gil_switch_seconds: ClassVar[float] = 0.005

    # Emitted once after :meth:`advance`, when the view shows the result (the screenshot waits).
    settled = Signal()
    # A short message for the main window's status bar (already translated).
    status_message = Signal(str)
    # True when the lab starts running (training, animating), False when it stops.
    running_changed = Signal(bool)

    def __init__(self, seed: int, parent: QWidget | None = None) -> None:
        """``seed`` makes everything random in the lab reproducible (``--seed``)."""
        missing = missing_hooks(type(self))
        if missing:
            raise TypeError(f"{type(self).__name__} must implement: {', '.join(missing)}")
        super().__init__(parent)
        self.seed = seed
        self._workers: list[Worker] = []

    # ----- identity ------------------------------------------------------------------------------

    @classmethod
    @abstractmethod
    def title(cls) -> str:
        """The lab's name in the current language, for the side bar and the window title."""

    @classmethod
    def icon(cls) -> QIcon:
        """The side-bar icon; no icon by default."""
        return QIcon()

    # ----- language and look ---------------------------------------------------------------------

    @abstractmethod
    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    @abstractmethod
    def apply_style(self, style: Style) -> None:
        """Restyle the lab's own views (pyqtgraph plots, painted widgets) for ``style``: fonts
        scaled by ``style.font_scale``, pens from ``style.curve_pen()``, colors from
        ``style.palette``. Qt widgets (labels, buttons) follow the application font by themselves.
        """

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- running -------------------------------------------------------------------------------

    @abstractmethod
    def is_running(self) -> bool:
        """True while the lab trains or animates on its own."""

    @abstractmethod
    def run(self) -> None:
        """Start (or continue) training; does nothing if already running."""

    @abstractmethod
    def pause(self) -> None:
        """Stop training, keeping the state; does nothing if not running."""

    @abstractmethod
    def step(self) -> None:
        """Advance by one step (see ``advance_unit``) and show the result; pauses first."""

    @abstractmethod
    def reset(self) -> None:
        """Back to the initial state (new weights, epoch 0); keeps the user's settings."""

    @abstractmethod
    def advance(self, steps: int) -> None:
        """For the command line: advance ``steps`` steps (0 = just show the initial state), then
        emit ``settled`` once the views show the result. May return before that (the worker runs);
        the caller waits for ``settled``."""

    def toggle_run(self) -> None:
        """Space bar: pause if running, run otherwise."""
        if self.is_running():
            self.pause()
        else:
            self.run()

    # ----- files ---------------------------------------------------------------------------------

    def file_filter(self) -> str:
        """A QFileDialog name filter (e.g. ``"Networks (*.json)"``, translated) for the files this
        lab saves and opens; empty means the lab has nothing to save, and Save/Open are disabled.
        A lab that returns a filter overrides :meth:`save` and :meth:`open` as well."""
        return ""

    def save(self, path: str) -> None:
        """Save the lab's state to ``path``; raise :class:`LabFileError` with a translated
        message if that fails."""
        raise LabFileError(QCoreApplication.translate("Lab", "This lab has nothing to save."))

    def open(self, path: str) -> None:
        """Restore the lab's state from ``path``; raise :class:`LabFileError` with a translated
        message (what is wrong with the file) if it cannot."""
        raise LabFileError(QCoreApplication.translate("Lab", "This lab has nothing to open."))

    # ----- threads -------------------------------------------------------------------------------

    def make_worker(self, **options) -> Worker:
        """A worker that :meth:`shutdown` stops with the lab. ``options`` go to
        :class:`~desktop.worker.Worker` (e.g. ``max_reports_per_second`` for a generator that
        paces its own reports and must not have any dropped)."""
        worker = Worker(**options)
        self._workers.append(worker)
        return worker

    def shutdown(self) -> None:
        """Stop every worker of this lab (within about a second). Overrides call super()."""
        for worker in self._workers:
            worker.shutdown()


# ----- registry -------------------------------------------------------------------------------

_registry: dict[str, type[Lab]] = {}


def register(lab_class: type[Lab]) -> type[Lab]:
    """Class decorator: make ``lab_class`` available to the main window and ``--lab``."""
    lab_id = getattr(lab_class, "lab_id", "")
    if not lab_id or not all(c.islower() or c.isdigit() or c == "-" for c in lab_id):
        raise ValueError(
            f"{lab_class.__name__}.lab_id must be lowercase letters, digits and dashes, "
            f"got {lab_id!r}"
        )
    missing = missing_hooks(lab_class)
    if missing:
        raise TypeError(f"{lab_class.__name__} must implement: {', '.join(missing)}")
    prefix = "desktop.labs."
    if lab_class.__module__.startswith(prefix):
        module_id = lab_class.__module__.removeprefix(prefix).split(".")[0].replace("_", "-")
        if lab_id != module_id:
            raise ValueError(
                f"{lab_class.__name__}.lab_id must be {module_id!r}, the name of its module, "
                f"got {lab_id!r}"
            )
    existing = _registry.get(lab_id)
    if existing is not None and existing is not lab_class:
        raise ValueError(
            f"lab id {lab_id!r} is used by both {existing.__name__} and {lab_class.__name__}"
        )
    _registry[lab_id] = lab_class
    return lab_class


def registered_labs() -> list[type[Lab]]:
    """The registered lab classes in side-bar order."""
    return sorted(_registry.values(), key=lambda lab: (lab.order, lab.lab_id))


def lab_class(lab_id: str) -> type[Lab]:
    """The lab registered as ``lab_id``; ValueError naming the known ids if there is none."""
    try:
        return _registry[lab_id]
    except KeyError:
        known = ", ".join(lab.lab_id for lab in registered_labs()) or "none"
        raise ValueError(f"unknown lab {lab_id!r}; available labs: {known}") from None


def _lab_modules() -> list[str]:
    import desktop.labs

    return [
        module.name for module in pkgutil.iter_modules(desktop.labs.__path__)
        if module.name != "base" and not module.name.startswith("_")
    ]


def lab_names() -> list[str]:
    """Ids of every lab, registered or not yet imported (cheap: imports nothing)."""
    names = {name.replace("_", "-") for name in _lab_modules()} | set(_registry)
    return sorted(names)


def discover_labs() -> list[str]:
    """Import every module and package in ``desktop/labs`` so that their labs register.

    A lab that fails to import is skipped (one broken lab must not take the app down); the
    returned list says which and why, for the status bar and the log."""
    problems = []
    for name in _lab_modules():
        try:
            importlib.import_module(f"desktop.labs.{name}")
        except Exception as error:
            _log.exception("the lab module %s failed to import", name)
            problems.append(f"{name}: {type(error).__name__}: {error}")
    return problems
