"""Command-line interface: arguments in, messages on stderr/stdout and an exit code out.

Exit codes: 0 success, 1 invalid spec or failed build, 2 bad command-line usage.
"""

from reportgen.cli.main import main, run_program

__all__ = ["main", "run_program"]
