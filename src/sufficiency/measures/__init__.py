"""Measures computed from the tidy tables: the registry of indicators, comparators and trends,
supply, costs, stakeholder themes and the ambitions' scorecard.
"""
