"""The grey levels a stretched scanned page is read by (its paper stretched to white, its darkest print to black)."""

INK = 150  # grey level below which a pixel of the stretched page is ink
PAPER = 200  # grey level over which the stretched page is paper
