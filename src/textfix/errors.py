"""Errors a user can act on. The CLI prints their message on one line and exits with 2."""


class TextfixError(Exception):
    """Base class: anything raised as a TextfixError is the user's to fix, not a bug."""


class InputError(TextfixError):
    """An input cannot be read as text: missing, a directory, binary, empty, huge, undecodable."""


class ConfigError(TextfixError):
    """An option, data file or backend setting is wrong."""


class BackendError(TextfixError):
    """A grammar backend or model could not be reached or loaded."""
