"""The book's chapters: what each notebook calls to write its sections.
"""
