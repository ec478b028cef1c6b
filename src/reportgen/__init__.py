"""reportgen: one YAML spec in, one print-ready annual-report PDF out.

The pipeline runs one way: spec -> model -> theme -> layout -> render -> print -> cli.
"""

__version__ = "0.1.0"
