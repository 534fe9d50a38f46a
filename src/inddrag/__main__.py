"""Allow ``python -m inddrag``."""

from inddrag.cli import main

raise SystemExit(main())
