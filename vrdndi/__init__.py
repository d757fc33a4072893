"""vrdndi: a personal, context-aware YouTube feed."""

__version__ = "0.1.0"
