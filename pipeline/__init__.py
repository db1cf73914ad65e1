"""Clean machine-translated web scrapes and report on their quality."""

__version__ = "0.1.0"
