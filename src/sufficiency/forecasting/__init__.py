"""Forecasts: the methods and their back-tests, and demand, supply, the gap and cost by placement type.
"""
