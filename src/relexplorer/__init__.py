"""relexplorer: explore the facts and figures inside policy and think-tank articles."""

__version__ = "0.1.0"
