"""reportcheck: read filled industrial-cluster application reports, extract and check them."""

__version__ = "0.1.0"
