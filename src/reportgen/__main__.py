"""`python -m reportgen` runs the command-line interface."""

from reportgen.cli import main

raise SystemExit(main())
