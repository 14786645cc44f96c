"""How figures reach readers: pages and tables, charts, and numbers and sentences in words.

Text from data is text: matplotlib's mathtext is switched off for every figure the book draws, so a
``$`` typed in a council's file (``$…$`` would otherwise be parsed as maths, and can stop a build)
is printed as typed. It is set here, when any publishing module is first imported, before any
chart creates its text.
"""
import matplotlib

matplotlib.rcParams["text.parse_math"] = False
