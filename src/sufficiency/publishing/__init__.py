"""How figures reach readers: pages and tables, charts, and numbers and sentences in words.
"""
