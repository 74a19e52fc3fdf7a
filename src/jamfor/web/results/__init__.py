"""Published results: imported through the CLI's adapters, stored, compared and reported."""
