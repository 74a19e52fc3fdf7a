"""``python -m jamfor.web <command>``: Django's management commands with jamfor's settings.

For what ``jamfor serve`` and ``jamfor createuser`` do not cover, e.g.
``python -m jamfor.web migrate`` or ``python -m jamfor.web changepassword``.
"""

from __future__ import annotations

import os
import sys

from jamfor.web import SETTINGS_MODULE


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    from django.core.management import execute_from_command_line

    execute_from_command_line([sys.argv[0].replace("__main__.py", "jamfor.web"), *sys.argv[1:]])


if __name__ == "__main__":
    main()
