"""Descent Lab's desktop app (PySide6): the window, the labs and the worker thread.

The app only shows and controls; all learning happens in ``engine`` on a worker thread.
"""
import os

# The app trains small networks on a worker thread beside the GUI thread. A multi-threaded BLAS
# spins up threads for every small matrix product, competes with the GUI thread for the cores
# and made training about 5x slower here, so one BLAS thread is the default. It must be set
# before NumPy is first imported; a value the user set in the environment wins.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")
