import sys

from reportcheck.cli import main

sys.exit(main())
