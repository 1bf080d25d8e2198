"""The app runs NumPy with one BLAS thread unless the user asks for more."""
import os
import subprocess
import sys


def _threads_seen_by_numpy(env: dict) -> str:
    code = "import desktop, os; print(os.environ['OPENBLAS_NUM_THREADS'])"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_one_blas_thread_by_default():
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    assert _threads_seen_by_numpy(env) == "1"


def test_the_users_choice_wins():
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    env["OPENBLAS_NUM_THREADS"] = "4"
    assert _threads_seen_by_numpy(env) == "4"
