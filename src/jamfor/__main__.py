"""``python -m jamfor`` runs the CLI."""

from jamfor.cli import main

main()
