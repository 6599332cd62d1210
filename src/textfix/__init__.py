"""textfix: flag and fix awkward machine-translated English in health articles."""

__version__ = "0.1.0"
