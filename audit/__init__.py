"""audit: check that the bodies a report addresses have responded, in time and in full."""

__version__ = "0.1.0"
