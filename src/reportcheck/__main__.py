from reportcheck.cli import run

run()
