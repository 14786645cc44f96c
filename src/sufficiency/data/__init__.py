"""Inputs: councils, populations, the published sources and the council's own files, each
read, checked and tidied into tables.
"""
