"""``python -m desktop``: start Descent Lab (the same as the ``descent-lab`` command)."""
import sys

from desktop.app import main

sys.exit(main())
