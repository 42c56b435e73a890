"""corroborate: one story file per event, from many outlets' coverage."""

__version__ = "0.1.0"
