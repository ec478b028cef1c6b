"""`python -m reportgen` runs the command-line interface."""

from reportgen.cli import run_program

run_program()
