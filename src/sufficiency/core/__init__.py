"""Foundations every layer may use: paths, errors, DfE's value markers, reading files,
digests and caches, and the book's assumptions.
"""
