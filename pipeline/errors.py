"""A small error hierarchy. The CLI turns any PipelineError into one `Error: …` line, exit 1.

Messages name the thing, the rule, the value and the fix.
"""


class PipelineError(Exception):
    """Base for every error a user can fix."""


class InputError(PipelineError):
    """An input path is missing, unreadable or in a format we cannot read."""


class ConfigError(PipelineError):
    """The config file or a CLI override is invalid."""


class OutputError(PipelineError):
    """An output folder or file cannot be written (a file in the way, a full disk)."""


class DependencyError(PipelineError):
    """A heavy dependency (spaCy model, Java, LanguageTool) is missing."""
