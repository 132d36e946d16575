"""`python -m inclusion_app` starts the same main() as the `inclusion-app` script."""

import sys

from inclusion_app.cli import main

sys.exit(main())
