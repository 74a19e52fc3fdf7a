"""The app's own date formats (Django's ``FORMAT_MODULE_PATH``): one format everywhere."""
