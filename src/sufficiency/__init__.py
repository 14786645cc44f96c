"""Placement sufficiency strategy book: data, indicators, forecasts and build."""
__version__ = "0.1.0"
