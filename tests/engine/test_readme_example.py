"""The README's engine example runs as printed and learns the spiral."""
import contextlib
import io
import re
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_trains_the_spiral():
    text = README.read_text(encoding="utf-8")
    code = re.search(r"in 15 lines:\n\n```python\n(.*?)```", text, re.S).group(1)
    assert len([line for line in code.splitlines() if line.strip()]) == 15
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(compile(code, "README.md", "exec"), {})
    last = output.getvalue().strip().splitlines()[-1]
    accuracy = int(re.search(r"accuracy (\d+)%", last).group(1))
    assert accuracy >= 90, last
