"""The build: plan the pages, execute the notebooks, record the edition, run Sphinx and publish.
"""
