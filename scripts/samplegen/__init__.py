"""Build the bundled samples: a faithful blank template and filled reports with known figures.

The expected JSON beside each sample is written from the figures the builder put in (ground
truth), never from reportcheck's own output.
"""
