"""Descent Lab's desktop app (PySide6): the window, the labs and the worker thread.

The app only shows and controls; all learning happens in ``engine`` on a worker thread.
"""
