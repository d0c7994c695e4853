"""``python -m blocwatch`` runs the CLI."""

from blocwatch.cli import main

main()
